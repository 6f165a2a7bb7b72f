//! Stage 3c: evidence in proportion to risk. A listed name that many things could be (a short
//! code, a one-word or generic alias, an unlisted spelling) stays a candidate only when the
//! document supports its entity: its full name, its country, a related entity or one of its
//! context words. A person's one-word name that another given name or a longer name claims
//! in the document links nowhere; a code the text defines in parentheses for something else
//! is not the listed one; a code in an all-capitals line needs its entity below the headline.
//! Countries are exempt. The rules in general terms: docs/coreference.md, "Evidence in
//! proportion to risk".

use super::hit::{Hit, HitKind};
use super::variant::transliterated;
use crate::data::discovery::{country_of_adjective, cue, cues};
use crate::data::{is_demonym, is_english_word};
use crate::gazetteer::{Compiled, EntityType, Entry, GuardCache, NameKind, NameRef};
use crate::text::Analysed;

/// What a risky candidate needs from the document to stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// The entity's full name, its country or a related entity.
    Context,
    /// The person's full name.
    FullName,
    /// The entity found outside all-capitals lines.
    Body,
    /// Nothing but the other-name checks (generated short forms: their full name is
    /// resolution's business, sieve 3).
    Unclaimed,
    /// A one-word place standing on its own, not as the last word of a longer name
    /// ("Latina" in "Prensa Latina", "Canada" in "Statistics Canada").
    Alone,
    /// A headline, where capitals say nothing: a one-word place opening a longer name
    /// ("Eugene" in "Eugene Atkinson") is the place only there.
    Headline,
    /// A place the text must place ([`Entry::needs_placing`]): its region or country
    /// written right after it, here or at another of its mentions ("Kenosha, Wis.").
    Placed,
}

/// Codes this short or shorter are risky ("CTS" is also cents; "NATO" is only NATO).
const SHORT_CODE: usize = 3;

/// Keeps, of every gazetteer hit, the candidates the document supports, and drops the hits
/// left with none. A kept risky candidate carries the evidence that kept it.
pub(super) fn admit(doc: &Analysed<'_>, hits: &mut Vec<Hit>, gaz: &Compiled) {
    if hits.is_empty() {
        return;
    }
    let placed = unplaced_out(doc, hits, gaz);
    tails_out(doc, hits, gaz);
    let caps = CapsLines::new(doc, hits, gaz);
    let mut support = Support::new(doc, hits, gaz, &caps);
    support.placed = placed;
    // Headline codes are judged last, once the candidates found outside headlines are known.
    for headline_pass in [false, true] {
        for (i, h) in hits.iter_mut().enumerate() {
            let in_caps = caps.holds(h.first);
            let mut risk = Risk::of(doc, h);
            risk.inside_longer = support.inside_longer[i];
            risk.opens_longer = support.opens_longer[i];
            let HitKind::Listed { refs, evidence, .. } = &mut h.kind else {
                continue;
            };
            refs.retain(|&r| !support.claimed_place(doc, gaz, r, &risk));
            refs.retain(|&r| match risk.need(gaz, r, in_caps) {
                Some(n) if (n == Need::Body) == headline_pass => {
                    match support.why(doc, gaz, r, n, &risk) {
                        Some(why) => {
                            if !why.is_empty() {
                                evidence.push((r.entity, why));
                            }
                            true
                        }
                        None => false,
                    }
                }
                _ => true,
            });
            if !headline_pass && !in_caps {
                support.body.extend(refs.iter().map(|r| r.entity));
            }
        }
    }
    hits.retain(|h| !matches!(&h.kind, HitKind::Listed { refs, .. } if refs.is_empty()));
}

/// What makes one hit risky, whatever its candidate: its length in words, whether it is an
/// unlisted spelling, and what stands right before and after it.
struct Risk {
    one_word: bool,
    /// A capitalised word that no hit covers stands right before it, in the same sentence:
    /// the hit is a word of a longer name ("Congress" in "National People's Congress").
    inside_longer: bool,
    /// A ticker in angle brackets follows it (`BURLINGTON <BUR>`): a company's word.
    before_ticker: bool,
    /// A name word follows it ([`before_name`]): the hit opens a longer name.
    opens_longer: bool,
    dotted: bool,
    variant: bool,
    first: usize,
    last: usize,
}

impl Risk {
    fn of(doc: &Analysed<'_>, h: &Hit) -> Risk {
        let variant = matches!(
            &h.kind,
            HitKind::Listed {
                variant: Some(_),
                ..
            }
        );
        Risk {
            one_word: h.first == h.last,
            inside_longer: false,
            opens_longer: false,
            before_ticker: h.first == h.last && super::discover::before_ticker(doc, h.last),
            dotted: doc.text()[h.start..h.end].contains('.'),
            variant,
            first: h.first,
            last: h.last,
        }
    }

