//! The one value stages 1 and 2 hand on: a text's words and sentences, and their keys.

use super::normalize::{self, NormText};
use super::tokenize::{self, Token, Tokens};

/// A text after stages 1 and 2: its words and sentences with byte spans of the original, and
/// each word's match key in one folded string, with the map back to the original text.
pub(crate) struct Analysed<'t> {
    text: &'t str,
    tokens: Tokens,
    norm: NormText,
    /// Bytes of the text's headline lines ([`headline_len`]).
    headline: usize,
}

impl<'t> Analysed<'t> {
    /// Tokenises and normalises `text`. Never fails: any string is valid input.
    pub(crate) fn new(text: &'t str) -> Self {
        let tokens = tokenize::tokenize(text);
        let norm = normalize::normalize(text, &tokens);
        let headline = headline_len(text);
        Analysed {
            text,
            tokens,
            norm,
            headline,
        }
    }

    /// [`Analysed::new`], calling `done(1)` after stage 1 and `done(2)` after stage 2 (to
    /// time them apart).
    pub(crate) fn new_with(text: &'t str, mut done: impl FnMut(u8)) -> Self {
        let tokens = tokenize::tokenize(text);
        done(1);
        let norm = normalize::normalize(text, &tokens);
        done(2);
        let headline = headline_len(text);
        Analysed {
            text,
            tokens,
            norm,
            headline,
        }
    }

    /// The original text.
    #[inline]
    pub(crate) fn text(&self) -> &'t str {
        self.text
    }

    /// The words, in text order.
    #[inline]
    pub(crate) fn words(&self) -> &[Token] {
        &self.tokens.words
    }

    /// Does word `i` open a sentence? (True past the last word.)
    pub(crate) fn opens_sentence(&self, i: usize) -> bool {
        self.tokens.words.get(i).is_none_or(|w| w.opens_sentence)
    }

    /// Are words `a` and `b` in one sentence?
    pub(crate) fn same_sentence(&self, a: usize, b: usize) -> bool {
        (a.min(b) + 1..=a.max(b)).all(|k| !self.opens_sentence(k))
    }

    /// The index of the sentence word `i` belongs to. A search over the sentences, so asked
    /// once for a mention, not for every word.
    pub(crate) fn sentence_of(&self, i: usize) -> u32 {
        let at = self.tokens.words.get(i).map_or(usize::MAX, |w| w.start());
        let s = self.tokens.sentences.partition_point(|s| s.start <= at);
        s.saturating_sub(1) as u32
    }

    /// The text of word `i`.
    #[inline]
    pub(crate) fn word_text(&self, i: usize) -> &'t str {
        self.tokens.words[i].text(self.text)
    }

    /// The whole folded key: every word's key, concatenated with no separator.
    #[inline]
    pub(crate) fn keys(&self) -> &str {
        &self.norm.key
    }

    /// The byte range of word `i`'s key in [`Analysed::keys`] (empty for a word that folds
    /// to nothing).
    #[inline]
    pub(crate) fn key_range(&self, i: usize) -> (usize, usize) {
        self.norm.key_range(i)
    }

    /// The match key of word `i`.
    #[inline]
    pub(crate) fn key(&self, i: usize) -> &str {
        let (s, e) = self.key_range(i);
        &self.norm.key[s..e]
    }

    /// The words that may open a name or a description, in order (see
    /// [`normalize::NormText`]): the later stages test their own conditions only on these.
    #[inline]
    pub(crate) fn starts(&self) -> &[u32] {
        &self.norm.starts
    }

    /// The index of the word whose key holds key byte `pos`.
    pub(crate) fn token_at(&self, pos: usize) -> Option<usize> {
        self.norm.token_at(pos)
    }

    /// The byte range of the original character that key byte `pos` came from.
    pub(crate) fn orig_span(&self, pos: usize) -> Option<(usize, usize)> {
        self.norm.orig_span(self.text, &self.tokens, pos)
    }

    /// Is word `i` in the text's headline: its first lines, when they are all capitals or
    /// title case and a body follows ([`headline_len`])? There capitalisation says nothing
    /// about names.
    #[inline]
    pub(crate) fn in_headline(&self, i: usize) -> bool {
        self.tokens
            .words
            .get(i)
            .is_some_and(|w| w.start() < self.headline)
    }

    /// Does the key contain `finder`'s needle starting and ending on word boundaries?
    pub(crate) fn contains_on_boundaries(&self, finder: &memchr::memmem::Finder) -> bool {
        self.norm.finds_on_boundaries(finder)
    }

    /// Does the text write `code` exactly (same case, same dots), with no letter or digit
    /// right before or after it ("U.S." in "U.S.-led", not "US" in "USA")?
    pub(crate) fn contains_exactly(&self, code: &str) -> bool {
        let text = self.text.as_bytes();
        let alnum = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
        memchr::memmem::find_iter(text, code.as_bytes()).any(|at| {
            let before = at.checked_sub(1).and_then(|b| text.get(b));
            !alnum(before) && !alnum(text.get(at + code.len()))
        })
    }
}

/// At most this many lines open a text as its headline (a wire headline and its repeat).
const HEADLINE_LINES: usize = 3;

/// Small words a title-case line writes in lower case.
const TITLE_CASE_SMALL: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs",
    "with",
];

