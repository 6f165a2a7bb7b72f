//! Streaming documents from inputs: files in the order given, folders recursively in sorted
//! path order, stdin; each file read in bounded lines, so one huge line is refused without
//! being held in memory.

use super::jsonl::{check_text, parse_line};
use super::{Document, Input, Item, Problem, ReadOptions};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Streams documents from inputs, in order: files in the order given, folders recursively
/// in sorted path order.
pub struct Reader {
    pending: VecDeque<Source>,
    current: Option<Lines>,
    opts: ReadOptions,
    /// Bytes of input consumed so far (uncompressed for gzip), shared with whoever shows
    /// progress while the reader is busy in another stage.
    bytes_read: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// The ids read so far, to report a second document with one.
    ids: SeenIds,
    /// The .txt file read last (its documents have no line).
    last_txt: String,
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
    /// Reported when the lines run out: a damaged gzip member where reading stopped.
    damage: Option<Problem>,
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

/// The inputs' files in reading order. A file or folder reached twice by its real path
/// (a symbolic link back into a folder being read, a link to a file already listed) is
/// read once and the second path reported; FIFOs, sockets and devices are skipped with a
/// warning, since reading one may block forever.
#[derive(Default)]
struct Walk {
    out: VecDeque<Source>,
    seen: std::collections::HashSet<PathBuf>,
}

impl Walk {
    fn warn(&mut self, path: &Path, message: String, failed: bool) {
        self.out.push_back(Source::Bad(Problem {
            location: path.display().to_string(),
            message,
            failed,
        }));
    }

    fn path(&mut self, path: &Path, top: bool) {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.warn(path, format!("cannot read: {e}"), true),
        };
        let file_type = meta.file_type();
        if !file_type.is_dir() && !file_type.is_file() {
            let why = "not a regular file (a FIFO, socket or device): skipped, since reading it \
                       may never end; pipe it to stdin with `-` instead";
            return self.warn(path, why.into(), false);
        }
        let listed = file_type.is_dir() || is_jsonl(path).is_some() || top || is_txt(path);
        if !listed {
            return;
        }
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.seen.insert(real.clone()) {
            let why = format!(
                "already read as {} (a symbolic link to it, or a loop): skipped",
                real.display()
            );
            return self.warn(path, why, false);
        }
        if file_type.is_dir() {
            self.folder(path);
        } else if let Some(gz) = is_jsonl(path) {
            self.out.push_back(Source::Jsonl(path.to_path_buf(), gz));
        } else {
            // A file named on the command line is read as text whatever its extension;
            // inside folders only .txt files are documents.
            self.out.push_back(Source::Txt(path.to_path_buf()));
        }
    }

    fn folder(&mut self, path: &Path) {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => return self.warn(path, format!("cannot list folder: {e}"), true),
        };
        entries.sort();
        for p in entries {
            self.path(&p, false);
        }
    }
}

fn is_txt(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "txt")
}

