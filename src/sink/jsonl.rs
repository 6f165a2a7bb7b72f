//! The mentions sink: one JSON line per mention, in document order.
//!
//! Lines are written field by field rather than through serde: the bytes are exactly those
//! `serde_json::to_writer` writes for the [`crate::record::MentionRecord`] (a property test
//! below holds them equal), without serde's per-field calls and key escaping, which cost as
//! much as the rest of serialising (docs/performance.md).

use super::batch::{Batch, Sink};
use crate::date::Date;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::{Extracted, Mention};
use crate::record::MatchKind;
#[cfg(test)]
use crate::record::MentionRecord;
use std::io::Write;
use std::path::PathBuf;

/// Writes every mention as a JSON line (the fields of [`crate::record::MentionRecord`]).
pub struct MentionsJsonl {
    out: Box<dyn Write + Send>,
    /// Names the output in errors.
    label: PathBuf,
    line: Vec<u8>,
    mentions: u64,
}

impl MentionsJsonl {
    /// Writes to `out`; `label` names it in errors (a path, or `<stdout>`).
    pub fn new(out: Box<dyn Write + Send>, label: impl Into<PathBuf>) -> Self {
        MentionsJsonl {
            out,
            label: label.into(),
            line: Vec::new(),
            mentions: 0,
        }
    }

    /// Mentions written so far.
    pub fn mentions(&self) -> u64 {
        self.mentions
    }

    /// Writes out the lines gathered so far.
    fn put(&mut self) -> Result<()> {
        let written = self.out.write_all(&self.line);
        self.line.clear();
        written.map_err(|e| Error::write("mentions", &self.label, e))
    }
}

/// Mention lines are gathered up to this many bytes before they are written.
const PIECE: usize = 1 << 16;

impl Sink for MentionsJsonl {
    fn write(&mut self, batch: &Batch<'_>) -> Result<()> {
        for (doc, ex) in batch.iter() {
            for m in ex.mentions() {
                write_line(&mut self.line, &Line::of(doc, ex, m));
                // A long document's lines go out in pieces, not held whole.
                if self.line.len() >= PIECE {
                    self.put()?;
                }
            }
            self.put()?;
            self.mentions += ex.mentions().len() as u64;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.out
            .flush()
            .map_err(|e| Error::write("mentions", &self.label, e))
    }
}

/// The fields of one mention line, borrowed from the document, the extraction and the
/// gazetteer.
struct Line<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'a str,
    entity: &'a str,
    canonical: &'a str,
    how: MatchKind,
    sentence: usize,
    confidence: f32,
    trace: Option<&'a str>,
    antecedent: Option<usize>,
    source: Option<&'a str>,
    date: Option<Date>,
}

impl<'a> Line<'a> {
    fn of(doc: &'a Document, ex: &'a Extracted<'_>, m: &'a Mention) -> Self {
        let e = ex.entity(m);
        Line {
            doc: &doc.id,
            start: m.start,
            end: m.end,
            text: &doc.text[m.start..m.end],
            kind: e.kind.as_str(),
            entity: e.id,
            canonical: e.canonical,
            how: m.how,
            sentence: m.sentence as usize,
            confidence: m.confidence,
            trace: m.trace.as_deref(),
            antecedent: m.antecedent,
            source: doc.source.as_deref(),
            date: doc.date,
        }
    }

    #[cfg(test)]
    fn of_record(r: &'a MentionRecord) -> Self {
        Line {
            doc: &r.doc,
            start: r.start,
            end: r.end,
            text: &r.text,
            kind: &r.kind,
            entity: &r.entity,
            canonical: &r.canonical,
            how: r.how,
            sentence: r.sentence,
            confidence: r.confidence,
            trace: r.trace.as_deref(),
            antecedent: r.antecedent,
            source: r.source.as_deref(),
            date: r
                .date
                .as_deref()
                .map(|d| Date::parse(d).expect("a record's date")),
        }
    }
}

/// Appends the JSON line of `r` (newline included) to `out`.
fn write_line(out: &mut Vec<u8>, r: &Line<'_>) {
    let mut int = itoa::Buffer::new();
    out.extend_from_slice(b"{\"doc\":");
    json_str(out, r.doc);
    out.extend_from_slice(b",\"start\":");
    out.extend_from_slice(int.format(r.start).as_bytes());
    out.extend_from_slice(b",\"end\":");
    out.extend_from_slice(int.format(r.end).as_bytes());
    out.extend_from_slice(b",\"text\":");
    json_str(out, r.text);
    out.extend_from_slice(b",\"type\":");
    json_str(out, r.kind);
    out.extend_from_slice(b",\"entity\":");
    json_str(out, r.entity);
    out.extend_from_slice(b",\"canonical\":");
    json_str(out, r.canonical);
    out.extend_from_slice(b",\"match\":\"");
    out.extend_from_slice(r.how.as_str().as_bytes());
    out.extend_from_slice(b"\",\"sentence\":");
    out.extend_from_slice(int.format(r.sentence).as_bytes());
    if r.confidence != 1.0 {
        out.extend_from_slice(b",\"confidence\":");
        // serde_json's own float formatting (and `null` for NaN), so the bytes agree.
        serde_json::to_writer(&mut *out, &r.confidence).expect("a float serialises");
    }
    if let Some(trace) = r.trace {
        out.extend_from_slice(b",\"trace\":");
        json_str(out, trace);
    }
    if let Some(a) = r.antecedent {
        out.extend_from_slice(b",\"antecedent\":");
        out.extend_from_slice(int.format(a).as_bytes());
    }
    if let Some(source) = r.source {
        out.extend_from_slice(b",\"source\":");
        json_str(out, source);
    }
    if let Some(date) = r.date {
        // Digits and hyphens only: nothing to escape.
        out.extend_from_slice(b",\"date\":\"");
        write!(out, "{date}").expect("writing to a vector");
        out.push(b'"');
    }
    out.extend_from_slice(b"}\n");
}

