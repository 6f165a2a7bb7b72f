//! Invariants on arbitrary text, through the public API: no panic, every span is a
//! char-boundary byte range whose slice is the surface. (The tokeniser's own invariants are
//! tested beside it, in src/text/tokenize.)

mod common;
use gazette::document::Document;
use proptest::prelude::*;
use strategies::{cases, newsy};

#[path = "../src/text/tokenize/strategies.rs"]
mod strategies;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(300)))]

    #[test]
    fn spans_slice_the_original(text in newsy()) {
        let doc = Document::new("p", text.clone());
        for r in common::pipeline().extract(&doc).records(&doc) {
            prop_assert!(r.start < r.end);
            prop_assert_eq!(text.get(r.start..r.end), Some(r.text.as_str()));
        }
    }

}

#[test]
fn invalid_utf8_never_reaches_the_pipeline_as_text() {
    // Readers refuse invalid UTF-8 with a message; lossy text still runs cleanly.
    let bytes = b"Baghdad \xff\xfe Erbil";
    let text = String::from_utf8_lossy(bytes).into_owned();
    let doc = Document::new("x", text.clone());
    for r in common::pipeline().extract(&doc).records(&doc) {
        assert_eq!(&text[r.start..r.end], r.text);
    }
}

#[test]
fn huge_document_runs() {
    let text = "Kataib Hezbollah fired rockets at Camp Taji near Baghdad. ".repeat(20_000);
    let doc = Document::new("big", text);
    let recs = common::pipeline().extract(&doc).records(&doc);
    assert_eq!(recs.len(), 60_000);
}
