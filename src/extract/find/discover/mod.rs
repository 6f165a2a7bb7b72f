//! Stage 3d: names the gazetteers do not hold, found from their context.
//!
//! A run of capitalised words not covered by a gazetteer hit becomes a candidate name; it is
//! kept only when its shape or context says what it is:
//! - **person**: a title before it ("Mr.", "Gen.", "analyst"), a reporting verb next to it
//!   ("X said", "said X", "according to X"), an apposition after it ("X, director of …"), or a
//!   middle initial ("Dana M. Whitfield");
//! - **organisation**: its last word is an organisational head ("Brigade", "Council",
//!   "Institute", "Ministry", …), with "of/for/the/and" allowed inside;
//! - **facility**: "Camp X", "Fort X", "X Air Base", "X Airport";
//! - **place**: "X province", "X governorate", "X district", "the town of X".
//!
//! Each discovered entity gets a stable id from its type and normalised key
//! (`new:person:danamwhitfield`), so the same name discovered in two documents is one entity.
//! A later surname alone ("Whitfield said") links to a person discovered in the same document.

mod words;

use super::hit::{Hit, HitKind};
use crate::gazetteer::EntityType;
use crate::text::Analysed;
use crate::text::normalize::translit::{phonetic_untraced, phonetic_word_into};
use crate::text::tokenize::is_apostrophe_like;
use words::*;

pub(crate) use words::{is_sentence_word, is_title_or_opener};

/// Finds names the gazetteer missed, outside the words of the hits `known`, in text order.
pub(super) fn find<'h>(doc: &Analysed<'_>, known: impl IntoIterator<Item = &'h Hit>) -> Vec<Hit> {
    let n = doc.words().len();
    let mut covered = vec![false; n];
    for c in known {
        let last = c.last.min(n.saturating_sub(1));
        covered[c.first..=last].iter_mut().for_each(|x| *x = true);
    }
    let mut out = Vec::new();
    // Words before `next` are inside a run already looked at. Only the words normalising
    // listed as possible starts can open a run (capitalised words and "al" among them).
    let mut next = 0;
    for &i in doc.starts() {
        let i = i as usize;
        if i < next || !opens_run(doc, &covered, i) {
            continue;
        }
        let j = run_end(doc, &covered, i);
        next = j + 1;
        if is_fragment(doc, &covered, i) {
            continue;
        }
        if let Some(f) = classify(doc, i, j) {
            out.push(f);
        }
    }
    surnames(doc, &covered, &mut out);
    out
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
        let gap = &doc.text()[words[a].end..words[b].start];
        gap == "\n"
            || (words[a].sentence == words[b].sentence && gap.chars().all(|c| c == ' ' || c == '-'))
    };
    let possessive = hit.end < words[last].end;
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
fn opens_run(doc: &Analysed<'_>, covered: &[bool], i: usize) -> bool {
    let words = doc.words();
    let word = doc.word_text(i);
    !covered[i]
        && (words[i].is_cap_word() || (word == "al" && i + 1 < words.len() && words[i + 1].joined))
        && !NOT_NAME_START.contains(&word.trim_end_matches('.'))
        && !TITLES.contains(&word.trim_end_matches('.'))
}

/// Between word `i` and the next: spaces, a joining hyphen, or a period after an initial.
fn gap_ok(doc: &Analysed<'_>, i: usize) -> bool {
    let words = doc.words();
    let gap = &doc.text()[words[i].end..words[i + 1].start];
    let gap = gap.strip_prefix(is_apostrophe_like).unwrap_or(gap);
    gap.chars().all(|c| c == ' ')
        || gap == "-"
        || (gap.starts_with('.')
            && gap[1..].chars().all(|c| c == ' ')
            && doc.word_text(i).len() <= 3)
}

/// The last word of the run from `i`: capitalised words, initials, particles, and (for
/// organisations) lower-case function words followed by a capitalised word, at most eight
/// words in one sentence; trailing function words trimmed.
fn run_end(doc: &Analysed<'_>, covered: &[bool], i: usize) -> usize {
    let (words, n) = (doc.words(), doc.words().len());
    let w = |k: usize| doc.word_text(k);
    let mut j = i;
    while j + 1 < n
        && j - i < 7
        && !covered[j + 1]
        && gap_ok(doc, j)
        && words[j + 1].sentence == words[i].sentence
    {
        let next = w(j + 1);
        let inner_ok = (is_org_inner(next) || is_name_particle(next))
            && j + 2 < n
            && !covered[j + 2]
            && (words[j + 2].is_cap_word() || w(j + 2) == "al")
            && gap_ok(doc, j + 1);
        if words[j + 1].is_cap_word()
            || is_initial(next)
            || (next == "al" && j + 2 < n && words[j + 2].joined)
            || inner_ok
        {
            j += 1;
        } else {
            break;
        }
    }
    while j > i && (is_org_inner(w(j)) || is_name_particle(w(j))) {
        j -= 1;
    }
    j
}

