//! Stage 1: words and sentences with UTF-8 byte spans of the original text.
//!
//! Words come from Unicode word boundaries (UAX #29, via `unicode-segmentation`), which
//! already keep `Kata'ib` and `Kata’ib` whole (both apostrophes are MidNumLet) and split
//! `al-Muhandis` at the hyphen. Parts of a hyphenated or back-tick-joined name are flagged
//! [`Token::joined`] so matching can glue them again. Sentences are found here rather than by
//! UAX #29, whose rules break at every line feed and so cut hard-wrapped wire copy mid-sentence
//! and end a sentence after every "Gen." or "U.S.".
//!
//! Invisible characters ([`is_invisible`]) never part a word: UAX #29 keeps most of them
//! inside the word before them, and a word parted only by them is glued again here. A word
//! may so end with one ("Baghdad\u{200F}"): words keep the segments' spans, so the gaps
//! between words stay plain spaces and punctuation for the later stages' rules, and a
//! mention is trimmed of them when it is finished ([`trim_invisible`]).
//!
//! Where each rule lives: word boundaries, URLs and initialisms here; the fast scanner for
//! ASCII text (held to unicode-segmentation by a test) in `ascii.rs`; sentence boundaries and
//! the abbreviations that do not end one in `sentences.rs`.

mod ascii;
mod sentences;
#[cfg(test)]
mod strategies;

use unicode_segmentation::UnicodeSegmentation;

/// Marks that transliterations use for ʿayn, hamza and apostrophes: inside a word they join
/// it (`Kata’ib`), and normalising drops them (`Kata’ib` = `Kataib`).
pub(crate) fn is_apostrophe_like(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | 'ʿ' | 'ʾ' | '`' | '´' | '′' | 'ʹ' | 'ˈ'
    )
}

/// Characters that show nothing and mean nothing to a name: direction marks and the bidi
/// embedding, override and isolate controls (U+200E/F, U+061C, U+202A–E, U+2066–9), zero-width
/// space, joiners and the word joiner (U+200B–D, U+2060), the byte order mark (U+FEFF), the
/// soft hyphen (U+00AD) and the tag characters (U+E0000–E007F). Copied text carries them at
/// word edges ("Baghdad\u{200F}"), so they never open or close a mention and never part a
/// word; normalising drops them, so they never change a key either.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// `start..end` of `text` less the [`is_invisible`] characters at either edge: still a range
/// of whole characters, and empty when nothing visible is inside.
pub(crate) fn trim_invisible(text: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(span) = text.get(start..end) else {
        return (start, end);
    };
    // ASCII has none: most spans return here.
    if span.is_ascii() {
        return (start, end);
    }
    let head = span.trim_start_matches(is_invisible);
    let body = head.trim_end_matches(is_invisible);
    let new_start = start + (span.len() - head.len());
    (new_start, new_start + body.len())
}

/// One word (letters or digits) of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte offset of the first byte ([`Token::start`]). 32 bits: a long document has
    /// millions of tokens, and texts of 4 GiB or more are not analysed.
    start: u32,
    /// Byte offset one past the last byte ([`Token::end`]).
    end: u32,
    /// True for the first word of a sentence ([`Tokens::sentences`] holds the spans; a
    /// flag, not the sentence's index, keeps a token at twelve bytes).
    pub opens_sentence: bool,
    /// True when the token is glued to the previous one by a hyphen or apostrophe with no
    /// space between (`Muhandis` in `al-Muhandis`, `backed` in `Iran-backed`).
    pub joined: bool,
    /// [`shape`] flags, worked out once here for the stages that test every word.
    pub shape: u8,
}

/// Flags of a word's letter case and make-up, set in [`Token::shape`].
pub(crate) mod shape {
    /// The first character is upper case.
    pub(crate) const UPPER: u8 = 1;
    /// Some character after the first is lower case.
    pub(crate) const HAS_LOWER: u8 = 2;
    /// Every character is a letter, a combining mark (the accent of an "é" written as "e"
    /// and U+0301, as NFD text writes it), an apostrophe-like mark or an invisible one
    /// ([`super::is_invisible`]).
    pub(crate) const LETTERS: u8 = 4;
    /// Every byte is an ASCII letter or digit: the word folds to itself in lower case.
    pub(crate) const ALNUM: u8 = 8;
}

