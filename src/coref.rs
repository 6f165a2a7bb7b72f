//! Stage 4: resolution. Turns gazetteer candidates into mentions of one entity each, as
//! ordered sieves, most precise first:
//!
//! 1. **names**: a candidate whose full names (canonical, alias, code) point at one entity is
//!    linked to it; these *anchor* the entity in the document;
//! 2. **shared names**: a name shared by several entities goes to the one anchored in the
//!    document; if none or several are anchored, to the first listed (the gazetteer lists the
//!    most prominent bearer first);
//! 3. **short forms**: a generated surname or kunya ("Muhandis", "Abu Mahdi") links only when
//!    exactly one entity with that short form is anchored in the document — a surname shared
//!    by two people named in the document ("Zeinab Soleimani", "Qassem Soleimani") stays
//!    unlinked, because a wrong link costs more than a miss;
//! 4. **acronyms defined in the text** ("Popular Mobilisation Units, or PMU", "(PMF)",
//!    "known as KH") link every later use of the acronym in the document to the expansion.
//!
//! Entity ids are gazetteer ids, so the same entity in different documents is one entity.

use crate::discover::Found;
use crate::gazetteer::{Compiled, EntityType, NameKind, NameRef};
use crate::matcher::Candidate;
use crate::record::MatchKind;
use crate::tokenize::Tokens;

/// The entity a mention belongs to: a gazetteer entity, or one discovered in this document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityRef {
    /// Index into the gazetteer's entities.
    Known(u32),
    /// Index into [`Resolved::discovered`].
    New(u32),
}

/// An entity discovered in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntity {
    /// Type.
    pub kind: EntityType,
    /// Normalised key: with the type, the entity's identity across documents.
    pub key: String,
    /// The fullest surface seen in the document.
    pub surface: String,
    /// Why it was taken for a name.
    pub evidence: String,
}

impl NewEntity {
    /// The stable id: type and normalised key.
    pub fn id(&self) -> String {
        format!(
            "new:{}:{}",
            self.kind.as_str().to_ascii_lowercase(),
            self.key
        )
    }
}

/// One document's resolution.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolved {
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Entities discovered in this document.
    pub discovered: Vec<NewEntity>,
}

/// A resolved mention of one entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Original byte span start.
    pub start: usize,
    /// Original byte span end (exclusive).
    pub end: usize,
    /// First token index.
    pub first: usize,
    /// Last token index (inclusive).
    pub last: usize,
    /// The entity.
    pub entity: EntityRef,
    /// How it was linked.
    pub how: MatchKind,
    /// Sentence index.
    pub sentence: u32,
    /// Confidence in the link.
    pub confidence: f32,
    /// Rules that made the link, when not a plain name match.
    pub trace: Option<String>,
    /// Index of the antecedent mention (within the document), for coreference links.
    pub antecedent: Option<usize>,
}

