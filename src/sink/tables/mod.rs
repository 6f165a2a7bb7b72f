//! The database tables: documents, entities, aliases, mentions and per-feed variant counts,
//! written into SQLite, PostgreSQL or CSV files behind one [`Tables`] trait; [`TableSink`]
//! turns a run's batches into their rows.
//!
//! The tables are defined in `schema/sqlite.sql` and `schema/postgres.sql`; example queries
//! over them are in `schema/queries.sql`. Writing is idempotent and crash-safe:
//!
//! - each [`Tables::write_batch`] is one transaction, so a killed run leaves whole batches;
//! - a document whose id and content hash are already stored is skipped, so re-running the
//!   same input adds nothing and a killed run, re-run, ends equal to one clean run;
//! - a document stored under the same id with another hash is replaced, mentions and all;
//! - [`Tables::finish`] recomputes `variant_counts` from `mentions` and `documents`, so the
//!   counts never drift from the rows they summarise.
//!
//! ```no_run
//! use gazette::sink::{self, DocumentMeta, DocumentOutput};
//!
//! let mut db = sink::open_tables("out.sqlite")?;
//! let doc = DocumentOutput {
//!     meta: DocumentMeta::new("doc-1", Some("wire".into()), "Nothing happened."),
//!     mentions: Vec::new(),
//! };
//! db.write_batch(&[doc], &[], &[])?;
//! let stats = db.finish()?;
//! assert_eq!(stats.documents_written + stats.documents_skipped, 1);
//! # Ok::<(), gazette::Error>(())
//! ```

mod csv;
mod pg;
mod rows;
mod sqlite;

pub use rows::TableSink;

use crate::error::Error;
use crate::record::MentionRecord;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// What the `documents` table holds about one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMeta {
    /// Document id, unique within the database.
    pub id: String,
    /// The feed the document came from, when the input names one.
    pub source: Option<String>,
    /// Lowercase hex SHA-256 of the text's UTF-8 bytes (see [`content_hash`]).
    pub content_hash: String,
    /// Length of the text in bytes.
    pub bytes: u64,
}

impl DocumentMeta {
    /// The row for a document with this text: its hash and length computed.
    pub fn new(id: impl Into<String>, source: Option<String>, text: &str) -> DocumentMeta {
        DocumentMeta {
            id: id.into(),
            source,
            content_hash: content_hash(text),
            bytes: text.len() as u64,
        }
    }
}

/// One processed document: its metadata and every mention found in it, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentOutput {
    /// The document row.
    pub meta: DocumentMeta,
    /// The mentions; their position in this list is the `seq` column, which a coref
    /// mention's `antecedent` refers to. `MentionRecord::doc` and `source` are not read:
    /// the document row holds them.
    pub mentions: Vec<MentionRecord>,
}

/// One row of the `entities` table.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    /// Stable entity id.
    pub id: String,
    /// PERSON, ORG, GPE, LOC or FACILITY (the `type` column).
    pub kind: String,
    /// Canonical name.
    pub canonical: String,
    /// Wikidata QID.
    pub wikidata: Option<String>,
    /// GeoNames id.
    pub geonames: Option<u64>,
    /// Latitude, WGS84 decimal degrees.
    pub lat: Option<f64>,
    /// Longitude, WGS84 decimal degrees.
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Id of the parent or affiliated entity.
    pub parent: Option<String>,
    /// Other facts, stored as a JSON object.
    pub attributes: BTreeMap<String, String>,
    /// Whether the entity was found in the text rather than in a gazetteer.
    pub discovered: bool,
}

impl EntityRow {
    /// An entity with only its id, type and canonical name known.
    pub fn new(
        id: impl Into<String>,
        kind: impl Into<String>,
        canonical: impl Into<String>,
    ) -> EntityRow {
        EntityRow {
            id: id.into(),
            kind: kind.into(),
            canonical: canonical.into(),
            wikidata: None,
            geonames: None,
            lat: None,
            lon: None,
            country: None,
            parent: None,
            attributes: BTreeMap::new(),
            discovered: false,
        }
    }
}

/// One row of the `aliases` table: a way of writing an entity's name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AliasRow {
    /// Entity id.
    pub entity: String,
    /// The name as written.
    pub surface: String,
    /// The surface through the matcher's normaliser: the key it is matched by.
    pub key: String,
    /// How the name was found: "canonical", "alias", "code", "observed", "variant" or
    /// "discovered".
    pub how: String,
}

/// A destination for a run's tables: SQLite, PostgreSQL or CSV files.
pub trait Tables: Send {
    /// One transaction: upsert the entities and aliases, then for each document: skip it if a
    /// row with the same id and content_hash exists; otherwise replace the document row and
    /// all its mentions.
    ///
    /// Every entity a mention or alias refers to must be among `entities` or have been
    /// written by an earlier batch of this sink; otherwise nothing is written and the error is
    /// [`Error::UnknownEntity`]. When an id occurs twice in `docs`, the later one counts
    /// and the earlier one is skipped.
    fn write_batch(
        &mut self,
        docs: &[DocumentOutput],
        entities: &[EntityRow],
        aliases: &[AliasRow],
    ) -> Result<(), Error>;

