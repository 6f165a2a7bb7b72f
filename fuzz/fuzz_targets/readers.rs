//! The document readers on arbitrary bytes as a JSONL file, a gzip'd JSONL file and a text
//! file: no panic, no hang, and every document they give is non-empty text within the cap.
#![no_main]

use gazette::document::{Input, Item, ReadOptions, Reader};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A folder of this process's own for the input files.
fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("gazette-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("a temporary folder");
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_bytes: 1 << 16,
        ..ReadOptions::default()
    };
    for name in ["in.jsonl", "in.jsonl.gz", "in.txt"] {
        let path = dir().join(name);
        std::fs::write(&path, data).expect("write the input");
        let t = std::time::Instant::now();
        for item in Reader::new(&[Input::Path(path)], opts.clone()) {
            if let Item::Doc(doc, _) = item {
                assert!(!doc.text.trim().is_empty() && doc.text.len() <= 1 << 16);
            }
        }
        gazette_fuzz::linear(t, data.len());
    }
});
