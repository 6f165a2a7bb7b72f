//! Stage 3d: names the gazetteers do not hold, found from their context.
//!
//! A run of capitalised words not covered by a gazetteer hit becomes a candidate name; it is
//! kept only when its shape or context says what it is:
//! - **person**: a title before it ("Mr.", "Gen.", "analyst"), a reporting verb next to it
//!   ("X said", "said X", "according to X"), an apposition after it ("X, director of …",
//!   "X chairman of …"), or a middle initial ("Dana M. Whitfield"); a title inside the run
//!   cuts it ("Acme Chairman Dana Whitfield" is the person "Dana Whitfield");
//! - **organisation**: its last word is an organisational head ("Brigade", "Council",
//!   "Institute", "Ministry", "Corp", …), with "of/for/the/and" allowed inside, or a head is
//!   followed by "of" ("Bank of …"), or Reuters marks it as a company (in angle brackets, or
//!   before a ticker in them) — `companies.rs`;
//! - **facility**: "Camp X", "Fort X", "X Air Base", "X Airport";
//! - **place**: "X province", "X governorate", "X district", "the town of X", and a known
//!   place with a compass word before it or "City" after it ("West Germany", "Kansas City").
//!
//! Runs continue across a hard line break inside a paragraph (wire copy wraps at about 70
//! columns), never across a blank line or into an indented paragraph (`runs.rs`). A known
//! place inside an organisation's or a facility's name is part of it ("Union Bank of
//! Switzerland"), and the place hit gives way. Headline lines are not searched for new names
//! by their capitals; a name there is one the body names (`companies.rs`).
//!
//! Each discovered entity gets a stable id from its type and normalised key
//! (`new:person:danamwhitfield`), so the same name discovered in two documents is one entity;
//! an organisation's key leaves its legal form out ("Acme Inc" = "Acme"), and a body every
//! country has ("Finance Ministry") takes its country into the key. Later short forms link to
//! a name discovered in the same document: a surname alone ("Whitfield said") to the person,
//! the start of a company's name ("Acme" after "Acme International Inc") to the company.

mod apposition;
mod companies;
mod runs;
mod words;

use super::hit::{Hit, HitKind};
use crate::data::discovery::{country_of_adjective, cues};
use crate::data::{is_demonym, is_english_word};
use crate::gazetteer::{Compiled, EntityType};
use crate::text::Analysed;
use crate::text::normalize::translit::{phonetic_untraced, phonetic_word_into};
use crate::text::tokenize::shape;
use runs::run_end;
pub(super) use runs::wraps;
use rustc_hash::FxHashMap;
use std::cell::Cell;
use words::*;

pub(crate) use companies::before_ticker;
pub(crate) use words::{is_sentence_word, is_title_or_opener};

/// Finds names the gazetteer missed, outside the words of the full-name hits among `hits`
/// (a known place may stand inside an organisation's name), in text order.
pub(super) fn find(doc: &Analysed<'_>, hits: &[Hit], gaz: &Compiled) -> Vec<Hit> {
    let mut known = Known::new(doc, hits, gaz);
    let mut out = companies::bracketed(doc, &known);
    if doc.in_headline(0) {
        let named: Vec<Hit> = companies::headline_names(doc, &known)
            .into_iter()
            .filter(|f| !out.iter().any(|o| o.overlaps(f)))
            .collect();
        out.extend(named);
    }
    for f in &out {
        known.take(f.first, f.last);
    }
    // Words before `next` are inside a run already looked at. Only the words normalising
    // listed as possible starts can open a run (capitalised words and "al" among them).
    let mut next = 0;
    for &i in doc.starts() {
        let i = i as usize;
        if i < next
            || doc.in_headline(i)
            || !(known.free(i) || known.opens_place(i))
            || runs::leads_into_inner(doc, &known, i)
        {
            continue;
        }
        if known.free(i) && is_fragment(doc, &known, i) {
            // The tail itself is no name, but a person after a title in it is ("U.S.
            // Commerce Secretary Dana Whitfield").
            let j = run_end(doc, &known, i, false);
            next = j + 1;
            let title = (i..=j).rev().find(|&k| known.is(doc, k, cue::TITLE));
            if let Some(t) = title.filter(|&t| t < j) {
                out.extend(classify(doc, &known, t + 1, j));
            }
            continue;
        }
        let narrow = opens_run(doc, &known, i);
        let wide = companies::opens_wide(doc, &known, i);
        if !narrow && !wide {
            continue;
        }
        // One run serves both readings unless it holds what only an organisation's or a
        // place's name may (a known place, capitals, initials) or opens so.
        let mut j = run_end(doc, &known, i, wide);
        // A word alone is never more than a plain run makes of it.
        let plain = j == i || narrow && runs::is_plain(doc, &known, i, j);
        if !plain {
            if let Some(f) = companies::company_or_place(doc, &known, i, j) {
                next = f.last + 1;
                out.push(f);
                continue;
            }
            j = run_end(doc, &known, i, false);
        }
        if !narrow {
            continue;
        }
        next = j + 1;
        if j == i && !may_name_alone(doc, &known, i) {
            out.extend(addressed(doc, &known, i, j));
            continue;
        }
        let pieces = runs::around_titles(doc, &known, i, j);
        out.extend(pieces.filter_map(|(a, b)| classify(doc, &known, a, b)));
    }
    out.sort_by_key(|f| f.start);
    join_addressed(doc, &mut out);
    surnames(doc, &known, &mut out);
    companies::short_forms(doc, &known, &mut out);
    companies::qualify_generic(doc, &known, &mut out);
    renamed_places(doc, &known, &mut out);
    out
}

/// "New England", "New Holland": a known place after a word that renames it (`renames` in
/// `discovery.tsv`) is another place, a LOC, unless a name found before takes the words (a
/// company's short form: "New London" after "New London Oil Ltd"). Not in a headline, nor
/// opening a sentence, nor before a code ("New U.S. rules").
fn renamed_places(doc: &Analysed<'_>, known: &Known<'_>, out: &mut Vec<Hit>) {
    let mut found = Vec::new();
    for &k in doc.starts() {
        let k = k as usize;
        let Some(p) = known.place(k).filter(|p| p.first == k && k > 0) else {
            continue;
        };
        let r = k - 1;
        // Asked last: a scan of the names found, for the few places after "New".
        let claimed = || out.iter().any(|f| f.first <= p.last && r <= f.last);
        // Opening a sentence, "New" may be an adjective ("New U.S. rules"); a code is
        // no place's own name.
        let code = doc.words()[k].shape & shape::HAS_LOWER == 0;
        if known.free(r)
            && known.is(doc, r, cue::RENAMES)
            && !doc.opens_sentence(r)
            && !code
            && !doc.in_headline(r)
            && runs::gap_ok(doc, r)
            && !claimed()
        {
            let why = format!("\"{}\" before a known place", doc.word_text(r));
            found.extend(discovered(doc, r, p.last, EntityType::Loc, why));
        }
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|f| f.start);
    }
}

/// Can one word alone be a name ([`thing`], [`classify`])? Only before a place word ("X
/// province"), after "of" ("the town of X") or before a ticker (`Acme <ACM>`): most single
/// capitalised words (a sentence's first, a table's labels) need no closer look.
fn may_name_alone(doc: &Analysed<'_>, known: &Known<'_>, i: usize) -> bool {
    let words = doc.words();
    (i + 1 < words.len() && known.is(doc, i + 1, cue::PLACE_AFTER))
        || (i > 1 && doc.word_text(i - 1) == "of")
        || doc.text()[words[i].end()..].starts_with(" <")
}

/// What a gazetteer hit leaves to discovery at a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cover {
    /// No full-name hit.
    Free,
    /// Inside a hit that only names places (its index in [`Known::places`]).
    Place(u32),
    /// Inside any other hit.
    Taken,
}

/// [`Cover::Free`] and [`Cover::Taken`] as packed in [`Known::cover`]; any other value is a
/// place's index.
const FREE: u32 = u32::MAX;
const TAKEN: u32 = u32::MAX - 1;

/// A gazetteer hit that only names places.
#[derive(Debug, Clone, Copy)]
struct Place<'g> {
    first: usize,
    last: usize,
    kind: EntityType,
    /// The country all its candidates lie in, if they agree.
    country: Option<&'g str>,
    /// Are all its candidates countries?
    is_country: bool,
}

