//! The SQLite sink: WAL journal, one IMMEDIATE transaction per batch, cached prepared
//! statements.

use super::{
    AliasRow, Database, DocumentOutput, EntityRow, Plan, Session, attributes_json, confidence,
    sql_int,
};
use crate::error::Error;
use rusqlite::{CachedStatement, Connection, OptionalExtension, TransactionBehavior, params};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

const SCHEMA: &str = include_str!("../../../schema/sqlite.sql");

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Writes into one SQLite file.
pub(super) struct SqliteSink {
    conn: Connection,
    path: PathBuf,
    /// The file the path named when it was opened (none for a scratch database, or where
    /// files have no identity to compare).
    file: Option<FileId>,
    session: Session,
}

impl SqliteSink {
    /// Opens or creates a database for a run: durable, and safe against a killed process.
    pub(super) fn open(path: &Path) -> Result<SqliteSink, Error> {
        // WAL lets readers work while a run writes; synchronous=NORMAL still never loses a
        // committed batch to a killed process, only (at worst) the last ones to a power cut,
        // and the database stays consistent either way.
        let mut sink = SqliteSink::open_with(
            path,
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
        )?;
        sink.file = file_id(path);
        Ok(sink)
    }

    /// Opens or creates a scratch database that nobody needs after a crash: no journal file,
    /// no syncing.
    pub(super) fn open_scratch(path: &Path) -> Result<SqliteSink, Error> {
        SqliteSink::open_with(
            path,
            "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;",
        )
    }

    fn open_with(path: &Path, durability: &str) -> Result<SqliteSink, Error> {
        let open_error = |source| Error::SqliteOpen {
            path: path.to_owned(),
            source,
        };
        let conn = Connection::open(path).map_err(open_error)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        // The first statement that reads the file finds out whether it is a database.
        conn.execute_batch(durability).map_err(open_error)?;
        let sink = SqliteSink {
            conn,
            path: path.to_owned(),
            file: None,
            session: Session::default(),
        };
        sink.conn
            .execute_batch(
                "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;",
            )
            .map_err(|e| sink.error(e))?;
        sink.conn.execute_batch(SCHEMA).map_err(|e| sink.error(e))?;
        Ok(sink)
    }

    /// The open connection, for reading the tables back (the CSV sink exports them).
    pub(super) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The database file.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

impl Database for SqliteSink {
    type Failure = rusqlite::Error;

    fn session(&mut self) -> &mut Session {
        &mut self.session
    }

    fn error(&self, source: rusqlite::Error) -> Error {
        Error::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// SQLite writes on into a file whose folder was removed (the open descriptors keep it),
    /// and reports success for rows nobody will ever read: compare the file the path names
    /// now with the one opened.
    fn still_there(&self) -> Result<(), Error> {
        match self.file {
            Some(opened) if file_id(&self.path) != Some(opened) => Err(Error::SqliteGone {
                path: self.path.clone(),
            }),
            _ => Ok(()),
        }
    }

    /// Writes a checked batch in one transaction; returns (documents, mentions) written.
    fn write(&mut self, plan: &Plan<'_>) -> rusqlite::Result<(u64, u64)> {
        // IMMEDIATE takes the write lock up front, so the skip-or-replace decisions below are
        // made on the rows this transaction will change, even with another writer waiting.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        upsert_entities(&tx, &plan.entities)?;
        insert_aliases(&tx, &plan.aliases)?;
        let written = write_documents(&tx, &plan.docs)?;
        tx.commit()?;
        Ok(written)
    }

    /// Recomputes `variant_counts` in one transaction and folds the WAL into the main file.
    fn recount(&mut self) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let counts = count_variants(&tx)?;
        tx.execute("DELETE FROM variant_counts", [])?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO variant_counts
                     (entity, source, surface, mentions, documents, first_document, last_document)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for c in &counts {
                insert.execute(params![
                    c.entity,
                    c.source,
                    c.surface,
                    sql_int(c.mentions),
                    sql_int(c.documents),
                    c.first_document,
                    c.last_document,
                ])?;
            }
        }
        tx.commit()?;
        // Lets the query planner learn the new tables' shapes; cheap when nothing changed.
        self.conn.execute_batch("PRAGMA optimize;")?;
        // Leaves a self-contained file behind (with WAL: an empty log). Busy readers can
        // postpone this, which is harmless, so its result row is not inspected.
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
    }
}

/// Which file a path names: its device and inode.
type FileId = (u64, u64);

/// The file `path` names now; none when it names nothing.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Elsewhere files are not compared (Windows does not delete an open database file anyway).
#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<FileId> {
    None
}

/// Inserts the entity rows, or updates those already stored under the same id.
fn upsert_entities(conn: &Connection, rows: &[&EntityRow]) -> rusqlite::Result<()> {
    let mut upsert = conn.prepare_cached(
        "INSERT INTO entities (id, type, canonical, wikidata, geonames, lat, lon,
                               country, parent, attributes, discovered)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET
             type = excluded.type, canonical = excluded.canonical,
             wikidata = excluded.wikidata, geonames = excluded.geonames,
             lat = excluded.lat, lon = excluded.lon, country = excluded.country,
             parent = excluded.parent, attributes = excluded.attributes,
             discovered = excluded.discovered",
    )?;
    for e in rows {
        upsert.execute(params![
            e.id,
            e.kind,
            e.canonical,
            e.wikidata,
            e.geonames.map(sql_int),
            e.lat,
            e.lon,
            e.country,
            e.parent,
            attributes_json(&e.attributes),
            e.discovered,
        ])?;
    }
    Ok(())
}