/// "Security Program" in "Middle East Security Program": the tail of a longer name whose
/// head the gazetteer knows is not a name of its own.
fn is_fragment(doc: &Analysed<'_>, covered: &[bool], i: usize) -> bool {
    let words = doc.words();
    i > 0
        && covered[i - 1]
        && &doc.text()[words[i - 1].end..words[i].start] == " "
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

/// The words around a run `i..=j` that say what it is.
struct Context<'t> {
    /// The word before (its period trimmed) and the one before that.
    prev: Option<&'t str>,
    prev2: Option<&'t str>,
    /// The word after, and the gap after the run.
    next: Option<&'t str>,
    gap_after: &'t str,
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
                .map(|t| &text[words[j].end..t.start])
                .unwrap_or(""),
            has_inner: (i..=j).any(|k| is_org_inner(doc.word_text(k))),
        }
    }

    /// The gap before the run `i..`.
    fn gap_before(doc: &Analysed<'t>, i: usize) -> &'t str {
        let words = doc.words();
        if i > 0 {
            &doc.text()[words[i - 1].end..words[i].start]
        } else {
            ""
        }
    }
}

/// What the run `i..=j` is, by its shape and context, if anything.
fn classify(doc: &Analysed<'_>, i: usize, j: usize) -> Option<Hit> {
    let words = doc.words();
    let stem = possessive_stem(doc.word_text(j));
    let found = |kind, evidence: String| {
        let key = key_of(doc, i, j, stem.is_some());
        (key.len() >= 4).then(|| Hit {
            first: i,
            last: j,
            start: words[i].start,
            end: stem.map_or(words[j].end, |stem| words[j].start + stem.len()),
            kind: HitKind::Discovered {
                kind,
                key,
                evidence,
            },
        })
    };
    let cx = Context::new(doc, i, j);
    if let Some((kind, evidence)) = thing(doc, &cx, i, j) {
        return found(kind, evidence);
    }
    person_evidence(doc, &cx, i, j).and_then(|e| found(EntityType::Person, e))
}

/// An organisation by its head word, a facility by its facility word, a place by the word
/// after it ("X province") or before it ("the town of X").
fn thing(doc: &Analysed<'_>, cx: &Context<'_>, i: usize, j: usize) -> Option<(EntityType, String)> {
    let w = |k: usize| doc.word_text(k);
    let has_inner = cx.has_inner;
    let last = w(j);
    if j > i && ORG_HEADS.contains(&last) {
        return Some((EntityType::Org, format!("organisational head \"{last}\"")));
    }
    if j > i && FACILITY_FIRST.contains(&w(i)) && !has_inner {
        return Some((EntityType::Facility, format!("facility word \"{}\"", w(i))));
    }
    if j > i && FACILITY_LAST.contains(&last) && !has_inner {
        return Some((EntityType::Facility, format!("facility word \"{last}\"")));
    }
    let short = !has_inner && j - i < 3;
    if let Some(next) = cx
        .next
        .filter(|n| PLACE_AFTER.contains(n) && cx.gap_after == " ")
    {
        if short {
            return Some((EntityType::Gpe, format!("followed by \"{next}\"")));
        }
    }
    match (cx.prev, cx.prev2) {
        (Some("of"), Some(p2)) if PLACE_BEFORE.contains(&p2) && short => {
            Some((EntityType::Gpe, format!("after \"{p2} of\"")))
        }
        _ => None,
    }
}

