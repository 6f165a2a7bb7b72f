//! Sentence boundaries, from the words and the gaps between them: terminal punctuation
//! followed by space, a blank line, an indented line, or a short unpunctuated line (a
//! headline or byline); never after a title abbreviation ("Gen.") or a name initial.

use super::{Sentence, Token};

/// Abbreviations after which a period does not end a sentence. Matched case-sensitively on
/// the word before the period.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Gen", "Maj", "Brig", "Lt", "Col", "Sgt", "Capt", "Cpl", "Adm", "Cmdr", "Gov", "Sen", "Rep",
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft", "Rev", "Sr", "Jr", "Inc", "Corp", "Co", "Ltd",
    "vs", "etc", "approx", "Dept", "Gens", "Pres", "Amb", "Sec",
];

/// Words that usually open a sentence; after "U.S." or "U.K." one of these means the period
/// did end the sentence ("... in the U.S. The next day ...").
const SENTENCE_OPENERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "And", "In", "On", "At", "This",
    "That", "These", "Those", "There", "His", "Her", "Its", "Their", "Our", "As", "If", "When",
    "While", "After", "Before", "Since", "So", "Yet", "Some", "Many", "Most", "One",
];

/// Sentence boundaries from the words: terminal punctuation followed by space, a blank line,
/// an indented line, or a short unpunctuated line (a headline or byline).
pub(super) fn split(text: &str, words: &mut [Token]) -> Vec<Sentence> {
    // Room for a sentence every sixteen words: one allocation for most wire copy.
    let mut sentences = Vec::with_capacity(words.len() / 16 + 1);
    if words.is_empty() {
        return sentences;
    }
    let mut sent_start = words[0].start();
    let mut line_start = text[..words[0].start()].rfind('\n').map_or(0, |i| i + 1);
    words[0].opens_sentence = true;
    let bytes = text.as_bytes();
    for i in 0..words.len() {
        let Some(next) = words.get(i + 1) else {
            break;
        };
        let w = words[i];
        // Most gaps are one space after a word not ending in a period: nothing ends here.
        if next.start() == w.end() + 1 && bytes[w.end()] == b' ' && bytes[w.end() - 1] != b'.' {
            continue;
        }
        // Nor with no line break, no terminal mark and no period ending the word. (The gap
        // is scanned as bytes: a str slice checks its ends are character boundaries.)
        let (mut newlines, mut first_nl, mut last_nl, mut marks) = (0, 0, 0, false);
        for (k, &b) in bytes[w.end()..next.start()].iter().enumerate() {
            match b {
                b'\n' => {
                    if newlines == 0 {
                        first_nl = k;
                    }
                    last_nl = k;
                    newlines += 1;
                }
                b'.' | b'!' | b'?' => marks = true,
                _ => {}
            }
        }
        // Without a period ending the word or a mark in the gap, punctuation ends nothing.
        let punct = marks || bytes[w.end() - 1] == b'.';
        if !punct && newlines == 0 {
            continue;
        }
        let gap = &text[w.end()..next.start()];
        if newlines > 0 {
            // The line of `w` runs from line_start to the newline.
            let line = text[line_start..w.end() + first_nl].trim_end();
            line_start = w.end() + last_nl + 1;
            let ends_sentence = newlines >= 2
                || gap[last_nl + 1..].starts_with([' ', '\t'])
                || punct && boundary_by_punct(text, words, i)
                || (line.len() < 50
                    && !line.ends_with([',', ';', '-', '–'])
                    && starts_upper(next.text(text)));
            if ends_sentence {
                sentences.push(Sentence {
                    start: sent_start,
                    end: w.end() + trailing_punct_len(gap),
                });
                sent_start = next.start();
                words[i + 1].opens_sentence = true;
            }
        } else if boundary_by_punct(text, words, i) {
            sentences.push(Sentence {
                start: sent_start,
                end: w.end() + trailing_punct_len(gap),
            });
            sent_start = next.start();
            words[i + 1].opens_sentence = true;
        }
    }
    let last = words[words.len() - 1];
    sentences.push(Sentence {
        start: sent_start,
        end: last.end() + trailing_punct_len(&text[last.end()..]),
    });
    sentences
}

