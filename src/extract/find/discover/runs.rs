//! Where a candidate name starts and ends: which gaps a name spans (a hard line break inside a
//! paragraph, but no blank line or indented paragraph), which words it takes, where a title
//! cuts it, and which runs are money, not names.

use super::words::*;
use super::{Cover, Known};
use crate::data::is_english_word;
use crate::text::Analysed;
use crate::text::tokenize::{is_apostrophe_like, shape};

/// Between word `i` and the next: spaces, a joining hyphen, " & ", a period after an
/// initial, or a hard line break ([`wraps`]).
pub(super) fn gap_ok(doc: &Analysed<'_>, i: usize) -> bool {
    let words = doc.words();
    let (end, next) = (words[i].end(), words[i + 1].start());
    // Most gaps are one space.
    if next == end + 1 && doc.text().as_bytes()[end] == b' ' {
        return true;
    }
    let gap = &doc.text()[end..next];
    let gap = gap.strip_prefix(is_apostrophe_like).unwrap_or(gap);
    gap.bytes().all(|c| c == b' ')
        || gap == "-"
        || gap == " & "
        || (gap.starts_with('.')
            && gap[1..].bytes().all(|c| c == b' ')
            && doc.word_text(i).len() <= 3)
        || wraps(doc, i)
}

/// Is the gap after word `i` a hard line break inside a paragraph: spaces and one line
/// break with no indentation after it, outside the headline, and not from a word in lower
/// case into one in capitals (a dateline)?
pub(in crate::extract::find) fn wraps(doc: &Analysed<'_>, i: usize) -> bool {
    let words = doc.words();
    let gap = &doc.text()[words[i].end()..words[i + 1].start()];
    gap.trim_start_matches([' ', '\t', '\r']) == "\n"
        && !doc.in_headline(i)
        && (is_caps(doc, i) || !is_caps(doc, i + 1))
}

/// Does a run go on past word `j`: a gap a name spans, in one sentence or across a hard
/// line break (a short wrapped line may have ended a sentence)?
pub(super) fn goes_on(doc: &Analysed<'_>, j: usize) -> bool {
    let words = doc.words();
    gap_ok(doc, j) && (!words[j + 1].opens_sentence || wraps(doc, j))
}

/// A word of two or more letters, all capitals ("ACC", "USX").
pub(super) fn is_caps(doc: &Analysed<'_>, i: usize) -> bool {
    let w = doc.words()[i];
    w.shape & (shape::UPPER | shape::HAS_LOWER | shape::LETTERS) == shape::UPPER | shape::LETTERS
        && w.end() - w.start() >= 2
}

/// Initials written together ("E.F.", "J.C."): capitals each followed by a period.
pub(super) fn is_initials(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 4
        && b.len() % 2 == 0
        && b.chunks(2)
            .all(|p| p[0].is_ascii_uppercase() && p[1] == b'.')
}

/// May word `k` stand in a run? Uncovered capitalised words and initials; in a `wide` run
/// (an organisation's or a place's) also words in capitals, initials written together and
/// known places.
fn name_word(doc: &Analysed<'_>, known: &Known<'_>, k: usize, wide: bool) -> bool {
    let word = doc.words()[k];
    match known.cover(k) {
        Cover::Free => {
            let text = doc.word_text(k);
            word.is_cap_word()
                || is_initial(text)
                || (wide && (is_caps(doc, k) || is_initials(text)))
        }
        Cover::Place(_) => wide && known.opens_place(k),
        Cover::Taken => false,
    }
}

