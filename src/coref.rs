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
use crate::normalize::NormText;
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
        format!("new:{}:{}", self.kind.as_lower_str(), self.key)
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
    norm: &NormText,
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
    // Of the anchored entities that `ents` accepts, the one this mention can only mean: the
    // single one anchored before it, else the single one anchored anywhere in the document
    // (each entity is anchored at most once).
    let unique_anchor = |ents: &dyn Fn(u32) -> bool, at: usize| -> Option<u32> {
        // The first such anchor, and whether there is another.
        let pick = |before: bool| {
            let mut found = anchored
                .iter()
                .filter(|&&(e, pos)| ents(e) && (!before || pos < at))
                .map(|(e, _)| *e);
            (found.next(), found.next().is_some())
        };
        match pick(true) {
            (Some(one), false) => Some(one),
            (None, _) => match pick(false) {
                (Some(one), false) => Some(one),
                _ => None,
            },
            _ => None,
        }
    };
    let mut out: Vec<Mention> = Vec::with_capacity(cands.len());
    // Reused from candidate to candidate.
    let (mut full, mut partial): (Vec<NameRef>, Vec<NameRef>) = (Vec::new(), Vec::new());
    for c in cands {
        let refs = place_after_preposition(text, tokens, c, gaz);
        full.clear();
        full.extend(refs.iter().filter(|r| r.kind != NameKind::Partial));
        // Canonical names before aliases before codes; then gazetteer order.
        full.sort_by_key(|r| (r.kind, r.entity));
        partial.clear();
        partial.extend(refs.iter().filter(|r| r.kind == NameKind::Partial));
        let pick: Option<NameRef> = if !full.is_empty() {
            // Sieve 2: a name shared by several entities (or an alias of one and the surname
            // of another) goes to the one anchored in the document; failing that, to the
            // first listed bearer of the full name.
            let single = full.iter().all(|r| r.entity == full[0].entity) && partial.is_empty();
            if single {
                Some(full[0])
            } else {
                match unique_anchor(&|e| refs.iter().any(|r| r.entity == e), c.start) {
                    Some(e) => refs.iter().find(|r| r.entity == e).copied(),
                    None => Some(full[0]),
                }
            }
        } else {
            // Sieve 3: short forms need exactly one anchored bearer; a surname is tried
            // before a given name ("Ali" is Ahmed Ali, not Ali Sistani).
            let given = |r: &NameRef| gaz.names[r.name as usize].given;
            let partial = &partial;
            let by = |g: bool| move |e: u32| partial.iter().any(|r| r.entity == e && given(r) == g);
            unique_anchor(&by(false), c.start)
                .or_else(|| unique_anchor(&by(true), c.start))
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
        // A given name keeps a middle initial that follows it ("[Gen. Kenneth F.] McKenzie").
        let (end, last) = match tokens.words.get(c.last + 1) {
            Some(w)
                if gaz.names[r.name as usize].given
                    && &text[c.end..w.start] == " "
                    && w.end - w.start == 2
                    && w.text(text).ends_with('.') =>
            {
                (w.end, c.last + 1)
            }
            _ => (c.end, c.last),
        };
        out.push(Mention {
            start: c.start,
            end,
            first: c.first,
            last,
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
    nominals(text, tokens, &norm.starts, gaz, &mut out);
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
fn place_after_preposition<'c>(
    text: &str,
    tokens: &Tokens,
    c: &'c Candidate,
    gaz: &Compiled,
) -> std::borrow::Cow<'c, [NameRef]> {
    let is_place = |r: &NameRef| {
        matches!(
            gaz.gazetteer.entities[r.entity as usize].kind,
            EntityType::Gpe | EntityType::Loc | EntityType::Facility
        )
    };
    let places = c.refs.iter().filter(|r| is_place(r)).count();
    if places == 0 || places == c.refs.len() || c.first == 0 {
        return (&c.refs[..]).into();
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
        (&c.refs[..]).into()
    }
}

/// "League of Revolutionaries (Usbat al-Thairen)": a capitalised name in parentheses right
/// after a mention, that no gazetteer hit covers, is another name of the same entity in this
/// document (`alias`, with the defining mention as antecedent); so are its later uses.
fn parenthetical_names(text: &str, tokens: &Tokens, out: &mut Vec<Mention>) {
    let words = &tokens.words;
    let covered = |out: &Vec<Mention>, t: usize| out.iter().any(|m| m.first <= t && t <= m.last);
    let mut defs: Vec<(String, EntityRef, usize)> = Vec::new();
    for m in out.iter() {
        let Some(first) = words.get(m.last + 1) else {
            continue;
        };
        if &text[m.end..first.start] != " (" {
            continue;
        }
        // The name runs to the closing parenthesis: at most five words, capitalised or
        // particles, separated by spaces or hyphens.
        let mut last = m.last + 1;
        let mut ok = false;
        while last < words.len() && last <= m.last + 5 {
            let w = words[last].text(text);
            let cap = w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
            let particle = matches!(w, "al" | "el" | "bin" | "ibn" | "of" | "the");
            if !(cap || particle) || covered(out, last) {
                break;
            }
            let after = &text[words[last].end..];
            if after.starts_with(')') {
                ok = cap;
                break;
            }
            match words.get(last + 1) {
                Some(n) if matches!(&text[words[last].end..n.start], " " | "-") => last += 1,
                _ => break,
            }
        }
        if ok {
            let surface = text[first.start..words[last].end].to_string();
            if !defs.iter().any(|(s, _, _)| *s == surface) {
                defs.push((surface, m.entity, m.start));
            }
        }
    }
    for (surface, entity, def_start) in defs {
        let mut at = 0;
        while let Some(pos) = text[at..].find(&surface) {
            let start = at + pos;
            let end = start + surface.len();
            at = end;
            let (Some(fi), Some(la)) = (
                words.iter().position(|w| w.start == start),
                words.iter().position(|w| w.end == end),
            ) else {
                continue;
            };
            if start < def_start || (fi..=la).any(|t| covered(out, t)) {
                continue;
            }
            out.push(Mention {
                start,
                end,
                first: fi,
                last: la,
                entity,
                how: MatchKind::Alias,
                sentence: words[fi].sentence,
                confidence: 0.9,
                trace: Some(format!("named in parentheses after a mention: {surface:?}")),
                antecedent: Some(def_start),
            });
        }
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
    parenthetical_names(text, tokens, out);
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

/// Head nouns of definite descriptions, with the entity type they can refer to. Two-word
/// heads come first so "prime minister" is not read as "minister".
const NOMINAL_HEADS: &[(&str, EntityType)] = &[
    ("prime minister", EntityType::Person),
    ("supreme leader", EntityType::Person),
    ("president", EntityType::Person),
    ("premier", EntityType::Person),
    ("commander", EntityType::Person),
    ("general", EntityType::Person),
    ("cleric", EntityType::Person),
    ("ayatollah", EntityType::Person),
    ("group", EntityType::Org),
    ("militia", EntityType::Org),
    ("movement", EntityType::Org),
    ("organisation", EntityType::Org),
    ("organization", EntityType::Org),
    ("faction", EntityType::Org),
    ("city", EntityType::Gpe),
    ("town", EntityType::Gpe),
    ("village", EntityType::Gpe),
    ("country", EntityType::Gpe),
    ("state", EntityType::Gpe),
    ("government", EntityType::Gpe),
    ("base", EntityType::Facility),
    ("airbase", EntityType::Facility),
    ("airport", EntityType::Facility),
    ("embassy", EntityType::Facility),
];

/// [`NOMINAL_HEADS`] by first word: (head, second word, type), in list order.
#[allow(clippy::type_complexity)]
static NOMINAL_HEAD_MAP: std::sync::LazyLock<
    rustc_hash::FxHashMap<&'static [u8], Vec<(&'static str, Option<&'static str>, EntityType)>>,
> = std::sync::LazyLock::new(|| {
    let mut map: rustc_hash::FxHashMap<_, Vec<_>> = Default::default();
    for &(head, kind) in NOMINAL_HEADS {
        let (first, second) = match head.split_once(' ') {
            Some((a, b)) => (a, Some(b)),
            None => (head, None),
        };
        map.entry(first.as_bytes())
            .or_default()
            .push((head, second, kind));
    }
    map
});

/// [`NOMINAL_MODIFIERS`] as a set, of bytes: the words asked are lower-cased into a byte
/// buffer, and turning that into a `str` again cost more than the lookup.
static NOMINAL_MODIFIER_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static [u8]>> =
    std::sync::LazyLock::new(|| NOMINAL_MODIFIERS.iter().map(|m| m.as_bytes()).collect());

/// An ASCII word lower-cased into `buf`, as bytes; `None` if it is longer than `buf` or not ASCII
/// (no head or modifier is).
fn ascii_lower<'a>(word: &str, buf: &'a mut [u8; 16]) -> Option<&'a [u8]> {
    let out = buf.get_mut(..word.len())?;
    if !word.is_ascii() {
        return None;
    }
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    Some(out)
}

/// Modifiers allowed between "the" and the head ("the same group", "the sprawling base",
/// "the Iranian general").
const NOMINAL_MODIFIERS: &[&str] = &[
    "same",
    "sprawling",
    "former",
    "top",
    "new",
    "senior",
    "powerful",
    "influential",
    "iranian",
    "iraqi",
    "shiite",
    "shia",
    "sunni",
    "kurdish",
    "american",
    "syrian",
    "lebanese",
    "military",
    "elite",
    "hardline",
    "armed",
    "main",
    "largest",
    "besieged",
    "northern",
    "southern",
    "western",
    "eastern",
    "ancient",
    "holy",
    "shrine",
    "key",
    "strategic",
    "rural",
];

/// Demonyms that name the country itself in "the Iraqi state", "the Iraqi government".
const DEMONYM_COUNTRY: &[(&str, &str)] = &[
    ("iraqi", "iraq"),
    ("iranian", "iran"),
    ("syrian", "syria"),
    ("lebanese", "lebanon"),
    ("american", "unitedstates"),
    ("kurdish", "kurdistanregion"),
];

/// Nouns after which a head noun is a modifier, not a head ("the militia presence").
const HEAD_MODIFIES: &[&str] = &[
    "presence",
    "backlash",
    "leader",
    "leaders",
    "commander",
    "commanders",
    "fighters",
    "members",
    "units",
    "groups",
    "attacks",
    "network",
    "forces",
    "ranks",
    "campaign",
    "threat",
    "violence",
    "activity",
    "activities",
    "officials",
    "council",
    "authorities",
    "area",
    "centre",
    "center",
    "hall",
    "limits",
    "outskirts",
    "residents",
    "police",
    "level",
];

/// "premier's" → "premier": the possessive stays outside a mention.
fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

/// Nouns a place name modifies ("US forces", "Iran troops"): such a mention is not what
/// "the country" refers back to.
const MODIFIED_NOUNS: &[&str] = &[
    "forces",
    "troops",
    "officials",
    "official",
    "military",
    "government",
    "army",
    "strike",
    "strikes",
    "embassy",
    "bases",
    "base",
    "soldiers",
    "personnel",
    "president",
    "administration",
    "diplomats",
    "interests",
    "drone",
    "planes",
    "warplanes",
    "airstrikes",
    "advisers",
    "ties",
    "sanctions",
    "ambassador",
    "envoy",
    "policy",
    "intelligence",
    "presence",
    "withdrawal",
    "occupation",
    "counterparts",
    "allies",
    "proxies",
    "militias",
    "authorities",
];

/// Is this mention a place used as a modifier ("US forces", "Iran-backed")?
fn modifier(text: &str, words: &[crate::tokenize::Token], m: &Mention) -> bool {
    let Some(next) = words.get(m.last + 1) else {
        return false;
    };
    let gap = &text[m.end..next.start];
    gap == "-" || (gap == " " && MODIFIED_NOUNS.contains(&next.text(text)))
}

/// Is the offset inside a quotation (an odd number of quotation marks before it on its
/// line)?
fn quoted(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..at];
    let open = line.matches('“').count() + line.matches('"').count();
    let close = line.matches('”').count();
    if line.contains('“') || line.contains('”') {
        open > close
    } else {
        open % 2 == 1
    }
}

/// How many sentences back an antecedent may be.
const NOMINAL_WINDOW: u32 = 6;

/// Sieve 5: definite descriptions ("the Iranian commander", "the militia", "the city")
/// link to the most recent earlier mention of a compatible entity: one whose gazetteer
/// descriptors contain the description (or its head noun), or, for "city"/"town", a settlement
/// (a place with coordinates), and for "country"/"state"/"government", a country. A
/// country used as a modifier in the same sentence ("US forces in the country") is not
/// salient enough to be the antecedent. No compatible antecedent within a few sentences:
/// no link, since a wrong link costs more than a miss.
fn nominals(text: &str, tokens: &Tokens, starts: &[u32], gaz: &Compiled, out: &mut Vec<Mention>) {
    let words = &tokens.words;
    let lower = |i: usize| words[i].text(text).to_lowercase();
    let taken = |out: &Vec<Mention>, i: usize| out.iter().any(|m| m.first <= i && i <= m.last);
    let mut found: Vec<Mention> = Vec::new();
    // "the" and "The" are among the words normalising listed as possible starts.
    for &i in starts {
        let i = i as usize;
        // Length first, then the bytes.
        let w = words[i];
        if w.end - w.start != 3 || !text.as_bytes()[w.start..w.end].eq_ignore_ascii_case(b"the") {
            continue;
        }
        // Modifiers, then a head; this runs after every "the", so words are looked up
        // lower-cased in a stack buffer.
        let mut buf = [0u8; 16];
        let mut j = i + 1;
        while j < words.len()
            && j < i + 3
            && ascii_lower(words[j].text(text), &mut buf)
                .is_some_and(|m| NOMINAL_MODIFIER_SET.contains(m))
        {
            j += 1;
        }
        let word = |n: usize| words.get(j + n).map(|w| strip_possessive(w.text(text)));
        let Some(w0) = word(0) else {
            continue;
        };
        let w1 = word(1);
        let Some(heads) = ascii_lower(w0, &mut buf).and_then(|w| NOMINAL_HEAD_MAP.get(w)) else {
            continue;
        };
        // Heads sharing a first word, two-word ones first.
        let Some((head, kind, last)) = heads.iter().find_map(|&(h, second, k)| match second {
            None => Some((h, k, j)),
            Some(second) => w1
                .is_some_and(|w| w.eq_ignore_ascii_case(second))
                .then_some((h, k, j + 1)),
        }) else {
            continue;
        };
        // "the president's" is fine; "the group's leader" too. A capitalised head after "the"
        // in mid-sentence is a name ("the Islamic State Group"): not a description.
        if j > i + 1 && words[j].text(text).starts_with(char::is_uppercase) && i > 0 {
            continue;
        }
        if (i + 1..=last).any(|t| taken(out, t)) {
            continue;
        }
        // "the Iraqi city of Mosul" names its referent right after it; ", the top Shiite
        // cleric" is an apposition and "became the top commander" a predicate: none of them
        // refers back on its own.
        let named_after = words.get(last + 1).is_some_and(|w| w.text(text) == "of")
            && words
                .get(last + 2)
                .is_some_and(|w| w.text(text).starts_with(char::is_uppercase));
        let before = text[..words[i].start].trim_end();
        let appositive = before.ends_with(',') || before.ends_with('—') || before.ends_with('–');
        let predicate = i > 0
            && matches!(
                lower(i - 1).as_str(),
                "became" | "become" | "becomes" | "is" | "was" | "as" | "named" | "remains"
            );
        // "the militia presence", "the militia-led assault": the head is a modifier.
        let modifies = words.get(last + 1).is_some_and(|w| {
            let gap = &text[words[last].end..w.start];
            gap == "-" || (gap == " " && HEAD_MODIFIES.contains(&w.text(text)))
        });
        if named_after || appositive || predicate || modifies {
            continue;
        }
        let start = words[i + 1].start;
        let end = words[last].start + strip_possessive(words[last].text(text)).len();
        let sentence = words[i].sentence;
        let phrase = crate::normalize::name_key(&text[start..end]);
        let modifiers: Vec<String> = (i + 1..j).map(lower).collect();
        let country_of_demonym = modifiers.iter().find_map(|m| {
            DEMONYM_COUNTRY
                .iter()
                .find(|(d, _)| d == m)
                .map(|(_, c)| *c)
        });
        let head_key = crate::normalize::name_key(head);
        let compatible = |m: &Mention| -> Option<&'static str> {
            let EntityRef::Known(e) = m.entity else {
                return None;
            };
            let ent = &gaz.gazetteer.entities[e as usize];
            if ent.kind != kind {
                return None;
            }
            let desc = &gaz.descriptors[e as usize];
            if desc.contains(&phrase) {
                return Some("descriptor");
            }
            let is_country = desc.iter().any(|d| d == "country");
            match head {
                "country" | "state" | "government" => {
                    if !is_country {
                        return None;
                    }
                    match country_of_demonym {
                        Some(c) => {
                            (crate::normalize::name_key(&ent.canonical) == c).then_some("demonym")
                        }
                        None => Some("country"),
                    }
                }
                "city" | "town" | "village" => {
                    let settlement = ent.coordinates.is_some()
                        || desc
                            .iter()
                            .any(|d| d.ends_with("town") || d.ends_with("city"));
                    (settlement && !is_country).then_some("settlement")
                }
                _ => {
                    // Person, group and facility heads need the head noun among the
                    // entity's descriptors, and any demonym modifier to agree with them.
                    let head_ok = desc.iter().any(|d| d.ends_with(&head_key));
                    let mods_ok = modifiers.iter().all(|m| {
                        !DEMONYM_COUNTRY.iter().any(|(d, _)| d == m)
                            || desc.iter().any(|d| d.starts_with(m.as_str()))
                    });
                    (head_ok && mods_ok).then_some("head noun")
                }
            }
        };
        let mut best: Option<(usize, &'static str)> = None;
        for (mi, m) in out.iter().enumerate() {
            if m.end > words[i].start || m.how == MatchKind::Coref {
                continue;
            }
            let far = sentence.saturating_sub(m.sentence) > NOMINAL_WINDOW;
            // "US forces", "Iran-backed": a place used as a modifier is not what "the
            // country" refers back to.
            let modifier_use = kind == EntityType::Gpe && modifier(text, words, m);
            if modifier_use {
                continue;
            }
            if let Some(why) = compatible(m) {
                // Only a description the gazetteer lists for the entity ("the Iranian
                // general") may reach back further than a few sentences.
                if far && why != "descriptor" {
                    continue;
                }
                // A mention inside a quotation is less salient than one outside it.
                let rank = (!quoted(text, m.start), m.start);
                if best.is_none_or(|(b, _)| (!quoted(text, out[b].start), out[b].start) < rank) {
                    best = Some((mi, why));
                }
            }
        }
        let Some((ante, why)) = best else { continue };
        // "the country" with two countries named just before ("Iraq and the US agreed … its
        // troops in the country"): no way to tell, so no link.
        if matches!(head, "country" | "state" | "government") && country_of_demonym.is_none() {
            let rivals: rustc_hash::FxHashSet<EntityRef> = out
                .iter()
                .filter(|m| m.end <= words[i].start && sentence.saturating_sub(m.sentence) <= 1)
                .filter(|m| matches!(compatible(m), Some("country" | "descriptor")))
                .filter(|m| !modifier(text, words, m))
                .map(|m| m.entity)
                .collect();
            if rivals.len() > 1 {
                continue;
            }
        }
        found.push(Mention {
            start,
            end,
            first: i + 1,
            last,
            entity: out[ante].entity,
            how: MatchKind::Coref,
            sentence,
            confidence: 0.7,
            trace: Some(format!(
                "\"the {}\": most recent compatible mention ({why})",
                &text[start..end]
            )),
            antecedent: Some(out[ante].start),
        });
    }
    out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nominal_words_fit_the_lookup_buffer() {
        // ascii_lower refuses words longer than its buffer: every listed word must fit.
        let mut buf = [0u8; 16];
        for &(head, _) in NOMINAL_HEADS {
            for w in head.split(' ') {
                assert_eq!(ascii_lower(w, &mut buf), Some(w.as_bytes()), "{head}");
            }
        }
        for &m in NOMINAL_MODIFIERS {
            assert_eq!(ascii_lower(m, &mut buf), Some(m.as_bytes()));
        }
        assert_eq!(ascii_lower("The", &mut buf), Some(&b"the"[..]));
        assert_eq!(ascii_lower("Ṣadr", &mut buf), None);
    }
}
