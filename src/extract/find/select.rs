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
