//! Eight bytes of ASCII text at a time, read as one `u64` (SWAR): the tokeniser finds word
//! ends and the normaliser lower-cases words this way, without a branch per byte. Each
//! helper marks a byte by its high bit (0x80) and is exact for bytes below 0x80; a byte at or
//! above 0x80 gives a meaningless mark but never disturbs its neighbours.

/// The high bit of every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// `v` in every byte.
pub(crate) const fn every_byte(v: u8) -> u64 {
    0x0101_0101_0101_0101 * v as u64
}

/// Per byte of `x`, 0x80 where the byte is at least `v` (`v` <= 0x80): setting the high bit
/// first keeps each subtraction inside its byte.
pub(crate) fn at_least(x: u64, v: u8) -> u64 {
    ((x | HIGH) - every_byte(v)) & HIGH
}

/// Per byte of `x`, 0x80 where the byte equals `v` (`v` < 0x80; a byte of `v ^ 0x80` is
/// marked too).
pub(crate) fn equal(x: u64, v: u8) -> u64 {
    !(((x ^ every_byte(v)) | HIGH) - every_byte(1)) & HIGH
}

/// The eight bytes of `b` from `i`, little-endian, if there are eight.
pub(crate) fn load8(b: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// `x` with its ASCII upper-case letters lower-cased.
pub(crate) fn lower8(x: u64) -> u64 {
    let upper = at_least(x, b'A') & !at_least(x, b'Z' + 1);
    x | (upper >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_agrees_with_std_for_every_ascii_byte() {
        for b in 0u8..128 {
            for pos in 0..8 {
                let mut chunk = *b"Ab9_ .Zz";
                chunk[pos] = b;
                let mut want = chunk;
                want.make_ascii_lowercase();
                assert_eq!(
                    lower8(u64::from_le_bytes(chunk)).to_le_bytes(),
                    want,
                    "{b:#x}"
                );
            }
        }
    }

    #[test]
    fn equal_marks_exactly_the_equal_bytes() {
        for b in 0u8..128 {
            for v in [0u8, b'"', b'\\', b'_', 0x7f] {
                let want = if b == v { HIGH } else { 0 };
                assert_eq!(equal(every_byte(b), v), want, "{b:#x} == {v:#x}");
            }
        }
    }

    #[test]
    fn at_least_marks_exactly_the_bytes_at_or_above() {
        for b in 0u8..128 {
            for v in [b'0', b'9' + 1, b'A', b'Z' + 1, b'a', b'z' + 1, 0x80] {
                let m = at_least(every_byte(b), v);
                assert_eq!(m, if b >= v { HIGH } else { 0 }, "{b:#x} >= {v:#x}");
            }
        }
    }
}