/// A JSON string as serde_json writes it: `"` and `\\` escaped, the control characters
/// as `\b \t \n \f \r` or `\u00XX` (lower-case hex), everything else as is.
fn json_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut from = 0;
    // Eight bytes at a time past those that need no escape (most of every string); a chunk
    // that may hold one (non-ASCII bytes can look like it) is looked at byte by byte.
    let mut i = 0;
    while let Some(x) = crate::bytes8::load8(bytes, i) {
        if may_need_escape(x) {
            break;
        }
        i += 8;
    }
    for (i, &b) in bytes.iter().enumerate().skip(i) {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[from..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ]),
        }
        from = i + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// Is some byte of the eight in `x` maybe a control character, `"` or `\\`? Exact for ASCII;
/// a byte from 0x80 to 0x9f may be flagged too.
fn may_need_escape(x: u64) -> bool {
    use crate::bytes8::{HIGH, at_least, equal};
    (!at_least(x, 0x20) | equal(x, b'"') | equal(x, b'\\')) & HIGH != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::MentionRecord;
    use proptest::prelude::*;

    fn kind() -> impl Strategy<Value = MatchKind> {
        prop_oneof![
            Just(MatchKind::Exact),
            Just(MatchKind::Alias),
            Just(MatchKind::Variant),
            Just(MatchKind::Partial),
            Just(MatchKind::Acronym),
            Just(MatchKind::Coref),
            Just(MatchKind::Discovered),
        ]
    }

    /// Strings with the characters that need escaping, non-ASCII text among them.
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just('"'),
                Just('\\'),
                Just('\n'),
                Just('\u{7f}'),
                Just('’'),
                Just('ع'),
                (0u8..0x20).prop_map(char::from),
                any::<char>(),
                prop::char::range('a', 'z'),
            ],
            0..12,
        )
        .prop_map(|c| c.into_iter().collect())
    }

    fn confidence() -> impl Strategy<Value = f32> {
        prop_oneof![
            Just(1.0f32),
            Just(0.9f32),
            Just(f32::NAN),
            Just(f32::INFINITY),
            any::<f32>(),
            (0u32..=100).prop_map(|n| n as f32 / 100.0),
        ]
    }

    /// A date at any of its three precisions, as records write it.
    fn date() -> impl Strategy<Value = String> {
        (1u16..=9999, 0u8..=12, 0u8..=28).prop_map(|(y, m, d)| match (m, d) {
            (0, _) => format!("{y:04}"),
            (m, 0) => format!("{y:04}-{m:02}"),
            (m, d) => format!("{y:04}-{m:02}-{d:02}"),
        })
    }

    prop_compose! {
        fn record()(
            doc in text(), start in any::<usize>(), end in any::<usize>(), surface in text(),
            kind in text(), entity in text(), canonical in text(), how in kind(),
            sentence in any::<usize>(), confidence in confidence(),
            trace in prop::option::of(text()), antecedent in prop::option::of(any::<usize>()),
            source in prop::option::of(text()), date in prop::option::of(date()),
        ) -> MentionRecord {
            MentionRecord {
                doc, start, end, text: surface, kind, entity, canonical, how, sentence,
                confidence, trace, antecedent, source, date,
            }
        }
    }

    #[test]
    fn escapes_are_found_at_every_offset() {
        // Each character that needs escaping, and non-ASCII bytes the eight-byte test flags
        // too ('Ā' is C4 80, U+009F is C2 9F), at every place of a long plain string.
        for c in [
            '"', '\\', '\n', '\u{1}', '\u{1f}', 'Ā', '\u{9f}', '’', ' ', '~',
        ] {
            for at in 0..40 {
                let mut s: String = "abcdefghij".repeat(4).chars().take(at).collect();
                s.push(c);
                s.push_str("klmnopqrstuvwxyz");
                let mut ours = Vec::new();
                json_str(&mut ours, &s);
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    serde_json::to_string(&s).unwrap(),
                    "{c:?} at {at}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn lines_are_serde_json_lines(records in prop::collection::vec(record(), 0..4)) {
            let mut ours = Vec::new();
            for r in &records {
                write_line(&mut ours, &Line::of_record(r));
            }
            let mut theirs = Vec::new();
            for r in &records {
                serde_json::to_writer(&mut theirs, r).unwrap();
                theirs.push(b'\n');
            }
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap());
        }
    }
}