    /// What candidate `r` of this hit needs, if it is risky at all.
    fn need(&self, gaz: &Compiled, r: NameRef, in_caps: bool) -> Option<Need> {
        // Its type and countryhood, not its entry: most candidates of a common word are
        // turned down on these alone, and an entry is decoded on first use.
        let facts = gaz.facts(r.entity);
        let kind = facts.kind();
        let exact = gaz.name(r).exact();
        // A country's bare code in capitals ("UK", "USSR", listed as a code or as an alias
        // in capitals) is a word of a slug there unless the country is named outside the
        // all-capitals lines.
        let code_like = || {
            exact.is_some()
                || gaz
                    .name(r)
                    .surface()
                    .chars()
                    .all(|c| c.is_ascii_uppercase())
        };
        if in_caps && !self.dotted && facts.is_country() && code_like() {
            return Some(Need::Body);
        }
        if facts.needs_placing() {
            return Some(Need::Placed);
        }
        if kind.is_place() && (self.inside_longer || self.before_ticker) {
            return Some(Need::Alone);
        }
        if facts.is_country() {
            return None;
        }
        if kind.is_place() && self.opens_longer {
            return Some(Need::Headline);
        }
        if let Some(exact) = exact {
            // A dotted code ("U.N.", "C.I.A.") is an abbreviation by its form.
            let short = exact.chars().count() <= SHORT_CODE && !self.dotted;
            return match (in_caps, short) {
                (true, _) => Some(Need::Body),
                (false, true) => Some(Need::Context),
                (false, false) => None,
            };
        }
        let person = kind == EntityType::Person;
        match kind {
            // An unlisted spelling of one word is a surname at best: only the full name
            // vouches for it.
            _ if self.variant && person && self.one_word => Some(Need::FullName),
            _ if self.variant => Some(Need::Context),
            EntityType::Person if r.kind == NameKind::Partial => Some(Need::Unclaimed),
            // Places keep their own checks: capitalisation and context guards.
            EntityType::Gpe | EntityType::Loc => None,
            _ if r.kind == NameKind::Alias && gaz.name(r).is_guarded() => Some(Need::Context),
            _ => None,
        }
    }
}

/// Is words `first..=last` joined to a capitalised word: by a hyphen before
/// ("Chevrolet-Pontiac"), or by a space or a hyphen after ("Santa Barbara Biltmore Hotel",
/// "Pontiac-GM")? Then they are a word of a longer name or compound.
fn joined_to_capitalised(doc: &Analysed<'_>, first: usize, last: usize) -> bool {
    let words = doc.words();
    let text = doc.text();
    let capital = |t: usize| doc.word_text(t).starts_with(|c: char| c.is_uppercase());
    let before = first > 0
        && &text[words[first - 1].end()..words[first].start()] == "-"
        && capital(first - 1);
    let after = last + 1 < words.len()
        && matches!(&text[words[last].end()..words[last + 1].start()], " " | "-")
        && capital(last + 1);
    before || after
}

/// Drops the organisations whose listed name is made of common words ("Commodity Exchange",
/// "Congress", "Fed": a name any country's or state's body may bear) where the text makes
/// it the tail of a longer name, one space after (outside headlines, in one sentence):
/// - a name word no hit covers that is no English word ("MidAmerica Commodity Exchange");
/// - a place none of whose readings lies in the organisation's country ("London Commodity
///   Exchange", "Zimbabwe Congress");
/// - for a one-word name, a city or a state even of its own country ("New York Fed").
///
/// A people's or country's adjective or a possessive before it qualifies it ("Iraqi Counter
/// Terrorism Service", "Japan's Finance Ministry"); codes keep their own rules, and a body
/// of many countries ("World Bank") is left alone. Discovery may then find the longer name.
fn tails_out(doc: &Analysed<'_>, hits: &mut Vec<Hit>, gaz: &Compiled) {
    for i in 0..hits.len() {
        let h = &hits[i];
        let generic_org = |r: &NameRef| {
            let name = gaz.name(*r);
            gaz.facts(r.entity).kind() == EntityType::Org
                && name.is_guarded()
                && name.exact().is_none()
                // A body of many countries meets anywhere ("the Toronto World Bank meeting").
                && !name
                    .surface()
                    .split(' ')
                    .any(|w| cues(w) & cue::SUPRANATIONAL != 0)
        };
        if h.first == 0 || doc.in_headline(h.first) || !h.refs().iter().any(generic_org) {
            continue;
        }
        let prev = doc.word_text(h.first - 1);
        if prev.ends_with("'s") || prev.ends_with("’s") {
            continue;
        }
        let before = i
            .checked_sub(1)
            .map(|p| &hits[p])
            .filter(|p| p.last + 1 == h.first);
        let foreign = |r: &NameRef| match before {
            Some(p) if !p.only_partial() => {
                let country = &gaz.entry(r.entity).country;
                let elsewhere = !p
                    .refs()
                    .iter()
                    .any(|c| &gaz.entry(c.entity).country == country);
                // A one-word name after a city or a state is that place's own body ("New
                // York Fed", "Texas Senate").
                let local =
                    h.first == h.last && p.refs().iter().all(|c| !gaz.facts(c.entity).is_country());
                spaced(doc, h.first - 1, false)
                    && !doc.words()[h.first].opens_sentence
                    && p.refs()
                        .iter()
                        .all(|c| gaz.facts(c.entity).kind().is_place())
                    && (elsewhere || local)
            }
            _ => {
                let key = doc.key(h.first - 1);
                after_capitalised(doc, hits, None, false, h.first)
                    && !is_english_word(key)
                    && !is_demonym(key)
                    && country_of_adjective(prev).is_none()
            }
        };
        let drop: Vec<NameRef> = h
            .refs()
            .iter()
            .filter(|r| generic_org(r) && foreign(r))
            .copied()
            .collect();
        if let HitKind::Listed { refs, .. } = &mut hits[i].kind {
            refs.retain(|r| !drop.contains(r));
        }
    }
    hits.retain(|h| !matches!(&h.kind, HitKind::Listed { refs, .. } if refs.is_empty()));
}