    /// Called once at the end of a run: bring variant_counts up to date (recomputed from
    /// mentions and documents in one transaction) and flush. Returns the counts of the
    /// sink's whole life.
    fn finish(&mut self) -> Result<SinkStats, Error>;
}

/// What a sink wrote over its life.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SinkStats {
    /// Documents inserted or replaced.
    pub documents_written: u64,
    /// Documents already stored with the same content hash, or superseded within a batch.
    pub documents_skipped: u64,
    /// Mentions inserted.
    pub mentions_written: u64,
}

/// Opens a database: `postgres://…` or `postgresql://…` is a PostgreSQL connection URL;
/// anything else is the path of a SQLite file, created with the schema if missing.
pub fn open_tables(target: &str) -> Result<Box<dyn Tables>, Error> {
    if target.starts_with("postgres://") || target.starts_with("postgresql://") {
        Ok(Box::new(pg::PgSink::connect(target)?))
    } else if target.is_empty() || target.contains("://") {
        Err(Error::UnsupportedTarget {
            target: redact(target),
        })
    } else {
        Ok(Box::new(sqlite::SqliteSink::open(Path::new(target))?))
    }
}

/// Opens a CSV sink writing `documents.csv`, `entities.csv`, `aliases.csv`, `mentions.csv`
/// and `variant_counts.csv` into `dir` (created if missing) when the run finishes: a header
/// row, then the run's rows in primary-key order, RFC 4180 quoting, CRLF line ends, the same
/// columns as the tables. NULL is an empty field and an empty string is `""`, as PostgreSQL's
/// `COPY … CSV` reads them. Existing files of those names are replaced.
pub fn open_csv_tables(dir: &Path) -> Result<Box<dyn Tables>, Error> {
    Ok(Box::new(csv::CsvSink::open(dir)?))
}

/// The `content_hash` of a text: lowercase hex SHA-256 of its UTF-8 bytes.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Hides the password of a connection URL so that it can go into an error message.
fn redact(url: &str) -> String {
    let mut out = url.to_owned();
    // postgres://user:password@host/db: the userinfo ends at the last '@' before the path.
    if let Some(scheme_end) = out.find("://") {
        let rest = scheme_end + 3;
        let authority_end = out[rest..].find(['/', '?']).map_or(out.len(), |i| rest + i);
        if let Some(at) = out[rest..authority_end].rfind('@') {
            if let Some(colon) = out[rest..rest + at].find(':') {
                out.replace_range(rest + colon + 1..rest + at, "***");
            }
        }
    }
    // ...?password=secret&...
    if let Some(query) = out.find('?') {
        let mut parts: Vec<String> = out[query + 1..].split('&').map(str::to_owned).collect();
        for part in &mut parts {
            if part.starts_with("password=") {
                *part = "password=***".to_owned();
            }
        }
        out = format!("{}?{}", &out[..query], parts.join("&"));
    }
    out
}

/// Database integers are signed 64-bit. Offsets and counts come from in-memory texts and so
/// fit; a value that does not is nonsense either way and is stored as the largest integer
/// rather than wrapped to a negative one.
fn sql_int<T: TryInto<i64>>(x: T) -> i64 {
    x.try_into().unwrap_or(i64::MAX)
}

