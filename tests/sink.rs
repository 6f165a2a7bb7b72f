//! Behaviour of the database sinks, written once and run against SQLite (in a temporary
//! directory) and PostgreSQL (the server at GAZETTE_PG_URL; each test in a schema of its own),
//! plus the CSV sink and the errors a user sees. The PostgreSQL tests are `#[ignore]`d, so that
//! `cargo test` passes without a server; `.ci/run` starts one (`.ci/postgres.sh`) and runs them
//! with `cargo test --release -- --ignored`. Run without GAZETTE_PG_URL, they fail and say so.

mod common;

use gazette::record::{MatchKind, MentionRecord};
use gazette::sink::{self, AliasRow, DocumentMeta, DocumentOutput, EntityRow, SinkStats, Tables};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Table rows as text, NULL as "NULL", sorted.
type Rows = Vec<Vec<String>>;

/// Every table with its columns, in schema order; both schemas must match this.
const TABLES: [(&str, &[&str]); 5] = [
    (
        "documents",
        &["id", "source", "content_hash", "bytes", "processed_at"],
    ),
    (
        "entities",
        &[
            "id",
            "type",
            "canonical",
            "wikidata",
            "geonames",
            "lat",
            "lon",
            "country",
            "parent",
            "attributes",
            "discovered",
        ],
    ),
    ("aliases", &["entity", "surface", "key", "how"]),
    (
        "mentions",
        &[
            "document",
            "seq",
            "start_byte",
            "end_byte",
            "surface",
            "entity",
            "match_kind",
            "sentence",
            "confidence",
            "antecedent",
            "trace",
        ],
    ),
    (
        "variant_counts",
        &[
            "entity",
            "source",
            "surface",
            "mentions",
            "documents",
            "first_document",
            "last_document",
        ],
    ),
];

/// The only column whose value differs between two runs over the same input.
const UNREPRODUCIBLE: &str = "processed_at";

const EXAMPLE_QUERIES: &str = include_str!("../schema/queries.sql");

/// A database the suite runs against.
trait Backend {
    /// Opens a sink on the database: a new run.
    fn open(&self) -> Box<dyn Tables>;
    /// Runs a query; every value as text, NULL as "NULL", rows in the order returned.
    fn query(&mut self, sql: &str) -> Rows;
    /// The columns of a table, in order.
    fn columns(&mut self, table: &str) -> Vec<String>;
    /// The names of the secondary indexes.
    fn indexes(&mut self) -> Vec<String>;
    /// The select-list expression that reads a column as comparable text.
    fn column_text(&self, column: &str) -> String {
        column.to_owned()
    }
    /// Every row of a table but processed_at, sorted.
    fn rows(&mut self, table: &str) -> Rows {
        let columns = TABLES.iter().find(|(t, _)| *t == table).unwrap().1;
        let list: Vec<String> = columns
            .iter()
            .filter(|c| **c != UNREPRODUCIBLE)
            .map(|c| self.column_text(c))
            .collect();
        let mut rows = self.query(&format!("SELECT {} FROM {table}", list.join(", ")));
        rows.sort();
        rows
    }
    /// Every table's rows.
    fn dump(&mut self) -> BTreeMap<&'static str, Rows> {
        TABLES.iter().map(|(t, _)| (*t, self.rows(t))).collect()
    }
}

struct SqliteDb {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl SqliteDb {
    fn new() -> SqliteDb {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.sqlite");
        SqliteDb { _dir: dir, path }
    }
}

/// Reads one SQLite value as the suite's text.
fn sqlite_text(value: rusqlite::types::ValueRef<'_>) -> String {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => "NULL".to_owned(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8(t.to_vec()).unwrap(),
    }
}

