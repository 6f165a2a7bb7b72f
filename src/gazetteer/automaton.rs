//! The automaton over the gazetteer's match keys, walked anchored at each word start: one
//! walk yields every key that begins there. It is a finite-state transducer (the `fst`
//! crate) mapping each key to its pattern index: built from the sorted keys in one pass,
//! small (shared prefixes and suffixes stored once), and saved as plain bytes, so a cache
//! or a prebuilt index loads it without building anything. A filter over the keys' first
//! bytes skips most walks that would find nothing.

use crate::error::{Error, Result};
use fst::raw::{Fst, Output};
use std::borrow::Cow;

/// The automaton over the (sorted, unique) keys: pattern `i` is `keys[i]`.
///
/// Why a transducer and not an Aho-Corasick automaton: the matcher only ever walks anchored
/// at a word start, so failure links (most of an Aho-Corasick build's time and memory) are
/// never used; aho-corasick cannot save an automaton either, so every start-up built it
/// again, 11 s and 3 GB for a million extra names. Figures: docs/performance.md, "Why this
/// automaton".
#[cfg_attr(not(feature = "bench"), allow(unreachable_pub))]
pub struct KeyAutomaton {
    fst: Fst<Vec<u8>>,
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
#[derive(serde::Serialize, serde::Deserialize)]
struct StartFilter {
    bits: crate::hashbits::HashBits,
    /// Bit `l` set: some key is `l` bytes long, for `l` below [`StartFilter::LEN`].
    short: u8,
}

impl StartFilter {
    /// Bytes of a key's start looked at.
    const LEN: usize = 4;
    /// The filter's size in 64-bit words (2^16 bits).
    const WORDS: usize = 1024;

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

#[cfg_attr(not(feature = "bench"), allow(unreachable_pub))]
impl KeyAutomaton {
    /// Builds the automaton over `keys`, which must be sorted and unique (as `Compiled`
    /// has them); pattern `i` is `keys[i]`.
    pub fn build(keys: &[String]) -> Result<KeyAutomaton> {
        let mut b = fst::MapBuilder::memory();
        for (i, k) in keys.iter().enumerate() {
            b.insert(k, i as u64)
                .map_err(|e| Error::Automaton(e.to_string()))?;
        }
        let bytes = b
            .into_inner()
            .map_err(|e| Error::Automaton(e.to_string()))?;
        KeyAutomaton::from_bytes(bytes, keys)
    }

    fn from_bytes(bytes: Vec<u8>, keys: &[String]) -> Result<KeyAutomaton> {
        let fst = Fst::new(bytes).map_err(|e| Error::Automaton(e.to_string()))?;
        Ok(KeyAutomaton {
            fst,
            starts: StartFilter::new(keys.iter().map(String::as_bytes)),
        })
    }

    /// The automaton as two sections for the start-up cache and the prebuilt index: the
    /// transducer's bytes, and the start filter.
    pub fn sections(&self) -> std::result::Result<[Cow<'_, [u8]>; 2], postcard::Error> {
        Ok([
            Cow::Borrowed(self.fst.as_bytes()),
            Cow::Owned(postcard::to_stdvec(&self.starts)?),
        ])
    }

    /// The inverse of [`KeyAutomaton::sections`]. Fails, never panics, on bytes that are not
    /// a transducer (checked by its own checksum) or not a start filter.
    pub fn from_sections(fst: Vec<u8>, starts: &[u8]) -> std::result::Result<KeyAutomaton, String> {
        let fst = Fst::new(fst).map_err(|e| e.to_string())?;
        fst.verify().map_err(|e| e.to_string())?;
        let starts: StartFilter = postcard::from_bytes(starts).map_err(|e| e.to_string())?;
        if !starts.bits.is_sound() || starts.bits.memory_len() != StartFilter::WORDS {
            return Err("the start filter is damaged".into());
        }
        Ok(KeyAutomaton { fst, starts })
    }

    /// The number of keys.
    pub(crate) fn len(&self) -> usize {
        self.fst.len()
    }

    /// Every key, in order (for tests and benches, which read them back).
    #[cfg(any(test, feature = "bench"))]
    pub(crate) fn keys(&self) -> Vec<String> {
        self.fst
            .stream()
            .into_byte_keys()
            .into_iter()
            .map(|k| String::from_utf8(k).expect("keys are text"))
            .collect()
    }

    /// Heap memory of the automaton, in bytes.
    #[cfg(feature = "bench")]
    pub fn memory_usage(&self) -> usize {
        self.starts.bits.memory_usage() + self.fst.as_bytes().len()
    }

