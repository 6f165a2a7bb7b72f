//! Whole-pipeline throughput (MB/s) over the fixture articles and, when present, the
//! Reuters slice `../shared/corpus/news-1k.jsonl`. Each iteration asserts the mention count,
//! so the optimiser cannot skip work.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazette::Pipeline;
use gazette::document::Document;
use std::hint::black_box;
use std::path::PathBuf;

fn load(path: PathBuf) -> Vec<Document> {
    gazette::document::read_documents(&path)
}

fn bench_set(c: &mut Criterion, p: &Pipeline, name: &str, docs: &[Document]) {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let expected: usize = docs.iter().map(|d| p.extract(d).mentions().len()).sum();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function(name, |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| black_box(p.extract(d)).mentions().len())
                .sum();
            assert_eq!(n, expected);
        })
    });
    g.finish();
}

fn pipeline(c: &mut Criterion) {
    let p = Pipeline::bundled().expect("bundled gazetteers");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    bench_set(c, &p, "fixtures", &load(root.join("fixtures/articles")));
    let corpus = root.join("../shared/corpus/news-1k.jsonl");
    if corpus.exists() {
        bench_set(c, &p, "news-1k", &load(corpus));
    } else {
        eprintln!("SKIPPED news-1k: {} is absent", corpus.display());
    }
}

fn startup(c: &mut Criterion) {
    c.bench_function("startup/bundled-gazetteers", |b| {
        b.iter(|| black_box(Pipeline::bundled().expect("bundled")))
    });
}

criterion_group!(benches, pipeline, startup);
criterion_main!(benches);