fn sqlite_query(path: &Path, sql: &str) -> Rows {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |row| {
        Ok((0..n)
            .map(|i| sqlite_text(row.get_ref(i).unwrap()))
            .collect())
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

impl Backend for SqliteDb {
    fn open(&self) -> Box<dyn Tables> {
        sink::open_tables(self.path.to_str().unwrap()).unwrap()
    }
    fn query(&mut self, sql: &str) -> Rows {
        sqlite_query(&self.path, sql)
    }
    fn columns(&mut self, table: &str) -> Vec<String> {
        let sql = format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid");
        self.query(&sql)
            .into_iter()
            .map(|mut r| r.remove(0))
            .collect()
    }
    fn indexes(&mut self) -> Vec<String> {
        let sql = "SELECT name FROM sqlite_schema
                   WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name";
        self.query(sql)
            .into_iter()
            .map(|mut r| r.remove(0))
            .collect()
    }
}

/// A schema of its own in the GAZETTE_PG_URL database, dropped afterwards.
struct PgDb {
    url: String,
    schema: String,
    client: ::postgres::Client,
}

impl PgDb {
    /// Fails, saying what is missing, when no PostgreSQL is configured.
    fn new(test: &str) -> PgDb {
        let base = common::pg_url();
        let schema = format!("gazette_test_{test}_{}", std::process::id());
        let mut client = ::postgres::Client::connect(&base, ::postgres::NoTls)
            .unwrap_or_else(|e| panic!("GAZETTE_PG_URL is set but does not connect: {e}"));
        client
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};
                 SET search_path TO {schema};"
            ))
            .unwrap();
        // The sink finds its schema the way a user would point it at one: through the URL.
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
        PgDb {
            url,
            schema,
            client,
        }
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let _ = self
            .client
            .batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
    }
}

impl Backend for PgDb {
    fn open(&self) -> Box<dyn Tables> {
        sink::open_tables(&self.url).unwrap()
    }
    fn query(&mut self, sql: &str) -> Rows {
        // The simple query protocol returns every value as text.
        let messages = self.client.simple_query(sql).unwrap();
        messages
            .into_iter()
            .filter_map(|m| match m {
                ::postgres::SimpleQueryMessage::Row(row) => Some(
                    (0..row.len())
                        .map(|i| row.get(i).unwrap_or("NULL").to_owned())
                        .collect(),
                ),
                _ => None,
            })
            .map(|row: Vec<String>| row.into_iter().map(compact_json).collect())
            .collect()
    }
    fn columns(&mut self, table: &str) -> Vec<String> {
        let sql = format!(
            "SELECT column_name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = '{table}'
             ORDER BY ordinal_position"
        );
        self.query(&sql)
            .into_iter()
            .map(|mut r| r.remove(0))
            .collect()
    }
    fn indexes(&mut self) -> Vec<String> {
        let sql = "SELECT indexname FROM pg_indexes
                   WHERE schemaname = current_schema() AND indexname NOT LIKE '%_pkey'
                   ORDER BY indexname";
        self.query(sql)
            .into_iter()
            .map(|mut r| r.remove(0))
            .collect()
    }
    fn column_text(&self, column: &str) -> String {
        match column {
            // SQLite has no boolean: it stores 0 and 1.
            "discovered" => "discovered::int AS discovered".to_owned(),
            _ => column.to_owned(),
        }
    }
}

