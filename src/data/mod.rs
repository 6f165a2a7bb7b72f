//! Word lists that more than one stage or tool consults, one copy each, kept as data files
//! beside this module so that a list is changed in one place: the English word set (laid out
//! at build time, see `wordtable.rs`), the name particles (`particles.tsv`), and the cue
//! words of discovery with the countries' adjectives (`discovery.tsv`,
//! `country-adjectives.tsv`, read by `discovery.rs`).

pub(crate) mod discovery;
pub(crate) mod particles;
pub(crate) mod wordtable;

use wordtable::WordTable;

/// Frequent lower-case English words, and the demonyms of `demonyms.txt` ("Iraqi", "Briton"):
/// a capitalised "Hours" or "Patriot" is a word, not a spelling of Heras or Petraeus, and a
/// name made of such words needs its context to confirm it. Laid out by build.rs.
static ENGLISH: WordTable = WordTable {
    text: include_bytes!(concat!(env!("OUT_DIR"), "/english-words.bin")),
    slots: include_bytes!(concat!(env!("OUT_DIR"), "/english-slots.bin")),
};

/// Is this folded word (lower case, no marks) a frequent English word or a demonym?
pub(crate) fn is_english_word(folded: &str) -> bool {
    ENGLISH.contains(folded.as_bytes())
}

/// Is this folded word a demonym or a region's adjective ("iraqi", "scandinavian")?
pub(crate) fn is_demonym(folded: &str) -> bool {
    static DEMONYMS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| {
            include_str!("demonyms.txt")
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .collect()
        });
    DEMONYMS.contains(folded)
}

/// Is this word a preposition of place ("in", "near", "from"…), in any case? A name right
/// after one is read as a place first ("in Sulaimani", "in Teberebie, Ghana").
pub(crate) fn is_locative(word: &str) -> bool {
    const LOCATIVE: [&str; 12] = [
        "in", "near", "from", "outside", "around", "across", "into", "toward", "towards", "at",
        "to", "inside",
    ];
    LOCATIVE.iter().any(|l| word.eq_ignore_ascii_case(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demonyms_count_as_english() {
        let demonyms = include_str!("demonyms.txt");
        let demonyms: Vec<&str> = demonyms.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(demonyms.len() > 50);
        for d in demonyms {
            assert!(is_english_word(d), "{d}");
        }
        assert!(is_demonym("scandinavian") && is_demonym("iraqi") && !is_demonym("iraq"));
        for word in ["hours", "patriot", "salt", "hope", "key", "west"] {
            assert!(is_english_word(word), "{word}");
        }
        for name in ["soleimani", "baghdad", "kut", "badr"] {
            assert!(!is_english_word(name), "{name}");
        }
    }
}
