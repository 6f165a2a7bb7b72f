//! An on-disk cache of the compiled gazetteers. Deriving match keys, candidates and the
//! transliteration index from the gazetteer files is most of start-up; the cache keeps them,
//! and a run that finds them only builds the automaton again (aho-corasick cannot save one).
//! Start-up on one core goes from about 55 to 25 ms (docs/performance.md).
//!
//! A cache file is named by a hash of everything its contents derive from: this build's
//! source (gazette's own code, the bundled gazetteers and the pinned dependencies, hashed by
//! `build.rs`), whether the bundled gazetteers are loaded, and the label and text of every
//! other gazetteer file. A changed file or a new build therefore finds no file and compiles.
//! Files are written whole and renamed into place, so runs at the same time never read half
//! a file; a damaged file (checksum, encoding or an index out of range) is compiled again.

use super::{Compiled, Gazetteer};
use crate::error::{Error, Result};
use sha2::Digest;
use std::borrow::Cow;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Changed when the layout below changes in a way the build hash would not show.
const FORMAT: u32 = 1;
/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"GZCACHE\n";
/// Cache files kept in the folder (other builds, other gazetteer sets); older ones go.
const KEEP: usize = 4;

/// The gazetteer files a run loads, in load order: the bundled ones (unless left out), then
/// the user's.
pub struct Sources {
    /// How many of `files` are the bundled ones (their text is in the build hash).
    bundled: usize,
    files: Vec<(String, Cow<'static, str>)>,
}

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
}

