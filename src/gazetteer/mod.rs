//! Gazetteers: the entities a run knows by name. Files are read and validated here (every
//! broken row reported as `file:line: what is wrong`; the format is `gazetteers/README.md`),
//! then compiled (`compiled.rs`) into the form the matching stage walks: every name
//! folded by the same normaliser as article text, one automaton over the keys.
//!
//! - `parse.rs`: one file's rows; `sources.rs`: which files a run loads;
//! - `names.rs`: what each name compiles to (keys, short forms of people's names, the span
//!   conventions an alias must keep, which names need a context guard);
//! - `compiled.rs`: the compiled gazetteer and its lookups; `automaton.rs`: the key automaton;
//!   `entities.rs`: the entries, kept encoded and decoded when a document first needs one.

mod automaton;
mod compiled;
mod embedded;
mod entities;
mod entry;
mod load;
mod names;
mod parse;
mod regions;
mod sources;

#[cfg(feature = "bench")]
pub use automaton::KeyAutomaton;
pub(crate) use compiled::{Compiled, GuardCache, NameRef, Patterns};
pub use entities::Entities;
pub use entry::{DatedName, EntityType, Entry, NoMerge};
pub use load::{Gazetteer, bundled_files, read_tsv, tsv_files};
pub(crate) use names::{Name, NameKind, NamePattern, Risk, alias_problem, risk};
pub(crate) use parse::{coordinates, parse_file};
pub use sources::Sources;