/// jsonb comes back as `{"a": "b"}`; SQLite keeps serde_json's `{"a":"b"}`.
fn compact_json(text: String) -> String {
    if text.starts_with('{') {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
            return value.to_string();
        }
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Test data: a few real entities and short articles about them.

fn entities() -> Vec<EntityRow> {
    let baghdad = EntityRow {
        wikidata: Some("Q1530".into()),
        geonames: Some(98182),
        lat: Some(33.34058),
        lon: Some(44.40088),
        country: Some("IQ".into()),
        ..EntityRow::new("gn:98182", "GPE", "Baghdad")
    };
    let iran = EntityRow {
        wikidata: Some("Q794".into()),
        geonames: Some(130758),
        lat: Some(32.0),
        lon: Some(53.0),
        country: Some("IR".into()),
        ..EntityRow::new("gn:130758", "GPE", "Iran")
    };
    let kh = EntityRow {
        parent: Some("org.pmf".into()),
        attributes: [("pmf_brigades".into(), "45,46,47".into())].into(),
        ..EntityRow::new("org.kataib-hezbollah", "ORG", "Kataib Hezbollah")
    };
    let fadak = EntityRow {
        discovered: true,
        ..EntityRow::new("disc.abu-fadak", "PERSON", "Abu Fadak")
    };
    vec![
        baghdad,
        iran,
        kh,
        EntityRow::new("per.qassem-soleimani", "PERSON", "Qassem Soleimani"),
        fadak,
    ]
}

fn alias(entity: &str, surface: &str, key: &str, how: &str) -> AliasRow {
    AliasRow {
        entity: entity.into(),
        surface: surface.into(),
        key: key.into(),
        how: how.into(),
    }
}

fn aliases() -> Vec<AliasRow> {
    vec![
        alias("gn:98182", "Baghdad", "baghdad", "canonical"),
        alias("gn:98182", "Baghdād", "baghdad", "alias"),
        alias("gn:98182", "Bagdad", "bagdad", "variant"),
        alias("gn:130758", "Iran", "iran", "canonical"),
        alias(
            "org.kataib-hezbollah",
            "Kataib Hezbollah",
            "kataib hezbollah",
            "canonical",
        ),
        alias("org.kataib-hezbollah", "KH", "KH", "code"),
        alias("per.qassem-soleimani", "Soleimani", "soleimani", "observed"),
    ]
}

/// A document whose mentions are the given surfaces, found left to right in the text.
fn doc(
    id: &str,
    source: Option<&str>,
    text: &str,
    hits: &[(&str, &str, MatchKind)],
) -> DocumentOutput {
    let all = entities();
    let mut from = 0;
    let mentions = hits
        .iter()
        .map(|&(surface, entity_id, how)| {
            let start = from + text[from..].find(surface).expect("surface in text");
            from = start + surface.len();
            let entity = all
                .iter()
                .find(|e| e.id == entity_id)
                .expect("known entity");
            MentionRecord {
                doc: id.into(),
                start,
                end: from,
                text: surface.into(),
                kind: entity.kind.clone(),
                entity: entity_id.into(),
                canonical: entity.canonical.clone(),
                how,
                sentence: text[..start].matches(". ").count(),
                confidence: if how == MatchKind::Exact { 1.0 } else { 0.9 },
                trace: (how == MatchKind::Variant).then(|| "ghd→gd".to_owned()),
                antecedent: None,
                source: source.map(str::to_owned),
                date: None,
            }
        })
        .collect();
    DocumentOutput {
        meta: DocumentMeta::new(id, source.map(str::to_owned), text),
        mentions,
    }
}

use MatchKind::{Alias, Discovered, Exact, Partial, Variant};

/// Four documents from two feeds and one with none.
fn corpus() -> Vec<DocumentOutput> {
    vec![
        doc(
            "doc-1",
            Some("wire"),
            "Qassem Soleimani landed in Baghdad. Kataib Hezbollah met him. Soleimani left.",
            &[
                ("Qassem Soleimani", "per.qassem-soleimani", Exact),
                ("Baghdad", "gn:98182", Exact),
                ("Kataib Hezbollah", "org.kataib-hezbollah", Exact),
                ("Soleimani", "per.qassem-soleimani", Partial),
            ],
        ),
        doc(
            "doc-2",
            Some("wire"),
            "Protests in Bagdad and Baghdad. Iran denied it.",
            &[
                ("Bagdad", "gn:98182", Variant),
                ("Baghdad", "gn:98182", Exact),
                ("Iran", "gn:130758", Exact),
            ],
        ),
        doc(
            "doc-3",
            Some("blog"),
            "KH and Abu Fadak in Baghdad. Iran and Qassem Soleimani too.",
            &[
                ("KH", "org.kataib-hezbollah", Alias),
                ("Abu Fadak", "disc.abu-fadak", Discovered),
                ("Baghdad", "gn:98182", Exact),
                ("Iran", "gn:130758", Exact),
                ("Qassem Soleimani", "per.qassem-soleimani", Exact),
            ],
        ),
        doc(
            "doc-4",
            None,
            "Nothing but Baghdad.",
            &[("Baghdad", "gn:98182", Exact)],
        ),
    ]
}

fn write(b: &dyn Backend, batches: &[Vec<DocumentOutput>]) -> SinkStats {
    let mut sink = b.open();
    for docs in batches {
        sink.write_batch(docs, &entities(), &aliases()).unwrap();
    }
    sink.finish().unwrap()
}

fn stats(written: u64, skipped: u64, mentions: u64) -> SinkStats {
    SinkStats {
        documents_written: written,
        documents_skipped: skipped,
        mentions_written: mentions,
    }
}

/// Expected rows, one string each with the columns separated by '|'.
fn lines(lines: &[&str]) -> Rows {
    lines
        .iter()
        .map(|line| line.split('|').map(str::to_owned).collect())
        .collect()
}

/// Expected rows of a table, sorted as [`Backend::rows`] sorts them.
fn table(rows: &[&str]) -> Rows {
    let mut rows = lines(rows);
    rows.sort();
    rows
}

// ---------------------------------------------------------------------------------------------
// The suite.

fn schema_created(b: &mut dyn Backend) {
    // Opening twice: the schema script must be idempotent.
    drop(b.open());
    drop(b.open());
    for (table, columns) in TABLES {
        assert_eq!(b.columns(table), columns, "columns of {table}");
    }
    assert_eq!(b.indexes(), ["aliases_key", "mentions_entity"]);
}

fn batch_round_trip(b: &mut dyn Backend) {
    let docs = corpus();
    assert_eq!(write(b, &[docs[..2].to_vec()]), stats(2, 0, 7));
    let hash1 = sink::content_hash(
        "Qassem Soleimani landed in Baghdad. Kataib Hezbollah met him. Soleimani left.",
    );
    let hash2 = sink::content_hash("Protests in Bagdad and Baghdad. Iran denied it.");
    assert_eq!(
        b.rows("documents"),
        table(&[
            &format!("doc-1|wire|{hash1}|77"),
            &format!("doc-2|wire|{hash2}|47"),
        ])
    );
    assert_eq!(
        b.rows("entities"),
        table(&[
            "disc.abu-fadak|PERSON|Abu Fadak|NULL|NULL|NULL|NULL|NULL|NULL|{}|1",
            "gn:130758|GPE|Iran|Q794|130758|32|53|IR|NULL|{}|0",
            "gn:98182|GPE|Baghdad|Q1530|98182|33.34058|44.40088|IQ|NULL|{}|0",
            r#"org.kataib-hezbollah|ORG|Kataib Hezbollah|NULL|NULL|NULL|NULL|NULL|org.pmf|{"pmf_brigades":"45,46,47"}|0"#,
            "per.qassem-soleimani|PERSON|Qassem Soleimani|NULL|NULL|NULL|NULL|NULL|NULL|{}|0",
        ])
    );
    let want_aliases: Vec<Vec<String>> = {
        let mut r: Rows = aliases()
            .into_iter()
            .map(|a| vec![a.entity, a.surface, a.key, a.how])
            .collect();
        r.sort();
        r
    };
    assert_eq!(b.rows("aliases"), want_aliases);
    assert_eq!(
        b.rows("mentions"),
        table(&[
            "doc-1|0|0|16|Qassem Soleimani|per.qassem-soleimani|exact|0|1|NULL|NULL",
            "doc-1|1|27|34|Baghdad|gn:98182|exact|0|1|NULL|NULL",
            "doc-1|2|36|52|Kataib Hezbollah|org.kataib-hezbollah|exact|1|1|NULL|NULL",
            "doc-1|3|62|71|Soleimani|per.qassem-soleimani|partial|2|0.9|NULL|NULL",
            "doc-2|0|12|18|Bagdad|gn:98182|variant|0|0.9|NULL|ghd→gd",
            "doc-2|1|23|30|Baghdad|gn:98182|exact|0|1|NULL|NULL",
            "doc-2|2|32|36|Iran|gn:130758|exact|1|1|NULL|NULL",
        ])
    );
}

fn rerun_adds_nothing(b: &mut dyn Backend) {
    let docs = corpus();
    let batches = [docs[..2].to_vec(), docs[2..].to_vec()];
    assert_eq!(write(b, &batches), stats(4, 0, 13));
    let first = b.dump();
    let stamps = b.query("SELECT id, processed_at FROM documents ORDER BY id");
    // Same documents again, batched differently.
    assert_eq!(write(b, std::slice::from_ref(&docs)), stats(0, 4, 0));
    assert_eq!(b.dump(), first);
    // Skipped documents were not touched at all.
    assert_eq!(
        b.query("SELECT id, processed_at FROM documents ORDER BY id"),
        stamps
    );
}

fn changed_hash_replaces_mentions(b: &mut dyn Backend) {
    let docs = corpus();
    write(b, std::slice::from_ref(&docs));
    let v2 = doc(
        "doc-1",
        Some("blog"),
        "Corrected: Iran only.",
        &[("Iran", "gn:130758", Exact)],
    );
    // doc-2 unchanged: skipped.
    assert_eq!(
        write(b, &[vec![v2.clone(), docs[1].clone()]]),
        stats(1, 1, 1)
    );
    let row = format!("doc-1|blog|{}|21", v2.meta.content_hash);
    assert!(b.rows("documents").contains(&lines(&[&row])[0]));
    assert_eq!(
        b.query("SELECT seq, surface, entity FROM mentions WHERE document = 'doc-1'"),
        table(&["0|Iran|gn:130758"])
    );
    assert_eq!(b.rows("mentions").len(), 13 - 4 + 1);

    // Within one batch the later version of a document wins.
    let v3 = doc("doc-1", None, "Baghdad.", &[("Baghdad", "gn:98182", Exact)]);
    assert_eq!(write(b, &[vec![docs[0].clone(), v3]]), stats(1, 1, 1));
    assert_eq!(
        b.query("SELECT seq, surface, entity FROM mentions WHERE document = 'doc-1'"),
        table(&["0|Baghdad|gn:98182"])
    );
}

fn entities_and_aliases_upsert(b: &mut dyn Backend) {
    let docs = corpus();
    let mut sink = b.open();
    sink.write_batch(&docs[..1], &entities(), &aliases())
        .unwrap();
    // The next batch repeats every row and changes one entity and adds an alias.
    let mut changed = entities();
    let kh = changed
        .iter_mut()
        .find(|e| e.id == "org.kataib-hezbollah")
        .unwrap();
    kh.canonical = "Kata'ib Hezbollah".into();
    kh.country = Some("IQ".into());
    kh.attributes.insert("founded".into(), "2003".into());
    let mut more = aliases();
    more.push(alias(
        "org.kataib-hezbollah",
        "Kata'ib Hizballah",
        "kataib hizballah",
        "alias",
    ));
    more.push(more[0].clone()); // repeated within the batch too
    sink.write_batch(&docs[1..2], &changed, &more).unwrap();
    sink.finish().unwrap();
    let kh_row = |b: &mut dyn Backend| {
        b.rows("entities")
            .into_iter()
            .find(|r| r[0] == "org.kataib-hezbollah")
            .unwrap()
    };
    assert_eq!(kh_row(b)[2], "Kata'ib Hezbollah");
    assert_eq!(kh_row(b)[7], "IQ");
    assert_eq!(
        kh_row(b)[9],
        r#"{"founded":"2003","pmf_brigades":"45,46,47"}"#
    );
    assert_eq!(b.rows("entities").len(), 5);
    assert_eq!(b.rows("aliases").len(), aliases().len() + 1);

    // A later run (a fresh sink that has written nothing yet) updates the row back.
    write(b, &[docs[..1].to_vec()]);
    assert_eq!(kh_row(b)[2], "Kataib Hezbollah");
    assert_eq!(b.rows("aliases").len(), aliases().len() + 1);
}

fn variant_counts_per_source(b: &mut dyn Backend) {
    write(b, &[corpus()]);
    let want = table(&[
        "disc.abu-fadak|blog|Abu Fadak|1|1|doc-3|doc-3",
        "gn:130758|blog|Iran|1|1|doc-3|doc-3",
        "gn:130758|wire|Iran|1|1|doc-2|doc-2",
        "gn:98182||Baghdad|1|1|doc-4|doc-4",
        "gn:98182|blog|Baghdad|1|1|doc-3|doc-3",
        "gn:98182|wire|Bagdad|1|1|doc-2|doc-2",
        "gn:98182|wire|Baghdad|2|2|doc-1|doc-2",
        "org.kataib-hezbollah|blog|KH|1|1|doc-3|doc-3",
        "org.kataib-hezbollah|wire|Kataib Hezbollah|1|1|doc-1|doc-1",
        "per.qassem-soleimani|blog|Qassem Soleimani|1|1|doc-3|doc-3",
        "per.qassem-soleimani|wire|Qassem Soleimani|1|1|doc-1|doc-1",
        "per.qassem-soleimani|wire|Soleimani|1|1|doc-1|doc-1",
    ]);
    assert_eq!(b.rows("variant_counts"), want);

    // A replaced document's old mentions leave the counts at the next finish.
    let quiet = doc("doc-2", Some("wire"), "Nothing here.", &[]);
    write(b, &[vec![quiet]]);
    let counts = b.rows("variant_counts");
    assert!(
        !counts.iter().any(|r| r[2] == "Bagdad" || r[5] == "doc-2"),
        "{counts:?}"
    );
    assert!(
        counts.contains(&lines(&["gn:98182|wire|Baghdad|1|1|doc-1|doc-1"])[0]),
        "{counts:?}"
    );
}

fn example_queries_answer(b: &mut dyn Backend) {
    write(b, &[corpus()]);
    // In the order the queries return them.
    let expected: [(&str, &[&str]); 3] = [
        (
            "spellings_by_feed",
            &[
                "disc.abu-fadak|Abu Fadak|blog|Abu Fadak|1|1",
                "gn:130758|Iran|blog|Iran|1|1",
                "gn:130758|Iran|wire|Iran|1|1",
                "gn:98182|Baghdad||Baghdad|1|1",
                "gn:98182|Baghdad|blog|Baghdad|1|1",
                "gn:98182|Baghdad|wire|Baghdad|2|2",
                "gn:98182|Baghdad|wire|Bagdad|1|1",
                "org.kataib-hezbollah|Kataib Hezbollah|blog|KH|1|1",
                "org.kataib-hezbollah|Kataib Hezbollah|wire|Kataib Hezbollah|1|1",
                "per.qassem-soleimani|Qassem Soleimani|blog|Qassem Soleimani|1|1",
                "per.qassem-soleimani|Qassem Soleimani|wire|Qassem Soleimani|1|1",
                "per.qassem-soleimani|Qassem Soleimani|wire|Soleimani|1|1",
            ],
        ),
        ("documents_with_both", &["doc-1", "doc-3"]),
        (
            "co_mentioned_with",
            &[
                "gn:130758|Iran|2",
                "org.kataib-hezbollah|Kataib Hezbollah|2",
                "per.qassem-soleimani|Qassem Soleimani|2",
                "disc.abu-fadak|Abu Fadak|1",
            ],
        ),
    ];
    let queries: Vec<(&str, &str)> = EXAMPLE_QUERIES
        .split("-- name: ")
        .skip(1)
        .map(|q| q.split_once('\n').unwrap())
        .collect();
    assert_eq!(
        queries.len(),
        expected.len(),
        "queries in schema/queries.sql"
    );
    for ((name, sql), (want_name, want)) in queries.into_iter().zip(expected) {
        assert_eq!(name, want_name);
        assert_eq!(b.query(sql), lines(want), "schema/queries.sql: {name}");
    }
}

fn unknown_entity_writes_nothing(b: &mut dyn Backend) {
    let docs = corpus();
    let mut sink = b.open();
    let without_iran: Vec<EntityRow> = entities()
        .into_iter()
        .filter(|e| e.id != "gn:130758")
        .collect();
    let known_aliases: Vec<AliasRow> = aliases()
        .into_iter()
        .filter(|a| a.entity != "gn:130758")
        .collect();
    let err = sink
        .write_batch(&docs, &without_iran, &known_aliases)
        .unwrap_err();
    assert!(
        matches!(err, gazette::Error::UnknownEntity { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "document doc-2: entity gn:130758 is referred to but not among the batch's entities"
    );
    let err = sink
        .write_batch(&[], &without_iran, &aliases())
        .unwrap_err();
    assert!(err.to_string().contains("gn:130758"), "{err}");
    sink.finish().unwrap();
    for (table, _) in TABLES {
        assert_eq!(b.rows(table), Rows::new(), "{table} after a refused batch");
    }
    // Entities written by an earlier batch of the same sink may be referred to.
    let mut sink = b.open();
    sink.write_batch(&[], &entities(), &[]).unwrap();
    sink.write_batch(&docs, &[], &[]).unwrap();
    assert_eq!(sink.finish().unwrap(), stats(4, 0, 13));
}

fn concurrent_runs_agree(b: &mut dyn Backend) {
    // Two runs over the same documents at once, one batch per document so that their
    // batches interleave: each document is written exactly once, by one run or the other.
    let docs: Vec<DocumentOutput> = (0..10)
        .flat_map(|copy| {
            corpus().into_iter().map(move |mut doc| {
                doc.meta.id = format!("{}.{copy}", doc.meta.id);
                doc
            })
        })
        .collect();
    let runs: Vec<Box<dyn Tables>> = vec![b.open(), b.open()];
    let handles: Vec<_> = runs
        .into_iter()
        .map(|mut sink| {
            let docs = docs.clone();
            std::thread::spawn(move || {
                for doc in docs {
                    sink.write_batch(&[doc], &entities(), &aliases()).unwrap();
                }
                sink.finish().unwrap()
            })
        })
        .collect();
    let stats: Vec<SinkStats> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let written: u64 = stats.iter().map(|s| s.documents_written).sum();
    let skipped: u64 = stats.iter().map(|s| s.documents_skipped).sum();
    assert_eq!((written, skipped), (40, 40), "{stats:?}");
    let together = b.dump();

    let mut alone = SqliteDb::new();
    write(&alone, &[docs]);
    assert_eq!(together, alone.dump());
}

/// Runs each suite function against SQLite and PostgreSQL (ignored unless asked for: it
/// needs a server).
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $test() { super::$test(&mut super::SqliteDb::new()); })*
        }
        mod postgres {
            $(
                #[test]
                #[ignore = "needs PostgreSQL at GAZETTE_PG_URL (.ci/postgres.sh); .ci/run runs it"]
                fn $test() { super::$test(&mut super::PgDb::new(stringify!($test))); }
            )*
        }
    };
}