/// Confidence is an `f32`; widening it directly would store 0.9 as 0.8999999761581421.
/// Going through its shortest decimal form stores 0.9.
fn confidence(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

/// The entity attributes as the JSON object stored in `entities.attributes`.
fn attributes_json(attributes: &BTreeMap<String, String>) -> String {
    // A map of strings always serialises.
    serde_json::to_string(attributes).unwrap_or_else(|_| "{}".to_owned())
}

/// A database that a [`Session`] plans batches for: SQLite or PostgreSQL. Each writes a
/// planned batch in one transaction and recomputes `variant_counts` at the end; checking,
/// counting and error reporting around those are the same for both, so they implement
/// [`Tables`] through this.
trait Database: Send {
    /// The database client's error.
    type Failure;

    /// What this sink has committed so far.
    fn session(&mut self) -> &mut Session;

    /// Writes a planned batch in one transaction; returns (documents, mentions) written.
    fn write(&mut self, plan: &Plan<'_>) -> Result<(u64, u64), Self::Failure>;

    /// Recomputes `variant_counts` in one transaction.
    fn recount(&mut self) -> Result<(), Self::Failure>;

    /// The client's error, naming the database.
    fn error(&self, source: Self::Failure) -> Error;

    /// Fails when the database can no longer keep what is written: the file deleted under
    /// a running SQLite sink, which the client itself does not notice.
    fn still_there(&self) -> Result<(), Error> {
        Ok(())
    }
}

impl<D: Database> Tables for D {
    fn write_batch(
        &mut self,
        docs: &[DocumentOutput],
        entities: &[EntityRow],
        aliases: &[AliasRow],
    ) -> Result<(), Error> {
        let plan = self.session().plan(docs, entities, aliases)?;
        self.still_there()?;
        let (written, mentions) = self.write(&plan).map_err(|e| self.error(e))?;
        self.session().committed(&plan, written, mentions);
        Ok(())
    }

    fn finish(&mut self) -> Result<SinkStats, Error> {
        self.recount().map_err(|e| self.error(e))?;
        // Also catches a file deleted during the last batch.
        self.still_there()?;
        Ok(self.session().stats)
    }
}

/// One batch after the checks every backend shares, with the entity and alias rows this
/// sink has not already committed.
struct Plan<'a> {
    /// New or changed entities, one per id (the last one given).
    entities: Vec<&'a EntityRow>,
    /// Aliases not yet written, one per (entity, surface, how).
    aliases: Vec<&'a AliasRow>,
    /// One document per id (the last one given), in batch order.
    docs: Vec<&'a DocumentOutput>,
    /// Documents dropped because a later one in the batch has the same id.
    superseded: u64,
}

/// What one sink has committed so far. Every batch repeats the entity and alias rows its
/// mentions refer to; remembering them writes each once per run instead of once per batch.
#[derive(Default)]
struct Session {
    entities: HashMap<String, EntityRow>,
    aliases: HashSet<AliasRow>,
    stats: SinkStats,
}

impl Session {
    /// Checks a batch and works out what of it needs writing.
    fn plan<'a>(
        &self,
        docs: &'a [DocumentOutput],
        entities: &'a [EntityRow],
        aliases: &'a [AliasRow],
    ) -> Result<Plan<'a>, Error> {
        let mut by_id: HashMap<&str, &EntityRow> = HashMap::with_capacity(entities.len());
        for entity in entities {
            by_id.insert(&entity.id, entity);
        }
        let known = |id: &str| by_id.contains_key(id) || self.entities.contains_key(id);

        let mut new_entities: Vec<&EntityRow> = by_id
            .values()
            .copied()
            .filter(|e| self.entities.get(&e.id) != Some(*e))
            .collect();
        // Sorted so that a batch always touches rows in the same order.
        new_entities.sort_by(|a, b| a.id.cmp(&b.id));

        let mut seen = HashSet::with_capacity(aliases.len());
        let mut new_aliases = Vec::new();
        for alias in aliases {
            if !known(&alias.entity) {
                return Err(Error::UnknownEntity {
                    document: "(aliases)".to_owned(),
                    entity: alias.entity.clone(),
                });
            }
            if !self.aliases.contains(alias) && seen.insert(alias) {
                new_aliases.push(alias);
            }
        }

        let mut last: HashMap<&str, usize> = HashMap::with_capacity(docs.len());
        for (i, doc) in docs.iter().enumerate() {
            last.insert(&doc.meta.id, i);
        }
        let mut kept = Vec::with_capacity(last.len());
        for (i, doc) in docs.iter().enumerate() {
            if last[doc.meta.id.as_str()] != i {
                continue;
            }
            if let Some(m) = doc.mentions.iter().find(|m| !known(&m.entity)) {
                return Err(Error::UnknownEntity {
                    document: doc.meta.id.clone(),
                    entity: m.entity.clone(),
                });
            }
            kept.push(doc);
        }
        Ok(Plan {
            entities: new_entities,
            aliases: new_aliases,
            superseded: (docs.len() - kept.len()) as u64,
            docs: kept,
        })
    }

    /// Records a committed batch: `written` documents and `mentions` mentions were stored,
    /// the other documents skipped.
    fn committed(&mut self, plan: &Plan<'_>, written: u64, mentions: u64) {
        for entity in &plan.entities {
            self.entities.insert(entity.id.clone(), (*entity).clone());
        }
        for alias in &plan.aliases {
            self.aliases.insert((*alias).clone());
        }
        self.stats.documents_written += written;
        self.stats.documents_skipped += plan.docs.len() as u64 - written + plan.superseded;
        self.stats.mentions_written += mentions;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_hides_passwords() {
        let rows = [
            ("postgres://u@h/db", "postgres://u@h/db"),
            (
                "postgres://u:secret@h:5432/db",
                "postgres://u:***@h:5432/db",
            ),
            ("postgres://u:p@ss@h/db", "postgres://u:***@h/db"),
            (
                "postgresql://h/db?user=u&password=secret&sslmode=disable",
                "postgresql://h/db?user=u&password=***&sslmode=disable",
            ),
            ("out.sqlite", "out.sqlite"),
        ];
        for (url, want) in rows {
            assert_eq!(redact(url), want, "redact({url:?})");
        }
    }

    #[test]
    fn content_hash_is_lowercase_hex_sha256() {
        assert_eq!(
            content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let meta = DocumentMeta::new("d", None, "Bağdat");
        assert_eq!((meta.content_hash, meta.bytes), (content_hash("Bağdat"), 7));
    }

    #[test]
    fn confidence_keeps_the_decimal_written() {
        for (x, want) in [(0.9f32, 0.9f64), (1.0, 1.0), (0.25, 0.25), (0.7, 0.7)] {
            assert_eq!(confidence(x), want, "confidence({x})");
        }
    }
}
