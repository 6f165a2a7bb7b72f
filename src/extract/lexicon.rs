//! What stages 3 and 4 read that is built once at start-up: the compiled gazetteer, and the
//! variant index over its names (built while the automaton builds).

use super::find::variant::VariantIndex;
use crate::error::Result;
use crate::gazetteer::{Compiled, Gazetteer};

/// The compiled gazetteer and the indexes built over it. Cheap to share between threads.
pub(crate) struct Lexicon {
    gazetteer: Compiled,
    variants: VariantIndex,
}

impl Lexicon {
    /// Compiles a gazetteer and indexes its names.
    pub(crate) fn build(gazetteer: Gazetteer) -> Result<Lexicon> {
        let (gazetteer, variants) = Compiled::build_with(gazetteer, VariantIndex::new)?;
        Ok(Lexicon {
            gazetteer,
            variants,
        })
    }

    /// The compiled gazetteer.
    #[inline]
    pub(crate) fn gazetteer(&self) -> &Compiled {
        &self.gazetteer
    }

    /// The variant stage's index.
    #[inline]
    pub(crate) fn variants(&self) -> &VariantIndex {
        &self.variants
    }

    /// Everything start-up derives from the gazetteer files, as sections for the start-up
    /// cache and the prebuilt index: the compiled gazetteer's, then the variant index's.
    pub(crate) fn sections(
        &self,
    ) -> std::result::Result<Vec<std::borrow::Cow<'_, [u8]>>, postcard::Error> {
        let mut out = self.gazetteer.sections()?;
        out.extend(self.variants.sections()?);
        Ok(out)
    }

    /// The inverse of [`Lexicon::sections`]; a damaged encoding is an error, never a panic.
    pub(crate) fn from_sections(sections: Vec<Vec<u8>>) -> std::result::Result<Lexicon, String> {
        if sections.len() != Compiled::SECTIONS + 3 {
            return Err(format!(
                "{} sections, not {}",
                sections.len(),
                Compiled::SECTIONS + 3
            ));
        }
        let mut sections = sections.into_iter();
        let gazetteer = Compiled::from_sections(&mut sections)?;
        let mut next = || sections.next().ok_or("a section is missing");
        let variants = VariantIndex::from_sections(next()?, next()?, &next()?)?;
        Ok(Lexicon {
            gazetteer,
            variants,
        })
    }

    /// Points a candidate past the names (for the cache's tests).
    #[cfg(test)]
    pub(crate) fn break_an_index_for_test(&mut self) {
        self.gazetteer.break_an_index_for_test();
    }
}
