//! The whole pipeline (bundled gazetteers) on arbitrary bytes as a document: no panic,
//! every mention's span slices the text at character boundaries and equals its surface,
//! every mention's entity exists, and time stays linear in the input.
#![no_main]

use gazette::{Document, Pipeline};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        Pipeline::builder()
            .threads(Some(1))
            .build()
            .expect("bundled gazetteers")
    })
}

fuzz_target!(|data: &[u8]| {
    let p = pipeline();
    let doc = Document::new("fuzz", String::from_utf8_lossy(data).into_owned());
    let t = std::time::Instant::now();
    let ex = p.extract(&doc);
    for m in ex.mentions() {
        let surface = doc.text.get(m.start..m.end);
        assert!(
            m.start < m.end && surface.is_some(),
            "{}..{}",
            m.start,
            m.end
        );
        assert!(!ex.entity(m).id.is_empty());
    }
    gazette_fuzz::linear(t, data.len());
});