/// Per ASCII byte: 1 lower case, 2 upper case, 4 letter or apostrophe, 16 letter or digit;
/// 8 for non-ASCII.
pub(super) static SHAPE_CLASS: [u8; 256] = {
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
pub(super) fn ascii_shape(first: u8, any: u8, all: u8) -> u8 {
    (first & 2) >> 1 | (any & 1) << 1 | (all & 4) | (all & 16) >> 1
}

/// The [`shape`] flags of a word.
pub(crate) fn shape_of(w: &str) -> u8 {
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
    if w.chars().all(is_letter_like) {
        flags |= shape::LETTERS;
    }
    flags
}

/// A character of a word of letters ([`shape::LETTERS`]). Combining marks count, so that a
/// name in decomposed (NFD) text is as much a word as the same name composed.
fn is_letter_like(c: char) -> bool {
    c.is_alphabetic()
        || unicode_normalization::char::is_combining_mark(c)
        || is_apostrophe_like(c)
        || is_invisible(c)
}

impl Token {
    /// A token over `start..end`, not yet placed in a sentence.
    fn new(start: usize, end: usize, joined: bool, shape: u8) -> Token {
        Token {
            start: start as u32,
            end: end as u32,
            opens_sentence: false,
            joined,
            shape,
        }
    }

    /// Byte offset of the first byte.
    pub(crate) fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset one past the last byte.
    pub(crate) fn end(&self) -> usize {
        self.end as usize
    }

    /// The token's text.
    pub(crate) fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start()..self.end()]
    }

    /// Capitalised with some lower case after the first letter: "Soleimani", "Al", not
    /// "US", "3rd" or "iPhone".
    pub(crate) fn is_capitalised(&self) -> bool {
        self.shape & (shape::UPPER | shape::HAS_LOWER) == shape::UPPER | shape::HAS_LOWER
    }

    /// A capitalised word of letters only (apostrophes allowed): "Kata'ib", not "F-16" parts
    /// like "16" or "U.S.".
    pub(crate) fn is_cap_word(&self) -> bool {
        const CAP_WORD: u8 = shape::UPPER | shape::HAS_LOWER | shape::LETTERS;
        self.shape & CAP_WORD == CAP_WORD
    }
}

/// A sentence as a byte range of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// The output of stage 1.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tokens {
    /// Words in text order.
    pub words: Vec<Token>,
    /// Sentences in text order; every word lies inside exactly one, and the first word of
    /// each is flagged ([`Token::opens_sentence`]).
    pub sentences: Vec<Sentence>,
}

/// URL-like stretches are skipped entirely: nothing inside a link is a mention.
pub(super) fn url_end(text: &str, at: usize) -> Option<usize> {
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
pub(super) fn is_dotted_initialism(word: &str) -> bool {
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
pub(crate) fn tokenize(text: &str) -> Tokens {
    let mut words: Vec<Token> = Vec::with_capacity(text.len() / 5);
    // ASCII text (most wire copy) takes a hand-written path that applies the same UAX #29
    // rules as unicode-segmentation to ASCII in one pass that also works out each word's
    // shape and joins, faster (docs/performance.md); a property test holds it to
    // [`tokenize_unicode`] token for token.
    if text.is_ascii() {
        ascii::push_words(text, &mut words);
    } else {
        push_words(text, text.split_word_bound_indices(), &mut words);
    }
    let sentences = sentences::split(text, &mut words);
    Tokens { words, sentences }
}

/// [`tokenize`] by unicode-segmentation alone, whatever the text: the reference the ASCII
/// path is tested against.
#[cfg(test)]
pub(crate) fn tokenize_unicode(text: &str) -> Tokens {
    let mut words: Vec<Token> = Vec::new();
    push_words(text, text.split_word_bound_indices(), &mut words);
    let sentences = sentences::split(text, &mut words);
    Tokens { words, sentences }
}

/// Whether `b[at..]` may begin "http" or "www." (ASCII case ignored): a necessary condition
/// for [`url_end`], tested on four bytes at once. Setting 0x20 lower-cases letters; it maps
/// other bytes too, which only lets [`url_end`] make the exact test.
pub(super) fn may_open_url(b: &[u8], at: usize) -> bool {
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
        // A word and the next with only invisible characters between ("Bagh\u{200B}dad") are
        // one word, as UAX #29 already makes of a soft hyphen or a joiner inside a word.
        if let Some(prev) = words.last_mut() {
            if prev.end() < start && text[prev.end()..start].chars().all(is_invisible) {
                prev.end = (start + seg.len()) as u32;
                prev.shape = shape_of(&text[prev.start()..prev.end()]);
                continue;
            }
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
            Some(prev) if prev.end() < start => {
                let gap = &text[prev.end()..start];
                let mut chars = gap.chars().filter(|&c| !is_invisible(c));
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
        words.push(Token::new(start, end, joined, shape_of(&text[start..end])));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).words.iter().map(|t| t.text(text)).collect()
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
            ("Jose\u{301}", U | L | A),
            ("E\u{301}LYSE\u{301}E", U | A),
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
                assert!(text.is_char_boundary(w.start()) && text.is_char_boundary(w.end()));
            }
        }
    }
}