/// Drops the candidates that must be placed ([`Need::Placed`]) and are placed nowhere in the
/// document, before anything else is judged: such a town is no name here, and must not
/// make its neighbours look like words of a longer name ("David Henderson", where David
/// is also a town). Returns where each was placed, as (first word, entity).
fn unplaced_out(doc: &Analysed<'_>, hits: &mut Vec<Hit>, gaz: &Compiled) -> Vec<(usize, u32)> {
    let mut placed: Vec<(usize, u32)> = Vec::new();
    for h in hits.iter() {
        let here = h
            .refs()
            .iter()
            .filter(|r| gaz.facts(r.entity).needs_placing());
        placed.extend(
            here.filter(|r| placed_here(doc, hits, gaz, h, r.entity))
                .map(|r| (h.first, r.entity)),
        );
    }
    for h in hits.iter_mut() {
        if let HitKind::Listed { refs, .. } = &mut h.kind {
            refs.retain(|r| {
                !gaz.facts(r.entity).needs_placing() || placed.iter().any(|&(_, e)| e == r.entity)
            });
        }
    }
    hits.retain(|h| !matches!(&h.kind, HitKind::Listed { refs, .. } if refs.is_empty()));
    placed
}

/// Is `place`'s region or country written right after hit `h`, after a comma ("Kenosha,
/// Wis.", "Mackay, Australia")?
fn placed_here(doc: &Analysed<'_>, hits: &[Hit], gaz: &Compiled, h: &Hit, place: u32) -> bool {
    let text = doc.text();
    let Some(rest) = text[h.end..].strip_prefix(", ") else {
        return false;
    };
    let at = text.len() - rest.len();
    let Ok(i) = hits.binary_search_by_key(&at, |n| n.start) else {
        return false;
    };
    let entry = gaz.entry(place);
    let region = gaz.regions().of_place(entry);
    hits[i].refs().iter().any(|c| {
        Some(c.entity) == region
            || gaz.facts(c.entity).is_country() && gaz.entry(c.entity).country == entry.country
    })
}

/// Is the entry a country ([`Entry::is_country`]: today's and the dissolved ones)?
fn is_country(e: &Entry) -> bool {
    e.is_country()
}

/// Is the entity a place other than a country with a context guard: a place whose name is
/// also other things (a city named like a person)?
fn guarded_place(gaz: &Compiled, entity: u32) -> bool {
    let f = gaz.facts(entity);
    f.kind().is_place() && !f.is_country() && f.is_guarded()
}

/// What the document offers as evidence: the entities it names by safe names, the
/// countries of the places it names, and the entities it rules out.
struct Support {
    /// Entities named by a safe name (a full name, a long code), in no order.
    named: Vec<u32>,
    /// Country codes of the places named by a safe name.
    countries: Vec<String>,
    /// Parents of the named entities, by id.
    parents: Vec<String>,
    /// Codes written in parentheses: defined by the text for this document.
    parenthesised: Vec<String>,
    /// People whose one-word names follow another given name somewhere in the document.
    claimed: Vec<u32>,
    /// Per hit: does it stand inside a longer capitalised name ([`Risk::inside_longer`])?
    inside_longer: Vec<bool>,
    /// Per hit: does it open a longer name ([`Risk::opens_longer`])?
    opens_longer: Vec<bool>,
    /// Entities found outside all-capitals lines (filled as the hits are judged).
    body: Vec<u32>,
    /// Places written with their region or country right after them ([`Need::Placed`]), as
    /// (first word, entity): what [`unplaced_out`] found.
    placed: Vec<(usize, u32)>,
    /// Which entities' context guards the document meets.
    guards: GuardCache,
}

impl Support {
    fn new(doc: &Analysed<'_>, hits: &[Hit], gaz: &Compiled, caps: &CapsLines) -> Support {
        let mut s = Support {
            named: Vec::new(),
            countries: Vec::new(),
            parents: Vec::new(),
            parenthesised: Vec::new(),
            claimed: Vec::new(),
            inside_longer: Vec::with_capacity(hits.len()),
            opens_longer: Vec::with_capacity(hits.len()),
            body: Vec::new(),
            placed: Vec::new(),
            guards: GuardCache::default(),
        };
        for h in hits {
            let risk = Risk::of(doc, h);
            for &r in h.refs() {
                if risk.need(gaz, r, caps.holds(h.first)).is_none() {
                    s.name(gaz, r.entity);
                }
                let person = gaz.facts(r.entity).kind() == EntityType::Person;
                if person
                    && risk.one_word
                    && (after_other_given_name(doc, hits, gaz, r, risk.first)
                        || before_capitalised(doc, risk.last, false))
                {
                    s.claimed.push(r.entity);
                }
            }
            // Only a word before: one after may open the name's own longer form ("Badr
            // Organisation"), which the variant stage or discovery handles.
            // A guarded place (whose name is also other things: a city named like a
            // person) may follow a person's name the gazetteer holds or a wrapped line.
            let guarded = h.refs().iter().any(|r| guarded_place(gaz, r.entity));
            let place = h
                .refs()
                .iter()
                .any(|r| gaz.facts(r.entity).kind().is_place());
            let inside = risk.one_word
                && after_capitalised(doc, hits, guarded.then_some(gaz), place, h.first);
            let possessive = h.end < doc.words()[h.last].end();
            let opens =
                guarded && risk.one_word && !possessive && before_name(doc, hits, gaz, h.last);
            if guarded && inside && !qualifies_place(doc, h.first) {
                // A guarded place that ends a longer name here ("Richard Henderson") is
                // that name's word everywhere in the document ("Henderson said").
                let places = h.refs().iter().filter(|r| guarded_place(gaz, r.entity));
                s.claimed.extend(places.map(|r| r.entity));
            }
            s.inside_longer.push(inside);
            s.opens_longer.push(opens);
            if parenthesised(doc, h) {
                s.parenthesised.push(doc.text()[h.start..h.end].to_string());
            }
        }
        s.body = s.named.clone();
        s
    }