/// Resolves one document's gazetteer candidates and discovered names into mentions, in text
/// order.
pub fn resolve(
    text: &str,
    tokens: &Tokens,
    cands: &[Candidate],
    found: &[Found],
    gaz: &Compiled,
) -> Resolved {
    // Sieve 1: anchors — entities named unambiguously by a full name, with the offset of
    // their first such mention.
    let mut anchored: Vec<(u32, usize)> = Vec::new();
    for c in cands {
        let mut full = c.refs.iter().filter(|r| r.kind != NameKind::Partial);
        if let Some(first) = full.next() {
            if full.all(|r| r.entity == first.entity)
                && !anchored.iter().any(|(e, _)| *e == first.entity)
            {
                anchored.push((first.entity, c.start));
            }
        }
    }
    // Of the anchored entities among `ents`, the one this mention can only mean: the single
    // one anchored before it, else the single one anchored anywhere in the document.
    let unique_anchor = |ents: &[u32], at: usize| -> Option<u32> {
        let pick = |before: bool| {
            let mut found: Vec<u32> = anchored
                .iter()
                .filter(|(e, pos)| ents.contains(e) && (!before || *pos < at))
                .map(|(e, _)| *e)
                .collect();
            found.dedup();
            found
        };
        match pick(true).as_slice() {
            [one] => Some(*one),
            [] => match pick(false).as_slice() {
                [one] => Some(*one),
                _ => None,
            },
            _ => None,
        }
    };
    let mut out: Vec<Mention> = Vec::with_capacity(cands.len());
    for c in cands {
        let refs = place_after_preposition(text, tokens, c, gaz);
        let mut full: Vec<&NameRef> = refs
            .iter()
            .filter(|r| r.kind != NameKind::Partial)
            .collect();
        // Canonical names before aliases before codes; then gazetteer order.
        full.sort_by_key(|r| (r.kind, r.entity));
        let partial: Vec<&NameRef> = refs
            .iter()
            .filter(|r| r.kind == NameKind::Partial)
            .collect();
        let all: Vec<u32> = refs.iter().map(|r| r.entity).collect();
        let pick = if !full.is_empty() {
            // Sieve 2: a name shared by several entities (or an alias of one and the surname
            // of another) goes to the one anchored in the document; failing that, to the
            // first listed bearer of the full name.
            let single = full.iter().all(|r| r.entity == full[0].entity) && partial.is_empty();
            match (single, unique_anchor(&all, c.start)) {
                (true, _) => Some(full[0]),
                (false, Some(e)) => refs.iter().find(|r| r.entity == e),
                (false, None) => Some(full[0]),
            }
        } else {
            // Sieve 3: short forms need exactly one anchored bearer.
            unique_anchor(&all, c.start)
                .and_then(|e| partial.iter().copied().find(|r| r.entity == e))
        };
        let Some(r) = pick else { continue };
        let how = match (r.kind, &c.variant) {
            (_, Some(_)) => MatchKind::Variant,
            (NameKind::Canonical, None) => MatchKind::Exact,
            (NameKind::Alias | NameKind::Code, None) => MatchKind::Alias,
            (NameKind::Partial, None) => MatchKind::Partial,
        };
        // While resolving, `antecedent` holds the antecedent's start offset; it becomes an
        // index once the mentions are in their final order.
        let antecedent = (how == MatchKind::Partial)
            .then(|| {
                out.iter()
                    .find(|m| m.entity == EntityRef::Known(r.entity))
                    .map(|m| m.start)
            })
            .flatten();
        out.push(Mention {
            start: c.start,
            end: c.end,
            first: c.first,
            last: c.last,
            entity: EntityRef::Known(r.entity),
            how,
            sentence: tokens.words[c.first].sentence,
            confidence: match (&c.variant, how) {
                (Some(v), _) => v.confidence,
                (None, MatchKind::Partial) => 0.9,
                _ => 1.0,
            },
            trace: match (&c.variant, how) {
                (Some(v), _) => Some(v.trace.clone()),
                (None, MatchKind::Partial) => {
                    Some("short form of a full name in this document".into())
                }
                _ => None,
            },
            antecedent,
        });
    }
    let discovered = discovered(text, found, &mut out);
    acronyms(text, tokens, &mut out);
    out.sort_by_key(|m| m.start);
    let starts: Vec<usize> = out.iter().map(|m| m.start).collect();
    for m in &mut out {
        m.antecedent = m
            .antecedent
            .and_then(|s| starts.iter().position(|&x| x == s));
    }
    Resolved {
        mentions: out,
        discovered,
    }
}

/// Discovered names become entities of this document: full names first, so a surname seen
/// before the full name still takes the full name as the entity's surface.
fn discovered(text: &str, found: &[Found], out: &mut Vec<Mention>) -> Vec<NewEntity> {
    let mut news: Vec<NewEntity> = Vec::new();
    let mut order: Vec<&Found> = found.iter().collect();
    order.sort_by_key(|f| (f.first == f.last, f.start));
    for f in order {
        let idx = match news.iter().position(|e| e.key == f.key && e.kind == f.kind) {
            Some(i) => i,
            None => {
                news.push(NewEntity {
                    kind: f.kind,
                    key: f.key.clone(),
                    surface: text[f.start..f.end].to_string(),
                    evidence: f.evidence.clone(),
                });
                news.len() - 1
            }
        };
        out.push(Mention {
            start: f.start,
            end: f.end,
            first: f.first,
            last: f.last,
            entity: EntityRef::New(idx as u32),
            how: MatchKind::Discovered,
            sentence: f.sentence,
            confidence: 0.8,
            trace: Some(f.evidence.clone()),
            antecedent: None,
        });
    }
    news
}

