//! The variant stage's index: every plain gazetteer name by its transliteration skeleton, and
//! the must-not-merge pairs, built from the compiled names at start-up (while the automaton
//! builds) and kept in the start-up cache.

use crate::gazetteer::{EntityType, Patterns};
use crate::hashbits::HashBits;
use crate::text::normalize::name_key;
use crate::text::normalize::translit::{phonetic_untraced, skeleton};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Minimum length (folded letters) of a name considered as a variant.
pub(super) const MIN_KEY: usize = 5;
/// Most names one skeleton may propose.
const MAX_BUCKET: usize = 64;

/// One gazetteer name the index can propose, read in place from its bucket's record.
#[derive(Serialize, Deserialize)]
pub(super) struct Entry<'a> {
    /// Its pattern in the compiled gazetteer.
    pub(super) pattern: u32,
    /// Its phonetic form.
    pub(super) phonetic: &'a str,
    /// The folded key of each of its words.
    #[serde(borrow)]
    pub(super) words: Vec<&'a str>,
    /// The type of its entity.
    pub(super) kind: EntityType,
}

/// A name while the index is built.
struct Owned {
    pattern: u32,
    phonetic: String,
    words: Vec<String>,
    kind: EntityType,
}

/// Gazetteer names grouped by skeleton, with the must-not-merge pairs.
///
/// The names sharing a skeleton (a bucket) are encoded as one record, and a transducer maps
/// each skeleton to its record's offset: a million-name gazetteer held about 250 bytes a
/// name in a hash map of owned strings (docs/performance.md).
pub(crate) struct VariantIndex {
    /// Skeleton → offset of its bucket in `buckets`.
    skeletons: fst::Map<Vec<u8>>,
    /// Every bucket, a `Vec<Entry>` encoded, one after another.
    buckets: Vec<u8>,
    rest: Rest,
}

/// The small parts of [`VariantIndex`], saved as one section.
#[derive(Serialize, Deserialize)]
struct Rest {
    /// Whole names that must not link.
    no_merge: HashSet<(String, String)>,
    /// Words that must not stand for each other in names of a type.
    no_merge_words: HashSet<(String, String, EntityType)>,
    /// Every prefix of every skeleton in the index, hashed: a span whose skeleton is no
    /// prefix can be no key, nor can any longer span from the same word. A bit each (see
    /// [`HashBits`]): a set of the prefixes cost a cache miss or more per question. A false
    /// "maybe" only lets a span on to the exact skeleton lookup, which rejects it, so output
    /// is the same.
    prefixes: HashBits,
    /// Every whole skeleton in the index, hashed the same way: most spans' skeletons are
    /// a prefix of some name's but no name's whole, and a bit answers that before the
    /// transducer is walked.
    wholes: HashBits,
}

fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

