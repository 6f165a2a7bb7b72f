//! Stage 1: words and sentences with UTF-8 byte spans of the original text.
//!
//! Words come from Unicode word boundaries (UAX #29, via `unicode-segmentation`), which
//! already keep `Kata'ib` and `Kata’ib` whole (both apostrophes are MidNumLet) and split
//! `al-Muhandis` at the hyphen. Parts of a hyphenated or back-tick-joined name are flagged
//! [`Token::joined`] so matching can glue them again. Sentences are found here rather than by
//! UAX #29, whose rules break at every line feed and so cut hard-wrapped wire copy mid-sentence
//! and end a sentence after every "Gen." or "U.S.".

use crate::bytes8::{HIGH, at_least, equal, every_byte, load8};
use unicode_segmentation::UnicodeSegmentation;

/// One word (letters or digits) of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Index of the sentence this token belongs to.
    pub sentence: u32,
    /// True when the token is glued to the previous one by a hyphen or apostrophe with no
    /// space between (`Muhandis` in `al-Muhandis`, `backed` in `Iran-backed`).
    pub joined: bool,
    /// [`shape`] flags, worked out once here for the stages that test every word.
    pub shape: u8,
}

/// Flags of a word's letter case and make-up, set in [`Token::shape`].
pub mod shape {
    /// The first character is upper case.
    pub const UPPER: u8 = 1;
    /// Some character after the first is lower case.
    pub const HAS_LOWER: u8 = 2;
    /// Every character is a letter or an apostrophe-like mark.
    pub const LETTERS: u8 = 4;
    /// Every byte is an ASCII letter or digit: the word folds to itself in lower case.
    pub const ALNUM: u8 = 8;
}

/// Per ASCII byte: 1 lower case, 2 upper case, 4 letter or apostrophe, 16 letter or digit;
/// 8 for non-ASCII.
static SHAPE_CLASS: [u8; 256] = {
    let mut t = [8u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_lowercase() {
            1 | 4 | 16
        } else if b.is_ascii_uppercase() {
            2 | 4 | 16
        } else if b.is_ascii_digit() {
            16
        } else if b == b'\'' || b == b'`' {
            4
        } else {
            0
        };
        i += 1;
    }
    t
};

/// The [`shape`] flags of an ASCII word from its [`SHAPE_CLASS`] bits: those of the first
/// byte, OR-ed over the rest, and AND-ed over all. The class bits map onto the flags by shifts.
fn ascii_shape(first: u8, any: u8, all: u8) -> u8 {
    (first & 2) >> 1 | (any & 1) << 1 | (all & 4) | (all & 16) >> 1
}

/// The [`shape`] flags of a word.
pub fn shape_of(w: &str) -> u8 {
    let b = w.as_bytes();
    let Some((&first, rest)) = b.split_first() else {
        return shape::LETTERS | shape::ALNUM;
    };
    let first = SHAPE_CLASS[first as usize];
    let (mut any, mut all) = (0u8, first);
    for &c in rest {
        let k = SHAPE_CLASS[c as usize];
        any |= k;
        all &= k;
    }
    if (first | any) & 8 == 0 {
        // ASCII: one pass over the class table.
        return ascii_shape(first, any, all);
    }
    let mut flags = 0;
    let mut chars = w.chars();
    if chars.next().is_some_and(char::is_uppercase) {
        flags |= shape::UPPER;
    }
    if chars.any(char::is_lowercase) {
        flags |= shape::HAS_LOWER;
    }
    if w.chars()
        .all(|c| c.is_alphabetic() || crate::normalize::is_apostrophe_like(c))
    {
        flags |= shape::LETTERS;
    }
    flags
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }

    /// Capitalised with some lower case after the first letter: "Soleimani", "Al", not
    /// "US", "3rd" or "iPhone".
    pub fn is_capitalised(&self) -> bool {
        self.shape & (shape::UPPER | shape::HAS_LOWER) == shape::UPPER | shape::HAS_LOWER
    }

    /// A capitalised word of letters only (apostrophes allowed): "Kata'ib", not "F-16" parts
    /// like "16" or "U.S.".
    pub fn is_cap_word(&self) -> bool {
        const CAP_WORD: u8 = shape::UPPER | shape::HAS_LOWER | shape::LETTERS;
        self.shape & CAP_WORD == CAP_WORD
    }
}

