//! Stages 1 and 2 (tokeniser and normaliser) on arbitrary text: words are non-empty,
//! ordered, non-overlapping byte ranges on character boundaries, sentences never go back,
//! and the time per byte stays bounded.
#![no_main]

use gazette::bench::Stages;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let t = std::time::Instant::now();
    let doc = Stages::analyse(&text);
    let mut end = 0;
    let mut sentence = 0;
    for (range, s, _key) in doc.words() {
        assert!(
            range.start >= end && range.start < range.end,
            "{range:?} after {end}"
        );
        assert!(
            text.get(range.clone()).is_some(),
            "{range:?} splits a character"
        );
        assert!(s >= sentence, "sentence {s} after {sentence}");
        (end, sentence) = (range.end, s);
    }
    assert!(end <= text.len());
    gazette_fuzz::linear(t, text.len());
});
