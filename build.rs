//! Embeds every `gazetteers/*.tsv` file into the binary, so the bundled gazetteers need no
//! files at run time and a new file is picked up without editing code; and lays out the
//! English word set (`src/data/english-words.txt` and `demonyms.txt`) as a table compiled
//! into the binary (see `src/data/wordtable.rs`); and hashes the crate's own source for the
//! gazetteer cache's file names (`src/pipeline/cache.rs`).

use std::fmt::Write;

#[path = "src/data/wordtable.rs"]
mod wordtable;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
    println!("cargo:rerun-if-changed=gazetteers");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tsv"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from(
        "/// Bundled gazetteer files: (file name, contents).\npub const FILES: &[(&str, &str)] = &[\n",
    );
    for n in &names {
        println!("cargo:rerun-if-changed=gazetteers/{n}");
        writeln!(
            out,
            "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/gazetteers/{n}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(dest, out).unwrap();
    english_table();
    build_hash();
}

/// `GAZETTE_BUILD_HASH`: a sha256 of every file that decides what compiling the gazetteers
/// gives (the code, the bundled files and word lists, and Cargo.toml's pinned dependency
/// versions), so that a cache written by another build is never read.
fn build_hash() {
    use sha2::Digest;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for p in ["Cargo.toml", "build.rs", "src", "gazetteers"] {
        println!("cargo:rerun-if-changed={p}");
        collect(&root.join(p), &mut files);
    }
    files.sort();
    let mut h = sha2::Sha256::new();
    for f in &files {
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for part in [rel.as_bytes(), &bytes] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=GAZETTE_BUILD_HASH={hex}");
}

fn collect(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for e in std::fs::read_dir(path).into_iter().flatten().flatten() {
            collect(&e.path(), out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

/// The English word set: the words of the two lists (one per line, `#` comments), each once.
fn english_table() {
    let mut text = String::new();
    for f in ["src/data/english-words.txt", "src/data/demonyms.txt"] {
        println!("cargo:rerun-if-changed={f}");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(f);
        text.push_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{f}: {e}")));
        text.push('\n');
    }
    let mut seen = std::collections::HashSet::new();
    let words: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && seen.insert(*l))
        .collect();
    let (text, slots) = wordtable::build(&words).unwrap_or_else(|e| panic!("English words: {e}"));
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("english-words.bin"), text).unwrap();
    std::fs::write(out.join("english-slots.bin"), slots).unwrap();
}