on_both_backends!(
    schema_created,
    batch_round_trip,
    rerun_adds_nothing,
    changed_hash_replaces_mentions,
    entities_and_aliases_upsert,
    variant_counts_per_source,
    example_queries_answer,
    unknown_entity_writes_nothing,
    concurrent_runs_agree,
);

// ---------------------------------------------------------------------------------------------
// CSV output.

/// A minimal RFC 4180 reader: enough to read back what the CSV sink writes.
fn parse_csv(text: &str) -> Vec<Vec<Option<String>>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        // One field.
        let field = if chars.peek() == Some(&'"') {
            chars.next();
            let mut s = String::new();
            loop {
                match chars.next().expect("closing quote") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        s.push('"');
                    }
                    '"' => break,
                    c => s.push(c),
                }
            }
            Some(s)
        } else {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\r' {
                    break;
                }
                s.push(c);
                chars.next();
            }
            (!s.is_empty()).then_some(s)
        };
        record.push(field);
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF line ends");
                records.push(std::mem::take(&mut record));
                if chars.peek().is_none() {
                    return records;
                }
            }
            other => panic!("unexpected {other:?} after a field"),
        }
    }
}

#[test]
fn csv_files_hold_the_same_tables() {
    let mut docs = corpus();
    // Fields that need quoting.
    docs.push(doc(
        "doc,5 \"quoted\"",
        Some(""),
        "Line one.\nBaghdad, again.",
        &[("Baghdad", "gn:98182", Exact)],
    ));
    docs[1].mentions[0].trace = Some("two\nlines, \"quoted\"".into());
    let batches = [docs[..3].to_vec(), docs[3..].to_vec()];

    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("csv");
    let mut csv = sink::open_csv_tables(&dir).unwrap();
    for batch in &batches {
        csv.write_batch(batch, &entities(), &aliases()).unwrap();
    }
    assert_eq!(csv.finish().unwrap(), stats(5, 0, 14));
    drop(csv);

    let mut db = SqliteDb::new();
    write(&db, &batches);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "aliases.csv",
            "documents.csv",
            "entities.csv",
            "mentions.csv",
            "variant_counts.csv"
        ],
        "only the tables are left in the directory"
    );
    for (table, columns) in TABLES {
        let text = std::fs::read_to_string(dir.join(format!("{table}.csv"))).unwrap();
        let mut records = parse_csv(&text);
        let header: Vec<String> = records.remove(0).into_iter().map(Option::unwrap).collect();
        assert_eq!(header, columns, "{table}.csv header");
        let skip = columns.iter().position(|c| *c == UNREPRODUCIBLE);
        let mut got: Rows = records
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != skip)
                    .map(|(_, f)| f.unwrap_or_else(|| "NULL".to_owned()))
                    .collect()
            })
            .collect();
        got.sort();
        assert_eq!(got, db.rows(table), "{table}.csv against the sqlite table");
    }
    // Byte for byte, for one file: quoting, NULL as an empty field, "" for the empty string.
    let variants = std::fs::read_to_string(dir.join("variant_counts.csv")).unwrap();
    assert!(variants.starts_with(
        "entity,source,surface,mentions,documents,first_document,last_document\r\n\
         disc.abu-fadak,blog,Abu Fadak,1,1,doc-3,doc-3\r\n"
    ));
    assert!(variants.contains("\r\ngn:98182,\"\",Baghdad,2,2,\"doc,5 \"\"quoted\"\"\",doc-4\r\n"));
    let mentions = std::fs::read_to_string(dir.join("mentions.csv")).unwrap();
    assert!(mentions.contains(
        "\r\ndoc-2,0,12,18,Bagdad,gn:98182,variant,0,0.9,,\"two\nlines, \"\"quoted\"\"\"\r\n"
    ));
}