/// A sentence as a byte range of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// The output of stage 1.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Words in text order.
    pub words: Vec<Token>,
    /// Sentences in text order; every word lies inside exactly one.
    pub sentences: Vec<Sentence>,
}

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

/// URL-like stretches are skipped entirely: nothing inside a link is a mention.
fn url_end(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let starts = ["http://", "https://", "www."];
    if !starts.iter().any(|p| {
        rest.get(..p.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(p))
    }) {
        return None;
    }
    let len = rest
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .unwrap_or(rest.len());
    Some(at + len)
}

fn is_word(s: &str) -> bool {
    if s.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return true;
    }
    s.chars().any(|c| c.is_alphanumeric())
}

/// "U.S", "U.N", "J" — single letters separated by periods: an initialism whose trailing
/// period belongs to the word.
fn is_dotted_initialism(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    // The rest is pairs of a period and a letter.
    loop {
        match (chars.next(), chars.next()) {
            (None, _) => return true,
            (Some('.'), Some(c)) if c.is_alphabetic() => {}
            _ => return false,
        }
    }
}

/// Splits `text` into words and sentences. Never fails: any string is valid input.
pub fn tokenize(text: &str) -> Tokens {
    let mut words: Vec<Token> = Vec::with_capacity(text.len() / 5);
    // ASCII text (most wire copy) takes a hand-written path that applies the same UAX #29
    // rules as unicode-segmentation to ASCII in one pass that also works out each word's
    // shape and joins, several times faster; a property test holds it to
    // [`tokenize_unicode`] token for token.
    if text.is_ascii() {
        push_ascii_words(text, &mut words);
    } else {
        push_words(text, text.split_word_bound_indices(), &mut words);
    }
    let sentences = split_sentences(text, &mut words);
    Tokens { words, sentences }
}

/// [`tokenize`] by unicode-segmentation alone, whatever the text: the reference the ASCII
/// path is tested against.
pub fn tokenize_unicode(text: &str) -> Tokens {
    let mut words: Vec<Token> = Vec::new();
    push_words(text, text.split_word_bound_indices(), &mut words);
    let sentences = split_sentences(text, &mut words);
    Tokens { words, sentences }
}

/// [`push_words`] over the UAX #29 word segments of ASCII text, fused into one scan: the
/// rules as they apply to ASCII are that letters, digits and `_` join (WB5, WB8–WB10,
/// WB13a/b), `:` `.` `'` join two letters (WB6/7) and `,` `;` `.` `'` join two digits
/// (WB11/12). The shape flags are gathered while the word is scanned.
fn push_ascii_words(text: &str, words: &mut Vec<Token>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut skip_until = 0usize;
    let mut prev_end = usize::MAX;
    loop {
        i = gap_end(b, i);
        if i >= n {
            break;
        }
        let start = i;
        let first = SCAN_CLASS[b[i] as usize];
        let (mut any, mut all) = (0u8, first);
        i += 1;
        loop {
            i = word_run_end(b, i, &mut any, &mut all);
            // b[i - 1] is a word byte; a mid-letter or mid-number mark joins it to the next
            // byte of the same kind.
            if i + 1 >= n || SCAN_CLASS[b[i] as usize] & SCAN_MID == 0 {
                break;
            }
            let (prev, cur, next) = (wb(b[i - 1]), wb(b[i]), wb(b[i + 1]));
            let letters = prev == Wb::Letter
                && next == Wb::Letter
                && matches!(cur, Wb::MidLetter | Wb::MidNumLet);
            let digits =
                prev == Wb::Digit && next == Wb::Digit && matches!(cur, Wb::MidNum | Wb::MidNumLet);
            if !(letters || digits) {
                break;
            }
            let k = SCAN_CLASS[b[i] as usize];
            any |= k;
            all &= k;
            i += 1;
        }
        if start < skip_until {
            continue;
        }
        // Only segments whose first four bytes are "http" or "www." in any case can open a
        // URL: one comparison that is almost never true, where testing the first letter
        // alone was true at random for about one word in sixteen ("which", "was", "he"),
        // a branch the predictor kept missing.
        if may_open_url(b, start) {
            if let Some(end) = url_end(text, start) {
                skip_until = end;
                continue;
            }
        }
        if b[start] == b'_' && !b[start..i].iter().any(u8::is_ascii_alphanumeric) {
            continue;
        }
        let mut end = i;
        // The segment as a `str` only where a period follows (a slice checks its ends).
        if b.get(end) == Some(&b'.') && {
            let seg = &text[start..i];
            is_dotted_initialism(seg) || matches!(seg, "Jr" | "Sr")
        } {
            end += 1;
            skip_until = end;
            all = 0;
        }
        let joined = prev_end != usize::MAX
            && start == prev_end + 1
            && matches!(b[prev_end], b'-' | b'`' | b'\'');
        let shape = ascii_shape(first, any, all);
        words.push(Token {
            start,
            end,
            sentence: 0,
            joined,
            shape,
        });
        prev_end = end;
    }
}

