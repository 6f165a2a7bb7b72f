//! Golden files: for every fixture article `fixtures/articles/<stem>.txt`, the mention lines
//! and the entity records the pipeline writes for that article alone, committed as
//! `fixtures/golden/<stem>.mentions.jsonl` and `fixtures/golden/<stem>.entities.jsonl` and
//! compared byte for byte. Any change to the output shows up here as a diff to review.
//!
//! After an intended change, rewrite them and review the diff before committing:
//!
//! ```sh
//! GAZETTE_BLESS=1 cargo test --test golden
//! git diff fixtures/golden
//! ```

mod common;
use gazette::Pipeline;
use gazette::document::{Input, ReadOptions, Reader};
use gazette::sink::{EntitiesJsonl, MentionsJsonl, Sink};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The environment variable that makes the test rewrite the golden files instead of
/// comparing.
const BLESS: &str = "GAZETTE_BLESS";

const UPDATE: &str = "if the change is intended, rewrite the golden files with \
                      `GAZETTE_BLESS=1 cargo test --test golden`, review `git diff fixtures/golden` \
                      and commit them";

fn articles() -> Vec<PathBuf> {
    let dir = common::root().join("fixtures/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "no fixture articles in {}",
        dir.display()
    );
    paths
}

fn golden_dir() -> PathBuf {
    common::root().join("fixtures/golden")
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_str().unwrap().to_owned()
}

/// What `gazette extract <article> --entities <file>` writes for one article: the mention
/// lines and the entity records, from the reader the command line uses, through
/// `Pipeline::run` into the two sinks.
fn generate(pipeline: &Pipeline, article: &Path) -> (Vec<u8>, Vec<u8>) {
    let reader = Reader::new(&[Input::Path(article.to_owned())], ReadOptions::default());
    let (mentions, entities) = (common::SharedBuf::default(), common::SharedBuf::default());
    let mut sinks: Vec<Box<dyn Sink>> = vec![
        Box::new(MentionsJsonl::new(Box::new(mentions.clone()), "<mentions>")),
        Box::new(EntitiesJsonl::new(
            Box::new(entities.clone()),
            "<entities>",
            pipeline.gazetteer(),
        )),
    ];
    let summary = pipeline
        .run(reader, &mut sinks)
        .unwrap_or_else(|e| panic!("{}: {e}", article.display()));
    assert_eq!(
        (summary.read, summary.processed, summary.failed),
        (1, 1, 0),
        "{}: one readable document",
        article.display()
    );
    (mentions.bytes(), entities.bytes())
}

