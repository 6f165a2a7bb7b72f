//! The variant stage's index: every plain gazetteer name by its transliteration skeleton, and
//! the must-not-merge pairs, built from the compiled names at start-up (while the automaton
//! builds) and kept in the start-up cache.

use crate::gazetteer::{EntityType, Patterns};
use crate::hashbits::HashBits;
use crate::text::normalize::name_key;
use crate::text::normalize::translit::{phonetic_untraced, skeleton};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

/// Minimum length (folded letters) of a name considered as a variant.
pub(super) const MIN_KEY: usize = 5;
/// Most names one skeleton may propose.
const MAX_BUCKET: usize = 64;

/// One gazetteer name the index can propose.
#[derive(Serialize, Deserialize)]
pub(super) struct Entry {
    /// Its pattern in the compiled gazetteer.
    pub(super) pattern: u32,
    /// Its phonetic form.
    pub(super) phonetic: String,
    /// The folded key of each of its words.
    pub(super) words: Vec<String>,
    /// The type of its entity.
    pub(super) kind: EntityType,
}

/// Gazetteer names grouped by skeleton, with the must-not-merge pairs.
#[derive(Serialize, Deserialize)]
pub(crate) struct VariantIndex {
    by_skeleton: HashMap<String, Vec<Entry>>,
    /// Whole names that must not link.
    no_merge: HashSet<(String, String)>,
    /// Words that must not stand for each other in names of a type.
    no_merge_words: HashSet<(String, String, EntityType)>,
    /// Every prefix of every skeleton in `by_skeleton`, hashed: a span whose skeleton is no
    /// prefix can be no key, nor can any longer span from the same word. A bit each (see
    /// [`HashBits`]): a set of the prefixes cost a cache miss or more per question. A false
    /// "maybe" only lets a span on to the exact skeleton lookup, which rejects it, so output
    /// is the same.
    prefixes: HashBits,
}

fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

impl VariantIndex {
    /// Indexes every plain (not case-sensitive) name of the compiled gazetteer.
    pub(crate) fn new(patterns: &Patterns<'_>) -> Self {
        let mut by_skeleton: HashMap<String, Vec<Entry>> = HashMap::default();
        for (pid, key, refs) in patterns.iter() {
            let Some(&r) = refs.iter().find(|&&r| !patterns.name(r).is_code()) else {
                continue;
            };
            // The name's word keys as compiling found them (its key is the pattern's).
            let words = patterns.name(r).word_keys(key);
            let w: Vec<&str> = words.iter().map(String::as_str).collect();
            let ph = phonetic_untraced(&w);
            if ph.len() < MIN_KEY - 1 {
                continue;
            }
            by_skeleton.entry(skeleton(&ph)).or_default().push(Entry {
                pattern: pid as u32,
                phonetic: ph,
                words,
                kind: patterns.entry(r.entity).kind,
            });
        }
        // A skeleton shared by very many names is no evidence: it would propose a crowd of
        // near ties (and cost a comparison each). Such skeletons propose nothing.
        by_skeleton.retain(|_, entries| entries.len() <= MAX_BUCKET);
        let prefixes = prefix_bits(by_skeleton.keys());
        let (no_merge, no_merge_words) = no_merge_sets(patterns);
        VariantIndex {
            by_skeleton,
            no_merge,
            no_merge_words,
            prefixes,
        }
    }

    /// The names whose skeleton is `skeleton`.
    pub(super) fn entries(&self, skeleton: &str) -> Option<&[Entry]> {
        self.by_skeleton.get(skeleton).map(Vec::as_slice)
    }

    /// May some name's skeleton begin with `skeleton`? (False only when none does.)
    #[inline]
    pub(super) fn may_begin(&self, skeleton: &str) -> bool {
        self.prefixes.may_contain(hash_str(skeleton))
    }

    /// Whether every entry names one of `patterns` patterns (a check on a decoded cache).
    pub(crate) fn is_sound(&self, patterns: usize) -> bool {
        self.prefixes.is_sound()
            && self
                .by_skeleton
                .values()
                .flatten()
                .all(|e| (e.pattern as usize) < patterns)
    }