#[test]
fn csv_replaces_old_files_and_a_stale_scratch_database() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("mentions.csv"), "old").unwrap();
    std::fs::write(
        out.path().join(".gazette-csv-scratch.sqlite"),
        "left by a killed run",
    )
    .unwrap();
    let mut csv = sink::open_csv_tables(out.path()).unwrap();
    csv.write_batch(&corpus()[3..], &entities(), &aliases())
        .unwrap();
    csv.finish().unwrap();
    drop(csv);
    let mentions = std::fs::read_to_string(out.path().join("mentions.csv")).unwrap();
    assert_eq!(mentions.lines().count(), 2, "{mentions}");
    assert!(!out.path().join(".gazette-csv-scratch.sqlite").exists());
}

// ---------------------------------------------------------------------------------------------
// Errors a user sees.

#[test]
fn sqlite_error_names_an_unwritable_path() {
    let dir = tempfile::tempdir().unwrap();
    // A path under a regular file cannot be created, even by root.
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "").unwrap();
    let target = file.join("out.sqlite");
    let err = sink::open_tables(target.to_str().unwrap())
        .err()
        .expect("an error");
    assert!(matches!(err, gazette::Error::SqliteOpen { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "cannot open sqlite database {}: ",
            target.display()
        )),
        "{message}"
    );
    assert!(
        message.ends_with("(check that the directory exists and is writable)"),
        "{message}"
    );
}

