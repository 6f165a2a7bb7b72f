//! The [`Sink`] trait and the [`Batch`] a run hands each sink.

use crate::document::{Document, Problem};
use crate::error::Result;
use crate::extract::Extracted;

/// Where a run's output goes: mention lines, entity records, spelling reports, database
/// tables, a progress bar. [`crate::Pipeline::run`] hands every sink each batch of
/// documents in input order, every bad input as it is met, and calls [`Sink::finish`] once
/// at the end.
pub trait Sink: Send {
    /// Takes one batch of documents, in input order, with their extractions.
    fn write(&mut self, batch: &Batch<'_>) -> Result<()>;

    /// Takes a bad input (a document that could not be read, or a warning about one), in
    /// input order, before the batch it belongs to. Ignored unless the sink reports them.
    fn problem(&mut self, _problem: &Problem) {}

    /// Called once after the last batch: write what was gathered, flush, close.
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }

    /// A line for the end-of-run report on stderr, once finished, when the sink has
    /// something to say beyond its output.
    fn report(&self) -> Option<String> {
        None
    }
}

/// Documents and their extractions, in input order.
#[derive(Clone, Copy)]
pub struct Batch<'a> {
    docs: &'a [Document],
    extracted: &'a [Extracted<'a>],
}

impl<'a> Batch<'a> {
    /// A batch of documents and their extractions (the same length, in the same order).
    pub fn new(docs: &'a [Document], extracted: &'a [Extracted<'a>]) -> Self {
        debug_assert_eq!(docs.len(), extracted.len());
        Batch { docs, extracted }
    }

    /// Each document with its extraction.
    pub fn iter(&self) -> impl Iterator<Item = (&'a Document, &'a Extracted<'a>)> {
        self.docs.iter().zip(self.extracted)
    }

    /// The documents.
    pub fn docs(&self) -> &'a [Document] {
        self.docs
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the batch holds no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}
