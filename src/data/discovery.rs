//! The cue words of discovery (`discovery.tsv`: titles, reporting verbs, organisational heads,
//! company suffixes…) and the adjectives of countries (`country-adjectives.tsv`), read once
//! from the data files into one table each: a word's roles are one lookup.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The roles of a cue word, one bit per role name of `discovery.tsv`.
pub(crate) mod cue {
    pub(crate) const NOT_START: u32 = 1;
    pub(crate) const TITLE: u32 = 1 << 1;
    pub(crate) const ROLE: u32 = 1 << 2;
    pub(crate) const SAY: u32 = 1 << 3;
    pub(crate) const APPOSITION: u32 = 1 << 4;
    pub(crate) const HEAD: u32 = 1 << 5;
    pub(crate) const SUFFIX: u32 = 1 << 6;
    pub(crate) const CLOSES: u32 = 1 << 7;
    pub(crate) const GENERIC_HEAD: u32 = 1 << 8;
    pub(crate) const NOT_PERSON: u32 = 1 << 9;
    pub(crate) const INSTRUMENT: u32 = 1 << 10;
    pub(crate) const MONEY: u32 = 1 << 11;
    pub(crate) const FACILITY_FIRST: u32 = 1 << 12;
    pub(crate) const FACILITY_LAST: u32 = 1 << 13;
    pub(crate) const PLACE_AFTER: u32 = 1 << 14;
    pub(crate) const PLACE_BEFORE: u32 = 1 << 15;
    pub(crate) const COMPASS: u32 = 1 << 16;
    pub(crate) const PLACE_TAIL: u32 = 1 << 17;
    pub(crate) const OPENS_COMPANY: u32 = 1 << 18;
    pub(crate) const WEAK_HEAD: u32 = 1 << 19;
    pub(crate) const SUPRANATIONAL: u32 = 1 << 20;
    pub(crate) const STATE_HEAD: u32 = 1 << 21;
    pub(crate) const FEATURE_TAIL: u32 = 1 << 22;
    pub(crate) const STATE_BODY: u32 = 1 << 23;
    pub(crate) const PERSON_NOUN: u32 = 1 << 24;
    pub(crate) const FEATURE_OF: u32 = 1 << 25;
    pub(crate) const ADDRESSED: u32 = 1 << 26;
    pub(crate) const RENAMES: u32 = 1 << 27;

    /// The role names of `discovery.tsv`, in bit order.
    pub(super) const NAMES: [&str; 28] = [
        "not_start",
        "title",
        "role",
        "say",
        "apposition",
        "head",
        "suffix",
        "closes",
        "generic_head",
        "not_person",
        "instrument",
        "money",
        "facility_first",
        "facility_last",
        "place_after",
        "place_before",
        "compass",
        "place_tail",
        "opens_company",
        "weak_head",
        "supranational",
        "state_head",
        "feature_tail",
        "state_body",
        "person_noun",
        "feature_of",
        "addressed",
        "renames",
    ];
}

/// The rows of a two-column data file after its header, comments and blank lines skipped.
fn rows(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
}

/// Each cue word as written, with its roles; a head is also no person's word, a suffix
/// also a head and closing, and a role noun a person noun.
static CUES: LazyLock<FxHashMap<&'static str, u32>> = LazyLock::new(|| {
    rows(include_str!("discovery.tsv"))
        .map(|(word, roles)| {
            let mut bits = roles
                .split(',')
                .filter_map(|r| cue::NAMES.iter().position(|n| *n == r.trim()))
                .fold(0, |b, i| b | 1 << i);
            if bits & cue::SUFFIX != 0 {
                bits |= cue::HEAD | cue::CLOSES;
            }
            if bits & cue::HEAD != 0 {
                bits |= cue::NOT_PERSON;
            }
            if bits & cue::ROLE != 0 {
                bits |= cue::PERSON_NOUN;
            }
            (word, bits)
        })
        .collect()
});

/// The cue words again, by their lower-case form, for all-capitals text ("CORP").
static FOLDED: LazyLock<FxHashMap<String, u32>> = LazyLock::new(|| {
    let mut folded: FxHashMap<String, u32> = FxHashMap::default();
    for (word, bits) in CUES.iter() {
        *folded.entry(word.to_lowercase()).or_default() |= bits;
    }
    folded
});

/// The roles of `word` as written (0 for a word of no role).
#[inline]
pub(crate) fn cues(word: &str) -> u32 {
    CUES.get(word).copied().unwrap_or(0)
}

/// The roles of any spelling of the lower-case `word` ("corp" for "CORP" and "Corp").
pub(crate) fn cues_folded(word: &str) -> u32 {
    FOLDED.get(word).copied().unwrap_or(0)
}

static ADJECTIVES: LazyLock<FxHashMap<&'static str, &'static str>> =
    LazyLock::new(|| rows(include_str!("country-adjectives.tsv")).collect());

/// The country code of a country's adjective as written ("Japanese" → "JP", "West German"
/// → "DE").
pub(crate) fn country_of_adjective(adjective: &str) -> Option<&'static str> {
    ADJECTIVES.get(adjective).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_names_known_roles() {
        for (word, roles) in rows(include_str!("discovery.tsv")) {
            assert!(!word.is_empty() && !word.contains(' '), "{word:?}");
            for r in roles.split(',') {
                assert!(cue::NAMES.contains(&r), "{word}: unknown role {r:?}");
            }
        }
        for (adjective, code) in rows(include_str!("country-adjectives.tsv")) {
            assert!(adjective.starts_with(char::is_uppercase), "{adjective}");
            assert!(
                code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()),
                "{adjective}: {code:?}"
            );
        }
    }

    #[test]
    fn roles_are_looked_up_as_written_or_folded() {
        // (word, role, has it as written)
        let written = [
            ("Corp", cue::SUFFIX, true),
            ("CORP", cue::SUFFIX, false),
            ("Gen", cue::TITLE, true),
            ("Gen.", cue::TITLE, false),
            ("said", cue::SAY, true),
            ("Said", cue::SAY, false),
            ("Whitfield", cue::HEAD, false),
        ];
        for (word, role, want) in written {
            assert_eq!(cues(word) & role != 0, want, "{word}");
        }
        // (lower-case word, role, some spelling has it)
        let folded = [
            ("corp", cue::SUFFIX, true),
            ("plc", cue::SUFFIX, true),
            ("said", cue::SAY, true),
            ("whitfield", cue::HEAD, false),
            ("Corp", cue::SUFFIX, false),
        ];
        for (word, role, want) in folded {
            assert_eq!(cues_folded(word) & role != 0, want, "{word} folded");
        }
        // A suffix is a head and closes a name; a head is no person's word.
        assert_ne!(cues("Inc") & cue::HEAD, 0);
        assert_ne!(cues("Inc") & cue::CLOSES, 0);
        assert_ne!(cues("Brigade") & cue::NOT_PERSON, 0);
    }

    #[test]
    fn adjectives_give_their_country() {
        let rows = [
            ("Japanese", Some("JP")),
            ("West German", Some("DE")),
            ("East German", Some("DD")),
            ("japanese", None),
            ("Japan", None),
        ];
        for (adjective, want) in rows {
            assert_eq!(country_of_adjective(adjective), want, "{adjective}");
        }
    }
}
