//! Stage 3a: gazetteer hits on word boundaries.
//!
//! At every token start one anchored walk of the automaton gives every name that begins
//! there, and the longest is tried first. A hit is kept only when
//! - it ends on a token end, or before a possessive (`Soleimani’s`: the span stops before the
//!   apostrophe) or a lower-case plural `s` on a code (`PMFs`: the `s` stays inside the span);
//! - an ordinary name is capitalised in the text: every word is capitalised except the words
//!   the name itself writes in lower case (`al`, `of`), so "hit" is not the town Hit and
//!   "Ain al-Asad air base" falls back to "Ain al-Asad";
//! - a code (IS, PMU, K1) appears in exactly its case, and not amid an all-capitals headline
//!   where "IS" and "US" are ordinary words;
//! - an entity with a context guard has one of its guard words in the same document;
//! - in a dated document, the entity's lifetime holds the date (`lifetime.rs`).
//!
//! When the longest hit fails, the next shorter one at the same start is tried. Overlapping
//! hits are then resolved by choosing the set that covers the most text (so "The National
//! Security Council" is the council, not the newspaper "The National").

use super::hit::{Hit, HitKind};
use super::lifetime::Lifetimes;
use super::select::select;
use crate::data::is_english_word;
use crate::data::particles::{self, role};
use crate::gazetteer::{Compiled, GuardCache, Name};
use crate::text::Analysed;
use crate::text::normalize::fold_char;
use crate::text::tokenize::{is_apostrophe_like, is_invisible};

/// Can a name start at this word? Capitalised, a digit, or a particle that opens names
/// (`src/data/particles.tsv`). Given the word's first byte and its key, as bytes: this runs
/// on every possible start of the text.
fn may_start_name(first: u8, key: &[u8]) -> bool {
    !first.is_ascii_lowercase() || particles::roles(key) & role::OPENS != 0
}

/// How many shorter hits to try at one start after the longest fails.
const MAX_RETRIES: usize = 6;

/// Finds non-overlapping gazetteer hits in a document, in text order.
pub(super) fn find(doc: &Analysed<'_>, gaz: &Compiled, lifetimes: &mut Lifetimes) -> Vec<Hit> {
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
        if ks == ke || !may_start_name(text[doc.words()[i].start()], &key[ks..ke]) {
            continue;
        }
        // Every key that starts here, longest first: the longest that validates wins.
        hits.clear();
        gaz.prefixes(key, ks, &mut hits);
        for &(end, pid) in hits.iter().rev().take(MAX_RETRIES + 1) {
            if let Some(c) = validate(doc, gaz, i, end, pid, &mut guards, lifetimes) {
                found.push(c);
                break;
            }
        }
    }
    select(found)
}

/// The hit of pattern `pid` from word `first` to key byte `kend`, if it passes the boundary,
/// punctuation, case, context and lifetime checks.
fn validate(
    doc: &Analysed<'_>,
    gaz: &Compiled,
    first: usize,
    kend: usize,
    pid: usize,
    guards: &mut GuardCache,
    lifetimes: &mut Lifetimes,
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
    let start = words[first].start();
    let core = &doc.text()[start..core_end];
    let mut refs = Vec::new();
    let mut period = false;
    for r in gaz.candidates(pid) {
        let info = gaz.name(r);
        // Each read decodes the name's record: read once.
        let (surface, exact) = (info.surface(), info.exact());
        let abbreviation = exact.is_some() && surface.ends_with('.');
        let ok = opening_word_apart(doc, first, surface)
            && match exact {
                None if plural => false,
                // An abbreviation ("Calif.", "N.Y.") is written with its period, and takes no
                // plural: "Ga" in "Gas" or "Ill" in "I'll" is no state.
                Some(_) if abbreviation && (plural || !period_written(doc, core, end)) => false,
                // A code's plural is written with a lower-case "s" ("PMFs"); an upper-case one
                // makes another code ("USS", "ISS").
                Some(_) if plural && doc.text()[core_end..end].starts_with('S') => false,
                Some(exact) => {
                    let letters: String = core.chars().filter(|c| c.is_alphanumeric()).collect();
                    letters == exact && !shouting(doc, first, last, core)
                }
                None => capitalised(doc, first, last, info),
            };
        if ok
            && symbol_written(surface, &doc.text()[end..])
            && (!info.is_guarded() || gaz.guard_ok(doc, r.entity, guards))
            && lifetimes.admits(gaz, r, start, end)
        {
            period |= abbreviation && !core.ends_with('.');
            refs.push(r);
        }
    }
    if refs.is_empty() {
        return None;
    }
    // The abbreviation's period is part of its mention (the word ends before it).
    let end = end + usize::from(period);
    Some(Hit {
        first,
        last,
        start,
        end,
        kind: HitKind::Listed {
            refs,
            weight: kend - doc.key_range(first).0,
            variant: None,
            evidence: Vec::new(),
        },
    })
}

