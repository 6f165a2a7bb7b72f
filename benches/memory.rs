//! Peak memory and start-up: builds the bundled pipeline (timing it), then streams a JSONL
//! file through the whole pipeline with JSONL output and prints the process's peak resident
//! memory. `cargo bench --bench memory -- [FILE] [REPEAT]` streams FILE (default
//! ../shared/corpus/news.jsonl) REPEAT times (default 1), so a large archive can be
//! simulated without a large file: the peak must not grow with REPEAT.

use gazette::Pipeline;
use gazette::document::{Input, ReadOptions, Reader};
use gazette::sink::{MentionsJsonl, Sink};
use std::path::PathBuf;
use std::time::Instant;

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let path = args.first().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/news.jsonl")
    });
    let repeat: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(1);
    if !path.exists() {
        eprintln!("SKIPPED memory bench: {} is absent", path.display());
        return;
    }
    let t = Instant::now();
    let p = Pipeline::bundled().expect("bundled gazetteers");
    println!(
        "start-up (bundled gazetteers compiled, variant index built): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    println!("peak after start-up: {} KiB", peak_kib().unwrap_or(0));
    let inputs: Vec<Input> = (0..repeat).map(|_| Input::Path(path.clone())).collect();
    let reader = Reader::new(&inputs, ReadOptions::default());
    let t = Instant::now();
    let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(MentionsJsonl::new(
        Box::new(std::io::sink()),
        "<sink>",
    ))];
    let s = p.run(reader, &mut sinks).unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} documents, {} mentions, {:.1} MB in {secs:.2} s: {:.1} MB/s on {} threads",
        s.processed,
        s.mentions,
        s.bytes as f64 / 1e6,
        s.bytes as f64 / 1e6 / secs,
        rayon::current_num_threads()
    );
    println!("peak resident memory: {} KiB", peak_kib().unwrap_or(0));
}
