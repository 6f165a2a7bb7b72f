//! Helpers for the rule tests beside stages 3 and 4: a lexicon from a few gazetteer rows
//! written in the test, and what each stage makes of a text, as plain strings a table row can
//! name.

use super::find::{self, Finders, HitKind};
use super::lexicon::Lexicon;
use super::times::Stopwatch;
use crate::gazetteer::Gazetteer;
use crate::text::Analysed;
use std::sync::OnceLock;

/// A lexicon over gazetteer rows given as TSV (a header line first, e.g.
/// `id\ttype\tcanonical\taliases\tcodes\tcountry\tcontext\tdescriptors`), plus the bundled
/// must-not-merge pairs when `no_merge` is set.
pub(crate) fn lexicon(tsv: &str, no_merge: bool) -> Lexicon {
    let mut g = Gazetteer::default();
    g.add_str("test.tsv", tsv)
        .expect("test gazetteer rows parse");
    if no_merge {
        let (label, text) = crate::gazetteer::bundled_files()
            .find(|(l, _)| l.ends_with("must-not-merge.tsv"))
            .expect("the bundled must-not-merge list");
        g.add_str(&label, text).expect("must-not-merge list parses");
    }
    Lexicon::build(g).expect("test gazetteer compiles")
}

/// The lexicon of the bundled gazetteers, built once.
pub(crate) fn bundled() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::build(Gazetteer::bundled().expect("bundled")).expect("compiles"))
}

/// One hit of stage 3, as a table row can name it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SeenHit {
    /// The text of the hit.
    pub(crate) text: String,
    /// For a gazetteer hit, the ids of its candidates; for a discovered name, its type and
    /// key as `new:<type>:<key>`.
    pub(crate) ids: Vec<String>,
    /// `listed`, `variant` or `discovered`.
    pub(crate) how: &'static str,
    /// The variant's trace or the discovered name's evidence.
    pub(crate) why: Option<String>,
}

/// Stage 3 on `text` with the given finders.
/// The evidence check stays off: these are the finders' own rules (`evidence.rs` has its own
/// tests, and [`mentions`] runs it).
pub(crate) fn hits(lex: &Lexicon, text: &str, variants: bool, discovery: bool) -> Vec<SeenHit> {
    let doc = Analysed::new(text);
    let finders = Finders {
        variants,
        discovery,
        evidence: false,
    };
    let gaz = lex.gazetteer();
    let found = find::find(
        &doc,
        None,
        gaz,
        lex.variants(),
        finders,
        &mut Stopwatch::new(None),
    );
    found
        .hits
        .iter()
        .map(|h| {
            let text = text[h.start..h.end].to_string();
            match &h.kind {
                HitKind::Listed { refs, variant, .. } => SeenHit {
                    text,
                    ids: refs
                        .iter()
                        .map(|r| gaz.entry(r.entity).id.clone())
                        .collect(),
                    how: if variant.is_some() {
                        "variant"
                    } else {
                        "listed"
                    },
                    why: variant.as_ref().map(|v| v.trace.clone()),
                },
                HitKind::Discovered {
                    kind,
                    key,
                    evidence,
                } => SeenHit {
                    text,
                    ids: vec![super::resolve::NewEntity::id_of(*kind, key)],
                    how: "discovered",
                    why: Some(evidence.clone()),
                },
            }
        })
        .collect()
}

/// The unlisted spellings of `text` that were too close to several entities to link, as
/// (surface, sorted entity ids).
pub(crate) fn ambiguous(lex: &Lexicon, text: &str) -> Vec<(String, Vec<String>)> {
    let finders = Finders {
        variants: true,
        discovery: true,
        evidence: true,
    };
    let ex = super::extract(lex, text, None, finders, None);
    ex.ambiguities()
        .map(|a| {
            let ids = a.candidates.iter().map(|(id, _)| id.to_string()).collect();
            (text[a.start..a.end].to_string(), ids)
        })
        .collect()
}

/// One mention of stage 4, as a table row can name it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SeenMention {
    /// The surface.
    pub(crate) text: String,
    /// The entity's id.
    pub(crate) entity: String,
    /// How it was linked (`exact`, `alias`, `partial`, `coref`...).
    pub(crate) how: &'static str,
    /// The surface of the mention it refers back to, if any.
    pub(crate) antecedent: Option<String>,
}

/// Every stage on `text`: the mentions, in text order.
pub(crate) fn mentions(lex: &Lexicon, text: &str) -> Vec<SeenMention> {
    mentions_dated(lex, text, None)
        .into_iter()
        .map(|(m, _)| m)
        .collect()
}

/// Every stage on `text` published on `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; none:
/// undated): the mentions in text order, each with its trace.
pub(crate) fn mentions_dated(
    lex: &Lexicon,
    text: &str,
    date: Option<&str>,
) -> Vec<(SeenMention, Option<String>)> {
    let finders = Finders {
        variants: true,
        discovery: true,
        evidence: true,
    };
    let date = date.map(|d| crate::date::Date::parse(d).expect("a test date"));
    let ex = super::extract(lex, text, date, finders, None);
    let all = ex.mentions();
    all.iter()
        .map(|m| {
            let seen = SeenMention {
                text: text[m.start..m.end].to_string(),
                entity: ex.entity(m).id.to_string(),
                how: m.how.as_str(),
                antecedent: m
                    .antecedent
                    .map(|a| text[all[a].start..all[a].end].to_string()),
            };
            (seen, m.trace.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_report_each_stage() {
        let lex = lexicon(
            "id\ttype\tcanonical\taliases\tcodes\tcountry\n\
             org.kh\tORG\tKataib Hezbollah\t\tKH\tIQ\n",
            false,
        );
        let text = "Kataib Hezbollah (KH) said analyst Dana M. Whitfield.";
        let h = hits(&lex, text, true, true);
        assert_eq!(h[0].text, "Kataib Hezbollah");
        assert_eq!(h[0].ids, ["org.kh"]);
        assert!(h.iter().any(|h| h.how == "discovered"), "{h:?}");
        let m = mentions(&lex, text);
        assert_eq!((m[1].text.as_str(), m[1].how), ("KH", "alias"));
        assert!(ambiguous(&lex, text).is_empty());
        let m = mentions(
            bundled(),
            "Qassem Soleimani met Abu Mahdi al-Muhandis in Baghdad.",
        );
        assert_eq!(m[0].entity, "per.qassem-soleimani");
    }
}
