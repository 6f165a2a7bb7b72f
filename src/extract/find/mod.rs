//! Stage 3: the stretches of text that name something, as [`Hit`]s. It runs three finders and
//! one check in a fixed order, each in its own module:
//!
//! 1. `gazetteer`: listed names (canonical names, aliases, codes, short forms of people's
//!    names) on word boundaries, with the case and context checks;
//! 2. `variant`: unlisted transliterations of listed names (Suleimani for Soleimani),
//!    which may only strictly contain the hits of 1; where they overlap, the choice that
//!    covers the most text wins (`select.rs`);
//! 3. `evidence`: a risky candidate (short code, one-word or generic alias, unlisted
//!    spelling) stays only when the document supports its entity;
//! 4. `discover`: names no gazetteer holds, from their shape and context ("analyst Joel
//!    Wing", "X Brigade"), outside the full-name hits of 1 and 2 but for places inside a
//!    longer name; a short-form hit inside a discovered name is dropped ("Saleh" of a known
//!    person inside a new "Miriam Saleh"), and so is a place hit ("Switzerland" inside a new
//!    "Union Bank of Switzerland").
//!
//! In a dated document, 1 and 2 take no entity dated outside its lifetime as a candidate
//! (`lifetime.rs`).
//!
//! The hits come out in text order and never overlap.

mod discover;
mod evidence;
mod gazetteer;
mod hit;
mod legal_form;
mod lifetime;
mod region;
mod select;
pub(crate) mod variant;

use super::times::{Stage, Stopwatch};
use crate::date::Date;
use crate::gazetteer::{Compiled, EntityType};
use crate::text::Analysed;
use select::select;
use variant::VariantIndex;

pub(crate) use hit::{Hit, HitKind, Variant};
pub(crate) use lifetime::{Refusal, refusal_note};
pub(crate) use variant::Ambiguous;

/// What stage 3 found in one document.
#[derive(Debug, Default)]
pub(crate) struct Hits {
    /// The hits, in text order, none overlapping.
    pub(crate) hits: Vec<Hit>,
    /// Unlisted spellings equally close to several entities: not linked, reported.
    pub(crate) ambiguous: Vec<Ambiguous>,
    /// Candidates the document's date refused (none in an undated document).
    pub(crate) refused: Vec<Refusal>,
}

/// Which optional finders run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Finders {
    /// Unlisted transliteration variants.
    pub(crate) variants: bool,
    /// Names from their context.
    pub(crate) discovery: bool,
    /// Risky candidates kept only on the document's evidence (`evidence.rs`). Always on in
    /// the pipeline; the finders' own rule tests turn it off to see their hits unfiltered.
    pub(crate) evidence: bool,
}

/// Stage 3 on one analysed document, published on `date` when known.
pub(crate) fn find(
    doc: &Analysed<'_>,
    date: Option<Date>,
    gaz: &Compiled,
    index: &VariantIndex,
    finders: Finders,
    clock: &mut Stopwatch<'_>,
) -> Hits {
    let mut lifetimes = lifetime::Lifetimes::new(date);
    let mut hits = gazetteer::find(doc, gaz, &mut lifetimes);
    hits.retain(|h| !split_in_headline(doc, h, gaz));
    clock.lap(Stage::Match);
    let mut ambiguous = Vec::new();
    if finders.variants {
        let (found, tied) = variant::find(doc, &hits, gaz, index, &mut lifetimes);
        ambiguous = tied;
        if !found.is_empty() {
            // A variant strictly contains the hits it overlaps; the covering choice keeps
            // it over them.
            hits.extend(found);
            hits = select(hits);
        }
    }
    if finders.evidence {
        evidence::admit(doc, &mut hits, gaz);
    }
    region::place_then_region(doc, &mut hits, gaz);
    region::bare_region_names(doc, &mut hits, gaz);
    hits.retain(|h| !in_office_title(doc, h, gaz));
    let others = legal_form::Others::new(&hits, gaz);
    hits.retain_mut(|h| match legal_form::after(doc, h, gaz, &others) {
        legal_form::After::Nothing => true,
        legal_form::After::LegalForm { last, end } => {
            (h.last, h.end) = (last, end);
            true
        }
        legal_form::After::LongerName => false,
    });
    // A place that is a word of an organisation's name ("Chicago Board of Trade", "Bank of
    // Japan") is not a mention of the place; discovery may then find the organisation.
    if !finders.discovery {
        hits.retain(|h| !(only_places(h, gaz) && discover::inside_org_name(doc, h)));
    }
    clock.lap(Stage::Variants);
    if finders.discovery {
        // A discovered name overlaps only what it may replace: short forms of listed people
        // ("Saleh" inside a new "Miriam Saleh") and places inside a new name ("Switzerland"
        // in "Union Bank of Switzerland").
        let found = discover::find(doc, &hits, gaz);
        let mut taken = vec![false; doc.words().len()];
        for f in &found {
            taken[f.first..=f.last].fill(true);
        }
        hits.retain(|h| !taken[h.first..=h.last].contains(&true));
        hits.extend(found);
        hits.sort_by_key(|h| h.start);
    }
    clock.lap(Stage::Discovery);
    Hits {
        hits,
        ambiguous,
        refused: lifetimes.into_refused(),
    }
}

/// The country that clearly leads a document's count of countries (one item per naming):
/// named at least twice, and at least twice as often as any other. With it, how often.
/// Discovery qualifies a body every country has by it, and a state's bare name takes it.
fn clear_leader<'a>(countries: impl Iterator<Item = &'a str>) -> Option<(&'a str, usize)> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for c in countries {
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let &(top, n) = counts.first()?;
    let second = counts.get(1).map_or(0, |c| c.1);
    (n >= 2 && n >= 2 * second).then_some((top, n))
}