/// The last word of the run from `i`: capitalised words, initials, particles, and (for
/// organisations) lower-case function words followed by a capitalised word, at most twelve
/// words; trailing function words trimmed. A company's suffix ends
/// it (but "Co Inc", "Co of America"), and "and" after a suffix or "Group" starts another
/// name ("Acme Co and Zenith Ltd"). A wide run takes known places whole, and stops after a
/// place's possessive ("Japan's").
pub(super) fn run_end(doc: &Analysed<'_>, known: &Known<'_>, i: usize, wide: bool) -> usize {
    let n = doc.words().len();
    let w = |k: usize| doc.word_text(k);
    let most = 11;
    let mut j = known.place(i).filter(|_| wide).map_or(i, |p| p.last);
    loop {
        if wide {
            if let Some(k) = parenthesised(doc, known, j) {
                j = k;
                continue;
            }
        }
        if !(j + 1 < n && j - i < most && goes_on(doc, j)) {
            break;
        }
        if stops_after(doc, known, j, wide) {
            break;
        }
        let takes = name_word(doc, known, j + 1, wide) || {
            // A lower-case word inside: "of", "and" (unless it joins two names), "al-".
            let next = w(j + 1);
            let inner = is_org_inner(next) || is_name_particle(next);
            // "of the" after an organisational head and before a name word: "Development
            // Bank of the Philippines" (not "President of the ...", "Kimura of the ...").
            let of_the = |k: usize| {
                matches!(next, "of" | "for")
                    && known.is(doc, j, cue::HEAD)
                    && w(k) == "the"
                    && k + 1 < n
                    && goes_on(doc, k)
                    && name_word(doc, known, k + 1, wide)
                    && !known.is(doc, k + 1, cue::TITLE)
            };
            inner
                && j + 2 < n
                && !(next == "and" && and_splits(doc, known, i, j))
                && ((next == "al" && doc.words()[j + 2].joined)
                    || (goes_on(doc, j + 1)
                        && (name_word(doc, known, j + 2, wide)
                            || w(j + 2) == "al"
                            || of_the(j + 2))))
        };
        if !takes {
            break;
        }
        j = known
            .place(j + 1)
            .filter(|_| wide)
            .map_or(j + 1, |p| p.last);
    }
    while j > i && (is_org_inner(w(j)) || is_name_particle(w(j))) {
        j -= 1;
    }
    j
}

/// "Cheung Vantor (Holdings) Ltd": one or two capitalised words or a known place in
/// parentheses after word `j`, right before a company suffix, are part of the company's name;
/// the suffix's index.
fn parenthesised(doc: &Analysed<'_>, known: &Known<'_>, j: usize) -> Option<usize> {
    let (text, words) = (doc.text(), doc.words());
    let gap = |k: usize| Some(&text[words[k].end()..words.get(k + 1)?.start()]);
    let g = gap(j)?;
    if !g.ends_with('(') || g.trim_start_matches([' ', '\n']) != "(" {
        return None;
    }
    let close = (j + 1..(j + 3).min(words.len())).find(|&k| gap(k).is_some_and(|g| g == ") "))?;
    let inside = (j + 1..=close)
        .all(|k| known.place(k).is_some() || (known.free(k) && doc.words()[k].is_cap_word()));
    (inside && known.is(doc, close + 1, cue::SUFFIX)).then_some(close + 1)
}

/// Is the run `i..=j` one a plain run takes too: no known place, capitals or initials in it?
pub(super) fn is_plain(doc: &Analysed<'_>, known: &Known<'_>, i: usize, j: usize) -> bool {
    (i..=j).all(|k| known.free(k) && !is_caps(doc, k) && !is_initials(doc.word_text(k)))
}

/// Does "and" after word `j` join two names rather than stand inside one: after a suffix or
/// "Group" ("Acme Group and Zenith Motors Corp"; but "Acme and Co"), before a known place
/// ("Japanese and U.K."), between two names each of two words or more whose first ends in
/// a head and whose second opens on a word no dictionary holds ("Acme Vantor Securities and
/// Zenith Securities"; but "Sumitomo Trust and Banking Co", "Securities and Exchange
/// Commission"), or between a name of two words or more ending on a word no dictionary
/// holds and a company of two words or more before its legal form ("Dana Whitfield and
/// Vantor Investment Services Inc"; but "Pacific Gas and Electric Co", "Federal Savings and
/// Loan Insurance Corp")?
fn and_splits(doc: &Analysed<'_>, known: &Known<'_>, i: usize, j: usize) -> bool {
    if known.is(doc, j + 2, cue::SUFFIX) {
        return false;
    }
    known.is(doc, j, cue::CLOSES)
        || known.place(j + 2).is_some()
        || (j > i && known.is(doc, j, cue::HEAD) && !is_english_word(doc.key(j + 2)))
        || (j > i && !is_english_word(doc.key(j)) && company_words_after(doc, known, j + 2) >= 2)
}

