//! Stage 3: gazetteer hits on token boundaries.
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

use crate::gazetteer::{Compiled, NameKind, NameRef};
use crate::normalize::{NormText, is_apostrophe_like};
use crate::tokenize::Tokens;

/// How a variant candidate was linked (see [`crate::variant`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Similarity of the two spellings, 0..1.
    pub confidence: f32,
    /// The transliteration rules that bridge them.
    pub trace: String,
}

/// A gazetteer hit that passed the boundary, case and context checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// First token index.
    pub first: usize,
    /// Last token index (inclusive).
    pub last: usize,
    /// Original byte span.
    pub start: usize,
    /// Original byte span end (exclusive).
    pub end: usize,
    /// The names (and so entities) this hit may be.
    pub refs: Vec<NameRef>,
    /// Length of the matched key, the weight for overlap resolution.
    pub weight: usize,
    /// Set when the hit is an unlisted transliteration variant rather than a listed name.
    pub variant: Option<Variant>,
}

/// Can a name start at this word? Capitalised, a digit, or a particle. Given the word's
/// first byte and its key, as bytes: this runs on every word of the text.
fn may_start_name(first: u8, key: &[u8]) -> bool {
    !first.is_ascii_lowercase()
        || matches!(
            key,
            b"al"
                | b"bin"
                | b"ibn"
                | b"bint"
                | b"de"
                | b"van"
                | b"von"
                | b"da"
                | b"di"
                | b"le"
                | b"la"
                | b"du"
                | b"ul"
        )
}

/// How many shorter hits to try at one start after the longest fails.
const MAX_RETRIES: usize = 6;

/// Finds non-overlapping gazetteer candidates in a document.
pub fn find(text: &str, tokens: &Tokens, norm: &NormText, gaz: &Compiled) -> Vec<Candidate> {
    let key = norm.key.as_bytes();
    let mut found = Vec::new();
    let mut guard_cache: Vec<(u32, bool)> = Vec::new();
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    for &i in &norm.starts {
        let i = i as usize;
        let ((ks, ke), w) = (norm.tok_key[i], &tokens.words[i]);
        // Every name starts capitalised, with a digit ("22nd Brigade") or with a lower-case
        // particle ("al-Muhandis", "bin Laden", "de Mistura"): only there is the automaton
        // asked, which skips most words of running text (the words normalising listed as
        // possible starts are a superset).
        if ks == ke || !may_start_name(bytes[w.start], &key[ks as usize..ke as usize]) {
            continue;
        }
        // Every key that starts here, longest first: the longest that validates wins.
        hits.clear();
        gaz.automaton.prefixes(key, ks as usize, &mut hits);
        for &(end, pid) in hits.iter().rev().take(MAX_RETRIES + 1) {
            if let Some(c) = validate(text, tokens, norm, gaz, i, end, pid, &mut guard_cache) {
                found.push(c);
                break;
            }
        }
    }
    select(found)
}

#[allow(clippy::too_many_arguments)]
fn validate(
    text: &str,
    tokens: &Tokens,
    norm: &NormText,
    gaz: &Compiled,
    first: usize,
    kend: usize,
    pid: usize,
    guard_cache: &mut Vec<(u32, bool)>,
) -> Option<Candidate> {
    let last = norm.token_at(kend - 1)?;
    let words = &tokens.words;
    let tok_end = norm.tok_key[last].1 as usize;
    // A plural "s" is accepted on codes only ("PMFs"); on names it makes other words
    // ("Hamas" is not "Hama" + s).
    let mut plural = false;
    let (end, core_end) = if kend == tok_end {
        // "PMU’s" must not be read as a code "PMUs": a word ending in a possessive only
        // matches up to the apostrophe (the shorter hit is tried next).
        let w = words[last].text(text);
        let mut tail = w.chars().rev();
        if matches!(tail.next(), Some('s' | 'S')) && tail.next().is_some_and(is_apostrophe_like) {
            return None;
        }
        (words[last].end, words[last].end)
    } else {
        // Only a possessive or plural "s" may follow inside the token.
        if &norm.key[kend..tok_end] != "s" {
            return None;
        }
        let before = norm.orig_span(text, tokens, kend - 1)?.1;
        let s_at = norm.orig_span(text, tokens, kend)?.0;
        // A hit ending inside one folded character ("ß" → "ss") is no hit.
        if s_at < before {
            return None;
        }
        let between = &text[before..s_at];
        if between.chars().count() == 1 && between.chars().all(is_apostrophe_like) {
            (before, before)
        } else if between.is_empty() {
            plural = true;
            (words[last].end, before)
        } else {
            return None;
        }
    };
    // A name never spans punctuation other than a joining hyphen or apostrophe, or the
    // period of an abbreviation ("St. Louis"): "[Gen. Kenneth F.] McKenzie" and
    // "The National - News" are not one name. Nor does it span a blank line.
    for t in first..last {
        let gap = &text[words[t].end..words[t + 1].start];
        // A word-final ʿayn or hamza ("Shia' al-Sudani") counts as part of the space.
        let gap = gap.strip_prefix(is_apostrophe_like).unwrap_or(gap);
        let spaces = gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1;
        let joiner = gap.chars().count() == 1
            && gap
                .chars()
                .all(|c| matches!(c, '-' | '‐' | '‑') || is_apostrophe_like(c));
        let period = gap.starts_with('.') && gap[1..].chars().all(|c| c == ' ');
        if !(spaces || joiner || period) {
            return None;
        }
    }
    let start = words[first].start;
    let core = &text[start..core_end];
    let mut refs = Vec::new();
    for r in &gaz.refs[pid] {
        let info = &gaz.names[r.name as usize];
        let ok = match &info.exact {
            None if plural => false,
            Some(exact) => {
                let letters: String = core.chars().filter(|c| c.is_alphanumeric()).collect();
                letters == *exact && !shouting(text, tokens, first, last, core)
            }
            None => capitalised(text, tokens, norm, first, last, &info.lower_words),
        };
        if ok && (!info.guarded || guard_ok(norm, gaz, r.entity, guard_cache)) {
            refs.push(*r);
        }
    }
    if refs.is_empty() {
        return None;
    }
    Some(Candidate {
        first,
        last,
        start,
        end,
        refs,
        weight: kend - norm.tok_key[first].0 as usize,
        variant: None,
    })
}

