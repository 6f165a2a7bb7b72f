//! Documents and the readers that stream them from .txt files, JSONL (plain or gzip),
//! folders and stdin. Reading never stops at a bad document: each problem becomes an
//! [`Item::Bad`] naming the file and line, and the stream goes on.

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Document id (file stem, or the JSONL id field).
    pub id: String,
    /// The original text.
    pub text: String,
    /// The feed the document came from, when the input names one.
    pub source: Option<String>,
}

impl Document {
    /// A document with no source.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            source: None,
        }
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
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            text: "text".into(),
            source: "source".into(),
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
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            fields: Fields::default(),
            max_bytes: 64 << 20,
        }
    }
}

/// Streams documents from inputs, in order: files in the order given, folders recursively
/// in sorted path order.
pub struct Reader {
    pending: VecDeque<Source>,
    current: Option<Lines>,
    opts: ReadOptions,
    /// Bytes of input consumed so far (uncompressed for gzip), shared with whoever shows
    /// progress while the reader is busy in another stage.
    bytes_read: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

enum Source {
    Txt(PathBuf),
    Jsonl(PathBuf, bool),
    Stdin,
    Bad(Problem),
}

struct Lines {
    reader: Box<dyn BufRead + Send>,
    label: String,
    stem: String,
    line: usize,
    buf: Vec<u8>,
}

fn is_jsonl(p: &Path) -> Option<bool> {
    let name = p.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
        Some(true)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(false)
    } else {
        None
    }
}

fn walk(path: &Path, out: &mut VecDeque<Source>, top: bool) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.push_back(Source::Bad(Problem {
                location: path.display().to_string(),
                message: format!("cannot read: {e}"),
                failed: true,
            }));
            return;
        }
    };
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                out.push_back(Source::Bad(Problem {
                    location: path.display().to_string(),
                    message: format!("cannot list folder: {e}"),
                    failed: true,
                }));
                return;
            }
        };
        entries.sort();
        for p in entries {
            walk(&p, out, false);
        }
    } else if let Some(gz) = is_jsonl(path) {
        out.push_back(Source::Jsonl(path.to_path_buf(), gz));
    } else if top || path.extension().is_some_and(|x| x == "txt") {
        // A file named on the command line is read as text whatever its extension; inside
        // folders only .txt files are documents.
        out.push_back(Source::Txt(path.to_path_buf()));
    }
}

impl Reader {
    /// A reader over `inputs`; no input means JSONL on stdin.
    pub fn new(inputs: &[Input], opts: ReadOptions) -> Self {
        let mut pending = VecDeque::new();
        if inputs.is_empty() {
            pending.push_back(Source::Stdin);
        }
        for i in inputs {
            match i {
                Input::Stdin => pending.push_back(Source::Stdin),
                Input::Path(p) => walk(p, &mut pending, true),
            }
        }
        Reader {
            pending,
            current: None,
            opts,
            bytes_read: Default::default(),
        }
    }

    /// A counter of input bytes consumed, for a progress bar.
    pub fn progress(&self) -> std::sync::Arc<std::sync::atomic::AtomicU64> {
        self.bytes_read.clone()
    }

    fn add_consumed(&self, n: usize) {
        self.bytes_read
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
    }

    /// Total size in bytes of the file inputs (for progress), when known.
    pub fn total_bytes(&self) -> Option<u64> {
        let mut total = 0;
        for s in &self.pending {
            match s {
                Source::Txt(p) | Source::Jsonl(p, false) => {
                    total += std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
                }
                // Progress counts uncompressed bytes: a gzip input's size says nothing.
                Source::Jsonl(_, true) => return None,
                Source::Stdin => return None,
                Source::Bad(_) => {}
            }
        }
        Some(total)
    }

