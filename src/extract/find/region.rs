//! "City, Region": a place named right before the first-level region it lies in ("Atlanta,
//! Georgia", "Seattle, Washington") says which Georgia and which Washington the second name
//! is: the US state, not the country or the capital the bare name stands for elsewhere. And a
//! listed place named right before a region it does not lie in ("Paris, Texas", "London,
//! Ontario") is another place of that name, not the listed one. A US state's bare name that
//! the gazetteers give to another place ("Georgia", listed as "State of Georgia") standing
//! alone in a document about the United States is the state. Rules in general terms:
//! docs/coreference.md, "A place and its region".

use super::hit::{Hit, HitKind};
use crate::gazetteer::{Compiled, Entry, NameRef};
use crate::text::Analysed;
use crate::text::normalize::name_word_keys;

/// Applies both readings to every listed place hit followed by a comma and a name.
pub(super) fn place_then_region(doc: &Analysed<'_>, hits: &mut Vec<Hit>, gaz: &Compiled) {
    let mut i = 0;
    while i < hits.len() {
        if !is_place_hit(&hits[i], gaz) || !comma_after(doc, &hits[i]) {
            i += 1;
            continue;
        }
        let next = hits.get(i + 1).filter(|n| n.first == hits[i].last + 1);
        if let Some((region, last)) = region_named_after(doc, &hits[i], gaz) {
            link_region(doc, hits, i, region, last, gaz);
        } else if let Some(region) = next.and_then(|n| only_region(n, gaz)) {
            if !list_goes_on(doc, &hits[i + 1]) && keep_places_in(&mut hits[i], region, gaz) {
                hits.remove(i);
                continue;
            }
        }
        i += 1;
    }
}

/// Links a region's bare name that no listed name of it spells ("Georgia" of "State of
/// Georgia") where it stands alone (no capitalised word joined to it, not in a headline),
/// no hit covers it, and the document's places lie clearly in the region's country (its
/// country named at least twice and twice as often as any other).
pub(super) fn bare_region_names(doc: &Analysed<'_>, hits: &mut Vec<Hit>, gaz: &Compiled) {
    let Some((country, n)) = leading_country(hits, gaz) else {
        return;
    };
    let mut covered = vec![false; doc.words().len()];
    for h in hits.iter() {
        covered[h.first..=h.last].fill(true);
    }
    let mut found = Vec::new();
    for &t in doc.starts() {
        let t = t as usize;
        if covered[t] || !stands_alone(doc, t) {
            continue;
        }
        let Some(region) = gaz.regions().bare_named(country, doc.key(t)) else {
            continue;
        };
        let Some(candidate) = gaz.region_candidate(region) else {
            continue;
        };
        let why = format!("a region of {country}, where {n} of the document's places lie");
        found.push(Hit {
            first: t,
            last: t,
            start: doc.words()[t].start(),
            end: doc.words()[t].end(),
            kind: HitKind::Listed {
                refs: vec![candidate],
                weight: doc.key(t).len(),
                variant: None,
                evidence: vec![(region, why)],
            },
        });
    }
    if !found.is_empty() {
        hits.extend(found);
        hits.sort_by_key(|h| h.start);
    }
}

/// The country most of the document's place hits lie in, with their number, when it
/// clearly leads ([`super::clear_leader`]).
fn leading_country<'g>(hits: &[Hit], gaz: &'g Compiled) -> Option<(&'g str, usize)> {
    let countries = hits.iter().filter_map(|h| {
        let mut countries = h.refs().iter().map(|r| {
            let e = gaz.entry(r.entity);
            e.kind.is_place().then_some(e.country.as_deref()).flatten()
        });
        let first = countries.next()??;
        countries.all(|o| o == Some(first)).then_some(first)
    });
    super::clear_leader(countries)
}

/// A capitalised word outside the headline with no capitalised word joined to it ("Georgia
/// Power", "Georgia O'Keeffe" are other names).
fn stands_alone(doc: &Analysed<'_>, t: usize) -> bool {
    let words = doc.words();
    let joined = |a: usize, b: usize| {
        words[a].is_capitalised()
            && words[b].is_capitalised()
            && doc.text()[words[a].end()..words[b].start()] == *" "
    };
    let joined_before = t > 0 && joined(t - 1, t);
    let joined_after = t + 1 < words.len() && joined(t, t + 1);
    words[t].is_capitalised() && !doc.in_headline(t) && !joined_before && !joined_after
}

/// Are all the hit's candidates places that are neither countries nor regions?
fn is_place_hit(h: &Hit, gaz: &Compiled) -> bool {
    let HitKind::Listed { refs, .. } = &h.kind else {
        return false;
    };
    !refs.is_empty()
        && refs.iter().all(|r| {
            let e = gaz.entry(r.entity);
            e.kind.is_place() && !e.is_country() && e.country.is_some()
        })
}

