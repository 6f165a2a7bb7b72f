//! Invariants on arbitrary text: no panic, spans are char-boundary byte ranges whose slice is
//! the surface, tokens are ordered and disjoint, sentences cover every token.

mod common;
use gazette::document::Document;
use gazette::tokenize::tokenize;
use proptest::prelude::*;

/// Text built from pieces that stress the stages: names, apostrophes, hyphens, titles,
/// combining marks, RTL, zero-width, emoji, control characters.
fn newsy() -> impl Strategy<Value = String> {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(300)))]

    #[test]
    fn spans_slice_the_original(text in newsy()) {
        let doc = Document::new("p", text.clone());
        for r in common::pipeline().process(&doc) {
            prop_assert!(r.start < r.end);
            prop_assert_eq!(text.get(r.start..r.end), Some(r.text.as_str()));
        }
    }

    #[test]
    fn tokens_are_ordered_and_inside_sentences(text in newsy()) {
        let t = tokenize(&text);
        let mut last = 0;
        for w in &t.words {
            prop_assert!(w.start >= last && w.start < w.end);
            prop_assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
            last = w.end;
            let s = t.sentences[w.sentence as usize];
            prop_assert!(s.start <= w.start && w.end <= s.end);
        }
    }
}

#[test]
fn invalid_utf8_never_reaches_the_pipeline_as_text() {
    // Readers refuse invalid UTF-8 with a message; lossy text still runs cleanly.
    let bytes = b"Baghdad \xff\xfe Erbil";
    let text = String::from_utf8_lossy(bytes).into_owned();
    let doc = Document::new("x", text.clone());
    for r in common::pipeline().process(&doc) {
        assert_eq!(&text[r.start..r.end], r.text);
    }
}

#[test]
fn huge_document_runs() {
    let text = "Kataib Hezbollah fired rockets at Camp Taji near Baghdad. ".repeat(20_000);
    let doc = Document::new("big", text);
    let recs = common::pipeline().process(&doc);
    assert_eq!(recs.len(), 60_000);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The ASCII fast path of the tokeniser gives exactly the tokens of unicode-segmentation's
    /// words.
    #[test]
    fn ascii_fast_path_matches_uax29(text in "[ -~\n\t]{0,80}") {
        let fast = gazette::tokenize::tokenize(&text);
        let slow = gazette::tokenize::tokenize_unicode(&text);
        prop_assert_eq!(fast.words, slow.words);
        prop_assert_eq!(fast.sentences, slow.sentences);
    }

    /// The same on text built from the pieces the fast path treats specially: URLs,
    /// initialisms, "Jr.", joiners and mid-word marks.
    #[test]
    fn ascii_fast_path_matches_uax29_on_newsy_pieces(
        text in "([A-Za-z]{1,4}|[0-9]{1,2}|[ .,'`:;_!?\n-]|http://|www\\.|U\\.S\\.|J\\.|Jr|Gen\\.){0,30}"
    ) {
        let fast = gazette::tokenize::tokenize(&text);
        let slow = gazette::tokenize::tokenize_unicode(&text);
        prop_assert_eq!(fast.words, slow.words);
        prop_assert_eq!(fast.sentences, slow.sentences);
    }

    /// Word shapes (table-driven on ASCII) agree with their definition by characters.
    #[test]
    fn word_shapes_match_their_definition(w in "[a-zA-Z'`.0-9_\u{e9}\u{c9}\u{1e63}\u{2019}-]{0,12}") {
        use gazette::tokenize::{shape, shape_of};
        let mut want = 0;
        let mut chars = w.chars();
        if chars.next().is_some_and(char::is_uppercase) {
            want |= shape::UPPER;
        }
        if chars.any(char::is_lowercase) {
            want |= shape::HAS_LOWER;
        }
        if w.chars().all(|c| c.is_alphabetic() || gazette::normalize::is_apostrophe_like(c)) {
            want |= shape::LETTERS;
        }
        if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
            want |= shape::ALNUM;
        }
        prop_assert_eq!(shape_of(&w), want);
    }
}

#[test]
fn ascii_fast_path_matches_uax29_on_the_corpus() {
    let Some(path) = common::shared("corpus/news-1k.jsonl") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let mut checked = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let t = v["text"].as_str().unwrap();
        if !t.is_ascii() {
            continue;
        }
        let fast = gazette::tokenize::tokenize(t);
        let slow = gazette::tokenize::tokenize_unicode(t);
        let (fast_sentences, slow_sentences) = (fast.sentences, slow.sentences);
        let (fast, slow) = (fast.words, slow.words);
        if fast != slow {
            let i = fast
                .iter()
                .zip(&slow)
                .position(|(a, b)| a != b)
                .unwrap_or(fast.len().min(slow.len()));
            panic!(
                "{}: differs at {:?} vs {:?}",
                v["id"],
                fast.get(i),
                slow.get(i)
            );
        }
        assert_eq!(fast_sentences, slow_sentences, "{}", v["id"]);
        checked += 1;
    }
    assert!(checked > 900);
}

/// Case count: the default, or PROPTEST_CASES for a longer run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
