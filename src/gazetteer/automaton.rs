//! The automaton over the gazetteer's match keys, walked anchored at each word start: one
//! walk yields every key that begins there. Built in parts split by the keys' first byte, on
//! rayon's threads; a filter over the keys' first bytes skips most walks that would find
//! nothing.

use crate::error::{Error, Result};
use aho_corasick::automaton::Automaton;
use aho_corasick::{AhoCorasickKind, Anchored, MatchKind, StartKind};
use rayon::prelude::*;

/// The automaton over the (sorted, unique) keys, for anchored walks.
///
/// A contiguous NFA at every size: a DFA takes each anchored step faster, but the steps are a
/// small share of matching (a walk dies after a few bytes), while the DFA takes much longer
/// to build and much more memory, and the contiguous NFA searches as fast with a million
/// patterns as with the bundled ones (figures: docs/performance.md, "Why this automaton";
/// `benches/gazetteer.rs`, group `automaton`, compares the kinds). aho-corasick cannot write
/// an automaton to disk, so the start-up cache keeps the keys and this builds it again.
pub(super) fn build_automaton(keys: &[String]) -> Result<KeyAutomaton> {
    KeyAutomaton::build(keys, AhoCorasickKind::ContiguousNFA)
}

/// An automaton over the match keys for anchored walks, of any of aho-corasick's kinds (the
/// benches compare them). The matcher walks it byte by byte through aho-corasick's
/// `Automaton` trait: one walk from a token start yields every key that is a prefix there
/// (the matcher tries them longest first), where the `AhoCorasick` searcher needs one search
/// per retry and validates its input on every call.
///
/// It is built in parts, split by the keys' first byte, on rayon's threads: an anchored
/// walk only ever meets keys that begin with the byte it starts on, so the parts find exactly
/// what one automaton would. Building is the longest serial step of start-up (aho-corasick
/// computes failure links even for anchored searches), and start-up is what keeps a second
/// core idle.
#[cfg_attr(not(feature = "bench"), allow(unreachable_pub))]
pub struct KeyAutomaton {
    parts: Vec<Part>,
    /// Which part holds the keys that begin with each byte.
    part_of: [u8; 256],
    /// The keys' first four bytes (all of a shorter key), hashed into a bit set.
    starts: StartFilter,
}

/// The first four bytes of every key (a shorter key whole), hashed into 65,536 bits, small
/// enough to stay in the first-level cache.
///
/// Most words that may open a name open none, and the automaton would find that out only a
/// few states deep, each state a load that misses the cache. A bit that is clear proves no
/// key begins there; a set bit (a collision included) only lets the walk go ahead, so the
/// filter never changes what [`KeyAutomaton::prefixes`] finds.
struct StartFilter {
    bits: crate::hashbits::HashBits,
    /// Bit `l` set: some key is `l` bytes long, for `l` below [`StartFilter::LEN`].
    short: u8,
}

impl StartFilter {
    /// Bytes of a key's start looked at.
    const LEN: usize = 4;

    fn new<'k>(keys: impl Iterator<Item = &'k [u8]>) -> StartFilter {
        let mut f = StartFilter {
            bits: crate::hashbits::HashBits::new(16),
            short: 0,
        };
        for k in keys {
            let l = k.len().min(Self::LEN);
            if l < Self::LEN {
                f.short |= 1 << l;
            }
            f.bits.insert(Self::pack(&k[..l]));
        }
        f
    }

    /// A key start of at most [`StartFilter::LEN`] bytes as one value (its length counts).
    #[inline]
    fn pack(start: &[u8]) -> u64 {
        let mut v = (start.len() as u64) << 32;
        for (i, &b) in start.iter().enumerate() {
            v |= u64::from(b) << (8 * i);
        }
        v
    }

    #[inline]
    fn has(&self, start: &[u8]) -> bool {
        self.bits.may_contain(Self::pack(start))
    }

    /// May some key be a prefix of `rest`, or begin it?
    #[inline]
    fn may_start(&self, rest: &[u8]) -> bool {
        if rest.len() >= Self::LEN && self.has(&rest[..Self::LEN]) {
            return true;
        }
        let mut short = self.short;
        while short != 0 {
            let l = short.trailing_zeros() as usize;
            short &= short - 1;
            if l <= rest.len() && self.has(&rest[..l]) {
                return true;
            }
        }
        // A walk from fewer than four bytes reaches a key only if the key is as short.
        false
    }
}

