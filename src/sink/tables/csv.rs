//! The CSV sink. It collects the run in a scratch SQLite database inside the output directory
//! and exports the tables when the run finishes, so CSV output gets exactly the database
//! sinks' rules (skip, replace, upsert, recount) and the same columns, in a stable order.

use super::sqlite::SqliteSink;
use super::{AliasRow, DocumentOutput, EntityRow, SinkStats, Tables};
use crate::error::Error;
use rusqlite::types::ValueRef;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The tables exported, each with the order of its rows (its primary key).
const TABLES: [(&str, &str); 5] = [
    ("documents", "id"),
    ("entities", "id"),
    ("aliases", "entity, surface, how"),
    ("mentions", "document, seq"),
    ("variant_counts", "entity, source, surface"),
];

/// The scratch database's name; a leftover from a killed run is removed at the next open.
const SCRATCH: &str = ".gazette-csv-scratch.sqlite";

/// Writes the run's tables as CSV files into one directory.
pub(super) struct CsvSink {
    // Field order is drop order: the connection closes before the file is removed.
    db: SqliteSink,
    dir: PathBuf,
    _scratch: Scratch,
}

/// Removes the scratch database when the sink is dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        // Best effort: the file is hidden and the next run removes it anyway.
        let _ = fs::remove_file(&self.0);
    }
}

impl CsvSink {
    pub(super) fn open(dir: &Path) -> Result<CsvSink, Error> {
        fs::create_dir_all(dir).map_err(|source| Error::Csv {
            path: dir.to_owned(),
            source,
        })?;
        let path = dir.join(SCRATCH);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(Error::Csv { path, source: e });
            }
            _ => {}
        }
        let db = SqliteSink::open_scratch(&path)?;
        Ok(CsvSink {
            db,
            dir: dir.to_owned(),
            _scratch: Scratch(path),
        })
    }

    /// Writes `<table>.csv` next to its final name, then renames it into place, so a reader
    /// never sees half a file.
    fn export(&self, table: &str, order: &str) -> Result<(), Error> {
        let path = self.dir.join(format!("{table}.csv"));
        let partial = self.dir.join(format!(".{table}.csv.partial"));
        let io_error = |source| Error::Csv {
            path: path.clone(),
            source,
        };
        let file = File::create(&partial).map_err(io_error)?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        let db_error = |source| Error::Sqlite {
            path: self.db.path().to_owned(),
            source,
        };
        let conn = self.db.connection();
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
            .map_err(db_error)?;
        let columns = stmt.column_count();
        let header: Vec<String> = stmt.column_names().map(str::to_owned).collect();
        write_record(&mut out, header.iter().map(|c| Field::Text(c))).map_err(io_error)?;
        let mut rows = stmt.query([]).map_err(db_error)?;
        while let Some(row) = rows.next().map_err(db_error)? {
            let mut fields = Vec::with_capacity(columns);
            for i in 0..columns {
                fields.push(match row.get_ref(i).map_err(db_error)? {
                    ValueRef::Null => Field::Null,
                    ValueRef::Integer(n) => Field::Plain(n.to_string()),
                    ValueRef::Real(x) => Field::Plain(x.to_string()),
                    // The schema is STRICT and has no BLOB columns.
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        Field::Text(std::str::from_utf8(t).unwrap_or_default())
                    }
                });
            }
            write_record(&mut out, fields).map_err(io_error)?;
        }
        out.into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| file.sync_all())
            .map_err(io_error)?;
        fs::rename(&partial, &path).map_err(io_error)
    }
}

/// One CSV field before quoting.
enum Field<'a> {
    Null,
    /// Numbers: never quoted.
    Plain(String),
    Text(&'a str),
}

/// Writes one record: RFC 4180 quoting, CRLF. NULL is an empty field and the empty string is
/// `""`, which is how PostgreSQL's `COPY ... CSV` tells them apart.
fn write_record<'a>(
    out: &mut impl Write,
    fields: impl IntoIterator<Item = Field<'a>>,
) -> io::Result<()> {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        match field {
            Field::Null => {}
            Field::Plain(s) => out.write_all(s.as_bytes())?,
            Field::Text(s) if s.is_empty() || s.contains([',', '"', '\r', '\n']) => {
                out.write_all(b"\"")?;
                out.write_all(s.replace('"', "\"\"").as_bytes())?;
                out.write_all(b"\"")?;
            }
            Field::Text(s) => out.write_all(s.as_bytes())?,
        }
    }
    out.write_all(b"\r\n")
}

impl Tables for CsvSink {
    fn write_batch(
        &mut self,
        docs: &[DocumentOutput],
        entities: &[EntityRow],
        aliases: &[AliasRow],
    ) -> Result<(), Error> {
        self.db.write_batch(docs, entities, aliases)
    }

    fn finish(&mut self) -> Result<SinkStats, Error> {
        let stats = self.db.finish()?;
        for (table, order) in TABLES {
            self.export(table, order)?;
        }
        Ok(stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        let rows: [(&str, Vec<Field>, &str); 4] = [
            (
                "plain",
                vec![Field::Text("a"), Field::Plain("1".into())],
                "a,1\r\n",
            ),
            (
                "null and empty",
                vec![Field::Null, Field::Text("")],
                ",\"\"\r\n",
            ),
            (
                "comma and quote",
                vec![Field::Text("a,b"), Field::Text("say \"hi\"")],
                "\"a,b\",\"say \"\"hi\"\"\"\r\n",
            ),
            (
                "line breaks",
                vec![Field::Text("a\nb\r\nc")],
                "\"a\nb\r\nc\"\r\n",
            ),
        ];
        for (name, fields, want) in rows {
            let mut out = Vec::new();
            write_record(&mut out, fields).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want, "{name}");
        }
    }
}
