//! One JSONL line to a document: the configured id, text, source and date fields picked
//! out, the rest skipped unparsed.

use super::{Document, Fields, Item, Problem, escape_controls};
use crate::date::Date;
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
/// id of a document without one) are made only when needed: this runs for every line. A
/// line without a date field is dated `default_date` (`--date`); one whose date field is not
/// a date is read undated, with a warning.
pub(super) fn parse_line(
    bytes: &[u8],
    fields: &Fields,
    default_date: Option<Date>,
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
    let value = match parsed {
        Ok(v) => v,
        Err(e) => return bad(format!("malformed JSON: {e}")),
    };
    let Some(text) = value.text else {
        return bad(format!(
            "missing field {:?} (choose the text field with --text-field)",
            fields.text
        ));
    };
    let (id, date, warnings) = id_and_date(value.id, value.date, fields, default_date, fallback_id);
    let warning = (!warnings.is_empty()).then(|| Problem {
        location: location(),
        message: warnings.join("; "),
        failed: false,
    });
    let doc = Document {
        id,
        text,
        source: value.source,
        date,
    };
    match check_text(doc, &location) {
        Item::Doc(d, _) => Item::Doc(d, warning),
        bad => bad,
    }
}

/// The document's id and date from a line's fields (`None`: absent), with a warning for each
/// that could not be used: a missing id gets the fallback, a date field that is no date
/// leaves the document undated (never `default_date`, which is for lines without one).
fn id_and_date(
    id: Option<String>,
    date: Option<String>,
    fields: &Fields,
    default_date: Option<Date>,
    fallback_id: impl Fn() -> String,
) -> (String, Option<Date>, Vec<String>) {
    let mut warnings = Vec::new();
    let id = id.unwrap_or_else(|| {
        warnings.push(format!(
            "missing field {:?}; using id {:?} (choose the id field with --id-field)",
            fields.id,
            fallback_id()
        ));
        fallback_id()
    });
    let date = match date {
        None => default_date,
        Some(raw) => Date::parse_document_date(&raw).or_else(|| {
            warnings.push(format!(
                "field {:?}: {:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY); the document is \
                 read without a date (choose the date field with --date-field)",
                fields.date,
                escape_controls(&raw)
            ));
            None
        }),
    };
    (id, date, warnings)
}

/// The fields of one line that the reader uses, as found.
#[derive(Default)]
struct LineValue {
    id: Option<String>,
    text: Option<String>,
    source: Option<String>,
    date: Option<String>,
}

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
        let mut v = LineValue::default();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.fields.id {
                v.id = map.next_value::<Scalar>()?.0;
            } else if key == self.fields.text {
                v.text = map.next_value::<Option<String>>()?;
            } else if key == self.fields.source {
                v.source = map.next_value::<Scalar>()?.0;
            } else if key == self.fields.date {
                v.date = map.next_value::<Scalar>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(v)
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
            None,
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
            None,
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

    #[test]
    fn a_date_field_dates_the_document() {
        let date = |s: &str| crate::date::Date::parse(s);
        let fallback = date("1999");
        // (line, the document's date, whether a warning comes with it)
        let rows = [
            (
                r#"{"id": 1, "text": "x", "date": "1987-06-01"}"#,
                date("1987-06-01"),
                false,
            ),
            (
                r#"{"id": 1, "text": "x", "date": "1987-06"}"#,
                date("1987-06"),
                false,
            ),
            (
                r#"{"id": 1, "text": "x", "date": 1987}"#,
                date("1987"),
                false,
            ),
            (
                r#"{"id": 1, "text": "x", "date": "2020-01-03T05:00:00Z"}"#,
                date("2020-01-03"),
                false,
            ),
            // No date field: the input's date (--date).
            (r#"{"id": 1, "text": "x"}"#, fallback, false),
            (r#"{"id": 1, "text": "x", "date": null}"#, fallback, false),
            // A field that is no date: read undated, with a warning; never the fallback.
            (
                r#"{"id": 1, "text": "x", "date": "1987-13-01"}"#,
                None,
                true,
            ),
            (r#"{"id": 1, "text": "x", "date": "yesterday"}"#, None, true),
        ];
        for (input, want, warned) in rows {
            let item = parse_line(
                input.as_bytes(),
                &Fields::default(),
                fallback,
                || "f.jsonl:9".into(),
                || "f:9".into(),
            );
            match item {
                Item::Doc(d, w) => {
                    assert_eq!(d.date, want, "{input}");
                    assert_eq!(w.is_some(), warned, "{input}: {w:?}");
                    if let Some(w) = w {
                        assert_eq!(w.location, "f.jsonl:9");
                        assert!(!w.failed && w.message.contains("is not a date"), "{w}");
                    }
                }
                other => panic!("{input}: {other:?}"),
            }
        }
        // Another field name, and both warnings of one line in one problem.
        let fields = Fields {
            date: "published".into(),
            ..Fields::default()
        };
        let item = parse_line(
            br#"{"text": "x", "published": "1987-02-30", "date": "1987"}"#,
            &fields,
            None,
            || "g:1".into(),
            || "g:1".into(),
        );
        match item {
            Item::Doc(d, Some(w)) => {
                assert_eq!(d.date, None);
                assert!(
                    w.message.contains("missing field \"id\"")
                        && w.message.contains("\"published\""),
                    "{w}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
