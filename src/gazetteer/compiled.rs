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
use super::entities::Entities;
use super::entry::{EntityType, Entry, NoMerge};
use super::load::Gazetteer;
use super::names::{Name, NameInfo, NameKind, NameTable, prepare_all};
use super::regions::Regions;
use crate::error::{Error, Result};
use crate::text::Analysed;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
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
///
/// Everything is kept in flat arrays and encoded records, read in place: a cache or a
/// prebuilt index is a handful of sections read straight into these fields, with nothing to
/// build (docs/performance.md, "Gazetteers of millions of names").
pub(crate) struct Compiled {
    /// Maps each key to its pattern index.
    automaton: KeyAutomaton,
    /// Pattern `i`'s candidates are `starts[i]..starts[i + 1]` in `entity_of` and `kind_of`,
    /// and candidate `j`'s name is name `j`.
    starts: Vec<u32>,
    entity_of: Vec<u32>,
    kind_of: Vec<NameKind>,
    names: NameTable,
    /// The entities, decoded when first asked for.
    entities: Entities,
    /// Per entity: the entity whose codes ("U.S.", "USA") also meet its context guard when
    /// written exactly so (folded, "U.S." would be the word "us"): its country, or
    /// [`NO_COUNTRY`]; [`UNGUARDED`] for an entity without a guard, which a hit need not
    /// decode to find out. An index, not a copy of the codes: every guarded city has one.
    guard_country: Vec<u32>,
    /// The entities that are first-level regions, in order.
    region_ids: Vec<u32>,
    /// Per entity: its type and whether it is a country, which the stages ask of every
    /// candidate: a candidate turned down on these is never decoded.
    facts: Vec<Facts>,
    /// The first-level regions by name, built the first time a document asks.
    regions: OnceLock<Regions>,
}

/// The compiled names without the automaton: what other indexes over the names (the
/// variant stage's) are built from, while the automaton builds.
pub(crate) struct Patterns<'a> {
    kinds: &'a [EntityType],
    no_merge: &'a [NoMerge],
    keys: &'a [String],
    refs: &'a [NameRef],
    starts: &'a [u32],
    names: &'a [Item],
}

impl<'a> Patterns<'a> {
    /// Every pattern: its index, its key and its candidates.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, &'a str, &'a [NameRef])> + '_ {
        self.keys.iter().enumerate().map(|(i, k)| {
            let refs = &self.refs[self.starts[i] as usize..self.starts[i + 1] as usize];
            (i, k.as_str(), refs)
        })
    }

    /// The details of a candidate's name.
    pub(crate) fn name(&self, r: NameRef) -> &'a NameInfo {
        &self.names[r.name as usize].3
    }

    /// The type of a candidate's entity.
    pub(crate) fn kind(&self, entity: u32) -> EntityType {
        self.kinds[entity as usize]
    }

    /// The must-not-merge pairs.
    pub(crate) fn no_merge(&self) -> &'a [NoMerge] {
        self.no_merge
    }
}

/// The small arrays of [`Compiled`], saved as one section.
#[derive(Serialize, Deserialize)]
struct Saved {
    starts: Vec<u32>,
    entity_of: Vec<u32>,
    kind_of: Vec<NameKind>,
    guard_country: Vec<u32>,
    region_ids: Vec<u32>,
    facts: Vec<Facts>,
}

/// An entity's type, whether it is a country, must be placed, has a context guard or a
/// lifetime, in one byte: what most candidates are turned down on, without decoding the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Facts(u8);

impl Facts {
    const COUNTRY: u8 = 0x80;
    const PLACED: u8 = 0x40;
    const GUARDED: u8 = 0x20;
    const DATED: u8 = 0x10;

