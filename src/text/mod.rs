//! Stages 1 and 2: a text's words and sentences ([`tokenize`]) and their match keys
//! ([`normalize`]), handed on as one [`Analysed`] value that every later stage reads.
//!
//! Gazetteer names go through these same two stages when they are compiled, so a name matches
//! article text exactly when the two fold alike.

mod analysed;
pub(crate) mod normalize;
pub(crate) mod tokenize;

pub(crate) use analysed::Analysed;
pub use normalize::name_key;
