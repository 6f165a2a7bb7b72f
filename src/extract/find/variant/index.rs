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
