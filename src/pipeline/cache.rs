//! An on-disk cache of what start-up derives from the gazetteer files: the key automaton,
//! candidates, names, entities and the variant index, as sections ([`Lexicon::sections`]);
//! and the same sections as a prebuilt index a user builds once and names (`gazette
//! gazetteer build`, `extract --index`). Each section is read straight into the buffer the
//! lexicon keeps, so a file is never held whole beside what is read from it. Start-up
//! figures are in docs/performance.md.
//!
//! A cache file is named by a hash of everything its contents derive from: this build's
//! source (gazette's own code, the bundled gazetteers and the pinned dependencies, hashed by
//! `build.rs`), whether the bundled gazetteers are loaded, and the label and text of every
//! other gazetteer file. A changed file or a new build therefore finds no file and compiles.
//! Files are written whole and renamed into place, so runs at the same time never read half
//! a file; a damaged file (checksum, encoding or an index out of range) is compiled again.

use crate::error::{Error, Result};
use crate::extract::Lexicon;
use crate::gazetteer::Sources;
use sha2::Digest;
use std::hash::Hasher;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Changed when the layout below changes in a way the build hash would not show.
const FORMAT: u32 = 4;
/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"GZCACHE\n";
/// The first bytes of a prebuilt index.
const INDEX_MAGIC: &[u8; 8] = b"GZINDEX\n";
/// Cache files kept in the folder (other builds, other gazetteer sets); older ones go.
const KEEP: usize = 4;

/// What became of the cache on one start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheUse {
    /// Not asked for.
    Off,
    /// Read from this file.
    Read(PathBuf),
    /// Compiled and written to this file.
    Written(PathBuf),
    /// Compiled; the cache was not used, for this reason.
    Failed(String),
    /// Read from this prebuilt index (`extract --index`).
    Index(PathBuf),
}

/// The cache file name for these sources: `compiled-<sha256>.bin`. The bundled files' text
/// is not hashed here: the build hash covers it.
fn cache_name(sources: &Sources) -> String {
    let mut h = sha2::Sha256::new();
    h.update(b"gazette compiled gazetteers\0");
    h.update(FORMAT.to_le_bytes());
    h.update(env!("GAZETTE_BUILD_HASH").as_bytes());
    h.update((sources.bundled_count() as u64).to_le_bytes());
    for (label, content) in sources.user_files() {
        for part in [label.as_bytes(), content.as_bytes()] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("compiled-{hex}.bin")
}

/// The lexicon of `sources`: from `dir`'s cache file when one fits, else compiled and
/// written there. Problems with the cache never fail the run; they are reported in the
/// [`CacheUse`] and the gazetteers are compiled.
pub(crate) fn load(sources: &Sources, dir: Option<&Path>) -> Result<(Lexicon, CacheUse)> {
    let compile = || Lexicon::build(sources.gazetteer()?);
    let Some(dir) = dir else {
        return Ok((compile()?, CacheUse::Off));
    };
    let path = dir.join(cache_name(sources));
    let mut why = None;
    match read_cache(&path) {
        Ok(read) => match read {
            Ok(lexicon) => return Ok((lexicon, CacheUse::Read(path))),
            Err(e) => {
                why = Some(format!(
                    "{} is damaged ({e}); written again",
                    path.display()
                ))
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => why = Some(format!("cannot read {}: {e}", path.display())),
    }
    let lexicon = compile()?;
    let used = match store(dir, &path, &lexicon) {
        Ok(()) => match why {
            Some(why) => CacheUse::Failed(why),
            None => CacheUse::Written(path),
        },
        Err(e) => CacheUse::Failed(format!("cannot write {}: {e}", path.display())),
    };
    Ok((lexicon, used))
}

/// The cache folder: `$GAZETTE_CACHE_DIR`, else `$XDG_CACHE_HOME/gazette`, else
/// `$HOME/.cache/gazette`; none when none of these is set.
pub(crate) fn default_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    var("GAZETTE_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| var("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("gazette")))
        .or_else(|| var("HOME").map(|d| PathBuf::from(d).join(".cache/gazette")))
}

/// The checksum of a file's sections: of each one's bytes and length, in order.
fn checksum(sections: &[impl AsRef<[u8]>]) -> u64 {
    let mut all = rustc_hash::FxHasher::default();
    for section in sections {
        let section = section.as_ref();
        let mut h = rustc_hash::FxHasher::default();
        h.write(section);
        h.write_usize(section.len());
        all.write_u64(h.finish());
    }
    all.write_usize(sections.len());
    all.finish()
}

/// Which kind of file a frame is: its magic, and whether it names the build.
#[derive(Clone, Copy)]
enum Kind {
    Cache,
    Index,
}

impl Kind {
    fn magic(self) -> &'static [u8; 8] {
        match self {
            Kind::Cache => MAGIC,
            Kind::Index => INDEX_MAGIC,
        }
    }
}

