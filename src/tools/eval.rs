//! Evaluation against gold annotations: mention precision/recall/F1 on exact spans, typed F1
//! (span and type), and B-cubed over the entity clustering of all documents together.
//!
//! B-cubed is id-independent: only which mentions share an entity matters. Mentions found by
//! one side only count as singletons on the other side, so both missing and spurious mentions
//! lower the score (the "twinless mention" treatment of Cai and Strube, 2010).

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

/// The fields of a mention record that evaluation reads.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Annotated {
    /// Document id.
    pub doc: String,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Surface.
    #[serde(default)]
    pub text: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Entity id (any consistent labelling).
    pub entity: String,
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f: f64,
}

impl Prf {
    fn new(p: f64, r: f64) -> Self {
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf { p, r, f }
    }

    fn counts(tp: usize, sys: usize, gold: usize) -> Self {
        let div = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        Prf::new(div(tp, sys), div(tp, gold))
    }
}

/// All scores of one comparison.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores {
    /// Gold mentions.
    pub gold: usize,
    /// System mentions.
    pub system: usize,
    /// Exact-span mention scores.
    pub mentions: Prf,
    /// Span + type scores.
    pub typed: Prf,
    /// B-cubed over the clustering across all documents.
    pub bcubed: Prf,
    /// System entities whose mentions (those at gold spans) carry two or more gold
    /// entities, each with those gold entities: records that merge real-world entities.
    pub merged: Vec<(String, Vec<String>)>,
}

type Span = (String, usize, usize);

fn span(a: &Annotated) -> Span {
    (a.doc.clone(), a.start, a.end)
}

/// Scores `system` against `gold`. Only documents present in the gold are scored, so a
/// system file over more documents can be compared with partial gold.
pub fn evaluate(gold: &[Annotated], system: &[Annotated]) -> Scores {
    let docs: HashSet<&str> = gold.iter().map(|a| a.doc.as_str()).collect();
    let system: Vec<&Annotated> = system
        .iter()
        .filter(|a| docs.contains(a.doc.as_str()))
        .collect();
    let gold_by: HashMap<Span, &Annotated> = gold.iter().map(|a| (span(a), a)).collect();
    let sys_by: HashMap<Span, &Annotated> = system.iter().map(|a| (span(a), *a)).collect();
    let tp = sys_by.keys().filter(|s| gold_by.contains_key(*s)).count();
    let typed_tp = sys_by
        .iter()
        .filter(|(s, a)| gold_by.get(*s).is_some_and(|g| g.kind == a.kind))
        .count();
    let mentions = Prf::counts(tp, sys_by.len(), gold_by.len());
    let typed = Prf::counts(typed_tp, sys_by.len(), gold_by.len());

    fn clusters<'a>(by: &HashMap<Span, &'a Annotated>) -> HashMap<&'a str, HashSet<Span>> {
        let mut c: HashMap<&str, HashSet<Span>> = HashMap::new();
        for (s, a) in by {
            c.entry(a.entity.as_str()).or_default().insert(s.clone());
        }
        c
    }
    let gc = clusters(&gold_by);
    let sc = clusters(&sys_by);
    // For mention m on one side: |own cluster ∩ other side's cluster of m| / |own cluster|,
    // where a mention the other side lacks is a singleton there.
    let score = |own: &HashMap<Span, &Annotated>,
                 own_c: &HashMap<&str, HashSet<Span>>,
                 other: &HashMap<Span, &Annotated>,
                 other_c: &HashMap<&str, HashSet<Span>>| {
        if own.is_empty() {
            return 1.0;
        }
        let mut total = 0.0;
        for (s, a) in own {
            let mine = &own_c[a.entity.as_str()];
            let overlap = match other.get(s) {
                Some(o) => mine.intersection(&other_c[o.entity.as_str()]).count(),
                None => 1,
            };
            total += overlap as f64 / mine.len() as f64;
        }
        total / own.len() as f64
    };
    let bp = score(&sys_by, &sc, &gold_by, &gc);
    let br = score(&gold_by, &gc, &sys_by, &sc);
    Scores {
        gold: gold_by.len(),
        system: sys_by.len(),
        mentions,
        typed,
        bcubed: Prf::new(bp, br),
        merged: merged(&sys_by, &gold_by),
    }
}

/// The system entities whose mentions at gold spans carry two or more gold entities, in id
/// order, each with its gold entities in order.
fn merged(
    sys_by: &HashMap<Span, &Annotated>,
    gold_by: &HashMap<Span, &Annotated>,
) -> Vec<(String, Vec<String>)> {
    let mut golds: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (s, a) in sys_by {
        if let Some(g) = gold_by.get(s) {
            golds.entry(&a.entity).or_default().insert(&g.entity);
        }
    }
    golds
        .into_iter()
        .filter(|(_, g)| g.len() > 1)
        .map(|(e, g)| (e.to_string(), g.into_iter().map(str::to_string).collect()))
        .collect()
}