/// Whether `b[at..]` may begin "http" or "www." (ASCII case ignored): a necessary condition
/// for [`url_end`], tested on four bytes at once. Setting 0x20 lower-cases letters; it maps
/// other bytes too, which only lets [`url_end`] make the exact test.
fn may_open_url(b: &[u8], at: usize) -> bool {
    let Some(head) = b.get(at..at + 4) else {
        return false;
    };
    let head = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) | 0x2020_2020;
    head == u32::from_le_bytes(*b"http") || head == u32::from_le_bytes(*b"www.")
}

/// Turns word-boundary segments into tokens: skips URLs and punctuation, keeps the period of
/// an initialism, flags hyphen- or apostrophe-joined parts.
fn push_words<'a>(
    text: &'a str,
    segments: impl Iterator<Item = (usize, &'a str)>,
    words: &mut Vec<Token>,
) {
    let bytes = text.as_bytes();
    let mut skip_until = 0usize;
    for (start, seg) in segments {
        if start < skip_until {
            continue;
        }
        if may_open_url(bytes, start) {
            if let Some(end) = url_end(text, start) {
                skip_until = end;
                continue;
            }
        }
        if !is_word(seg) {
            continue;
        }
        let mut end = start + seg.len();
        // Keep the final period of an initialism ("U.S.") or a name initial ("J.") inside the
        // word, so the surface of "U.S." is "U.S." and the sentence rule can see it.
        if bytes.get(end) == Some(&b'.')
            && (is_dotted_initialism(seg) || matches!(seg, "Jr" | "Sr"))
        {
            end += 1;
            // The period now belongs to this word; a segment that began with it is skipped.
            skip_until = end;
        }
        let joined = match words.last() {
            Some(prev) if prev.end < start => {
                let gap = &text[prev.end..start];
                let mut chars = gap.chars();
                matches!(
                    (chars.next(), chars.next()),
                    (
                        Some('-' | '‐' | '‑' | '`' | '\'' | '’' | '‘' | 'ʿ' | 'ʾ' | 'ʼ' | 'ʻ'),
                        None
                    )
                )
            }
            _ => false,
        };
        words.push(Token {
            start,
            end,
            sentence: 0,
            joined,
            shape: shape_of(&text[start..end]),
        });
    }
}