/// One part: its automaton, and the global pattern index of each of its patterns: its first
/// plus the local index when they are consecutive (keys sorted, as `Compiled` has them), else
/// looked up.
struct Part {
    automaton: AnyAutomaton,
    first: usize,
    patterns: Option<Vec<u32>>,
}

/// One aho-corasick automaton of any kind.
enum AnyAutomaton {
    /// The default (see `build_automaton`).
    ContiguousNfa(aho_corasick::nfa::contiguous::NFA),
    /// Slower to search, the intermediate form of the other two.
    NoncontiguousNfa(aho_corasick::nfa::noncontiguous::NFA),
    /// Fastest per step, largest and slowest to build.
    Dfa(aho_corasick::dfa::DFA),
}

/// Below this many key bytes one automaton is built: a thread would cost more than it saves.
const SPLIT_MIN_BYTES: usize = 32 << 10;

#[cfg_attr(not(feature = "bench"), allow(unreachable_pub))]
impl KeyAutomaton {
    /// Builds an automaton of `kind` over `keys` (pattern `i` is `keys[i]`), in two parts
    /// when there are enough keys and rayon has two threads or more.
    pub fn build(keys: &[String], kind: AhoCorasickKind) -> Result<KeyAutomaton> {
        let bytes: usize = keys.iter().map(String::len).sum();
        let parts = if rayon::current_num_threads() >= 2 && bytes >= SPLIT_MIN_BYTES {
            2
        } else {
            1
        };
        KeyAutomaton::build_in_parts(keys, kind, parts)
    }

    /// [`KeyAutomaton::build`] in `parts` parts (at most 256, one per first byte; an empty key
    /// forces one part, as it is a prefix everywhere).
    pub fn build_in_parts(
        keys: &[String],
        kind: AhoCorasickKind,
        parts: usize,
    ) -> Result<KeyAutomaton> {
        let mut part_of = [0u8; 256];
        let parts = if keys.iter().any(String::is_empty) {
            1
        } else {
            parts.clamp(1, 256)
        };
        if parts > 1 {
            // Contiguous ranges of first bytes with about equal key bytes in each part.
            let mut per_byte = [0usize; 256];
            for k in keys {
                per_byte[k.as_bytes()[0] as usize] += k.len();
            }
            let total: usize = per_byte.iter().sum();
            let mut seen = 0;
            for (b, n) in per_byte.iter().enumerate() {
                part_of[b] = ((seen * parts) / total.max(1)).min(parts - 1) as u8;
                seen += n;
            }
        }
        let mut split: Vec<(Vec<&[u8]>, Vec<u32>)> = vec![(Vec::new(), Vec::new()); parts];
        for (i, k) in keys.iter().enumerate() {
            let p = k
                .as_bytes()
                .first()
                .map_or(0, |&b| part_of[b as usize] as usize);
            split[p].0.push(k.as_bytes());
            split[p].1.push(i as u32);
        }
        let built: Vec<_> = split
            .into_par_iter()
            .with_max_len(1)
            .map(|(ks, patterns)| build_part(&ks, kind, patterns))
            .collect();
        Ok(KeyAutomaton {
            parts: built.into_iter().collect::<Result<_>>()?,
            part_of,
            starts: StartFilter::new(keys.iter().map(String::as_bytes)),
        })
    }

    /// Heap memory of the automaton, in bytes.
    #[cfg(feature = "bench")]
    pub fn memory_usage(&self) -> usize {
        self.starts.bits.memory_usage()
            + self
                .parts
                .iter()
                .map(|p| {
                    p.patterns.as_ref().map_or(0, |v| v.len() * 4)
                        + match &p.automaton {
                            AnyAutomaton::ContiguousNfa(a) => a.memory_usage(),
                            AnyAutomaton::NoncontiguousNfa(a) => a.memory_usage(),
                            AnyAutomaton::Dfa(a) => a.memory_usage(),
                        }
                })
                .sum::<usize>()
    }

    /// Every key that is a prefix of `haystack[from..]`, as (end offset, pattern index),
    /// shortest first, appended to `out`.
    pub fn prefixes(&self, haystack: &[u8], from: usize, out: &mut Vec<(usize, usize)>) {
        // A walk reports keys only after stepping over a byte: none from the end.
        let Some(&first) = haystack.get(from) else {
            return;
        };
        if !self.starts.may_start(&haystack[from..]) {
            return;
        }
        self.parts[self.part_of[first as usize] as usize].prefixes(haystack, from, out);
    }
}

