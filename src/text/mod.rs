//! Stages 1 and 2: a text's words and sentences ([`tokenize`]) and their match keys
//! ([`normalize`]), handed on as one [`Analysed`] value that every later stage reads.
//!
//! Gazetteer names go through these same two stages when they are compiled, so a name matches
//! article text exactly when the two fold alike.

mod analysed;
pub(crate) mod normalize;
pub(crate) mod tokenize;

pub(crate) use analysed::Analysed;
pub use normalize::name_key;

/// `content` without a leading byte-order mark: editors on Windows write one at the start
/// of UTF-8 files, and it would otherwise stick to the first header column or JSON line.
pub(crate) fn without_bom(content: &str) -> &str {
    content.strip_prefix('\u{feff}').unwrap_or(content)
}

/// `line` without a leading UTF-8 byte-order mark, as bytes.
pub(crate) fn bytes_without_bom(line: &[u8]) -> &[u8] {
    line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_a_leading_byte_order_mark_is_dropped() {
        for (text, want) in [
            ("\u{feff}id\ttype", "id\ttype"),
            ("id\ttype", "id\ttype"),
            ("id\u{feff}", "id\u{feff}"),
            ("", ""),
        ] {
            assert_eq!(super::without_bom(text), want);
            assert_eq!(super::bytes_without_bom(text.as_bytes()), want.as_bytes());
        }
    }
}
