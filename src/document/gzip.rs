//! Gzip input that never hands on a damaged member's bytes. A gzip member's checksum is
//! known only at its end, and a corrupt deflate stream can decode to garbage for a long way
//! before the decoder notices; so a first pass decodes the file and finds how many bytes
//! its members give before the first bad one, and the reading pass stops there. Decoding
//! twice costs a fraction of extraction (gzip decodes at hundreds of MB/s), and memory
//! stays flat whatever the size of a member.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// How much of a gzip file can be trusted: the decoded bytes of its good members, and what
/// is wrong with the first bad member, if one is.
pub(super) struct GoodPrefix {
    pub(super) bytes: u64,
    pub(super) damage: Option<String>,
}

/// Decodes `path` member by member, up to its first bad member.
pub(super) fn good_prefix(path: &Path) -> std::io::Result<GoodPrefix> {
    let mut input = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut good = 0u64;
    let mut members = 0usize;
    let mut sink = vec![0u8; 1 << 16];
    loop {
        if input.fill_buf()?.is_empty() {
            return Ok(GoodPrefix {
                bytes: good,
                damage: None,
            });
        }
        members += 1;
        let mut member = flate2::bufread::GzDecoder::new(&mut input);
        let mut decoded = 0u64;
        let failed = loop {
            match member.read(&mut sink) {
                Ok(0) => break None,
                Ok(n) => decoded += n as u64,
                Err(e) => break Some(e),
            }
        };
        match failed {
            None => good += decoded,
            Some(e) => {
                return Ok(GoodPrefix {
                    bytes: good,
                    damage: Some(format!(
                        "gzip member {members} is damaged ({e}): the file's text from byte \
                         {good} of its decoded text on is skipped"
                    )),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn member(text: &str) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn the_good_prefix_ends_at_the_first_bad_member() {
        let dir = tempfile::tempdir().unwrap();
        let (one, two) = ("first member\n".repeat(50), "second member\n".repeat(50));
        let whole = [member(&one), member(&two)].concat();
        // A flipped byte inside the second member's deflate data, and a cut one.
        let mut flipped = whole.clone();
        let at = member(&one).len() + 20;
        flipped[at] ^= 0xff;
        let cut = whole[..whole.len() - 6].to_vec();
        let rows: [(&[u8], u64, bool); 4] = [
            (&whole, (one.len() + two.len()) as u64, false),
            (&flipped, one.len() as u64, true),
            (&cut, one.len() as u64, true),
            (b"", 0, false),
        ];
        for (i, (bytes, good, damaged)) in rows.into_iter().enumerate() {
            let path = dir.path().join(format!("{i}.jsonl.gz"));
            std::fs::write(&path, bytes).unwrap();
            let p = good_prefix(&path).unwrap();
            assert_eq!((p.bytes, p.damage.is_some()), (good, damaged), "row {i}");
        }
    }
}