/// Writes a file: magic, format, (for an index) the build hash's length and bytes, the
/// checksum of the sections, their count, then each section as its length and bytes.
/// Returns the bytes written.
fn write_frame(
    w: &mut impl Write,
    kind: Kind,
    sections: &[impl AsRef<[u8]>],
) -> std::io::Result<u64> {
    let mut head = kind.magic().to_vec();
    head.extend_from_slice(&FORMAT.to_le_bytes());
    if let Kind::Index = kind {
        let build = env!("GAZETTE_BUILD_HASH").as_bytes();
        head.extend_from_slice(&(build.len() as u32).to_le_bytes());
        head.extend_from_slice(build);
    }
    head.extend_from_slice(&checksum(sections).to_le_bytes());
    head.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    w.write_all(&head)?;
    let mut written = head.len() as u64;
    for section in sections {
        let section = section.as_ref();
        w.write_all(&(section.len() as u64).to_le_bytes())?;
        w.write_all(section)?;
        written += 8 + section.len() as u64;
    }
    Ok(written)
}

/// Reads a file [`write_frame`] wrote, `size` bytes long, section by section: each is read
/// straight into its own buffer, which the lexicon then keeps (the file is never held
/// whole next to what is decoded from it).
fn read_frame(r: &mut impl Read, size: u64, kind: Kind) -> std::result::Result<Lexicon, String> {
    let mut reader = Framed { r, left: size };
    let magic = reader.take(8).map_err(|_| not_ours(kind))?;
    if magic != kind.magic() {
        return Err(not_ours(kind));
    }
    if reader.u32()? != FORMAT {
        return Err("written in another format".into());
    }
    if let Kind::Index = kind {
        let len = reader.u32()? as usize;
        let build = reader.take(len)?;
        if build != env!("GAZETTE_BUILD_HASH").as_bytes() {
            return Err(
                "built by another build of gazette, which may compile names differently".into(),
            );
        }
    }
    let sum = reader.u64()?;
    let count = reader.u32()?;
    let sections = (0..count)
        .map(|_| {
            let len = reader.u64()?;
            reader.take(usize::try_from(len).map_err(|_| "damaged: cut short".to_string())?)
        })
        .collect::<std::result::Result<Vec<_>, String>>()?;
    if reader.left != 0 || sum != checksum(&sections) {
        return Err("damaged: checksum mismatch".into());
    }
    Lexicon::from_sections(sections).map_err(|e| format!("damaged: {e}"))
}

fn not_ours(kind: Kind) -> String {
    match kind {
        Kind::Cache => "not a gazette cache file".into(),
        Kind::Index => "not a gazette index".into(),
    }
}

/// A reader that knows how many bytes are left, so that no length read from a damaged
/// file can ask for more memory than the file holds.
struct Framed<'r, R> {
    r: &'r mut R,
    left: u64,
}

impl<R: Read> Framed<'_, R> {
    fn take(&mut self, n: usize) -> std::result::Result<Vec<u8>, String> {
        let cut = || "damaged: cut short".to_string();
        if n as u64 > self.left {
            return Err(cut());
        }
        let mut buf = vec![0; n];
        self.r.read_exact(&mut buf).map_err(|_| cut())?;
        self.left -= n as u64;
        Ok(buf)
    }

    fn u32(&mut self) -> std::result::Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> std::result::Result<u64, String> {
        let b = self.take(8)?;
        let mut a = [0; 8];
        a.copy_from_slice(&b);
        Ok(u64::from_le_bytes(a))
    }
}

/// A cache file's bytes (for tests).
#[cfg(test)]
fn encode(lexicon: &Lexicon) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let sections = lexicon.sections().map_err(std::io::Error::other)?;
    write_frame(&mut out, Kind::Cache, &sections)?;
    Ok(out)
}