    /// Records entity `e` as named, with its country when it is a place.
    fn name(&mut self, gaz: &Compiled, e: u32) {
        if self.named.contains(&e) {
            return;
        }
        self.named.push(e);
        let entry = gaz.entry(e);
        if matches!(
            entry.kind,
            EntityType::Gpe | EntityType::Loc | EntityType::Facility
        ) {
            if let Some(c) = &entry.country {
                if !self.countries.contains(c) {
                    self.countries.push(c.clone());
                }
            }
        }
        if let Some(p) = &entry.parent {
            self.parents.push(p.clone());
        }
    }

    /// Why candidate `r` meets `need` here, or `None` when it does not.
    fn why(
        &mut self,
        doc: &Analysed<'_>,
        gaz: &Compiled,
        r: NameRef,
        need: Need,
        risk: &Risk,
    ) -> Option<String> {
        let kind = gaz.facts(r.entity).kind();
        let named = self.named.contains(&r.entity);
        let info = gaz.name(r);
        if info.is_code() && !named && self.parenthesised.iter().any(|p| p == info.surface()) {
            return None;
        }
        if kind == EntityType::Person && risk.one_word && self.claimed.contains(&r.entity) {
            return None;
        }
        if kind == EntityType::Org && r.kind == NameKind::Alias && risk.inside_longer {
            return None;
        }
        match need {
            Need::Body => self
                .body
                .contains(&r.entity)
                .then(|| "also found outside the all-capitals lines".to_string()),
            Need::FullName => named.then(|| "full name in this document".to_string()),
            Need::Unclaimed => Some(String::new()),
            Need::Alone => qualifies_place(doc, risk.first).then(String::new),
            Need::Headline => doc.in_headline(risk.first).then(String::new),
            // Placed here; or placed elsewhere, and standing alone here (not a word of a
            // longer name: "Jay Greenfield", "Central Hudson Gas").
            Need::Placed if self.placed.contains(&(risk.first, r.entity)) => {
                Some("its region or country written after it".to_string())
            }
            Need::Placed => {
                // In a headline capitals say nothing ("STRIKE AT SIOUX CITY PLANT").
                let joined = !doc.in_headline(risk.first)
                    && joined_to_capitalised(doc, risk.first, risk.last);
                let alone =
                    !(risk.inside_longer || risk.opens_longer || risk.before_ticker || joined);
                (alone && self.placed.iter().any(|&(_, e)| e == r.entity))
                    .then(|| "its region or country written after it in this document".to_string())
            }
            Need::Context => {
                let entry = gaz.entry(r.entity);
                if let Some(c) = located(doc, gaz, risk, entry) {
                    return Some(format!("its country ({c}) begins the name"));
                }
                let guarded =
                    !entry.context.is_empty() && gaz.guard_ok(doc, r.entity, &mut self.guards);
                self.context(gaz, entry, named, guarded, risk.variant)
            }
        }
    }

    /// The context that supports an entity: its full name, its country, a related entity.
    fn context(
        &self,
        gaz: &Compiled,
        entry: &Entry,
        named: bool,
        guarded: bool,
        variant: bool,
    ) -> Option<String> {
        if named {
            return Some("full name in this document".into());
        }
        if let Some(c) = entry
            .country
            .as_ref()
            .filter(|c| self.countries.contains(c))
        {
            return Some(format!("its country ({c}) named in this document"));
        }
        if let Some(p) = entry.parent.as_ref().filter(|p| self.is_named_id(gaz, p)) {
            return Some(format!("{p} named in this document"));
        }
        if self.parents.contains(&entry.id) {
            return Some("a part of it named in this document".into());
        }
        if guarded {
            return Some("one of its context words in this document".into());
        }
        // An unlisted spelling of a name from the transliterated region, in a story that
        // names a country of that region.
        let regional = |c: &&String| transliterated(c);
        if variant && entry.country.as_ref().is_some_and(|c| transliterated(c)) {
            if let Some(c) = self.countries.iter().find(regional) {
                return Some(format!(
                    "a country of its region ({c}) named in this document"
                ));
            }
        }
        None
    }

    /// Is `r` a one-word place that the document uses elsewhere as a word of a longer name
    /// (outside a headline, where capitals say nothing)?
    fn claimed_place(&self, doc: &Analysed<'_>, gaz: &Compiled, r: NameRef, risk: &Risk) -> bool {
        let f = gaz.facts(r.entity);
        risk.one_word
            && f.kind().is_place()
            && !f.is_country()
            && !doc.in_headline(risk.first)
            && self.claimed.contains(&r.entity)
    }

    fn is_named_id(&self, gaz: &Compiled, id: &str) -> bool {
        self.named.iter().any(|&n| gaz.entry(n).id == id)
    }
}

/// The entity's country when the name itself begins with it ("U.S. Army", "Iraqi National
/// Congress" does not: a demonym is no name of the country).
fn located<'e>(
    doc: &Analysed<'_>,
    gaz: &Compiled,
    risk: &Risk,
    entry: &'e Entry,
) -> Option<&'e str> {
    let country = entry.country.as_deref()?;
    if risk.one_word {
        return None;
    }
    let (from, to) = (doc.key_range(risk.first).0, doc.key_range(risk.last).0);
    let mut found = Vec::new();
    gaz.prefixes(doc.keys().as_bytes(), from, &mut found);
    let on_word_end = |end: usize| {
        doc.token_at(end - 1)
            .is_some_and(|t| doc.key_range(t).1 == end)
    };
    let names_it = found
        .iter()
        .filter(|&&(end, _)| end <= to && on_word_end(end))
        .any(|&(_, pid)| {
            gaz.candidates(pid).any(|r| {
                let e = gaz.entry(r.entity);
                is_country(e) && e.country.as_deref() == Some(country)
            })
        });
    names_it.then_some(country)
}

