//! The compiled gazetteer: every name folded to its match key, one automaton over the keys,
//! and the candidates behind each key, behind methods the stages ask (entry lookup,
//! candidates, names, context guards).
//!
//! Every canonical name, alias and code becomes a key (see [`crate::text::normalize`]); names
//! that fold to the same key share one pattern, which keeps all their candidates (an alias
//! shared by two entities stays two candidates and resolution decides). For people, short
//! forms are added as *partial* names (see `names.rs`), which resolution only accepts when the
//! full name is in the same document.
//!
//! The automaton is walked anchored: the matcher asks, at each token start, for the names
//! beginning exactly there (longest first), so the cost per position does not grow with the
//! number of names, and a hit inside a word ("iran" in "Tirana") is never even produced.

use super::automaton::KeyAutomaton;
use super::entry::{Entry, NoMerge};
use super::load::Gazetteer;
use super::names::{NameInfo, NameKind, prepare_all};
use super::regions::Regions;
use crate::error::Result;
use crate::text::Analysed;
use memchr::memmem::Finder;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One candidate behind a pattern: an entity, and which of its names the key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct NameRef {
    /// The entry's index in the gazetteer.
    pub(crate) entity: u32,
    /// The name's index ([`Compiled::name`]).
    pub(crate) name: u32,
    /// Where the name came from.
    pub(crate) kind: NameKind,
}

/// A gazetteer ready for matching. Cheap to share between threads.
pub(crate) struct Compiled {
    gazetteer: Gazetteer,
    /// Pattern `i` is `keys[i]`.
    automaton: KeyAutomaton,
    keys: Vec<String>,
    /// Candidates per pattern.
    refs: Vec<Vec<NameRef>>,
    /// Name details, indexed by [`NameRef::name`].
    names: Vec<NameInfo>,
    /// Per entity: folded context guard keys (empty = unguarded).
    context: Vec<Vec<String>>,
    /// Per entity: folded descriptors ("iranian general"), for nominal coreference.
    descriptors: Vec<Vec<String>>,
    /// A substring searcher per context guard key, as in `context`: built for an entity the
    /// first time a document asks (not for all 5,000 keys at start-up), then shared by every
    /// later document and thread.
    guard_finders: Vec<OnceLock<Vec<Finder<'static>>>>,
    /// Per entity: the entity whose codes ("U.S.", "USA") also meet its context guard when
    /// written exactly so (folded, "U.S." would be the word "us"): its country, or
    /// [`NO_COUNTRY`]. An index, not a copy of the codes: every guarded city has one.
    guard_country: Vec<u32>,
    /// The first-level regions by name, built the first time a document asks.
    regions: OnceLock<Regions>,
}

/// The compiled names without the automaton: what other indexes over the names (the
/// variant stage's) are built from, while the automaton builds.
pub(crate) struct Patterns<'a> {
    gazetteer: &'a Gazetteer,
    keys: &'a [String],
    refs: &'a [Vec<NameRef>],
    names: &'a [NameInfo],
}

impl<'a> Patterns<'a> {
    /// Every pattern: its index, its key and its candidates.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, &'a str, &'a [NameRef])> + '_ {
        self.keys
            .iter()
            .zip(self.refs)
            .enumerate()
            .map(|(i, (k, r))| (i, k.as_str(), r.as_slice()))
    }

    /// The number of patterns.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The details of a candidate's name.
    pub(crate) fn name(&self, r: NameRef) -> &'a NameInfo {
        &self.names[r.name as usize]
    }

    /// A candidate's entry.
    pub(crate) fn entry(&self, entity: u32) -> &'a Entry {
        &self.gazetteer.entries()[entity as usize]
    }

    /// The must-not-merge pairs.
    pub(crate) fn no_merge(&self) -> &'a [NoMerge] {
        self.gazetteer.no_merge()
    }
}

/// What the start-up cache and the index keep after the keys and the automaton's bytes.
/// Encoded as [`Compiled::encode`] writes the fields, in this order.
#[derive(Serialize, Deserialize)]
struct Saved {
    gazetteer: Gazetteer,
    refs: Vec<Vec<NameRef>>,
    names: Vec<NameInfo>,
    context: Vec<Vec<String>>,
    descriptors: Vec<Vec<String>>,
}