/// Inserts the alias rows that are not stored yet.
fn insert_aliases(conn: &Connection, rows: &[&AliasRow]) -> rusqlite::Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO aliases (entity, surface, key, how) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
    )?;
    for a in rows {
        insert.execute(params![a.entity, a.surface, a.key, a.how])?;
    }
    Ok(())
}

/// Writes each document with its mentions, except one already stored with the same content
/// hash; one stored with another hash loses its old mentions. Returns (documents, mentions)
/// written.
fn write_documents(conn: &Connection, docs: &[&DocumentOutput]) -> rusqlite::Result<(u64, u64)> {
    let mut stored_hash =
        conn.prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?;
    let mut delete_mentions = conn.prepare_cached("DELETE FROM mentions WHERE document = ?1")?;
    let mut upsert_document = conn.prepare_cached(
        "INSERT INTO documents (id, source, content_hash, bytes, processed_at)
         VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         ON CONFLICT (id) DO UPDATE SET
             source = excluded.source, content_hash = excluded.content_hash,
             bytes = excluded.bytes, processed_at = excluded.processed_at",
    )?;
    let mut insert_mention = conn.prepare_cached(INSERT_MENTION)?;
    let (mut docs_written, mut mentions_written) = (0, 0);
    for doc in docs {
        let meta = &doc.meta;
        let stored: Option<String> = stored_hash
            .query_row([&meta.id], |row| row.get(0))
            .optional()?;
        match stored {
            Some(hash) if hash == meta.content_hash => continue,
            Some(_) => {
                delete_mentions.execute([&meta.id])?;
            }
            None => {}
        }
        upsert_document.execute(params![
            meta.id,
            meta.source,
            meta.content_hash,
            sql_int(meta.bytes),
        ])?;
        insert_mentions(&mut insert_mention, doc)?;
        docs_written += 1;
        mentions_written += doc.mentions.len() as u64;
    }
    Ok((docs_written, mentions_written))
}

/// Inserts a document's mentions with `insert` (the statement [`INSERT_MENTION`]), numbered
/// in document order (the `seq` column).
fn insert_mentions(insert: &mut CachedStatement<'_>, doc: &DocumentOutput) -> rusqlite::Result<()> {
    for (seq, m) in doc.mentions.iter().enumerate() {
        insert.execute(params![
            doc.meta.id,
            sql_int(seq),
            sql_int(m.start),
            sql_int(m.end),
            m.text,
            m.entity,
            m.how.as_str(),
            sql_int(m.sentence),
            confidence(m.confidence),
            m.antecedent.map(sql_int),
            m.trace,
        ])?;
    }
    Ok(())
}

/// Inserts one mention row.
const INSERT_MENTION: &str = "
    INSERT INTO mentions (document, seq, start_byte, end_byte, surface, entity,
                          match_kind, sentence, confidence, antecedent, trace)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

/// One row of `variant_counts`.
struct VariantCount {
    entity: String,
    source: String,
    surface: String,
    mentions: u64,
    documents: u64,
    first_document: String,
    last_document: String,
}

/// Counts mentions per (entity, source, surface) in one pass over the mentions in document
/// order. SQLite's GROUP BY with count(DISTINCT) sorts every mention instead, several times
/// slower (docs/performance.md); PostgreSQL runs the SQL in pg.rs.
///
/// Document order makes the rest easy: a group's documents are counted when the document
/// changes, and its first and last documents are the first and last seen (ids compare bytewise
/// in SQLite as in Rust).
fn count_variants(conn: &Connection) -> rusqlite::Result<Vec<VariantCount>> {
    let mut groups: HashMap<String, VariantCount> = HashMap::new();
    let mut key = String::new();
    let mut stmt = conn.prepare(
        "SELECT m.entity, coalesce(d.source, ''), m.surface, m.document
         FROM documents d JOIN mentions m ON m.document = d.id
         ORDER BY d.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let entity = row.get_ref(0)?.as_str()?;
        let source = row.get_ref(1)?.as_str()?;
        let surface = row.get_ref(2)?.as_str()?;
        let document = row.get_ref(3)?.as_str()?;
        // Length prefixes keep the key unambiguous whatever the strings contain.
        key.clear();
        let _ = write!(
            key,
            "{}:{entity}{}:{source}{surface}",
            entity.len(),
            source.len()
        );
        match groups.get_mut(key.as_str()) {
            Some(group) => {
                group.mentions += 1;
                if group.last_document != document {
                    group.documents += 1;
                    document.clone_into(&mut group.last_document);
                }
            }
            None => {
                groups.insert(
                    key.clone(),
                    VariantCount {
                        entity: entity.to_owned(),
                        source: source.to_owned(),
                        surface: surface.to_owned(),
                        mentions: 1,
                        documents: 1,
                        first_document: document.to_owned(),
                        last_document: document.to_owned(),
                    },
                );
            }
        }
    }
    let mut counts: Vec<VariantCount> = groups.into_values().collect();
    // In primary-key order, so the inserts append.
    counts.sort_unstable_by(|a, b| {
        (&a.entity, &a.source, &a.surface).cmp(&(&b.entity, &b.source, &b.surface))
    });
    Ok(counts)
}