#[cfg(test)]
mod properties {
    //! Invariants on arbitrary text, and the ASCII fast path held to unicode-segmentation.
    use super::strategies::{cases, newsy};
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases(300)))]

    #[test]
    fn tokens_are_ordered_and_inside_sentences(text in newsy()) {
            let t = tokenize(&text);
            let mut last = 0;
            let mut sentence = 0;
            for (i, w) in t.words.iter().enumerate() {
                prop_assert!(w.start() >= last && w.start() < w.end());
                prop_assert!(text.is_char_boundary(w.start()) && text.is_char_boundary(w.end()));
                last = w.end();
                // Each sentence opens at a flagged word, the first word's among them.
                prop_assert_eq!(w.opens_sentence, i == 0 || t.sentences.get(sentence + 1).is_some_and(|s| s.start == w.start()));
                sentence += usize::from(i > 0 && w.opens_sentence);
                let s = t.sentences[sentence];
                prop_assert!(s.start <= w.start() && w.end() <= s.end);
            }
            prop_assert_eq!(t.sentences.len(), if t.words.is_empty() { 0 } else { sentence + 1 });
        }

    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The ASCII fast path of the tokeniser gives exactly the tokens of unicode-segmentation's
        /// words.
        #[test]
        fn ascii_fast_path_matches_uax29(text in "[ -~\n\t]{0,80}") {
            let fast = tokenize(&text);
            let slow = tokenize_unicode(&text);
            prop_assert_eq!(fast.words, slow.words);
            prop_assert_eq!(fast.sentences, slow.sentences);
        }

        /// The same on text built from the pieces the fast path treats specially: URLs,
        /// initialisms, "Jr.", joiners and mid-word marks.
        #[test]
        fn ascii_fast_path_matches_uax29_on_newsy_pieces(
            text in "([A-Za-z]{1,4}|[0-9]{1,2}|[ .,'`:;_!?\n-]|http://|www\\.|U\\.S\\.|J\\.|Jr|Gen\\.){0,30}"
        ) {
            let fast = tokenize(&text);
            let slow = tokenize_unicode(&text);
            prop_assert_eq!(fast.words, slow.words);
            prop_assert_eq!(fast.sentences, slow.sentences);
        }

        /// Word shapes (table-driven on ASCII) agree with their definition by characters.
        #[test]
        fn word_shapes_match_their_definition(w in "[a-zA-Z'`.0-9_\u{e9}\u{c9}\u{1e63}\u{2019}\u{200f}\u{301}-]{0,12}") {

            let mut want = 0;
            let mut chars = w.chars();
            if chars.next().is_some_and(char::is_uppercase) {
                want |= shape::UPPER;
            }
            if chars.any(char::is_lowercase) {
                want |= shape::HAS_LOWER;
            }
            let letter = |c: char| {
                c.is_alphabetic()
                    || unicode_normalization::char::is_combining_mark(c)
                    || is_apostrophe_like(c)
                    || is_invisible(c)
            };
            if w.chars().all(letter) {
                want |= shape::LETTERS;
            }
            if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
                want |= shape::ALNUM;
            }
            prop_assert_eq!(shape_of(&w), want);
        }
    }

    #[test]
    #[ignore = "needs ../shared/corpus/news-1k.jsonl (the Reuters slice); .ci/run runs it"]
    fn ascii_fast_path_matches_uax29_on_the_corpus() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/news-1k.jsonl"
        );
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
            panic!("{path}: {e} (this test needs ../shared beside the repository)")
        });
        let mut checked = 0;
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let t = v["text"].as_str().unwrap();
            if !t.is_ascii() {
                continue;
            }
            let fast = tokenize(t);
            let slow = tokenize_unicode(t);
            let (fast_sentences, slow_sentences) = (fast.sentences, slow.sentences);
            let (fast, slow) = (fast.words, slow.words);
            if fast != slow {
                let i = fast
                    .iter()
                    .zip(&slow)
                    .position(|(a, b)| a != b)
                    .unwrap_or(fast.len().min(slow.len()));
                panic!(
                    "{}: differs at {:?} vs {:?}",
                    v["id"],
                    fast.get(i),
                    slow.get(i)
                );
            }
            assert_eq!(fast_sentences, slow_sentences, "{}", v["id"]);
            checked += 1;
        }
        assert!(checked > 900);
    }
}