    fn read_txt(&mut self, path: &Path) -> Item {
        let label = path.display().to_string();
        let stem = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = stem.strip_suffix(".txt").unwrap_or(&stem).to_string();
        let bad = |message: String| {
            Item::Bad(Problem {
                location: label.clone(),
                message,
                failed: true,
            })
        };
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return bad(format!("cannot read: {e}")),
        };
        let mut bytes = Vec::new();
        let limit = self.opts.max_bytes as u64;
        if let Err(e) = file.take(limit + 1).read_to_end(&mut bytes) {
            return bad(format!("cannot read: {e}"));
        }
        self.add_consumed(bytes.len());
        if bytes.len() as u64 > limit {
            return bad(format!(
                "document is larger than {} bytes (raise --max-doc-bytes to read it)",
                self.opts.max_bytes
            ));
        }
        match String::from_utf8(bytes) {
            Ok(text) => check_text(Document::new(stem, text), || label),
            Err(e) => bad(format!(
                "invalid UTF-8 at byte {} (convert the file to UTF-8)",
                e.utf8_error().valid_up_to()
            )),
        }
    }

    fn open_jsonl(&mut self, path: &Path, gz: bool) -> Result<Lines, Problem> {
        let label = path.display().to_string();
        let file = File::open(path).map_err(|e| Problem {
            location: label.clone(),
            message: format!("cannot read: {e}"),
            failed: true,
        })?;
        let reader: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::read::MultiGzDecoder::new(BufReader::new(file)),
            ))
        } else {
            Box::new(BufReader::with_capacity(1 << 16, file))
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name.split('.').next().unwrap_or("").to_string();
        Ok(Lines {
            reader,
            label,
            stem,
            line: 0,
            buf: Vec::new(),
        })
    }
}

/// Empty documents are refused: they are usually a broken export, worth a warning.
fn check_text(doc: Document, location: impl FnOnce() -> String) -> Item {
    if doc.text.trim().is_empty() {
        Item::Bad(Problem {
            location: location(),
            message: format!("document {:?} is empty", doc.id),
            failed: true,
        })
    } else {
        Item::Doc(doc, None)
    }
}

/// Reads one line of at most `max` bytes into `buf`; a longer line is consumed and reported
/// as too long without being held in memory. Returns the bytes consumed (0 at end).
fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<(usize, bool)> {
    buf.clear();
    let mut consumed = 0;
    let mut too_long = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok((consumed, too_long));
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > max + 1 {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        r.consume(take);
        consumed += take;
        if done {
            return Ok((consumed, too_long));
        }
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(lines) = self.current.as_mut() {
                match read_line_bounded(lines.reader.as_mut(), &mut lines.buf, self.opts.max_bytes)
                {
                    Ok((0, _)) => {
                        self.current = None;
                        continue;
                    }
                    Ok((n, too_long)) => {
                        self.bytes_read
                            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
                        lines.line += 1;
                        let location = || format!("{}:{}", lines.label, lines.line);
                        if too_long {
                            return Some(Item::Bad(Problem {
                                location: location(),
                                message: format!(
                                    "line is longer than {} bytes (raise --max-doc-bytes to read it)",
                                    self.opts.max_bytes
                                ),
                                failed: true,
                            }));
                        }
                        if lines.buf.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        let stem = || format!("{}:{}", lines.stem, lines.line);
                        return Some(parse_line(&lines.buf, &self.opts.fields, location, stem));
                    }
                    Err(e) => {
                        let location = format!("{}:{}", lines.label, lines.line + 1);
                        self.current = None;
                        return Some(Item::Bad(Problem {
                            location,
                            message: format!("cannot read further: {e}"),
                            failed: true,
                        }));
                    }
                }
            }
            match self.pending.pop_front()? {
                Source::Txt(p) => return Some(self.read_txt(&p)),
                Source::Jsonl(p, gz) => match self.open_jsonl(&p, gz) {
                    Ok(l) => self.current = Some(l),
                    Err(problem) => return Some(Item::Bad(problem)),
                },
                Source::Stdin => {
                    self.current = Some(Lines {
                        reader: Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
                        label: "<stdin>".into(),
                        stem: "stdin".into(),
                        line: 0,
                        buf: Vec::new(),
                    })
                }
                Source::Bad(p) => return Some(Item::Bad(p)),
            }
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

/// Every readable document of a file or folder, in order; unreadable ones are skipped.
/// For benches and tests: a run uses [`Reader`] directly and reports what it skips.
pub fn read_documents(path: &Path) -> Vec<Document> {
    Reader::new(&[Input::Path(path.to_path_buf())], ReadOptions::default())
        .filter_map(|i| match i {
            Item::Doc(d, _) => Some(d),
            Item::Bad(_) => None,
        })
        .collect()
}

/// Parses one JSONL line into a document. `location` ("file:line") and `fallback_id` (the
/// id of a document without one) are made only when needed: this runs for every line.
pub fn parse_line(
    bytes: &[u8],
    fields: &Fields,
    location: impl Fn() -> String,
    fallback_id: impl Fn() -> String,
) -> Item {
    let bad = |message: String| {
        Item::Bad(Problem {
            location: location(),
            message,
            failed: true,
        })
    };
    let line = match std::str::from_utf8(bytes) {
        Ok(line) => line,
        Err(e) => {
            return bad(format!(
                "invalid UTF-8 at byte {} of the line (the file must be UTF-8)",
                e.valid_up_to()
            ));
        }
    };
    // From the checked `str`, so serde_json does not check each string's UTF-8 again.
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = LineSeed { fields }.deserialize(&mut de).and_then(|v| {
        de.end()?;
        Ok(v)
    });
    let (id, text, source) = match parsed {
        Ok(v) => v,
        Err(e) => return bad(format!("malformed JSON: {e}")),
    };
    let Some(text) = text else {
        return bad(format!(
            "missing field {:?} (choose the text field with --text-field)",
            fields.text
        ));
    };
    let (id, warning) = match id {
        Some(id) => (id, None),
        None => (
            fallback_id(),
            Some(Problem {
                location: location(),
                message: format!(
                    "missing field {:?}; using id {:?} (choose the id field with --id-field)",
                    fields.id,
                    fallback_id()
                ),
                failed: false,
            }),
        ),
    };
    match check_text(Document { id, text, source }, &location) {
        Item::Doc(d, _) => Item::Doc(d, warning),
        bad => bad,
    }
}

type LineValue = (Option<String>, Option<String>, Option<String>);

/// Picks the configured fields out of a JSON object and skips the rest unparsed.
struct LineSeed<'a> {
    fields: &'a Fields,
}

impl<'de> DeserializeSeed<'de> for LineSeed<'_> {
    type Value = LineValue;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<LineValue, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for LineSeed<'_> {
    type Value = LineValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with the document's fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LineValue, A::Error> {
        let (mut id, mut text, mut source) = (None, None, None);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.fields.id {
                id = map.next_value::<Scalar>()?.0;
            } else if key == self.fields.text {
                text = map.next_value::<Option<String>>()?;
            } else if key == self.fields.source {
                source = map.next_value::<Scalar>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok((id, text, source))
    }
}

