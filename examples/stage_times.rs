//! Where one thread's time goes, stage by stage, over a JSONL corpus:
//! `cargo run --release --example stage_times [FILE [INDEX]]` (default
//! `../shared/corpus/news.jsonl`; INDEX, a prebuilt gazetteer index, in place of the bundled
//! gazetteers).
//! Reading, each stage of `extract` and writing the JSONL lines are timed apart, on
//! one thread, after start-up; the figures behind docs/performance.md.

use gazette::Pipeline;
use gazette::bench::{StageTimes, extract_timed};
use gazette::document::{Input, ReadOptions, Reader};
use gazette::sink::{Batch, MentionsJsonl, Sink};
use std::time::{Duration, Instant};

/// The allocator the `gazette` binary uses, so the figures are the CLI's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/news.jsonl").into()
    });
    if !std::path::Path::new(&path).exists() {
        eprintln!("SKIPPED: {path} is absent");
        return;
    }
    let t0 = Instant::now();
    let p = match std::env::args().nth(2) {
        Some(index) => Pipeline::builder()
            .index(index)
            .build()
            .expect("the index loads"),
        None => Pipeline::bundled().expect("bundled gazetteers"),
    };
    let startup = t0.elapsed();

    let t = Instant::now();
    let docs: Vec<_> = Reader::new(&[Input::Path(path.clone().into())], ReadOptions::default())
        .filter_map(|item| match item {
            gazette::document::Item::Doc(d, _) => Some(d),
            gazette::document::Item::Bad(_) => None,
        })
        .collect();
    let read = t.elapsed();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();

    let mut times = StageTimes::default();
    let mut write = Duration::ZERO;
    // As `gazette extract` writes mentions: the JSONL sink, one document at a time.
    let mut sink = MentionsJsonl::new(Box::new(std::io::sink()), "<sink>");
    for d in &docs {
        let ex = extract_timed(&p, &d.text, &mut times);
        let t = Instant::now();
        sink.write(&Batch::new(
            std::slice::from_ref(d),
            std::slice::from_ref(&ex),
        ))
        .expect("writes");
        write += t.elapsed();
    }
    let mentions = sink.mentions();
    let mb = bytes as f64 / 1e6;
    let rows = [
        ("read + parse JSONL", read),
        ("tokenise", times.tokenize),
        ("normalise", times.normalize),
        ("match", times.matching),
        ("variants", times.variants),
        ("discovery", times.discovery),
        ("resolve", times.resolve),
        ("write JSONL lines", write),
    ];
    let total: Duration = rows.iter().map(|r| r.1).sum();
    println!(
        "{} documents, {mb:.1} MB of text, {mentions} mentions; start-up {:.0} ms",
        docs.len(),
        startup.as_secs_f64() * 1e3
    );
    println!("{:<20} {:>8} {:>7} {:>9}", "stage", "ms", "share", "MB/s");
    for (name, d) in rows.iter().chain([("total", total)].iter()) {
        println!(
            "{name:<20} {:>8.1} {:>6.1}% {:>9.1}",
            d.as_secs_f64() * 1e3,
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            mb / d.as_secs_f64()
        );
    }
}
