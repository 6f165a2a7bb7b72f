//! The tokeniser's fast path for ASCII text (most wire copy): the UAX #29 word rules as they
//! apply to ASCII, in one pass that also works out each word's shape and joins, faster
//! than unicode-segmentation (docs/performance.md); a property test holds it to
//! `tokenize_unicode` (unicode-segmentation alone) token for token.

use super::{SHAPE_CLASS, Token, ascii_shape, is_dotted_initialism, may_open_url, url_end};
use crate::bytes8::{HIGH, at_least, equal, every_byte, load8};

/// [`push_words`] over the UAX #29 word segments of ASCII text, fused into one scan: the
/// rules as they apply to ASCII are that letters, digits and `_` join (WB5, WB8–WB10,
/// WB13a/b), `:` `.` `'` join two letters (WB6/7) and `,` `;` `.` `'` join two digits
/// (WB11/12). The shape flags are gathered while the word is scanned.
pub(super) fn push_words(text: &str, words: &mut Vec<Token>) {
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
        words.push(Token::new(start, end, joined, shape));
        prev_end = end;
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
}

#[cfg(test)]
mod rules {
    //! The UAX #29 classes the fast path gives ASCII bytes, and its two scanners.
    use super::*;

    #[test]
    fn word_break_class_of_each_ascii_mark() {
        let rows = [
            (b'a', Wb::Letter),
            (b'Z', Wb::Letter),
            (b'5', Wb::Digit),
            (b'_', Wb::Connector),
            // Joins two letters only.
            (b':', Wb::MidLetter),
            // Joins two letters or two digits.
            (b'.', Wb::MidNumLet),
            (b'\'', Wb::MidNumLet),
            // Joins two digits only.
            (b',', Wb::MidNum),
            (b';', Wb::MidNum),
            // Joins nothing (a hyphen or back-tick only sets `joined`).
            (b'-', Wb::Other),
            (b'`', Wb::Other),
            (b'"', Wb::Other),
            (b' ', Wb::Other),
            (b'\n', Wb::Other),
        ];
        for (b, want) in rows {
            assert!(wb(b) == want, "{:?}", b as char);
        }
    }

    #[test]
    fn scanners_stop_at_the_right_byte() {
        // (text, from, end of the word run, first word byte at or after `from`)
        let rows = [
            ("abc def", 0, 3, 0),
            ("abc def", 3, 3, 4),
            ("a_1 x", 0, 3, 0),
            // Longer than eight bytes, and ending exactly on an eight-byte chunk.
            ("abcdefghijklmnop q", 0, 16, 0),
            ("abcdefgh", 0, 8, 0),
            // A mark stops the run: joining across it is the caller's rule.
            ("ab'cd", 0, 2, 0),
            ("3.5", 0, 1, 0),
            // Runs of gap bytes longer than eight.
            ("a          .,;-b", 1, 1, 15),
            ("a   ", 1, 1, 4),
        ];
        for (text, from, run_end, next) in rows {
            let b = text.as_bytes();
            let (mut any, mut all) = (0, 0xff);
            assert_eq!(
                word_run_end(b, from, &mut any, &mut all),
                run_end,
                "{text:?} run"
            );
            assert_eq!(gap_end(b, from), next, "{text:?} gap");
        }
    }
}