/// Is the word before `first` a capitalised word that marks another person's name: one
/// space before, not a title, a sentence opener, an English word, a possessive, a word of
/// another hit ("Iran's Soleimani") or a word of `r`'s own names?
fn after_other_given_name(
    doc: &Analysed<'_>,
    hits: &[Hit],
    gaz: &Compiled,
    r: NameRef,
    first: usize,
) -> bool {
    let Some(prev) = first.checked_sub(1) else {
        return false;
    };
    let at = hits.partition_point(|h| h.last < prev);
    if hits.get(at).is_some_and(|h| h.first <= prev) {
        return false;
    }
    let words = doc.words();
    if &doc.text()[words[prev].end()..words[first].start()] != " " {
        return false;
    }
    let w = doc.word_text(prev);
    let possessive = w.ends_with("'s") || w.ends_with("’s");
    if possessive || !w.starts_with(char::is_uppercase) || !w.chars().any(char::is_lowercase) {
        return false;
    }
    let key = doc.key(prev);
    if is_english_word(key) || super::discover::is_title_or_opener(w) {
        return false;
    }
    let entry = gaz.entry(r.entity);
    let mut names = std::iter::once(entry.canonical.as_str())
        .chain(entry.aliases.iter().map(|a| a.name.as_str()));
    !names.any(|n| {
        crate::text::normalize::name_word_keys(n)
            .iter()
            .any(|k| k == key)
    })
}

/// Is the word before `first` a capitalised word of the same sentence, one space before,
/// that no hit covers and that is no sentence opener or title?
///
/// With `gaz` (for a place: "Richard Henderson"), the word may be a person's name the
/// gazetteer holds, and a wrapped line may stand for the space. With `place` (the hit may
/// be a place), a hit made only of short forms of listed people ("Allen" of some Allen)
/// covers nothing: "Allen Sinai" is a name, not the peninsula.
fn after_capitalised(
    doc: &Analysed<'_>,
    hits: &[Hit],
    gaz: Option<&Compiled>,
    place: bool,
    first: usize,
) -> bool {
    let Some(prev) = first.checked_sub(1) else {
        return false;
    };
    let words = doc.words();
    let at = hits.partition_point(|h| h.last < prev);
    let covered = hits.get(at).filter(|h| h.first <= prev);
    covered.is_none_or(|h| (place && h.only_partial()) || gaz.is_some_and(|gaz| only_persons(gaz, h)))
        && (!words[first].opens_sentence || gaz.is_some() && super::discover::wraps(doc, prev))
        && spaced(doc, prev, gaz.is_some())
        && doc.word_text(prev).starts_with(char::is_uppercase)
        // A headline's last word in capitals before a wrapped line is no given name.
        && (gaz.is_none() || doc.word_text(prev).chars().any(char::is_lowercase))
        && !super::discover::is_title_or_opener(doc.word_text(prev))
}

/// May the capitalised word before a one-word place (at word `first`) qualify it rather than
/// begin a longer name? Not when a ticker follows (`FIRST TEXAS <FTX>` is a company); so in
/// a headline, where capitals say nothing; after an ordinary
/// word opening the sentence, capitalised for that ("No U.S. troops"); and after a compass
/// word or a country's adjective ("Northern Iraq", "Iraqi Kurdistan").
fn qualifies_place(doc: &Analysed<'_>, first: usize) -> bool {
    if first == 0 || super::discover::before_ticker(doc, first) {
        return false;
    }
    let prev = doc.word_text(first - 1);
    let words = doc.words();
    let opens_sentence = words[first - 1].opens_sentence;
    doc.in_headline(first)
        || (opens_sentence && is_english_word(doc.key(first - 1)))
        || cues(prev) & cue::COMPASS != 0
        || country_of_adjective(prev).is_some()
}

/// Does a word of a person's name follow word `last`, one space after it in the same
/// sentence: a capitalised word that no hit covers, plays no cue role (a head, suffix,
/// place or feature word: "Denver Post", "Kansas City") and is no dictionary word ("Atlanta
/// Braves"), or a person's name the gazetteer holds ("Elizabeth Dole")? Then a one-word
/// place before it opens the longer name ("Eugene Atkinson").
fn before_name(doc: &Analysed<'_>, hits: &[Hit], gaz: &Compiled, last: usize) -> bool {
    if !before_capitalised(doc, last, true) {
        return false;
    }
    let (next, text) = (last + 1, doc.word_text(last + 1));
    let at = hits.partition_point(|h| h.last < next);
    match hits.get(at).filter(|h| h.first <= next) {
        Some(h) => only_persons(gaz, h),
        None => cues(text) == 0 && !is_english_word(doc.key(next)),
    }
}

/// Are all the candidates of hit `h` persons (and it has some)?
fn only_persons(gaz: &Compiled, h: &Hit) -> bool {
    let refs = h.refs();
    !refs.is_empty()
        && refs
            .iter()
            .all(|r| gaz.facts(r.entity).kind() == EntityType::Person)
}

/// Is word `k` followed by one space, or (`wrap`) by a hard line break inside a paragraph
/// (the wire wraps lines inside a sentence: [`wraps`](super::discover::wraps))?
fn spaced(doc: &Analysed<'_>, k: usize, wrap: bool) -> bool {
    let words = doc.words();
    let Some(next) = words.get(k + 1) else {
        return false;
    };
    &doc.text()[words[k].end()..next.start()] == " " || (wrap && super::discover::wraps(doc, k))
}