#[test]
fn sqlite_error_names_a_file_that_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("notes.sqlite");
    std::fs::write(
        &target,
        "these are my notes, not a database, and long enough to tell",
    )
    .unwrap();
    let err = sink::open_tables(target.to_str().unwrap())
        .err()
        .expect("an error");
    let message = err.to_string();
    assert!(message.contains(&target.display().to_string()), "{message}");
    assert!(message.contains("not a database"), "{message}");
}

#[test]
fn postgres_error_names_the_server_and_hides_the_password() {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    let err = sink::open_tables("postgres://gazette:hunter2@127.0.0.1:1/news")
        .err()
        .expect("an error");
    assert!(
        matches!(err, gazette::Error::PostgresConnect { .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.starts_with(
            "cannot connect to postgresql database postgres://gazette:***@127.0.0.1:1/news: "
        ),
        "{message}"
    );
    assert!(!message.contains("hunter2"), "{message}");

    let err = sink::open_tables("postgresql://gazette@127.0.0.1:notaport/news")
        .err()
        .expect("an error");
    assert!(err.to_string().contains("127.0.0.1:notaport"), "{err}");

    let err = sink::open_tables("").err().expect("an error");
    assert!(
        matches!(err, gazette::Error::UnsupportedTarget { .. }),
        "{err:?}"
    );

    let err = sink::open_tables("mysql://root@127.0.0.1/news")
        .err()
        .expect("an error");
    assert_eq!(
        err.to_string(),
        "unsupported database \"mysql://root@127.0.0.1/news\": \
         give postgres://user@host/dbname or the path of a sqlite file"
    );
}

#[test]
#[ignore = "needs PostgreSQL at GAZETTE_PG_URL (.ci/postgres.sh); .ci/run runs it"]
fn postgres_error_for_a_wrong_password() {
    let url = common::pg_url();
    let config: ::postgres::Config = url.parse().unwrap();
    let user = config.get_user().unwrap();
    let host = "127.0.0.1";
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let bad = format!("postgres://{user}:wrong-password@{host}:{port}/postgres");
    let message = sink::open_tables(&bad).err().expect("an error").to_string();
    assert!(
        message.contains("password authentication failed"),
        "{message}"
    );
    assert!(message.contains(":***@"), "{message}");
}

#[test]
fn csv_error_names_an_unwritable_directory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "").unwrap();
    let target = file.join("csv");
    let err = sink::open_csv_tables(&target).err().expect("an error");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("csv output {}: ", target.display())),
        "{message}"
    );
}
