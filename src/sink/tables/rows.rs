//! A run's batches as table rows: each document with its mentions, and the entities and
//! aliases they refer to, each sent once per run (the tables upsert them anyway).

use super::{AliasRow, DocumentMeta, DocumentOutput, EntityRow, SinkStats, Tables};
use crate::error::Result;
use crate::extract::{EntityView, Extracted};
use crate::record::MatchKind;
use crate::sink::batch::{Batch, Sink};
use crate::text::name_key;
use std::collections::HashSet;

/// A [`Sink`] that loads a run into database tables (SQLite, PostgreSQL or CSV files).
pub struct TableSink {
    tables: Box<dyn Tables>,
    sent_entities: HashSet<String>,
    sent_aliases: HashSet<(String, String)>,
    stats: Option<SinkStats>,
}

impl TableSink {
    /// A sink writing into `tables`.
    pub fn new(tables: Box<dyn Tables>) -> Self {
        TableSink {
            tables,
            sent_entities: HashSet::new(),
            sent_aliases: HashSet::new(),
            stats: None,
        }
    }

    /// What the tables took over the run, once it has finished.
    pub fn stats(&self) -> Option<SinkStats> {
        self.stats
    }

    /// Adds the alias row (entity, surface) unless it was sent before.
    fn alias(&mut self, aliases: &mut Vec<AliasRow>, entity: &str, surface: &str, how: &str) {
        if self
            .sent_aliases
            .insert((entity.to_string(), surface.to_string()))
        {
            aliases.push(AliasRow {
                entity: entity.to_string(),
                surface: surface.to_string(),
                key: name_key(surface),
                how: how.to_string(),
            });
        }
    }

    /// The entity row of `e`, with its gazetteer names as aliases, the first time it is seen.
    fn entity(
        &mut self,
        e: &EntityView<'_>,
        rows: &mut Vec<EntityRow>,
        aliases: &mut Vec<AliasRow>,
    ) {
        if !self.sent_entities.insert(e.id.to_string()) {
            return;
        }
        let Some(entry) = e.entry else {
            let mut row = EntityRow::new(e.id, e.kind.as_str(), e.canonical);
            row.discovered = true;
            rows.push(row);
            return;
        };
        let mut row = EntityRow::new(&entry.id, entry.kind.as_str(), &entry.canonical);
        row.wikidata = entry.qid.clone();
        row.geonames = entry.geonames;
        row.lat = entry.coordinates.map(|c| c[0]);
        row.lon = entry.coordinates.map(|c| c[1]);
        row.country = entry.country.clone();
        row.parent = entry.parent.clone();
        row.attributes = entry.attrs.clone();
        rows.push(row);
        self.alias(aliases, &entry.id, &entry.canonical, "canonical");
        for a in &entry.aliases {
            self.alias(aliases, &entry.id, &a.name, "alias");
        }
        for c in &entry.codes {
            self.alias(aliases, &entry.id, c, "code");
        }
    }

    /// The rows one document adds: its entities and aliases, and its mentions.
    fn document(
        &mut self,
        doc: &crate::document::Document,
        ex: &Extracted<'_>,
        entities: &mut Vec<EntityRow>,
        aliases: &mut Vec<AliasRow>,
    ) -> DocumentOutput {
        for m in ex.mentions() {
            let e = ex.entity(m);
            self.entity(&e, entities, aliases);
            let how = match m.how {
                MatchKind::Variant => "variant",
                MatchKind::Discovered => "discovered",
                MatchKind::Coref => continue,
                _ => "observed",
            };
            self.alias(aliases, e.id, &doc.text[m.start..m.end], how);
        }
        DocumentOutput {
            meta: DocumentMeta::new(doc.id.clone(), doc.source.clone(), &doc.text),
            mentions: ex.records(doc),
        }
    }
}

impl Sink for TableSink {
    fn write(&mut self, batch: &Batch<'_>) -> Result<()> {
        let (mut entities, mut aliases) = (Vec::new(), Vec::new());
        let docs: Vec<DocumentOutput> = batch
            .iter()
            .map(|(doc, ex)| self.document(doc, ex, &mut entities, &mut aliases))
            .collect();
        self.tables.write_batch(&docs, &entities, &aliases)
    }

    fn finish(&mut self) -> Result<()> {
        self.stats = Some(self.tables.finish()?);
        Ok(())
    }
}