/// The classes of eight ASCII bytes: (letters or digits or `_`, lower-case letters,
/// letters, `_`).
fn classes8(x: u64) -> (u64, u64, u64, u64) {
    // Setting 0x20 folds upper case onto lower case and maps no other byte into a..z.
    let folded = x | every_byte(0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let lower = letter & ((x & every_byte(0x20)) << 2);
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let underscore = equal(x, b'_');
    (letter | digit | underscore, lower, letter, underscore)
}

/// The end of the run of word bytes (letters, digits, `_`) of ASCII text `b` from `i`,
/// eight bytes at a time, so a word's end costs no mispredicted branch per byte. Folds the
/// run's [`SHAPE_CLASS`] bits into `any` (bit 1: some lower case) and `all` (bits 4 and 16:
/// letters only, letters and digits only), as the byte loop at the end does.
fn word_run_end(b: &[u8], mut i: usize, any: &mut u8, all: &mut u8) -> usize {
    while let Some(x) = load8(b, i) {
        let (word, lower, letter, underscore) = classes8(x);
        let stop = !word & HIGH;
        let len = if stop == 0 {
            8
        } else {
            stop.trailing_zeros() / 8
        };
        let run = if len == 8 {
            HIGH
        } else {
            HIGH & ((1u64 << (8 * len)) - 1)
        };
        *any |= u8::from(lower & run != 0);
        if run & !letter != 0 {
            *all &= !4;
        }
        if run & underscore != 0 {
            *all &= !16;
        }
        i += len as usize;
        if len < 8 {
            return i;
        }
    }
    while i < b.len() {
        let k = SCAN_CLASS[b[i] as usize];
        if k & SCAN_WORD == 0 {
            break;
        }
        *any |= k;
        *all &= k;
        i += 1;
    }
    i
}

/// The first word byte of ASCII text `b` at or after `i` (or its length).
fn gap_end(b: &[u8], mut i: usize) -> usize {
    while let Some(x) = load8(b, i) {
        let word = classes8(x).0;
        if word != 0 {
            return i + (word.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && SCAN_CLASS[b[i] as usize] & SCAN_WORD == 0 {
        i += 1;
    }
    i
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    Digit,
    Connector,
    MidLetter,
    MidNumLet,
    MidNum,
    Other,
}

/// Word-break class of every ASCII byte, looked up rather than matched in the hot loop.
static WB_TABLE: [Wb; 128] = {
    let mut t = [Wb::Other; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = wb_of(i as u8);
        i += 1;
    }
    t
};

fn wb(b: u8) -> Wb {
    WB_TABLE[(b & 0x7f) as usize]
}

const fn wb_of(b: u8) -> Wb {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
        b'0'..=b'9' => Wb::Digit,
        b'_' => Wb::Connector,
        b':' => Wb::MidLetter,
        b'.' | b'\'' => Wb::MidNumLet,
        b',' | b';' => Wb::MidNum,
        _ => Wb::Other,
    }
}

/// [`SCAN_CLASS`] bit of letters, digits and `_`, the bytes that join within a word.
const SCAN_WORD: u8 = 32;
/// [`SCAN_CLASS`] bit of the marks that may join two letters or two digits (`:` `.` `'` `,`
/// `;`).
const SCAN_MID: u8 = 64;

/// Per byte, for the ASCII scanner: the [`SHAPE_CLASS`] bits, plus [`SCAN_WORD`] and
/// [`SCAN_MID`].
static SCAN_CLASS: [u8; 256] = {
    let mut t = SHAPE_CLASS;
    let mut i = 0;
    while i < 128 {
        let word = matches!(wb_of(i as u8), Wb::Letter | Wb::Digit | Wb::Connector);
        let mid = matches!(wb_of(i as u8), Wb::MidLetter | Wb::MidNumLet | Wb::MidNum);
        t[i] |= if word { SCAN_WORD } else { 0 } | if mid { SCAN_MID } else { 0 };
        i += 1;
    }
    t
};

/// Sentence boundaries from the words: terminal punctuation followed by space, a blank line,
/// an indented line, or a short unpunctuated line (a headline or byline).
fn split_sentences(text: &str, words: &mut [Token]) -> Vec<Sentence> {
    // Wire sentences run to about 25 words: one allocation for most documents.
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
    use super::*;

    #[test]
    fn eight_byte_classes_agree_with_the_byte_table() {
        for b in 0u8..128 {
            // The byte alone and in every position among spaces.
            for pos in 0..8 {
                let mut chunk = [b' '; 8];
                chunk[pos] = b;
                let (word, lower, letter, underscore) = classes8(u64::from_le_bytes(chunk));
                let bit = |m: u64| m >> (8 * pos + 7) & 1 == 1;
                let k = SCAN_CLASS[b as usize];
                assert_eq!(bit(word), k & SCAN_WORD != 0, "word {b:#x} at {pos}");
                assert_eq!(bit(lower), k & 1 != 0, "lower {b:#x}");
                assert_eq!(bit(letter), b.is_ascii_alphabetic(), "letter {b:#x}");
                assert_eq!(bit(underscore), b == b'_', "underscore {b:#x}");
            }
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).words.iter().map(|t| t.text(text)).collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        tokenize(text)
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn apostrophes_stay_inside_words() {
        assert_eq!(words("Kata'ib and Kata’ib"), ["Kata'ib", "and", "Kata’ib"]);
    }

    #[test]
    fn hyphenated_names_split_and_flagged() {
        let text = "al-Muhandis of Iraq-Sulaimani, Shahed-136";
        let t = tokenize(text);
        let got: Vec<(&str, bool)> = t.words.iter().map(|w| (w.text(text), w.joined)).collect();
        assert_eq!(
            got,
            [
                ("al", false),
                ("Muhandis", true),
                ("of", false),
                ("Iraq", false),
                ("Sulaimani", true),
                ("Shahed", false),
                ("136", true)
            ]
        );
    }

    #[test]
    fn initialisms_keep_their_period() {
        assert_eq!(words("the U.S. military"), ["the", "U.S.", "military"]);
        assert_eq!(words("U.S.-led forces"), ["U.S.", "led", "forces"]);
        assert_eq!(words("Seth J. Frantzman"), ["Seth", "J.", "Frantzman"]);
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

    #[test]
    fn urls_are_skipped() {
        assert_eq!(
            words("see https://example.org/iraq-news/Baghdad now"),
            ["see", "now"]
        );
        // Any case, at the very end, and words that only begin like a link.
        for text in [
            "a HTTP://X.org b",
            "a Www.x.org b",
            "a hTtPs://x b",
            "a www.x",
        ] {
            let got = words(text);
            assert_eq!(got.first(), Some(&"a"), "{text}");
            assert!(
                got.len() <= 2 && got.iter().all(|w| *w == "a" || *w == "b"),
                "{text}"
            );
        }
        assert_eq!(words("http www which"), ["http", "www", "which"]);
        assert_eq!(words("www"), ["www"]);
    }

    #[test]
    fn ascii_path_agrees_with_unicode_segmentation() {
        let rows = [
            "U.S.-led forces at K-1, 3.5 km from Kata'ib's base: a:b, 1,000; 2;3 x_y _z e.g. F-16s",
            "x'y 'a' b' 1'2 a.1 1.a a:1 __ a__b ...",
            "HEADLINE: IRAN SAYS U.S. MUST GO\n    Reuters 1987",
        ];
        for text in rows {
            let (fast, slow) = (tokenize(text), tokenize_unicode(text));
            assert_eq!(fast.words, slow.words, "{text}");
            assert_eq!(fast.sentences, slow.sentences, "{text}");
        }
    }

    #[test]
    fn word_shapes() {
        // tests/properties.rs checks shape_of against its definition by characters.
        use shape::{ALNUM as N, HAS_LOWER as L, LETTERS as A, UPPER as U};
        let rows = [
            ("Soleimani", U | L | A | N),
            ("US", U | A | N),
            ("U.S.", U),
            ("iPhone", L | A | N),
            ("3rd", L | N),
            ("Kata'ib", U | L | A),
            ("Kata’ib", U | L | A),
            ("Ṣadr", U | L | A),
            ("ÉLYSÉE", U | A),
            ("F16", U | N),
            ("x_y", L),
        ];
        for (w, want) in rows {
            assert_eq!(shape_of(w), want, "{w:?}");
        }
        let t = tokenize("Kataib Hezbollah and the US");
        let caps: Vec<bool> = t.words.iter().map(|w| w.is_cap_word()).collect();
        assert_eq!(caps, [true, true, false, false, false]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "\n\n",
            "...",
            "é\u{301}",
            "\u{200b}",
            "🇮🇶 Baghdad",
            "بغداد.",
        ] {
            let t = tokenize(text);
            for w in &t.words {
                assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
            }
        }
    }
}
