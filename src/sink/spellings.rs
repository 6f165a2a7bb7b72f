//! The spelling reports: which spellings of each entity every feed uses (with counts and the
//! first and last document), and a review list of proposed new aliases (unlisted spellings
//! the transliteration rules linked) that a user accepts into a gazetteer with
//! `gazette gazetteer accept`. Every proposal starts undecided, whatever its confidence:
//! a confident transliteration link is still a guess about a person or place, and a row
//! accepted without being read goes into every later run. Proposals a user rejected before
//! are left out.

use super::batch::{Batch, Sink};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::Extracted;
use crate::record::MatchKind;
use crate::text::name_key;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
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

/// A review row: (entity id, alias) and the proposal.
type Row<'a> = (&'a (String, String), &'a Proposal);

#[derive(Debug, Default)]
struct Proposal {
    canonical: String,
    count: u64,
    confidence: f32,
    trace: String,
    example: String,
    /// The text around the first mention in the example document.
    context: String,
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
    "accept\tentity\tcanonical\talias\tcount\tconfidence\tevidence\texample_doc\tcontext";

/// Characters of text a review row's context keeps on each side of the mention.
const CONTEXT_CHARS: usize = 60;

/// The text around the mention at `start..end` (byte offsets on char boundaries): up to
/// [`CONTEXT_CHARS`] characters each side, "…" where the text goes on, on one line.
fn context(text: &str, start: usize, end: usize) -> String {
    let from = text[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let to = text[end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| end + i);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(&one_line(&text[from..to]));
    if to < text.len() {
        out.push('…');
    }
    out
}

/// `s` with every control character and line or paragraph separator as a space, so that a
/// field keeps its TSV row to one line and its column.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

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
                        context: context(&doc.text, m.start, m.end),
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
                    context: context(&doc.text, a.start, a.end),
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

    /// The review rows: proposals most frequent first, then the ambiguous spellings, without
    /// those `rejected` names (entity id, alias key); and how many were left out.
    fn review_rows(&self, rejected: &HashSet<(String, String)>) -> (Vec<Row<'_>>, usize) {
        // Ambiguous spellings come last: keep one id in the entity column before accepting
        // such a row.
        let mut rows = by_count(&self.proposals);
        rows.extend(by_count(&self.ambiguous));
        let all = rows.len();
        if !rejected.is_empty() {
            rows.retain(|((id, alias), _)| !rejected.contains(&(id.clone(), name_key(alias))));
        }
        let left_out = all - rows.len();
        (rows, left_out)
    }

    /// Writes the review list (TSV), every row undecided; returns the number of proposals
    /// left out as rejected before. The user sets `accept` to yes or no and runs
    /// `gazette gazetteer accept`.
    fn write_review(
        &self,
        out: &mut dyn Write,
        rejected: &HashSet<(String, String)>,
    ) -> std::io::Result<usize> {
        let (rows, left_out) = self.review_rows(rejected);
        writeln!(
            out,
            "# Proposed aliases: spellings no gazetteer lists that the transliteration rules linked."
        )?;
        writeln!(
            out,
            "# Set accept to yes or no (empty: undecided), then: gazette gazetteer accept THIS_FILE --into my-aliases.tsv"
        )?;
        if left_out > 0 {
            writeln!(out, "# {left_out} proposals rejected before are left out.")?;
        }
        writeln!(out, "{REVIEW_HEADER}")?;
        for ((entity, alias), p) in rows {
            writeln!(
                out,
                "\t{}\t{}\t{}\t{}\t{:.2}\t{}\t{}\t{}",
                one_line(entity),
                one_line(&p.canonical),
                one_line(alias),
                p.count,
                p.confidence,
                one_line(&p.trace),
                one_line(&p.example),
                p.context
            )?;
        }
        Ok(left_out)
    }
}

/// The proposals of `map`, most frequent first.
fn by_count(map: &BTreeMap<(String, String), Proposal>) -> Vec<Row<'_>> {
    let mut rows: Vec<_> = map.iter().collect();
    rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
    rows
}