/// What the gazetteer hits tell discovery: which words they cover, and which of them are
/// places.
struct Known<'g> {
    /// Each word's [`Cover`], packed in four bytes ([`Known::cover`]): a long document has
    /// millions of words.
    cover: Vec<u32>,
    /// Each word's cue roles (`src/data/discovery.tsv`), looked up the first time asked.
    cues: Vec<Cell<u32>>,
    places: Vec<Place<'g>>,
    /// Words that are a given name of a person the gazetteer holds ("John").
    given: Vec<bool>,
}

impl<'g> Known<'g> {
    fn new(doc: &Analysed<'_>, hits: &[Hit], gaz: &'g Compiled) -> Self {
        let n = doc.words().len();
        let mut cover = vec![FREE; n];
        let mut places = Vec::new();
        let mut given = vec![false; n];
        for h in hits.iter().filter(|h| h.only_partial() && h.first < n) {
            given[h.first] |= h.refs().iter().any(|r| gaz.name(*r).is_given());
        }
        // A bare surname of someone the gazetteer knows ("Saleh") must not hide a new full
        // name ("Miriam Saleh"): short-form hits cover nothing.
        for (k, h) in hits.iter().enumerate() {
            if h.only_partial() || h.first >= n {
                continue;
            }
            let before = k.checked_sub(1).map(|b| &hits[b]);
            if code_inside_company(doc, h) || head_after_name(doc, h, before, gaz) {
                continue;
            }
            let last = h.last.min(n - 1);
            let c = match place_of(h, gaz) {
                Some((kind, country)) => {
                    places.push(Place {
                        first: h.first,
                        last,
                        kind,
                        country,
                        is_country: h.refs().iter().all(|r| gaz.entry(r.entity).is_country()),
                    });
                    places.len() as u32 - 1
                }
                None => TAKEN,
            };
            cover[h.first..=last].iter_mut().for_each(|x| *x = c);
        }
        let mut known = Known {
            cover,
            cues: vec![Cell::new(UNKNOWN); n],
            places,
            given,
        };
        known.free_given_names(doc);
        known
    }

    /// "Budget Minister Alain Juppe", "Milan Panic said": a one-word place that is not a
    /// country, right after a title or two words before a reporting verb, and followed by
    /// an uncovered capitalised word that plays no cue role (and, without the title, is no
    /// dictionary word) is a person's given name: the place leaves the word to discovery.
    fn free_given_names(&mut self, doc: &Analysed<'_>) {
        let words = doc.words();
        for p in 0..self.places.len() {
            let Place {
                first: k,
                last,
                is_country,
                ..
            } = self.places[p];
            if k != last || is_country || k + 1 >= words.len() || doc.in_headline(k) {
                continue;
            }
            let spaced = |a: usize| &doc.text()[words[a].end()..words[a + 1].start()] == " ";
            let next_is_name = words[k].is_cap_word()
                && words[k + 1].is_cap_word()
                && spaced(k)
                && self.free(k + 1)
                && !self.is(doc, k + 1, u32::MAX);
            if !next_is_name {
                continue;
            }
            let titled = k > 0 && self.is(doc, k - 1, cue::TITLE) && {
                let gap = &doc.text()[words[k - 1].end()..words[k].start()];
                gap == " " || gap == ". "
            };
            let says = k + 2 < words.len() && spaced(k + 1) && self.is(doc, k + 2, cue::SAY);
            if titled || (says && !is_english_word(doc.key(k + 1))) {
                self.cover[k] = FREE;
            }
        }
    }

    /// What covers word `i` (a word past the end is taken).
    fn cover(&self, i: usize) -> Cover {
        match self.cover.get(i) {
            Some(&FREE) => Cover::Free,
            Some(&TAKEN) | None => Cover::Taken,
            Some(&p) => Cover::Place(p),
        }
    }

    /// The place hit covering word `i`, if one does.
    fn place(&self, i: usize) -> Option<&Place<'g>> {
        match self.cover(i) {
            Cover::Place(p) => self.places.get(p as usize),
            _ => None,
        }
    }

    /// Does word `k` (a title without its period, a name without its possessive) play any of
    /// the cue `roles`?
    fn is(&self, doc: &Analysed<'_>, k: usize, roles: u32) -> bool {
        let Some(cell) = self.cues.get(k) else {
            return false;
        };
        let mut bits = cell.get();
        if bits == UNKNOWN {
            // "Gen." is the title "Gen"; "Acme Corp's" ends in the suffix "Corp".
            let word = doc.word_text(k);
            let word = word.strip_suffix('.').unwrap_or(word);
            let word = possessive_stem(word).unwrap_or(word);
            bits = cues(word);
            // A title to come is a title: "chairman-elect", "president-designate".
            if k > 0 && doc.words()[k].joined && matches!(word, "elect" | "designate") {
                bits = cues(doc.word_text(k - 1)) & (cue::TITLE | cue::ROLE);
            }
            cell.set(bits);
        }
        bits & roles != 0
    }

    /// Is word `i` outside every full-name hit?
    fn free(&self, i: usize) -> bool {
        self.cover(i) == Cover::Free
    }

    /// Marks words `first..=last` as taken by a name found first.
    fn take(&mut self, first: usize, last: usize) {
        let last = last.min(self.cover.len().saturating_sub(1));
        if first <= last {
            self.cover[first..=last].fill(TAKEN);
        }
    }

    /// Does a place hit start at word `i`?
    fn opens_place(&self, i: usize) -> bool {
        self.place(i).is_some_and(|p| p.first == i)
    }
}

/// "Olivetti EC SpA": a hit opening on a word in capitals (a listed code) between a
/// capitalised word and a company's legal form, in the body, is a word of the company's
/// name: it covers nothing, so the company's run goes through it.
fn code_inside_company(doc: &Analysed<'_>, h: &Hit) -> bool {
    let (words, k) = (doc.words(), h.first);
    let spaced = |a: usize| &doc.text()[words[a].end()..words[a + 1].start()] == " ";
    let suffix = |a: usize| cues(doc.word_text(a)) & cue::SUFFIX != 0;
    k > 0
        && k + 1 < words.len()
        && !doc.in_headline(k)
        && !words[k].is_capitalised()
        && words[k].shape & shape::UPPER != 0
        && words[k - 1].is_cap_word()
        && cues(doc.word_text(k - 1)) & (cue::NOT_START | cue::TITLE) == 0
        && spaced(k - 1)
        && spaced(k)
        && suffix(k + 1)
        && (k + 1..=h.last).all(suffix)
}

/// "Royal Bank of Canada", "Industrial Bank of Japan": a listed organisation's name that
/// opens on an organisational head ("Bank of Canada") right after a capitalised word of
/// the same line (one space between) that no hit but a place's covers and that is no
/// possessive, people's adjective, sentence word ("Yesterday"), title or reporting verb, is
/// the end of a longer name: it covers nothing, so the
/// longer name is found whole.
fn head_after_name(doc: &Analysed<'_>, h: &Hit, before: Option<&Hit>, gaz: &Compiled) -> bool {
    let (words, k) = (doc.words(), h.first);
    if k == 0 || cues(doc.word_text(k)) & cue::HEAD == 0 {
        return false;
    }
    let covered = before.is_some_and(|b| b.last + 1 >= k);
    let place_before = before.is_some_and(|b| b.last + 1 == k && place_of(b, gaz).is_some());
    words[k - 1].is_cap_word()
        && &doc.text()[words[k - 1].end()..words[k].start()] == " "
        && (!covered || place_before)
        // "Japan's Ministry of …", "the Japanese Ministry of …": a place and its body.
        && possessive_stem(doc.word_text(k - 1)).is_none()
        && country_of_adjective(doc.word_text(k - 1)).is_none()
        && !is_demonym(doc.key(k - 1))
        && cues(doc.word_text(k - 1)) & (cue::NOT_START | cue::TITLE | cue::SAY) == 0
        && !doc.in_headline(k)
}

/// A word's cue roles not looked up yet (no word plays every role).
const UNKNOWN: u32 = u32::MAX;

/// The type and country of a hit whose every candidate is a place (GPE or LOC).
fn place_of<'g>(h: &Hit, gaz: &'g Compiled) -> Option<(EntityType, Option<&'g str>)> {
    let refs = h.refs();
    let first = gaz.entry(refs.first()?.entity);
    if !refs.iter().all(|r| gaz.entry(r.entity).kind.is_place()) {
        return None;
    }
    let country = first.country.as_deref().filter(|c| {
        refs.iter()
            .all(|r| gaz.entry(r.entity).country.as_deref() == Some(*c))
    });
    Some((first.kind, country))
}

/// Words looked at on either side of a place for [`inside_org_name`].
const ORG_REACH: usize = 4;

