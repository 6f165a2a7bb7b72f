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

    /// Everything but the automaton, for the start-up cache.
    pub(crate) fn encode(&self) -> std::result::Result<Vec<u8>, postcard::Error> {
        let mut out = self.gazetteer.encode()?;
        out.extend(postcard::to_stdvec(&self.variants)?);
        Ok(out)
    }

    /// The inverse of [`Lexicon::encode`]; a damaged encoding is an error, never a panic.
    pub(crate) fn decode(bytes: &[u8]) -> std::result::Result<Lexicon, String> {
        let (gazetteer, variants) = Compiled::decode_with(bytes, |rest| {
            postcard::from_bytes::<VariantIndex>(rest).map_err(|e| e.to_string())
        })?;
        if !variants.is_sound(gazetteer.patterns().len()) {
            return Err("its variant index does not match its names".into());
        }
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