/// Builds one part. The match kind is aho-corasick's `Standard`: an anchored walk that reads
/// every state's own key (see [`prefixes`]) finds the same keys under any match kind, and the
/// kinds differ only in build time. The leftmost kinds give every state below a match state a
/// failure link to the dead state, whose 256 transitions aho-corasick 1.1 keeps as a sparse
/// list scanned byte by byte, and much of a gazetteer's trie lies below a match ("iraqi"
/// below "iraq"): `Standard` builds the bundled keys faster. (For a million names it builds
/// somewhat slower, its failure links missing the cache; docs/performance.md.)
fn build_part(keys: &[&[u8]], kind: AhoCorasickKind, patterns: Vec<u32>) -> Result<Part> {
    let err = |e: aho_corasick::BuildError| Error::Automaton(e.to_string());
    let automaton = match kind {
        AhoCorasickKind::DFA => AnyAutomaton::Dfa(
            aho_corasick::dfa::Builder::new()
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Anchored)
                .build(keys)
                .map_err(err)?,
        ),
        AhoCorasickKind::NoncontiguousNFA => AnyAutomaton::NoncontiguousNfa(
            aho_corasick::nfa::noncontiguous::Builder::new()
                .match_kind(MatchKind::Standard)
                .build(keys)
                .map_err(err)?,
        ),
        _ => AnyAutomaton::ContiguousNfa(
            aho_corasick::nfa::contiguous::Builder::new()
                .prefilter(false)
                .match_kind(MatchKind::Standard)
                .build(keys)
                .map_err(err)?,
        ),
    };
    let first = patterns.first().map_or(0, |&p| p as usize);
    let consecutive = patterns
        .iter()
        .enumerate()
        .all(|(i, &p)| p as usize == first + i);
    Ok(Part {
        automaton,
        first,
        patterns: (!consecutive).then_some(patterns),
    })
}

impl Part {
    fn prefixes(&self, haystack: &[u8], from: usize, out: &mut Vec<(usize, usize)>) {
        let n = out.len();
        match &self.automaton {
            AnyAutomaton::ContiguousNfa(a) => prefixes(a, haystack, from, out),
            AnyAutomaton::NoncontiguousNfa(a) => prefixes(a, haystack, from, out),
            AnyAutomaton::Dfa(a) => prefixes(a, haystack, from, out),
        }
        match &self.patterns {
            None => out[n..].iter_mut().for_each(|hit| hit.1 += self.first),
            Some(patterns) => out[n..]
                .iter_mut()
                .for_each(|hit| hit.1 = patterns[hit.1] as usize),
        }
    }
}