/// Is the hit (a place) part of an organisation's longer name? So when, in
/// the same sentence and run of capitalised words (spaces, a hyphen or a bare line break
/// between them, name connectors allowed), an organisation word ([`ORG_WORDS`], as written: an
/// all-capitals headline has none) follows within four words ("Chicago Board of Trade",
/// "Toyota Motor Corp", "Chicago Mercantile Exchange") or, the place coming right after a
/// connector, precedes it within four words ("Bank of Japan", "Cassa di Risparmio di
/// Calabria"). Then the run names the organisation, as the span conventions have it. A
/// possessive ends the run: "Japan's Finance Ministry" names Japan.
pub(super) fn inside_org_name(doc: &Analysed<'_>, hit: &Hit) -> bool {
    let (first, last, words) = (hit.first, hit.last, doc.words());
    let in_run = |k: usize| words[k].is_cap_word() || is_name_connector(doc.word_text(k));
    // The wire wraps lines inside a sentence with a bare line break; an indented one opens
    // a paragraph.
    let joined = |a: usize, b: usize| {
        let gap = &doc.text()[words[a].end()..words[b].start()];
        gap == "\n" || (doc.same_sentence(a, b) && gap.chars().all(|c| c == ' ' || c == '-'))
    };
    let possessive = hit.end < words[last].end();
    let mut k = last;
    while !possessive && k + 1 < words.len() && k - last < ORG_REACH && joined(k, k + 1) {
        k += 1;
        if ORG_WORDS.contains(doc.word_text(k)) {
            return true;
        }
        if !in_run(k) {
            break;
        }
    }
    let after_connector =
        first > 0 && joined(first - 1, first) && is_name_connector(doc.word_text(first - 1));
    let mut k = first;
    while after_connector && k > 0 && first - k < ORG_REACH && joined(k - 1, k) {
        k -= 1;
        if ORG_WORDS.contains(doc.word_text(k)) {
            return true;
        }
        if !in_run(k) {
            break;
        }
    }
    false
}

/// A run opens on an uncovered capitalised word (or "al-") that is not a sentence-opening
/// function word or a title.
fn opens_run(doc: &Analysed<'_>, known: &Known<'_>, i: usize) -> bool {
    let words = doc.words();
    let word = doc.word_text(i);
    known.free(i)
        && (words[i].is_cap_word() || (word == "al" && i + 1 < words.len() && words[i + 1].joined))
        && !known.is(doc, i, cue::NOT_START | cue::TITLE)
}

/// "Security Program" in "Kataib Hezbollah Security Program": the tail of a longer name
/// whose head the gazetteer knows is not a name of its own (but what follows a possessive
/// is: "Japan's Finance Ministry").
fn is_fragment(doc: &Analysed<'_>, known: &Known<'_>, i: usize) -> bool {
    let words = doc.words();
    i > 0
        && !known.free(i - 1)
        && possessive_stem(doc.word_text(i - 1)).is_none()
        && &doc.text()[words[i - 1].end()..words[i].start()] == " "
        && doc
            .word_text(i - 1)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// The identity of a discovered name: its transliteration phonetic form, so that "Hana
/// Rasul" and "Hanna Rasool" found in two documents are one entity. A possessive's final
/// "s" is left out of the last word.
fn key_of(doc: &Analysed<'_>, first: usize, last: usize, possessive: bool) -> String {
    let words: Vec<&str> = (first..=last)
        .map(|t| {
            let k = doc.key(t);
            if possessive && t == last {
                k.strip_suffix('s').unwrap_or(k)
            } else {
                k
            }
        })
        .collect();
    phonetic_untraced(&words)
}

/// "Trump’s": the word without its possessive ending, if it has one.
fn possessive_stem(word: &str) -> Option<&str> {
    ["'s", "’s"].iter().find_map(|p| word.strip_suffix(p))
}

/// A discovered hit over words `first..=last`, a possessive ending left out of its span and
/// key; an organisation's key without its legal form. None for a key too short to be a
/// name.
fn discovered(
    doc: &Analysed<'_>,
    first: usize,
    last: usize,
    kind: EntityType,
    evidence: String,
) -> Option<Hit> {
    let words = doc.words();
    let stem = possessive_stem(doc.word_text(last));
    let key = match kind {
        EntityType::Org => companies::org_key(doc, first, last, stem.is_some()),
        _ => key_of(doc, first, last, stem.is_some()),
    };
    // Short keys are noise, but a company's name may be three letters ("USX Corp").
    let shortest = if kind == EntityType::Org { 2 } else { 4 };
    (key.len() >= shortest).then(|| Hit {
        first,
        last,
        start: words[first].start(),
        end: stem.map_or(words[last].end(), |stem| words[last].start() + stem.len()),
        kind: HitKind::Discovered {
            kind,
            key,
            evidence,
        },
    })
}

/// The words around a run `i..=j` that say what it is.
struct Context<'t> {
    /// The word before (its period trimmed) and the one before that.
    prev: Option<&'t str>,
    prev2: Option<&'t str>,
    /// The word after, the gap after the run, and the word after that.
    next: Option<&'t str>,
    gap_after: &'t str,
    next2: Option<&'t str>,
    /// Whether a lower-case function word stands inside the run ("Institute for …").
    has_inner: bool,
}

impl<'t> Context<'t> {
    fn new(doc: &Analysed<'t>, i: usize, j: usize) -> Self {
        let (text, words) = (doc.text(), doc.words());
        Context {
            prev: (i > 0).then(|| doc.word_text(i - 1).trim_end_matches('.')),
            prev2: (i > 1).then(|| doc.word_text(i - 2)),
            next: words.get(j + 1).map(|t| t.text(text)),
            gap_after: words
                .get(j + 1)
                .map(|t| &text[words[j].end()..t.start()])
                .unwrap_or(""),
            next2: words.get(j + 2).map(|t| t.text(text)),
            has_inner: (i..=j).any(|k| is_org_inner(doc.word_text(k))),
        }
    }