    fn of(e: &Entry) -> Facts {
        let kind = match e.kind {
            EntityType::Person => 0,
            EntityType::Org => 1,
            EntityType::Gpe => 2,
            EntityType::Loc => 3,
            EntityType::Facility => 4,
        };
        let bit = |on: bool, b: u8| if on { b } else { 0 };
        Facts(
            kind | bit(e.is_country(), Self::COUNTRY)
                | bit(e.needs_placing(), Self::PLACED)
                | bit(!e.context.is_empty(), Self::GUARDED)
                | bit(e.active.is_some(), Self::DATED),
        )
    }

    /// The entity's type.
    pub(crate) fn kind(self) -> EntityType {
        match self.0 & 0x7 {
            0 => EntityType::Person,
            1 => EntityType::Org,
            2 => EntityType::Gpe,
            3 => EntityType::Loc,
            _ => EntityType::Facility,
        }
    }

    /// Is the entity a country ([`Entry::is_country`])?
    pub(crate) fn is_country(self) -> bool {
        self.0 & Self::COUNTRY != 0
    }

    /// Must the text place the entity ([`Entry::needs_placing`])?
    pub(crate) fn needs_placing(self) -> bool {
        self.0 & Self::PLACED != 0
    }

    /// Does the entry carry a context guard (its `context` column)?
    pub(crate) fn is_guarded(self) -> bool {
        self.0 & Self::GUARDED != 0
    }

    /// Does the entry carry a lifetime (its `active` column)?
    pub(crate) fn is_dated(self) -> bool {
        self.0 & Self::DATED != 0
    }
}

/// [`Compiled::guard_country`] of a guarded entity without a listed country.
const NO_COUNTRY: u32 = u32::MAX;
/// [`Compiled::guard_country`] of an entity without a context guard.
const UNGUARDED: u32 = u32::MAX - 1;

/// Per entity: the index of the country of a guarded entity ([`NO_COUNTRY`] when it has
/// none, [`UNGUARDED`] for the others): a place's context guard names its country ("United
/// States"), and wire copy writes "U.S.".
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
            // A place the text must place names its region and country in its guard words
            // (to find them, `Regions::of_place`), but being placed is its check.
            _ if guard.is_empty() || e.needs_placing() => UNGUARDED,
            Some(c) => countries.get(c).copied().unwrap_or(NO_COUNTRY),
            None => NO_COUNTRY,
        })
        .collect()
}

/// Per document: which entities' context guards the document has been found to satisfy.
#[derive(Default)]
pub(crate) struct GuardCache(rustc_hash::FxHashMap<u32, bool>);

/// A compiled name while compiling: its key (kept only by the first name of each pattern,
/// see [`Sorted`]), entity, kind and details.
type Item = (String, u32, NameKind, NameInfo);

