//! Stage 4: resolution. Turns the hits of stage 3 into mentions of one entity each, by
//! ordered sieves, most precise first, each in its own module:
//!
//! 1. **names** (`names.rs`): a hit whose full names (canonical, alias, code) point at one
//!    entity is linked to it; these *anchor* the entity in the document;
//! 2. **shared names** (`names.rs`): a name shared by several entities goes to the one
//!    anchored in the document; if none or several are anchored, to the first listed (the
//!    gazetteer lists the most prominent bearer first);
//! 3. **short forms** (`names.rs`): a generated surname or kunya ("Muhandis", "Abu Mahdi")
//!    links only when exactly one entity with that short form is anchored in the document;
//! 4. **discovered names** (`discovered.rs`): names found from context become entities of
//!    the document, a later surname alone joining its full name;
//! 5. **names defined in the text** (`acronyms.rs`): "Popular Mobilisation Units, or PMU",
//!    "(PMF)", "known as KH", and a name in parentheses after a mention, link their later
//!    uses to the defining mention's entity;
//! 6. **descriptions** (`nominals.rs`): "the Iranian commander" links to the most recent
//!    compatible mention.
//!
//! In a dated document, a candidate refused by its entity's lifetime (stage 3) is named in
//! the trace of the mention that ends up over its text, if any (`note_refusals`).
//!
//! A wrong link costs more than a miss: every sieve leaves a mention unlinked when it cannot
//! tell. Entity ids are gazetteer ids (or a discovered name's type and key), so the same
//! entity in different documents is one entity. Each rule is stated in docs/coreference.md.

mod acronyms;
mod discovered;
mod draft;
mod earlier;
mod names;
mod nominals;
mod resolved;

use super::find::{Hit, Refusal, refusal_note};
use crate::date::Date;
use crate::gazetteer::Compiled;
use crate::text::Analysed;
use draft::Target;

pub use resolved::Mention;
#[cfg(test)]
pub(crate) use resolved::NewEntity;
pub(crate) use resolved::{Entity, Resolved};

/// Stage 4 on one document's hits.
pub(crate) fn resolve(doc: &Analysed<'_>, hits: Vec<Hit>, gaz: &Compiled) -> Resolved {
    let mut out = names::resolve(doc, &hits, gaz);
    let news = discovered::add(doc, &hits, &mut out);
    // Every hit is a draft now: a long document's hits are let go before the later sieves
    // add to the drafts.
    drop(hits);
    let place = |t: Target| match t {
        Target::Known(i) => gaz.entry(i).kind.is_place(),
        Target::New(i) => news[i as usize].kind.is_place(),
    };
    acronyms::parenthetical_names(doc, &mut out, &place);
    acronyms::acronyms(doc, &mut out, &place);
    out.sort_by_key(|m| m.start);
    nominals::add(doc, gaz, &mut out);
    out.sort_by_key(|m| m.start);
    resolved::finish(doc.text(), out, news)
}

/// Says in the trace of a mention why a candidate of its text was not linked: each refusal
/// goes to the first mention that overlaps its text ("not linked to OPEC+: active 2016..,
/// document dated 1987-06-01"). A refusal no mention overlaps is not reported.
pub(crate) fn note_refusals(out: &mut Resolved, refused: &[Refusal], gaz: &Compiled, date: Date) {
    for r in refused {
        let Some(m) = out
            .mentions
            .iter_mut()
            .find(|m| m.start < r.end && r.start < m.end)
        else {
            continue;
        };
        let note = refusal_note(gaz, r.entity, date);
        match &mut m.trace {
            Some(t) if t.contains(&note) => {}
            Some(t) => {
                t.push_str("; ");
                t.push_str(&note);
            }
            None => m.trace = Some(note),
        }
    }
}

#[cfg(test)]
mod tests {
    //! The sieves together: which sieve links each mention of one text, in text order.
    use crate::extract::testing::{lexicon, mentions};

    #[test]
    fn each_sieve_links_what_the_earlier_ones_left() {
        let lex = lexicon(
            "id\ttype\tcanonical\tcountry\tdescriptors\n\
             org.pmu\tORG\tPopular Mobilisation Units\tIQ\t\n\
             per.soleimani\tPERSON\tQassem Soleimani\tIR\tIranian commander\n\
             gpe.iraq\tGPE\tIraq\tIQ\tcountry\n",
            false,
        );
        let text = "The Popular Mobilisation Units, or PMU, met analyst Joel Wing and Qassem \
                    Soleimani in Iraq. Soleimani and Wing left. The Iranian commander said the \
                    PMU would stay.";
        let pmu = "Popular Mobilisation Units";
        // (surface, entity, how, antecedent)
        let want = [
            (pmu, "org.pmu", "exact", None),
            ("PMU", "org.pmu", "acronym", Some(pmu)),
            ("Joel Wing", "new:person:juelvink", "discovered", None),
            ("Qassem Soleimani", "per.soleimani", "exact", None),
            ("Iraq", "gpe.iraq", "exact", None),
            (
                "Soleimani",
                "per.soleimani",
                "partial",
                Some("Qassem Soleimani"),
            ),
            ("Wing", "new:person:juelvink", "discovered", None),
            (
                "Iranian commander",
                "per.soleimani",
                "coref",
                Some("Soleimani"),
            ),
            ("PMU", "org.pmu", "acronym", Some(pmu)),
        ];
        let got = mentions(&lex, text);
        let got: Vec<(&str, &str, &str, Option<&str>)> = got
            .iter()
            .map(|m| {
                (
                    m.text.as_str(),
                    m.entity.as_str(),
                    m.how,
                    m.antecedent.as_deref(),
                )
            })
            .collect();
        assert_eq!(got, want);
    }
}
