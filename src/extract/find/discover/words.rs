//! The word tests of discovery: the cue words of `src/data/discovery.tsv` (titles and role
//! nouns before a person's name, reporting verbs, apposition openers, organisational heads
//! and company suffixes, facility and place cues, and the capitalised words that open
//! sentences but never a name), matched case-sensitively on the word as written (titles
//! without their period); and the byte tests asked of most words.

use crate::data::discovery::cues;
use crate::data::particles::{self, role};
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

pub(super) use crate::data::discovery::cue;

/// Does `word` as written play `role` (one of [`cue`]'s bits, or several: any of them)?
#[inline]
pub(super) fn has(word: &str, role: u32) -> bool {
    cues(word) & role != 0
}

/// Is this a title ("Gen.", "Mr") or a capitalised word that opens sentences but never a
/// name ("The", "But")?
pub(crate) fn is_title_or_opener(word: &str) -> bool {
    has(word.trim_end_matches('.'), cue::TITLE) || has(word, cue::NOT_START)
}

/// Is this a capitalised function word that opens sentences ("In", "The", "After")?
pub(crate) fn is_sentence_word(word: &str) -> bool {
    has(word, cue::NOT_START)
}

/// Lower-case words allowed inside organisation names.
#[cfg(test)]
pub(super) const ORG_INNER: &[&str] = &["of", "for", "the", "and", "on", "in", "against"];
/// Is `w` a lower-case word allowed inside organisation names ("of", "for", "the", "and",
/// "on", "in", "against")? Asked of most words after a capitalised one, so matched on bytes
/// (a unit test holds it to `ORG_INNER`).
#[inline]
pub(super) fn is_org_inner(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"of" | b"for" | b"the" | b"and" | b"on" | b"in" | b"against"
    )
}

/// Is `w` (as written) a particle that may stand inside a person's name
/// (`src/data/particles.tsv`)?
#[inline]
pub(super) fn is_name_particle(w: &str) -> bool {
    particles::is(w, role::PERSON)
}

pub(super) fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    if b.last() != Some(&b'.') || b.len() > 5 {
        return false;
    }
    let mut chars = w.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Capitalised words that, next to a place in one run of capitalised words, make the run an
/// organisation's name and the place a word of it ("Chicago Board of Trade", "Toyota Motor
/// Corp", "Bank of Japan", "Cassa di Risparmio di Calabria"): company suffixes, the heads of
/// institutions, the words of a business's line, and the words that open banks' names in the
/// languages business news quotes. Not the words newswire capitalises as modifiers of a
/// common noun ("U.K. Unit trusts", "Securities markets"), nor place-like words ("City").
pub(super) static ORG_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    HashSet::from_iter([
        "Inc",
        "Corp",
        "Co",
        "Cos",
        "Ltd",
        "Plc",
        "PLC",
        "AG",
        "SA",
        "NV",
        "LP",
        "Company",
        "Companies",
        "Corporation",
        "Group",
        "Holdings",
        "Bancorp",
        "Industries",
        "Enterprises",
        "Partners",
        "Brothers",
        "Associates",
        "Laboratories",
        "Bank",
        "Board",
        "Exchange",
        "Commission",
        "Committee",
        "Council",
        "Department",
        "Ministry",
        "Agency",
        "Authority",
        "Bureau",
        "Institute",
        "University",
        "College",
        "Academy",
        "Foundation",
        "Association",
        "Federation",
        "Trust",
        "Motor",
        "Motors",
        "Airlines",
        "Airways",
        "Steel",
        "Oil",
        "Gas",
        "Petroleum",
        "Chemical",
        "Chemicals",
        "Electric",
        "Electronics",
        "Mining",
        "Savings",
        "Telephone",
        "Realty",
        "Banca",
        "Banco",
        "Banque",
        "Caisse",
        "Cassa",
        "Caja",
    ])
});

/// Lower-case words that join the words of one name ("Bank of Japan", "Cassa di Risparmio").
pub(super) fn is_name_connector(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"of" | b"and" | b"de" | b"di" | b"del" | b"della" | b"du" | b"des"
    )
}

#[cfg(test)]
mod tests {
    //! The word tests of discovery, as written (case-sensitive, titles without their
    //! period).
    use super::*;

    #[test]
    fn an_initial_is_one_capital_and_its_period() {
        // (word as the tokeniser keeps it, an initial)
        let rows = [
            ("M.", true),
            ("É.", true),
            ("m.", false),
            ("M", false),
            ("Mr.", false),
            ("U.S.", false),
        ];
        for (w, want) in rows {
            assert_eq!(is_initial(w), want, "row {w:?}");
        }
    }

    #[test]
    fn sentence_words_are_capitalised_function_words_and_labels() {
        // (word, never opens a name)
        let rows = [
            ("The", true),
            ("After", true),
            ("According", true),
            // Demonyms and sect adjectives open sentences, not names.
            ("Iraqi", true),
            ("Shiite", true),
            ("Monday", true),
            // Lower case is no sentence opener; names are none.
            ("the", false),
            ("Dana", false),
            ("Basra", false),
        ];
        for (w, want) in rows {
            assert_eq!(is_sentence_word(w), want, "row {w:?}");
        }
    }

    #[test]
    fn cue_words_match_as_written() {
        // Role nouns are lower case ("analyst Joel Wing"); titles are capitalised and
        // kept without their period ("Gen." is "Gen").
        // (word, role, plays it)
        let rows = [
            ("analyst", cue::ROLE, true),
            ("Analyst", cue::ROLE, false),
            ("Gen", cue::TITLE, true),
            ("Gen.", cue::TITLE, false),
            ("gen", cue::TITLE, false),
            ("said", cue::SAY, true),
            ("Said", cue::SAY, false),
            ("Brigade", cue::HEAD, true),
            ("brigade", cue::HEAD, false),
            // Every organisational head also keeps a run from being a person.
            ("Brigade", cue::NOT_PERSON, true),
            ("Lanes", cue::NOT_PERSON, true),
            ("Whitfield", cue::NOT_PERSON, false),
        ];
        for (w, role, want) in rows {
            assert_eq!(has(w, role), want, "row {w:?}");
        }
    }

    #[test]
    fn name_particles_stand_inside_person_names() {
        // (word, may stand inside a discovered person's name)
        let rows = [
            ("al", true),
            ("bin", true),
            ("ibn", true),
            ("de", true),
            ("Al", false),
            ("of", false),
            ("abu", false),
        ];
        for (w, want) in rows {
            assert_eq!(is_name_particle(w), want, "row {w:?}");
        }
    }
}