    /// Every key that is a prefix of `haystack[from..]`, as (end offset, pattern index),
    /// shortest first, appended to `out`.
    pub fn prefixes(&self, haystack: &[u8], from: usize, out: &mut Vec<(usize, usize)>) {
        let Some(rest) = haystack.get(from..).filter(|r| !r.is_empty()) else {
            return;
        };
        if !self.starts.may_start(rest) {
            return;
        }
        let mut node = self.fst.root();
        let mut value = Output::zero();
        for (i, &b) in rest.iter().enumerate() {
            let Some(t) = node.find_input(b) else {
                return;
            };
            let t = node.transition(t);
            value = value.cat(t.out);
            node = self.fst.node(t.addr);
            if node.is_final() {
                let pattern = value.cat(node.final_output()).value() as usize;
                out.push((from + i + 1, pattern));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Compiled;

    fn keys(ks: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = ks.iter().map(|k| k.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn prefix_walk_reports_only_keys_starting_at_the_walk() {
        let keys = keys(&["abcd", "bc", "xab"]);
        let a = KeyAutomaton::build(&keys).unwrap();
        let mut hits = Vec::new();
        a.prefixes(b"abcx", 0, &mut hits);
        assert_eq!(hits, []);
        a.prefixes(b"zabcd", 1, &mut hits);
        assert_eq!(hits, [(5, 0)]);
        hits.clear();
        a.prefixes(b"zabcd", 2, &mut hits);
        assert_eq!(hits, [(4, 1)]);
    }

    #[test]
    fn saved_sections_load_back_and_damage_is_an_error() {
        let keys = keys(&["iraq", "iraqi", "us", "usa"]);
        let a = KeyAutomaton::build(&keys).unwrap();
        let [fst, starts] = a.sections().unwrap();
        let (fst, starts) = (fst.into_owned(), starts.into_owned());
        let b = KeyAutomaton::from_sections(fst.clone(), &starts).unwrap();
        let mut hits = Vec::new();
        b.prefixes(b"iraqis", 0, &mut hits);
        assert_eq!(hits, [(4, 0), (5, 1)]);
        assert_eq!(b.len(), 4);
        // A flipped byte, a cut transducer or filter: errors.
        for i in 0..fst.len() {
            let mut bytes = fst.clone();
            bytes[i] ^= 0x20;
            assert!(
                KeyAutomaton::from_sections(bytes, &starts).is_err(),
                "byte {i}"
            );
        }
        let cut = fst[..fst.len() - 3].to_vec();
        assert!(KeyAutomaton::from_sections(cut, &starts).is_err());
        assert!(KeyAutomaton::from_sections(Vec::new(), &starts).is_err());
        assert!(KeyAutomaton::from_sections(fst.clone(), &starts[..starts.len() - 8]).is_err());
        assert!(KeyAutomaton::from_sections(fst, &[]).is_err());
    }

    #[test]
    fn unsorted_keys_are_an_error_not_a_wrong_automaton() {
        let keys = vec!["b".to_string(), "a".to_string()];
        assert!(KeyAutomaton::build(&keys).is_err());
    }

    #[test]
    fn start_filter_never_hides_a_key() {
        // Keys of every length around the four bytes the filter looks at, walked from texts
        // as short as the key and longer.
        let keys = keys(&["a", "us", "usa", "iraq", "iraqi", "abcdefgh", "x y"]);
        let a = KeyAutomaton::build(&keys).unwrap();
        let found = |text: &str| {
            let mut hits = Vec::new();
            a.prefixes(text.as_bytes(), 0, &mut hits);
            hits.iter()
                .map(|&(_, p)| keys[p].as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(found("a"), ["a"]);
        assert_eq!(found("abcdefgh"), ["a", "abcdefgh"]);
        assert_eq!(found("us"), ["us"]);
        assert_eq!(found("usaf"), ["us", "usa"]);
        assert_eq!(found("iraqis"), ["iraq", "iraqi"]);
        assert_eq!(found("x y"), ["x y"]);
        assert!(found("ira").is_empty());
        assert!(found("u").is_empty());
        assert!(found("bus").is_empty());
        // Every bundled key, alone and run on into the next, finds exactly the keys that
        // are its prefixes.
        let c = Compiled::bundled();
        let keys = c.keys();
        let set: std::collections::HashSet<&[u8]> = keys.iter().map(|k| k.as_bytes()).collect();
        let mut hits = Vec::new();
        for w in keys.windows(2) {
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
                    assert!(
                        hits.iter()
                            .all(|&(end, p)| keys[p].as_bytes() == &t[from..end])
                    );
                }
            }
        }
    }
}
