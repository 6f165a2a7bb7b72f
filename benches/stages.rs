//! Each stage alone — tokenise, normalise, match, resolve, serialise — over the Reuters slice
//! `../shared/corpus/news-1k.jsonl` (or the fixtures when it is absent), reporting MB/s, and
//! the whole `extract` over the full `../shared/corpus/news.jsonl` with JSONL output,
//! reporting MB/s and documents/s. Every timed loop asserts its output count.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazette::Pipeline;
use gazette::bench::Stages;
use gazette::document::{Document, Input, ReadOptions, Reader};
use gazette::gazetteer::Gazetteer;
use gazette::sink::{MentionsJsonl, Sink};
use std::hint::black_box;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: PathBuf) -> Vec<Document> {
    gazette::document::read_documents(&path)
}

fn corpus(name: &str) -> Option<PathBuf> {
    let p = root().join("../shared/corpus").join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIPPED {name}: {} is absent", p.display());
        None
    }
}

fn stages(c: &mut Criterion) {
    let st = Stages::new(Gazetteer::bundled().expect("bundled gazetteers")).expect("compiles");
    let p = Pipeline::bundled().expect("bundled gazetteers");
    let docs = match corpus("news-1k.jsonl") {
        Some(path) => load(path),
        None => load(root().join("fixtures/articles")),
    };
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);

    let words: usize = docs.iter().map(|d| Stages::tokenize(&d.text)).sum();
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| black_box(Stages::tokenize(&d.text)))
                .sum();
            assert_eq!(n, words);
        })
    });

    let key_bytes: usize = docs
        .iter()
        .map(|d| Stages::analyse(&d.text).key_len())
        .sum();
    g.bench_function("tokenize+normalize", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| black_box(Stages::analyse(&d.text)).key_len())
                .sum();
            assert_eq!(n, key_bytes);
        })
    });

    let analysed: Vec<_> = docs.iter().map(|d| Stages::analyse(&d.text)).collect();
    let hits: usize = analysed.iter().map(|a| st.find(a).len()).sum();
    g.bench_function("find", |b| {
        b.iter(|| {
            let n: usize = analysed.iter().map(|a| black_box(st.find(a)).len()).sum();
            assert_eq!(n, hits);
        })
    });

    let found: Vec<_> = analysed.iter().map(|a| st.find(a)).collect();
    let resolve = |i: usize| st.resolve(&analysed[i], &found[i]);
    let resolved: usize = (0..docs.len()).map(resolve).sum();
    g.bench_function("resolve", |b| {
        b.iter(|| {
            let n: usize = (0..docs.len()).map(|i| black_box(resolve(i))).sum();
            assert_eq!(n, resolved);
        })
    });

    let records: Vec<_> = docs.iter().map(|d| p.extract(d).records(d)).collect();
    let mut buf = Vec::new();
    for r in records.iter().flatten() {
        serde_json::to_writer(&mut buf, r).unwrap();
        buf.push(b'\n');
    }
    let out_len = buf.len();
    g.bench_function("serialise", |b| {
        b.iter(|| {
            buf.clear();
            for r in records.iter().flatten() {
                serde_json::to_writer(&mut buf, r).unwrap();
                buf.push(b'\n');
            }
            assert_eq!(buf.len(), out_len);
        })
    });
    g.finish();
}

/// The whole `extract` path: read JSONL, run every stage (variants, discovery and
/// coreference on), write mention JSONL (to a sink), in batches on the global thread pool.
fn extract(c: &mut Criterion) {
    let Some(path) = corpus("news.jsonl") else {
        return;
    };
    let exact_only = Pipeline::builder()
        .variants(false)
        .build()
        .expect("bundled gazetteers");
    let p = Pipeline::bundled().expect("bundled gazetteers");
    let bytes = std::fs::metadata(&path).unwrap().len();
    let run_with = |p: &Pipeline| {
        let reader = Reader::new(&[Input::Path(path.clone())], ReadOptions::default());
        let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(MentionsJsonl::new(
            Box::new(std::io::sink()),
            "<sink>",
        ))];
        let s = p.run(reader, &mut sinks).unwrap();
        (s.processed, s.mentions)
    };
    let run = || run_with(&p);
    let expected = run();
    let expected_exact = run_with(&exact_only);
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("news.jsonl MB/s", |b| {
        b.iter(|| assert_eq!(run(), expected))
    });
    // The cost of transliteration variants: the same run with exact matching only.
    g.bench_function("news.jsonl MB/s, variants off", |b| {
        b.iter(|| assert_eq!(run_with(&exact_only), expected_exact))
    });
    g.throughput(Throughput::Elements(expected.0));
    g.bench_function("news.jsonl docs/s", |b| {
        b.iter(|| assert_eq!(run(), expected))
    });
    g.finish();
}

criterion_group!(benches, stages, extract);
criterion_main!(benches);
