//! Documents and the readers that stream them from .txt files, JSONL (plain or gzip),
//! folders and stdin (`reader.rs`; one JSONL line is parsed in `jsonl.rs`). Reading never
//! stops at a bad document: each problem becomes an [`Item::Bad`] naming the file and line,
//! and the stream goes on.

mod gzip;
mod jsonl;
mod reader;

pub use reader::{Reader, read_documents};

use crate::date::Date;
use std::fmt;
use std::path::PathBuf;

/// One article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Document id (file stem, or the JSONL id field).
    pub id: String,
    /// The original text.
    pub text: String,
    /// The feed the document came from, when the input names one.
    pub source: Option<String>,
    /// When the document was published, when the input says (its own field, or `--date`):
    /// entities are linked only in documents dated within their lifetimes.
    pub date: Option<Date>,
}

impl Document {
    /// A document with no source.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            source: None,
            date: None,
        }
    }

    /// The same document, dated.
    pub fn with_date(mut self, date: Date) -> Self {
        self.date = Some(date);
        self
    }
}

/// A document that could not be read, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `file:line` or `file`.
    pub location: String,
    /// What is wrong.
    pub message: String,
    /// True when the problem cost a document (false for warnings such as a missing id).
    pub failed: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// What a reader yields.
#[derive(Debug, Clone)]
pub enum Item {
    /// A readable document; it may carry a warning.
    Doc(Document, Option<Problem>),
    /// A document (or file) that could not be read.
    Bad(Problem),
}

/// Field names of JSONL input.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Field holding the document id.
    pub id: String,
    /// Field holding the text.
    pub text: String,
    /// Field naming the feed.
    pub source: String,
    /// Field holding the publication date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a timestamp).
    pub date: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            text: "text".into(),
            source: "source".into(),
            date: "date".into(),
        }
    }
}

/// Where documents come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or folder.
    Path(PathBuf),
    /// JSONL on standard input.
    Stdin,
}

/// Reader options.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// JSONL field names.
    pub fields: Fields,
    /// Documents longer than this are refused (they would hold memory hostage).
    pub max_bytes: usize,
    /// The date of every document that has no date field of its own (`--date`).
    pub date: Option<Date>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            fields: Fields::default(),
            max_bytes: 64 << 20,
            date: None,
        }
    }
}

/// Document text can reach the terminal in warnings: keep control characters from acting.
pub fn escape_controls(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// The project's own fixture articles, repeated into `n` documents `d0`, `d1`, …, for the
/// tests that need a stream of real-sized documents.
#[cfg(test)]
pub(crate) fn fixture_docs(n: usize) -> Vec<Document> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/articles")
        .map(|e| e.expect("fixture entry").path())
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture text"))
        .collect();
    (0..n)
        .map(|i| Document::new(format!("d{i}"), texts[i % texts.len()].clone()))
        .collect()
}
