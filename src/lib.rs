//! gazette: entity extraction for news archives.
//!
//! A staged pipeline — [`tokenize`] → [`normalize`] → [`matcher`] → [`coref`] → [`record`] —
//! that turns articles into normalised entity records. Spelling variants across feeds
//! (Soleimani/Suleimani, Kataib/Kata'ib) resolve to one entity, and every mention's span is a
//! byte range of the original text.
//!
//! ```
//! use gazette::pipeline::Pipeline;
//! use gazette::document::Document;
//!
//! let pipeline = Pipeline::bundled().unwrap();
//! let doc = Document::new("d1", "Gen. Qassem Suleimani was killed near Baghdad.");
//! let records = pipeline.process(&doc);
//! assert!(records.iter().any(|r| r.canonical == "Qassem Soleimani"));
//! for r in &records {
//!     assert_eq!(&doc.text[r.start..r.end], r.text);
//! }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod bytes8;
pub mod coref;
pub mod discover;
pub mod document;
pub mod error;
pub mod eval;
pub mod gazetteer;
mod hashbits;
pub mod matcher;
pub mod normalize;
pub mod pipeline;
pub mod record;
pub mod report;
pub mod sink;
pub mod tokenize;
pub mod variant;
mod wordtable;

pub use error::{Error, Result};