    /// The gap before the run `i..`.
    fn gap_before(doc: &Analysed<'t>, i: usize) -> &'t str {
        let words = doc.words();
        if i > 0 {
            &doc.text()[words[i - 1].end()..words[i].start()]
        } else {
            ""
        }
    }
}

/// What the run `i..=j` is, by its shape and context, if anything. A currency or an
/// instrument ("European Currency Unit", "Treasury Notes") is nothing.
fn classify(doc: &Analysed<'_>, known: &Known<'_>, i: usize, j: usize) -> Option<Hit> {
    if runs::is_money(doc, known, i, j) {
        return None;
    }
    let cx = Context::new(doc, i, j);
    if let Some((kind, evidence)) = thing(doc, known, &cx, i, j) {
        let i = match kind {
            EntityType::Org => companies::partners_before(doc, known, i, j),
            _ => i,
        };
        return discovered(doc, i, j, kind, evidence);
    }
    if companies::before_ticker(doc, j) && !known.is(doc, i, cue::SUFFIX) {
        return discovered(doc, i, j, EntityType::Org, "before a ticker".into());
    }
    // No person's name holds a possessive: after one comes the person ("ASA's Haggard
    // told"), or before it ("Chancellor Nigel Lawson's Budget speech").
    if let Some(k) = (i..j).find(|&k| possessive_stem(doc.word_text(k)).is_some()) {
        return person(doc, known, k + 1, j).or_else(|| person(doc, known, i, k));
    }
    person(doc, known, i, j).or_else(|| addressed(doc, known, i, j))
}

/// "President Whitfield", "Mr. Whitfield": one capitalised word after a title a person is
/// addressed by (one space between, after its period if it has one) is a person, when it is no English word ("Secretary
/// Baker" may be a trade) and plays no cue role ("Secretary General"). A surname alone
/// says too little to be the same person in another document: the identity stays within
/// this one, unless the person is named in full here ([`join_addressed`]).
fn addressed(doc: &Analysed<'_>, known: &Known<'_>, i: usize, j: usize) -> Option<Hit> {
    let word = doc.word_text(i);
    let stem = possessive_stem(word).unwrap_or(word);
    let fits = i == j
        && i > 0
        && !doc.in_headline(i)
        && known.is(doc, i - 1, cue::ADDRESSED)
        && matches!(Context::gap_before(doc, i), " " | ". ")
        && doc.words()[i].is_cap_word()
        && !is_english_word(&stem.to_lowercase())
        && cues(stem) == 0
        // "President Miguel de la Madrid": more of the name follows.
        && !(i + 1 < doc.words().len() && is_name_particle(doc.word_text(i + 1)));
    if !fits {
        return None;
    }
    let evidence = format!("{ADDRESSED} \"{}\"", doc.word_text(i - 1));
    let mut hit = discovered(doc, i, i, EntityType::Person, evidence)?;
    if let HitKind::Discovered { key, .. } = &mut hit.kind {
        key.push('@');
        key.push_str(&companies::doc_tag(doc));
    }
    Some(hit)
}

/// The evidence of [`addressed`].
const ADDRESSED: &str = "addressed as";

/// A person addressed by the surname alone ("President Whitfield") is the one person of
/// the document named in full with that surname ("Dana Whitfield"), if just one is.
fn join_addressed(doc: &Analysed<'_>, out: &mut [Hit]) {
    let is_addressed = |f: &Hit| matches!(&f.kind, HitKind::Discovered { evidence, .. } if evidence.starts_with(ADDRESSED));
    if !out.iter().any(is_addressed) {
        return;
    }
    // The surname's key, without a possessive's "s" ("Whitfield's").
    let surname = |f: &Hit| phonetic_untraced(&[companies::word_key(doc, f.last)]);
    let full: Vec<(String, String)> = out
        .iter()
        .filter(|f| !is_addressed(f))
        .filter_map(|f| match &f.kind {
            HitKind::Discovered {
                kind: EntityType::Person,
                key,
                ..
            } => Some((surname(f), key.clone())),
            _ => None,
        })
        .collect();
    for f in out.iter_mut().filter(|f| is_addressed(f)) {
        let name = surname(f);
        let mut keys = full.iter().filter(|(s, _)| *s == name).map(|(_, k)| k);
        let Some(one) = keys.next() else { continue };
        if keys.all(|k| k == one) {
            if let HitKind::Discovered { key, .. } = &mut f.kind {
                *key = one.clone();
            }
        }
    }
}

/// Words `i..=j` as a discovered person, if their context says so.
fn person(doc: &Analysed<'_>, known: &Known<'_>, i: usize, j: usize) -> Option<Hit> {
    let cx = Context::new(doc, i, j);
    person_evidence(doc, known, &cx, i, j)
        .and_then(|e| discovered(doc, i, j, EntityType::Person, e))
}

/// An organisation by its head word, a facility by its facility word, a place by the word
/// after it ("X province") or before it ("the town of X").
fn thing(
    doc: &Analysed<'_>,
    known: &Known<'_>,
    cx: &Context<'_>,
    i: usize,
    j: usize,
) -> Option<(EntityType, String)> {
    let w = |k: usize| doc.word_text(k);
    let has_inner = cx.has_inner;
    let last = w(j);
    // "Soviet Union": a country's adjective and a state's head word alone name a state.
    if j == i + 1
        && known.is(doc, j, cue::STATE_HEAD)
        && country_of_adjective(doc.word_text(i)).is_some()
    {
        return Some((
            EntityType::Gpe,
            format!("country's adjective before \"{last}\""),
        ));
    }
    if j > i && known.is(doc, j, cue::HEAD) {
        return Some((EntityType::Org, format!("organisational head \"{last}\"")));
    }
    if let Some(k) = companies::head_before_of(doc, known, i, j) {
        return Some((EntityType::Org, format!("organisational head \"{}\"", w(k))));
    }
    if j > i && known.is(doc, i, cue::FACILITY_FIRST) && !has_inner {
        return Some((EntityType::Facility, format!("facility word \"{}\"", w(i))));
    }
    if j > i && known.is(doc, j, cue::FACILITY_LAST) && !has_inner {
        return Some((EntityType::Facility, format!("facility word \"{last}\"")));
    }
    let short = !has_inner && j - i < 3;
    if let Some(next) = cx
        .next
        .filter(|_| known.is(doc, j + 1, cue::PLACE_AFTER) && cx.gap_after == " ")
    {
        if short {
            return Some((EntityType::Gpe, format!("followed by \"{next}\"")));
        }
    }
    match (cx.prev, cx.prev2) {
        (Some("of"), Some(p2)) if known.is(doc, i - 2, cue::PLACE_BEFORE) && short => {
            Some((EntityType::Gpe, format!("after \"{p2} of\"")))
        }
        _ => None,
    }
}

/// Is `word` an abbreviation written with periods between capitals ("U.S.", "U.K.", "E.C.";
/// the last period may be left to the next token)?
fn is_dotted_abbreviation(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3
        && b.chunks(2)
            .all(|c| c[0].is_ascii_uppercase() && c.get(1).is_none_or(|&p| p == b'.'))
}

/// Why the run `i..=j` is a person, if it is: two to four name words, no organisation
/// function words, business words or titles, and a middle initial, a title or role before
/// it, a reporting verb next to it, or an apposition after it.
fn person_evidence(
    doc: &Analysed<'_>,
    known: &Known<'_>,
    cx: &Context<'_>,
    i: usize,
    j: usize,
) -> Option<String> {
    let w = |k: usize| doc.word_text(k);
    let name_words = (i..=j)
        .filter(|&k| !is_initial(w(k)) && !is_name_particle(w(k)))
        .count();
    let business = (i..=j).any(|k| known.is(doc, k, cue::NOT_PERSON | cue::TITLE));
    if cx.has_inner || business || !(2..=4).contains(&name_words) {
        return None;
    }
    let gap_before = Context::gap_before(doc, i);
    let (prev, next) = (cx.prev.unwrap_or(""), cx.next.unwrap_or(""));
    let before = |role: u32| i > 0 && known.is(doc, i - 1, role);
    let after = |role: u32| known.is(doc, j + 1, role);
    if (i..=j).any(|k| is_initial(w(k))) && j > i && !is_initial(w(j)) {
        Some("middle initial".to_string())
    } else if before(cue::TITLE) {
        Some(format!("title \"{prev}\""))
    } else if before(cue::ROLE) && gap_before == " " && !names_a_body(doc, known, i, j) {
        Some(format!("role \"{prev}\""))
    } else if after(cue::SAY)
        && (cx.gap_after == " " || cx.gap_after == ", ")
        && may_say(doc, known, i, j)
    {
        Some(format!("reporting verb \"{next}\""))
    } else if (before(cue::SAY) || prev == "to" && cx.prev2 == Some("according"))
        && gap_before.trim().is_empty()
        // "said Vantor Steel's spending rose": the speaker is named before.
        && possessive_stem(w(j)).is_none()
        && may_say(doc, known, i, j)
    {
        Some(format!("after \"{prev}\""))
    } else if cx.gap_after == ", " && after(cue::APPOSITION) {
        let head = apposition::names_a_person(doc, known, j + 1)?;
        Some(match head == j + 1 {
            true => format!("apposition \", {next}\""),
            false => format!("apposition \", {next} … {}\"", w(head)),
        })
    } else if cx.gap_after == " " && after(cue::ROLE) && cx.next2 == Some("of") {
        Some(format!("apposition \"{next} of\""))
    } else {
        None
    }
}

/// May the run `i..=j`, which only a reporting verb next to it makes a person, be one?
/// Companies, agencies and newspapers say things too ("Blue Shield said", "the Japanese
/// Embassy said", "El Peruano said"): not when it [names a body](names_a_body), nor when
/// every word is an ordinary English word and the first is no given name the gazetteer
/// knows ("Blue Shield"; but "Bill Baker").
fn may_say(doc: &Analysed<'_>, known: &Known<'_>, i: usize, j: usize) -> bool {
    let english = |k: usize| is_name_particle(doc.word_text(k)) || is_english_word(doc.key(k));
    let plain_words = (i..=j).all(english) && !known.given[i];
    !plain_words && !names_a_body(doc, known, i, j)
}

/// Does a word of the run `i..=j` make it a body rather than a person: a people's or
/// country's adjective or a facility's word ("the Japanese Embassy", "lead manager Swiss
/// Volksbank")?
fn names_a_body(doc: &Analysed<'_>, known: &Known<'_>, i: usize, j: usize) -> bool {
    let adjective =
        |k: usize| country_of_adjective(doc.word_text(k)).is_some() || is_demonym(doc.key(k));
    let facility = |k: usize| known.is(doc, k, cue::FACILITY_FIRST | cue::FACILITY_LAST);
    (i..=j).any(|k| adjective(k) || facility(k))
}

/// The words that hits cover: the gazetteer's and those found so far.
fn taken_words(known: &Known<'_>, out: &[Hit]) -> Vec<bool> {
    let mut taken: Vec<bool> = known.cover.iter().map(|&c| c != FREE).collect();
    for f in out {
        taken[f.first..=f.last].iter_mut().for_each(|x| *x = true);
    }
    taken
}

/// A capitalised word, or one in capitals in a headline ("BALDRIGE"): a word short forms
/// may match.
fn may_be_short_form(doc: &Analysed<'_>, t: usize) -> bool {
    let word = doc.words()[t];
    word.is_cap_word() || (doc.in_headline(t) && runs::is_caps(doc, t))
}

/// Is word `t` the second half of a hyphenated name ("LAMBERT" in "WARNER-LAMBERT"), which
/// alone names nothing? After a name particle it is a name's own word ("Sadr" in "al-Sadr"),
/// and last on its line it is a headline's source ("NO DEAL IN SIGHT-WHITFIELD").
fn second_of_compound(doc: &Analysed<'_>, t: usize) -> bool {
    let words = doc.words();
    let last_on_line = words
        .get(t + 1)
        .is_none_or(|w| doc.text()[words[t].end()..w.start()].contains('\n'));
    t > 0
        && !last_on_line
        && words[t].joined
        && doc.text()[words[t - 1].end()..words[t].start()] == *"-"
        && words[t - 1].shape & shape::UPPER != 0
        && !is_name_particle(doc.word_text(t - 1))
}

/// (phonetic form of the surname, key of the full name, addressed by a title) of each
/// person discovered.
fn surname_persons(doc: &Analysed<'_>, out: &[Hit]) -> Vec<(String, String, bool)> {
    out.iter()
        .filter_map(|f| match &f.kind {
            HitKind::Discovered {
                kind: EntityType::Person,
                key,
                evidence,
            } => Some((
                phonetic_untraced(&[doc.key(f.last)]),
                key.clone(),
                evidence.starts_with(ADDRESSED),
            )),
            _ => None,
        })
        .collect()
}

/// A capitalised word equal to the last name of a person discovered in this document
/// ("Whitfield said", "BALDRIGE" in the headline) is a mention of that person, when it stands
/// alone: "Howard Whitfield" is someone else, and so is the second half of a
/// hyphenated name ("WARNER-LAMBERT").
fn surnames(doc: &Analysed<'_>, known: &Known<'_>, out: &mut Vec<Hit>) {
    let persons = surname_persons(doc, out);
    if persons.is_empty() {
        return;
    }
    let taken = taken_words(known, out);
    // Only words starting like one of the surnames are worth a phonetic key.
    let mut initials = [false; 256];
    for (last, ..) in &persons {
        if let Some(&b) = last.as_bytes().first() {
            initials[b as usize] = true;
        }
    }
    // Each surname's person, and how many person hits have it (one found twice by its
    // name may be a company's name a reporting verb made a person), those addressed by a
    // title ("President Whitfield") counted once.
    let mut owners: FxHashMap<&str, (&String, usize)> = FxHashMap::default();
    for (last, full, addressed) in &persons {
        let owner = owners.entry(last.as_str()).or_insert((full, 0));
        if !(*addressed && owner.1 > 0 && owner.0 == full) {
            owner.1 += 1;
        }
    }
    let mut first = Vec::new();
    let mut extra = Vec::new();
    // Capitalised words are among the listed starts.
    for &t in doc.starts() {
        let (t, word) = (t as usize, doc.words()[t as usize]);
        if taken[t]
            || !may_be_short_form(doc, t)
            || !companies::stands_alone(doc, known, t, t)
            || second_of_compound(doc, t)
        {
            continue;
        }
        let key = doc.key(t);
        // The phonetic form of the first two letters, into a buffer reused from word to
        // word (a form that is not UTF-8 counts as empty).
        first.clear();
        phonetic_word_into(
            &key[..key.char_indices().nth(2).map_or(key.len(), |(i, _)| i)],
            &mut first,
        );
        if !first.first().is_some_and(|&b| initials[b as usize])
            || !first.is_ascii() && std::str::from_utf8(&first).is_err()
        {
            continue;
        }
        // "Whitfield’s": the possessive stays outside the span and the key.
        let stem = possessive_stem(doc.word_text(t));
        let k = phonetic_untraced(&[companies::word_key(doc, t)]);
        if let Some(&(full, 1)) = owners.get(k.as_str()) {
            extra.push(Hit {
                first: t,
                last: t,
                start: word.start(),
                end: stem.map_or(word.end(), |s| word.start() + s.len()),
                kind: HitKind::Discovered {
                    kind: EntityType::Person,
                    key: full.clone(),
                    evidence: "surname of a person named in this document".into(),
                },
            });
        }
    }
    out.extend(extra);
    out.sort_by_key(|f| f.start);
}

#[cfg(test)]
mod tests {
    //! Besides the byte test of the word lists: one table per cue of discovery, each row a
    //! sentence and the names discovered in it as (span, type, evidence). Variants are off;
    //! the small gazetteer holds only what a row needs known.
    use super::*;
    use crate::extract::lexicon::Lexicon;
    use crate::extract::testing::{hits, lexicon};