/// Why the run `i..=j` is a person, if it is: two to four name words, no organisation
/// function words or business words, and a middle initial, a title or role before it, a
/// reporting verb next to it, or an apposition after it.
fn person_evidence(doc: &Analysed<'_>, cx: &Context<'_>, i: usize, j: usize) -> Option<String> {
    let w = |k: usize| doc.word_text(k);
    let name_words = (i..=j)
        .filter(|&k| !is_initial(w(k)) && !is_name_particle(w(k)))
        .count();
    let business = (i..=j).any(|k| NOT_PERSON_WORDS.contains(&w(k)));
    if cx.has_inner || business || !(2..=4).contains(&name_words) {
        return None;
    }
    let gap_before = Context::gap_before(doc, i);
    let (prev, next) = (cx.prev.unwrap_or(""), cx.next.unwrap_or(""));
    if (i..=j).any(|k| is_initial(w(k))) && j > i && !is_initial(w(j)) {
        Some("middle initial".to_string())
    } else if cx.prev.is_some_and(|p| TITLES.contains(&p)) {
        Some(format!("title \"{prev}\""))
    } else if cx.prev.is_some_and(|p| ROLE_NOUNS.contains(&p)) && gap_before == " " {
        Some(format!("role \"{prev}\""))
    } else if cx.next.is_some_and(|n| SAY_VERBS.contains(&n))
        && (cx.gap_after == " " || cx.gap_after == ", ")
    {
        Some(format!("reporting verb \"{next}\""))
    } else if cx
        .prev
        .is_some_and(|p| SAY_VERBS.contains(&p) || p == "to" && cx.prev2 == Some("according"))
        && gap_before.trim().is_empty()
    {
        Some(format!("after \"{prev}\""))
    } else if cx.gap_after == ", " && cx.next.is_some_and(|n| APPOSITION.contains(&n)) {
        Some(format!("apposition \", {next}\""))
    } else {
        None
    }
}

/// A capitalised word equal to the last name of a person discovered in this document
/// ("Whitfield said") is a mention of that person.
fn surnames(doc: &Analysed<'_>, covered: &[bool], out: &mut Vec<Hit>) {
    // (phonetic form of the surname, key of the full name) of each person found.
    let persons: Vec<(String, String)> = out
        .iter()
        .filter_map(|f| match &f.kind {
            HitKind::Discovered {
                kind: EntityType::Person,
                key,
                ..
            } => Some((phonetic_untraced(&[doc.key(f.last)]), key.clone())),
            _ => None,
        })
        .collect();
    if persons.is_empty() {
        return;
    }
    let mut taken: Vec<bool> = covered.to_vec();
    for f in out.iter() {
        taken[f.first..=f.last].iter_mut().for_each(|x| *x = true);
    }
    // Only words starting like one of the surnames are worth a phonetic key.
    let initials: Vec<u8> = persons
        .iter()
        .filter_map(|(last, _)| last.as_bytes().first().copied())
        .collect();
    let mut first = Vec::new();
    let mut extra = Vec::new();
    // Capitalised words are among the listed starts.
    for &t in doc.starts() {
        let (t, word) = (t as usize, doc.words()[t as usize]);
        if taken[t] || !word.is_cap_word() {
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
        if !first.first().is_some_and(|b| initials.contains(b))
            || !first.is_ascii() && std::str::from_utf8(&first).is_err()
        {
            continue;
        }
        // "Whitfield’s": the possessive stays outside the span and the key.
        let stem = possessive_stem(doc.word_text(t));
        let key = match stem {
            Some(_) => key.strip_suffix('s').unwrap_or(key),
            None => key,
        };
        let k = phonetic_untraced(&[key]);
        let mut owners = persons.iter().filter(|(last, _)| *last == k);
        if let (Some((_, full)), None) = (owners.next(), owners.next()) {
            extra.push(Hit {
                first: t,
                last: t,
                start: word.start,
                end: stem.map_or(word.end, |s| word.start + s.len()),
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
        loc.middle-east\tLOC\tMiddle East\t\n";

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
            // One name word is too little; no cue, no name.
            ("The visit by Gen. Whitfield ended.", &[]),
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
            // A verb after a parenthesis does not report the name.
            (
                "A film on Dana Whitfield (said to be her last) opened.",
                &[],
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
            ("We met Dana Whitfield director of the centre.", &[]),
            ("We met Dana Whitfield, and left.", &[]),
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
            // "Middle East" is listed: "Security Program" after it is its tail.
            ("The Middle East Security Program said.", &[]),
            (
                "A report from the Security Program came out.",
                &[("Security Program", "org", "organisational head \"Program\"")],
            ),
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
            // Two discovered people share it: no link.
            (
                "Officials met analyst Joel Wing and researcher Mary Wing. Wing said no.",
                None,
            ),
        ];
        for (text, want) in rows {
            let h = hits(&lex, text, false, true);
            let alone: Vec<&str> = h
                .iter()
                .filter(|h| h.text == "Wing")
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
