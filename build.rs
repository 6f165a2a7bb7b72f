//! Embeds every `gazetteers/*.tsv` file into the binary, so the bundled gazetteers need no
//! files at run time and a new file is picked up without editing code; and lays out the
//! English word set (`src/data/english-words.txt` and `demonyms.txt`) as a table compiled
//! into the binary (see `src/wordtable.rs`).

use std::fmt::Write;

#[path = "src/wordtable.rs"]
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