/// How many capitalised words (or words in capitals: "Nissei BOT Asset Management Corp")
/// from word `k` on lead, one space apart, to a company suffix (0 when no suffix ends them).
fn company_words_after(doc: &Analysed<'_>, known: &Known<'_>, k: usize) -> usize {
    let words = doc.words();
    let mut n = 0;
    let name_word = |k: usize| words[k].is_cap_word() || is_caps(doc, k);
    while k + n < words.len() && name_word(k + n) && known.free(k + n) {
        if known.is(doc, k + n, cue::SUFFIX) {
            return n;
        }
        if k + n + 1 >= words.len() || !goes_on(doc, k + n) {
            break;
        }
        n += 1;
    }
    0
}

/// Does a run end after word `j`: after a company suffix not followed by another suffix or
/// "of" and a country or another company name ("Aluminum Co of America", "Vantor Co of
/// Michigan Inc"; but "Acme Corp of Salt Lake City" is the company and its seat), after an organisational head's possessive ("Interior
/// Department's Bureau of Mines" is two bodies), (in a wide run) after a place's
/// possessive, or before "of" and a company's name when no head precedes it and no known
/// place follows ("Dana Whitfield of Vantor Securities Inc" is a person and a company; but
/// "Bank of Vantor Inc", "Vantor Centers of America Inc")?
fn stops_after(doc: &Analysed<'_>, known: &Known<'_>, j: usize, wide: bool) -> bool {
    let possessive = || {
        let word = doc.word_text(j);
        word.ends_with("'s") || word.ends_with("’s")
    };
    let of = doc.word_text(j + 1) == "of";
    // "Vantor Co of America", "Vantor Co of Michigan Inc": the name goes on.
    let name_after_of = |k: usize| match known.place(k) {
        Some(p) => p.is_country || known.is(doc, p.last + 1, cue::SUFFIX),
        None => company_words_after(doc, known, k) > 0,
    };
    let of_country = of && j + 2 < doc.words().len() && name_after_of(j + 2);
    let head = known.is(doc, j, cue::HEAD | cue::SUFFIX);
    (known.is(doc, j, cue::SUFFIX) && !known.is(doc, j + 1, cue::SUFFIX) && !of_country)
        || (known.is(doc, j, cue::HEAD) && possessive())
        || (wide && known.place(j).is_some() && possessive())
        || (of
            && !head
            && j + 2 < doc.words().len()
            && known.place(j + 2).is_none()
            && company_words_after(doc, known, j + 2) > 0)
}

/// "Shares of Acme Corp", "Eurobonds for Acme": a word that opens a sentence, or names
/// money, before a function word does not start a name; the name starts after it. Before
/// "and" it may: "Standard and Poor's Corp", "Cable and Wireless Plc".
pub(super) fn leads_into_inner(doc: &Analysed<'_>, known: &Known<'_>, i: usize) -> bool {
    let words = doc.words();
    if i + 1 >= words.len() || !is_org_inner(doc.word_text(i + 1)) {
        return false;
    }
    if doc.word_text(i + 1) == "and" && !known.is(doc, i, cue::INSTRUMENT | cue::MONEY) {
        return false;
    }
    let opens_sentence = words[i].opens_sentence;
    known.is(doc, i, cue::INSTRUMENT | cue::MONEY)
        || (opens_sentence && !known.is(doc, i, cue::HEAD) && is_english_word(doc.key(i)))
}

/// The pieces of the run `i..=j` on either side of the titles inside it: "Acme Chairman
/// Dana Whitfield" gives "Acme" and "Dana Whitfield"; a run without a title is one piece.
pub(super) fn around_titles(
    doc: &Analysed<'_>,
    known: &Known<'_>,
    i: usize,
    j: usize,
) -> impl Iterator<Item = (usize, usize)> {
    let title = |k: &usize| known.is(doc, *k, cue::TITLE);
    let first = (i + 1..=j).find(title);
    let last = (i + 1..=j).rev().find(title);
    let pieces = match (first, last) {
        (Some(f), Some(l)) => [(f > i).then(|| (i, f - 1)), (l < j).then(|| (l + 1, j))],
        _ => [Some((i, j)), None],
    };
    pieces.into_iter().flatten()
}

