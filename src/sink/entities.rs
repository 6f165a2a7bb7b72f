//! The entities sink: one record per entity seen in the run, sorted by id, written when the
//! run ends. Counts are gathered as the batches go by, keyed by entity id; at the end a
//! listed entity's facts come from its gazetteer entry (looked up by id, so nothing per
//! entity is copied while the run goes), a discovered one's canonical name is its most
//! frequent full name.

use super::batch::{Batch, Sink};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::{Extracted, Mention};
use crate::gazetteer::{Entities, Entry};
use crate::record::{EntityRecord, KbIds, MatchKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// How many distinct pieces of evidence a discovered entity's record keeps.
const MAX_EVIDENCE: usize = 5;

/// Writes one [`EntityRecord`] per entity seen, as JSON lines, at the end of the run.
pub struct EntitiesJsonl<'g> {
    out: Box<dyn Write + Send>,
    label: PathBuf,
    /// The run's gazetteer (`Pipeline::gazetteer`), for the listed entities' facts.
    gazetteer: &'g Entities,
    stats: EntityStats,
}

impl<'g> EntitiesJsonl<'g> {
    /// Writes to `out`; `label` names it in errors; `gazetteer` is the run's
    /// ([`crate::Pipeline::gazetteer`]).
    pub fn new(
        out: Box<dyn Write + Send>,
        label: impl Into<PathBuf>,
        gazetteer: &'g Entities,
    ) -> Self {
        EntitiesJsonl {
            out,
            label: label.into(),
            gazetteer,
            stats: EntityStats::default(),
        }
    }
}

impl Sink for EntitiesJsonl<'_> {
    fn write(&mut self, batch: &Batch<'_>) -> Result<()> {
        for (doc, ex) in batch.iter() {
            self.stats.add(doc, ex);
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        let stats = std::mem::take(&mut self.stats);
        let label = &self.label;
        // Serialised on all cores, written in order: the pool is idle after the last batch.
        let lines: Vec<Vec<u8>> = stats
            .records(self.gazetteer)
            .par_iter()
            .map(|r| {
                let mut line = serde_json::to_vec(r)?;
                line.push(b'\n');
                Ok(line)
            })
            .collect::<std::result::Result<_, serde_json::Error>>()
            .map_err(|e| Error::write("entities", label, e.into()))?;
        for line in &lines {
            self.out
                .write_all(line)
                .map_err(|e| Error::write("entities", label, e))?;
        }
        self.out
            .flush()
            .map_err(|e| Error::write("entities", label, e))
    }
}

/// Per-entity counts gathered over a run.
#[derive(Debug, Default)]
struct EntityStats {
    by_entity: HashMap<String, Stat>,
    /// Documents begun so far; a [`Stat`] counts a document when its `last_doc` differs.
    docs: u64,
}

#[derive(Debug, Default)]
struct Stat {
    mentions: u64,
    documents: u64,
    /// The document (of [`EntityStats::docs`]) that last mentioned the entity.
    last_doc: u64,
    variants: BTreeMap<String, u64>,
    sources: BTreeMap<String, BTreeMap<String, u64>>,
    /// Whether the entity is a gazetteer entry (else it was discovered).
    listed: bool,
    /// For discovered entities: type, the names given as canonical, and evidence.
    kind: String,
    canonicals: BTreeMap<String, u64>,
    evidence: Vec<String>,
}

/// Counts one more use of `key`; the key is cloned only the first time it is seen, since
/// this runs on the writing thread for every mention.
fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

impl EntityStats {
    /// Adds one document's mentions.
    fn add(&mut self, doc: &Document, ex: &Extracted<'_>) {
        self.docs += 1;
        for m in ex.mentions() {
            self.add_mention(doc, ex, m);
        }
    }

    fn add_mention(&mut self, doc: &Document, ex: &Extracted<'_>, m: &Mention) {
        let e = ex.entity(m);
        let s = match self.by_entity.get_mut(e.id) {
            Some(s) => s,
            None => self.by_entity.entry(e.id.to_string()).or_default(),
        };
        s.mentions += 1;
        if s.last_doc != self.docs {
            s.last_doc = self.docs;
            s.documents += 1;
        }
        let text = &doc.text[m.start..m.end];
        bump(&mut s.variants, text);
        s.listed |= e.entry.is_some();
        if m.how == MatchKind::Discovered {
            let kind = e.kind.as_str();
            if s.kind != kind {
                s.kind.clear();
                s.kind.push_str(kind);
            }
            bump(&mut s.canonicals, e.canonical);
            if let Some(t) = m.trace.as_deref() {
                if s.evidence.len() < MAX_EVIDENCE && !s.evidence.iter().any(|x| x == t) {
                    s.evidence.push(t.to_string());
                }
            }
        }
        if let Some(src) = doc.source.as_deref() {
            let by_source = match s.sources.get_mut(src) {
                Some(m) => m,
                None => s.sources.entry(src.to_string()).or_default(),
            };
            bump(by_source, text);
        }
    }

    /// One record per entity seen, sorted by id. Consumes the counts: their maps move into
    /// the records rather than being copied.
    fn records(self, gazetteer: &Entities) -> Vec<EntityRecord> {
        // Ids are unique. The records are built on all cores, in order: this runs after the
        // last document, while the pool is idle.
        let mut sorted: Vec<(String, Stat)> = self.by_entity.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        sorted
            .into_par_iter()
            .map(|(id, s)| {
                let entry = s.listed.then(|| gazetteer.by_id(&id)).flatten();
                match entry {
                    Some(e) => listed_record(e, s),
                    None => discovered_record(id, s),
                }
            })
            .collect()
    }
}

/// A listed entity's record: its facts from its gazetteer entry.
fn listed_record(e: &Entry, s: Stat) -> EntityRecord {
    EntityRecord {
        entity: e.id.clone(),
        kind: e.kind.as_str().to_string(),
        canonical: e.canonical.clone(),
        kb: KbIds {
            wikidata: e.qid.clone(),
            geonames: e.geonames,
        },
        coordinates: e.coordinates,
        country: e.country.clone(),
        parent: e.parent.clone(),
        mentions: s.mentions,
        documents: s.documents,
        variants: s.variants,
        sources: s.sources,
        discovered: false,
        evidence: Vec::new(),
    }
}

/// A discovered entity's record: its canonical name is the most frequent full name given,
/// the longest on ties.
fn discovered_record(id: String, s: Stat) -> EntityRecord {
    let canonical = s
        .canonicals
        .iter()
        .max_by_key(|(name, n)| (**n, name.len(), std::cmp::Reverse((*name).clone())))
        .map(|(name, _)| name.clone())
        .unwrap_or_default();
    EntityRecord {
        entity: id,
        kind: s.kind,
        canonical,
        kb: KbIds::default(),
        coordinates: None,
        country: None,
        parent: None,
        mentions: s.mentions,
        documents: s.documents,
        variants: s.variants,
        sources: s.sources,
        discovered: true,
        evidence: s.evidence,
    }
}
