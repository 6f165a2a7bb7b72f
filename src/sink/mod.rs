//! Stage 5: where a run's records go. Every output is a [`Sink`] that [`crate::Pipeline::run`]
//! streams batches into, in input order:
//!
//! - [`MentionsJsonl`]: one JSON line per mention (`jsonl.rs`, with the fast line writer);
//! - [`EntitiesJsonl`]: one record per entity seen, at the end of the run (`entities.rs`);
//! - [`Spellings`]: the variants report and the review list of proposed aliases
//!   (`spellings.rs`);
//! - [`TableSink`]: database tables in SQLite, PostgreSQL or CSV files (`tables/`);
//! - [`Progress`]: a progress bar and the warnings about bad input (`progress.rs`).

mod batch;
mod entities;
mod jsonl;
mod progress;
mod spellings;
mod tables;

pub use batch::{Batch, Sink};
pub use entities::EntitiesJsonl;
pub use jsonl::MentionsJsonl;
pub use progress::Progress;
pub(crate) use spellings::REVIEW_HEADER;
pub use spellings::Spellings;
pub use tables::{
    AliasRow, DocumentMeta, DocumentOutput, EntityRow, SinkStats, TableSink, Tables, content_hash,
    open_csv_tables, open_tables,
};

/// A buffer a sink can own while a test reads what it wrote.
#[cfg(test)]
#[derive(Clone, Default)]
pub(crate) struct SharedBuf(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

#[cfg(test)]
impl SharedBuf {
    /// What has been written so far.
    pub(crate) fn bytes(&self) -> Vec<u8> {
        self.0.lock().unwrap().clone()
    }
}

#[cfg(test)]
impl std::io::Write for SharedBuf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
