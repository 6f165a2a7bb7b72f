//! Sieves 1 to 3: gazetteer hits to mentions. A hit whose full names point at one entity
//! anchors it in the document; a name several entities share goes to the one anchored; a
//! short form ("Soleimani", "Abu Mahdi") links only to exactly one anchored bearer.

use super::draft::{Draft, Target};
use crate::extract::find::{Hit, HitKind, Variant};
use crate::gazetteer::{Compiled, EntityType, NameKind, NameRef};
use crate::record::MatchKind;
use crate::text::Analysed;
use std::borrow::Cow;

/// The entities named unambiguously by a full name in the document (a name no other entity
/// has, not even as a short form), with the offset of their first such mention (sieve 1).
struct Anchors(Vec<(u32, usize)>);

impl Anchors {
    /// From each hit's start and its candidates (after [`place_after_preposition`]).
    fn new<'r>(hits: impl Iterator<Item = (usize, &'r [NameRef])>) -> Self {
        let mut anchored: Vec<(u32, usize)> = Vec::new();
        for (start, refs) in hits {
            let mut full = refs.iter().filter(|r| r.kind != NameKind::Partial);
            if let Some(first) = full.next() {
                // A name that is also another entity's short form ("Austin", the city and
                // Lloyd Austin's surname) is no evidence for either: it anchors nobody,
                // unless a locative preposition has kept only its place reading.
                let one = refs.iter().all(|r| r.entity == first.entity);
                if one && !anchored.iter().any(|(e, _)| *e == first.entity) {
                    anchored.push((first.entity, start));
                }
            }
        }
        Anchors(anchored)
    }

    /// Of the anchored entities that `ents` accepts, the one a mention at `at` can only
    /// mean: the single one anchored before it, else the single one anchored anywhere in the
    /// document (each entity is anchored at most once).
    fn unique(&self, ents: &dyn Fn(u32) -> bool, at: usize) -> Option<u32> {
        // The first such anchor, and whether there is another.
        let pick = |before: bool| {
            let mut found = self
                .0
                .iter()
                .filter(|&&(e, pos)| ents(e) && (!before || pos < at))
                .map(|(e, _)| *e);
            (found.next(), found.next().is_some())
        };
        match pick(true) {
            (Some(one), false) => Some(one),
            (None, _) => match pick(false) {
                (Some(one), false) => Some(one),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Sieves 1 to 3 over the gazetteer hits, in text order.
pub(super) fn resolve(doc: &Analysed<'_>, hits: &[Hit], gaz: &Compiled) -> Vec<Draft> {
    let refs: Vec<Cow<'_, [NameRef]>> = hits
        .iter()
        .map(|c| place_after_preposition(doc, c, gaz))
        .collect();
    let mut picker = Picker {
        anchors: Anchors::new(hits.iter().zip(&refs).map(|(c, r)| (c.start, &r[..]))),
        full: Vec::new(),
        partial: Vec::new(),
    };
    let mut out: Vec<Draft> = Vec::with_capacity(hits.len());
    for (c, refs) in hits.iter().zip(&refs) {
        let HitKind::Listed {
            variant, evidence, ..
        } = &c.kind
        else {
            continue;
        };
        let Some(r) = picker.pick(refs, c.start, gaz) else {
            continue;
        };
        let mut m = draft(doc, c, r, variant.as_ref(), gaz, &out);
        if let Some((_, why)) = evidence.iter().find(|(e, _)| *e == r.entity) {
            m.add_trace(why);
        }
        out.push(m);
    }
    out
}

/// Sieves 2 and 3: which candidate of a hit to link, given the anchors.
struct Picker {
    anchors: Anchors,
    /// Buffers reused from hit to hit: the full names and the short forms of a hit.
    full: Vec<NameRef>,
    partial: Vec<NameRef>,
}

impl Picker {
    /// The candidate a hit at `at` links to, if any.
    fn pick(&mut self, refs: &[NameRef], at: usize, gaz: &Compiled) -> Option<NameRef> {
        let (full, partial) = (&mut self.full, &mut self.partial);
        full.clear();
        full.extend(refs.iter().filter(|r| r.kind != NameKind::Partial));
        // Canonical names before aliases before codes; then gazetteer order.
        full.sort_by_key(|r| (r.kind, r.entity));
        partial.clear();
        partial.extend(refs.iter().filter(|r| r.kind == NameKind::Partial));
        if !full.is_empty() {
            // Sieve 2: a name shared by several entities (or an alias of one and the
            // surname of another) goes to the one anchored in the document; failing that,
            // to the first listed bearer of the full name.
            let single = full.iter().all(|r| r.entity == full[0].entity) && partial.is_empty();
            if single {
                return Some(full[0]);
            }
            return match self
                .anchors
                .unique(&|e| refs.iter().any(|r| r.entity == e), at)
            {
                Some(e) => refs.iter().find(|r| r.entity == e).copied(),
                None => Some(full[0]),
            };
        }
        // Sieve 3: short forms need exactly one anchored bearer; a surname is tried before
        // a given name ("Ali" is Ahmed Ali, not Ali Sistani).
        let partial = &*partial;
        let given = |r: &NameRef| gaz.name(*r).is_given();
        let by = |g: bool| move |e: u32| partial.iter().any(|r| r.entity == e && given(r) == g);
        self.anchors
            .unique(&by(false), at)
            .or_else(|| self.anchors.unique(&by(true), at))
            .and_then(|e| partial.iter().copied().find(|r| r.entity == e))
    }
}

/// The mention of hit `c` linked through candidate `r`.
fn draft(
    doc: &Analysed<'_>,
    c: &Hit,
    r: NameRef,
    variant: Option<&Variant>,
    gaz: &Compiled,
    earlier: &[Draft],
) -> Draft {
    let how = match (r.kind, variant) {
        (_, Some(_)) => MatchKind::Variant,
        (NameKind::Canonical, None) => MatchKind::Exact,
        (NameKind::Alias | NameKind::Code, None) => MatchKind::Alias,
        (NameKind::Partial, None) => MatchKind::Partial,
    };
    let target = Target::Known(r.entity);
    // A short form refers back to the first mention of its entity.
    let antecedent_at = (how == MatchKind::Partial)
        .then(|| earlier.iter().find(|m| m.target == target).map(|m| m.start))
        .flatten();
    // A given name keeps a middle initial that follows it ("[Gen. Kenneth F.] McKenzie").
    let (end, last) = match doc.words().get(c.last + 1) {
        Some(w)
            if gaz.name(r).is_given()
                && &doc.text()[c.end..w.start()] == " "
                && w.end() - w.start() == 2
                && w.text(doc.text()).ends_with('.') =>
        {
            (w.end(), c.last + 1)
        }
        _ => (c.end, c.last),
    };
    Draft {
        start: c.start,
        end,
        first: c.first,
        last,
        target,
        how,
        sentence: doc.sentence_of(c.first),
        confidence: match (variant, how) {
            (Some(v), _) => v.confidence,
            (None, MatchKind::Partial) => 0.9,
            _ => 1.0,
        },
        trace: match (variant, how) {
            (Some(v), _) => Some(v.trace.clone()),
            (None, MatchKind::Partial) => Some("short form of a full name in this document".into()),
            _ => None,
        },
        antecedent_at,
    }
}

/// After "in", "near", "from"… a name that is both a place and something else ("in
/// Sulaimani": the city, not the general's surname) keeps only its place readings.
fn place_after_preposition<'c>(
    doc: &Analysed<'_>,
    c: &'c Hit,
    gaz: &Compiled,
) -> Cow<'c, [NameRef]> {
    let refs = c.refs();
    let is_place = |r: &NameRef| {
        matches!(
            gaz.entry(r.entity).kind,
            EntityType::Gpe | EntityType::Loc | EntityType::Facility
        )
    };
    let places = refs.iter().filter(|r| is_place(r)).count();
    if places == 0 || places == refs.len() || c.first == 0 {
        return refs.into();
    }
    if crate::data::is_locative(doc.word_text(c.first - 1)) {
        refs.iter().filter(|r| is_place(r)).copied().collect()
    } else {
        refs.into()
    }
}

#[cfg(test)]
mod tests {
    //! Sieves 1 to 3, one table per rule: each row a text and, for one surface in it (its
    //! last occurrence), the entity it is linked to and how, or `None` for no mention.
    use crate::extract::testing::{lexicon, mentions};

    const ROWS: &str = "id\ttype\tcanonical\taliases\tcodes\tcountry\n\
        org.alpha\tORG\tAlpha Brigade\tSaraya Zaid\tAB\tIQ\n\
        org.beta\tORG\tBeta Brigade\tSaraya Zaid\t\tIQ\n\
        org.gamma\tORG\tGamma Front\tSaraya Salam\t\tIQ\n\
        org.salam\tORG\tSaraya Salam\t\t\tIQ\n\
        per.qassem-soleimani\tPERSON\tQassem Soleimani\t\t\tIR\n\
        per.zeinab-soleimani\tPERSON\tZeinab Soleimani\t\t\tIR\n\
        per.ahmed-ali\tPERSON\tAhmed Ali\t\t\tIQ\n\
        per.ali-sistani\tPERSON\tAli Sistani\t\t\tIQ\n\
        per.hadi-amiri\tPERSON\tHadi Amiri\tAbu Hassan\t\tIQ\n\
        per.ali-amiri\tPERSON\tAli Amiri\tAbu Hassan\t\tIQ\n\
        per.muhandis\tPERSON\tAbu Mahdi al-Muhandis\t\t\tIQ\n\
        org.muhandis-company\tORG\tMuhandis General Company\tMuhandis\t\tIQ\n\
        per.qassem-sulaimani\tPERSON\tQassem Sulaimani\t\t\tIR\n\
        gpe.sulaymaniyah\tGPE\tSulaymaniyah\tSulaimani\t\tIQ\n\
        per.kenneth-mckenzie\tPERSON\tKenneth McKenzie\t\t\tUS\n\
        gpe.iraq\tGPE\tIraq\t\t\tIQ\n";

    /// (text, surface, (entity, how) of its last mention, or none)
    type Row<'a> = (&'a str, &'a str, Option<(&'a str, &'a str)>);

    fn check(rows: &[Row<'_>]) {
        let lex = lexicon(ROWS, false);
        for (text, surface, want) in rows {
            let m = mentions(&lex, text);
            let got = m
                .iter()
                .rev()
                .find(|m| m.text == *surface)
                .map(|m| (m.entity.as_str(), m.how));
            assert_eq!(got, *want, "row {text:?}, {surface:?}: {m:?}");
        }
    }

    #[test]
    fn a_name_of_one_entity_links_by_its_kind() {
        check(&[
            (
                "Beta Brigade said so.",
                "Beta Brigade",
                Some(("org.beta", "exact")),
            ),
            // A short code needs its country (here) or its full name in the document.
            (
                "The AB said so in Iraq.",
                "AB",
                Some(("org.alpha", "alias")),
            ),
            (
                "Gamma Front said so.",
                "Gamma Front",
                Some(("org.gamma", "exact")),
            ),
        ]);
    }

    #[test]
    fn a_shared_name_goes_to_the_anchored_bearer_else_the_first_listed() {
        let shared = "Saraya Zaid";
        check(&[
            // Nobody anchored: the first listed.
            (
                "Saraya Zaid fighters left.",
                shared,
                Some(("org.alpha", "alias")),
            ),
            // One anchored, before or after.
            (
                "Beta Brigade said so. Saraya Zaid fighters left.",
                shared,
                Some(("org.beta", "alias")),
            ),
            (
                "Saraya Zaid fighters left. Beta Brigade said so.",
                shared,
                Some(("org.beta", "alias")),
            ),
            // The one anchored before wins over one anchored after.
            (
                "Alpha Brigade met. Saraya Zaid fighters left. Beta Brigade met.",
                shared,
                Some(("org.alpha", "alias")),
            ),
            (
                "Beta Brigade met. Saraya Zaid fighters left. Alpha Brigade met.",
                shared,
                Some(("org.beta", "alias")),
            ),
            // Both anchored before: the first listed.
            (
                "Beta Brigade and Alpha Brigade met. Saraya Zaid fighters left.",
                shared,
                Some(("org.alpha", "alias")),
            ),
        ]);
    }

    #[test]
    fn a_shared_name_prefers_its_canonical_bearer_when_none_is_anchored() {
        check(&[
            // The canonical name of org.salam, an alias of org.gamma (listed before it).
            (
                "Saraya Salam fighters left.",
                "Saraya Salam",
                Some(("org.salam", "exact")),
            ),
            (
                "Gamma Front met. Saraya Salam fighters left.",
                "Saraya Salam",
                Some(("org.gamma", "alias")),
            ),
        ]);
    }

    #[test]
    fn a_shared_name_anchors_nobody() {
        check(&[
            // "Abu Hassan" goes to its first listed bearer but anchors neither Amiri.
            ("Abu Hassan spoke. Amiri said no.", "Amiri", None),
            (
                "Hadi Amiri spoke. Amiri said no.",
                "Amiri",
                Some(("per.hadi-amiri", "partial")),
            ),
        ]);
    }

    #[test]
    fn a_short_form_needs_exactly_one_anchored_bearer() {
        let s = "Soleimani";
        check(&[
            (
                "Qassem Soleimani died. Soleimani was buried.",
                s,
                Some(("per.qassem-soleimani", "partial")),
            ),
            // No bearer named in full.
            ("Soleimani was buried.", s, None),
            // Two bearers named before: no link.
            (
                "Qassem Soleimani and Zeinab Soleimani spoke. Soleimani was buried.",
                s,
                None,
            ),
            // Only one named before it.
            (
                "Qassem Soleimani spoke. Soleimani was buried. Zeinab Soleimani spoke.",
                s,
                Some(("per.qassem-soleimani", "partial")),
            ),
            // None before, one anywhere.
            (
                "Soleimani was buried. Qassem Soleimani spoke.",
                s,
                Some(("per.qassem-soleimani", "partial")),
            ),
            // The given name alone, of the one Qassem anchored.
            (
                "Qassem Soleimani spoke. Qassem said no.",
                "Qassem",
                Some(("per.qassem-soleimani", "partial")),
            ),
        ]);
    }

    #[test]
    fn a_short_form_refers_back_to_the_first_full_mention() {
        let lex = lexicon(ROWS, false);
        let m = mentions(&lex, "Qassem Soleimani died. Soleimani was buried.");
        assert_eq!(m[1].antecedent.as_deref(), Some("Qassem Soleimani"));
        // Named only after it: nothing to refer back to.
        let m = mentions(&lex, "Soleimani was buried. Qassem Soleimani spoke.");
        assert_eq!(m[0].antecedent, None);
    }

    #[test]
    fn a_surname_is_preferred_to_a_given_name() {
        check(&[
            // "Ali": surname of Ahmed Ali, given name of Ali Sistani, both anchored.
            (
                "Ahmed Ali and Ali Sistani met. Ali spoke.",
                "Ali",
                Some(("per.ahmed-ali", "partial")),
            ),
            // No bearer of the surname anchored: the given name's.
            (
                "Ali Sistani met. Ali spoke.",
                "Ali",
                Some(("per.ali-sistani", "partial")),
            ),
        ]);
    }

    #[test]
    fn an_alias_shared_with_a_short_form_goes_to_the_anchored_bearer() {
        check(&[
            // "Muhandis": an alias of the company, the surname of the person.
            (
                "Abu Mahdi al-Muhandis spoke. Muhandis said no.",
                "Muhandis",
                Some(("per.muhandis", "partial")),
            ),
            (
                "Muhandis said no in Iraq.",
                "Muhandis",
                Some(("org.muhandis-company", "alias")),
            ),
            // A bare shared name anchors neither bearer, so a later one still finds the
            // person named in full.
            (
                "Abu Mahdi al-Muhandis spoke. Muhandis said no. Later Muhandis left.",
                "Muhandis",
                Some(("per.muhandis", "partial")),
            ),
            // After a locative preposition only the place reading is left, and it anchors
            // the place; without one, the bare name anchors nobody.
            (
                "Students in Sulaimani met. Qassem Sulaimani was named. Searches for Sulaimani grew.",
                "Sulaimani",
                Some(("gpe.sulaymaniyah", "alias")),
            ),
            (
                "Sulaimani students met. Qassem Sulaimani was named. Searches for Sulaimani grew.",
                "Sulaimani",
                Some(("per.qassem-sulaimani", "partial")),
            ),
            // The company named in full is anchored, and takes the bare name.
            (
                "Muhandis General Company hired. Muhandis said no.",
                "Muhandis",
                Some(("org.muhandis-company", "alias")),
            ),
        ]);
    }

    #[test]
    fn a_given_name_keeps_a_following_middle_initial() {
        check(&[
            (
                "Kenneth McKenzie spoke. Later Kenneth F. arrived.",
                "Kenneth F.",
                Some(("per.kenneth-mckenzie", "partial")),
            ),
            // Not right after it.
            (
                "Kenneth McKenzie spoke. Later Kenneth, F. arrived.",
                "Kenneth",
                Some(("per.kenneth-mckenzie", "partial")),
            ),
            // A surname keeps no initial.
            (
                "Qassem Soleimani spoke. Later Soleimani J. arrived.",
                "Soleimani",
                Some(("per.qassem-soleimani", "partial")),
            ),
        ]);
    }

    #[test]
    fn after_a_locative_preposition_only_place_readings_remain() {
        let s = "Sulaimani";
        let city = Some(("gpe.sulaymaniyah", "alias"));
        check(&[
            // The person is anchored, but the preposition wants a place.
            (
                "Qassem Sulaimani spoke. He was later seen in Sulaimani.",
                s,
                city,
            ),
            ("Qassem Sulaimani spoke. Aides met near Sulaimani.", s, city),
            (
                "Qassem Sulaimani spoke. Aides came from Sulaimani.",
                s,
                city,
            ),
            // No preposition: the anchored person.
            (
                "Qassem Sulaimani spoke. Sulaimani said no.",
                s,
                Some(("per.qassem-sulaimani", "partial")),
            ),
            // Nobody anchored: the full name, the city's alias.
            ("Sulaimani is calm.", s, city),
        ]);
    }
}