/// The candidates of each pattern, from the items sorted by key (`starts[i]..starts[i + 1]`
/// are pattern `i`'s), as one flat array with each pattern's start. The items become the
/// names the candidates point to, in place: an entity reached twice through one key keeps
/// one name, and the vector is shortened to the names kept.
fn group(items: &mut Vec<Item>, starts: &[usize]) -> (Vec<NameRef>, Vec<u32>) {
    let mut refs: Vec<NameRef> = Vec::with_capacity(items.len());
    let mut ref_starts: Vec<u32> = Vec::with_capacity(starts.len());
    let mut next = starts.iter().peekable();
    let mut begun = 0;
    let mut kept = 0;
    for i in 0..items.len() {
        while next.peek().is_some_and(|&&start| start == i) {
            ref_starts.push(refs.len() as u32);
            begun = refs.len();
            next.next();
        }
        let (_, entity, kind, _) = items[i];
        let code = items[i].3.is_code();
        // One entity reached twice through the same key ("Sadrist Movement", "Sadrist
        // movement") keeps its strongest kind and accepts the lower-case words of both; a
        // code and a plain name stay separate, since they are checked differently.
        if let Some(r) = refs[begun..]
            .iter_mut()
            .find(|r| r.entity == entity && items[r.name as usize].3.is_code() == code)
        {
            let info = std::mem::take(&mut items[i].3);
            let old = &mut items[r.name as usize].3;
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
        refs.push(NameRef {
            entity,
            name: kept as u32,
            kind,
        });
        items.swap(kept, i);
        kept += 1;
    }
    for _ in next {
        ref_starts.push(refs.len() as u32);
    }
    items.truncate(kept);
    (refs, ref_starts)
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
        let entries = gazetteer.entries();
        let guard_country = guard_countries(&gazetteer, &context);
        let region_ids = (0..entries.len() as u32)
            .filter(|&i| entries[i as usize].is_region())
            .collect();
        let kinds: Vec<EntityType> = entries.iter().map(|e| e.kind).collect();
        let facts = entries.iter().map(Facts::of).collect();
        let no_merge = gazetteer.no_merge().to_vec();
        // The entries are encoded first, so that their owned form (most of a gazetteer's
        // memory) is freed before the names are grouped and indexed.
        let entities = Entities::new(gazetteer, context, descriptors).map_err(Error::Automaton)?;
        // The automaton needs only the keys: it is built on the pool's other threads while
        // this one groups the candidates and runs `side`.
        let mut names = items;
        let (((refs, starts), extra), automaton) = rayon::join(
            || {
                let (refs, starts) = group(&mut names, &starts);
                let patterns = Patterns {
                    kinds: &kinds,
                    no_merge: &no_merge,
                    keys: &keys,
                    refs: &refs,
                    starts: &starts,
                    names: &names,
                };
                let extra = side(&patterns);
                ((refs, starts), extra)
            },
            || KeyAutomaton::build(&keys),
        );
        drop(keys);
        let saved = Saved {
            guard_country,
            region_ids,
            facts,
            starts,
            entity_of: refs.iter().map(|r| r.entity).collect(),
            kind_of: refs.iter().map(|r| r.kind).collect(),
        };
        drop(refs);
        // Encoding into memory fails only if the names take 4 GiB or more.
        let names = NameTable::new(names.iter().map(|n| &n.3)).map_err(Error::Automaton)?;
        Ok((
            Compiled::assemble(automaton?, names, entities, saved),
            extra,
        ))
    }

    /// The bundled gazetteers, compiled (for tests).
    #[cfg(test)]
    pub(crate) fn bundled() -> Compiled {
        Compiled::new(Gazetteer::bundled().expect("bundled gazetteers load")).expect("compiles")
    }

    /// The match keys, sorted (for tests and benches): read back from the automaton.
    #[cfg(any(test, feature = "bench"))]
    pub(crate) fn keys(&self) -> Vec<String> {
        self.automaton.keys()
    }

    /// Points the first candidate at a missing entity (for the cache's tests).
    #[cfg(test)]
    pub(crate) fn break_an_index_for_test(&mut self) {
        self.entity_of[0] = u32::MAX;
    }

    /// The entities this was compiled from.
    pub(crate) fn entities(&self) -> &Entities {
        &self.entities
    }

    /// The type of entity `entity` and whether it is a country, without decoding its entry.
    #[inline]
    pub(crate) fn facts(&self, entity: u32) -> Facts {
        self.facts[entity as usize]
    }

    /// The entry at index `entity` (as in [`NameRef::entity`]).
    #[inline]
    pub(crate) fn entry(&self, entity: u32) -> &Entry {
        self.entities.decoded(entity).entry()
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
            let is_region = |e: u32| self.region_ids.binary_search(&e).is_ok();
            let canonical = (0..self.entity_of.len())
                .filter(|&j| self.kind_of[j] == NameKind::Canonical)
                .filter(|&j| is_region(self.entity_of[j]))
                .map(|j| (self.entity_of[j], j as u32));
            let regions = self.region_ids.iter().map(|&i| (i, self.entry(i)));
            Regions::new(regions, canonical)
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

    /// The candidates behind pattern `pattern` (none for a pattern out of range).
    #[inline]
    pub(crate) fn candidates(&self, pattern: usize) -> impl Iterator<Item = NameRef> + Clone + '_ {
        let range = match self.starts.get(pattern..pattern + 2) {
            Some(&[a, b]) => a..b,
            _ => 0..0,
        };
        range.map(|j| NameRef {
            entity: self.entity_of[j as usize],
            name: j,
            kind: self.kind_of[j as usize],
        })
    }

    /// The details of a candidate's name.
    #[inline]
    pub(crate) fn name(&self, r: NameRef) -> Name<'_> {
        self.names.get(r.name)
    }

    /// The folded descriptors of an entity ("iranian general").
    pub(crate) fn descriptors(&self, entity: u32) -> &[String] {
        self.entities.decoded(entity).descriptors()
    }

    /// Is the entity's context guard (if it has one) satisfied in this document: does one
    /// of its guard words occur, on word boundaries? Cached per document in `cache`.
    pub(crate) fn guard_ok(&self, doc: &Analysed<'_>, entity: u32, cache: &mut GuardCache) -> bool {
        // The byte of facts first: a smaller array than the guards', read at random.
        if !self.facts(entity).is_guarded() || self.guard_country[entity as usize] == UNGUARDED {
            return true;
        }
        if let Some(&ok) = cache.0.get(&entity) {
            return ok;
        }
        let decoded = self.entities.decoded(entity);
        let ok = decoded
            .finders()
            .iter()
            .any(|f| doc.contains_on_boundaries(f))
            || self
                .country_codes(entity)
                .iter()
                .chain(self.region_codes(entity))
                .any(|c| doc.contains_exactly(c));
        cache.0.insert(entity, ok);
        ok
    }

    /// The codes of a guarded place's first-level region ("Wash." of a city of Washington
    /// State), whose guard names the region but not its abbreviation.
    fn region_codes(&self, entity: u32) -> &[String] {
        if !self.facts(entity).kind().is_place() {
            return &[];
        }
        match self.regions().of_place(self.entry(entity)) {
            Some(region) => &self.entry(region).codes,
            None => &[],
        }
    }

    /// The codes of a guarded entity's country (none for the others).
    fn country_codes(&self, entity: u32) -> &[String] {
        match self.guard_country[entity as usize] {
            NO_COUNTRY | UNGUARDED => &[],
            c => &self.entry(c).codes,
        }
    }

    /// Everything compiling derives from the files, as sections for the start-up cache and
    /// the prebuilt index: the automaton's two, the entities' three, the names' two, and
    /// the small arrays.
    pub(crate) fn sections(&self) -> std::result::Result<Vec<Cow<'_, [u8]>>, postcard::Error> {
        let mut out: Vec<Cow<'_, [u8]>> = Vec::with_capacity(Self::SECTIONS);
        out.extend(self.automaton.sections()?);
        out.extend(self.entities.sections()?);
        out.extend(self.names.sections()?);
        out.push(Cow::Owned(postcard::to_stdvec(&(
            &self.starts,
            &self.entity_of,
            &self.kind_of,
            &self.guard_country,
            &self.region_ids,
            &self.facts,
        ))?));
        Ok(out)
    }

    /// The number of sections [`Compiled::sections`] writes.
    pub(crate) const SECTIONS: usize = 8;

    /// The inverse of [`Compiled::sections`], taking them in order. Every index the stages
    /// follow is checked, so a damaged encoding is an error here and never a panic later.
    pub(crate) fn from_sections(
        sections: &mut impl Iterator<Item = Vec<u8>>,
    ) -> std::result::Result<Self, String> {
        let mut next = || sections.next().ok_or("a section is missing");
        let automaton = KeyAutomaton::from_sections(next()?, &next()?)?;
        let entities = Entities::from_sections(next()?, next()?, &next()?)?;
        let names = NameTable::from_sections(next()?, &next()?)?;
        let saved: Saved = postcard::from_bytes(&next()?).map_err(|e| e.to_string())?;
        let compiled = Compiled::assemble(automaton, names, entities, saved);
        if !compiled.is_sound() {
            return Err("its indexes do not match its names".into());
        }
        Ok(compiled)
    }

    fn assemble(
        automaton: KeyAutomaton,
        names: NameTable,
        entities: Entities,
        saved: Saved,
    ) -> Compiled {
        Compiled {
            automaton,
            starts: saved.starts,
            entity_of: saved.entity_of,
            kind_of: saved.kind_of,
            names,
            entities,
            guard_country: saved.guard_country,
            region_ids: saved.region_ids,
            facts: saved.facts,
            regions: OnceLock::new(),
        }
    }

    /// Whether every index the stages follow points at something (a check on a decoded
    /// cache).
    fn is_sound(&self) -> bool {
        let entities = self.entities.len();
        let in_range = |&i: &u32| (i as usize) < entities;
        let candidates = self.entity_of.len();
        self.starts.len() == self.automaton.len() + 1
            && self.starts.first() == Some(&0)
            && self.starts.last() == Some(&(candidates as u32))
            && self.starts.windows(2).all(|w| w[0] <= w[1])
            && self.kind_of.len() == candidates
            && self.names.len() == candidates
            && self.entity_of.iter().all(in_range)
            && self.guard_country.len() == entities
            && self.facts.len() == entities
            && self
                .guard_country
                .iter()
                .all(|c| *c >= UNGUARDED || in_range(c))
            && self.region_ids.iter().all(in_range)
            && self.region_ids.windows(2).all(|w| w[0] < w[1])
    }
}