#[cfg(test)]
mod rules {
    //! One table per word rule. A row is a text and its words as they come out, a joined
    //! word written with a leading `+`; every row is run through both the ASCII fast path
    //! and [`tokenize_unicode`], which must agree.
    use super::*;

    /// The words of `text`, a joined one as `+word`, after checking that both paths agree.
    fn words(text: &str) -> Vec<String> {
        let (fast, slow) = (tokenize(text), tokenize_unicode(text));
        assert_eq!(fast.words, slow.words, "fast path vs unicode on {text:?}");
        assert_eq!(
            fast.sentences, slow.sentences,
            "fast path vs unicode on {text:?}"
        );
        fast.words
            .iter()
            .map(|w| format!("{}{}", if w.joined { "+" } else { "" }, w.text(text)))
            .collect()
    }

    /// Every row checked; the failing rows listed together.
    fn check(rows: &[(&str, &[&str])]) {
        let failed: Vec<String> = rows
            .iter()
            .filter_map(|&(text, want)| {
                let got = words(text);
                (got != want).then(|| format!("{text:?}: got {got:?}, want {want:?}"))
            })
            .collect();
        assert!(failed.is_empty(), "\n{}", failed.join("\n"));
    }

    #[test]
    fn apostrophes_inside_words_keep_the_word_whole() {
        check(&[
            // Straight, curly (both quotes) and the modifier letters of ʿayn and hamza.
            ("Kata'ib", &["Kata'ib"]),
            ("Kata’ib", &["Kata’ib"]),
            ("Kata‘ib", &["Kata‘ib"]),
            ("Kataʿib", &["Kataʿib"]),
            ("Qāʾim", &["Qāʾim"]),
            ("Kataʼib", &["Kataʼib"]),
            ("ʿAli", &["ʿAli"]),
            ("O'Neill", &["O'Neill"]),
            // Not inside a word: a quote around it or after it is no part of it.
            ("'Ali'", &["Ali"]),
            ("Shia' al-Sudani", &["Shia", "al", "+Sudani"]),
            ("rock 'n' roll", &["rock", "n", "roll"]),
            // Between a digit and a letter it separates, gluing the parts.
            ("1990's", &["1990", "+s"]),
        ]);
    }

    #[test]
    fn hyphens_and_back_ticks_join_the_next_word() {
        check(&[
            ("al-Muhandis", &["al", "+Muhandis"]),
            ("Iran-backed", &["Iran", "+backed"]),
            ("Iran‐backed", &["Iran", "+backed"]),
            ("Iran‑backed", &["Iran", "+backed"]),
            ("U.S.-led", &["U.S.", "+led"]),
            ("F-16s", &["F", "+16s"]),
            ("Kata`ib", &["Kata", "+ib"]),
            // One mark and nothing else between the words, or no join.
            ("Iran - backed", &["Iran", "backed"]),
            ("Iran--backed", &["Iran", "backed"]),
            ("Iran–backed", &["Iran", "backed"]),
            ("Iran—backed", &["Iran", "backed"]),
            ("al-\nMuhandis", &["al", "Muhandis"]),
            ("Iran/Iraq", &["Iran", "Iraq"]),
            // The first word has nothing to join.
            ("-Muhandis", &["Muhandis"]),
        ]);
    }