/// None when equal; else the first stretch of lines that differs (at most three lines of
/// each side, between the lines both share before and after it).
fn diff(want: &[u8], got: &[u8]) -> Option<String> {
    if want == got {
        return None;
    }
    let want = String::from_utf8_lossy(want);
    let got = String::from_utf8_lossy(got);
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    if w == g {
        // Same lines: only the line ends differ (a missing last newline, say).
        return Some("the lines are equal; the line ends differ\n".to_owned());
    }
    let first = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    // Lines shared at the end, not reaching back into the shared beginning.
    let same_end = w[first..]
        .iter()
        .rev()
        .zip(g[first..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (w_end, g_end) = (w.len() - same_end, g.len() - same_end);
    let mut out = format!(
        "committed {} lines, generated {} lines; first difference at line {}:\n",
        w.len(),
        g.len(),
        first + 1,
    );
    if first > 0 {
        out.push_str(&format!("  {:>5}   {}\n", first, w[first - 1]));
    }
    for (sign, lines, end) in [('-', &w, w_end), ('+', &g, g_end)] {
        for (i, line) in lines.iter().enumerate().take(end).skip(first).take(3) {
            out.push_str(&format!("{sign} {:>5}   {line}\n", i + 1));
        }
        if end > first + 3 {
            out.push_str(&format!("{sign}         … {} more\n", end - first - 3));
        }
    }
    if same_end > 0 {
        out.push_str(&format!("  {:>5}   {}\n", w_end + 1, w[w_end]));
    }
    Some(out)
}

fn blessing() -> bool {
    std::env::var_os(BLESS).is_some_and(|v| !v.is_empty() && v != "0")
}

#[test]
fn outputs_equal_the_golden_files() {
    let pipeline = common::pipeline();
    let dir = golden_dir();
    let bless = blessing();
    if bless {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut expected = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for article in articles() {
        let (mentions, entities) = generate(pipeline, &article);
        assert!(
            !mentions.is_empty(),
            "{}: no mentions at all",
            article.display()
        );
        for (kind, got) in [("mentions", mentions), ("entities", entities)] {
            let name = format!("{}.{kind}.jsonl", stem(&article));
            let path = dir.join(&name);
            expected.insert(name.clone());
            if bless {
                if std::fs::read(&path).ok().as_deref() != Some(&got[..]) {
                    std::fs::write(&path, &got).unwrap();
                    eprintln!("{BLESS}: wrote fixtures/golden/{name}");
                }
                continue;
            }
            match std::fs::read(&path) {
                Err(e) => failures.push(format!("fixtures/golden/{name}: {e}")),
                Ok(want) => {
                    if let Some(d) = diff(&want, &got) {
                        failures.push(format!(
                            "fixtures/golden/{name} differs from what {} gives now ({} bytes \
                             committed, {} generated); - committed, + generated:\n{d}",
                            article.strip_prefix(common::root()).unwrap().display(),
                            want.len(),
                            got.len()
                        ));
                    }
                }
            }
        }
    }
    // A golden file whose article is gone would never be checked again.
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !expected.contains(&name) {
            if bless {
                std::fs::remove_file(&path).unwrap();
                eprintln!("{BLESS}: removed fixtures/golden/{name} (no such fixture article)");
            } else {
                failures.push(format!(
                    "fixtures/golden/{name} belongs to no fixture article"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden files do not match:\n\n{}\n\n{UPDATE}",
        failures.len(),
        expected.len(),
        failures.join("\n\n")
    );
}

/// The command line writes what the golden test generates (so the golden files are what
/// `gazette extract <article> --entities <file>` writes): one article through the binary, its
/// mentions on stdout and its entities in the `--entities` file.
#[test]
fn the_command_line_writes_what_the_golden_test_generates() {
    let article = &articles()[0];
    let dir = tempfile::tempdir().unwrap();
    let entities = dir.path().join("e.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("extract")
        .arg(article)
        .arg("--entities")
        .arg(&entities)
        .args(["--quiet", "--no-cache"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entities = std::fs::read(&entities).unwrap();
    let (mentions, generated_entities) = generate(common::pipeline(), article);
    assert!(
        diff(&mentions, &out.stdout).is_none(),
        "mentions: - library, + command line:\n{}",
        diff(&mentions, &out.stdout).unwrap()
    );
    assert!(
        diff(&generated_entities, &entities).is_none(),
        "entities: - library, + command line:\n{}",
        diff(&generated_entities, &entities).unwrap()
    );
}

#[test]
fn the_diff_shows_the_first_differing_lines() {
    let want = b"a\nb\nc\nd\n";
    let d = diff(want, b"a\nb\nX\nd\n").unwrap();
    assert_eq!(
        d,
        "committed 4 lines, generated 4 lines; first difference at line 3:\n\
         \x20     2   b\n\
         -     3   c\n\
         +     3   X\n\
         \x20     4   d\n"
    );
    let d = diff(b"a\nb", b"a\nb\n").unwrap();
    assert!(d.contains("line ends differ"), "{d}");
    let d = diff(b"a\n", b"a\nb\n").unwrap();
    assert!(d.contains("first difference at line 2"), "{d}");
    assert!(d.contains("+     2   b\n"), "{d}");
    let d = diff(b"a\n1\n2\n3\n4\nz\n", b"a\nz\n").unwrap();
    assert!(d.contains("-     4   3\n-         … 1 more\n"), "{d}");
    assert!(diff(want, want).is_none());
}