    const ROWS: &str = "id\ttype\tcanonical\tcountry\n\
        loc.middle-east\tLOC\tMiddle East\t\n\
        org.kh\tORG\tKataib Hezbollah\tIQ\n\
        per.grant-vantor\tPERSON\tGrant Vantor\tUS\n";

    /// The discovered hits of `text` as (span, type, evidence).
    fn found(lex: &Lexicon, text: &str) -> Vec<(String, String, String)> {
        hits(lex, text, false, true)
            .into_iter()
            .filter(|h| h.how == "discovered")
            .map(|h| {
                let kind = h.ids[0].split(':').nth(1).unwrap_or_default().to_string();
                (h.text, kind, h.why.unwrap_or_default())
            })
            .collect()
    }

    /// Every hit of `text` as `surface=how` ("listed", "discovered").
    fn found_how(lex: &Lexicon, text: &str) -> Vec<String> {
        hits(lex, text, false, true)
            .into_iter()
            .map(|h| format!("{}={}", h.text, h.how))
            .collect()
    }

    type Row<'a> = (&'a str, &'a [(&'a str, &'a str, &'a str)]);

    /// Checks each row's discovered names.
    fn check(rows: &[Row<'_>]) {
        let lex = lexicon(ROWS, false);
        for (text, want) in rows {
            let want: Vec<(String, String, String)> = want
                .iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                .collect();
            assert_eq!(found(&lex, text), want, "row {text:?}");
        }
    }

    #[test]
    fn a_word_that_renames_a_known_place_makes_another_place() {
        let lex = lexicon(
            "id\ttype\tcanonical\tcodes\tcountry\n\
             gpe.vantoria\tGPE\tVantoria\tVR\tGB\n\
             gpe.new-york\tGPE\tNew York\t\tUS\n",
            false,
        );
        let shown = |text: &str| -> Vec<String> {
            hits(&lex, text, false, true)
                .into_iter()
                .map(|h| format!("{}={}", h.text, h.ids[0]))
                .collect()
        };
        let rows: &[(&str, &[&str])] = &[
            (
                "Rain fell across New Vantoria today.",
                &["New Vantoria=new:loc:nevanturia"],
            ),
            // Opening a sentence "New" may be an adjective; before a code it is one.
            ("New Vantoria rules were set.", &["Vantoria=gpe.vantoria"]),
            ("Then New VR rules were set.", &["VR=gpe.vantoria"]),
            // Listed whole; a company's short form first; another word.
            ("Rain fell in New York.", &["New York=gpe.new-york"]),
            (
                "New Vantoria Oil Ltd said so. New Vantoria shares fell.",
                &[
                    "New Vantoria Oil Ltd=new:org:nevanturiauil",
                    "New Vantoria=new:org:nevanturiauil",
                ],
            ),
            ("Rain fell in Old Vantoria.", &["Vantoria=gpe.vantoria"]),
        ];
        for (text, want) in rows {
            assert_eq!(shown(text), *want, "{text:?}");
        }
    }

    #[test]
    fn one_name_word_after_a_title_of_address_is_a_person_of_this_document() {
        check(&[
            (
                "The visit by Gen. Whitfield ended.",
                &[("Whitfield", "person", "addressed as \"Gen\"")],
            ),
            (
                "Later President Kowalczyk's aide spoke.",
                &[("Kowalczyk", "person", "addressed as \"President\"")],
            ),
            // An English word, a cue word, more of the name after it, a title in lower
            // case or of another kind, a headline: none.
            ("Then Secretary Baker spoke.", &[]),
            ("Then Secretary General spoke.", &[]),
            ("Then President Miguel de la Vantor spoke.", &[]),
            ("Then the president Kowalczyk spoke.", &[]),
            ("Then Chairman Kowalczyk spoke.", &[]),
            ("PRESIDENT KOWALCZYK SPEAKS\nHe spoke.", &[]),
        ]);
        // The identity holds in this document only, unless the person is named in full.
        let lex = lexicon(ROWS, false);
        let ids = |text: &str| -> Vec<String> {
            hits(&lex, text, false, true)
                .into_iter()
                .map(|h| h.ids[0].clone())
                .collect()
        };
        let alone = ids("Then President Kowalczyk spoke. Kowalczyk left.");
        assert_eq!(alone.len(), 2, "{alone:?}");
        assert!(
            alone[0].contains("@doc") && alone[0] == alone[1],
            "{alone:?}"
        );
        let other = ids("Then President Kowalczyk spoke. Kowalczyk left. So it was.");
        assert_ne!(alone[0], other[0], "another document, another identity");
        let full = ids("Dana Kowalczyk said so. Then President Kowalczyk spoke.");
        assert_eq!(full, ["new:person:danakuvalczyk"; 2]);
    }

    #[test]
    fn a_listed_code_inside_a_company_name_is_a_word_of_the_name() {
        let rows = "id\ttype\tcanonical\tcodes\n\
            org.ec\tORG\tEuropean Vantor\tEC\n";
        let lex = lexicon(rows, false);
        let shown = |text: &str| found_how(&lex, text);
        // Between a capitalised word and a legal form: the company's.
        assert_eq!(
            shown("Shares of Ing C. Olivetti EC SpA rose."),
            ["Ing C. Olivetti EC SpA=discovered"]
        );
        // Alone, or with no capitalised word of a name before it: the code.
        assert_eq!(shown("The EC said so."), ["EC=listed"]);
        assert_eq!(shown("Then EC SpA rose."), ["EC SpA=listed"]);
        assert_eq!(shown("Shares of the EC SpA unit rose."), ["EC SpA=listed"]);
    }

    #[test]
    fn a_listed_name_opening_on_a_head_after_a_name_word_ends_a_longer_name() {
        let rows = "id\ttype\tcanonical\tcountry\n\
            org.bov\tORG\tBank of Vantoria\tVT\n\
            gpe.vantoria\tGPE\tVantoria\tVT\n\
            gpe.zorn\tGPE\tZorn\tVT\n";
        let lex = lexicon(rows, false);
        let shown = |text: &str| found_how(&lex, text);
        // After a capitalised word, or a place: a longer name, found whole.
        assert_eq!(
            shown("Shares of Royal Bank of Vantoria rose."),
            ["Royal Bank of Vantoria=discovered"]
        );
        assert_eq!(
            shown("Shares of Zorn Bank of Vantoria rose."),
            ["Zorn Bank of Vantoria=discovered"]
        );
        assert_eq!(
            shown("Royal Bank of Vantoria said so."),
            ["Royal Bank of Vantoria=discovered"]
        );
        // Alone, after a sentence word, a reporting verb, a possessive, an adjective: the
        // listed bank.
        assert_eq!(
            shown("Then Vantoria's Bank of Vantoria bought."),
            ["Vantoria=listed", "Bank of Vantoria=listed"]
        );
        assert_eq!(
            shown("Then the French Bank of Vantoria bought."),
            ["Bank of Vantoria=listed"]
        );
        assert_eq!(
            shown("The Bank of Vantoria said so."),
            ["Bank of Vantoria=listed"]
        );
        assert_eq!(
            shown("Bank of Vantoria said so."),
            ["Bank of Vantoria=listed"]
        );
        assert_eq!(
            shown("Dealers said Bank of Vantoria bought."),
            ["Bank of Vantoria=listed"]
        );
        assert_eq!(
            shown("He sold. Yesterday Bank of Vantoria bought."),
            ["Bank of Vantoria=listed"]
        );
    }

    #[test]
    fn a_title_before_two_name_words_makes_a_person() {
        check(&[
            (
                "The visit by Gen. Dana Whitfield ended.",
                &[("Dana Whitfield", "person", "title \"Gen\"")],
            ),
            (
                "The visit by Sheikh Hamid Rasul ended.",
                &[("Hamid Rasul", "person", "title \"Sheikh\"")],
            ),
            (
                "The visit by Administrator Dana Whitfield ended.",
                &[("Dana Whitfield", "person", "title \"Administrator\"")],
            ),
            // A possessive ends the name.
            (
                "Chancellor Dana Whitfield's Budget speech was sound.",
                &[("Dana Whitfield", "person", "title \"Chancellor\"")],
            ),
            (
                "Chancellor of the Exchequer Dana Whitfield spoke.",
                &[("Dana Whitfield", "person", "title \"Exchequer\"")],
            ),
            (
                "Senate Majority Leader Dana Whitfield spoke.",
                &[("Dana Whitfield", "person", "title \"Leader\"")],
            ),
            // A title to come is a title; another hyphened word is not.
            (
                "The visit by chairman-elect Dana Whitfield ended.",
                &[("Dana Whitfield", "person", "role \"elect\"")],
            ),
            ("The visit by Abu-elect Dana Whitfield ended.", &[]),
            // One name word is too little, unless the title is one a person is addressed
            // by (below); no cue, no name.
            ("The visit by Chairman Whitfield ended.", &[]),
            // The employer's possessive, then the person.
            (
                "The loan rate was too high, Vantor's Dana Whitfield told the hearing.",
                &[("Dana Whitfield", "person", "reporting verb \"told\"")],
            ),
            ("The visit by Dana Whitfield ended.", &[]),
        ]);
    }

    #[test]
    fn a_role_noun_right_before_makes_a_person() {
        check(&[
            (
                "Officials met analyst Joel Wing yesterday.",
                &[("Joel Wing", "person", "role \"analyst\"")],
            ),
            // Not right before: a comma between.
            ("Officials met the analyst, Joel Wing, yesterday.", &[]),
            // A country's adjective: a bank, not a person.
            ("The lead manager Swiss Vantorbank raised the price.", &[]),
        ]);
    }

    #[test]
    fn a_reporting_verb_next_to_it_makes_a_person() {
        check(&[
            (
                "Later Dana Whitfield said the talks failed.",
                &[("Dana Whitfield", "person", "reporting verb \"said\"")],
            ),
            (
                "The talks failed, said Dana Whitfield.",
                &[("Dana Whitfield", "person", "after \"said\"")],
            ),
            (
                "The talks failed, according to Dana Whitfield.",
                &[("Dana Whitfield", "person", "after \"to\"")],
            ),
            // A word between; "to" without "according"; a colon between.
            ("Later Dana Whitfield has said the talks failed.", &[]),
            ("A letter to Dana Whitfield arrived.", &[]),
            ("He said: Dana Whitfield knows.", &[]),
            // After the verb, a possessive names what was said about, not the speaker.
            ("Officials said Dana Whitfield's spending rose.", &[]),
            // A verb after a parenthesis does not report the name.
            (
                "A film on Dana Whitfield (said to be her last) opened.",
                &[],
            ),
            // Bodies say things too: a people's adjective, a facility's word, only ordinary
            // English words (unless the first is a given name the gazetteer knows).
            ("Later the Japanese Embassy said so.", &[]),
            ("Later the Japanese Vantor said so.", &[]),
            ("Later Blue Shield said so.", &[]),
            ("The talks failed, said Blue Sky.", &[]),
            (
                "Later Grant Stone said so.",
                &[("Grant Stone", "person", "reporting verb \"said\"")],
            ),
            (
                "Later Blue Whitfield said so.",
                &[("Blue Whitfield", "person", "reporting verb \"said\"")],
            ),
        ]);
    }

    #[test]
    fn an_apposition_after_a_comma_makes_a_person() {
        check(&[
            (
                "We met Dana Whitfield, director of the centre.",
                &[("Dana Whitfield", "person", "apposition \", director\"")],
            ),
            // Without the comma only a role noun and "of" make an apposition.
            (
                "We met Dana Whitfield chairman of the centre.",
                &[("Dana Whitfield", "person", "apposition \"chairman of\"")],
            ),
            ("We met Dana Whitfield director at the centre.", &[]),
            ("We met Dana Whitfield, and left.", &[]),
            // After an article the phrase's head noun decides: a person's noun...
            (
                "We met Dana Whitfield, a Louisville, Ky., businessman, on Monday.",
                &[(
                    "Dana Whitfield",
                    "person",
                    "apposition \", a … businessman\"",
                )],
            ),
            (
                "We met Dana Whitfield, a board member of the fund.",
                &[("Dana Whitfield", "person", "apposition \", a … member\"")],
            ),
            (
                "We met Dana Whitfield, senior vice president of the fund.",
                &[(
                    "Dana Whitfield",
                    "person",
                    "apposition \", senior … president\"",
                )],
            ),
            (
                "We met Dana Whitfield, who runs the fund.",
                &[("Dana Whitfield", "person", "apposition \", who\"")],
            ),
            (
                "We met Dana Whitfield, a Houston lawyer representing the fund.",
                &[("Dana Whitfield", "person", "apposition \", a … lawyer\"")],
            ),
            (
                "We met Dana Whitfield, a Rhode Island Democrat.",
                &[("Dana Whitfield", "person", "apposition \", a … Democrat\"")],
            ),
            (
                "Dana Whitfield, vice president-finance, left.",
                &[(
                    "Dana Whitfield",
                    "person",
                    "apposition \", vice … president\"",
                )],
            ),
            (
                "We met Dana Whitfield, a leading Congressman representing growers.",
                &[(
                    "Dana Whitfield",
                    "person",
                    "apposition \", a … Congressman\"",
                )],
            ),
            (
                "We met Dana Whitfield, an Israeli, in May.",
                &[("Dana Whitfield", "person", "apposition \", an … Israeli\"")],
            ),
            (
                "Dana Whitfield, vice president sales, resigned.",
                &[(
                    "Dana Whitfield",
                    "person",
                    "apposition \", vice … president\"",
                )],
            ),
            // ...or any other: a company, a place, a clause's speaker.
            ("We met Vantor Kessel, an oil producing company.", &[]),
            ("We met Vantor Kessel, a research laboratory company.", &[]),
            ("We met Dana Whitfield, the Navy said.", &[]),
            (
                "We met Vantor Leasing, a wholly-owned subsidiary of Acme.",
                &[],
            ),
            (
                "We met Dana Whitfield, the second largest Dutch sugar processor.",
                &[],
            ),
            ("It was sold to Dana Whitfield, the spokesman added.", &[]),
            ("It was sold to Dana Whitfield, the company said.", &[]),
            ("It was built by Dana Whitfield, the company has said.", &[]),
        ]);
    }

    #[test]
    fn a_middle_initial_makes_a_person() {
        check(&[
            (
                "We met Dana M. Whitfield yesterday.",
                &[("Dana M. Whitfield", "person", "middle initial")],
            ),
            // An initial and one name word; an initial last is no middle initial.
            ("We met M. Whitfield yesterday.", &[]),
            ("We met Dana Whitfield M. yesterday.", &[]),
        ]);
    }

    #[test]
    fn an_organisational_head_ends_an_organisation() {
        check(&[
            (
                "Fighters of the Rafidain Brigade left.",
                &[("Rafidain Brigade", "org", "organisational head \"Brigade\"")],
            ),
            // Function words inside, and a head that outweighs a reporting verb.
            (
                "A report by the Marsh Heritage and Ecology Society came out.",
                &[(
                    "Marsh Heritage and Ecology Society",
                    "org",
                    "organisational head \"Society\"",
                )],
            ),
            (
                "Corning Glass Works said profits rose.",
                &[(
                    "Corning Glass Works",
                    "org",
                    "organisational head \"Works\"",
                )],
            ),
            // A head alone is no name.
            ("Fighters of the Brigade left.", &[]),
        ]);
    }

    #[test]
    fn a_country_adjective_and_a_state_head_make_a_state() {
        check(&[
            (
                "Grain went to the Soviet Union today.",
                &[(
                    "Soviet Union",
                    "gpe",
                    "country's adjective before \"Union\"",
                )],
            ),
            // Not a country's adjective; more words; not a state's head.
            (
                "Grain went to the Vantor Union today.",
                &[("Vantor Union", "org", "organisational head \"Union\"")],
            ),
            (
                "Grain went to the Soviet Farm Union today.",
                &[("Soviet Farm Union", "org", "organisational head \"Union\"")],
            ),
            // (A council every country has, of the adjective's country.)
            (
                "Grain went to the Soviet Council today.",
                &[(
                    "Soviet Council",
                    "org",
                    "organisational head \"Council\"; of SU by \"Soviet\"",
                )],
            ),
        ]);
    }

    #[test]
    fn a_facility_word_first_or_last_makes_a_facility() {
        check(&[
            (
                "Troops left Camp Bucca yesterday.",
                &[("Camp Bucca", "facility", "facility word \"Camp\"")],
            ),
            (
                "Troops left Fort Tawila yesterday.",
                &[("Fort Tawila", "facility", "facility word \"Fort\"")],
            ),
            (
                "Jets used Taji Air Base yesterday.",
                &[("Taji Air Base", "facility", "facility word \"Base\"")],
            ),
            (
                "Jets used Hurriya Airport yesterday.",
                &[("Hurriya Airport", "facility", "facility word \"Airport\"")],
            ),
            // The word alone; a function word inside.
            ("Jets used Camp yesterday.", &[]),
            ("Jets used the Camp of Hope.", &[]),
        ]);
    }

    #[test]
    fn a_place_word_after_or_before_makes_a_place() {
        check(&[
            (
                "Clashes went on in Maysan province.",
                &[("Maysan", "gpe", "followed by \"province\"")],
            ),
            (
                "Fighting near the town of Tuz Khurmatu continued.",
                &[("Tuz Khurmatu", "gpe", "after \"town of\"")],
            ),
            // Four words are too many for a place; "the heart of" is no place word.
            ("Clashes went on in Upper Rivers Marsh Lands province.", &[]),
            ("Fighting near the heart of Tuz Khurmatu continued.", &[]),
        ]);
    }

    #[test]
    fn the_tail_of_a_known_name_is_no_name() {
        check(&[
            // "Kataib Hezbollah" is listed: "Security Program" after it is its tail.
            ("The Kataib Hezbollah Security Program said.", &[]),
            // A place is no such head: the name holds it (but a programme's does not).
            (
                "The Middle East Security Council said.",
                &[(
                    "Middle East Security Council",
                    "org",
                    "organisational head \"Council\"",
                )],
            ),
            ("The Middle East Security Program said.", &[]),
            (
                "A report from the Security Program came out.",
                &[("Security Program", "org", "organisational head \"Program\"")],
            ),
        ]);
    }

    #[test]
    fn a_title_after_a_known_name_still_introduces_a_person() {
        check(&[
            (
                "The Middle East Commissioner Dana Whitfield said no.",
                &[("Dana Whitfield", "person", "title \"Commissioner\"")],
            ),
            ("The Kataib Hezbollah Commissioner Office said no.", &[]),
        ]);
    }

    #[test]
    fn business_words_keep_a_run_from_being_a_person() {
        check(&[
            ("Fair Lanes said profits rose.", &[]),
            (
                "Dana Whitfield said profits rose.",
                &[("Dana Whitfield", "person", "reporting verb \"said\"")],
            ),
        ]);
    }

    #[test]
    fn sentence_words_and_titles_never_open_a_name() {
        check(&[
            (
                "After Hana Rasul said no, the talks ended.",
                &[("Hana Rasul", "person", "reporting verb \"said\"")],
            ),
            (
                "Iraqi Hana Rasul said no.",
                &[("Hana Rasul", "person", "reporting verb \"said\"")],
            ),
            (
                "Sheikh Omar bin Ali said no.",
                &[("Omar bin Ali", "person", "title \"Sheikh\"")],
            ),
            // A day's possessive opens no name ("Tonight's American Petroleum Institute").
            (
                "Tonight's Vantor Petroleum Institute report is due.",
                &[(
                    "Vantor Petroleum Institute",
                    "org",
                    "organisational head \"Institute\"",
                )],
            ),
            (
                "Tomorrow's Vantor Petroleum Institute report is due.",
                &[(
                    "Vantor Petroleum Institute",
                    "org",
                    "organisational head \"Institute\"",
                )],
            ),
        ]);
    }

    #[test]
    fn a_possessive_stays_outside_the_span_and_the_key() {
        let lex = lexicon(ROWS, false);
        let plain = hits(&lex, "We met analyst Joel Wing yesterday.", false, true);
        let owned = hits(&lex, "We read analyst Joel Wing's report.", false, true);
        assert_eq!(owned[0].text, "Joel Wing");
        assert_eq!(owned[0].ids, plain[0].ids);
        check(&[(
            "Officials met analyst Joel Wing yesterday. Wing's report was long.",
            &[
                ("Joel Wing", "person", "role \"analyst\""),
                (
                    "Wing",
                    "person",
                    "surname of a person named in this document",
                ),
            ],
        )]);
    }

    #[test]
    fn a_surname_links_to_the_one_discovered_person_bearing_it() {
        let lex = lexicon(ROWS, false);
        // (text, the surname's id, or none)
        let rows = [
            (
                "Officials met analyst Joel Wing yesterday. Wing said the talks failed.",
                Some("new:person:juelvink"),
            ),
            // Before the full name too.
            (
                "Wing said the talks failed. Officials met analyst Joel Wing yesterday.",
                Some("new:person:juelvink"),
            ),
            // Another given name before it: someone else.
            (
                "Officials met analyst Joel Wing yesterday. Then Mary Wing left.",
                None,
            ),
            (
                "Officials met analyst Joel Wing yesterday. Then Dr Wing left.",
                Some("new:person:juelvink"),
            ),
            // Two discovered people share it: no link.
            (
                "Officials met analyst Joel Wing and researcher Mary Wing. Wing said no.",
                None,
            ),
            // The second half of a hyphenated name is no surname alone.
            (
                "VANTOR-WING SHARES RISE\nOfficials met analyst Joel Wing yesterday.",
                None,
            ),
            (
                "WING SEES NO DEAL\nOfficials met analyst Joel Wing yesterday.",
                Some("new:person:juelvink"),
            ),
            (
                "NO DEAL IN SIGHT-WING\nOfficials met analyst Joel Wing yesterday.",
                Some("new:person:juelvink"),
            ),
        ];
        for (text, want) in rows {
            let h = hits(&lex, text, false, true);
            let alone: Vec<&str> = h
                .iter()
                .filter(|h| h.text.eq_ignore_ascii_case("Wing"))
                .map(|h| h.ids[0].as_str())
                .collect();
            assert_eq!(alone, want.into_iter().collect::<Vec<_>>(), "row {text:?}");
        }
    }

    #[test]
    fn the_key_is_phonetic_so_two_spellings_are_one_id() {
        let lex = lexicon(ROWS, false);
        let id = |text: &str| hits(&lex, text, false, true)[0].ids.clone();
        assert_eq!(
            id("Officials met analyst Hana Rasul yesterday."),
            ["new:person:hanarasul"]
        );
        assert_eq!(
            id("Officials met analyst Hanna Rasool yesterday."),
            ["new:person:hanarasul"]
        );
        // A different name is a different id.
        assert_ne!(
            id("Officials met analyst Hana Rashid yesterday."),
            ["new:person:hanarasul"]
        );
    }

    #[test]
    fn byte_tests_agree_with_the_lists() {
        for w in ORG_INNER {
            assert!(is_org_inner(w), "{w}");
        }
        for w in ["", "o", "Of", "ofs", "an", "bi", "vo", "against ", "al-"] {
            assert_eq!(is_org_inner(w), ORG_INNER.contains(&w), "{w}");
        }
    }

    #[test]
    fn a_place_that_opens_a_persons_name_is_the_given_name() {
        // Made-up places and people: a town and a country, each also a given name.
        let rows = "id\ttype\tcanonical\tcountry\tdescriptors\n\
            gpe.dorvale\tGPE\tDorvale\tXA\t\n\
            gpe.kestria\tGPE\tKestria\t\tcountry\n";
        let lex = lexicon(rows, false);
        let seen = |text: &str| -> Vec<(String, String)> {
            hits(&lex, text, false, true)
                .into_iter()
                .map(|h| (h.text, h.ids[0].clone()))
                .collect()
        };
        let given = [
            // After a title, or two words before a reporting verb.
            (
                "Budget Minister Dorvale Vantorsen announced cuts.",
                "Dorvale Vantorsen",
            ),
            (
                "Chairman Dorvale Vantorsen announced cuts.",
                "Dorvale Vantorsen",
            ),
            (
                "Dorvale Vantorsen said the cuts would come.",
                "Dorvale Vantorsen",
            ),
        ];
        for (text, name) in given {
            let seen = seen(text);
            assert!(
                seen.len() == 1 && seen[0].0 == name && seen[0].1.starts_with("new:person:"),
                "row {text:?}: {seen:?}"
            );
        }
        let place = [
            // No title and no reporting verb: the place stays.
            "Dorvale Vantorsen announced cuts.",
            // A dictionary word after it: a place before a noun ("Dorvale Officials said").
            "Dorvale Officials said the cuts would come.",
            // A country is never taken for a given name.
            "Chairman Kestria Vantorsen announced cuts.",
            // Two places: no name word after the first.
            "Chairman Dorvale Kestria announced cuts.",
        ];
        for text in place {
            let seen = seen(text);
            assert!(
                seen.iter()
                    .any(|(t, id)| id.starts_with("gpe.") && t.len() == 7),
                "row {text:?}: {seen:?}"
            );
            assert!(
                !seen.iter().any(|(_, id)| id.starts_with("new:person:")),
                "row {text:?}: {seen:?}"
            );
        }
    }

    #[test]
    fn a_place_before_a_broadcaster_or_papers_word_is_the_organisation() {
        let rows = "id\ttype\tcanonical\tcountry\n\
            gpe.dorvale\tGPE\tDorvale\tXA\n";
        let lex = lexicon(rows, false);
        for (text, name) in [
            ("The Dorvale Daily reported the cuts.", "Dorvale Daily"),
            ("Dorvale Radio reported the cuts.", "Dorvale Radio"),
            (
                "Dorvale Television reported the cuts.",
                "Dorvale Television",
            ),
            ("Dorvale TV reported the cuts.", "Dorvale TV"),
            // The other words papers end on.
            ("Dorvale Today reported the cuts.", "Dorvale Today"),
            (
                "The Dorvale Chronicle reported the cuts.",
                "Dorvale Chronicle",
            ),
            (
                "The Dorvale Examiner reported the cuts.",
                "Dorvale Examiner",
            ),
            (
                "The Dorvale Daily Mail reported the cuts.",
                "Dorvale Daily Mail",
            ),
            (
                "The Dorvale Business Weekly reported the cuts.",
                "Dorvale Business Weekly",
            ),
        ] {
            let seen: Vec<_> = found(&lex, text);
            assert_eq!(seen.len(), 1, "row {text:?}: {seen:?}");
            assert_eq!(
                (seen[0].0.as_str(), seen[0].1.as_str()),
                (name, "org"),
                "row {text:?}"
            );
        }
        // Lower case: the place and a common noun.
        assert_eq!(found(&lex, "Dorvale radio reported the cuts."), vec![]);
        assert_eq!(found(&lex, "Dorvale today reported the cuts."), vec![]);
    }

    #[test]
    fn a_place_inside_an_organisations_name_is_not_the_place() {
        // Made-up places, so that no real name's rules interfere.
        let rows = "id\ttype\tcanonical\tcountry\n\
            gpe.dorvale\tGPE\tDorvale\t\n\
            gpe.kestria\tGPE\tKestria\t\n\
            org.lowe-group\tORG\tLowe Holdings\t\n";
        let lex = lexicon(rows, false);
        let places = |text: &str| -> Vec<String> {
            hits(&lex, text, false, false)
                .into_iter()
                .filter(|h| h.ids.iter().any(|id| id.starts_with("gpe.")))
                .map(|h| h.text)
                .collect()
        };
        let inside = [
            "Traders at the Dorvale Board of Trade sold wheat.",
            "Dorvale Motor Corp said its sales rose.",
            "Shares of Dorvale Mercantile Exchange members fell.",
            "The Bank of Kestria raised its rate.",
            "Control passed to the Cassa di Risparmio di Dorvale yesterday.",
            // A name split by the wire's line break is still one name.
            "Traders at the Dorvale\nBoard of Trade sold wheat.",
        ];
        for text in inside {
            assert_eq!(places(text), Vec::<String>::new(), "row {text:?}");
        }
        let outside = [
            // A possessive place is its own mention.
            "Dorvale's Finance Ministry said rates would rise.",
            // Punctuation or a sentence end closes the run.
            "In Dorvale, Bank officials said rates would rise.",
            "He flew to Dorvale. Bank shares fell.",
            // No organisation word in the run.
            "Dorvale Premier Ann Lowe said the vote was fair.",
            // A capitalised modifier of a common noun is not an organisation word.
            "Dorvale Unit trusts rose by a tenth.",
            // All capitals: a headline, where every word is capitalised.
            "DORVALE BANK RATE FALLS",
            // An organisational word before the place without a connector.
            "Lowe Holdings Dorvale said nothing.",
        ];
        for text in outside {
            let want = if text.starts_with("DORVALE") {
                "DORVALE"
            } else {
                "Dorvale"
            };
            assert_eq!(places(text), [want], "row {text:?}");
        }
    }
}