/// Are all the candidates of a gazetteer hit places (GPE or LOC)?
fn only_places(h: &Hit, gaz: &Compiled) -> bool {
    let refs = h.refs();
    !refs.is_empty() && refs.iter().all(|r| gaz.entry(r.entity).kind.is_place())
}

/// "Treasury Secretary James Baker", "Senate Majority Leader Robert Byrd": an organisation
/// named as part of an office's title before the holder's name is no mention of it; titles
/// stay outside names (fixtures/gold/README.md). An employer before a title is one ("Acme
/// Chairman Dana Whitfield", "Hezbollah Secretary General Hassan Nasrallah"): only the
/// offices of state count.
fn in_office_title(doc: &Analysed<'_>, h: &Hit, gaz: &Compiled) -> bool {
    const OFFICES: [&str; 6] = [
        "Secretary",
        "Undersecretary",
        "Minister",
        "Leader",
        "Whip",
        "Speaker",
    ];
    const BEFORE_OFFICE: [&str; 4] = ["Majority", "Minority", "Republican", "Democratic"];
    let refs = h.refs();
    if refs.is_empty()
        || !refs
            .iter()
            .all(|r| gaz.entry(r.entity).kind == EntityType::Org)
    {
        return false;
    }
    let words = doc.words();
    // A space, or the wire's bare line break, inside one sentence.
    let spaced = |k: usize| {
        k + 1 < words.len()
            && matches!(
                &doc.text()[words[k].end()..words[k + 1].start()],
                " " | "\n"
            )
            && !words[k + 1].opens_sentence
    };
    let mut k = h.last;
    let party = spaced(k) && BEFORE_OFFICE.contains(&doc.word_text(k + 1));
    if party {
        k += 1;
    }
    // After a party word the office may be written in lower case ("Senate Republican
    // leader Howard Baker"); alone, a lower-case one is a common noun.
    let office =
        |w: &str| OFFICES.contains(&w) || party && OFFICES.iter().any(|o| o.to_lowercase() == w);
    // A secretary general heads a party or a body of many states, not an office of state.
    let general = |k: usize| k < words.len() && doc.word_text(k) == "General";
    spaced(k)
        && office(doc.word_text(k + 1))
        && !general(k + 2)
        && spaced(k + 1)
        && words[k + 2].is_cap_word()
}

/// "TO GO" in a headline is not Togo: a name written as one word that matches several
/// words of a headline, where capitals say nothing, is two ordinary words.
fn split_in_headline(doc: &Analysed<'_>, h: &Hit, gaz: &Compiled) -> bool {
    h.last > h.first
        && doc.in_headline(h.first)
        && h.refs().iter().all(|r| {
            !gaz.name(*r)
                .surface()
                .contains(|c: char| c.is_whitespace() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    //! Stage 3 as a whole: what one finder leaves to the next.
    use crate::extract::testing::{hits, lexicon};

    /// Each row's stage-3 hits (no variants, no discovery) as their surfaces.
    fn check(lex: &crate::extract::Lexicon, rows: &[(&str, &[&str])]) {
        for (text, want) in rows {
            let got: Vec<String> = hits(lex, text, false, false)
                .into_iter()
                .map(|h| h.text)
                .collect();
            assert_eq!(&got, want, "{text:?}");
        }
    }

    #[test]
    fn an_office_of_state_before_its_holder_is_part_of_the_title() {
        let lex = lexicon(
            "id\ttype\tcanonical\taliases\tcountry\n\
             org.treasury\tORG\tTreasury Department\tTreasury\tUS\n\
             org.senate\tORG\tSenate\t\tUS\n\
             org.acme\tORG\tAcme Steel\t\tUS\n",
            false,
        );
        // (text, the hits' surfaces)
        let rows: &[(&str, &[&str])] = &[
            ("Treasury Secretary Dana Whitfield said so.", &[]),
            ("Senate Majority Leader Dana Whitfield said so.", &[]),
            (
                "Democrats praised the remarks made on Friday by the Senate\nRepublican Leader Dana Whitfield.",
                &[],
            ),
            ("former Senate Republican leader Dana Whitfield", &[]),
            (
                "Acme Steel Chairman Dana Whitfield said so.",
                &["Acme Steel"],
            ),
            (
                "Senate Secretary General Dana Whitfield said so.",
                &["Senate"],
            ),
            // Not before a name; a lower-case office; not the same sentence.
            ("The Treasury Secretary said so.", &["Treasury"]),
            ("A Treasury spokesman said so.", &["Treasury"]),
            (
                "The Treasury secretary Dana Whitfield said so.",
                &["Treasury"],
            ),
            (
                "The Senate\n\nRepublican Leader Dana Whitfield",
                &["Senate"],
            ),
            ("He left the Senate. Leader Whitfield said so.", &["Senate"]),
        ];
        check(&lex, rows);
    }

    #[test]
    fn a_one_word_name_never_spans_words_of_a_headline() {
        let lex = lexicon(
            "id\ttype\tcanonical\tcountry\ngpe.tg\tGPE\tTogo\tTG\n",
            false,
        );
        // (text, the hits' surfaces)
        let rows: &[(&str, &[&str])] = &[
            ("PLAN TO GO AHEAD\nThe plan was approved.", &[]),
            ("TOGO SETS BUDGET\nThe plan was approved.", &["TOGO"]),
            ("Exports from Togo rose.", &["Togo"]),
        ];
        check(&lex, rows);
    }
}
