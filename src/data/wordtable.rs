//! A fixed set of words laid out at build time: build.rs hashes each word into an
//! open-addressing table compiled into the binary, so the set costs nothing at start-up
//! (built at run time, it was a noticeable part of start-up and of its fresh memory).
//! build.rs includes this file too, so the writer and the reader share one hash and one slot
//! layout.
//!
//! A slot is a little-endian `u32`: the word's length (low [`LEN_BITS`]), a tag from the
//! hash's top bits ([`TAG_BITS`]) and the word's offset in the concatenated words (the
//! rest); 0 is an empty slot. There are at least twice as many slots as words, so a probe
//! ends at an empty slot within a few steps.

// Each side uses half of this file: build.rs writes tables, the crate reads them.
#![allow(dead_code)]

/// Bits of a slot holding the word's length.
pub(crate) const LEN_BITS: u32 = 6;
/// Bits of a slot holding a tag from the hash (most slots of another word fail on it
/// without a look at the words).
pub(crate) const TAG_BITS: u32 = 6;
/// Bits of a slot holding the offset: the words may take up to 1 MiB.
pub(crate) const OFFSET_BITS: u32 = 32 - LEN_BITS - TAG_BITS;

/// The hash of a word, 8 bytes at a time; the last 1 to 7 bytes are read as two
/// overlapping halves (or three single bytes), not copied into a padded buffer, which
/// would cost a `memcpy` call per word.
pub(crate) fn hash(word: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = word.len() as u64;
    let mut chunks = word.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    let r = chunks.remainder();
    let n = r.len();
    let tail = match n {
        0 => None,
        1..=3 => Some(r[0] as u64 | (r[n / 2] as u64) << 8 | (r[n - 1] as u64) << 16),
        _ => {
            let lo = u32::from_le_bytes([r[0], r[1], r[2], r[3]]);
            let hi = u32::from_le_bytes([r[n - 4], r[n - 3], r[n - 2], r[n - 1]]);
            Some(lo as u64 | (hi as u64) << 32)
        }
    };
    if let Some(t) = tail {
        h = (h.rotate_left(23) ^ t).wrapping_mul(K);
    }
    h ^ (h >> 32)
}

fn tag(h: u64) -> u32 {
    (h >> (64 - TAG_BITS)) as u32
}

/// Lays out `words` (distinct, each 1 to 63 bytes): the concatenated words, and the slots
/// as little-endian bytes. Fails when the words do not fit the slot layout.
pub(crate) fn build(words: &[&str]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let count = (words.len() * 2).next_power_of_two().max(2);
    let mut slots = vec![0u32; count];
    let mut text = Vec::new();
    for w in words {
        let len = w.len();
        if len == 0 || len >= 1 << LEN_BITS {
            return Err(format!("{w:?}: a word must be 1 to 63 bytes long"));
        }
        if text.len() + len > 1 << OFFSET_BITS {
            return Err("the words take more than 1 MiB".into());
        }
        let h = hash(w.as_bytes());
        let slot = len as u32 | tag(h) << LEN_BITS | (text.len() as u32) << (LEN_BITS + TAG_BITS);
        let mut i = h as usize & (count - 1);
        while slots[i] != 0 {
            i = (i + 1) & (count - 1);
        }
        slots[i] = slot;
        text.extend_from_slice(w.as_bytes());
    }
    Ok((text, slots.iter().flat_map(|s| s.to_le_bytes()).collect()))
}

/// A table [`build`] laid out.
pub(crate) struct WordTable {
    /// The words, concatenated.
    pub text: &'static [u8],
    /// The slots, 4 little-endian bytes each; a power of two of them.
    pub slots: &'static [u8],
}

impl WordTable {
    /// Is `word` one of the table's words?
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        let count = self.slots.len() / 4;
        if word.is_empty() || word.len() >= 1 << LEN_BITS || !count.is_power_of_two() {
            return false;
        }
        let h = hash(word);
        let want = word.len() as u32 | tag(h) << LEN_BITS;
        let low = (1u32 << (LEN_BITS + TAG_BITS)) - 1;
        let mut i = h as usize & (count - 1);
        // At most `count` probes, though an empty slot ends a probe long before.
        for _ in 0..count {
            let s = match self.slots.get(4 * i..4 * i + 4) {
                Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
                _ => return false,
            };
            if s == 0 {
                return false;
            }
            if s & low == want {
                let at = (s >> (LEN_BITS + TAG_BITS)) as usize;
                if self.text.get(at..at + word.len()) == Some(word) {
                    return true;
                }
            }
            i = (i + 1) & (count - 1);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_word_and_no_other() {
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let (text, slots) = build(&refs).expect("fits");
        let table = WordTable {
            text: Box::leak(text.into_boxed_slice()),
            slots: Box::leak(slots.into_boxed_slice()),
        };
        assert!(refs.iter().all(|w| table.contains(w.as_bytes())));
        // Prefixes, extensions and neighbours of the words are not in it.
        for w in ["", "w", "w5000", "w12345", "x1", "w1 ", "w00"] {
            assert!(!table.contains(w.as_bytes()), "{w}");
        }
        assert!(build(&["ok", &"x".repeat(64)]).is_err());
    }
}
