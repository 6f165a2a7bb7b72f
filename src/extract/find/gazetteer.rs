//! Stage 3a: gazetteer hits on word boundaries.
//!
//! At every token start one anchored walk of the automaton gives every name that begins
//! there, and the longest is tried first. A hit is kept only when
//! - it ends on a token end, or before a possessive (`Soleimani’s`: the span stops before the
//!   apostrophe) or a plural `s` (`PMFs`: the `s` stays inside the span);
//! - an ordinary name is capitalised in the text: every word is capitalised except the words
//!   the name itself writes in lower case (`al`, `of`), so "hit" is not the town Hit and
//!   "Ain al-Asad air base" falls back to "Ain al-Asad";
//! - a code (IS, PMU, K1) appears in exactly its case, and not amid an all-capitals headline
//!   where "IS" and "US" are ordinary words;
//! - an entity with a context guard has one of its guard words in the same document.
//!
//! When the longest hit fails, the next shorter one at the same start is tried. Overlapping
//! hits are then resolved by choosing the set that covers the most text (so "The National
//! Security Council" is the council, not the newspaper "The National").

use super::hit::{Hit, HitKind};
use super::select::select;
use crate::data::particles::{self, role};
use crate::gazetteer::{Compiled, GuardCache};
use crate::text::Analysed;
use crate::text::tokenize::is_apostrophe_like;

/// Can a name start at this word? Capitalised, a digit, or a particle that opens names
/// (`src/data/particles.tsv`). Given the word's first byte and its key, as bytes: this runs
/// on every possible start of the text.
fn may_start_name(first: u8, key: &[u8]) -> bool {
    !first.is_ascii_lowercase() || particles::roles(key) & role::OPENS != 0
}

/// How many shorter hits to try at one start after the longest fails.
const MAX_RETRIES: usize = 6;

/// Finds non-overlapping gazetteer hits in a document, in text order.
pub(super) fn find(doc: &Analysed<'_>, gaz: &Compiled) -> Vec<Hit> {
    let key = doc.keys().as_bytes();
    let text = doc.text().as_bytes();
    let mut found = Vec::new();
    let mut guards = GuardCache::default();
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for &i in doc.starts() {
        let i = i as usize;
        let (ks, ke) = doc.key_range(i);
        // Every name starts capitalised, with a digit ("22nd Brigade") or with a lower-case
        // particle ("al-Muhandis", "bin Laden", "de Mistura"): only there is the automaton
        // asked, which skips most words of running text (the words normalising listed as
        // possible starts are a superset).
        if ks == ke || !may_start_name(text[doc.words()[i].start], &key[ks..ke]) {
            continue;
        }
        // Every key that starts here, longest first: the longest that validates wins.
        hits.clear();
        gaz.prefixes(key, ks, &mut hits);
        for &(end, pid) in hits.iter().rev().take(MAX_RETRIES + 1) {
            if let Some(c) = validate(doc, gaz, i, end, pid, &mut guards) {
                found.push(c);
                break;
            }
        }
    }
    select(found)
}

/// The hit of pattern `pid` from word `first` to key byte `kend`, if it passes the boundary,
/// punctuation, case and context checks.
fn validate(
    doc: &Analysed<'_>,
    gaz: &Compiled,
    first: usize,
    kend: usize,
    pid: usize,
    guards: &mut GuardCache,
) -> Option<Hit> {
    let HitEnd {
        last,
        end,
        core_end,
        plural,
    } = hit_end(doc, kend)?;
    if !joined_by_spaces(doc, first, last) {
        return None;
    }
    let words = doc.words();
    let start = words[first].start;
    let core = &doc.text()[start..core_end];
    let mut refs = Vec::new();
    for &r in gaz.candidates(pid) {
        let info = gaz.name(r);
        let ok = match info.exact() {
            None if plural => false,
            Some(exact) => {
                let letters: String = core.chars().filter(|c| c.is_alphanumeric()).collect();
                letters == exact && !shouting(doc, first, last, core)
            }
            None => capitalised(doc, first, last, info.lower_words()),
        };
        if ok && (!info.is_guarded() || gaz.guard_ok(doc, r.entity, guards)) {
            refs.push(r);
        }
    }
    if refs.is_empty() {
        return None;
    }
    Some(Hit {
        first,
        last,
        start,
        end,
        kind: HitKind::Listed {
            refs,
            weight: kend - doc.key_range(first).0,
            variant: None,
        },
    })
}