/// Writes the spelling reports at the end of the run: the variants report (JSON lines, one
/// per entity) and the review list of proposed aliases (TSV), either or both.
pub struct Spellings {
    report: SpellingReport,
    variants: Option<(Box<dyn Write + Send>, PathBuf)>,
    review: Option<(Box<dyn Write + Send>, PathBuf)>,
    /// Rejected proposals: (entity id, alias key).
    rejected: HashSet<(String, String)>,
    /// Proposals the review list left out as rejected, once written.
    left_out: Option<usize>,
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
            rejected: HashSet::new(),
            left_out: None,
        }
    }

    /// Leaves out of the review list the proposals a user rejected before, given as (entity
    /// id, alias) pairs: the same ids, and aliases with the same match key, so a rejected
    /// spelling stays rejected however a feed capitalises or hyphenates it.
    pub fn rejecting(mut self, pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        self.rejected
            .extend(pairs.into_iter().map(|(id, alias)| (id, name_key(&alias))));
        self
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
                .map_err(|e| Error::write("variants", &*label, e))?;
        }
        if let Some((out, label)) = &mut self.review {
            let left_out = self
                .report
                .write_review(out, &self.rejected)
                .and_then(|n| out.flush().map(|()| n))
                .map_err(|e| Error::write("the review list", &*label, e))?;
            self.left_out = Some(left_out);
        }
        Ok(())
    }

    fn report(&self) -> Option<String> {
        let left_out = self.left_out?;
        let rows = self.report.proposals.len() + self.report.ambiguous.len() - left_out;
        Some(if self.rejected.is_empty() {
            format!("review list: {rows} proposals")
        } else {
            format!("review list: {rows} proposals, {left_out} left out as rejected before")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;
    use crate::gazetteer::Gazetteer;

    /// A report holding one proposal per (entity, alias, confidence).
    fn report(rows: &[(&str, &str, f32)]) -> SpellingReport {
        let mut r = SpellingReport::default();
        for &(entity, alias, confidence) in rows {
            r.proposals.insert(
                (entity.into(), alias.into()),
                Proposal {
                    canonical: "Canon".into(),
                    count: 1,
                    confidence,
                    trace: "rule".into(),
                    example: "d1".into(),
                    context: format!("…said {alias} on…"),
                },
            );
        }
        r
    }

    fn review(r: &SpellingReport, rejected: &HashSet<(String, String)>) -> (String, usize) {
        let mut out = Vec::new();
        let left_out = r.write_review(&mut out, rejected).expect("writes");
        (String::from_utf8(out).expect("UTF-8"), left_out)
    }

    fn rows(list: &str) -> Vec<Vec<&str>> {
        let mut lines = list.lines().filter(|l| !l.starts_with('#'));
        assert_eq!(lines.next(), Some(REVIEW_HEADER));
        lines.map(|l| l.split('\t').collect()).collect()
    }

    #[test]
    fn every_row_starts_undecided_whatever_its_confidence() {
        let r = report(&[("p.1", "Hamid Karzay", 0.99), ("p.2", "Ali Khamenay", 0.3)]);
        let (list, _) = review(&r, &HashSet::new());
        let rows = rows(&list);
        assert_eq!(rows.len(), 2, "{list}");
        for row in rows {
            assert_eq!(row.len(), REVIEW_HEADER.split('\t').count(), "{row:?}");
            assert_eq!(row[0], "", "pre-decided: {row:?}");
        }
    }

    #[test]
    fn rejected_proposals_are_left_out_and_counted() {
        let r = report(&[
            ("p.1", "Hamid Karzay", 0.9),
            ("p.2", "Ali Khamenay", 0.9),
            ("p.3", "Nouri Malki", 0.9),
        ]);
        let sink = Spellings::new(None, None).rejecting([
            // Another capitalisation of the same spelling: still the rejected alias.
            ("p.1".to_string(), "HAMID KARZAY".to_string()),
            // The same spelling for another entity rejects nothing here.
            ("p.9".to_string(), "Ali Khamenay".to_string()),
        ]);
        let (list, left_out) = review(&r, &sink.rejected);
        assert_eq!(left_out, 1);
        assert!(
            list.contains("# 1 proposals rejected before are left out."),
            "{list}"
        );
        let aliases: Vec<&str> = rows(&list).iter().map(|row| row[3]).collect();
        assert_eq!(aliases, ["Ali Khamenay", "Nouri Malki"]);
        let (list, left_out) = review(&r, &HashSet::new());
        assert_eq!((left_out, rows(&list).len()), (0, 3));
        assert!(!list.contains("left out"), "{list}");
    }

    #[test]
    fn context_keeps_sixty_characters_each_side_on_one_line() {
        let before = "b".repeat(70);
        let after = "a".repeat(70);
        // (text, mention, context)
        let cases = [
            (
                format!("{before}NAME{after}"),
                "NAME",
                format!("…{}NAME{}…", &before[10..], &after[..60]),
            ),
            // Short text: nothing cut, no mark.
            (
                "He met\tNAME\nin town.".to_string(),
                "NAME",
                "He met NAME in town.".to_string(),
            ),
            // Exactly sixty characters each side: nothing cut either.
            (
                format!("{}NAME{}", &before[..60], &after[..60]),
                "NAME",
                format!("{}NAME{}", &before[..60], &after[..60]),
            ),
            // Multi-byte characters right at both cuts: whole characters, counted as one.
            (
                format!("xé{}NAME{}\u{2028}yz", "é".repeat(59), "ü".repeat(59)),
                "NAME",
                format!("…{}NAME{} …", "é".repeat(60), "ü".repeat(59)),
            ),
            // A newline, a carriage return and a line separator become spaces.
            (
                "one\r\ntwo\u{2028}NAME".to_string(),
                "NAME",
                "one  two NAME".to_string(),
            ),
        ];
        for (text, mention, want) in cases {
            let start = text.find(mention).expect("mention in text");
            let got = context(&text, start, start + mention.len());
            assert_eq!(got, want, "{text:?}");
            assert!(!got.contains(['\n', '\t', '\r']), "{got:?}");
        }
    }

    #[test]
    fn context_comes_from_the_first_mention_of_the_first_document() {
        let mut g = Gazetteer::default();
        g.add_str(
            "test.tsv",
            "id\ttype\tcanonical\tcountry\np.1\tPERSON\tQassem Soleimani\tIR\n\
             g.ir\tGPE\tIran\tIR\n",
        )
        .expect("parses");
        let pipeline = Pipeline::builder()
            .gazetteer(g)
            .cache_dir(None)
            .threads(Some(1))
            .build()
            .expect("builds");
        // An unlisted spelling needs its country named (stage 3c).
        let first = "First, Qaasem Sulaymani spoke in Iran.";
        let later = " Later, after a long and entirely uneventful meeting of the council, \
                     Qaasem Sulaymani left.";
        let docs = [
            Document::new("d1", format!("{first}{later}")),
            Document::new("d2", "Elsewhere in Iran Qaasem Sulaymani was seen."),
        ];
        let mut r = SpellingReport::default();
        for d in &docs {
            r.add(d, &pipeline.extract(d));
        }
        let p = &r.proposals[&("p.1".to_string(), "Qaasem Sulaymani".to_string())];
        assert_eq!((p.example.as_str(), p.count), ("d1", 3));
        // The first mention opens the document: its context starts there and is cut after.
        assert!(p.context.starts_with(first), "{p:?}");
        assert!(
            p.context.ends_with('…') && p.context.len() < docs[0].text.len(),
            "{p:?}"
        );
    }
}