/// A lexicon from a cache file's bytes (for tests).
#[cfg(test)]
fn decode(bytes: &[u8]) -> std::result::Result<Lexicon, String> {
    read_frame(&mut &bytes[..], bytes.len() as u64, Kind::Cache)
}

/// A lexicon from the cache file at `path`.
fn read_cache(path: &Path) -> std::io::Result<std::result::Result<Lexicon, String>> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    Ok(read_frame(&mut file, size, Kind::Cache))
}

/// Writes the file under a temporary name and renames it into place, then removes all but
/// the [`KEEP`] newest cache files.
fn store(dir: &Path, path: &Path, lexicon: &Lexicon) -> std::io::Result<()> {
    let sections = lexicon.sections().map_err(std::io::Error::other)?;
    std::fs::create_dir_all(dir)?;
    write_whole(dir, path, |w| write_frame(w, Kind::Cache, &sections))?;
    prune(dir);
    Ok(())
}

/// Writes a file with `write` under a temporary name in `dir` and renames it to `path`, so
/// that no reader ever sees half a file; the temporary file is removed on failure.
fn write_whole<T>(
    dir: &Path,
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let tmp = dir.join(format!(".gazette.{}.{}.tmp", std::process::id(), unique()));
    let written = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = std::io::BufWriter::new(f);
        let out = write(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&tmp, path)?;
        Ok(out)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// A number no other store of this process uses (threads may store at the same time).
fn unique() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("compiled-") && name.ends_with(".bin")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    for (_, old) in files.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(old);
    }
}

/// Writes `lexicon` to `path` as a prebuilt index: the cache's sections behind their own
/// magic and this build's hash, written whole and renamed into place. Returns the file's
/// size.
pub(crate) fn write_index(lexicon: &Lexicon, path: &Path) -> Result<u64> {
    let sections = lexicon.sections().map_err(|e| Error::Index {
        path: path.to_path_buf(),
        message: format!("cannot encode it: {e}"),
    })?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    write_whole(dir, path, |w| write_frame(w, Kind::Index, &sections))
        .map_err(|e| Error::io(path, e))
}

