//! The public output contract: the serde types of a mention line and an entity record, as
//! the JSONL sinks write them and the database sinks store them. Field names and meanings
//! are documented in README.md and in `schema/*.schema.json`. Changing a field here is a
//! breaking change for every user.

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
    /// Why the link was made (rules applied), for variant, coref and discovered mentions; in
    /// a dated document, also which candidates its date refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<String>,
    /// For coref mentions: the index (within this document's mentions) of the antecedent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<usize>,
    /// The feed the document came from, when the input names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The document's date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), when the input gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

fn one() -> f32 {
    1.0
}

pub(crate) fn is_one(x: &f32) -> bool {
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
