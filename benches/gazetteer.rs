//! Gazetteer scale: loading and compiling the bundled gazetteers and a GeoNames-sized one
//! (the bundled ones plus 1,000,000 synthetic place names), and matching speed (MB/s) with
//! each on the Reuters slice `../shared/corpus/news-1k.jsonl` (skipped when absent) — the
//! matcher alone (tokenise, normalise, automaton, checks) and the whole pipeline. Every timed
//! loop asserts its hit count, so the optimiser cannot skip work.
//!
//! The `automaton` group times the key automaton on both sizes: building it, loading it
//! from its saved bytes, and matching with it.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use gazette::Pipeline;
use gazette::bench::{KeyAutomaton, Stages};
use gazette::document::{Document, Input, Item, ReadOptions, Reader};
use gazette::gazetteer::Gazetteer;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

/// Names in the large gazetteer (canonical names and aliases, four per entity).
const SYNTHETIC_NAMES: usize = 1_000_000;

/// xorshift64: the same synthetic gazetteer on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }
}

/// Syllables of Arabic, Persian and Turkish place names as romanised in GeoNames.
const SYLLABLES: &[&str] = &[
    "ba", "ka", "ra", "sha", "qa", "da", "ma", "na", "ha", "za", "ta", "la", "ya", "wa", "fa",
    "ja", "kh", "gh", "dar", "bad", "abad", "ist", "an", "ur", "ol", "ek", "iz", "um", "ar", "es",
    "oz", "ir", "uk", "al", "am", "en", "in", "un",
];

fn word(r: &mut Rng) -> String {
    let n = 2 + (r.next() % 3) as usize;
    let s: String = (0..n).map(|_| r.pick(SYLLABLES)).collect();
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// One to three words, a fifth of them with the article: "Qadarbad", "al-Shaistan Ekma".
fn place_name(r: &mut Rng) -> String {
    let words = 1 + (r.next() % 3) as usize;
    (0..words)
        .map(|i| {
            if i == 0 && r.next() % 5 == 0 {
                format!("al-{}", word(r))
            } else {
                word(r)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A gazetteer file of `names` synthetic names, four per place (a canonical and 3 aliases).
fn synthetic_tsv(names: usize) -> String {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut tsv = String::from("id\ttype\tcanonical\taliases\tcountry\n");
    for i in 0..names / 4 {
        let canonical = place_name(&mut r);
        let aliases: Vec<String> = (0..3).map(|_| place_name(&mut r)).collect();
        tsv.push_str(&format!(
            "syn:{i}\tGPE\t{canonical}\t{}\tIQ\n",
            aliases.join("|")
        ));
    }
    tsv
}

fn large_gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut g = Gazetteer::bundled().expect("bundled gazetteers");
        g.add_str("synthetic.tsv", &synthetic_tsv(SYNTHETIC_NAMES))
            .expect("synthetic gazetteer");
        eprintln!(
            "large gazetteer: {} entities, {} names",
            g.entries().len(),
            g.name_count()
        );
        g
    })
}

fn corpus() -> Option<&'static [Document]> {
    static DOCS: OnceLock<Option<Vec<Document>>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/news-1k.jsonl");
        if !path.exists() {
            eprintln!("SKIPPED: {} is absent; no matching figures", path.display());
            return None;
        }
        let docs = Reader::new(&[Input::Path(path)], ReadOptions::default())
            .filter_map(|i| match i {
                Item::Doc(d, _) => Some(d),
                Item::Bad(_) => None,
            })
            .collect();
        Some(docs)
    })
    .as_deref()
}

