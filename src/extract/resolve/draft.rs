//! A mention while the sieves run: its words, what it refers to, and (for a mention that
//! refers back) the start of the mention it refers to, until the mentions have their final
//! order.

use crate::record::MatchKind;

/// What a mention refers to while the sieves run: a gazetteer entry, or the `i`th entity
/// discovered in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Target {
    /// A gazetteer entry.
    Known(u32),
    /// The `i`th entity discovered in the document.
    New(u32),
}

/// A mention while the sieves run, before the mentions have their final order.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Draft {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) target: Target,
    pub(super) how: MatchKind,
    pub(super) sentence: u32,
    pub(super) confidence: f32,
    pub(super) trace: Option<String>,
    /// The start offset of the mention referred back to.
    pub(super) antecedent_at: Option<usize>,
}

impl Draft {
    /// The words the draft covers.
    pub(super) fn words(&self) -> std::ops::RangeInclusive<usize> {
        self.first..=self.last
    }

    /// Appends `why` to the trace ("; " between parts).
    pub(super) fn add_trace(&mut self, why: &str) {
        match &mut self.trace {
            Some(t) => {
                t.push_str("; ");
                t.push_str(why);
            }
            None => self.trace = Some(why.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_covers_its_words_inclusive() {
        let d = Draft {
            start: 10,
            end: 26,
            first: 2,
            last: 3,
            target: Target::Known(0),
            how: MatchKind::Exact,
            sentence: 0,
            confidence: 1.0,
            trace: None,
            antecedent_at: None,
        };
        // (word, covered)
        for (t, want) in [(1, false), (2, true), (3, true), (4, false)] {
            assert_eq!(d.words().contains(&t), want, "word {t}");
        }
    }
}