/// A string or number field read as a string (ids are often numbers).
struct Scalar(Option<String>);

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(Scalar(Some(s))),
            serde_json::Value::Number(n) => Ok(Scalar(Some(n.to_string()))),
            serde_json::Value::Null => Ok(Scalar(None)),
            other => Err(serde::de::Error::custom(format!(
                "expected a string or number, found {other}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> Item {
        parse_line(
            s.as_bytes(),
            &Fields::default(),
            || "f.jsonl:3".into(),
            || "f:3".into(),
        )
    }

    #[test]
    fn jsonl_lines() {
        match line(r#"{"id": 7, "text": "Baghdad", "source": "wire", "x": [1, {"y": 2}]}"#) {
            Item::Doc(d, None) => {
                assert_eq!(d.id, "7");
                assert_eq!(d.source.as_deref(), Some("wire"));
            }
            other => panic!("{other:?}"),
        }
        let rows = [
            (r#"{"id": "a", "text": "#, "malformed JSON"),
            (r#"{"id": "a"}"#, "missing field \"text\""),
            (r#"{"id": "a", "text": "  "}"#, "is empty"),
            (r#"[1, 2]"#, "malformed JSON"),
            (r#"{"id": "a", "text": "x"} trailing"#, "malformed JSON"),
        ];
        for (input, want) in rows {
            match line(input) {
                Item::Bad(p) => {
                    assert!(p.message.contains(want), "{input}: {p}");
                    assert_eq!(p.location, "f.jsonl:3");
                }
                other => panic!("{input}: {other:?}"),
            }
        }
        match parse_line(
            b"{\"text\": \"\xff\"}",
            &Fields::default(),
            || "f:1".into(),
            || "f:1".into(),
        ) {
            Item::Bad(p) => assert!(p.message.contains("invalid UTF-8")),
            other => panic!("{other:?}"),
        }
        match line(r#"{"text": "Baghdad"}"#) {
            Item::Doc(d, Some(w)) => {
                assert_eq!(d.id, "f:3");
                assert!(!w.failed);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn long_lines_are_not_held() {
        let data = format!("{}\nshort\n", "x".repeat(100));
        let mut r = std::io::Cursor::new(data.into_bytes());
        let mut buf = Vec::new();
        let (n, long) = read_line_bounded(&mut r, &mut buf, 10).unwrap();
        assert_eq!((n, long, buf.len()), (101, true, 0));
        let (n, long) = read_line_bounded(&mut r, &mut buf, 10).unwrap();
        assert_eq!((n, long, buf.as_slice()), (6, false, &b"short\n"[..]));
    }
}
