//! The spelling reports: which spellings of each entity every feed uses (with counts and the
//! first and last document), and a review list of proposed new aliases (unlisted spellings
//! the transliteration rules linked) that a user accepts into a gazetteer with
//! `gazette gazetteer accept`.

use super::batch::{Batch, Sink};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::Extracted;
use crate::record::MatchKind;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// One spelling of an entity in one feed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Spelling {
    /// The surface.
    pub text: String,
    /// The feed (empty when the input names none).
    pub source: String,
    /// How often.
    pub count: u64,
    /// First document (input order) using it.
    pub first_doc: String,
    /// Last document using it.
    pub last_doc: String,
}

/// One line of the variants report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct EntitySpellings {
    /// Entity id.
    pub entity: String,
    /// Canonical name.
    pub canonical: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Every spelling, per feed.
    pub spellings: Vec<Spelling>,
}

#[derive(Debug, Default)]
struct Proposal {
    canonical: String,
    count: u64,
    confidence: f32,
    trace: String,
    example: String,
}

/// Gathers spellings and alias proposals over a run, in input order.
#[derive(Debug, Default)]
struct SpellingReport {
    /// (entity, surface, source) → (count, first doc, last doc).
    seen: BTreeMap<(String, String, String), (u64, String, String)>,
    names: BTreeMap<String, (String, String)>,
    proposals: BTreeMap<(String, String), Proposal>,
    /// Spellings equally close to several entities: (entity ids, surface) → proposal.
    ambiguous: BTreeMap<(String, String), Proposal>,
}

/// The columns of the review list, in order.
pub(crate) const REVIEW_HEADER: &str =
    "accept\tentity\tcanonical\talias\tcount\tconfidence\tevidence\texample_doc";

impl SpellingReport {
    /// Adds one document's mentions, and its spellings that were equally close to several
    /// entities (not linked).
    fn add(&mut self, doc: &Document, ex: &Extracted<'_>) {
        for m in ex.mentions() {
            if m.how == MatchKind::Coref {
                continue;
            }
            let e = ex.entity(m);
            let text = &doc.text[m.start..m.end];
            let source = doc.source.clone().unwrap_or_default();
            let seen = self
                .seen
                .entry((e.id.to_string(), text.to_string(), source))
                .or_insert_with(|| (0, doc.id.clone(), doc.id.clone()));
            seen.0 += 1;
            seen.2.clone_from(&doc.id);
            self.names
                .entry(e.id.to_string())
                .or_insert_with(|| (e.canonical.to_string(), e.kind.as_str().to_string()));
            if m.how == MatchKind::Variant {
                let p = self
                    .proposals
                    .entry((e.id.to_string(), text.to_string()))
                    .or_insert_with(|| Proposal {
                        canonical: e.canonical.to_string(),
                        example: doc.id.clone(),
                        ..Proposal::default()
                    });
                p.count += 1;
                if m.confidence > p.confidence {
                    p.confidence = m.confidence;
                    p.trace = m.trace.clone().unwrap_or_default();
                }
            }
        }
        for a in ex.ambiguities() {
            let ids: Vec<&str> = a.candidates.iter().map(|(id, _)| *id).collect();
            let names: Vec<&str> = a.candidates.iter().map(|(_, n)| *n).collect();
            let p = self
                .ambiguous
                .entry((ids.join("|"), doc.text[a.start..a.end].to_string()))
                .or_insert_with(|| Proposal {
                    canonical: names.join("|"),
                    example: doc.id.clone(),
                    trace: format!("ambiguous: equally close to {}", names.join(" and ")),
                    ..Proposal::default()
                });
            p.count += 1;
        }
    }

    /// One record per entity, sorted by id; spellings by count (most used first).
    fn entities(&self) -> Vec<EntitySpellings> {
        let mut by: BTreeMap<&str, Vec<Spelling>> = BTreeMap::new();
        for ((entity, text, source), (count, first, last)) in &self.seen {
            by.entry(entity).or_default().push(Spelling {
                text: text.clone(),
                source: source.clone(),
                count: *count,
                first_doc: first.clone(),
                last_doc: last.clone(),
            });
        }
        by.into_iter()
            .map(|(entity, mut spellings)| {
                spellings.sort_by(|a, b| {
                    b.count
                        .cmp(&a.count)
                        .then(a.text.cmp(&b.text))
                        .then(a.source.cmp(&b.source))
                });
                let (canonical, kind) = self.names[entity].clone();
                EntitySpellings {
                    entity: entity.to_string(),
                    canonical,
                    kind,
                    spellings,
                }
            })
            .collect()
    }

    /// Writes the variants report as JSON lines.
    fn write_spellings(&self, out: &mut dyn Write) -> std::io::Result<()> {
        for e in self.entities() {
            serde_json::to_writer(&mut *out, &e)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Writes the review list (TSV). `accept` is pre-filled `yes` for confident proposals;
    /// the user edits it (yes/no) and runs `gazette gazetteer accept`.
    fn write_review(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "# Proposed aliases: spellings no gazetteer lists that the transliteration rules linked."
        )?;
        writeln!(
            out,
            "# Set accept to yes or no, then: gazette gazetteer accept THIS_FILE --into my-aliases.tsv"
        )?;
        writeln!(out, "{REVIEW_HEADER}")?;
        let mut rows: Vec<_> = self.proposals.iter().collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        // Ambiguous spellings come last, never pre-accepted: keep one id in the entity
        // column before accepting such a row.
        let mut ambiguous: Vec<_> = self.ambiguous.iter().collect();
        ambiguous.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        rows.extend(ambiguous);
        for ((entity, alias), p) in rows {
            let clean = |s: &str| s.replace(['\t', '\n'], " ");
            writeln!(
                out,
                "{}\t{entity}\t{}\t{}\t{}\t{:.2}\t{}\t{}",
                if p.confidence >= 0.9 { "yes" } else { "" },
                clean(&p.canonical),
                clean(alias),
                p.count,
                p.confidence,
                clean(&p.trace),
                clean(&p.example)
            )?;
        }
        Ok(())
    }
}

/// Writes the spelling reports at the end of the run: the variants report (JSON lines, one
/// per entity) and the review list of proposed aliases (TSV), either or both.
pub struct Spellings {
    report: SpellingReport,
    variants: Option<(Box<dyn Write + Send>, PathBuf)>,
    review: Option<(Box<dyn Write + Send>, PathBuf)>,
}

impl Spellings {
    /// A sink writing the variants report to `variants` and the review list to `review`,
    /// each given with the label that names it in errors.
    pub fn new(
        variants: Option<(Box<dyn Write + Send>, PathBuf)>,
        review: Option<(Box<dyn Write + Send>, PathBuf)>,
    ) -> Self {
        Spellings {
            report: SpellingReport::default(),
            variants,
            review,
        }
    }
}

impl Sink for Spellings {
    fn write(&mut self, batch: &Batch<'_>) -> Result<()> {
        for (doc, ex) in batch.iter() {
            self.report.add(doc, ex);
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        if let Some((out, label)) = &mut self.variants {
            self.report
                .write_spellings(out)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io(&*label, e))?;
        }
        if let Some((out, label)) = &mut self.review {
            self.report
                .write_review(out)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io(&*label, e))?;
        }
        Ok(())
    }
}
