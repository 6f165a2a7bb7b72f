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
#[cfg(test)]
mod shared_buf;
mod spellings;
mod tables;

pub use batch::{Batch, Sink};
pub use entities::EntitiesJsonl;
pub use jsonl::MentionsJsonl;
pub use progress::Progress;
#[cfg(test)]
pub(crate) use shared_buf::SharedBuf;
pub(crate) use spellings::REVIEW_HEADER;
pub use spellings::Spellings;
pub use tables::{
    AliasRow, DocumentMeta, DocumentOutput, EntityRow, SinkStats, TableSink, Tables, content_hash,
    open_csv_tables, open_tables,
};