/// [`Compiled::guard_country`] of an entity without a guard or a listed country.
const NO_COUNTRY: u32 = u32::MAX;

/// Per entity: the index of the country of a guarded entity ([`NO_COUNTRY`] for the
/// others): a place's context guard names its country ("United States"), and wire copy
/// writes "U.S.".
fn guard_countries(gazetteer: &Gazetteer, context: &[Vec<String>]) -> Vec<u32> {
    let entries = gazetteer.entries();
    let countries: HashMap<&str, u32> = (0..entries.len() as u32)
        .filter(|&i| entries[i as usize].is_country())
        .filter_map(|i| Some((entries[i as usize].country.as_deref()?, i)))
        .collect();
    entries
        .iter()
        .zip(context)
        .map(|(e, guard)| match e.country.as_deref() {
            Some(c) if !guard.is_empty() => countries.get(c).copied().unwrap_or(NO_COUNTRY),
            _ => NO_COUNTRY,
        })
        .collect()
}

/// Per document: which entities' context guards the document has been found to satisfy.
#[derive(Default)]
pub(crate) struct GuardCache(Vec<(u32, bool)>);

/// The candidates of each pattern, from the items sorted by key (`starts[i]..starts[i + 1]`
/// are pattern `i`'s), and the name details they point to.
fn group(
    items: Vec<(u32, NameKind, NameInfo)>,
    starts: &[usize],
) -> (Vec<Vec<NameRef>>, Vec<NameInfo>) {
    let mut refs: Vec<Vec<NameRef>> = Vec::with_capacity(starts.len());
    let mut names: Vec<NameInfo> = Vec::with_capacity(items.len());
    let mut next = starts.iter().skip(1).peekable();
    let mut list: Vec<NameRef> = Vec::new();
    for (i, (entity, kind, info)) in items.into_iter().enumerate() {
        while next.peek().is_some_and(|&&end| end == i) {
            refs.push(std::mem::take(&mut list));
            next.next();
        }
        // One entity reached twice through the same key ("Sadrist Movement", "Sadrist
        // movement") keeps its strongest kind and accepts the lower-case words of both; a
        // code and a plain name stay separate, since they are checked differently.
        if let Some(r) = list
            .iter_mut()
            .find(|r| r.entity == entity && names[r.name as usize].is_code() == info.is_code())
        {
            let old = &mut names[r.name as usize];
            old.guarded &= info.guarded;
            for w in info.lower_words {
                if !old.lower_words.contains(&w) {
                    old.lower_words.push(w);
                }
            }
            if kind < r.kind {
                r.kind = kind;
            }
            continue;
        }
        list.push(NameRef {
            entity,
            name: names.len() as u32,
            kind,
        });
        names.push(info);
    }
    for _ in next {
        refs.push(std::mem::take(&mut list));
    }
    (refs, names)
}

impl Compiled {
    /// Compiles a gazetteer. Fails only if the automaton is too large to build.
    #[cfg(test)]
    pub(crate) fn new(gazetteer: Gazetteer) -> Result<Self> {
        Ok(Compiled::build_with(gazetteer, |_| ())?.0)
    }