    #[test]
    fn initialisms_keep_their_period() {
        check(&[
            ("U.S. forces", &["U.S.", "forces"]),
            ("the U.N.", &["the", "U.N."]),
            ("U.S.A.", &["U.S.A."]),
            ("U.S.,", &["U.S."]),
            ("Seth J. Frantzman", &["Seth", "J.", "Frantzman"]),
            ("Smith Jr. and", &["Smith", "Jr.", "and"]),
            ("Smith Sr.", &["Smith", "Sr."]),
            // Not an initialism: the period stays outside.
            ("Dr. Ali", &["Dr", "Ali"]),
            ("Gen. Ali", &["Gen", "Ali"]),
            ("the US.", &["the", "US"]),
            ("u.s.", &["u.s"]),
            ("e.g.", &["e.g"]),
            ("Ph.D.", &["Ph.D"]),
            ("JR.", &["JR"]),
            ("3.", &["3"]),
            // No period after it: nothing to keep.
            ("the U.S", &["the", "U.S"]),
        ]);
    }

    #[test]
    fn urls_are_skipped_whole() {
        check(&[
            (
                "see https://example.org/iraq-news/Baghdad now",
                &["see", "now"],
            ),
            ("a http://x.org b", &["a", "b"]),
            // Any case of the scheme or "www.".
            ("a HTTP://X.ORG b", &["a", "b"]),
            ("a hTtPs://x b", &["a", "b"]),
            ("a Www.Example.com b", &["a", "b"]),
            // At the very end of the text.
            ("end www.x.org", &["end"]),
            ("end https://x.org/a", &["end"]),
            // A link stops at whitespace, a double quote or an angle bracket.
            (
                "link \"http://x.org/\"Baghdad\" here",
                &["link", "Baghdad", "here"],
            ),
            ("<http://x.org>Baghdad", &["Baghdad"]),
            ("a\thttp://x.org\tb", &["a", "b"]),
            // In text that is not ASCII.
            ("Ṣadr https://x.org/ṣ end", &["Ṣadr", "end"]),
            // Words that only begin like a link.
            ("http www which", &["http", "www", "which"]),
            ("httpd wwwx", &["httpd", "wwwx"]),
        ]);
    }

    #[test]
    fn digits_and_underscores_are_word_characters() {
        check(&[
            ("1,000 troops", &["1,000", "troops"]),
            ("3.5 km", &["3.5", "km"]),
            ("2;3", &["2;3"]),
            ("22nd Brigade", &["22nd", "Brigade"]),
            ("K-1", &["K", "+1"]),
            ("x_y", &["x_y"]),
            ("a_1", &["a_1"]),
            ("_z", &["_z"]),
            // Underscores alone are no word.
            ("a __ b", &["a", "b"]),
            // A period joins two letters or two digits, not a letter and a digit.
            ("Iraq.5", &["Iraq", "5"]),
            ("5.Iraq", &["5", "Iraq"]),
            ("end.Next", &["end.Next"]),
            // A colon joins letters only; a comma digits only.
            ("a:b", &["a:b"]),
            ("1:2", &["1", "2"]),
            ("a,b", &["a", "b"]),
        ]);
    }

    #[test]
    fn ascii_fast_path_agrees_on_tricky_rows() {
        // `words` holds the two paths to each other; these rows stress where they could part.
        check(&[
            ("a'", &["a"]),
            ("'a", &["a"]),
            ("a''b", &["a", "b"]),
            ("a'1", &["a", "+1"]),
            ("1'a", &["1", "+a"]),
            ("1'2", &["1'2"]),
            ("a.", &["a"]),
            ("a..b", &["a", "b"]),
            ("A.B.", &["A.B."]),
            ("A.b.", &["A.b."]),
            ("A.1.", &["A.", "1"]),
            ("Jr.Sr.", &["Jr.Sr"]),
            ("x-`y", &["x", "y"]),
            ("x`-y", &["x", "y"]),
            ("_-x", &["x"]),
            ("wwW.", &[]),
            ("www.", &[]),
            ("http://", &[]),
        ]);
    }

