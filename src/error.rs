//! Errors a user can act on: one enum for the whole crate. Only loading, I/O and the
//! databases fail; running the pipeline on a document never does (odd text is data).
//! Underlying errors (I/O, SQLite, PostgreSQL, the thread pool) are kept as sources.

use std::path::PathBuf;

/// Everything that can stop a load or a run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A gazetteer row or header is broken; `location` is `file:line`.
    #[error("{location}: {message}")]
    Gazetteer {
        /// `file:line` of the broken row.
        location: String,
        /// What is wrong, and how to fix it.
        message: String,
    },
    /// Several gazetteer rows are broken; every one is listed.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Many(Vec<Error>),
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// An output of a run could not be written: a full disk, a closed pipe, a lost mount.
    /// Everything written to that output after the last complete record may be lost.
    #[error("cannot write {output} to {}: {source}", path.display())]
    Write {
        /// What was being written: "mentions", "entities", "variants", "the review list".
        output: &'static str,
        /// The file, or `<stdout>`.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A prebuilt gazetteer index cannot be used: damaged, cut short, not an index, or
    /// built by another build of gazette.
    #[error("{}: cannot use this gazetteer index: {message}", path.display())]
    Index {
        /// The index file.
        path: PathBuf,
        /// What is wrong, and what to do.
        message: String,
    },
    /// The gazetteer automaton could not be built.
    #[error("cannot compile the gazetteer automaton: {0}")]
    Automaton(String),
    /// A malformed input file for eval or import; `location` is `file:line`.
    #[error("{location}: {message}")]
    Input {
        /// `file:line`.
        location: String,
        /// What is wrong.
        message: String,
    },
    /// The worker threads could not be started.
    #[error("cannot start {threads} threads: {source}")]
    Threads {
        /// The number asked for (0: one per core).
        threads: usize,
        /// What rayon reported.
        source: rayon::ThreadPoolBuildError,
    },
    /// The SQLite file could not be opened or created.
    #[error("cannot open sqlite database {}: {source}{}", path.display(), open_hint(source))]
    SqliteOpen {
        /// The database file.
        path: PathBuf,
        /// What SQLite reported.
        source: rusqlite::Error,
    },
    /// The SQLite file was deleted or replaced while a run wrote into it (its folder removed,
    /// say): SQLite writes on into the deleted file, so the rows would be lost.
    #[error(
        "sqlite database {}: the file was deleted or replaced during the run, so the rows written into it are lost; run again into a file that stays",
        path.display()
    )]
    SqliteGone {
        /// The database file.
        path: PathBuf,
    },
    /// Reading or writing the SQLite database failed.
    #[error("sqlite database {}: {source}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What SQLite reported.
        source: rusqlite::Error,
    },
    /// The PostgreSQL server could not be reached, or refused the connection.
    #[error("cannot connect to postgresql database {url}: {}", pg_message(source))]
    PostgresConnect {
        /// The connection URL, password hidden.
        url: String,
        /// What the client or server reported.
        source: postgres::Error,
    },
    /// Reading or writing the PostgreSQL database failed.
    #[error("postgresql database {url}: {}", pg_message(source))]
    Postgres {
        /// The connection URL, password hidden.
        url: String,
        /// What the client or server reported.
        source: postgres::Error,
    },
    /// A CSV output file or directory could not be created or written.
    #[error("csv output {}: {source}", path.display())]
    Csv {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },
    /// The database target looks like a URL of an unsupported kind.
    #[error(
        "unsupported database {target:?}: give postgres://user@host/dbname or the path of a sqlite file"
    )]
    UnsupportedTarget {
        /// The target as given, password hidden.
        target: String,
    },
    /// A mention or alias refers to an entity that the batch does not carry.
    #[error(
        "document {document}: entity {entity} is referred to but not among the batch's entities"
    )]
    UnknownEntity {
        /// The document whose mention refers to the entity, or "(aliases)".
        document: String,
        /// The entity id.
        entity: String,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A failed write of `output` to `path`.
    pub fn write(output: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write {
            output,
            path: path.into(),
            source,
        }
    }

    /// Is this a write to a closed pipe (`gazette extract ... | head`)?
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Io { source, .. } | Error::Write { source, .. } => {
                source.kind() == std::io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }
}

/// What to check when SQLite cannot open a file at all.
fn open_hint(error: &rusqlite::Error) -> &'static str {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::CannotOpen) => {
            " (check that the directory exists and is writable)"
        }
        _ => "",
    }
}

/// The whole of a PostgreSQL error on one line. The client's own message is only its kind
/// ("db error", "error connecting to server"); what to act on is in the server's message or in
/// the underlying cause.
fn pg_message(error: &postgres::Error) -> String {
    if let Some(db) = error.as_db_error() {
        let mut message = db.message().to_owned();
        if let Some(detail) = db.detail() {
            message = format!("{message} ({detail})");
        }
        if let Some(hint) = db.hint() {
            message = format!("{message} (hint: {hint})");
        }
        return message;
    }
    let mut message = error.to_string();
    let mut lost = error.is_closed();
    let mut cause = std::error::Error::source(error);
    while let Some(e) = cause {
        message = format!("{message}: {e}");
        lost |= e
            .downcast_ref::<std::io::Error>()
            .is_some_and(connection_went);
        cause = e.source();
    }
    if lost {
        // Whether the server's goodbye or the reset arrives first is a race: say the same
        // thing either way.
        message = format!("the connection to the server was lost ({message})");
    }
    message
}

/// Whether an I/O error means the other side closed the connection.
fn connection_went(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        error.kind(),
        ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof
    )
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