/// Every word of the hit is capitalised, or is a word the name writes in lower case.
fn capitalised(
    text: &str,
    tokens: &Tokens,
    norm: &NormText,
    first: usize,
    last: usize,
    lower_words: &[String],
) -> bool {
    let mut any_upper = false;
    for t in first..=last {
        let w = tokens.words[t].text(text);
        let c = w.chars().next().unwrap_or(' ');
        if c.is_lowercase() {
            let (s, e) = norm.tok_key[t];
            let k = &norm.key[s as usize..e as usize];
            // The article is written "al-" or "Al-" by different feeds: either case counts.
            if k != "al" && !lower_words.iter().any(|l| l == k) {
                return false;
            }
        } else if c.is_uppercase() {
            any_upper = true;
        }
    }
    any_upper
        || tokens.words[first]
            .text(text)
            .chars()
            .next()
            .is_some_and(|c| c.is_numeric())
}

/// A bare all-capitals code between all-capitals words: a headline, where "IS", "US" and
/// "IT" are ordinary words. Dotted or hyphenated codes ("U.S.", "K-1") are still accepted.
fn shouting(text: &str, tokens: &Tokens, first: usize, last: usize, core: &str) -> bool {
    if core.contains(['.', '-']) || core.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let caps = |i: usize| {
        let w = tokens.words[i].text(text);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(|c| c.is_lowercase())
    };
    let prev = first.checked_sub(1).map(caps);
    let next = (last + 1 < tokens.words.len()).then(|| caps(last + 1));
    match (prev, next) {
        (Some(p), Some(n)) => p && n,
        (Some(p), None) => p,
        (None, Some(n)) => n,
        (None, None) => false,
    }
}

/// Is the entity's context guard (if any) satisfied in this document? Cached per document.
pub fn guard_ok(
    norm: &NormText,
    gaz: &Compiled,
    entity: u32,
    cache: &mut Vec<(u32, bool)>,
) -> bool {
    let guards = &gaz.context[entity as usize];
    if guards.is_empty() {
        return true;
    }
    if let Some(&(_, ok)) = cache.iter().find(|(e, _)| *e == entity) {
        return ok;
    }
    let ok = gaz
        .guard_finders(entity)
        .iter()
        .any(|f| finds_on_boundaries(norm, f));
    cache.push((entity, ok));
    ok
}

/// Does the folded document contain `key` starting and ending on token boundaries?
pub fn contains_on_boundaries(norm: &NormText, key: &str) -> bool {
    if key.is_empty() {
        return false;
    }
    finds_on_boundaries(norm, &memchr::memmem::Finder::new(key.as_bytes()))
}

/// [`contains_on_boundaries`] with a searcher built beforehand.
fn finds_on_boundaries(norm: &NormText, finder: &memchr::memmem::Finder) -> bool {
    if finder.needle().is_empty() {
        return false;
    }
    // memchr's SIMD substring search: this scans the whole folded document per guard word.
    let len = finder.needle().len();
    finder.find_iter(norm.key.as_bytes()).any(|at| {
        let end = at + len;
        let starts = norm
            .token_at(at)
            .is_some_and(|t| norm.tok_key[t].0 as usize == at);
        let ends = norm
            .token_at(end - 1)
            .is_some_and(|t| norm.tok_key[t].1 as usize == end);
        starts && ends
    })
}

/// Chooses non-overlapping candidates covering the most key bytes (weighted interval
/// scheduling); ties go to the earlier, longer hit.
pub fn select(mut found: Vec<Candidate>) -> Vec<Candidate> {
    if found.len() < 2 {
        return found;
    }
    found.sort_by_key(|c| (c.last, c.first));
    let n = found.len();
    let mut best = vec![0usize; n + 1];
    let mut take = vec![false; n];
    let mut prev = vec![0usize; n];
    for i in 0..n {
        // Candidates are sorted by last token: count those ending before this one starts.
        prev[i] = found[..i].partition_point(|c| c.last < found[i].first);
        let with = found[i].weight + best[prev[i]];
        if with > best[i] {
            best[i + 1] = with;
            take[i] = true;
        } else {
            best[i + 1] = best[i];
        }
    }
    let mut chosen = Vec::new();
    let mut i = n;
    while i > 0 {
        if take[i - 1] {
            chosen.push(i - 1);
            i = prev[i - 1];
        } else {
            i -= 1;
        }
    }
    chosen.reverse();
    let mut slots: Vec<Option<Candidate>> = found.into_iter().map(Some).collect();
    chosen.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Does a candidate rest only on generated short forms of names?
pub fn only_partial(c: &Candidate) -> bool {
    c.refs.iter().all(|r| r.kind == NameKind::Partial)
}