impl VariantIndex {
    /// Indexes every plain (not case-sensitive) name of the compiled gazetteer.
    pub(crate) fn new(patterns: &Patterns<'_>) -> Self {
        let mut by_skeleton: HashMap<String, Vec<Owned>> = HashMap::default();
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
            by_skeleton.entry(skeleton(&ph)).or_default().push(Owned {
                pattern: pid as u32,
                phonetic: ph,
                words,
                kind: patterns.kind(r.entity),
            });
        }
        // A skeleton shared by very many names is no evidence: it would propose a crowd of
        // near ties (and cost a comparison each). Such skeletons propose nothing.
        by_skeleton.retain(|_, entries| entries.len() <= MAX_BUCKET);
        let prefixes = prefix_bits(by_skeleton.keys());
        let mut wholes = HashBits::for_values(by_skeleton.len());
        for sk in by_skeleton.keys() {
            wholes.insert(hash_str(sk));
        }
        let (no_merge, no_merge_words) = no_merge_sets(patterns);
        let (skeletons, buckets) = encode_buckets(by_skeleton);
        VariantIndex {
            skeletons,
            buckets,
            rest: Rest {
                no_merge,
                no_merge_words,
                prefixes,
                wholes,
            },
        }
    }

    /// The names whose skeleton is `skeleton` (none for a bucket that does not decode: a
    /// damage the file's checksum missed).
    pub(super) fn entries(&self, skeleton: &str) -> Option<Vec<Entry<'_>>> {
        if !self.rest.wholes.may_contain(hash_str(skeleton)) {
            return None;
        }
        let at = usize::try_from(self.skeletons.get(skeleton)?).ok()?;
        postcard::take_from_bytes(self.buckets.get(at..)?)
            .ok()
            .map(|(entries, _)| entries)
    }

    /// May some name's skeleton begin with `skeleton`? (False only when none does.)
    #[inline]
    pub(super) fn may_begin(&self, skeleton: &str) -> bool {
        self.rest.prefixes.may_contain(hash_str(skeleton))
    }

    /// The index as three sections for the start-up cache and the prebuilt index.
    pub(crate) fn sections(&self) -> Result<[Cow<'_, [u8]>; 3], postcard::Error> {
        Ok([
            Cow::Borrowed(self.skeletons.as_fst().as_bytes()),
            Cow::Borrowed(&self.buckets),
            Cow::Owned(postcard::to_stdvec(&self.rest)?),
        ])
    }

    /// The inverse of [`VariantIndex::sections`]. A bucket is read only when a span asks
    /// for it; a pattern it names that the gazetteer lacks has no candidates.
    pub(crate) fn from_sections(
        skeletons: Vec<u8>,
        buckets: Vec<u8>,
        rest: &[u8],
    ) -> Result<VariantIndex, String> {
        let skeletons = fst::Map::new(skeletons).map_err(|e| e.to_string())?;
        let rest: Rest = postcard::from_bytes(rest).map_err(|e| e.to_string())?;
        if !rest.prefixes.is_sound() || !rest.wholes.is_sound() {
            return Err("its variant index is damaged".into());
        }
        Ok(VariantIndex {
            skeletons,
            buckets,
            rest,
        })
    }

    /// Does a must-not-merge pair separate these two names: as whole names, or (for a
    /// typed pair and an entity of that type) as the one word where they differ?
    pub(super) fn vetoed(&self, text_words: &[&str], gaz_words: &[&str], kind: EntityType) -> bool {
        let whole_t: String = text_words.concat();
        let whole_g: String = gaz_words.concat();
        if self.rest.no_merge.contains(&(whole_t, whole_g)) {
            return true;
        }
        let t: Vec<&str> = text_words.iter().copied().filter(|w| *w != "al").collect();
        let g: Vec<&str> = gaz_words.iter().copied().filter(|w| *w != "al").collect();
        t.len() == g.len()
            && t.iter().zip(&g).any(|(a, b)| {
                a != b
                    && self
                        .rest
                        .no_merge_words
                        .contains(&(a.to_string(), b.to_string(), kind))
            })
    }
}

/// The buckets encoded in skeleton order, and the transducer from each skeleton to its
/// bucket's offset.
fn encode_buckets(by_skeleton: HashMap<String, Vec<Owned>>) -> (fst::Map<Vec<u8>>, Vec<u8>) {
    let mut sorted: Vec<(String, Vec<Owned>)> = by_skeleton.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut buckets = Vec::new();
    let mut map = fst::MapBuilder::memory();
    for (sk, owned) in &sorted {
        let entries: Vec<Entry<'_>> = owned
            .iter()
            .map(|o| Entry {
                pattern: o.pattern,
                phonetic: &o.phonetic,
                words: o.words.iter().map(String::as_str).collect(),
                kind: o.kind,
            })
            .collect();
        // Keys are sorted and unique, and encoding into memory cannot fail.
        map.insert(sk, buckets.len() as u64)
            .expect("skeletons are sorted and unique");
        buckets = postcard::to_extend(&entries, buckets).expect("encoding into memory");
    }
    let map = map.into_inner().expect("an in-memory transducer");
    let skeletons = fst::Map::new(map).expect("a transducer just built");
    (skeletons, buckets)
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
                .map(|e| e.len());
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
            assert_eq!(
                index.vetoed(text, listed, *kind),
                *want,
                "row {text:?} / {listed:?} ({kind:?})"
            );
        }
        // Without the list nothing is vetoed.
        let plain = lexicon(
            "id\ttype\tcanonical\tcountry\ngpe.iraq\tGPE\tIraq\tIQ\n",
            false,
        );
        assert!(!plain.variants().vetoed(&["samara"], &["samarra"], Gpe));
    }
}
