//! Overlapping gazetteer and variant hits: the set that covers the most text wins.

use super::hit::Hit;

/// Chooses non-overlapping hits covering the most key bytes (weighted interval scheduling);
/// ties go to the earlier, longer hit. The hits come out in text order.
pub(super) fn select(mut found: Vec<Hit>) -> Vec<Hit> {
    if found.len() < 2 {
        return found;
    }
    found.sort_by_key(|c| (c.last, c.first));
    let n = found.len();
    let mut best = vec![0usize; n + 1];
    let mut take = vec![false; n];
    let mut prev = vec![0usize; n];
    for i in 0..n {
        // Hits are sorted by last word: count those ending before this one starts.
        prev[i] = found[..i].partition_point(|c| c.last < found[i].first);
        let with = found[i].weight() + best[prev[i]];
        if with > best[i] {
            best[i + 1] = with;
            take[i] = true;
        } else {
            best[i + 1] = best[i];
        }
    }
    let mut chosen = Vec::new();
    let mut i = n;
    while i > 0 {
        if take[i - 1] {
            chosen.push(i - 1);
            i = prev[i - 1];
        } else {
            i -= 1;
        }
    }
    chosen.reverse();
    let mut slots: Vec<Option<Hit>> = found.into_iter().map(Some).collect();
    chosen.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod rules {
    //! Weighted interval scheduling on hand-made hits: (first word, last word, weight).
    use super::*;
    use crate::extract::find::hit::HitKind;

    fn hit(first: usize, last: usize, weight: usize) -> Hit {
        Hit {
            first,
            last,
            start: first * 10,
            end: last * 10 + 5,
            kind: HitKind::Listed {
                refs: Vec::new(),
                weight,
                variant: None,
                evidence: Vec::new(),
            },
        }
    }

    type Span = (usize, usize, usize);

    #[test]
    fn the_set_covering_most_key_bytes_wins() {
        // (hits in any order, the chosen ones in text order)
        let rows: &[(&[Span], &[Span])] = &[
            // Nothing to choose.
            (&[], &[]),
            (&[(0, 1, 5)], &[(0, 1, 5)]),
            // Apart: both kept, in text order.
            (&[(3, 3, 4), (0, 1, 5)], &[(0, 1, 5), (3, 3, 4)]),
            // "The National" (0–1) in "The National Security Council" (1–3): the longer.
            (&[(0, 1, 11), (1, 3, 23)], &[(1, 3, 23)]),
            // A hit inside a longer one.
            (&[(0, 1, 15), (1, 1, 9)], &[(0, 1, 15)]),
            // Two that together outweigh the one between them.
            (
                &[(0, 1, 10), (1, 2, 12), (2, 3, 10)],
                &[(0, 1, 10), (2, 3, 10)],
            ),
            // ... and one that outweighs the two it overlaps.
            (&[(0, 1, 5), (1, 2, 12), (2, 3, 5)], &[(1, 2, 12)]),
            // A tie goes to the earlier hit.
            (&[(1, 2, 5), (0, 1, 5)], &[(0, 1, 5)]),
        ];
        for &(found, want) in rows {
            let got: Vec<Span> = select(found.iter().map(|&(f, l, w)| hit(f, l, w)).collect())
                .iter()
                .map(|h| (h.first, h.last, h.weight()))
                .collect();
            assert_eq!(got, want, "{found:?}");
        }
    }
}
