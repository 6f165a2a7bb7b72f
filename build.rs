//! Embeds every `gazetteers/*.tsv` file into the binary, so the bundled gazetteers need no
//! files at run time and a new file is picked up without editing code; and lays out the
//! English word set (`src/data/english-words.txt` and `demonyms.txt`) as a table compiled
//! into the binary (see `src/data/wordtable.rs`); and hashes the crate's own source for the
//! gazetteer cache's file names (`src/pipeline/cache.rs`); and checks the name particles
//! (`src/data/particles.tsv`) and finds a perfect hash for them (`src/data/particles.rs`).

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
        "/// Bundled gazetteer files: (file name, contents).\npub(crate) const FILES: &[(&str, &str)] = &[\n",
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
    particles();
    build_hash();
}

/// The roles of `src/data/particles.tsv`, in its column order (bit `i` for column `i + 1`).
const PARTICLE_ROLES: [&str; 5] = ["article", "opens", "variant", "person", "aside"];

/// `particles.rs` in OUT_DIR: the rows of `src/data/particles.tsv` as (word, role bits), and
/// a multiplier that sends every word, packed into a `u32`, to its own slot of 64. A broken
/// row stops the build with `file:line: what is wrong`.
fn particles() {
    let file = "src/data/particles.tsv";
    println!("cargo:rerun-if-changed={file}");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut rows: Vec<(String, u8)> = Vec::new();
    let mut header = false;
    for (n, line) in text.lines().enumerate() {
        let at = |msg: String| -> ! { panic!("{file}:{}: {msg}", n + 1) };
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if !header {
            if f[1..] != PARTICLE_ROLES {
                at(format!(
                    "the header must be: word, {}",
                    PARTICLE_ROLES.join(", ")
                ));
            }
            header = true;
            continue;
        }
        let word = f[0];
        if f.len() != PARTICLE_ROLES.len() + 1 {
            at(format!(
                "expected {} tab-separated fields",
                PARTICLE_ROLES.len() + 1
            ));
        }
        if word.is_empty() || word.len() > 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            at(format!(
                "{word:?}: a particle is 1 to 4 lower-case ASCII letters"
            ));
        }
        if rows.iter().any(|(w, _)| w == word) {
            at(format!("{word:?} is listed twice"));
        }
        let mut roles = 0u8;
        for (i, v) in f[1..].iter().enumerate() {
            match *v {
                "x" => roles |= 1 << i,
                "" => {}
                other => at(format!("{other:?}: a role is marked x or left empty")),
            }
        }
        rows.push((word.to_string(), roles));
    }
    let packed: Vec<u32> = rows
        .iter()
        .map(|(w, _)| {
            w.bytes()
                .enumerate()
                .fold(0u32, |v, (i, b)| v | u32::from(b) << (8 * i))
        })
        .collect();
    // Odd multipliers from a fixed sequence, until one gives every word a slot of its own.
    let mut m: u32 = 0x9E37_79B9;
    let hash = loop {
        let mut seen = 0u64;
        if packed.iter().all(|v| {
            let slot = v.wrapping_mul(m) >> 26;
            let new = seen & (1 << slot) == 0;
            seen |= 1 << slot;
            new
        }) {
            break m;
        }
        m = m.wrapping_mul(0x2C1B_3C6D).wrapping_add(0x297A_2D39) | 1;
    };
    let mut out =
        String::from("/// The particles of `particles.tsv` with their role bits, in file order.\n");
    out.push_str("pub(crate) const LIST: &[(&str, u8)] = &[\n");
    for (w, r) in &rows {
        writeln!(out, "    ({w:?}, {r:#07b}),").unwrap();
    }
    out.push_str(
        "];\n/// Sends every particle, packed, to a slot of its own (found by build.rs).\n",
    );
    writeln!(out, "pub(crate) const HASH: u32 = {hash:#010x};").unwrap();
    let dest = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("particles.rs");
    std::fs::write(dest, out).unwrap();
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