/// [`Part::prefixes`] for one automaton kind, with the part's own pattern indices.
fn prefixes<A: Automaton>(aut: &A, haystack: &[u8], from: usize, out: &mut Vec<(usize, usize)>) {
    let Ok(mut sid) = aut.start_state(Anchored::Yes) else {
        return;
    };
    for (at, &b) in haystack.iter().enumerate().skip(from) {
        sid = aut.next_state(Anchored::Yes, sid, b);
        if aut.is_special(sid) {
            if aut.is_dead(sid) {
                return;
            }
            if aut.is_match(sid) {
                // Match states also carry keys that end here but start later (copied along
                // failure links for unanchored search): only a key as long as the walk
                // starts at `from`. Keys are unique, so at most one is; the state's own key
                // comes first, the copied ones after it.
                let len = at + 1 - from;
                if let Some(pattern) = (0..aut.match_len(sid))
                    .map(|i| aut.match_pattern(sid, i))
                    .find(|&p| aut.pattern_len(p) == len)
                {
                    out.push((at + 1, pattern.as_usize()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Compiled;

    #[test]
    fn prefix_walk_reports_only_keys_starting_at_the_walk() {
        // The state for "abc" carries "bc" (copied along its failure link): not a prefix.
        let keys = ["abcd".to_string(), "bc".to_string(), "xab".to_string()];
        for kind in [
            AhoCorasickKind::ContiguousNFA,
            AhoCorasickKind::NoncontiguousNFA,
            AhoCorasickKind::DFA,
        ] {
            let a = KeyAutomaton::build(&keys, kind).unwrap();
            let mut hits = Vec::new();
            a.prefixes(b"abcx", 0, &mut hits);
            assert_eq!(hits, [], "{kind:?}");
            hits.clear();
            a.prefixes(b"zabcd", 1, &mut hits);
            assert_eq!(hits, [(5, 0)], "{kind:?}");
        }
    }

    #[test]
    fn parts_find_what_one_automaton_finds() {
        let c = Compiled::bundled();
        // Every key, and every key run on into the next ("the key, then more text").
        let mut walks: Vec<Vec<u8>> = c.keys().iter().map(|k| k.as_bytes().to_vec()).collect();
        walks.extend(
            c.keys()
                .windows(2)
                .map(|w| [w[0].as_bytes(), w[1].as_bytes()].concat()),
        );
        // Sorted keys (as compiled: each part's patterns consecutive) and the same keys taken
        // from both ends in turn (each part maps its patterns through a table).
        let n = c.keys().len();
        let mixed: Vec<String> = (0..n)
            .map(|i| c.keys()[if i % 2 == 0 { i / 2 } else { n - 1 - i / 2 }].clone())
            .collect();
        for (keys, sorted) in [(c.keys(), true), (&mixed[..], false)] {
            let build = |parts| {
                KeyAutomaton::build_in_parts(keys, AhoCorasickKind::ContiguousNFA, parts).unwrap()
            };
            let one = build(1);
            assert_eq!(one.parts.len(), 1);
            for parts in [2, 3, 7] {
                let split = build(parts);
                assert_eq!(split.parts.len(), parts);
                // (A part of one key counts as consecutive either way.)
                let tables = split.parts.iter().filter(|p| p.patterns.is_some()).count();
                assert!(if sorted { tables == 0 } else { tables > 0 });
                let (mut a, mut b) = (Vec::new(), Vec::new());
                for w in &walks {
                    for from in 0..w.len().min(3) {
                        a.clear();
                        b.clear();
                        one.prefixes(w, from, &mut a);
                        split.prefixes(w, from, &mut b);
                        assert_eq!(
                            a,
                            b,
                            "{parts} parts, {:?} from {from}",
                            String::from_utf8_lossy(w)
                        );
                        assert!(a.iter().all(|&(end, p)| keys[p].len() == end - from));
                    }
                }
            }
        }
        // The bundled keys are enough to split in two when rayon has two threads.
        let built = KeyAutomaton::build(c.keys(), AhoCorasickKind::ContiguousNFA).unwrap();
        let threads = rayon::current_num_threads();
        assert_eq!(built.parts.len(), if threads >= 2 { 2 } else { 1 });
    }

    #[test]
    fn start_filter_never_hides_a_key() {
        // Keys of every length around the four bytes the filter looks at, walked from texts
        // as short as the key and longer.
        let keys: Vec<String> = ["a", "us", "usa", "iraq", "iraqi", "abcdefgh", "x y"]
            .map(String::from)
            .to_vec();
        // Every kind: states such as "ira" and "usa" also carry a key that ends there but
        // starts later ("a"), which the walk must not report.
        for kind in [
            AhoCorasickKind::ContiguousNFA,
            AhoCorasickKind::NoncontiguousNFA,
            AhoCorasickKind::DFA,
        ] {
            let a = KeyAutomaton::build(&keys, kind).unwrap();
            let found = |text: &str| {
                let mut hits = Vec::new();
                a.prefixes(text.as_bytes(), 0, &mut hits);
                hits.iter()
                    .map(|&(_, p)| keys[p].as_str())
                    .collect::<Vec<_>>()
            };
            assert_eq!(found("a"), ["a"], "{kind:?}");
            assert_eq!(found("abcdefgh"), ["a", "abcdefgh"], "{kind:?}");
            assert_eq!(found("us"), ["us"], "{kind:?}");
            assert_eq!(found("usaf"), ["us", "usa"], "{kind:?}");
            assert_eq!(found("iraqis"), ["iraq", "iraqi"], "{kind:?}");
            assert_eq!(found("x y"), ["x y"], "{kind:?}");
            assert!(found("ira").is_empty(), "{kind:?}");
            assert!(found("u").is_empty(), "{kind:?}");
            assert!(found("bus").is_empty(), "{kind:?}");
        }
        // Every bundled key, alone and run on into the next, finds exactly the keys that
        // are its prefixes.
        let c = Compiled::bundled();
        let set: std::collections::HashSet<&[u8]> = c.keys().iter().map(|k| k.as_bytes()).collect();
        let mut hits = Vec::new();
        for w in c.keys().windows(2) {
            for text in [w[0].clone(), format!("{}{}", w[0], w[1])] {
                let t = text.as_bytes();
                for from in 0..t.len().min(3) {
                    hits.clear();
                    c.prefixes(t, from, &mut hits);
                    let want: Vec<usize> = (from + 1..=t.len())
                        .filter(|&end| set.contains(&t[from..end]))
                        .collect();
                    let got: Vec<usize> = hits.iter().map(|h| h.0).collect();
                    assert_eq!(got, want, "{text:?} from {from}");
                }
            }
        }
    }
}
