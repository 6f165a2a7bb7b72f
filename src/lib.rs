//! gazette: entity extraction for news archives.
//!
//! A staged pipeline that turns articles into normalised entity records. Spelling variants
//! across feeds (Soleimani/Suleimani, Kataib/Kata'ib) resolve to one entity, and every
//! mention's span is a byte range of the original text. The stages, each behind a small face
//! (`docs/architecture.md` says where every rule lives):
//!
//! 1. tokenise and 2. normalise (`text/`): words, sentences and match keys;
//! 3. find (`extract/find/`): gazetteer names, unlisted spellings, names found from context;
//! 4. resolve (`extract/resolve/`): mentions and the entities they refer to;
//! 5. emit ([`sink`]): JSONL, entity records, spelling reports, SQLite, PostgreSQL, CSV.
//!
//! ```
//! use gazette::{Document, Pipeline};
//!
//! let pipeline = Pipeline::bundled().unwrap();
//! let doc = Document::new("d1", "Gen. Qassem Suleimani was killed near Baghdad.");
//! let extracted = pipeline.extract(&doc);
//! let general = extracted
//!     .mentions()
//!     .iter()
//!     .find(|m| extracted.entity(m).id == "per.qassem-soleimani")
//!     .expect("the general is found");
//! assert_eq!(&doc.text[general.start..general.end], "Qassem Suleimani");
//! assert_eq!(extracted.entity(general).canonical, "Qassem Soleimani");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// What embedders may use is `pub` and re-exported here; everything else says `pub(crate)`.
#![warn(unreachable_pub)]

#[cfg(feature = "bench")]
#[doc(hidden)]
pub mod bench;
mod bytes8;
mod data;
pub mod date;
pub mod document;
pub mod error;
mod extract;
pub mod gazetteer;
mod hashbits;
mod pipeline;
pub mod record;
pub mod sink;
mod text;
pub mod tools;

pub use document::Document;
pub use error::{Error, Result};
pub use extract::{Ambiguity, EntityView, Extracted, Mention};
pub use pipeline::{CacheUse, Pipeline, PipelineBuilder, Startup, Summary, default_cache_dir};
pub use text::name_key;
