//! Stage 5: the public output contract. These serde types are what JSONL, CSV and the
//! database sinks write; field names and meanings are documented in README.md and in
//! `schema/*.schema.json`. Changing a field here is a breaking change for every user.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a mention was tied to its entity, most direct first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The surface normalises to the entity's canonical name.
    Exact,
    /// The surface normalises to a listed alias or code.
    Alias,
    /// A transliteration variant of a listed name that no gazetteer lists.
    Variant,
    /// A short form ("Soleimani") of a full name seen in the same document.
    Partial,
    /// An acronym defined in the text ("Popular Mobilisation Units, or PMU").
    Acronym,
    /// A nominal mention ("the Iranian commander") linked to an earlier mention.
    Coref,
    /// A name no gazetteer holds, found from its context.
    Discovered,
}

impl MatchKind {
    /// The lowercase name used in records and databases.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Alias => "alias",
            MatchKind::Variant => "variant",
            MatchKind::Partial => "partial",
            MatchKind::Acronym => "acronym",
            MatchKind::Coref => "coref",
            MatchKind::Discovered => "discovered",
        }
    }
}

/// One mention of an entity in one document: a line of the mentions JSONL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    /// Document id.
    pub doc: String,
    /// UTF-8 byte offset of the first byte of the surface in the original text.
    pub start: usize,
    /// UTF-8 byte offset one past the last byte (exclusive).
    pub end: usize,
    /// The surface: exactly `text[start..end]` of the original document.
    pub text: String,
    /// PERSON, ORG, GPE, LOC or FACILITY.
    #[serde(rename = "type")]
    pub kind: String,
    /// Stable entity id.
    pub entity: String,
    /// The entity's canonical name.
    pub canonical: String,
    /// How the mention was linked.
    #[serde(rename = "match")]
    pub how: MatchKind,
    /// Index of the sentence (0-based) the mention starts in.
    pub sentence: usize,
    /// Confidence in the link, 0..1.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub confidence: f32,
    /// Why the link was made (rules applied), for variant, coref and discovered mentions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<String>,
    /// For coref mentions: the index (within this document's mentions) of the antecedent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<usize>,
    /// The feed the document came from, when the input names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn one() -> f32 {
    1.0
}

fn is_one(x: &f32) -> bool {
    *x == 1.0
}

/// Knowledge-base identifiers of an entity; absent when unknown (never guessed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KbIds {
    /// Wikidata QID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// GeoNames id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames: Option<u64>,
}

/// One real-world entity seen in the run: a line of the entities JSONL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// Stable entity id.
    pub entity: String,
    /// PERSON, ORG, GPE, LOC or FACILITY.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical name.
    pub canonical: String,
    /// Knowledge-base ids.
    pub kb: KbIds,
    /// Latitude and longitude, when the gazetteer holds them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<[f64; 2]>,
    /// ISO country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Parent or affiliated entity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Number of mentions in the run.
    pub mentions: u64,
    /// Number of documents that mention it.
    pub documents: u64,
    /// Every surface seen, with its count.
    pub variants: BTreeMap<String, u64>,
    /// Surface counts per source (feed); empty when no input named a source.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, BTreeMap<String, u64>>,
    /// Whether the entity came from a gazetteer or was discovered in the text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub discovered: bool,
    /// For discovered entities: the contexts that made them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// A [`MentionRecord`] borrowed from the document and the gazetteer: what the mentions
/// output writes, without a string allocated per field (see [`MentionRef::write_line`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MentionRef<'a> {
    /// [`MentionRecord::doc`].
    pub doc: &'a str,
    /// [`MentionRecord::start`].
    pub start: usize,
    /// [`MentionRecord::end`].
    pub end: usize,
    /// [`MentionRecord::text`].
    pub text: &'a str,
    /// [`MentionRecord::kind`].
    pub kind: &'a str,
    /// [`MentionRecord::entity`].
    pub entity: &'a str,
    /// [`MentionRecord::canonical`].
    pub canonical: &'a str,
    /// [`MentionRecord::how`].
    pub how: MatchKind,
    /// [`MentionRecord::sentence`].
    pub sentence: usize,
    /// [`MentionRecord::confidence`].
    pub confidence: f32,
    /// [`MentionRecord::trace`].
    pub trace: Option<&'a str>,
    /// [`MentionRecord::antecedent`].
    pub antecedent: Option<usize>,
    /// [`MentionRecord::source`].
    pub source: Option<&'a str>,
}

impl MentionRecord {
    /// The record as a [`MentionRef`].
    pub fn as_ref(&self) -> MentionRef<'_> {
        MentionRef {
            doc: &self.doc,
            start: self.start,
            end: self.end,
            text: &self.text,
            kind: &self.kind,
            entity: &self.entity,
            canonical: &self.canonical,
            how: self.how,
            sentence: self.sentence,
            confidence: self.confidence,
            trace: self.trace.as_deref(),
            antecedent: self.antecedent,
            source: self.source.as_deref(),
        }
    }
}

/// Appends mention records to `out` as JSON lines (the mentions output format).
pub fn write_jsonl(out: &mut Vec<u8>, records: &[MentionRecord]) {
    for r in records {
        r.as_ref().write_line(out);
    }
}

impl MentionRef<'_> {
    /// The owned record.
    pub fn to_record(&self) -> MentionRecord {
        MentionRecord {
            doc: self.doc.to_string(),
            start: self.start,
            end: self.end,
            text: self.text.to_string(),
            kind: self.kind.to_string(),
            entity: self.entity.to_string(),
            canonical: self.canonical.to_string(),
            how: self.how,
            sentence: self.sentence,
            confidence: self.confidence,
            trace: self.trace.map(str::to_string),
            antecedent: self.antecedent,
            source: self.source.map(str::to_string),
        }
    }

    /// Appends the record's JSON line (newline included) to `out`.
    ///
    /// Written field by field rather than through serde: the bytes are exactly those
    /// `serde_json::to_writer` writes for the [`MentionRecord`] (a property test holds them
    /// equal), without serde's per-field calls and key escaping, which cost about as much
    /// as the rest of serialising.
    pub fn write_line(&self, out: &mut Vec<u8>) {
        write_mention(out, self);
        out.push(b'\n');
    }
}

fn write_mention(out: &mut Vec<u8>, r: &MentionRef) {
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
    if !is_one(&r.confidence) {
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
    out.push(b'}');
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

    prop_compose! {
        fn record()(
            doc in text(), start in any::<usize>(), end in any::<usize>(), surface in text(),
            kind in text(), entity in text(), canonical in text(), how in kind(),
            sentence in any::<usize>(), confidence in confidence(),
            trace in prop::option::of(text()), antecedent in prop::option::of(any::<usize>()),
            source in prop::option::of(text()),
        ) -> MentionRecord {
            MentionRecord {
                doc, start, end, text: surface, kind, entity, canonical, how, sentence,
                confidence, trace, antecedent, source,
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
            write_jsonl(&mut ours, &records);
            let mut theirs = Vec::new();
            for r in &records {
                serde_json::to_writer(&mut theirs, r).unwrap();
                theirs.push(b'\n');
            }
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap());
        }
    }
}