/// A name that opens with an initial or an abbreviation ("T. Here", "St. Louis") matches
/// only where the text writes that word apart ("T. Here", "T Here"): keys drop the spaces
/// between words, and "There" is no "T. Here".
fn opening_word_apart(doc: &Analysed<'_>, first: usize, surface: &str) -> bool {
    match surface.split_once(' ') {
        Some((head, _)) if head.ends_with('.') => {
            let mut folded = String::new();
            head.chars().for_each(|c| fold_char(c, &mut folded));
            doc.key(first) == folded
        }
        _ => true,
    }
}

/// Is an abbreviation's final period written: inside the word ("N.Y.") or right after it
/// ("Calif" then ".")?
fn period_written(doc: &Analysed<'_>, core: &str, end: usize) -> bool {
    core.ends_with('.') || doc.text()[end..].starts_with('.')
}

/// A name that ends in a symbol its key leaves out ("OPEC+", "C++") matches only where the
/// text writes the symbol: "OPEC" alone is another body.
fn symbol_written(surface: &str, after: &str) -> bool {
    let symbols = &surface[surface.trim_end_matches(['+', '#', '*']).len()..];
    symbols.is_empty() || after.starts_with(symbols)
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
            end: word.end(),
            core_end: word.end(),
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
        (word.end(), true)
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
/// are not one name. Nor does it span a blank line. Invisible characters in the gap
/// ("Qassem \u{2067}Soleimani") count for nothing.
fn joined_by_spaces(doc: &Analysed<'_>, first: usize, last: usize) -> bool {
    let (text, words) = (doc.text(), doc.words());
    (first..last).all(|t| {
        let gap = &text[words[t].end()..words[t + 1].start()];
        // A word-final ʿayn or hamza ("Shia' al-Sudani") counts as part of the space.
        let gap = gap.strip_prefix(is_apostrophe_like).unwrap_or(gap);
        let seen = || gap.chars().filter(|&c| !is_invisible(c));
        let spaces = seen().all(char::is_whitespace) && gap.matches('\n').count() <= 1;
        let joiner = seen().count() == 1
            && seen().all(|c| matches!(c, '-' | '‐' | '‑') || is_apostrophe_like(c));
        let period = gap.starts_with('.') && gap[1..].chars().all(|c| c == ' ');
        spaces || joiner || period
    })
}

/// Every word of the hit is capitalised, or is a word the name writes in lower case.
fn capitalised(doc: &Analysed<'_>, first: usize, last: usize, name: Name<'_>) -> bool {
    let mut any_upper = false;
    for t in first..=last {
        let c = doc.word_text(t).chars().next().unwrap_or(' ');
        if c.is_lowercase() {
            let k = doc.key(t);
            // The article is written "al-" or "Al-" by different feeds: either case counts.
            if k != "al" && !name.writes_lower(k) {
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

/// A bare all-capitals code that is also an English word, between all-capitals words: a
/// headline, where "IS", "US" and "IT" are ordinary words. Dotted or hyphenated codes
/// ("U.S.", "K-1") and codes that are no word ("USSR", "CTS") are accepted here; the
/// evidence stage keeps those only when their entity is also found outside such lines.
fn shouting(doc: &Analysed<'_>, first: usize, last: usize, core: &str) -> bool {
    if core.contains(['.', '-'])
        || core.chars().any(|c| c.is_ascii_digit())
        || !is_english_word(&core.to_lowercase())
    {
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

#[cfg(test)]
mod rules {
    //! One table per matching rule: a few gazetteer rows written for the test, then texts and
    //! the hits stage 3a makes of them, each as `surface=ids`.
    use crate::extract::Lexicon;
    use crate::extract::testing::{hits, lexicon};

    /// A lexicon over rows of (id, type, canonical, aliases, codes, country, context).
    fn gaz(rows: &[[&str; 7]]) -> Lexicon {
        let mut tsv = String::from("id\ttype\tcanonical\taliases\tcodes\tcountry\tcontext\n");
        for r in rows {
            tsv.push_str(&r.join("\t"));
            tsv.push('\n');
        }
        lexicon(&tsv, false)
    }

    /// Every row's gazetteer hits (no variants, no discovery) checked; the failing rows
    /// listed together.
    fn check(lex: &Lexicon, rows: &[(&str, &[&str])]) {
        let mut failed = Vec::new();
        for &(text, want) in rows {
            let got: Vec<String> = hits(lex, text, false, false)
                .iter()
                .map(|h| format!("{}={}", h.text, h.ids.join("|")))
                .collect();
            if got != want {
                failed.push(format!("{text:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failed.is_empty(), "\n{}", failed.join("\n"));
    }

    #[test]
    fn an_opening_initial_or_abbreviation_stays_a_word_of_its_own() {
        let lex = gaz(&[
            [
                "per.th",
                "PERSON",
                "Tofu Here",
                "T. Here|A. Long",
                "",
                "",
                "",
            ],
            ["gpe.stl", "GPE", "St. Louis", "", "", "US", ""],
        ]);
        check(
            &lex,
            &[
                ("Then T. Here spoke.", &["T. Here=per.th"]),
                ("Then T Here spoke.", &["T Here=per.th"]),
                ("A. Long wrote it.", &["A. Long=per.th"]),
                (
                    "He flew to St. Louis and St Louis.",
                    &["St. Louis=gpe.stl", "St Louis=gpe.stl"],
                ),
                // One word of the text is no initial and a name: keys drop the spaces.
                ("There it is.", &[]),
                ("Along the road.", &[]),
                ("Stlouis is no spelling.", &[]),
            ],
        );
    }

    #[test]
    fn invisible_characters_do_not_stop_a_name() {
        let lex = gaz(&[
            ["gpe.baghdad", "GPE", "Baghdad", "", "", "IQ", ""],
            ["per.qs", "PERSON", "Qassem Soleimani", "", "", "IR", ""],
        ]);
        check(
            &lex,
            &[
                // Inside a word, at its edges, and in the space between a name's words.
                ("in Bagh\u{AD}dad", &["Bagh\u{AD}dad=gpe.baghdad"]),
                ("in Bagh\u{200B}dad", &["Bagh\u{200B}dad=gpe.baghdad"]),
                ("in Baghdad\u{200F} now", &["Baghdad\u{200F}=gpe.baghdad"]),
                (
                    "Qassem \u{2067}Soleimani",
                    &["Qassem \u{2067}Soleimani=per.qs"],
                ),
                (
                    "Qassem\u{200E} Soleimani",
                    &["Qassem\u{200E} Soleimani=per.qs"],
                ),
                // Still no name across visible punctuation (each word is a short form), or
                // with a letter added.
                (
                    "Qassem \u{2067}- Soleimani",
                    &["Qassem=per.qs", "Soleimani=per.qs"],
                ),
                ("in Baghdadi", &[]),
                ("in Bagh\u{200B}dadi", &[]),
            ],
        );
    }

    #[test]
    fn a_name_starts_and_ends_on_word_boundaries() {
        let lex = gaz(&[
            ["gpe.iran", "GPE", "Iran", "", "", "IR", ""],
            ["org.kh", "ORG", "Kataib Hezbollah", "", "", "IQ", ""],
        ]);
        check(
            &lex,
            &[
                ("in Iran.", &["Iran=gpe.iran"]),
                ("(Iran)", &["Iran=gpe.iran"]),
                ("Iran-backed", &["Iran=gpe.iran"]),
                ("Kataib Hezbollah", &["Kataib Hezbollah=org.kh"]),
                // Separators fold away: hyphen = space = nothing.
                ("Kataib-Hezbollah", &["Kataib-Hezbollah=org.kh"]),
                ("KataibHezbollah", &["KataibHezbollah=org.kh"]),
                // Not inside a word, at either end.
                ("Tehran and Tirana", &[]),
                ("Iranian forces", &[]),
                ("Kataib Hezbollahi", &[]),
                ("AlKataib Hezbollah", &[]),
            ],
        );
    }

    #[test]
    fn a_possessive_stops_the_span() {
        let lex = gaz(&[
            ["per.qs", "PERSON", "Qassem Soleimani", "", "", "IR", ""],
            [
                "org.pmf",
                "ORG",
                "Popular Mobilization Forces",
                "",
                "PMU|PMUs",
                "IQ",
                "",
            ],
        ]);
        check(
            &lex,
            &[
                ("Qassem Soleimani’s convoy", &["Qassem Soleimani=per.qs"]),
                ("Soleimani’s death", &["Soleimani=per.qs"]),
                ("Soleimani's death", &["Soleimani=per.qs"]),
                ("Soleimaniʼs death", &["Soleimani=per.qs"]),
                ("Soleimani`s death", &["Soleimani=per.qs"]),
                // "PMU’s" is the possessive of PMU, not the code "PMUs".
                ("the PMU’s fighters", &["PMU=org.pmf"]),
                ("the PMUs fought", &["PMUs=org.pmf"]),
                // Anything else after the name inside the word is no hit.
                ("Soleimanis", &[]),
                ("Soleimani’ss", &[]),
            ],
        );
    }

    #[test]
    fn a_plural_s_only_on_codes() {
        let lex = gaz(&[
            [
                "org.pmf",
                "ORG",
                "Popular Mobilization Forces",
                "",
                "PMF",
                "IQ",
                "",
            ],
            ["gpe.hama", "GPE", "Hama", "", "", "SY", ""],
        ]);
        check(
            &lex,
            &[
                ("the PMFs fought", &["PMFs=org.pmf"]),
                ("the PMF fought", &["PMF=org.pmf"]),
                ("Hama’s mayor", &["Hama=gpe.hama"]),
                // A name takes no plural: "Hamas" is not Hama.
                ("Hamas said", &[]),
                ("Hamas’s leader", &[]),
                // Only one "s", and in lower case: "USS" and "ISS" are other codes.
                ("the PMFss", &[]),
                ("the PMFS fought", &[]),
            ],
        );
    }

    #[test]
    fn an_ordinary_name_must_be_capitalised() {
        let lex = gaz(&[
            ["gpe.hit", "GPE", "Hit", "", "", "IQ", ""],
            [
                "fac.asad",
                "FACILITY",
                "Ain al-Asad Air Base",
                "Ain al-Asad",
                "",
                "IQ",
                "",
            ],
            [
                "org.isw",
                "ORG",
                "Institute for the Study of War",
                "",
                "",
                "US",
                "",
            ],
            ["org.aq", "ORG", "al-Qaeda", "", "", "", ""],
        ]);
        check(
            &lex,
            &[
                ("Hit was shelled", &["Hit=gpe.hit"]),
                ("HIT WAS SHELLED", &["HIT=gpe.hit"]),
                ("a drone hit the base", &[]),
                // The words a name writes in lower case may be so in the text.
                ("at Ain al-Asad", &["Ain al-Asad=fac.asad"]),
                (
                    "at Ain al-Asad Air Base",
                    &["Ain al-Asad Air Base=fac.asad"],
                ),
                (
                    "said the Institute for the Study of War",
                    &["Institute for the Study of War=org.isw"],
                ),
                (
                    "said the Institute For The Study Of War",
                    &["Institute For The Study Of War=org.isw"],
                ),
                // The article in either case; a name may open with it in lower case.
                ("at Ain Al-Asad", &["Ain Al-Asad=fac.asad"]),
                ("al-Qaeda said", &["al-Qaeda=org.aq"]),
                ("Al-Qaeda said", &["Al-Qaeda=org.aq"]),
                // Any other lower-case word is not the name.
                ("at ain al-Asad", &[]),
                ("the Institute for the study of War", &[]),
                ("the Institute for the Study of war", &[]),
            ],
        );
    }

    #[test]
    fn a_trailing_symbol_of_a_name_must_be_written() {
        let lex = gaz(&[
            [
                "org.opec",
                "ORG",
                "Organization of Petroleum Exporters",
                "",
                "OPEC",
                "",
                "",
            ],
            ["org.opec-plus", "ORG", "OPEC+", "", "", "", ""],
        ]);
        check(
            &lex,
            &[
                ("OPEC met", &["OPEC=org.opec"]),
                ("OPEC+ met", &["OPEC=org.opec|org.opec-plus"]),
                ("non-OPEC producers", &["OPEC=org.opec"]),
            ],
        );
    }

    #[test]
    fn a_code_matches_in_exact_case() {
        let lex = gaz(&[
            ["org.is", "ORG", "Islamic State", "", "IS", "", ""],
            ["gpe.us", "GPE", "United States", "", "US", "US", ""],
            ["fac.k1", "FACILITY", "K1 Air Base", "", "K1", "IQ", ""],
        ]);
        check(
            &lex,
            &[
                ("Iraq said IS attacked", &["IS=org.is"]),
                ("IS fighters attacked", &["IS=org.is"]),
                ("US troops", &["US=gpe.us"]),
                ("U.S. troops", &["U.S.=gpe.us"]),
                ("K-1 was hit", &["K-1=fac.k1"]),
                ("at K1", &["K1=fac.k1"]),
                // Any other case is an ordinary word.
                ("it is there", &[]),
                ("Is it there", &[]),
                ("Us and them", &[]),
                ("at k-1", &[]),
            ],
        );
    }

    #[test]
    fn an_abbreviation_is_written_with_its_period_and_takes_it_in() {
        let lex = gaz(&[
            ["gpe.ca", "GPE", "California", "", "Calif.", "US", ""],
            ["gpe.ga", "GPE", "State of Georgia", "", "Ga.", "US", ""],
            ["gpe.ny", "GPE", "New York State", "", "N.Y.", "US", ""],
        ]);
        check(
            &lex,
            &[
                ("based in San Jose, Calif., it said", &["Calif.=gpe.ca"]),
                ("moved to Calif.", &["Calif.=gpe.ca"]),
                (
                    "Atlanta, Ga. and Albany, N.Y. grew",
                    &["Ga.=gpe.ga", "N.Y.=gpe.ny"],
                ),
                // Without its period, or with a plural "s", it is another word.
                ("Calif voters", &[]),
                ("Gas prices rose", &[]),
                ("NY traders", &[]),
            ],
        );
    }

    #[test]
    fn a_bare_code_amid_an_all_capitals_headline_is_a_word() {
        let lex = gaz(&[
            ["org.is", "ORG", "Islamic State", "", "IS", "", ""],
            ["gpe.us", "GPE", "United States", "", "US", "US", ""],
            ["fac.k1", "FACILITY", "K1 Air Base", "", "K1", "IQ", ""],
            ["gpe.su", "GPE", "Soviet Union", "", "USSR", "SU", ""],
        ]);
        check(
            &lex,
            &[
                ("IRAN SAYS IS ATTACKED", &[]),
                ("IS SAYS SO", &[]),
                ("ATTACK BY IS", &[]),
                ("LET US GO", &[]),
                // A dotted code or one with digits still counts.
                ("U.S. SAYS SO", &["U.S.=gpe.us"]),
                ("K1 BASE HIT", &["K1=fac.k1"]),
                // A code that is no English word is left to the evidence stage.
                ("SALES TO USSR RISE", &["USSR=gpe.su"]),
                // Capitals on one side only: not a headline.
                ("REUTERS - IS fighters attacked", &["IS=org.is"]),
                ("fighters of IS ATTACKED", &["IS=org.is"]),
                // Single letters around it are no headline.
                ("A IS B", &["IS=org.is"]),
            ],
        );
    }

    #[test]
    fn a_guarded_name_needs_a_guard_word_in_the_document() {
        let lex = gaz(&[
            [
                "org.badr",
                "ORG",
                "Badr Organization",
                "Badr",
                "",
                "IQ",
                "Iraq|Amiri",
            ],
            ["loc.gz", "LOC", "Green Zone", "", "", "IQ", "Baghdad"],
            ["org.is", "ORG", "Islamic State", "", "IS", "", "Iraq|Syria"],
        ]);
        check(
            &lex,
            &[
                // A one-word name needs the guard, anywhere in the document.
                ("Badr said", &[]),
                ("Badr said in Iraq", &["Badr=org.badr"]),
                ("In Iraq, Badr said", &["Badr=org.badr"]),
                ("Badr met Hadi al-Amiri", &["Badr=org.badr"]),
                ("Badr said. iraq", &["Badr=org.badr"]),
                // The guard word on word boundaries: "Iraqi" is not "Iraq".
                ("Badr said, an Iraqi official", &[]),
                // A multi-word name speaks for itself ...
                ("Badr Organization said", &["Badr Organization=org.badr"]),
                // ... unless all its words are common English words.
                ("the Green Zone", &[]),
                ("the Green Zone of Baghdad", &["Green Zone=loc.gz"]),
                // A code of a guarded entity needs the guard too.
                ("IS attacked", &[]),
                ("IS attacked in Syria", &["IS=org.is"]),
            ],
        );
    }

    #[test]
    fn a_guard_is_also_met_by_a_code_of_the_entitys_country_written_exactly() {
        let tsv = "id\ttype\tcanonical\taliases\tcodes\tdescriptors\tcountry\tcontext\n\
            gpe.xa\tGPE\tVantoria\t\tVT|V.T.\tcountry\tXA\t\n\
            gpe.dorvale\tGPE\tDorvale\t\t\t\tXA\tVantoria|Kestria\n";
        let lex = lexicon(tsv, false);
        check(
            &lex,
            &[
                ("Dorvale grew.", &[]),
                // Its guard words, or its country's codes exactly as listed.
                ("Dorvale grew, Kestria said.", &["Dorvale=gpe.dorvale"]),
                (
                    "Dorvale grew, V.T. officials said.",
                    &["Dorvale=gpe.dorvale", "V.T.=gpe.xa"],
                ),
                (
                    "Dorvale grew in VT-led talks.",
                    &["Dorvale=gpe.dorvale", "VT=gpe.xa"],
                ),
                // Not in another case, nor inside a longer word.
                ("Dorvale grew, vt said.", &[]),
                ("Dorvale grew at VTX.", &[]),
            ],
        );
    }

    #[test]
    fn punctuation_between_words_blocks_a_name() {
        let lex = gaz(&[
            ["org.kh", "ORG", "Kataib Hezbollah", "", "", "IQ", ""],
            ["per.kfm", "PERSON", "Kenneth F. McKenzie", "", "", "US", ""],
            [
                "org.national",
                "ORG",
                "The National",
                "The National News",
                "",
                "AE",
                "",
            ],
            ["gpe.stl", "GPE", "St. Louis", "", "", "US", ""],
            ["per.shia", "PERSON", "Shia al-Sudani", "", "", "IQ", ""],
        ]);
        check(
            &lex,
            &[
                ("Kataib, Hezbollah", &[]),
                ("Kataib (Hezbollah)", &[]),
                ("Kataib / Hezbollah", &[]),
                ("Kataib - Hezbollah", &[]),
                ("Kataib--Hezbollah", &[]),
                ("Kataib . Hezbollah", &[]),
                // One joining hyphen or apostrophe is no punctuation.
                ("Kataib-Hezbollah", &["Kataib-Hezbollah=org.kh"]),
                ("Kataib`Hezbollah", &["Kataib`Hezbollah=org.kh"]),
                // A word-final ʿayn or hamza counts as part of the space.
                ("Shia' al-Sudani said", &["Shia' al-Sudani=per.shia"]),
                // The period of an initial or an abbreviation does not block.
                ("Kenneth F. McKenzie said", &["Kenneth F. McKenzie=per.kfm"]),
                (
                    "Gen. Kenneth F. McKenzie said",
                    &["Kenneth F. McKenzie=per.kfm"],
                ),
                ("in St. Louis", &["St. Louis=gpe.stl"]),
                // The shorter name before the dash is tried instead.
                ("The National - News", &["The National=org.national"]),
                ("The National News", &["The National News=org.national"]),
            ],
        );
    }

    #[test]
    fn a_blank_line_blocks_a_name() {
        let lex = gaz(&[["org.kh", "ORG", "Kataib Hezbollah", "", "", "IQ", ""]]);
        check(
            &lex,
            &[
                // A hard-wrapped line break does not.
                ("Kataib\nHezbollah", &["Kataib\nHezbollah=org.kh"]),
                ("Kataib \n Hezbollah", &["Kataib \n Hezbollah=org.kh"]),
                ("Kataib\n\nHezbollah", &[]),
                ("Kataib\n \nHezbollah", &[]),
                ("Kataib\r\n\r\nHezbollah", &[]),
            ],
        );
    }

    #[test]
    fn the_longest_hit_first_and_shorter_ones_when_it_fails() {
        let lex = gaz(&[
            ["org.kh", "ORG", "Kataib Hezbollah", "", "", "IQ", ""],
            ["org.hezbollah", "ORG", "Hezbollah", "", "", "LB", ""],
            [
                "fac.asad",
                "FACILITY",
                "Ain al-Asad Air Base",
                "Ain al-Asad",
                "",
                "IQ",
                "",
            ],
            [
                "org.pmf",
                "ORG",
                "Popular Mobilization Forces",
                "",
                "PMU|PMUs",
                "IQ",
                "",
            ],
        ]);
        check(
            &lex,
            &[
                ("Kataib Hezbollah said", &["Kataib Hezbollah=org.kh"]),
                ("Hezbollah said", &["Hezbollah=org.hezbollah"]),
                // The longest fails on case, on a possessive: the shorter one is taken.
                ("at Ain al-Asad air base", &["Ain al-Asad=fac.asad"]),
                ("the PMU’s fighters", &["PMU=org.pmf"]),
                // The longest fails with nothing shorter at its start: the next start.
                ("Kataib - Hezbollah said", &["Hezbollah=org.hezbollah"]),
            ],
        );
    }

    #[test]
    fn at_most_six_shorter_hits_are_tried() {
        // Names of one to `n` words ("Alpha", "Alpha Bravo", ...), in a text whose words
        // after the first are lower case: only the one-word name validates, and it is the
        // `n`th hit at that start.
        let words = [
            "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
        ];
        let text = "Alpha bravo charlie delta echo foxtrot golf hotel";
        for (n, want) in [(7, &["Alpha=org.a"][..]), (8, &[])] {
            let names: Vec<String> = (1..=n).map(|k| words[..k].join(" ")).collect();
            let aliases = names[..n - 1].join("|");
            let lex = gaz(&[["org.a", "ORG", &names[n - 1], &aliases, "", "", ""]]);
            check(&lex, &[(text, want)]);
        }
    }

    #[test]
    fn overlapping_hits_keep_the_set_that_covers_most_text() {
        let lex = gaz(&[
            ["org.national", "ORG", "The National", "", "", "AE", ""],
            [
                "org.nsc",
                "ORG",
                "National Security Council",
                "",
                "",
                "US",
                "",
            ],
            ["org.kh", "ORG", "Kataib Hezbollah", "", "", "IQ", ""],
            ["org.hezbollah", "ORG", "Hezbollah", "", "", "LB", ""],
        ]);
        check(
            &lex,
            &[
                (
                    "The National Security Council met",
                    &["National Security Council=org.nsc"],
                ),
                ("The National reported", &["The National=org.national"]),
                (
                    "The National reported that the National Security Council met",
                    &[
                        "The National=org.national",
                        "National Security Council=org.nsc",
                    ],
                ),
                // The hit inside a longer one is dropped.
                ("Kataib Hezbollah", &["Kataib Hezbollah=org.kh"]),
            ],
        );
    }
}
