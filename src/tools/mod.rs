//! Offline tools around the pipeline, never used by the stages: the gazetteer linter
//! ([`check`]), importers from GeoNames and Wikidata ([`import`]), accepting reviewed aliases
//! ([`review`]) and scoring against gold annotations ([`eval`]). They share the runtime's
//! word lists, span conventions and risky-name rule.

pub mod check;
pub mod eval;
pub mod import;
pub mod review;