/// Reads a prebuilt index written by [`write_index`]. Fails with a message saying what to
/// do on a file that is no index, is damaged, or was built by another build of gazette
/// (whose compiled names may differ from what this build would compile).
pub(crate) fn read_index(path: &Path) -> Result<Lexicon> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    read_frame(&mut file, size, Kind::Index).map_err(|e| Error::Index {
        path: path.to_path_buf(),
        message: format!("{e} (build it again with `gazette gazetteer build`)"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::extract::{Finders, extract};

    fn fixture_text() -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixtures/articles")
            .map(|e| e.expect("entry").path())
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("fixture"))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// Mentions of the fixtures as records, through the stages on `lexicon`.
    fn records(lexicon: &Lexicon) -> Vec<crate::record::MentionRecord> {
        let doc = Document::new("all", fixture_text());
        let finders = Finders {
            variants: true,
            discovery: true,
            evidence: true,
        };
        extract(lexicon, &doc.text, doc.date, finders, None).records(&doc)
    }

    fn compile(sources: &Sources) -> Lexicon {
        Lexicon::build(sources.gazetteer().expect("parses")).expect("compiles")
    }

    #[test]
    fn a_decoded_cache_extracts_exactly_what_compiling_does() {
        let lexicon = compile(&Sources::bundled());
        let bytes = encode(&lexicon).expect("encodes");
        let decoded = decode(&bytes).expect("decodes");
        let (a, b) = (records(&lexicon), records(&decoded));
        assert!(a.len() > 300, "the fixtures should hold mentions");
        assert!(a == b, "output differs");
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let bytes = encode(&compile(&Sources::bundled())).expect("encodes");
        // Cut short anywhere, and one byte changed at spread-out places: the checksum or
        // the decoder catches each.
        for len in (0..bytes.len()).step_by(bytes.len() / 97) {
            assert!(decode(&bytes[..len]).is_err(), "cut at {len}");
        }
        for at in (0..bytes.len()).step_by(bytes.len() / 89) {
            let mut bad = bytes.clone();
            bad[at] ^= 0x5a;
            assert!(decode(&bad).is_err(), "byte {at} changed");
        }
    }

    #[test]
    fn indexes_out_of_range_are_caught_after_a_good_checksum() {
        let mut lexicon = compile(&Sources::bundled());
        lexicon.break_an_index_for_test();
        let bytes = encode(&lexicon).expect("encodes");
        let err = decode(&bytes).err().expect("rejected");
        assert!(err.contains("indexes"), "{err}");
    }

    #[test]
    fn names_differ_with_the_user_files_and_their_labels() {
        let dir = tempfile::tempdir().expect("tempdir");
        let row = "id\ttype\tcanonical\nx:1\tORG\tAcme Widgets\n";
        let a = dir.path().join("a.tsv");
        std::fs::write(&a, row).expect("write");
        let name = |extra: &[PathBuf], no_bundled| {
            cache_name(&Sources::read(extra, no_bundled).expect("reads"))
        };
        let bundled = name(&[], false);
        let with_a = name(std::slice::from_ref(&a), false);
        assert_ne!(bundled, with_a);
        assert_ne!(with_a, name(std::slice::from_ref(&a), true));
        assert_eq!(with_a, name(std::slice::from_ref(&a), false));
        std::fs::write(&a, row.replace("Widgets", "Gadgets")).expect("write");
        assert_ne!(with_a, name(std::slice::from_ref(&a), false));
        let b = dir.path().join("b.tsv");
        std::fs::write(&b, row).expect("write");
        assert_ne!(with_a, name(&[b], false), "labels are in the names");
    }

    #[test]
    fn load_writes_then_reads_and_rewrites_a_damaged_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sources = Sources::bundled();
        let (first, used) = load(&sources, Some(dir.path())).expect("compiles");
        let CacheUse::Written(path) = used else {
            panic!("not written: {used:?}");
        };
        let (second, used) = load(&sources, Some(dir.path())).expect("reads");
        assert_eq!(used, CacheUse::Read(path.clone()));
        assert!(records(&first) == records(&second), "output differs");
        let mut bytes = std::fs::read(&path).expect("read");
        let mid = bytes.len() / 2;
        bytes[mid] ^= 1;
        std::fs::write(&path, &bytes).expect("damage");
        let (_, used) = load(&sources, Some(dir.path())).expect("compiles again");
        assert!(
            matches!(&used, CacheUse::Failed(why) if why.contains("damaged")),
            "{used:?}"
        );
        let (_, used) = load(&sources, Some(dir.path())).expect("reads again");
        assert_eq!(used, CacheUse::Read(path));
    }

    #[test]
    fn an_unwritable_folder_only_loses_the_cache() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, "x").expect("write");
        let (lexicon, used) = load(&Sources::bundled(), Some(&file)).expect("compiles");
        assert!(matches!(used, CacheUse::Failed(_)), "{used:?}");
        assert!(!records(&lexicon).is_empty());
    }

    #[test]
    fn only_the_newest_files_are_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        for i in 0..KEEP + 3 {
            std::fs::write(dir.path().join(format!("compiled-{i}.bin")), "x").expect("write");
        }
        std::fs::write(dir.path().join("other.txt"), "x").expect("write");
        prune(dir.path());
        let left = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(left, KEEP + 1, "KEEP cache files and the other file");
    }

    #[test]
    fn an_index_reads_back_and_refuses_damage_other_files_and_other_builds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bundled.gzi");
        let lexicon = compile(&Sources::bundled());
        let size = write_index(&lexicon, &path).expect("writes");
        let bytes = std::fs::read(&path).expect("read");
        assert_eq!(size, bytes.len() as u64);
        let read = read_index(&path).expect("reads");
        assert!(records(&lexicon) == records(&read), "output differs");
        let refused = |bytes: &[u8], want: &str| {
            std::fs::write(&path, bytes).expect("write");
            let err = read_index(&path).err().expect("refused").to_string();
            assert!(err.contains(want), "{err}");
            assert!(err.contains("gazetteer build"), "says what to do: {err}");
        };
        // The build hash sits after magic, format and its length.
        let mut other_build = bytes.clone();
        other_build[INDEX_MAGIC.len() + 8] ^= 1;
        refused(&other_build, "another build");
        let mut damaged = bytes.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        refused(&damaged, "damaged");
        refused(&bytes[..bytes.len() / 2], "damaged");
        refused(&encode(&lexicon).expect("encodes"), "not a gazette index");
        refused(b"", "not a gazette index");
        let missing = read_index(&dir.path().join("none.gzi"))
            .err()
            .expect("refused");
        assert!(matches!(missing, Error::Io { .. }), "{missing}");
    }
}
