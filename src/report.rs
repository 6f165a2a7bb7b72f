//! Spelling reports across feeds: which spellings of each entity every feed uses (with
//! counts and the first and last document), and a review list of proposed new aliases —
//! unlisted spellings the transliteration rules linked — that a user accepts into a
//! gazetteer with `gazette gazetteer accept`.

use crate::record::{MatchKind, MentionRecord};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// One spelling of an entity in one feed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Spelling {
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
pub struct EntitySpellings {
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
pub struct SpellingReport {
    /// (entity, surface, source) → (count, first doc, last doc).
    seen: BTreeMap<(String, String, String), (u64, String, String)>,
    names: BTreeMap<String, (String, String)>,
    proposals: BTreeMap<(String, String), Proposal>,
    /// Spellings equally close to several entities: (entity ids, surface) → proposal.
    ambiguous: BTreeMap<(String, String), Proposal>,
}

/// The columns of the review list, in order.
pub const REVIEW_HEADER: &str =
    "accept\tentity\tcanonical\talias\tcount\tconfidence\tevidence\texample_doc";

impl SpellingReport {
    /// Adds one document's records.
    pub fn add(&mut self, records: &[MentionRecord]) {
        for r in records {
            if r.how == MatchKind::Coref {
                continue;
            }
            let source = r.source.clone().unwrap_or_default();
            let e = self
                .seen
                .entry((r.entity.clone(), r.text.clone(), source))
                .or_insert_with(|| (0, r.doc.clone(), r.doc.clone()));
            e.0 += 1;
            e.2.clone_from(&r.doc);
            self.names
                .entry(r.entity.clone())
                .or_insert_with(|| (r.canonical.clone(), r.kind.clone()));
            if r.how == MatchKind::Variant {
                let p = self
                    .proposals
                    .entry((r.entity.clone(), r.text.clone()))
                    .or_insert_with(|| Proposal {
                        canonical: r.canonical.clone(),
                        example: r.doc.clone(),
                        ..Proposal::default()
                    });
                p.count += 1;
                if r.confidence > p.confidence {
                    p.confidence = r.confidence;
                    p.trace = r.trace.clone().unwrap_or_default();
                }
            }
        }
    }

    /// Adds spellings that were equally close to several entities (not linked).
    pub fn add_ambiguous(&mut self, found: &[crate::pipeline::Ambiguity]) {
        for a in found {
            let ids: Vec<&str> = a.candidates.iter().map(|(id, _)| id.as_str()).collect();
            let names: Vec<&str> = a.candidates.iter().map(|(_, n)| n.as_str()).collect();
            let p = self
                .ambiguous
                .entry((ids.join("|"), a.text.clone()))
                .or_insert_with(|| Proposal {
                    canonical: names.join("|"),
                    example: a.doc.clone(),
                    trace: format!("ambiguous: equally close to {}", names.join(" and ")),
                    ..Proposal::default()
                });
            p.count += 1;
        }
    }

    /// One record per entity, sorted by id; spellings by count (most used first).
    pub fn entities(&self) -> Vec<EntitySpellings> {
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
    pub fn write_spellings(&self, out: &mut dyn Write) -> std::io::Result<()> {
        for e in self.entities() {
            serde_json::to_writer(&mut *out, &e)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Writes the review list (TSV). `accept` is pre-filled `yes` for confident proposals;
    /// the user edits it (yes/no) and runs `gazette gazetteer accept`.
    pub fn write_review(&self, out: &mut dyn Write) -> std::io::Result<()> {
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

/// Reads a review list and returns the accepted (entity id, alias) pairs, or a
/// `file:line` error.
pub fn accepted(label: &str, content: &str) -> crate::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (n, line) in content.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !header_seen {
            if line.trim_end() != REVIEW_HEADER {
                return Err(crate::Error::Input {
                    location: format!("{label}:{}", n + 1),
                    message: format!("expected the review header {REVIEW_HEADER:?}"),
                });
            }
            header_seen = true;
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 8 {
            return Err(crate::Error::Input {
                location: format!("{label}:{}", n + 1),
                message: format!("expected 8 tab-separated fields, found {}", f.len()),
            });
        }
        if matches!(
            f[0].trim().to_ascii_lowercase().as_str(),
            "yes" | "y" | "1" | "true"
        ) {
            if f[1].contains('|') {
                return Err(crate::Error::Input {
                    location: format!("{label}:{}", n + 1),
                    message: format!(
                        "an ambiguous row names several entities ({}): keep one id before accepting it",
                        f[1]
                    ),
                });
            }
            out.push((f[1].trim().to_string(), f[3].trim().to_string()));
        }
    }
    Ok(out)
}