fn compile(c: &mut Criterion) {
    let bundled = Gazetteer::bundled().expect("bundled gazetteers");
    let mut g = c.benchmark_group("gazetteer/load");
    g.sample_size(10);
    g.bench_function("bundled", |b| {
        b.iter(|| black_box(Gazetteer::bundled().expect("bundled")))
    });
    let tsv = synthetic_tsv(SYNTHETIC_NAMES);
    g.bench_function("1M-names", |b| {
        b.iter(|| {
            let mut g = Gazetteer::default();
            g.add_str("synthetic.tsv", &tsv).expect("synthetic");
            assert_eq!(g.name_count(), SYNTHETIC_NAMES);
            black_box(g)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("gazetteer/compile");
    g.sample_size(10);
    g.bench_function("bundled", |b| {
        b.iter_batched(
            || bundled.clone(),
            |g| black_box(Stages::new(g).expect("compiles")),
            BatchSize::LargeInput,
        )
    });
    g.measurement_time(Duration::from_secs(60));
    g.bench_function("bundled+1M-names", |b| {
        b.iter_batched(
            || large_gazetteer().clone(),
            |g| black_box(Stages::new(g).expect("compiles")),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

/// Matcher hits over the corpus: tokenise, normalise, the gazetteer finder (no variants,
/// discovery or resolution).
fn match_all(docs: &[Document], stages: &Stages) -> usize {
    docs.iter()
        .map(|d| stages.gazetteer_hits(&Stages::analyse(&d.text)))
        .sum()
}

/// Mentions of the whole pipeline over the corpus.
fn mentions(docs: &[Document], p: &Pipeline) -> usize {
    docs.iter()
        .map(|d| black_box(p.extract(d)).mentions().len())
        .sum()
}

fn matching(c: &mut Criterion) {
    let Some(docs) = corpus() else { return };
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let sets = [
        ("bundled", Gazetteer::bundled().expect("bundled")),
        ("bundled+1M-names", large_gazetteer().clone()),
    ];
    for (name, gaz) in sets {
        let stages = Stages::new(gaz.clone()).expect("compiles");
        let pipeline = Pipeline::builder()
            .gazetteer(gaz.clone())
            .build()
            .expect("compiles");
        // The same without transliteration variants (`--no-variants`), to tell the cost of
        // looking unlisted spellings up among all the names from the rest.
        let plain = Pipeline::builder()
            .gazetteer(gaz)
            .variants(false)
            .build()
            .expect("compiles");
        let hits = match_all(docs, &stages);
        let (all, without) = (mentions(docs, &pipeline), mentions(docs, &plain));
        eprintln!("{name}: {hits} matcher hits, {all} mentions in news-1k");
        let mut g = c.benchmark_group("gazetteer/match");
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function(format!("matcher/{name}"), |b| {
            b.iter(|| assert_eq!(match_all(docs, &stages), hits))
        });
        g.bench_function(format!("pipeline/{name}"), |b| {
            b.iter(|| assert_eq!(mentions(docs, &pipeline), all))
        });
        g.bench_function(format!("pipeline-no-variants/{name}"), |b| {
            b.iter(|| assert_eq!(mentions(docs, &plain), without))
        });
        g.finish();
    }
}

/// Build time, size and matcher speed of the key automaton (an `fst` transducer) on both
/// sizes.
fn automaton(c: &mut Criterion) {
    let sets = [
        ("bundled", Gazetteer::bundled().expect("bundled")),
        ("bundled+1M-names", large_gazetteer().clone()),
    ];
    for (name, gaz) in sets {
        let stages = Stages::new(gaz).expect("compiles");
        let keys = stages.keys();
        let a = KeyAutomaton::build(&keys).expect("automaton builds");
        eprintln!(
            "{name}: {} keys, automaton {:.1} MB",
            keys.len(),
            a.memory_usage() as f64 / 1e6
        );
        let mut g = c.benchmark_group(format!("automaton/{name}"));
        g.sample_size(10);
        g.bench_function("build", |b| {
            b.iter(|| black_box(KeyAutomaton::build(&keys).expect("builds")))
        });
        let [fst, starts] = a.sections().expect("saves");
        let (fst, starts) = (fst.into_owned(), starts.into_owned());
        g.bench_function("load", |b| {
            b.iter(|| black_box(KeyAutomaton::from_sections(fst.clone(), &starts).expect("loads")))
        });
        if let Some(docs) = corpus() {
            let total: usize = docs.iter().map(|d| d.text.len()).sum();
            let hits = match_all(docs, &stages);
            g.throughput(Throughput::Bytes(total as u64));
            g.bench_function("match", |b| {
                b.iter(|| assert_eq!(match_all(docs, &stages), hits))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, compile, matching, automaton);
criterion_main!(benches);