/// A currency or an instrument: a run holding a currency word ("European Currency Unit",
/// "Special Drawing Rights") or ending in an instrument ("Treasury Notes").
pub(super) fn is_money(doc: &Analysed<'_>, known: &Known<'_>, i: usize, j: usize) -> bool {
    known.is(doc, j, cue::INSTRUMENT) || (i..=j).any(|k| known.is(doc, k, cue::MONEY))
}

#[cfg(test)]
mod tests {
    //! The run rules on their own, without a gazetteer: each row a text and the run from its
    //! first capitalised word.
    use super::*;
    use crate::extract::testing::lexicon;

    /// The words of the run from word `i` of `text` (nothing known), narrow or wide.
    fn run(text: &str, i: usize, wide: bool) -> String {
        let doc = Analysed::new(text);
        let lex = lexicon("id\ttype\tcanonical\n", false);
        let known = Known::new(&doc, &[], lex.gazetteer());
        let j = run_end(&doc, &known, i, wide);
        doc.text()[doc.words()[i].start()..doc.words()[j].end()].to_string()
    }

    #[test]
    fn a_hard_line_break_inside_a_paragraph_does_not_end_a_name() {
        // (text, the run from its third word)
        let rows = [
            ("He met Dana\nWhitfield today", "Dana\nWhitfield"),
            ("He met Dana  \nWhitfield today", "Dana  \nWhitfield"),
            // A blank line, an indented paragraph, a dateline in capitals.
            ("He met Dana\n\nWhitfield today", "Dana"),
            ("He met Dana\n    Whitfield today", "Dana"),
            ("He met Dana Whitfield\nBAGHDAD - Talks", "Dana Whitfield"),
        ];
        for (text, want) in rows {
            assert_eq!(run(text, 2, false), want, "{text:?}");
        }
        // A short wrapped line ends a sentence; the name goes on past it.
        assert_eq!(
            run("He met Vantor Bank of\nZenith Inc today", 2, true),
            "Vantor Bank of\nZenith Inc"
        );
        // "Securities and Exchange\nCommission": the inner "and" and the line break.
        assert_eq!(
            run("He met the Vantor and Exchange\nCommission today", 3, false),
            "Vantor and Exchange\nCommission"
        );
    }

    #[test]
    fn a_headline_line_ends_a_name() {
        // (text, the gap after the third word is a hard line break inside a paragraph)
        let rows = [
            ("He met Acme\nZenith Corp said it.", true),
            ("ACME SETS DIVIDEND\nZenith Corp said it set one.", false),
            ("He met Acme\nBAGHDAD talks", false),
            ("HE MET ACME\nBAGHDAD talks", false),
        ];
        for (text, want) in rows {
            assert_eq!(wraps(&Analysed::new(text), 2), want, "{text:?}");
        }
    }

    #[test]
    fn a_suffix_ends_a_company_and_and_after_it_starts_another() {
        // (text, the wide run from its first word)
        let rows = [
            ("Vantor Lynch and Co Inc said", "Vantor Lynch and Co Inc"),
            ("Vantor Co and Zenith Ltd said", "Vantor Co"),
            ("Vantor Group and Zenith Motors Corp said", "Vantor Group"),
            (
                "Vantor Trust and Banking Co Ltd said",
                "Vantor Trust and Banking Co Ltd",
            ),
            // After the suffix, "of" and what no gazetteer holds is the seat (a country
            // goes on the name: companies.rs).
            ("Vantor Co of Zenith said", "Vantor Co"),
            ("Vantor Co of Zenith Inc said", "Vantor Co of Zenith Inc"),
            // No head before "of" and a company: a person of the company.
            (
                "Dana Whitfield of Vantor Government Securities Inc said",
                "Dana Whitfield",
            ),
            // A word in capitals inside the company's name too.
            (
                "Dana Whitfield of Vantor ZTB Asset Management Corp said",
                "Dana Whitfield",
            ),
            // "of the" after a head, before a name word that is no title.
            (
                "Vantor Bank of the Zenith Islands said",
                "Vantor Bank of the Zenith Islands",
            ),
            ("Dana Whitfield of the Vantor Bank said", "Dana Whitfield"),
            ("Vantor Office of the Comptroller said", "Vantor Office"),
            (
                "Vantor Bank of Zenith Inc said",
                "Vantor Bank of Zenith Inc",
            ),
            ("Vantor Corp President Dana Whitfield said", "Vantor Corp"),
            ("Vantor & Co said", "Vantor & Co"),
            // Initials and capitals only in a wide run.
            ("E.F. Vantor Group Inc said", "E.F. Vantor Group Inc"),
            ("ACC Long Distance Corp said", "ACC Long Distance Corp"),
            // A head's possessive ends the run; another word's does not.
            (
                "Interior Department's Bureau of Mines said",
                "Interior Department's",
            ),
            ("Standard and Poor's Corp said", "Standard and Poor's Corp"),
            // "and" between a name of two words and a company of two words before its suffix.
            (
                "Dana Whitfield and Vantor Investment Services Inc said",
                "Dana Whitfield",
            ),
            (
                "Pacific Vantor and Electric Co said",
                "Pacific Vantor and Electric Co",
            ),
            (
                "Federal Savings and Loan Insurance Corp said",
                "Federal Savings and Loan Insurance Corp",
            ),
        ];
        for (text, want) in rows {
            assert_eq!(run(text, 0, true), want, "{text:?}");
        }
        assert_eq!(
            run("ACC Long Distance Corp said", 1, false),
            "Long Distance Corp"
        );
    }

