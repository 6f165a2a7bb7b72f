//! The one value stage 3 hands on: a stretch of text that names something.

use crate::gazetteer::{EntityType, NameKind, NameRef};

/// A stretch of text that stage 3 takes for a name: words `first..=last`, bytes
/// `start..end` of the original text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    /// First word.
    pub(crate) first: usize,
    /// Last word (inclusive).
    pub(crate) last: usize,
    /// Byte offset of the first byte in the original text.
    pub(crate) start: usize,
    /// Byte offset one past the last byte.
    pub(crate) end: usize,
    /// What the stretch names.
    pub(crate) kind: HitKind,
}

/// What a [`Hit`] names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum HitKind {
    /// Gazetteer names it may be.
    Listed {
        /// The candidates: every listed name (and so entity) the stretch may be.
        refs: Vec<NameRef>,
        /// Bytes of match key covered: the weight when overlapping hits compete.
        weight: usize,
        /// Set when the stretch is an unlisted transliteration of the names.
        variant: Option<Variant>,
        /// For candidates kept only on the document's evidence (`evidence.rs`): the
        /// entity and what supported it.
        evidence: Vec<(u32, String)>,
    },
    /// A name no gazetteer holds, found from its context.
    Discovered {
        /// Its type.
        kind: EntityType,
        /// Its identity across documents: the phonetic key of the full name.
        key: String,
        /// Why it was taken for a name.
        evidence: String,
    },
}

/// How an unlisted spelling was linked to listed names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Variant {
    /// Similarity of the two spellings, 0..1.
    pub(crate) confidence: f32,
    /// The transliteration rules that bridge them.
    pub(crate) trace: String,
}

impl Hit {
    /// The candidates of a gazetteer hit (none for a discovered name).
    pub(crate) fn refs(&self) -> &[NameRef] {
        match &self.kind {
            HitKind::Listed { refs, .. } => refs,
            HitKind::Discovered { .. } => &[],
        }
    }

    /// Does the hit rest only on generated short forms of names ("Soleimani")?
    pub(crate) fn only_partial(&self) -> bool {
        matches!(&self.kind, HitKind::Listed { refs, .. }
            if refs.iter().all(|r| r.kind == NameKind::Partial))
    }

    /// Do the two hits share a word?
    pub(crate) fn overlaps(&self, other: &Hit) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// Bytes of match key a gazetteer hit covers (0 for a discovered name).
    pub(super) fn weight(&self) -> usize {
        match &self.kind {
            HitKind::Listed { weight, .. } => *weight,
            HitKind::Discovered { .. } => 0,
        }
    }
}
