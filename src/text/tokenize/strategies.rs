//! Proptest strategies shared by the tokeniser's property tests (beside it) and the
//! pipeline's (tests/properties.rs, which includes this file by path).

use proptest::prelude::*;

/// Text built from pieces that stress the stages: names, apostrophes, hyphens, titles,
/// combining marks, RTL, zero-width, emoji, control characters.
pub(crate) fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Qassem Soleimani",
        "Suleimani’s",
        "Kata'ib Hezbollah",
        "al-Muhandis",
        "Gen.",
        "U.S.",
        "U.S.-led",
        "IS",
        "is",
        "PMU",
        "(PMF)",
        ", or PMU",
        "Sadr City",
        "Iraq-Sulaimani",
        "Ṣadr",
        "e\u{301}",
        "\u{200b}",
        "بغداد",
        "🇮🇶",
        "\t",
        "\n\n",
        "  ",
        ".",
        "’s",
        "-",
        "`",
        "http://x.org/Baghdad",
        "Key West",
        "K-1",
        "Taji",
        "\u{0}",
        "Hit",
        "hit",
        "Jan.",
        "J.",
        "Popular Mobilisation Units",
        "ʿ",
        "Al",
        "as-",
        "s",
        "'",
        "\u{feff}",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(String::from), "\\PC{0,6}"],
        0..40,
    )
    .prop_map(|v| v.join(" "))
}

/// Case count: the default, or PROPTEST_CASES for a longer run.
pub(crate) fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