impl Reader {
    /// A reader over `inputs`; no input means JSONL on stdin.
    pub fn new(inputs: &[Input], opts: ReadOptions) -> Self {
        let mut walk = Walk::default();
        if inputs.is_empty() {
            walk.out.push_back(Source::Stdin);
        }
        for i in inputs {
            match i {
                Input::Stdin => walk.out.push_back(Source::Stdin),
                Input::Path(p) => walk.path(p, true),
            }
        }
        Reader {
            pending: walk.out,
            current: None,
            opts,
            bytes_read: Default::default(),
            ids: SeenIds::default(),
            last_txt: String::new(),
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
        let limit = self.opts.max_bytes as u64;
        // Sized from the file's length, not grown by doubling: a long document would leave
        // every smaller buffer of the doubling behind, resident, until the allocator purges.
        let size = file.metadata().map_or(0, |m| m.len()).min(limit + 1);
        let mut bytes = Vec::with_capacity(size as usize + 1);
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
            Ok(text) => {
                let doc = Document {
                    date: self.opts.date,
                    ..Document::new(stem, text)
                };
                check_text(doc, || label)
            }
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
        let mut damage = None;
        let reader: Box<dyn BufRead + Send> = if gz {
            // Only the members before the first bad one are read (see `gzip.rs`).
            let good = super::gzip::good_prefix(path).map_err(|e| Problem {
                location: label.clone(),
                message: format!("cannot read: {e}"),
                failed: true,
            })?;
            damage = good.damage.map(|message| Problem {
                location: label.clone(),
                message,
                failed: true,
            });
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::read::MultiGzDecoder::new(BufReader::new(file)).take(good.bytes),
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
            damage,
        })
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

    /// The next document, or a problem; a document whose id an earlier one has is a
    /// failed one (both locations named), so every output keeps the first.
    fn next(&mut self) -> Option<Item> {
        let item = self.next_item()?;
        let Item::Doc(doc, _) = &item else {
            return Some(item);
        };
        let here = match &self.current {
            Some(lines) => (lines.label.as_str(), lines.line),
            None => (self.last_txt.as_str(), 0),
        };
        match self.ids.first(&doc.id, here) {
            None => Some(item),
            Some(first) => Some(Item::Bad(Problem {
                location: location(here),
                message: format!(
                    "duplicate id {:?} (first at {first}): document skipped; give each \
                     document its own id",
                    doc.id
                ),
                failed: true,
            })),
        }
    }
}

/// `file:line`, or `file` for a whole-file document (line 0).
fn location((label, line): (&str, usize)) -> String {
    match line {
        0 => label.to_string(),
        n => format!("{label}:{n}"),
    }
}

/// The ids read so far, each with where it was first read: kept as a 128-bit hash and a
/// file number, so a run over millions of documents holds a few dozen bytes for each.
#[derive(Default)]
struct SeenIds {
    first: std::collections::HashMap<u128, (u32, u32)>,
    files: Vec<String>,
}

impl SeenIds {
    /// Records `id` as read at `here`; if it was read before, where.
    fn first(&mut self, id: &str, here: (&str, usize)) -> Option<String> {
        use std::hash::{Hash, Hasher};
        let half = |salt: u8| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (salt, id).hash(&mut h);
            h.finish()
        };
        let key = (u128::from(half(0)) << 64) | u128::from(half(1));
        if self.files.last().is_none_or(|f| f != here.0) {
            self.files.push(here.0.to_string());
        }
        let at = ((self.files.len() - 1) as u32, here.1 as u32);
        let (file, line) = *self.first.entry(key).or_insert(at);
        ((file, line) != at).then(|| location((&self.files[file as usize], line as usize)))
    }
}

impl Reader {
    fn next_item(&mut self) -> Option<Item> {
        loop {
            if let Some(lines) = self.current.as_mut() {
                match read_line_bounded(lines.reader.as_mut(), &mut lines.buf, self.opts.max_bytes)
                {
                    Ok((0, _)) => {
                        let damage = lines.damage.take();
                        self.current = None;
                        match damage {
                            Some(p) => return Some(Item::Bad(p)),
                            None => continue,
                        }
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
                        let line = match lines.line {
                            1 => crate::text::bytes_without_bom(&lines.buf),
                            _ => &lines.buf,
                        };
                        let item =
                            parse_line(line, &self.opts.fields, self.opts.date, location, stem);
                        // The document holds its own copy of a long line's text: the buffer
                        // is given back rather than kept at that size beside it.
                        if lines.buf.capacity() > 1 << 20 {
                            lines.buf = Vec::new();
                        }
                        return Some(item);
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
                Source::Txt(p) => {
                    self.last_txt = p.display().to_string();
                    return Some(self.read_txt(&p));
                }
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
                        damage: None,
                    })
                }
                Source::Bad(p) => return Some(Item::Bad(p)),
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