    #[test]
    fn a_title_inside_a_run_cuts_it() {
        // (text, the run's pieces)
        let rows: &[(&str, &[&str])] = &[
            (
                "Vantor Chairman Dana Whitfield",
                &["Vantor", "Dana Whitfield"],
            ),
            (
                "Vantor Chief Executive Dana Whitfield",
                &["Vantor", "Dana Whitfield"],
            ),
            (
                "Treasury Secretary Dana Whitfield",
                &["Treasury", "Dana Whitfield"],
            ),
            ("Dana Whitfield Chairman", &["Dana Whitfield"]),
            ("Dana Whitfield", &["Dana Whitfield"]),
        ];
        for (text, want) in rows {
            let doc = Analysed::new(text);
            let lex = lexicon("id\ttype\tcanonical\n", false);
            let known = Known::new(&doc, &[], lex.gazetteer());
            let j = doc.words().len() - 1;
            let got: Vec<&str> = around_titles(&doc, &known, 0, j)
                .map(|(a, b)| &text[doc.words()[a].start()..doc.words()[b].end()])
                .collect();
            assert_eq!(&got, want, "{text:?}");
        }
    }

    #[test]
    fn a_sentence_word_or_money_before_of_opens_no_name() {
        // (text, index of the word, opens no name)
        let rows = [
            ("Shares of Vantor Corp rose.", 0, true),
            ("He sold Eurobonds for Vantor Corp.", 2, true),
            ("Bank of Vantor said.", 0, false),
            ("He met Vantor of Zenith.", 2, false),
            ("Shares rose.", 0, false),
            ("Standard and Vantor's Corp said.", 0, false),
            ("Currency and Vantor Corp said.", 0, true),
        ];
        let lex = lexicon("id\ttype\tcanonical\n", false);
        for (text, i, want) in rows {
            let doc = Analysed::new(text);
            let known = Known::new(&doc, &[], lex.gazetteer());
            assert_eq!(leads_into_inner(&doc, &known, i), want, "{text:?}");
        }
    }

    #[test]
    fn money_is_no_name() {
        // (text, the run is money)
        let rows = [
            ("European Currency Unit", true),
            ("Special Drawing Rights", true),
            ("Vantor Investment Notes", true),
            ("Dollar General Corp", false),
            ("Vantor Notes Corp", false),
        ];
        let lex = lexicon("id\ttype\tcanonical\n", false);
        for (text, want) in rows {
            let doc = Analysed::new(text);
            let known = Known::new(&doc, &[], lex.gazetteer());
            let j = doc.words().len() - 1;
            assert_eq!(is_money(&doc, &known, 0, j), want, "{text:?}");
        }
    }

    #[test]
    fn initials_written_together() {
        let rows = [
            ("E.F.", true),
            ("J.C.", true),
            ("E.", false),
            ("E.F", false),
            ("e.f.", false),
            ("EF", false),
        ];
        for (w, want) in rows {
            assert_eq!(is_initials(w), want, "{w:?}");
        }
    }
}