/// The compiled names sorted by key, before they are grouped into patterns.
struct Sorted {
    /// Each distinct key once, sorted.
    keys: Vec<String>,
    /// `starts[i]..starts[i + 1]` are pattern `i`'s items.
    starts: Vec<usize>,
    /// Every name, by key.
    items: Vec<Item>,
    /// Per entity: folded context guard keys.
    context: Vec<Vec<String>>,
    /// Per entity: folded descriptors.
    descriptors: Vec<Vec<String>>,
}

impl Sorted {
    fn new(gazetteer: &Gazetteer) -> Sorted {
        let entries = gazetteer.entries();
        let mut context = Vec::with_capacity(entries.len());
        let mut descriptors = Vec::with_capacity(entries.len());
        // Sized once, for as many names as the entries can compile to (a person's name
        // yields at most three short forms): a vector grown from empty copied all of them
        // at every doubling, and capacity never written costs no memory.
        let bound: usize = entries
            .iter()
            .map(|e| {
                let names = 1 + e.aliases.len();
                let short = if e.kind == EntityType::Person { 3 } else { 0 };
                names * (1 + short) + e.codes.len()
            })
            .sum();
        let mut all: Vec<Item> = Vec::with_capacity(bound);
        // Prepared a block at a time, so that only one block's names are held twice.
        for (b, block) in entries.chunks(PREPARE_BLOCK).enumerate() {
            let first = (b * PREPARE_BLOCK) as u32;
            for (i, p) in prepare_all(block).into_iter().enumerate() {
                let entity = first + i as u32;
                context.push(p.context);
                descriptors.push(p.descriptors);
                all.extend(
                    p.names
                        .into_iter()
                        .filter(|(_, key, _)| !key.is_empty())
                        .map(|(kind, key, info)| (key, entity, kind, info)),
                );
            }
        }
        let order = key_order(&all);
        permute(&mut all, order);
        // Each distinct key once; the items keep an empty string where their key was (one
        // buffer: a second vector of the items cost 100 bytes a name).
        let mut keys: Vec<String> = Vec::new();
        let mut starts: Vec<usize> = Vec::new();
        for (i, item) in all.iter_mut().enumerate() {
            if keys.last() != Some(&item.0) {
                keys.push(std::mem::take(&mut item.0));
                starts.push(i);
            } else {
                item.0 = String::new();
            }
        }
        let items = all;
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

/// Entries prepared at a time while compiling.
const PREPARE_BLOCK: usize = 1 << 16;

/// The order of the names by key. One pattern per distinct key, in sorted order: sorted
/// patterns build the trie (and its failure links) with far better memory locality, and
/// keys are unique, so the order changes no match. Ties keep their entity order, so the
/// candidates of a key stay in entity order. The sort moves (first eight key bytes, index)
/// pairs, not the names, and compares whole keys only when those bytes tie.
fn key_order(all: &[Item]) -> Vec<u32> {
    let key = |i: u32| all[i as usize].0.as_str();
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

/// Reorders `v` so that its element `i` is the one that was at `order[i]`, in place (by
/// following the permutation's cycles), so that sorting a million names needs no second
/// vector of them.
fn permute<T>(v: &mut [T], order: Vec<u32>) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut i = start;
        while !done[i] {
            done[i] = true;
            let from = order[i] as usize;
            if from == start {
                break;
            }
            v.swap(i, from);
            i = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::name_word_keys;

    #[test]
    fn facts_give_each_entitys_type_and_countryhood_without_its_entry() {
        let c = Compiled::bundled();
        let mut countries = 0;
        for i in 0..c.entities().len() as u32 {
            let (facts, entry) = (c.facts(i), c.entry(i));
            assert_eq!(facts.kind(), entry.kind, "{}", entry.id);
            assert_eq!(facts.is_country(), entry.is_country(), "{}", entry.id);
            assert_eq!(facts.needs_placing(), entry.needs_placing(), "{}", entry.id);
            assert_eq!(
                facts.is_guarded(),
                !entry.context.is_empty(),
                "{}",
                entry.id
            );
            assert_eq!(facts.is_dated(), entry.active.is_some(), "{}", entry.id);
            countries += usize::from(facts.is_country());
        }
        assert!(countries > 150, "{countries}");
    }

    #[test]
    fn permute_puts_each_element_where_the_order_says() {
        let orders: [&[u32]; 4] = [&[], &[0, 1, 2], &[2, 0, 1], &[3, 2, 4, 0, 1, 5]];
        for order in orders {
            let mut v: Vec<u32> = (0..order.len() as u32).map(|i| i * 10).collect();
            permute(&mut v, order.to_vec());
            let want: Vec<u32> = order.iter().map(|&i| i * 10).collect();
            assert_eq!(v, want, "order {order:?}");
        }
    }

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
        let keys = c.keys();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "keys sorted and unique"
        );
        let pid = |k: &str| keys.iter().position(|x| x == k).unwrap();
        let shared: Vec<NameRef> = c.candidates(pid("sharedname")).collect();
        assert_eq!(shared.len(), 5000);
        assert!(
            shared
                .iter()
                .enumerate()
                .all(|(i, r)| r.entity as usize == i)
        );
        let place: Vec<NameRef> = c.candidates(pid("place17")).collect();
        let got: Vec<(u32, NameKind)> = place.iter().map(|r| (r.entity, r.kind)).collect();
        // "Place-17" folds like "Place 17": one candidate per entity, the stronger kind.
        assert_eq!(
            got,
            [(17, NameKind::Canonical), (2517, NameKind::Canonical)]
        );
        assert_eq!(c.entities().len(), 5000);
        let mut hits = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            hits.clear();
            c.automaton.prefixes(k.as_bytes(), 0, &mut hits);
            assert_eq!(hits.last(), Some(&(k.len(), i)));
        }
    }

    #[test]
    fn kept_word_keys_are_those_of_the_surface() {
        // The variant index reads the word keys compiling kept instead of tokenising each
        // name again; they must be what tokenising gives, for every bundled name.
        let g = Gazetteer::bundled().expect("bundled gazetteers load");
        let (_, checked) = Compiled::build_with(g, |patterns| {
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
            checked
        })
        .unwrap();
        assert!(checked > 10_000, "{checked}");
    }
}
