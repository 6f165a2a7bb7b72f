//! One JSONL line to a document: the configured id, text and source fields picked out, the
//! rest skipped unparsed.

use super::{Document, Fields, Item, Problem};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::fmt;

/// Empty documents are refused: they are usually a broken export, worth a warning.
pub(super) fn check_text(doc: Document, location: impl FnOnce() -> String) -> Item {
    if doc.text.trim().is_empty() {
        Item::Bad(Problem {
            location: location(),
            message: format!("document {:?} is empty", doc.id),
            failed: true,
        })
    } else {
        Item::Doc(doc, None)
    }
}

/// Parses one JSONL line into a document. `location` ("file:line") and `fallback_id` (the
/// id of a document without one) are made only when needed: this runs for every line.
pub(super) fn parse_line(
    bytes: &[u8],
    fields: &Fields,
    location: impl Fn() -> String,
    fallback_id: impl Fn() -> String,
) -> Item {
    let bad = |message: String| {
        Item::Bad(Problem {
            location: location(),
            message,
            failed: true,
        })
    };
    let line = match std::str::from_utf8(bytes) {
        Ok(line) => line,
        Err(e) => {
            return bad(format!(
                "invalid UTF-8 at byte {} of the line (the file must be UTF-8)",
                e.valid_up_to()
            ));
        }
    };
    // From the checked `str`, so serde_json does not check each string's UTF-8 again.
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = LineSeed { fields }.deserialize(&mut de).and_then(|v| {
        de.end()?;
        Ok(v)
    });
    let (id, text, source) = match parsed {
        Ok(v) => v,
        Err(e) => return bad(format!("malformed JSON: {e}")),
    };
    let Some(text) = text else {
        return bad(format!(
            "missing field {:?} (choose the text field with --text-field)",
            fields.text
        ));
    };
    let (id, warning) = match id {
        Some(id) => (id, None),
        None => (
            fallback_id(),
            Some(Problem {
                location: location(),
                message: format!(
                    "missing field {:?}; using id {:?} (choose the id field with --id-field)",
                    fields.id,
                    fallback_id()
                ),
                failed: false,
            }),
        ),
    };
    match check_text(Document { id, text, source }, &location) {
        Item::Doc(d, _) => Item::Doc(d, warning),
        bad => bad,
    }
}

type LineValue = (Option<String>, Option<String>, Option<String>);

/// Picks the configured fields out of a JSON object and skips the rest unparsed.
struct LineSeed<'a> {
    fields: &'a Fields,
}

impl<'de> DeserializeSeed<'de> for LineSeed<'_> {
    type Value = LineValue;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<LineValue, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for LineSeed<'_> {
    type Value = LineValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with the document's fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LineValue, A::Error> {
        let (mut id, mut text, mut source) = (None, None, None);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.fields.id {
                id = map.next_value::<Scalar>()?.0;
            } else if key == self.fields.text {
                text = map.next_value::<Option<String>>()?;
            } else if key == self.fields.source {
                source = map.next_value::<Scalar>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok((id, text, source))
    }
}

/// A string or number field read as a string (ids are often numbers).
struct Scalar(Option<String>);

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(Scalar(Some(s))),
            serde_json::Value::Number(n) => Ok(Scalar(Some(n.to_string()))),
            serde_json::Value::Null => Ok(Scalar(None)),
            other => Err(serde::de::Error::custom(format!(
                "expected a string or number, found {other}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> Item {
        parse_line(
            s.as_bytes(),
            &Fields::default(),
            || "f.jsonl:3".into(),
            || "f:3".into(),
        )
    }

    #[test]
    fn jsonl_lines() {
        match line(r#"{"id": 7, "text": "Baghdad", "source": "wire", "x": [1, {"y": 2}]}"#) {
            Item::Doc(d, None) => {
                assert_eq!(d.id, "7");
                assert_eq!(d.source.as_deref(), Some("wire"));
            }
            other => panic!("{other:?}"),
        }
        let rows = [
            (r#"{"id": "a", "text": "#, "malformed JSON"),
            (r#"{"id": "a"}"#, "missing field \"text\""),
            (r#"{"id": "a", "text": "  "}"#, "is empty"),
            (r#"[1, 2]"#, "malformed JSON"),
            (r#"{"id": "a", "text": "x"} trailing"#, "malformed JSON"),
        ];
        for (input, want) in rows {
            match line(input) {
                Item::Bad(p) => {
                    assert!(p.message.contains(want), "{input}: {p}");
                    assert_eq!(p.location, "f.jsonl:3");
                }
                other => panic!("{input}: {other:?}"),
            }
        }
        match parse_line(
            b"{\"text\": \"\xff\"}",
            &Fields::default(),
            || "f:1".into(),
            || "f:1".into(),
        ) {
            Item::Bad(p) => assert!(p.message.contains("invalid UTF-8")),
            other => panic!("{other:?}"),
        }
        match line(r#"{"text": "Baghdad"}"#) {
            Item::Doc(d, Some(w)) => {
                assert_eq!(d.id, "f:3");
                assert!(!w.failed);
            }
            other => panic!("{other:?}"),
        }
    }
}
