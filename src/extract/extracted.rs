//! One document's output: its mentions, the entities they refer to, and the unlisted
//! spellings that were too close to several entities to link.

use super::find::Ambiguous;
use super::resolve::{Entity, Resolved};
use crate::document::Document;
use crate::gazetteer::{Compiled, EntityType, Entry};
use crate::record::MentionRecord;

pub use super::resolve::Mention;

/// What extraction found in one document, borrowing the pipeline's gazetteer for the
/// entities' names and facts. Never an error: a document with nothing in it has no mentions.
pub struct Extracted<'l> {
    gazetteer: &'l Compiled,
    resolved: Resolved,
    ambiguous: Vec<Ambiguous>,
}

/// An entity a mention refers to, as the records show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EntityView<'a> {
    /// Stable id: a gazetteer id (`per.qassem-soleimani`, `gn:98182`) or `new:<type>:<key>`
    /// for a discovered entity.
    pub id: &'a str,
    /// Its type.
    pub kind: EntityType,
    /// Its canonical name: the gazetteer's, or for a discovered entity the fullest surface
    /// in the document.
    pub canonical: &'a str,
    /// Its gazetteer entry (ids, coordinates, country, parent), when it is listed.
    pub entry: Option<&'a Entry>,
    /// For a discovered entity, why it was taken for a name.
    pub evidence: Option<&'a str>,
}

/// An unlisted spelling equally close to several entities, so not linked.
#[derive(Debug, Clone, PartialEq)]
pub struct Ambiguity<'a> {
    /// Byte offset of the spelling in the original text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The competing entities, as (id, canonical name), sorted.
    pub candidates: Vec<(&'a str, &'a str)>,
}

impl<'l> Extracted<'l> {
    pub(crate) fn new(
        gazetteer: &'l Compiled,
        resolved: Resolved,
        ambiguous: Vec<Ambiguous>,
    ) -> Self {
        Extracted {
            gazetteer,
            resolved,
            ambiguous,
        }
    }

    /// The mentions, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.resolved.mentions
    }

    /// The entity a mention refers to.
    pub fn entity(&self, m: &Mention) -> EntityView<'_> {
        self.view(&self.resolved.entities[m.entity as usize])
    }

    /// The entities the mentions refer to, in the order of their first mention.
    pub fn entities(&self) -> impl Iterator<Item = EntityView<'_>> {
        self.resolved.entities.iter().map(|e| self.view(e))
    }

    fn view<'a>(&'a self, e: &'a Entity) -> EntityView<'a> {
        match e {
            Entity::Listed(i) => {
                let entry = self.gazetteer.entry(*i);
                EntityView {
                    id: &entry.id,
                    kind: entry.kind,
                    canonical: &entry.canonical,
                    entry: Some(entry),
                    evidence: None,
                }
            }
            Entity::Discovered(n) => EntityView {
                id: &n.id,
                kind: n.kind,
                canonical: &n.surface,
                entry: None,
                evidence: Some(&n.evidence),
            },
        }
    }

    /// The unlisted spellings that were equally close to several entities.
    pub fn ambiguities(&self) -> impl Iterator<Item = Ambiguity<'_>> {
        self.ambiguous.iter().map(|a| {
            let mut candidates: Vec<(&str, &str)> = a
                .entities
                .iter()
                .map(|&e| {
                    let entry = self.gazetteer.entry(e);
                    (entry.id.as_str(), entry.canonical.as_str())
                })
                .collect();
            candidates.sort();
            Ambiguity {
                start: a.start,
                end: a.end,
                candidates,
            }
        })
    }

    /// The mentions as owned records of `doc` (the document extracted).
    pub fn records(&self, doc: &Document) -> Vec<MentionRecord> {
        self.mentions()
            .iter()
            .map(|m| {
                let e = self.entity(m);
                MentionRecord {
                    doc: doc.id.clone(),
                    start: m.start,
                    end: m.end,
                    text: doc.text[m.start..m.end].to_string(),
                    kind: e.kind.as_str().to_string(),
                    entity: e.id.to_string(),
                    canonical: e.canonical.to_string(),
                    how: m.how,
                    sentence: m.sentence as usize,
                    confidence: m.confidence,
                    trace: m.trace.clone(),
                    antecedent: m.antecedent,
                    source: doc.source.clone(),
                    date: doc.date.map(|d| d.to_string()),
                }
            })
            .collect()
    }
}