/// Is the hit followed by a comma, then (after spaces or a line break) the next word?
fn comma_after(doc: &Analysed<'_>, h: &Hit) -> bool {
    let Some(next) = doc.words().get(h.last + 1) else {
        return false;
    };
    doc.text()
        .get(h.end..next.start())
        .is_some_and(|between| between.trim_end() == "," && between.len() > 1)
}

/// The region a candidate of the hit lies in, when the words after the comma name it: the
/// region and the last word of its name. Every candidate that lies in a named region must
/// agree on it.
fn region_named_after(doc: &Analysed<'_>, h: &Hit, gaz: &Compiled) -> Option<(u32, usize)> {
    let regions = gaz.regions();
    let mut found = None;
    for r in h.refs() {
        let place = gaz.entry(r.entity);
        let Some(region) = regions.of_place(place) else {
            continue;
        };
        let Some(last) = names_region_at(doc, h.last + 1, place, region, gaz) else {
            continue;
        };
        match found {
            None => found = Some((region, last)),
            Some((other, _)) if other != region => return None,
            Some(_) => {}
        }
    }
    found
}

/// Do the capitalised words from `first` spell the context name of `place` that names
/// `region`? The last word of that name, if they do.
fn names_region_at(
    doc: &Analysed<'_>,
    first: usize,
    place: &Entry,
    region: u32,
    gaz: &Compiled,
) -> Option<usize> {
    let country = place.country.as_deref()?;
    place.context.iter().find_map(|name| {
        let words = name_word_keys(name);
        let last = first + words.len().checked_sub(1)?;
        let spelled = (first..=last).all(|w| {
            w < doc.words().len()
                && doc.words()[w].is_capitalised()
                && doc.key(w) == words[w - first]
        });
        let key: String = words.concat();
        (spelled && gaz.regions().named(country, &key) == Some(region)).then_some(last)
    })
}

/// Links words `hits[i].last + 1 ..= last` to `region`: the hit there is replaced, or a new
/// one made when no hit covers any of the words. A hit that covers them only in part is
/// left alone (another name holds the words).
fn link_region(
    doc: &Analysed<'_>,
    hits: &mut Vec<Hit>,
    i: usize,
    region: u32,
    last: usize,
    gaz: &Compiled,
) {
    let Some(candidate) = gaz.region_candidate(region) else {
        return;
    };
    let first = hits[i].last + 1;
    let place = &gaz.entry(hits[i].refs()[0].entity).canonical;
    let why = format!("the region of {place}, named right after it");
    let hit = Hit {
        first,
        last,
        start: doc.words()[first].start(),
        end: doc.words()[last].end(),
        kind: HitKind::Listed {
            refs: vec![candidate],
            weight: (first..=last).map(|w| doc.key(w).len()).sum(),
            variant: None,
            evidence: vec![(
                region,
                format!("the region of {place}, named right after it"),
            )],
        },
    };
    match hits.get_mut(i + 1) {
        // The words are already the region's name: keep that candidate alone, as matched.
        Some(Hit {
            first: f,
            last: l,
            kind: HitKind::Listed { refs, evidence, .. },
            ..
        }) if *f == first && *l == last && refs.iter().any(|r| r.entity == region) => {
            refs.retain(|r| r.entity == region);
            evidence.push((region, why));
        }
        Some(n) if n.first == first && n.last == last => *n = hit,
        Some(n) if n.first <= last => {}
        _ => hits.insert(i + 1, hit),
    }
}

/// The region a hit names, when all its candidates are one first-level region.
fn only_region(h: &Hit, gaz: &Compiled) -> Option<u32> {
    let HitKind::Listed { refs, .. } = &h.kind else {
        return None;
    };
    let first = refs.first()?.entity;
    (refs.iter().all(|r| r.entity == first) && gaz.entry(first).is_region()).then_some(first)
}

/// Does a list of names go on after the hit ("Tokyo, Texas and London")? Then the comma
/// before it separated two items, not a place and its region.
fn list_goes_on(doc: &Analysed<'_>, h: &Hit) -> bool {
    let rest = doc.text().get(h.end..).unwrap_or("");
    let rest = rest.trim_start();
    let after_and = rest
        .strip_prefix("and ")
        .or_else(|| rest.strip_prefix("or "))
        .map(str::trim_start);
    after_and.is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
}

/// Keeps the place hit's candidates that may lie in `region`: those whose own region it is,
/// and those of its country with no region listed. True when none is left: the place is
/// another of that name.
fn keep_places_in(h: &mut Hit, region: u32, gaz: &Compiled) -> bool {
    let country = gaz.entry(region).country.clone();
    let HitKind::Listed { refs, .. } = &mut h.kind else {
        return false;
    };
    refs.retain(|r: &NameRef| {
        let place = gaz.entry(r.entity);
        match gaz.regions().of_place(place) {
            Some(own) => own == region,
            None => place.country == country,
        }
    });
    refs.is_empty()
}