    /// Does a must-not-merge pair separate these two names: as whole names, or (for a
    /// typed pair and an entity of that type) as the one word where they differ?
    pub(super) fn vetoed(
        &self,
        text_words: &[&str],
        gaz_words: &[String],
        kind: EntityType,
    ) -> bool {
        let whole_t: String = text_words.concat();
        let whole_g: String = gaz_words.concat();
        if self.no_merge.contains(&(whole_t, whole_g)) {
            return true;
        }
        let t: Vec<&str> = text_words.iter().copied().filter(|w| *w != "al").collect();
        let g: Vec<&str> = gaz_words
            .iter()
            .map(String::as_str)
            .filter(|w| *w != "al")
            .collect();
        t.len() == g.len()
            && t.iter().zip(&g).any(|(a, b)| {
                a != b
                    && self
                        .no_merge_words
                        .contains(&(a.to_string(), b.to_string(), kind))
            })
    }
}

/// Every prefix of every skeleton, hashed into bits.
fn prefix_bits<'a>(skeletons: impl Iterator<Item = &'a String>) -> HashBits {
    let mut hashes = Vec::new();
    for k in skeletons {
        for (i, c) in k.char_indices() {
            hashes.push(hash_str(&k[..i + c.len_utf8()]));
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    let mut prefixes = HashBits::for_values(hashes.len());
    for &h in &hashes {
        prefixes.insert(h);
    }
    prefixes
}

type NoMergeSets = (
    HashSet<(String, String)>,
    HashSet<(String, String, EntityType)>,
);

/// The must-not-merge pairs as folded keys, both ways round: whole names, and (for typed
/// pairs) words of names of that type.
fn no_merge_sets(patterns: &Patterns<'_>) -> NoMergeSets {
    let mut no_merge = HashSet::default();
    let mut no_merge_words = HashSet::default();
    for p in patterns.no_merge() {
        let (a, b) = (name_key(&p.a), name_key(&p.b));
        if let Some(k) = p.kind {
            no_merge_words.insert((a.clone(), b.clone(), k));
            no_merge_words.insert((b.clone(), a.clone(), k));
        }
        no_merge.insert((a.clone(), b.clone()));
        no_merge.insert((b, a));
    }
    (no_merge, no_merge_words)
}

#[cfg(test)]
mod tests {
    //! The index's own rules: which names it holds, when a skeleton proposes nothing, and
    //! which pairs the must-not-merge list vetoes.
    use super::*;
    use crate::extract::testing::lexicon;

    /// The skeleton of a name, as the index keys it.
    fn skeleton_of(name: &str) -> String {
        let words = crate::text::normalize::name_word_keys(name);
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        skeleton(&phonetic_untraced(&w))
    }

    #[test]
    fn plain_names_of_four_phonetic_letters_or_more_are_indexed() {
        let lex = lexicon(
            "id\ttype\tcanonical\tcodes\tcountry\n\
             gpe.kut\tGPE\tKut\t\tIQ\n\
             gpe.hurs\tGPE\tHurs\t\tIQ\n\
             org.x\tORG\tSaraya Example\tNUJABA\tIQ\n",
            false,
        );
        let index = lex.variants();
        // (name, held by the index)
        let rows = [
            ("Kut", false),    // phonetic form of 3 letters: under MIN_KEY - 1
            ("Hurs", true),    // 4 letters: held (a 5-letter spelling may reach it)
            ("Nujaba", false), // only a code spells it: codes are no variant targets
            ("Saraya Example", true),
        ];
        for (name, held) in rows {
            let names: Vec<String> = index
                .entries(&skeleton_of(name))
                .unwrap_or_default()
                .iter()
                .map(|e| e.words.concat())
                .collect();
            let key = crate::text::normalize::name_key(name);
            assert_eq!(names.contains(&key), held, "row {name:?}: {names:?}");
        }
    }

    #[test]
    fn a_crowded_skeleton_proposes_nothing() {
        // Names "Kasabar", "Kasaber", ... share the skeleton of "Kasabar" (vowels dropped).
        let vowels = ['a', 'e', 'i', 'o', 'u'];
        let names: Vec<String> = vowels
            .iter()
            .flat_map(|&a| vowels.iter().map(move |&b| (a, b)))
            .flat_map(|(a, b)| vowels.iter().map(move |&c| format!("K{a}s{b}b{c}r")))
            .collect();
        // (names listed, skeleton proposes some)
        for (n, proposes) in [(MAX_BUCKET, true), (MAX_BUCKET + 1, false)] {
            let mut tsv = String::from("id\ttype\tcanonical\tcountry\n");
            for (i, name) in names.iter().take(n).enumerate() {
                tsv.push_str(&format!("gpe.k{i}\tGPE\t{name}\tIQ\n"));
            }
            let lex = lexicon(&tsv, false);
            let held = lex
                .variants()
                .entries(&skeleton_of("Kasabar"))
                .map(<[_]>::len);
            assert_eq!(held.is_some(), proposes, "row {n} names: {held:?}");
        }
    }

    #[test]
    fn may_begin_knows_every_prefix_of_every_skeleton() {
        let lex = lexicon(
            "id\ttype\tcanonical\tcountry\norg.kh\tORG\tKataib Hezbollah\tIQ\n",
            false,
        );
        let index = lex.variants();
        let sk = skeleton_of("Kataib Hezbollah");
        for end in 1..=sk.len() {
            assert!(index.may_begin(&sk[..end]), "prefix {:?}", &sk[..end]);
        }
        assert!(!index.may_begin(&skeleton_of("Basra")));
    }

    #[test]
    fn must_not_merge_pairs_veto_whole_names_and_typed_words() {
        let lex = lexicon(
            "id\ttype\tcanonical\tcountry\ngpe.iraq\tGPE\tIraq\tIQ\n",
            true,
        );
        let index = lex.variants();
        use EntityType::{Gpe, Org, Person};
        // (text words, listed words, listed entity's type, vetoed)
        let rows: &[(&[&str], &[&str], EntityType, bool)] = &[
            // Whole names, both ways round, any type.
            (&["samara"], &["samarra"], Gpe, true),
            (&["samarra"], &["samara"], Gpe, true),
            (&["kataib", "hezbollah"], &["hezbollah"], Org, true),
            (&["hussein"], &["hassan"], Gpe, true),
            // An untyped pair does not reach into longer names.
            (&["samara", "city"], &["samarra", "city"], Gpe, false),
            // A typed pair (Hassan/Hussein, PERSON) vetoes longer names of its type that
            // differ in that word, the article aside.
            (&["hussein", "karimi"], &["hassan", "karimi"], Person, true),
            (
                &["karimi", "hussein"],
                &["karimi", "al", "hassan"],
                Person,
                true,
            ),
            (&["hussein", "karimi"], &["hassan", "karimi"], Org, false),
            // Only names of one length are compared word by word.
            (
                &["hussein", "karimi"],
                &["hassan", "ali", "karimi"],
                Person,
                false,
            ),
            // Hamid/Hamad is a typed pair too; Hamed/Hamid is no pair.
            (&["hamid", "karimi"], &["hamad", "karimi"], Person, true),
            (&["hamed", "karimi"], &["hamid", "karimi"], Person, false),
        ];
        for (text, listed, kind, want) in rows {
            let listed: Vec<String> = listed.iter().map(|w| w.to_string()).collect();
            assert_eq!(
                index.vetoed(text, &listed, *kind),
                *want,
                "row {text:?} / {listed:?} ({kind:?})"
            );
        }
        // Without the list nothing is vetoed.
        let plain = lexicon(
            "id\ttype\tcanonical\tcountry\ngpe.iraq\tGPE\tIraq\tIQ\n",
            false,
        );
        let listed = vec!["samarra".to_string()];
        assert!(!plain.variants().vetoed(&["samara"], &listed, Gpe));
    }
}