/// Where a hit whose key ends at key byte `kend` ends in the text.
struct HitEnd {
    /// Its last word.
    last: usize,
    /// Its end in the text (a plural "s" included).
    end: usize,
    /// The end of the name proper (before a plural "s").
    core_end: usize,
    /// Whether a plural "s" follows the name inside the last word.
    plural: bool,
}

/// The hit ends on a word's end, or before a possessive (`Soleimani’s`: the span stops
/// before the apostrophe) or a plural "s" inside the word (`PMFs`, accepted on codes only).
fn hit_end(doc: &Analysed<'_>, kend: usize) -> Option<HitEnd> {
    let last = doc.token_at(kend - 1)?;
    let word = doc.words()[last];
    let tok_end = doc.key_range(last).1;
    if kend == tok_end {
        // "PMU’s" must not be read as a code "PMUs": a word ending in a possessive only
        // matches up to the apostrophe (the shorter hit is tried next).
        let mut tail = doc.word_text(last).chars().rev();
        if matches!(tail.next(), Some('s' | 'S')) && tail.next().is_some_and(is_apostrophe_like) {
            return None;
        }
        return Some(HitEnd {
            last,
            end: word.end,
            core_end: word.end,
            plural: false,
        });
    }
    // Only a possessive or plural "s" may follow inside the word.
    if &doc.keys()[kend..tok_end] != "s" {
        return None;
    }
    let before = doc.orig_span(kend - 1)?.1;
    let s_at = doc.orig_span(kend)?.0;
    // A hit ending inside one folded character ("ß" → "ss") is no hit.
    if s_at < before {
        return None;
    }
    let between = &doc.text()[before..s_at];
    let (end, plural) = if between.chars().count() == 1 && between.chars().all(is_apostrophe_like) {
        (before, false)
    } else if between.is_empty() {
        (word.end, true)
    } else {
        return None;
    };
    Some(HitEnd {
        last,
        end,
        core_end: before,
        plural,
    })
}

/// A name never spans punctuation other than a joining hyphen or apostrophe, or the period
/// of an abbreviation ("St. Louis"): "[Gen. Kenneth F.] McKenzie" and "The National - News"
/// are not one name. Nor does it span a blank line.
fn joined_by_spaces(doc: &Analysed<'_>, first: usize, last: usize) -> bool {
    let (text, words) = (doc.text(), doc.words());
    (first..last).all(|t| {
        let gap = &text[words[t].end..words[t + 1].start];
        // A word-final ʿayn or hamza ("Shia' al-Sudani") counts as part of the space.
        let gap = gap.strip_prefix(is_apostrophe_like).unwrap_or(gap);
        let spaces = gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1;
        let joiner = gap.chars().count() == 1
            && gap
                .chars()
                .all(|c| matches!(c, '-' | '‐' | '‑') || is_apostrophe_like(c));
        let period = gap.starts_with('.') && gap[1..].chars().all(|c| c == ' ');
        spaces || joiner || period
    })
}

/// Every word of the hit is capitalised, or is a word the name writes in lower case.
fn capitalised(doc: &Analysed<'_>, first: usize, last: usize, lower_words: &[String]) -> bool {
    let mut any_upper = false;
    for t in first..=last {
        let c = doc.word_text(t).chars().next().unwrap_or(' ');
        if c.is_lowercase() {
            let k = doc.key(t);
            // The article is written "al-" or "Al-" by different feeds: either case counts.
            if k != "al" && !lower_words.iter().any(|l| l == k) {
                return false;
            }
        } else if c.is_uppercase() {
            any_upper = true;
        }
    }
    any_upper
        || doc
            .word_text(first)
            .chars()
            .next()
            .is_some_and(|c| c.is_numeric())
}

/// A bare all-capitals code between all-capitals words: a headline, where "IS", "US" and
/// "IT" are ordinary words. Dotted or hyphenated codes ("U.S.", "K-1") are still accepted.
fn shouting(doc: &Analysed<'_>, first: usize, last: usize, core: &str) -> bool {
    if core.contains(['.', '-']) || core.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let caps = |i: usize| {
        let w = doc.word_text(i);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(|c| c.is_lowercase())
    };
    let prev = first.checked_sub(1).map(caps);
    let next = (last + 1 < doc.words().len()).then(|| caps(last + 1));
    match (prev, next) {
        (Some(p), Some(n)) => p && n,
        (Some(p), None) => p,
        (None, Some(n)) => n,
        (None, None) => false,
    }
}