/// Does a capitalised word of the same sentence follow word `last` after one space
/// ("Crocker National Corp")?
///
/// With `wrap`, a hard line break inside the paragraph may stand for the space (then the
/// splitter's sentence break there does not count).
fn before_capitalised(doc: &Analysed<'_>, last: usize, wrap: bool) -> bool {
    let Some(next) = doc.words().get(last + 1) else {
        return false;
    };
    let w = doc.word_text(last + 1);
    let wrapped = wrap && super::discover::wraps(doc, last);
    spaced(doc, last, wrap)
        && (!next.opens_sentence || wrapped)
        && w.starts_with(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
}

/// Is the hit alone in parentheses: "(CTC)"?
fn parenthesised(doc: &Analysed<'_>, h: &Hit) -> bool {
    let text = doc.text();
    text[..h.start].ends_with('(') && text[h.end..].starts_with(')')
}

/// Which words stand in all-capitals lines (headlines, slugs): lines with at least two words
/// of two letters or more and no lower-case letter.
struct CapsLines(Vec<bool>);

impl CapsLines {
    /// The flags, worked out only when some candidate is a code (the only names they
    /// concern).
    fn new(doc: &Analysed<'_>, hits: &[Hit], gaz: &Compiled) -> CapsLines {
        let codes = hits
            .iter()
            .any(|h| h.refs().iter().any(|&r| gaz.name(r).is_code()));
        if !codes {
            return CapsLines(Vec::new());
        }
        let (text, words) = (doc.text(), doc.words());
        let mut flags = vec![false; words.len()];
        let mut line_start = 0;
        let (mut lettered, mut lower) = (0usize, false);
        for i in 0..=words.len() {
            let new_line = i == words.len()
                || (i > 0 && text[words[i - 1].end()..words[i].start()].contains('\n'));
            if new_line && i > 0 {
                let caps = lettered >= 2 && !lower;
                flags[line_start..i].iter_mut().for_each(|f| *f = caps);
                line_start = i;
                (lettered, lower) = (0, false);
            }
            if i == words.len() {
                break;
            }
            let w = doc.word_text(i);
            lower |= w.chars().any(char::is_lowercase);
            if w.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                lettered += 1;
            }
        }
        CapsLines(flags)
    }

    /// Is word `i` in an all-capitals line?
    fn holds(&self, i: usize) -> bool {
        self.0.get(i).copied().unwrap_or(false)
    }
}

#[cfg(test)]
mod rules {
    //! One table per evidence rule: texts and the gazetteer mentions the whole pipeline makes
    //! of them (discovered names left out), each as `surface=id`.
    use crate::extract::Lexicon;
    use crate::extract::testing::{lexicon, mentions};

    const ROWS: &str = "id\ttype\tcanonical\taliases\tcodes\tcountry\tcontext\tattrs\n\
        gpe.iraq\tGPE\tIraq\t\t\tIQ\t\tiso3=IRQ\n\
        gpe.us\tGPE\tUnited States\t\tUS|U.S.|USA\tUS\t\tiso3=USA\n\
        gpe.baghdad\tGPE\tBaghdad\t\t\tIQ\t\t\n\
        gpe.moscow\tGPE\tMoscow\t\t\tRU\t\t\n\
        org.fed\tORG\tFederal Reserve System\tFed\t\tUS\t\t\n\
        org.cts\tORG\tCounter Terrorism Service\t\tCTS\tIQ\t\t\n\
        org.un\tORG\tUnited Nations\t\tUN|U.N.\t\t\t\n\
        org.wxyz\tORG\tWorld Xylophone Youth Zone\t\tWXYZ\t\t\t\n\
        org.ig\tORG\tIslamic Group\t\tIG\t\tSyria|Raqqa\t\n\
        org.senate\tORG\tUnited States Senate\tSenate|U.S. Senate\t\tUS\t\t\n\
        fac.embassy\tFACILITY\tEmbassy of the United States in Baghdad\tU.S. Embassy\t\tIQ\t\t\n\
        per.rubio\tPERSON\tMarco Rubio\tRubio\t\tUS\t\t\n\
        gpe.dorvale\tGPE\tDorvale\t\t\tUS\tUnited States\t\n\
        gpe.westria\tGPE\tWestria\t\tWst.\tUS\t\tadmin_level=1\n\
        gpe.kenmouth\tGPE\tKenmouth\t\t\tUS\tUnited States|Westria\tevidence=placed\n\
        gpe.port-ardle\tGPE\tPort Ardle\t\t\tUS\tUnited States|Westria\tevidence=placed\n";