impl Sources {
    /// The bundled gazetteers (unless `no_bundled`), then every file below `extra`, read now.
    pub fn read(extra: &[PathBuf], no_bundled: bool) -> Result<Sources> {
        let mut files: Vec<(String, Cow<'static, str>)> = Vec::new();
        if !no_bundled {
            files.extend(super::bundled_files().map(|(l, c)| (l, Cow::Borrowed(c))));
        }
        let bundled = files.len();
        for p in extra {
            for f in super::tsv_files(p)? {
                let content = std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?;
                files.push((f.display().to_string(), Cow::Owned(content)));
            }
        }
        Ok(Sources { bundled, files })
    }

    /// Parses the files, in order.
    pub fn gazetteer(&self) -> Result<Gazetteer> {
        Gazetteer::from_files(&self.files)
    }

    /// Parses and compiles the files, with no cache.
    pub fn compile(&self) -> Result<Compiled> {
        Compiled::new(self.gazetteer()?)
    }

    /// The cache file name for these sources: `compiled-<sha256>.bin`. The bundled files'
    /// text is not hashed here: the build hash covers it.
    pub fn cache_name(&self) -> String {
        let mut h = sha2::Sha256::new();
        h.update(b"gazette compiled gazetteers\0");
        h.update(FORMAT.to_le_bytes());
        h.update(env!("GAZETTE_BUILD_HASH").as_bytes());
        h.update((self.bundled as u64).to_le_bytes());
        for (label, content) in &self.files[self.bundled..] {
            for part in [label.as_bytes(), content.as_bytes()] {
                h.update((part.len() as u64).to_le_bytes());
                h.update(part);
            }
        }
        let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        format!("compiled-{hex}.bin")
    }

    /// The compiled gazetteers: from `dir`'s cache file when one fits, else compiled and
    /// written there. Problems with the cache never fail the run; they are reported in the
    /// [`CacheUse`] and the gazetteers are compiled.
    pub fn load(&self, dir: Option<&Path>) -> Result<(Compiled, CacheUse)> {
        let Some(dir) = dir else {
            return Ok((self.compile()?, CacheUse::Off));
        };
        let path = dir.join(self.cache_name());
        let mut why = None;
        match std::fs::read(&path) {
            Ok(bytes) => match decode(&bytes) {
                Ok(compiled) => return Ok((compiled, CacheUse::Read(path))),
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
        let compiled = self.compile()?;
        let used = match store(dir, &path, &compiled) {
            Ok(()) => match why {
                Some(why) => CacheUse::Failed(why),
                None => CacheUse::Written(path),
            },
            Err(e) => CacheUse::Failed(format!("cannot write {}: {e}", path.display())),
        };
        Ok((compiled, used))
    }
}

/// The cache folder: `$GAZETTE_CACHE_DIR`, else `$XDG_CACHE_HOME/gazette`, else
/// `$HOME/.cache/gazette`; none when none of these is set.
pub fn default_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    var("GAZETTE_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| var("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("gazette")))
        .or_else(|| var("HOME").map(|d| PathBuf::from(d).join(".cache/gazette")))
}

fn checksum(payload: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(payload);
    h.write_usize(payload.len());
    h.finish()
}

/// A cache file's bytes: magic, format, checksum of the payload, payload.
fn encode(compiled: &Compiled) -> std::result::Result<Vec<u8>, postcard::Error> {
    let payload = compiled.encode_parts()?;
    let mut out = Vec::with_capacity(payload.len() + 20);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    Ok(out)
}

fn decode(bytes: &[u8]) -> std::result::Result<Compiled, String> {
    let header = MAGIC.len() + 12;
    if bytes.len() < header || &bytes[..MAGIC.len()] != MAGIC {
        return Err("not a gazette cache file".into());
    }
    let (format, sum) = bytes[MAGIC.len()..header].split_at(4);
    if format != FORMAT.to_le_bytes() {
        return Err("another format".into());
    }
    let payload = &bytes[header..];
    if sum != checksum(payload).to_le_bytes() {
        return Err("checksum mismatch".into());
    }
    Compiled::decode_parts(payload)
}

/// Writes the file under a temporary name and renames it into place, then removes all but
/// the [`KEEP`] newest cache files.
fn store(dir: &Path, path: &Path, compiled: &Compiled) -> std::io::Result<()> {
    let bytes = encode(compiled).map_err(std::io::Error::other)?;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{}.{}.tmp", std::process::id(), unique()));
    let written = std::fs::write(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    prune(dir);
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Mentions of the fixtures as JSON lines, through a pipeline on `compiled`.
    fn lines(compiled: Compiled) -> Vec<u8> {
        let p = crate::pipeline::Pipeline::new(compiled);
        let doc = crate::document::Document::new("all", fixture_text());
        let mut out = Vec::new();
        p.write_mentions(&doc, &p.extract(&doc.text), &mut out);
        out
    }

    #[test]
    fn a_decoded_cache_extracts_exactly_what_compiling_does() {
        let sources = Sources::read(&[], false).expect("bundled");
        let compiled = sources.compile().expect("compiles");
        let bytes = encode(&compiled).expect("encodes");
        let decoded = decode(&bytes).expect("decodes");
        assert_eq!(decoded.keys, compiled.keys);
        let (a, b) = (lines(compiled), lines(decoded));
        assert!(a.len() > 10_000, "the fixtures should hold mentions");
        assert!(a == b, "output differs");
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let sources = Sources::read(&[], false).expect("bundled");
        let bytes = encode(&sources.compile().expect("compiles")).expect("encodes");
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
        let sources = Sources::read(&[], false).expect("bundled");
        let mut compiled = sources.compile().expect("compiles");
        compiled.refs[0][0].name = u32::MAX;
        let bytes = encode(&compiled).expect("encodes");
        let err = decode(&bytes).err().expect("rejected");
        assert!(err.contains("indexes"), "{err}");
    }

    #[test]
    fn names_differ_with_the_user_files_and_their_labels() {
        let dir = tempfile::tempdir().expect("tempdir");
        let row = "id\ttype\tcanonical\nx:1\tORG\tAcme Widgets\n";
        let a = dir.path().join("a.tsv");
        std::fs::write(&a, row).expect("write");
        let bundled = Sources::read(&[], false).expect("bundled").cache_name();
        let with_a = Sources::read(std::slice::from_ref(&a), false).expect("a");
        let alone = Sources::read(std::slice::from_ref(&a), true).expect("a alone");
        assert_ne!(bundled, with_a.cache_name());
        assert_ne!(with_a.cache_name(), alone.cache_name());
        assert_eq!(
            with_a.cache_name(),
            Sources::read(std::slice::from_ref(&a), false)
                .expect("again")
                .cache_name()
        );
        std::fs::write(&a, row.replace("Widgets", "Gadgets")).expect("write");
        let edited = Sources::read(std::slice::from_ref(&a), false).expect("edited");
        assert_ne!(with_a.cache_name(), edited.cache_name());
        let b = dir.path().join("b.tsv");
        std::fs::write(&b, row).expect("write");
        let moved = Sources::read(&[b], false).expect("b");
        assert_ne!(
            with_a.cache_name(),
            moved.cache_name(),
            "labels are in the names"
        );
    }

    #[test]
    fn load_writes_then_reads_and_rewrites_a_damaged_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sources = Sources::read(&[], false).expect("bundled");
        let (first, used) = sources.load(Some(dir.path())).expect("compiles");
        let CacheUse::Written(path) = used else {
            panic!("not written: {used:?}");
        };
        let (second, used) = sources.load(Some(dir.path())).expect("reads");
        assert_eq!(used, CacheUse::Read(path.clone()));
        assert!(lines(first) == lines(second), "output differs");
        let mut bytes = std::fs::read(&path).expect("read");
        let mid = bytes.len() / 2;
        bytes[mid] ^= 1;
        std::fs::write(&path, &bytes).expect("damage");
        let (_, used) = sources.load(Some(dir.path())).expect("compiles again");
        assert!(
            matches!(&used, CacheUse::Failed(why) if why.contains("damaged")),
            "{used:?}"
        );
        let (_, used) = sources.load(Some(dir.path())).expect("reads again");
        assert_eq!(used, CacheUse::Read(path));
    }

    #[test]
    fn an_unwritable_folder_only_loses_the_cache() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, "x").expect("write");
        let sources = Sources::read(&[], false).expect("bundled");
        let (compiled, used) = sources.load(Some(&file)).expect("compiles");
        assert!(matches!(used, CacheUse::Failed(_)), "{used:?}");
        assert!(!compiled.keys.is_empty());
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
}
