//! Loading speed of the database sinks, in mentions per second: runs of synthetic documents
//! into a fresh SQLite file and, when GAZETTE_PG_URL is set, a fresh PostgreSQL schema.
//! `sink_load` times the batches (the target: at least 200,000 mentions/s into each backend),
//! `sink_finish` the recount of variant_counts at the end of the run.
//!
//! cargo bench --bench sink

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazette::record::{MatchKind, MentionRecord};
use gazette::sink::{self, AliasRow, DocumentMeta, DocumentOutput, EntityRow, Tables};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const DOCUMENTS: usize = 4_000;
const MENTIONS_PER_DOCUMENT: usize = 50;
const DOCUMENTS_PER_BATCH: usize = 500;
const ENTITIES: usize = 300;
const FEEDS: [Option<&str>; 3] = [Some("wire"), Some("blog"), None];

/// One batch as the pipeline hands it over: its documents and the rows they refer to.
struct Batch {
    docs: Vec<DocumentOutput>,
    entities: Vec<EntityRow>,
    aliases: Vec<AliasRow>,
}

fn entity(i: usize) -> EntityRow {
    EntityRow {
        id: format!("gn:{}", 100_000 + i),
        kind: if i % 3 == 0 { "PERSON" } else { "GPE" }.to_owned(),
        canonical: format!("Place Number {i}"),
        wikidata: Some(format!("Q{}", 1_000 + i)),
        geonames: Some(100_000 + i as u64),
        lat: Some(33.0 + i as f64 / 1000.0),
        lon: Some(44.0 + i as f64 / 1000.0),
        country: Some("IQ".to_owned()),
        parent: None,
        attributes: BTreeMap::new(),
        discovered: false,
    }
}

fn aliases(e: &EntityRow) -> [AliasRow; 2] {
    let row = |surface: String, how: &str| AliasRow {
        entity: e.id.clone(),
        key: surface.to_lowercase(),
        surface,
        how: how.to_owned(),
    };
    [
        row(e.canonical.clone(), "canonical"),
        row(format!("Place No. {}", &e.id[3..]), "alias"),
    ]
}

/// Documents of about 2 KB, each with MENTIONS_PER_DOCUMENT mentions of varied entities.
fn batches() -> Vec<Batch> {
    let all: Vec<EntityRow> = (0..ENTITIES).map(entity).collect();
    let mut batches = Vec::new();
    for first in (0..DOCUMENTS).step_by(DOCUMENTS_PER_BATCH) {
        let mut used = vec![false; ENTITIES];
        let docs = (first..first + DOCUMENTS_PER_BATCH)
            .map(|d| {
                let id = format!("news-{d:07}");
                let source = FEEDS[d % FEEDS.len()].map(str::to_owned);
                let mentions = (0..MENTIONS_PER_DOCUMENT)
                    .map(|m| {
                        let e = &all[(d * 7 + m * 13) % ENTITIES];
                        used[(d * 7 + m * 13) % ENTITIES] = true;
                        let start = m * 40 + 3;
                        MentionRecord {
                            doc: id.clone(),
                            start,
                            end: start + e.canonical.len(),
                            text: e.canonical.clone(),
                            kind: e.kind.clone(),
                            entity: e.id.clone(),
                            canonical: e.canonical.clone(),
                            how: MatchKind::Exact,
                            sentence: m / 3,
                            confidence: 1.0,
                            trace: None,
                            antecedent: None,
                            source: source.clone(),
                            date: None,
                        }
                    })
                    .collect();
                DocumentOutput {
                    meta: DocumentMeta {
                        content_hash: sink::content_hash(&id),
                        id,
                        source,
                        bytes: 2_000,
                    },
                    mentions,
                }
            })
            .collect();
        let entities: Vec<EntityRow> = all
            .iter()
            .zip(&used)
            .filter(|(_, used)| **used)
            .map(|(e, _)| e.clone())
            .collect();
        let aliases = entities.iter().flat_map(aliases).collect();
        batches.push(Batch {
            docs,
            entities,
            aliases,
        });
    }
    batches
}

/// A fresh, empty database, and the sink that writes into it.
trait Target {
    fn fresh(&mut self) -> Box<dyn Tables>;
}

/// A new SQLite file per run.
struct SqliteTarget {
    dir: tempfile::TempDir,
    runs: usize,
}

impl Target for SqliteTarget {
    fn fresh(&mut self) -> Box<dyn Tables> {
        self.runs += 1;
        let path = self.dir.path().join(format!("run-{}.sqlite", self.runs));
        sink::open_tables(path.to_str().unwrap()).unwrap()
    }
}

/// A new schema per run in the GAZETTE_PG_URL database, dropped when done.
struct PgTarget {
    admin: postgres::Client,
    url: String,
    schema: String,
}

impl PgTarget {
    fn new(base: &str) -> PgTarget {
        let schema = format!("gazette_bench_{}", std::process::id());
        let admin = postgres::Client::connect(base, postgres::NoTls).unwrap();
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
        PgTarget { admin, url, schema }
    }
}

impl Target for PgTarget {
    fn fresh(&mut self) -> Box<dyn Tables> {
        let schema = &self.schema;
        self.admin
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
            ))
            .unwrap();
        sink::open_tables(&self.url).unwrap()
    }
}

impl Drop for PgTarget {
    fn drop(&mut self) {
        let _ = self
            .admin
            .batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
    }
}

/// Times `iters` runs into fresh databases: the batches (`load`) or the finish (`finish`).
/// Opening the database is never timed. Every run's counts are checked.
fn time_runs(target: &mut dyn Target, batches: &[Batch], iters: u64, load: bool) -> Duration {
    let mut timed = Duration::ZERO;
    for _ in 0..iters {
        let mut sink = target.fresh();
        let start = Instant::now();
        for b in batches {
            sink.write_batch(&b.docs, &b.entities, &b.aliases).unwrap();
        }
        let loaded = Instant::now();
        let stats = sink.finish().unwrap();
        let finished = Instant::now();
        assert_eq!(
            stats.mentions_written as usize,
            DOCUMENTS * MENTIONS_PER_DOCUMENT
        );
        timed += if load {
            loaded - start
        } else {
            finished - loaded
        };
    }
    timed
}

fn bench(c: &mut Criterion) {
    let batches = batches();
    let mut targets: Vec<(&str, Box<dyn Target>)> = vec![(
        "sqlite",
        Box::new(SqliteTarget {
            dir: tempfile::tempdir().unwrap(),
            runs: 0,
        }),
    )];
    match std::env::var("GAZETTE_PG_URL") {
        Ok(base) => targets.push(("postgres", Box::new(PgTarget::new(&base)))),
        Err(_) => eprintln!(
            "sink/postgres: skipped: GAZETTE_PG_URL not set \
             (run .ci/postgres.sh to start a local PostgreSQL)"
        ),
    }
    for (phase, load) in [("load", true), ("finish", false)] {
        let mut group = c.benchmark_group(format!("sink_{phase}"));
        // Both phases handle every mention once: report them per mention.
        group.throughput(Throughput::Elements(
            (DOCUMENTS * MENTIONS_PER_DOCUMENT) as u64,
        ));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(15));
        for (name, target) in &mut targets {
            group.bench_function(*name, |b| {
                b.iter_custom(|iters| time_runs(target.as_mut(), &batches, iters, load))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