/// The bytes of the text's headline: the first lines (up to [`HEADLINE_LINES`], each ended
/// by a line break, so a one-line text has none) while each is in all capitals; or a first
/// line in title case set apart by a blank line. (A title-case line with no blank line after
/// it may be the first line of wire copy, full of names: "Acme Corp, the Zenith-based".)
fn headline_len(text: &str) -> usize {
    let mut end = 0;
    for _ in 0..HEADLINE_LINES {
        let Some(nl) = text[end..].find('\n') else {
            break;
        };
        let line = &text[end..end + nl];
        let set_apart = end == 0 && text[nl + 1..].starts_with(['\n', '\r']);
        if !(is_capitals_line(line) || (set_apart && is_title_case_line(line))) {
            break;
        }
        end += nl + 1;
    }
    end
}

/// A line with letters and none in lower case (`GENERAL BINDING <GBND> IN AGREEMENT`).
fn is_capitals_line(line: &str) -> bool {
    !line.chars().any(char::is_lowercase) && line.chars().any(char::is_alphabetic)
}

/// A line of two or more words each capitalised but the small words, not ending in a
/// period or comma ("Coffee Talks Resume in London").
fn is_title_case_line(line: &str) -> bool {
    let line = line.trim();
    let mut capitalised = 0;
    for word in line.split_whitespace() {
        match word.chars().find(|c| c.is_alphanumeric()) {
            Some(c) if c.is_lowercase() && !TITLE_CASE_SMALL.contains(&word) => return false,
            Some(c) if c.is_lowercase() => {}
            Some(_) => capitalised += 1,
            None => {}
        }
    }
    capitalised >= 2 && !line.ends_with(['.', ',', ';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_keys_line_up() {
        let a = Analysed::new("Gen. Qāsem Soleimani’s al-Muhandis");
        let got: Vec<(&str, &str)> = (0..a.words().len())
            .map(|i| (a.word_text(i), a.key(i)))
            .collect();
        assert_eq!(
            got,
            [
                ("Gen", "gen"),
                ("Qāsem", "qasem"),
                ("Soleimani’s", "soleimanis"),
                ("al", "al"),
                ("Muhandis", "muhandis")
            ]
        );
        assert_eq!(a.keys(), "genqasemsoleimanisalmuhandis");
        assert_eq!(a.token_at(3), Some(1));
    }
}

#[cfg(test)]
mod rules {
    //! The lookups later stages make on an analysed text, one table each.
    use super::*;
    use memchr::memmem::Finder;

    #[test]
    fn needles_count_only_on_word_boundaries() {
        // (text, folded needle, found)
        let rows = [
            ("in Iraq.", "iraq", true),
            ("IRAQ", "iraq", true),
            ("Kataib Hezbollah said", "kataibhezbollah", true),
            ("Kataib-Hezbollah said", "kataibhezbollah", true),
            ("as-Sadr", "alsadr", true),
            // A needle ending or starting inside a word is no find.
            ("Iraqi forces", "iraq", false),
            ("Tirana", "iran", false),
            ("Kataib Hezbollahs", "hezbollah", false),
            // The first of several occurrences may fail and a later one count.
            ("Iraqi forces left Iraq", "iraq", true),
            // Nothing to find.
            ("Iraq", "", false),
            ("", "iraq", false),
        ];
        for (text, needle, want) in rows {
            let a = Analysed::new(text);
            let got = a.contains_on_boundaries(&Finder::new(needle.as_bytes()));
            assert_eq!(got, want, "{needle:?} in {text:?}");
        }
    }

    #[test]
    fn a_headline_is_the_first_lines_in_capitals_or_title_case() {
        // (text, the words in the headline)
        let rows: &[(&str, &[&str])] = &[
            (
                "ACME SETS DIVIDEND\nAcme Inc said it set a dividend.",
                &["ACME", "SETS", "DIVIDEND"],
            ),
            (
                "ACME <ACM> SETS\n****** ACME SETS\nAcme said so.",
                &["ACME", "ACM", "SETS", "ACME", "SETS"],
            ),
            (
                "Coffee Talks Resume in London\n\nTalks resumed.",
                &["Coffee", "Talks", "Resume", "in", "London"],
            ),
            // Title case without a blank line after it: the first line of wire copy.
            ("Acme Corp, the Zenith-based Firm\nsaid so.", &[]),
            ("Coffee Talks Resume in London\nTalks resumed.", &[]),
            // A sentence-case first line, a line ending in a period, a lone capital word.
            ("Acme sets a dividend\nAcme said so.", &[]),
            ("Acme Sets Dividend.\nAcme said so.", &[]),
            ("Acme\nAcme said so.", &[]),
            // No body after it: the text is all headline or all body.
            ("ACME SETS DIVIDEND", &[]),
            ("", &[]),
            ("\n\n", &[]),
            // Lines after the first body line are body, capitals or not.
            ("Acme said so.\nNOTE: ACME SETS\nMore.", &[]),
        ];
        for (text, want) in rows {
            let a = Analysed::new(text);
            let got: Vec<&str> = (0..a.words().len())
                .filter(|&i| a.in_headline(i))
                .map(|i| a.word_text(i))
                .collect();
            assert_eq!(&got, want, "{text:?}");
        }
    }

    #[test]
    fn a_word_that_folds_to_nothing_has_an_empty_key() {
        // "ʾ" alone is a word (a modifier letter) whose key is empty.
        let a = Analysed::new("Qaim ʾ Ali");
        let got: Vec<(&str, &str)> = (0..a.words().len())
            .map(|i| (a.word_text(i), a.key(i)))
            .collect();
        assert_eq!(got, [("Qaim", "qaim"), ("ʾ", ""), ("Ali", "ali")]);
        assert_eq!(a.key_range(1), (4, 4));
        assert_eq!(a.keys(), "qaimali");
        // Key byte 4 is Ali's, not the empty word's.
        assert_eq!(a.token_at(4), Some(2));
        assert_eq!(a.token_at(7), None);
    }
}
