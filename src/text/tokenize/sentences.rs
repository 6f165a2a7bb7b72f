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
    let mut sent_start = words[0].start;
    let mut line_start = text[..words[0].start].rfind('\n').map_or(0, |i| i + 1);
    let mut index = 0u32;
    let bytes = text.as_bytes();
    for i in 0..words.len() {
        words[i].sentence = index;
        let Some(next) = words.get(i + 1) else {
            break;
        };
        let w = words[i];
        // Most gaps are one space after a word not ending in a period: nothing ends here.
        if next.start == w.end + 1 && bytes[w.end] == b' ' && bytes[w.end - 1] != b'.' {
            continue;
        }
        // Nor with no line break, no terminal mark and no period ending the word. (The gap
        // is scanned as bytes: a str slice checks its ends are character boundaries.)
        let (mut newlines, mut first_nl, mut last_nl, mut marks) = (0, 0, 0, false);
        for (k, &b) in bytes[w.end..next.start].iter().enumerate() {
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
        let punct = marks || bytes[w.end - 1] == b'.';
        if !punct && newlines == 0 {
            continue;
        }
        let gap = &text[w.end..next.start];
        if newlines > 0 {
            // The line of `w` runs from line_start to the newline.
            let line = text[line_start..w.end + first_nl].trim_end();
            line_start = w.end + last_nl + 1;
            let ends_sentence = newlines >= 2
                || gap[last_nl + 1..].starts_with([' ', '\t'])
                || punct && boundary_by_punct(text, words, i)
                || (line.len() < 50
                    && !line.ends_with([',', ';', '-', '–'])
                    && starts_upper(next.text(text)));
            if ends_sentence {
                sentences.push(Sentence {
                    start: sent_start,
                    end: w.end + trailing_punct_len(gap),
                });
                sent_start = next.start;
                index += 1;
            }
        } else if boundary_by_punct(text, words, i) {
            sentences.push(Sentence {
                start: sent_start,
                end: w.end + trailing_punct_len(gap),
            });
            sent_start = next.start;
            index += 1;
        }
    }
    let last = words[words.len() - 1];
    sentences.push(Sentence {
        start: sent_start,
        end: last.end + trailing_punct_len(&text[last.end..]),
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
    let gap = &text[w.end..next.start];
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
