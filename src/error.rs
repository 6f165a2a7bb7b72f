//! Errors a user can act on. Only loading and I/O fail; running the pipeline on a document
//! never does (odd text is data).

use std::path::PathBuf;

/// Everything that can stop a load or a run.
#[derive(Debug, thiserror::Error)]
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
    /// A database or CSV sink failed.
    #[error("{0}")]
    Sink(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
