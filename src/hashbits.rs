//! A bit per hashed value (a Bloom filter with one hash function), for the questions the
//! stages ask many times and mostly answer "no": a clear bit proves the value absent, a set
//! bit (a collision included) only lets the exact test go ahead. The table is small enough to
//! stay in cache where a set of the values would not.

/// Bits indexed by the top bits of a multiplicative hash of a `u64`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct HashBits {
    bits: Vec<u64>,
    /// log2 of the number of bits.
    width: u32,
}

impl HashBits {
    /// An empty table of `2^width` bits (`width` from 6 to 63).
    pub(crate) fn new(width: u32) -> HashBits {
        let width = width.clamp(6, 63);
        HashBits {
            bits: vec![0; (1usize << width) / 64],
            width,
        }
    }

    /// A table for `n` values with about 24 bits each (at least 24, fewer than 48): a false
    /// "maybe" for at most one question in 24.
    pub(crate) fn for_values(n: usize) -> HashBits {
        HashBits::new((n * 24).next_power_of_two().trailing_zeros())
    }

    #[inline]
    fn index(&self, v: u64) -> usize {
        (v.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.width)) as usize
    }

    /// Whether the table's size matches its width (a check on a decoded cache).
    pub(crate) fn is_sound(&self) -> bool {
        (6..=40).contains(&self.width) && self.bits.len() == (1usize << self.width) / 64
    }

    /// The table's size in 64-bit words.
    pub(crate) fn memory_len(&self) -> usize {
        self.bits.len()
    }

    /// Sets the bit of `v`.
    pub(crate) fn insert(&mut self, v: u64) {
        let i = self.index(v);
        self.bits[i / 64] |= 1 << (i % 64);
    }

    /// False if `v` was never inserted; true if it was, or collides with a value that was.
    #[inline]
    pub(crate) fn may_contain(&self, v: u64) -> bool {
        let i = self.index(v);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    /// Heap memory, in bytes.
    #[cfg(feature = "bench")]
    pub(crate) fn memory_usage(&self) -> usize {
        self.bits.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_every_value_and_few_others() {
        let mut bits = HashBits::for_values(20_000);
        for v in 0..20_000u64 {
            bits.insert(v * 7919);
        }
        assert!((0..20_000u64).all(|v| bits.may_contain(v * 7919)));
        let false_maybes = (0..20_000u64)
            .filter(|v| bits.may_contain(v * 7919 + 1))
            .count();
        assert!(false_maybes < 20_000 / 20, "{false_maybes} false maybes");
    }
}
