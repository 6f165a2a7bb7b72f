//! gazette: entity extraction for news archives.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod record;
pub mod sink;
