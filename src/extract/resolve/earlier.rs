//! The mentions a description may refer back to, laid out once per document so that each
//! description looks at a bounded number of them: asking every mention of the document for
//! every "the" made long documents quadratic.

use super::draft::Draft;
use crate::gazetteer::{Compiled, EntityType};
use crate::text::Analysed;
use rustc_hash::FxHashMap;

/// How many mentions back a description looks, within its window of sentences. Newswire
/// has a few dozen mentions in six sentences; a pathological document with thousands in one
/// sentence must not cost thousands per "the".
pub(super) const REACH_BACK: usize = 256;

/// The mentions before a point of the document, as the descriptions move forward through it.
pub(super) struct Earlier<'o, 'g> {
    /// The mentions, in order of start.
    out: &'o [Draft],
    /// Whether each mention opens inside a quotation.
    quoted: Vec<bool>,
    /// Whether some mention covers each word.
    covered: Vec<bool>,
    /// Mention indices in order of end; those before `next` are in `listed`.
    by_end: Vec<usize>,
    next: usize,
    /// Per entity type and listed descriptor, the most salient mention so far of an entity
    /// that lists it (see [`Earlier::salience`]).
    listed: FxHashMap<(EntityType, &'g str), usize>,
}

impl<'o, 'g> Earlier<'o, 'g> {
    /// `out` must be in order of start.
    pub(super) fn new(doc: &Analysed<'_>, out: &'o [Draft]) -> Self {
        let mut covered = vec![false; doc.words().len()];
        for t in out.iter().flat_map(Draft::words) {
            if let Some(c) = covered.get_mut(t) {
                *c = true;
            }
        }
        let mut by_end: Vec<usize> = (0..out.len()).collect();
        by_end.sort_by_key(|&i| (out[i].end, i));
        Earlier {
            out,
            quoted: quoted_starts(doc.text(), out),
            covered,
            by_end,
            next: 0,
            listed: FxHashMap::default(),
        }
    }

    pub(super) fn covered(&self, t: usize) -> bool {
        self.covered.get(t).copied().unwrap_or(false)
    }

    /// Salience of mention `i`: one outside a quotation before one inside, then the later.
    pub(super) fn salience(&self, i: usize) -> (bool, usize) {
        (!self.quoted[i], self.out[i].start)
    }

    /// Indices of the mentions that end by `at`, latest start first, at most [`REACH_BACK`].
    pub(super) fn before(&self, at: usize) -> impl Iterator<Item = usize> + '_ {
        let n = self.out.partition_point(|m| m.start < at);
        (0..n)
            .rev()
            .filter(move |&i| self.out[i].end <= at)
            .take(REACH_BACK)
    }

    /// Moves the point to `at`: every mention ending by it is entered under the descriptors
    /// its entity lists (`keep` says which mentions may be antecedents at all).
    pub(super) fn advance(&mut self, at: usize, gaz: &'g Compiled, keep: impl Fn(&Draft) -> bool) {
        while let Some(&i) = self.by_end.get(self.next) {
            let m = &self.out[i];
            if m.end > at {
                break;
            }
            self.next += 1;
            let super::draft::Target::Known(e) = m.target else {
                continue;
            };
            if !keep(m) {
                continue;
            }
            let kind = gaz.entry(e).kind;
            let (out, quoted) = (self.out, &self.quoted);
            let salience = |i: usize| (!quoted[i], out[i].start);
            for d in gaz.descriptors(e) {
                let slot = self.listed.entry((kind, d.as_str())).or_insert(i);
                if salience(*slot) < salience(i) {
                    *slot = i;
                }
            }
        }
    }

    /// The most salient mention so far of an entity of `kind` that lists `descriptor`.
    pub(super) fn listing(&self, kind: EntityType, descriptor: &str) -> Option<usize> {
        self.listed.get(&(kind, descriptor)).copied()
    }
}

/// Whether each mention (in order of start) opens inside a quotation: an odd number of
/// quotation marks before it on its line, or more opening than closing curly ones when the
/// line has curly ones. One pass over the text.
fn quoted_starts(text: &str, out: &[Draft]) -> Vec<bool> {
    let (mut pos, mut open, mut close, mut straight) = (0, 0usize, 0usize, 0usize);
    out.iter()
        .map(|m| {
            let at = m.start.min(text.len());
            if at >= pos {
                for c in text[pos..at].chars() {
                    match c {
                        '\n' => (open, close, straight) = (0, 0, 0),
                        '“' => open += 1,
                        '”' => close += 1,
                        '"' => straight += 1,
                        _ => {}
                    }
                }
                pos = at;
            }
            if open + close > 0 {
                open + straight > close
            } else {
                straight % 2 == 1
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::MatchKind;

    fn at(start: usize) -> Draft {
        Draft {
            start,
            end: start + 1,
            first: 0,
            last: 0,
            target: super::super::draft::Target::New(0),
            how: MatchKind::Exact,
            sentence: 0,
            confidence: 1.0,
            trace: None,
            antecedent_at: None,
        }
    }

    #[test]
    fn quotation_marks_before_a_start_on_its_line() {
        // Each letter is a mention; whether each opens inside a quotation.
        let rows: &[(&str, &[bool])] = &[
            // Straight marks: an odd number before it is inside; a new line starts outside.
            ("a \"b\" c \"d", &[false, true, false, true]),
            ("\"a\nb", &[true, false]),
            // Curly marks count opening against closing, straight ones as opening.
            ("“a” b “c", &[true, false, true]),
        ];
        for (text, want) in rows {
            let out: Vec<Draft> = text
                .char_indices()
                .filter(|(_, c)| c.is_alphabetic())
                .map(|(i, _)| at(i))
                .collect();
            assert_eq!(quoted_starts(text, &out), *want, "{text:?}");
        }
    }

    #[test]
    fn the_look_back_is_bounded() {
        let text = "x ".repeat(1000);
        let doc = Analysed::new(&text);
        let out: Vec<Draft> = (0..1000).map(|i| at(i * 2)).collect();
        let e = Earlier::new(&doc, &out);
        let back: Vec<usize> = e.before(11).collect();
        assert_eq!(back, [5, 4, 3, 2, 1, 0]);
        assert_eq!(e.before(2000).count(), REACH_BACK);
        assert_eq!(e.before(2000).next(), Some(999));
    }
}