    fn check(rows: &[(&str, &[&str])]) {
        let lex: Lexicon = lexicon(ROWS, false);
        let mut failed = Vec::new();
        for &(text, want) in rows {
            let got: Vec<String> = mentions(&lex, text)
                .iter()
                .filter(|m| !m.entity.starts_with("new:"))
                .map(|m| format!("{}={}", m.text, m.entity))
                .collect();
            if got != want {
                failed.push(format!("{text:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failed.is_empty(), "\n{}", failed.join("\n"));
    }

    #[test]
    fn a_short_code_needs_its_expansion_country_or_context_words() {
        check(&[
            ("CTS units moved.", &[]),
            (
                "CTS units moved in Iraq.",
                &["CTS=org.cts", "Iraq=gpe.iraq"],
            ),
            (
                "CTS units moved to Baghdad.",
                &["CTS=org.cts", "Baghdad=gpe.baghdad"],
            ),
            (
                "The Counter Terrorism Service left. CTS units moved.",
                &["Counter Terrorism Service=org.cts", "CTS=org.cts"],
            ),
            ("IG fighters left.", &[]),
            ("IG fighters left Raqqa.", &["IG=org.ig"]),
            // Longer and dotted codes are specific by their form.
            ("WXYZ said so.", &["WXYZ=org.wxyz"]),
            ("The U.N. said so.", &["U.N.=org.un"]),
            ("The UN said so.", &[]),
            // Country codes are exempt.
            ("US officials said so.", &["US=gpe.us"]),
        ]);
    }

    #[test]
    fn a_code_the_text_defines_for_something_else_is_not_the_listed_one() {
        check(&[
            (
                "Canadian Trust Securities (CTS) rose in Iraq. CTS shares gained.",
                &["Iraq=gpe.iraq"],
            ),
            (
                "The Counter Terrorism Service (CTS) left Iraq. CTS units moved.",
                &[
                    "Counter Terrorism Service=org.cts",
                    "CTS=org.cts",
                    "Iraq=gpe.iraq",
                    "CTS=org.cts",
                ],
            ),
        ]);
    }

    #[test]
    fn a_code_in_an_all_capitals_line_needs_the_entity_below_it() {
        check(&[
            (
                "ACME SHR 12 CTS VS 10 CTS\nProfit rose in Iraq.",
                &["Iraq=gpe.iraq"],
            ),
            // A code that is no English word, between capitals, is judged here: a
            // country's too, unless it is dotted.
            ("WXYZ SAYS WAR OVER\nNobody spoke.", &[]),
            (
                "WXYZ SAYS WAR OVER\nThe World Xylophone Youth Zone spoke.",
                &["WXYZ=org.wxyz", "World Xylophone Youth Zone=org.wxyz"],
            ),
            ("EXPORTS TO USA RISE\nNobody spoke.", &[]),
            (
                "EXPORTS TO USA RISE\nThe United States spoke.",
                &["USA=gpe.us", "United States=gpe.us"],
            ),
            ("EXPORTS TO U.S. RISE\nNobody spoke.", &["U.S.=gpe.us"]),
            // (A bare code that is an English word is a word to the matcher already.)
            (
                "TALKS WITH US OVER\nThe United States spoke.",
                &["United States=gpe.us"],
            ),
            ("U.N. SAYS WAR OVER\nNobody spoke.", &[]),
            (
                "U.N. SAYS WAR OVER\nThe U.N. said so.",
                &["U.N.=org.un", "U.N.=org.un"],
            ),
        ]);
    }

    #[test]
    fn a_one_word_or_generic_alias_needs_context() {
        check(&[
            ("The Senate voted.", &[]),
            (
                "The Senate voted in the United States.",
                &["Senate=org.senate", "United States=gpe.us"],
            ),
            // A name that begins with its country carries its context.
            ("The U.S. Senate voted.", &["U.S. Senate=org.senate"]),
            // Inside a longer capitalised name it is another body.
            (
                "The Philippine Senate voted in the United States.",
                &["United States=gpe.us"],
            ),
            // A facility's alias needs its country: not the embassy in Baghdad here.
            (
                "The U.S. Embassy in Moscow said so.",
                &["Moscow=gpe.moscow"],
            ),
            (
                "The U.S. Embassy in Baghdad said so.",
                &["U.S. Embassy=fac.embassy", "Baghdad=gpe.baghdad"],
            ),
        ]);
    }

    #[test]
    fn a_surname_never_links_across_another_given_name() {
        check(&[
            ("Rubio said so.", &[]),
            (
                "Rubio said so in the United States.",
                &["Rubio=per.rubio", "United States=gpe.us"],
            ),
            (
                "Marco Rubio spoke. Rubio said so.",
                &["Marco Rubio=per.rubio", "Rubio=per.rubio"],
            ),
            // Another given name claims the surname for the whole document.
            (
                "Mariano Rubio spoke in the United States. Rubio said so.",
                &["United States=gpe.us"],
            ),
            // So does a longer name it opens.
            (
                "Rubio Holdings fell in the United States. Rubio said so.",
                &["United States=gpe.us"],
            ),
            // A title, a place or a possessive before it is no given name.
            (
                "Senator Rubio spoke in the United States.",
                &["Rubio=per.rubio", "United States=gpe.us"],
            ),
        ]);
    }

    #[test]
    fn a_body_of_common_words_after_a_foreign_place_or_a_name_word_is_another_bodys_tail() {
        check(&[
            // A place of another country, or a name word, before it: a longer name.
            (
                "The Moscow Counter Terrorism Service said so.",
                &["Moscow=gpe.moscow"],
            ),
            ("The Vantor Counter Terrorism Service said so.", &[]),
            // Its own country's place, a people's adjective, a possessive, an ordinary
            // word: the body itself.
            (
                "The Baghdad Counter Terrorism Service said so.",
                &["Baghdad=gpe.baghdad", "Counter Terrorism Service=org.cts"],
            ),
            (
                "The Iraqi Counter Terrorism Service said so.",
                &["Counter Terrorism Service=org.cts"],
            ),
            (
                "Then Moscow's Counter Terrorism Service said so.",
                &["Moscow=gpe.moscow", "Counter Terrorism Service=org.cts"],
            ),
            (
                "Any Counter Terrorism Service move was welcome.",
                &["Counter Terrorism Service=org.cts"],
            ),
            // A one-word name after a state or a city is that place's own body.
            ("Later the Westria Fed said so.", &["Westria=gpe.westria"]),
            (
                "Later the U.S. Fed said so.",
                &["U.S.=gpe.us", "Fed=org.fed"],
            ),
            (
                "Later the Senate voted in Westria.",
                &["Senate=org.senate", "Westria=gpe.westria"],
            ),
        ]);
    }

    #[test]
    fn a_one_word_place_stands_alone() {
        check(&[
            ("Baghdad said so.", &["Baghdad=gpe.baghdad"]),
            // The last word of a longer name: an agency, an office, a person.
            ("Prensa Baghdad said so.", &[]),
            ("They said Statistics Iraq was right.", &[]),
            ("Donald Moscow said so.", &[]),
            // A title, a sentence opener or a country's adjective qualifies the place; so
            // does anything in a headline. (A compass word does too, but discovery then
            // takes "Northern Iraq" as one place.)
            ("In Baghdad, they said so.", &["Baghdad=gpe.baghdad"]),
            ("No Baghdad troops left.", &["Baghdad=gpe.baghdad"]),
            ("They said No Baghdad troops left.", &[]),
            ("Iraqi Baghdad was calm.", &["Baghdad=gpe.baghdad"]),
            (
                "BANKS SEE BAGHDAD GAIN\nBanks in Baghdad said so.",
                &["BAGHDAD=gpe.baghdad", "Baghdad=gpe.baghdad"],
            ),
            // Before a ticker, a company's name, at a line's start too.
            (
                "BAGHDAD <BGD> SETS PAYOUT\nBanks in Baghdad said so.",
                &["Baghdad=gpe.baghdad"],
            ),
            (
                "FIRST BAGHDAD <FB> SETS PAYOUT\nBanks in Baghdad said so.",
                &["Baghdad=gpe.baghdad"],
            ),
            // Not in the same sentence, or more than a space between.
            (
                "They met Prensa. Baghdad said so.",
                &["Baghdad=gpe.baghdad"],
            ),
            ("Prensa, Baghdad said so.", &["Baghdad=gpe.baghdad"]),
            // A word that is only a short form of someone the gazetteer knows, who is not
            // named in the document, is a name word like any other ("Allen Sinai"); a
            // listed full name before the place is not.
            ("Later Marco Baghdad said so.", &[]),
            (
                "Later Iraq Baghdad talks began.",
                &["Iraq=gpe.iraq", "Baghdad=gpe.baghdad"],
            ),
        ]);
    }

    #[test]
    fn a_place_that_must_be_placed_needs_its_region_or_country_after_it() {
        check(&[
            // Its region (by name or code) or its country right after it, after a comma.
            (
                "Workers at Kenmouth, Wst., walked out.",
                &["Kenmouth=gpe.kenmouth", "Wst.=gpe.westria"],
            ),
            (
                "Port Ardle, Westria, grew.",
                &["Port Ardle=gpe.port-ardle", "Westria=gpe.westria"],
            ),
            (
                "Port Ardle, United States, grew.",
                &["Port Ardle=gpe.port-ardle", "United States=gpe.us"],
            ),
            // Placed once, its other mentions in the document link too.
            (
                "Kenmouth, Wst., voted. The Kenmouth plant closed.",
                &[
                    "Kenmouth=gpe.kenmouth",
                    "Wst.=gpe.westria",
                    "Kenmouth=gpe.kenmouth",
                ],
            ),
            // Not placed: alone, with the country's code elsewhere, its region elsewhere,
            // another country after it.
            ("The Kenmouth plant closed.", &[]),
            ("U.S. officials visited Kenmouth.", &["U.S.=gpe.us"]),
            (
                "Westria officials visited Port Ardle.",
                &["Westria=gpe.westria"],
            ),
            ("Port Ardle, Iraq, grew.", &["Iraq=gpe.iraq"]),
            // Placed elsewhere, but a word of a longer name or compound here; in a headline,
            // where capitals say nothing, still the town.
            (
                "Jay Kenmouth said Kenmouth, Wst., grew.",
                &["Kenmouth=gpe.kenmouth", "Wst.=gpe.westria"],
            ),
            (
                "Kenmouth, Wst., grew. The Vantor-Kenmouth line and Kenmouth Motors grew.",
                &["Kenmouth=gpe.kenmouth", "Wst.=gpe.westria"],
            ),
            (
                "STRIKE AT KENMOUTH PLANT\nWorkers at Kenmouth, Wst., struck.",
                &[
                    "KENMOUTH=gpe.kenmouth",
                    "Kenmouth=gpe.kenmouth",
                    "Wst.=gpe.westria",
                ],
            ),
        ]);
    }

    #[test]
    fn a_guarded_place_named_like_a_person_gives_way_to_the_person() {
        // Dorvale is a city with a context guard (its country), as the world's cities are.
        check(&[
            (
                "U.S. officials met in Dorvale.",
                &["U.S.=gpe.us", "Dorvale=gpe.dorvale"],
            ),
            // Before a name word: the first word of a person's name.
            ("U.S. officials met Dorvale Vantorsen.", &["U.S.=gpe.us"]),
            // After a given name, across a wrapped line too, and then everywhere in the
            // document.
            (
                "U.S. analyst Richard\nDorvale said. Dorvale added more.",
                &["U.S.=gpe.us"],
            ),
            // Not before a dictionary word or a cue word ("Dorvale Post").
            (
                "U.S. fans of Dorvale Braves met.",
                &["U.S.=gpe.us", "Dorvale=gpe.dorvale"],
            ),
            // Not after a headline's word in capitals.
            (
                "U.S. HOUSING FALLS\nDorvale housing starts fell.",
                &["U.S.=gpe.us", "Dorvale=gpe.dorvale"],
            ),
            // Not an unguarded place.
            (
                "U.S. officials met Baghdad Vantorsen.",
                &["U.S.=gpe.us", "Baghdad=gpe.baghdad"],
            ),
        ]);
    }
}
