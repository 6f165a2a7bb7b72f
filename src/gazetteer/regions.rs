//! The first-level regions of the gazetteers (US states, Canadian provinces…) by their bare
//! names within a country, for the "City, Region" rule of stage 3 (`extract/find/region.rs`).
//! Built the first time a document asks, not at start-up.

use super::entry::Entry;
use crate::text::normalize::name_key;
use std::collections::HashMap;

/// The regions by country and bare name, and each region's canonical name as a candidate.
pub(crate) struct Regions {
    /// Per country code, folded bare name → the region; `None` when two regions of one
    /// country share the name.
    by_name: HashMap<String, HashMap<String, Option<u32>>>,
    /// Per country, the bare names that differ from every name the region is listed by
    /// ("Georgia" of "State of Georgia"), folded → the region (`None` when shared).
    bare_only: HashMap<String, HashMap<String, Option<u32>>>,
    /// A region's canonical name (its index among the compiled names), to link a mention
    /// to it.
    canonical: HashMap<u32, u32>,
}

/// Records `region` under `key`, or no region when another has the key too.
fn note(map: &mut HashMap<String, Option<u32>>, key: String, region: u32) {
    map.entry(key)
        .and_modify(|r| {
            if *r != Some(region) {
                *r = None;
            }
        })
        .or_insert(Some(region));
}

impl Regions {
    /// The regions, as (entity, entry); `canonical` gives their canonical names as
    /// (entity, name index).
    pub(super) fn new<'a>(
        regions: impl Iterator<Item = (u32, &'a Entry)>,
        canonical: impl Iterator<Item = (u32, u32)>,
    ) -> Regions {
        let mut by_name: HashMap<String, HashMap<String, Option<u32>>> = HashMap::new();
        let mut bare_only: HashMap<String, HashMap<String, Option<u32>>> = HashMap::new();
        for (i, e) in regions {
            let Some(country) = &e.country else { continue };
            let names: Vec<&str> = std::iter::once(e.canonical.as_str())
                .chain(e.aliases.iter().map(|a| a.name.as_str()))
                .collect();
            let listed: Vec<String> = names.iter().map(|n| name_key(n)).collect();
            for name in names {
                let key = name_key(bare(name));
                if key.is_empty() {
                    continue;
                }
                if !listed.contains(&key) {
                    note(
                        bare_only.entry(country.clone()).or_default(),
                        key.clone(),
                        i,
                    );
                }
                note(by_name.entry(country.clone()).or_default(), key, i);
            }
        }
        let canonical = canonical.collect();
        Regions {
            by_name,
            bare_only,
            canonical,
        }
    }

    /// The region of `country` whose bare name is `key` when no listed name of it is
    /// ("georgia" of "State of Georgia"), if exactly one region's is.
    pub(crate) fn bare_named(&self, country: &str, key: &str) -> Option<u32> {
        *self.bare_only.get(country)?.get(key)?
    }

    /// The region of `country` called `key` (a folded name), if exactly one is.
    pub(crate) fn named(&self, country: &str, key: &str) -> Option<u32> {
        *self.by_name.get(country)?.get(key)?
    }

    /// The index of `region`'s canonical name among the compiled names.
    pub(super) fn canonical_name(&self, region: u32) -> Option<u32> {
        self.canonical.get(&region).copied()
    }

    /// The region a place lies in: the first name of its context guard that names a region
    /// of its country (the GeoNames imports guard a place with its region's name).
    pub(crate) fn of_place(&self, place: &Entry) -> Option<u32> {
        let country = place.country.as_deref()?;
        place
            .context
            .iter()
            .find_map(|c| self.named(country, &name_key(c)))
    }
}

/// A region's name without the words that set a US state apart from its namesake: "State of
/// Georgia" and "Washington State" are Georgia and Washington after a city of the state.
fn bare(name: &str) -> &str {
    name.strip_prefix("State of ")
        .or_else(|| name.strip_suffix(" State"))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_names_drop_only_the_state_words() {
        assert_eq!(bare("State of Georgia"), "Georgia");
        assert_eq!(bare("Washington State"), "Washington");
        assert_eq!(bare("New South Wales"), "New South Wales");
        assert_eq!(bare("Statesboro"), "Statesboro");
    }
}
