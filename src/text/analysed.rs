//! The one value stages 1 and 2 hand on: a text's words and sentences, and their keys.

use super::normalize::{self, NormText};
use super::tokenize::{self, Token, Tokens};

/// A text after stages 1 and 2: its words and sentences with byte spans of the original, and
/// each word's match key in one folded string, with the map back to the original text.
pub(crate) struct Analysed<'t> {
    text: &'t str,
    tokens: Tokens,
    norm: NormText,
}

impl<'t> Analysed<'t> {
    /// Tokenises and normalises `text`. Never fails: any string is valid input.
    pub(crate) fn new(text: &'t str) -> Self {
        let tokens = tokenize::tokenize(text);
        let norm = normalize::normalize(text, &tokens);
        Analysed { text, tokens, norm }
    }

    /// [`Analysed::new`], calling `done(1)` after stage 1 and `done(2)` after stage 2 (to
    /// time them apart).
    pub(crate) fn new_with(text: &'t str, mut done: impl FnMut(u8)) -> Self {
        let tokens = tokenize::tokenize(text);
        done(1);
        let norm = normalize::normalize(text, &tokens);
        done(2);
        Analysed { text, tokens, norm }
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
        let (s, e) = self.norm.tok_key[i];
        (s as usize, e as usize)
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

    /// Does the key contain `finder`'s needle starting and ending on word boundaries?
    pub(crate) fn contains_on_boundaries(&self, finder: &memchr::memmem::Finder) -> bool {
        self.norm.finds_on_boundaries(finder)
    }
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