    #[test]
    fn invisible_characters_never_part_a_word() {
        check(&[
            // Inside a word: one word, whichever mark (UAX #29 keeps a soft hyphen or joiner
            // inside, and a word parted only by zero-width space is glued again).
            ("Bagh\u{200B}dad", &["Bagh\u{200B}dad"]),
            ("Bagh\u{AD}dad", &["Bagh\u{AD}dad"]),
            ("Bagh\u{2060}dad", &["Bagh\u{2060}dad"]),
            ("Bagh\u{200B}\u{200B}dad", &["Bagh\u{200B}\u{200B}dad"]),
            // A hyphen with a direction mark beside it still joins.
            ("al-\u{200F}Muhandis", &["al", "+Muhandis"]),
            ("Bagh\u{200B}-\u{200B}dad", &["Bagh", "+dad"]),
            // Not glued: a space or a visible mark between.
            ("Bagh\u{200B} dad", &["Bagh", "dad"]),
            ("Baghdad\u{200F} said", &["Baghdad\u{200F}", "said"]),
            ("Bagh\u{200B}\u{2013}dad", &["Bagh", "dad"]),
        ]);
    }

    #[test]
    fn trim_invisible_keeps_the_visible_middle() {
        // (text, what is left of the whole of it)
        let rows = [
            ("Baghdad\u{200F}", "Baghdad"),
            ("\u{2067}Baghdad\u{2069}", "Baghdad"),
            ("\u{FEFF}Baghdad", "Baghdad"),
            ("Baghdad\u{E0067}\u{E0062}\u{E007F}", "Baghdad"),
            (
                "Baghdad\u{200D}\u{200C}\u{200B}\u{2060}\u{AD}\u{61C}\u{202E}",
                "Baghdad",
            ),
            // Inside, or visible at the edge: kept.
            ("Bagh\u{AD}dad", "Bagh\u{AD}dad"),
            ("Baghdadé", "Baghdadé"),
            ("Baghdad’", "Baghdad’"),
            ("Baghdad\u{301}", "Baghdad\u{301}"),
            ("بغداد", "بغداد"),
            ("\u{200F}", ""),
        ];
        for (text, want) in rows {
            let (s, e) = trim_invisible(text, 0, text.len());
            assert_eq!(&text[s..e], want, "{text:?}");
        }
        // A range that is not one of the text is handed back as it came.
        assert_eq!(trim_invisible("ab", 1, 5), (1, 5));
    }

    #[test]
    fn capitalised_and_cap_word() {
        // (word, is_capitalised, is_cap_word)
        let rows = [
            ("Soleimani", true, true),
            ("Al", true, true),
            ("McKenzie", true, true),
            ("Kata'ib", true, true),
            ("Kata’ib", true, true),
            ("Bagh\u{AD}dad", true, true),
            ("Ṣadr", true, true),
            ("Élysée", true, true),
            // Capitalised, but not letters only.
            ("Jr.", true, false),
            ("F16s", true, false),
            // Not capitalised: no lower case after the first letter, or a lower-case start.
            ("US", false, false),
            ("U.S.", false, false),
            ("NATO", false, false),
            ("ÉLYSÉE", false, false),
            ("F16", false, false),
            ("3rd", false, false),
            ("136", false, false),
            ("iPhone", false, false),
            ("al", false, false),
            ("émigré", false, false),
        ];
        for (w, cap, cap_word) in rows {
            let t = tokenize(w);
            assert_eq!(t.words.len(), 1, "{w:?} is one word");
            let tok = t.words[0];
            assert_eq!(tok.text(w), w);
            assert_eq!(
                (tok.is_capitalised(), tok.is_cap_word()),
                (cap, cap_word),
                "{w:?}"
            );
        }
    }

    #[test]
    fn shape_flags_per_word() {
        use shape::{ALNUM as N, HAS_LOWER as L, LETTERS as A, UPPER as U};
        let rows = [
            // UPPER: the first character is upper case.
            ("Al", U | L | A | N),
            ("A", U | A | N),
            ("Élysée", U | L | A),
            ("İstanbul", U | L | A),
            // HAS_LOWER: some lower case after the first.
            ("al", L | A | N),
            ("aB", A | N),
            ("a", A | N),
            // LETTERS: letters and apostrophe-like marks only.
            ("O'Neill", U | L | A),
            ("Kataʿib", U | L | A),
            ("ʿAli", L | A),
            ("Jr.", U | L),
            ("x_y", L),
            ("1,000", 0),
            // ALNUM: ASCII letters and digits only.
            ("22nd", L | N),
            ("136", N),
            ("K1", U | N),
        ];
        for (w, want) in rows {
            assert_eq!(shape_of(w), want, "{w:?}");
        }
    }
}