/// After "in", "near", "from"… a name that is both a place and something else ("in
/// Sulaimani": the city, not the general's surname) keeps only its place readings.
fn place_after_preposition(
    text: &str,
    tokens: &Tokens,
    c: &Candidate,
    gaz: &Compiled,
) -> Vec<NameRef> {
    let is_place = |r: &NameRef| {
        matches!(
            gaz.gazetteer.entities[r.entity as usize].kind,
            EntityType::Gpe | EntityType::Loc | EntityType::Facility
        )
    };
    let places = c.refs.iter().filter(|r| is_place(r)).count();
    if places == 0 || places == c.refs.len() || c.first == 0 {
        return c.refs.clone();
    }
    let prev = tokens.words[c.first - 1].text(text);
    let locative = matches!(
        prev.to_ascii_lowercase().as_str(),
        "in" | "near"
            | "from"
            | "outside"
            | "around"
            | "across"
            | "into"
            | "toward"
            | "towards"
            | "at"
            | "to"
            | "inside"
    );
    if locative {
        c.refs.iter().filter(|r| is_place(r)).copied().collect()
    } else {
        c.refs.clone()
    }
}

/// An acronym token: 2–8 capitals (digits allowed after the first), optional plural `s`.
fn acronym_core(word: &str) -> Option<&str> {
    let core = word.strip_suffix('s').unwrap_or(word);
    let ok = core.len() >= 2
        && core.len() <= 8
        && core.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    ok.then_some(core)
}

/// Sieve 4: "X, or ACR", "X (ACR)", "X, known as ACR" define ACR as X for this document.
fn acronyms(text: &str, tokens: &Tokens, out: &mut Vec<Mention>) {
    let words = &tokens.words;
    let mut defs: Vec<(String, EntityRef, usize)> = Vec::new();
    for (mi, m) in out.iter().enumerate() {
        let Some(next) = words.get(m.last + 1) else {
            continue;
        };
        let gap = &text[m.end..next.start];
        let mut acr_tok = m.last + 1;
        let defines = if gap == " (" || gap == "(" {
            text[next.end..].starts_with(')')
        } else if gap == ", " && next.text(text) == "or" {
            acr_tok += 1;
            true
        } else if gap == ", " && next.text(text) == "known" {
            acr_tok += 2;
            words.get(m.last + 2).is_some_and(|w| w.text(text) == "as")
        } else {
            false
        };
        if !defines {
            continue;
        }
        let Some(w) = words.get(acr_tok) else {
            continue;
        };
        if let Some(core) = acronym_core(w.text(text)) {
            // The acronym must not already be a mention of another entity.
            if !defs.iter().any(|(a, _, _)| a == core) {
                defs.push((core.to_string(), m.entity, mi));
            }
        }
    }
    if defs.is_empty() {
        return;
    }
    for (ti, w) in words.iter().enumerate() {
        let Some(core) = acronym_core(w.text(text)) else {
            continue;
        };
        let Some((_, entity, def)) = defs.iter().find(|(a, _, _)| a == core) else {
            continue;
        };
        let def_start = out[*def].start;
        if w.start < def_start {
            continue;
        }
        match out.iter_mut().find(|m| m.first <= ti && ti <= m.last) {
            Some(m) if m.entity == *entity => {}
            Some(m) if m.first == ti && m.last == ti => {
                // A defined acronym overrides a gazetteer code of another entity here.
                m.entity = *entity;
                m.how = MatchKind::Acronym;
                m.trace = Some(format!("acronym defined in this document as {core}"));
                m.antecedent = Some(def_start);
            }
            Some(_) => {}
            None => out.push(Mention {
                start: w.start,
                end: w.end,
                first: ti,
                last: ti,
                entity: *entity,
                how: MatchKind::Acronym,
                sentence: w.sentence,
                confidence: 0.95,
                trace: Some(format!("acronym defined in this document as {core}")),
                antecedent: Some(def_start),
            }),
        }
    }
}