    /// Compiles a gazetteer, and runs `side` on the compiled names while another thread
    /// builds the automaton (the variant stage builds its index this way).
    pub(crate) fn build_with<T: Send>(
        gazetteer: Gazetteer,
        side: impl FnOnce(&Patterns<'_>) -> T + Send,
    ) -> Result<(Self, T)> {
        let Sorted {
            keys,
            starts,
            items,
            context,
            descriptors,
        } = Sorted::new(&gazetteer);
        // The automaton needs only the keys: it is built on the pool's other threads while
        // this one groups the candidates and runs `side`.
        let (((refs, names), extra), automaton) = rayon::join(
            || {
                let (refs, names) = group(items, &starts);
                let patterns = Patterns {
                    gazetteer: &gazetteer,
                    keys: &keys,
                    refs: &refs,
                    names: &names,
                };
                let extra = side(&patterns);
                ((refs, names), extra)
            },
            || KeyAutomaton::build(&keys),
        );
        let saved = Saved {
            gazetteer,
            refs,
            names,
            context,
            descriptors,
        };
        Ok((Compiled::assemble(automaton?, keys, saved), extra))
    }

    /// The bundled gazetteers, compiled (for tests).
    #[cfg(test)]
    pub(crate) fn bundled() -> Compiled {
        Compiled::new(Gazetteer::bundled().expect("bundled gazetteers load")).expect("compiles")
    }

    /// The match keys, sorted (for tests).
    #[cfg(test)]
    pub(crate) fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Points the first candidate past the names (for the cache's tests).
    #[cfg(test)]
    pub(crate) fn break_an_index_for_test(&mut self) {
        self.refs[0][0].name = u32::MAX;
    }

    /// The match keys, sorted (for the benches).
    #[cfg(feature = "bench")]
    pub(crate) fn bench_keys(&self) -> &[String] {
        &self.keys
    }

    /// The compiled names, for indexes built over them.
    pub(crate) fn patterns(&self) -> Patterns<'_> {
        Patterns {
            gazetteer: &self.gazetteer,
            keys: &self.keys,
            refs: &self.refs,
            names: &self.names,
        }
    }

    /// The gazetteer this was compiled from.
    pub(crate) fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The entry at index `entity` (as in [`NameRef::entity`]).
    #[inline]
    pub(crate) fn entry(&self, entity: u32) -> &Entry {
        &self.gazetteer.entries()[entity as usize]
    }

    /// Every key that is a prefix of `key[from..]`, as (end offset, pattern), shortest first,
    /// appended to `out`.
    #[inline]
    pub(crate) fn prefixes(&self, key: &[u8], from: usize, out: &mut Vec<(usize, usize)>) {
        self.automaton.prefixes(key, from, out);
    }

    /// The first-level regions by name (built on first use).
    pub(crate) fn regions(&self) -> &Regions {
        self.regions.get_or_init(|| {
            let canonical = self.refs.iter().flatten();
            let canonical = canonical
                .filter(|r| r.kind == NameKind::Canonical)
                .map(|r| (r.entity, r.name));
            Regions::new(self.gazetteer.entries(), canonical)
        })
    }

    /// The candidate that links a mention to `region`: its canonical name.
    pub(crate) fn region_candidate(&self, region: u32) -> Option<NameRef> {
        let name = self.regions().canonical_name(region)?;
        Some(NameRef {
            entity: region,
            name,
            kind: NameKind::Canonical,
        })
    }

    /// The candidates behind pattern `pattern`.
    #[inline]
    pub(crate) fn candidates(&self, pattern: usize) -> &[NameRef] {
        &self.refs[pattern]
    }

    /// The details of a candidate's name.
    #[inline]
    pub(crate) fn name(&self, r: NameRef) -> &NameInfo {
        &self.names[r.name as usize]
    }

    /// The folded descriptors of an entity ("iranian general").
    pub(crate) fn descriptors(&self, entity: u32) -> &[String] {
        &self.descriptors[entity as usize]
    }

    /// Is the entity's context guard (if it has one) satisfied in this document: does one
    /// of its guard words occur, on word boundaries? Cached per document in `cache`.
    pub(crate) fn guard_ok(&self, doc: &Analysed<'_>, entity: u32, cache: &mut GuardCache) -> bool {
        if self.context[entity as usize].is_empty() {
            return true;
        }
        if let Some(&(_, ok)) = cache.0.iter().find(|(e, _)| *e == entity) {
            return ok;
        }
        let ok = self
            .guard_finders(entity)
            .iter()
            .any(|f| doc.contains_on_boundaries(f))
            || self
                .country_codes(entity)
                .iter()
                .any(|c| doc.contains_exactly(c));
        cache.0.push((entity, ok));
        ok
    }

    /// The codes of a guarded entity's country (none for the others).
    fn country_codes(&self, entity: u32) -> &[String] {
        match self.guard_country[entity as usize] {
            NO_COUNTRY => &[],
            c => &self.gazetteer.entries()[c as usize].codes,
        }
    }

    /// The searchers of an entity's context guard keys.
    fn guard_finders(&self, entity: u32) -> &[Finder<'static>] {
        self.guard_finders[entity as usize].get_or_init(|| {
            self.context[entity as usize]
                .iter()
                .map(|k| Finder::new(k.as_bytes()).into_owned())
                .collect()
        })
    }

    /// Everything compiling derives from the files, for the start-up cache and the prebuilt
    /// index: the keys, the automaton's bytes, then the rest.
    pub(crate) fn encode(&self) -> std::result::Result<Vec<u8>, postcard::Error> {
        let mut out = postcard::to_stdvec(&self.keys)?;
        let automaton = self.automaton.as_bytes();
        out.extend(postcard::to_stdvec(&(automaton.len() as u64))?);
        out.extend_from_slice(automaton);
        out.extend(postcard::to_stdvec(&(
            &self.gazetteer,
            &self.refs,
            &self.names,
            &self.context,
            &self.descriptors,
        ))?);
        Ok(out)
    }

    /// The inverse of [`Compiled::encode`], followed by `tail` on the bytes after it. Every
    /// index the stages follow is checked, so a damaged encoding is an error here and never
    /// a panic later.
    pub(crate) fn decode_with<T>(
        bytes: &[u8],
        tail: impl FnOnce(&[u8]) -> std::result::Result<T, String>,
    ) -> std::result::Result<(Self, T), String> {
        let (keys, rest): (Vec<String>, &[u8]) =
            postcard::take_from_bytes(bytes).map_err(|e| e.to_string())?;
        if keys.is_empty() || keys.iter().any(|k| k.is_empty()) {
            return Err("a match key is empty".into());
        }
        let (len, rest): (u64, &[u8]) =
            postcard::take_from_bytes(rest).map_err(|e| e.to_string())?;
        let Some((automaton, rest)) = usize::try_from(len)
            .ok()
            .filter(|&l| l <= rest.len())
            .map(|l| rest.split_at(l))
        else {
            return Err("the automaton is cut short".into());
        };
        let automaton =
            KeyAutomaton::from_bytes(automaton.to_vec(), &keys).map_err(|e| e.to_string())?;
        let (saved, after): (Saved, &[u8]) =
            postcard::take_from_bytes(rest).map_err(|e| e.to_string())?;
        let extra = tail(after)?;
        let compiled = Compiled::assemble(automaton, keys, saved);
        if !compiled.is_sound() {
            return Err("its indexes do not match its names".into());
        }
        Ok((compiled, extra))
    }

    fn assemble(automaton: KeyAutomaton, keys: Vec<String>, saved: Saved) -> Compiled {
        Compiled {
            automaton,
            guard_finders: saved.context.iter().map(|_| OnceLock::new()).collect(),
            guard_country: guard_countries(&saved.gazetteer, &saved.context),
            regions: OnceLock::new(),
            gazetteer: saved.gazetteer,
            keys,
            refs: saved.refs,
            names: saved.names,
            context: saved.context,
            descriptors: saved.descriptors,
        }
    }

    /// Whether every index the stages follow points at something (a check on a decoded
    /// cache).
    fn is_sound(&self) -> bool {
        let entities = self.gazetteer.entries().len();
        self.gazetteer.index_is_sound()
            && self.refs.len() == self.keys.len()
            && self.context.len() == entities
            && self.descriptors.len() == entities
            && self.keys.iter().zip(&self.refs).all(|(key, refs)| {
                refs.iter().all(|r| {
                    (r.entity as usize) < entities
                        && self
                            .names
                            .get(r.name as usize)
                            .is_some_and(|n| n.fits_key(key))
                })
            })
    }
}

/// The compiled names sorted by key, before they are grouped into patterns.
struct Sorted {
    /// Each distinct key once, sorted.
    keys: Vec<String>,
    /// `starts[i]..starts[i + 1]` are pattern `i`'s items.
    starts: Vec<usize>,
    /// (entity, kind, details) of every name, by key.
    items: Vec<(u32, NameKind, NameInfo)>,
    /// Per entity: folded context guard keys.
    context: Vec<Vec<String>>,
    /// Per entity: folded descriptors.
    descriptors: Vec<Vec<String>>,
}

impl Sorted {
    fn new(gazetteer: &Gazetteer) -> Sorted {
        let prepared = prepare_all(gazetteer.entries());
        let mut context = Vec::with_capacity(prepared.len());
        let mut descriptors = Vec::with_capacity(prepared.len());
        // Sized once: the names are moved twice more below, and a vector grown from empty
        // copied all of them at every doubling.
        let total: usize = prepared.iter().map(|p| p.names.len()).sum();
        let mut all: Vec<(String, u32, NameKind, NameInfo)> = Vec::with_capacity(total);
        for (entity, p) in prepared.into_iter().enumerate() {
            context.push(p.context);
            descriptors.push(p.descriptors);
            all.extend(
                p.names
                    .into_iter()
                    .filter(|(_, key, _)| !key.is_empty())
                    .map(|(kind, key, info)| (key, entity as u32, kind, info)),
            );
        }
        let mut keys: Vec<String> = Vec::with_capacity(all.len());
        let mut starts: Vec<usize> = Vec::with_capacity(all.len() + 1);
        let mut items: Vec<(u32, NameKind, NameInfo)> = Vec::with_capacity(all.len());
        let mut all: Vec<Option<(String, u32, NameKind, NameInfo)>> =
            all.into_iter().map(Some).collect();
        for i in key_order(&all) {
            let Some((key, entity, kind, info)) = all[i as usize].take() else {
                continue;
            };
            if keys.last() != Some(&key) {
                keys.push(key);
                starts.push(items.len());
            }
            items.push((entity, kind, info));
        }
        starts.push(items.len());
        Sorted {
            keys,
            starts,
            items,
            context,
            descriptors,
        }
    }
}

/// The order of the names by key. One pattern per distinct key, in sorted order: sorted
/// patterns build the trie (and its failure links) with far better memory locality, and
/// keys are unique, so the order changes no match. Ties keep their entity order, so the
/// candidates of a key stay in entity order. The sort moves (first eight key bytes, index)
/// pairs, not the names, and compares whole keys only when those bytes tie.
fn key_order<T>(all: &[Option<(String, u32, NameKind, T)>]) -> Vec<u32> {
    let key = |i: u32| all[i as usize].as_ref().map_or("", |x| x.0.as_str());
    let head = |k: &str| {
        let mut b = [0u8; 8];
        let n = k.len().min(8);
        b[..n].copy_from_slice(&k.as_bytes()[..n]);
        u64::from_be_bytes(b)
    };
    let mut order: Vec<(u64, u32)> = (0..all.len() as u32).map(|i| (head(key(i)), i)).collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| key(a.1).cmp(key(b.1)))
            .then(a.1.cmp(&b.1))
    });
    order.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::name_word_keys;

    #[test]
    fn candidates_stay_in_entity_order_and_merge() {
        // Enough entities to be prepared in several chunks.
        let mut tsv = String::from("id\ttype\tcanonical\taliases\n");
        for i in 0..5000 {
            let n = i % 2500;
            tsv.push_str(&format!("e{i}\tGPE\tPlace {n}\tShared Name|Place-{n}\n"));
        }
        let mut g = Gazetteer::default();
        g.add_str("t.tsv", &tsv).unwrap();
        let c = Compiled::new(g).unwrap();
        assert!(
            c.keys.windows(2).all(|w| w[0] < w[1]),
            "keys sorted and unique"
        );
        let pid = |k: &str| c.keys.iter().position(|x| x == k).unwrap();
        let shared = &c.refs[pid("sharedname")];
        assert_eq!(shared.len(), 5000);
        assert!(
            shared
                .iter()
                .enumerate()
                .all(|(i, r)| r.entity as usize == i)
        );
        let place = &c.refs[pid("place17")];
        let got: Vec<(u32, NameKind)> = place.iter().map(|r| (r.entity, r.kind)).collect();
        // "Place-17" folds like "Place 17": one candidate per entity, the stronger kind.
        assert_eq!(
            got,
            [(17, NameKind::Canonical), (2517, NameKind::Canonical)]
        );
        assert_eq!(c.context.len(), 5000);
        let mut hits = Vec::new();
        for (i, k) in c.keys.iter().enumerate() {
            hits.clear();
            c.automaton.prefixes(k.as_bytes(), 0, &mut hits);
            assert_eq!(hits.last(), Some(&(k.len(), i)));
        }
    }

    #[test]
    fn kept_word_keys_are_those_of_the_surface() {
        // The variant index reads the word keys compiling kept instead of tokenising each
        // name again; they must be what tokenising gives, for every bundled name.
        let c = Compiled::bundled();
        let patterns = c.patterns();
        let mut checked = 0;
        for (_, key, refs) in patterns.iter() {
            for &r in refs {
                let info = patterns.name(r);
                if info.is_code() {
                    continue;
                }
                let kept = info.word_keys(key);
                assert_eq!(kept, name_word_keys(info.surface()), "{}", info.surface());
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