#[cfg(test)]
mod tests {
    use crate::extract::testing::{lexicon, mentions};

    const PLACES: &str = "id\ttype\tcanonical\taliases\tcountry\tcontext\tattrs\n\
        gpe.us\tGPE\tUnited States\tUS\tUS\t\tiso3=USA\n\
        gpe.ge\tGPE\tGeorgia\t\tGE\tTbilisi\tiso3=GEO\n\
        gpe.ga\tGPE\tState of Georgia\t\tUS\t\tadmin_level=1\n\
        gpe.tx\tGPE\tTexas\t\tUS\t\tadmin_level=1\n\
        gpe.on\tGPE\tOntario\t\tCA\t\tfeature=A.ADM1\n\
        gpe.atl\tGPE\tAtlanta\t\tUS\tUnited States|Georgia\tfeature=P\n\
        gpe.dal\tGPE\tDallas\t\tUS\tUnited States|Texas\tfeature=P\n\
        gpe.par\tGPE\tParis\t\tFR\t\t\n\
        gpe.lon\tGPE\tLondon\t\tGB\t\t\n\
        gpe.tok\tGPE\tTokyo\t\tJP\t\t\n\
        gpe.osa\tGPE\tOsaka\t\tJP\t\t\n\
        gpe.hou\tGPE\tHouston\t\tUS\tUnited States|Texas\tfeature=P\n";

    fn links(text: &str) -> Vec<(String, String)> {
        mentions(&lexicon(PLACES, false), text)
            .into_iter()
            .map(|m| (m.text, m.entity))
            .collect()
    }

    fn has(found: &[(String, String)], text: &str, entity: &str) -> bool {
        found.iter().any(|(t, e)| t == text && e == entity)
    }

    #[test]
    fn a_region_named_after_its_city_is_the_region() {
        let found = links("The plant in Atlanta, Georgia, closed on Monday.");
        assert!(has(&found, "Atlanta", "gpe.atl"), "{found:?}");
        assert!(has(&found, "Georgia", "gpe.ga"), "{found:?}");
        // Across a line break too.
        let found = links("The plant in Atlanta,\nGeorgia closed on Monday.");
        assert!(has(&found, "Georgia", "gpe.ga"), "{found:?}");
    }

    #[test]
    fn the_bare_name_elsewhere_keeps_its_own_reading() {
        // Not after a city of the state: the country, on its own evidence.
        let found = links("Talks in Tbilisi went on. Georgia said it would sign.");
        assert!(has(&found, "Georgia", "gpe.ge"), "{found:?}");
        // After a city of another region, or with no comma, nothing changes.
        let found = links("Dallas, Georgia and Tbilisi were named. Atlanta Georgia fans.");
        assert!(!has(&found, "Georgia", "gpe.ga"), "{found:?}");
    }

    #[test]
    fn a_bare_state_name_in_a_story_about_its_country_is_the_state() {
        let us = "Banks in Dallas, Texas, and Houston lent more. ";
        let found = links(&format!(
            "{us}Georgia regulators agreed; growth in Georgia slowed."
        ));
        // "Georgia regulators": joined to no capitalised word, so linked too.
        assert_eq!(
            found
                .iter()
                .filter(|(t, e)| t == "Georgia" && e == "gpe.ga")
                .count(),
            2,
            "{found:?}"
        );
        // Not in a story led by another country, not joined to another capitalised word,
        // and not where the country's own evidence holds ("Tbilisi").
        let found = links("Tokyo and Osaka lenders met. Growth in Georgia slowed.");
        assert!(!found.iter().any(|(t, _)| t == "Georgia"), "{found:?}");
        let found = links(&format!("{us}Georgia Power said growth in Georgia slowed."));
        assert_eq!(
            found.iter().filter(|(t, _)| t == "Georgia").count(),
            1,
            "{found:?}"
        );
        let found = links(&format!("{us}In Tbilisi, Georgia said talks would go on."));
        assert!(has(&found, "Georgia", "gpe.ge"), "{found:?}");
        assert!(!has(&found, "Georgia", "gpe.ga"), "{found:?}");
    }

    #[test]
    fn a_listed_place_before_a_region_it_is_not_in_is_another_place() {
        let found = links("The rodeo in Paris, Texas, drew a crowd. London, Ontario, voted.");
        assert!(
            !found.iter().any(|(t, _)| t == "Paris" || t == "London"),
            "{found:?}"
        );
        assert!(has(&found, "Texas", "gpe.tx"), "{found:?}");
        // A place of the region stays, and so does a place in a list that goes on.
        let found = links("Offices in Dallas, Texas, and in Tokyo, Texas and London opened.");
        assert!(has(&found, "Dallas", "gpe.dal"), "{found:?}");
        assert!(has(&found, "Tokyo", "gpe.tok"), "{found:?}");
        assert!(has(&found, "London", "gpe.lon"), "{found:?}");
    }
}