fn trailing_punct_len(gap: &str) -> usize {
    gap.char_indices()
        .take_while(|(_, c)| matches!(c, '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | ']'))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0)
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Does a sentence end right after word `i` because of terminal punctuation?
fn boundary_by_punct(text: &str, words: &[Token], i: usize) -> bool {
    let w = words[i];
    let next = words[i + 1];
    let word = w.text(text);
    let gap = &text[w.end()..next.start()];
    // The period of "U.S." is inside the word; other terminal marks are in the gap.
    let (punct_in_word, punct_gap) = if word.ends_with('.') {
        (true, gap)
    } else {
        let trimmed = gap.trim_start_matches(['"', '”', '’', '\'', ')', ']']);
        if !trimmed.starts_with(['.', '!', '?']) {
            return false;
        }
        (false, gap)
    };
    // The next word must be separated by whitespace (not "3.5" or "e.g").
    if !punct_gap.chars().any(char::is_whitespace) && !punct_gap.is_empty() {
        return false;
    }
    if punct_in_word && punct_gap.is_empty() {
        return false;
    }
    let next_text = next.text(text);
    let opens = punct_gap
        .trim_start_matches(|c: char| !c.is_whitespace())
        .trim_start()
        .starts_with(['"', '“', '‘', '\'', '(', '['])
        || starts_upper(next_text);
    if !opens {
        return false;
    }
    if punct_in_word {
        // "U.S." / "J." : an initialism. A single initial ("Seth J. Frantzman") never ends a
        // sentence; a country code does only before a typical sentence opener.
        // "Jr." and "Sr." behave the same way.
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        return letters > 1 && SENTENCE_OPENERS.contains(&next_text);
    }
    let bare = gap.trim_start_matches(['"', '”', '’', '\'', ')', ']']);
    if bare.starts_with('.') && TITLE_ABBREVIATIONS.contains(&word) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::text::tokenize::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        tokenize(text)
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let rows = [
            "Maj. Gen. Qassem Soleimani was killed on Jan. 3 by the U.S. military.",
            "Brig. Gen. Esmail Ghaani said Lt. Col. Smith and Mr. Vaez met Dr. Ali.",
            "Seth J. Frantzman wrote it. It was read in the U.K. and at the U.N. office.",
            "The U.S. Central Command chief spoke on Sept. 5 and Oct. 6.",
        ];
        assert_eq!(sentences(rows[0]).len(), 1, "{}", rows[0]);
        assert_eq!(sentences(rows[1]).len(), 1, "{}", rows[1]);
        assert_eq!(sentences(rows[2]).len(), 2, "{}", rows[2]);
        assert_eq!(sentences(rows[3]).len(), 1, "{}", rows[3]);
    }

    #[test]
    fn sentence_ends_after_country_code_before_opener() {
        let s = sentences("Troops returned to the U.S. The base closed.");
        assert_eq!(s, ["Troops returned to the U.S.", "The base closed."]);
    }

    #[test]
    fn hard_wrapped_lines_are_one_sentence() {
        let text = "HEADLINE HERE\nShowers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought.\n    Next paragraph.";
        let s = sentences(text);
        assert_eq!(
            s,
            [
                "HEADLINE HERE",
                "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought.",
                "Next paragraph."
            ]
        );
    }
}

#[cfg(test)]
mod rules {
    //! One table per sentence rule: a text and the sentences it splits into.
    use super::{SENTENCE_OPENERS, TITLE_ABBREVIATIONS};
    use crate::text::tokenize::{tokenize, tokenize_unicode};

    fn sentences(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        assert_eq!(t.sentences, tokenize_unicode(text).sentences, "{text:?}");
        t.sentences.iter().map(|s| &text[s.start..s.end]).collect()
    }

    /// Every row checked; the failing rows listed together.
    fn check(rows: &[(&str, &[&str])]) {
        let failed: Vec<String> = rows
            .iter()
            .filter_map(|&(text, want)| {
                let got = sentences(text);
                (got != want).then(|| format!("{text:?}: got {got:?}, want {want:?}"))
            })
            .collect();
        assert!(failed.is_empty(), "\n{}", failed.join("\n"));
    }

    #[test]
    fn title_abbreviations_do_not_end_a_sentence() {
        check(&[
            (
                "Brig. Gen. Esmail Ghaani spoke.",
                &["Brig. Gen. Esmail Ghaani spoke."],
            ),
            (
                "It began on Jan. 3 in Baghdad.",
                &["It began on Jan. 3 in Baghdad."],
            ),
            (
                "He lived in St. Louis for years.",
                &["He lived in St. Louis for years."],
            ),
            (
                "Acme Inc. Chief Executive Bo Li spoke.",
                &["Acme Inc. Chief Executive Bo Li spoke."],
            ),
            (
                "They met Mr. Vaez and Dr. Ali.",
                &["They met Mr. Vaez and Dr. Ali."],
            ),
            // Only those words, and in exactly that case.
            (
                "He met Smith. Jones left.",
                &["He met Smith.", "Jones left."],
            ),
            (
                "HE SAW THE GEN. SMITH LEFT.",
                &["HE SAW THE GEN.", "SMITH LEFT."],
            ),
            ("Word Genl. Ali", &["Word Genl.", "Ali"]),
        ]);
        // Every listed abbreviation, before a capitalised word.
        for abbr in TITLE_ABBREVIATIONS {
            let text = format!("They saw {abbr}. Smith there.");
            assert_eq!(sentences(&text), [text.as_str()], "{abbr}");
        }
    }

    #[test]
    fn a_country_code_ends_a_sentence_only_before_an_opener() {
        check(&[
            (
                "Troops left the U.S. The base closed.",
                &["Troops left the U.S.", "The base closed."],
            ),
            (
                "They flew to the U.K. They landed.",
                &["They flew to the U.K.", "They landed."],
            ),
            (
                "He quoted the U.N. \"The end,\" he said.",
                &["He quoted the U.N.", "The end,\" he said."],
            ),
            // "Jr." and "Sr." alike.
            (
                "It was John Smith Jr. He left.",
                &["It was John Smith Jr.", "He left."],
            ),
            // Before any other word the code is part of a name or a phrase.
            ("The U.S. Army left.", &["The U.S. Army left."]),
            (
                "The U.S. Central Command spoke.",
                &["The U.S. Central Command spoke."],
            ),
            ("John Smith Jr. Then left.", &["John Smith Jr. Then left."]),
            ("the U.S. the end", &["the U.S. the end"]),
            ("In the U.S.-led war.", &["In the U.S.-led war."]),
        ]);
        // Every listed opener ends the sentence after "U.S.".
        for opener in SENTENCE_OPENERS {
            let text = format!("They left the U.S. {opener} went.");
            assert_eq!(sentences(&text).len(), 2, "{text}");
        }
    }

    #[test]
    fn single_initials_never_end_a_sentence() {
        check(&[
            (
                "Seth J. Frantzman wrote it.",
                &["Seth J. Frantzman wrote it."],
            ),
            ("George W. Bush spoke.", &["George W. Bush spoke."]),
            ("Ask J. The editor knows.", &["Ask J. The editor knows."]),
            // An initialism of two letters or more does, before an opener.
            (
                "Ask J.K. The editor knows.",
                &["Ask J.K.", "The editor knows."],
            ),
        ]);
    }

    #[test]
    fn terminal_punctuation_before_a_capital_ends_a_sentence() {
        check(&[
            ("He left. Ali stayed.", &["He left.", "Ali stayed."]),
            ("Why? Because.", &["Why?", "Because."]),
            ("Go! Now.", &["Go!", "Now."]),
            (
                "It ended in 2019. 2020 began.",
                &["It ended in 2019.", "2020 began."],
            ),
            // A lower-case word after it continues the sentence.
            ("Go! said Ali.", &["Go! said Ali."]),
            ("He left. then stayed.", &["He left. then stayed."]),
            // An opening quote or bracket counts as a capital. (A sentence starts at its
            // first word: the quote or bracket before it lies between the two.)
            (
                "He left. \"why,\" she said.",
                &["He left.", "why,\" she said."],
            ),
            ("He left. (it rained)", &["He left.", "it rained)"]),
            (
                "He left. ‘why’ she asked.",
                &["He left.", "why’ she asked."],
            ),
        ]);
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_the_sentence() {
        check(&[
            (
                "He said \"go.\" Then he left.",
                &["He said \"go.\"", "Then he left."],
            ),
            (
                "He said “go.” Then he left.",
                &["He said “go.”", "Then he left."],
            ),
            (
                "It ended (finally.) Then we left.",
                &["It ended (finally.)", "Then we left."],
            ),
            (
                "He said \"Go\"! Then left.",
                &["He said \"Go\"!", "Then left."],
            ),
            (
                "He asked 'why?' Then left.",
                &["He asked 'why?'", "Then left."],
            ),
            (
                "Soon [sic]. Then we left.",
                &["Soon [sic].", "Then we left."],
            ),
            // At the end of the text too.
            ("He said \"go.\"", &["He said \"go.\""]),
            // Followed by a lower-case word, nothing ends.
            (
                "He said \"go.\" then left.",
                &["He said \"go.\" then left."],
            ),
        ]);
    }

    #[test]
    fn periods_inside_words_are_not_boundaries() {
        check(&[
            ("It rose 3.5 percent.", &["It rose 3.5 percent."]),
            (
                "Bases, e.g. the airport, fell.",
                &["Bases, e.g. the airport, fell."],
            ),
            ("See Baghdad.Reuters here.", &["See Baghdad.Reuters here."]),
            // A period with no space after it.
            ("In Iraq.5 died.", &["In Iraq.5 died."]),
            ("He said \"go.\"Then left.", &["He said \"go.\"Then left."]),
        ]);
    }

    #[test]
    fn line_breaks_end_a_sentence_only_as_a_paragraph_or_headline() {
        check(&[
            // A blank line ends one, whatever follows.
            (
                "officials said\n\nthe base",
                &["officials said", "the base"],
            ),
            (
                "officials said,\n \n Baghdad",
                &["officials said", "Baghdad"],
            ),
            // An indented line ends one.
            (
                "officials said the strike hit a base near the town of\n    the border",
                &[
                    "officials said the strike hit a base near the town of",
                    "the border",
                ],
            ),
            (
                "officials said\n\tthe base",
                &["officials said", "the base"],
            ),
            // A short line before a capital: a headline or byline.
            (
                "IRAN SAYS U.S. STRUCK\nBaghdad officials said so.",
                &["IRAN SAYS U.S. STRUCK", "Baghdad officials said so."],
            ),
            (
                "By Jane Doe\nBAGHDAD, Jan 3",
                &["By Jane Doe", "BAGHDAD, Jan 3"],
            ),
            ("Page 3\n2 dead", &["Page 3", "2 dead"]),
            // ... but not a short line that ends with a comma, semicolon or dash, or before
            // a lower-case word.
            (
                "Near Baghdad,\nOfficials said so.",
                &["Near Baghdad,\nOfficials said so."],
            ),
            (
                "Near Baghdad;\nOfficials said so.",
                &["Near Baghdad;\nOfficials said so."],
            ),
            (
                "Near Baghdad -\nOfficials said so.",
                &["Near Baghdad -\nOfficials said so."],
            ),
            (
                "Near Baghdad –\nOfficials said so.",
                &["Near Baghdad –\nOfficials said so."],
            ),
            (
                "Near Baghdad\nofficials said so.",
                &["Near Baghdad\nofficials said so."],
            ),
            // A hard-wrapped line of running text (50 bytes or more) stays in its sentence.
            (
                "The strike on the base was carried out late on Friday by\nAmerican drones, officials said.",
                &[
                    "The strike on the base was carried out late on Friday by\nAmerican drones, officials said.",
                ],
            ),
            // A wrapped line that ends a sentence with punctuation ends it.
            (
                "The strike on the base was carried out late on Friday.\nAmerican drones were used.",
                &[
                    "The strike on the base was carried out late on Friday.",
                    "American drones were used.",
                ],
            ),
            // An abbreviation at a line end does not.
            (
                "The strike on the remote base was ordered by Maj. Gen.\nAli Smith, officials said.",
                &[
                    "The strike on the remote base was ordered by Maj. Gen.\nAli Smith, officials said.",
                ],
            ),
        ]);
    }
}
