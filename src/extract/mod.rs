//! Stages 3 and 4 on one document: find the stretches of text that name something
//! ([`find`]: gazetteer names, unlisted spellings, names found from context), then resolve
//! them into mentions of entities ([`resolve`]: ordered sieves). The result is an
//! [`Extracted`] value, which the sinks write out.
//!
//! Stages 1 and 2 (words, sentences, match keys) are in [`crate::text`]; what stages 3 and
//! 4 read that is built once at start-up (the compiled gazetteer and the variant index) is
//! the [`Lexicon`].

mod extracted;
pub(crate) mod find;
mod lexicon;
pub(crate) mod resolve;
#[cfg(test)]
pub(crate) mod testing;
pub(crate) mod times;

pub use extracted::{Ambiguity, EntityView, Extracted, Mention};
pub(crate) use find::Finders;
pub(crate) use lexicon::Lexicon;

use crate::date::Date;
use crate::text::Analysed;
use times::{Stage, StageTimes, Stopwatch};

/// Every stage on one text, published on `date` when known: never fails, any string is valid
/// input. Stage times are added to `times` when given.
pub(crate) fn extract<'l>(
    lexicon: &'l Lexicon,
    text: &str,
    date: Option<Date>,
    finders: Finders,
    times: Option<&mut StageTimes>,
) -> Extracted<'l> {
    let gaz = lexicon.gazetteer();
    // Offsets inside a document are 32-bit: a text of 4 GiB or more yields nothing rather
    // than wrong spans (readers refuse such documents long before).
    if text.len() >= u32::MAX as usize {
        return Extracted::new(gaz, Default::default(), Vec::new());
    }
    let mut clock = Stopwatch::new(times);
    let doc = Analysed::new_with(text, |stage| {
        clock.lap(if stage == 1 {
            Stage::Tokenize
        } else {
            Stage::Normalize
        })
    });
    let mut hits = find::find(&doc, date, gaz, lexicon.variants(), finders, &mut clock);
    let mut resolved = resolve::resolve(&doc, std::mem::take(&mut hits.hits), gaz);
    if let Some(date) = date {
        resolve::note_refusals(&mut resolved, &hits.refused, gaz, date);
    }
    clock.lap(Stage::Resolve);
    Extracted::new(gaz, resolved, hits.ambiguous)
}