/// A mention record with how it was found, as `gazette extract` writes it.
#[derive(Deserialize)]
struct Found {
    #[serde(flatten)]
    mention: Annotated,
    #[serde(rename = "match", default)]
    how: Option<String>,
}

/// Reads a system's mention records, leaving out nominal ones (`"match": "coref"`: "the
/// government"), which the gold sets of names do not annotate; also says how many it left
/// out.
pub fn read_names(path: &Path) -> Result<(Vec<Annotated>, usize)> {
    let all: Vec<Found> = read_lines(path)?;
    let total = all.len();
    let names: Vec<Annotated> = all
        .into_iter()
        .filter(|f| f.how.as_deref() != Some("coref"))
        .map(|f| f.mention)
        .collect();
    let left_out = total - names.len();
    Ok((names, left_out))
}

/// Reads a JSONL file of mention records (gold or system).
pub fn read(path: &Path) -> Result<Vec<Annotated>> {
    read_lines(path)
}

fn read_lines<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let a: T = serde_json::from_str(&line).map_err(|e| Error::Input {
            location: format!("{}:{}", path.display(), i + 1),
            message: format!("not a mention record: {e}"),
        })?;
        out.push(a);
    }
    Ok(out)
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "gold mentions    {}", self.gold)?;
        writeln!(f, "system mentions  {}", self.system)?;
        writeln!(f, "                 precision  recall     F1")?;
        for (name, s) in [
            ("mentions (span)", self.mentions),
            ("typed (span+type)", self.typed),
            ("B-cubed entities", self.bcubed),
        ] {
            writeln!(f, "{name:<17} {:>9.4} {:>7.4} {:>7.4}", s.p, s.r, s.f)?;
        }
        writeln!(f, "entities merging gold entities: {}", self.merged.len())?;
        for (e, golds) in &self.merged {
            writeln!(f, "  {e}: {}", golds.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(doc: &str, start: usize, kind: &str, entity: &str) -> Annotated {
        Annotated {
            doc: doc.into(),
            start,
            end: start + 1,
            text: String::new(),
            kind: kind.into(),
            entity: entity.into(),
        }
    }

    #[test]
    fn perfect_and_relabelled() {
        let gold = vec![
            a("d", 0, "PERSON", "x"),
            a("d", 5, "PERSON", "x"),
            a("e", 0, "ORG", "y"),
        ];
        let sys = vec![
            a("d", 0, "PERSON", "1"),
            a("d", 5, "PERSON", "1"),
            a("e", 0, "ORG", "2"),
        ];
        let s = evaluate(&gold, &sys);
        assert_eq!((s.mentions.f, s.typed.f, s.bcubed.f), (1.0, 1.0, 1.0));
    }

    #[test]
    fn merges_and_misses_cost() {
        let gold = vec![a("d", 0, "PERSON", "x"), a("d", 5, "PERSON", "y")];
        // One wrong type, everything merged into one cluster, one spurious mention.
        let sys = vec![
            a("d", 0, "PERSON", "1"),
            a("d", 5, "ORG", "1"),
            a("d", 9, "GPE", "1"),
        ];
        let s = evaluate(&gold, &sys);
        assert!((s.mentions.p - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.mentions.r, 1.0);
        assert!((s.typed.r - 0.5).abs() < 1e-9);
        // Each system mention's cluster has 3 members, sharing 1 with its gold cluster.
        assert!((s.bcubed.p - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.bcubed.r, 1.0);
        // System entity 1 holds gold entities x and y.
        assert_eq!(s.merged, [("1".to_string(), vec!["x".into(), "y".into()])]);
        let s = evaluate(&gold, &gold);
        assert!(s.merged.is_empty());
    }

    #[test]
    fn nominal_mentions_are_left_out_of_the_names() {
        let dir = std::env::temp_dir().join(format!("gazette-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("system.jsonl");
        let line = |start: usize, how: &str| {
            format!(
                "{{\"doc\":\"d\",\"start\":{start},\"end\":{},\"text\":\"x\",\
                 \"type\":\"GPE\",\"entity\":\"e\",\"match\":\"{how}\"}}\n",
                start + 1
            )
        };
        std::fs::write(&path, line(0, "exact") + &line(5, "coref")).unwrap();
        let (names, left_out) = read_names(&path).unwrap();
        assert_eq!((names.len(), names[0].start, left_out), (1, 0, 1));
        assert_eq!(read(&path).unwrap().len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
