//! The stages one by one, for `benches/` only (feature `bench`, which the benches and tests
//! turn on through the crate's dev-dependency on itself): not part of the public API.

use crate::extract::find::{self, Finders};
use crate::extract::times::Stopwatch;
use crate::extract::{Lexicon, resolve};
use crate::gazetteer::Gazetteer;
use crate::text::Analysed;

pub use crate::extract::times::StageTimes;
pub use crate::gazetteer::KeyAutomaton;

/// [`crate::Pipeline::extract`] on a text, adding each stage's wall time to `times`.
pub fn extract_timed<'p>(
    pipeline: &'p crate::Pipeline,
    text: &str,
    times: &mut StageTimes,
) -> crate::Extracted<'p> {
    pipeline.extract_timed(text, times)
}

/// The stages of one pipeline, callable one at a time.
pub struct Stages {
    lexicon: Lexicon,
}

/// A document after stages 1 and 2.
pub struct Analysis<'t>(Analysed<'t>);

/// A document's hits after stage 3.
pub struct Found(find::Hits);

impl Stages {
    /// The stages over a gazetteer.
    pub fn new(gazetteer: Gazetteer) -> crate::Result<Self> {
        Ok(Stages {
            lexicon: Lexicon::build(gazetteer)?,
        })
    }

    /// Stage 1 alone: the number of words.
    pub fn tokenize(text: &str) -> usize {
        crate::text::tokenize::tokenize(text).words.len()
    }

    /// Stages 1 and 2.
    pub fn analyse(text: &str) -> Analysis<'_> {
        Analysis(Analysed::new(text))
    }

    /// Stage 3 with every finder.
    pub fn find(&self, doc: &Analysis<'_>) -> Found {
        self.find_with(doc, true, true)
    }

    /// Stage 3 with the gazetteer finder alone: the number of hits.
    pub fn gazetteer_hits(&self, doc: &Analysis<'_>) -> usize {
        self.find_with(doc, false, false).len()
    }

    fn find_with(&self, doc: &Analysis<'_>, variants: bool, discovery: bool) -> Found {
        let finders = Finders {
            variants,
            discovery,
            evidence: true,
        };
        let mut clock = Stopwatch::new(None);
        Found(find::find(
            &doc.0,
            None,
            self.lexicon.gazetteer(),
            self.lexicon.variants(),
            finders,
            &mut clock,
        ))
    }

    /// Stage 4: the number of mentions. Resolving takes the hits, so this resolves a copy
    /// of them (the copy is timed too).
    pub fn resolve(&self, doc: &Analysis<'_>, found: &Found) -> usize {
        resolve::resolve(&doc.0, found.0.hits.clone(), self.lexicon.gazetteer())
            .mentions
            .len()
    }

    /// The match keys of the compiled gazetteer, sorted.
    pub fn keys(&self) -> Vec<String> {
        self.lexicon.gazetteer().keys()
    }
}

impl Analysis<'_> {
    /// Bytes of match key.
    pub fn key_len(&self) -> usize {
        self.0.keys().len()
    }

    /// Each word's byte range in the text, its sentence and its match key (for the fuzz
    /// targets' invariants).
    pub fn words(&self) -> Vec<(std::ops::Range<usize>, u32, &str)> {
        (0..self.0.words().len())
            .map(|i| {
                let w = self.0.words()[i];
                (w.start()..w.end(), self.0.sentence_of(i), self.0.key(i))
            })
            .collect()
    }
}

impl Found {
    /// The number of hits.
    pub fn len(&self) -> usize {
        self.0.hits.len()
    }

    /// Whether there is no hit.
    pub fn is_empty(&self) -> bool {
        self.0.hits.is_empty()
    }
}
