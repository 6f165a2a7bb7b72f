//! Issue 27, item 3: output faults are errors. The real binary writing into a closed pipe, a
//! full disk (`/dev/full`) and a closed or full stderr: a lost output ends the run with a
//! non-zero status and a message naming the output; lost diagnostics do not stop it. The
//! database faults (a write failing part way, a dropped connection, a deleted SQLite file)
//! and the re-run after them are in sink_crash.rs.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Enough articles for far more mention lines than a pipe and the output buffer hold.
const DOCUMENTS: usize = 3_000;

fn write_input(dir: &Path) -> PathBuf {
    let path = dir.join("news.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..DOCUMENTS {
        let text = format!(
            "Officials in Baghdad said on day {i} that Iran had sent a delegation to Iraq."
        );
        let doc = serde_json::json!({ "id": format!("news-{i:05}"), "text": text });
        writeln!(out, "{doc}").unwrap();
    }
    out.flush().unwrap();
    path
}

fn gazette() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
#[cfg(unix)]
fn closed_stdout_ends_the_run_quietly_with_141() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path());
    let mut child = gazette()
        .arg("extract")
        .arg(&input)
        .arg("--quiet")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `gazette extract ... | head -1`: read one line, then close the pipe.
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"doc\":"), "first line: {first:?}");
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(141),
        "a closed stdout loses output, so the status must not be success; stderr: {}",
        stderr(&o)
    );
    assert!(
        !stderr(&o).contains("error"),
        "a closed pipe ends the run quietly: {}",
        stderr(&o)
    );
}

#[test]
#[cfg(unix)]
fn closed_stdout_of_gazetteer_names_exits_141() {
    let mut child = gazette()
        .args(["gazetteer", "names"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    assert_eq!(child.wait().unwrap().code(), Some(141));
}

/// `gazette extract INPUT ARGS...` with the output a test does not look at thrown away.
#[cfg(target_os = "linux")]
fn extract(input: &Path, args: &[&str]) -> Output {
    gazette()
        .arg("extract")
        .arg(input)
        .args(args)
        .output()
        .unwrap()
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_is_an_error_naming_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path());
    let cases: [(&str, &[&str]); 4] = [
        ("mentions", &["--mentions", "/dev/full"]),
        (
            "entities",
            &["--mentions", "/dev/null", "--entities", "/dev/full"],
        ),
        (
            "variants",
            &["--mentions", "/dev/null", "--variants", "/dev/full"],
        ),
        (
            "the review list",
            &["--mentions", "/dev/null", "--review", "/dev/full"],
        ),
    ];
    for (output, args) in cases {
        let o = extract(&input, &[args, &["--quiet"]].concat());
        let want = format!("gazette: error: cannot write {output} to /dev/full: ");
        assert_eq!(o.status.code(), Some(2), "{output}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&want) && stderr(&o).contains("No space left on device"),
            "{output}: the message should say what could not be written where and why: {}",
            stderr(&o)
        );
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_small_output_fails_at_the_final_flush() {
    // One document: its lines stay in the output buffer until the end of the run.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("one.txt");
    std::fs::write(
        &input,
        "Officials in Baghdad said that Iran had sent a delegation.",
    )
    .unwrap();
    let o = extract(&input, &["--mentions", "/dev/full", "--quiet"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot write mentions to /dev/full"),
        "{}",
        stderr(&o)
    );
}

/// Mention lines written by a run of `input` into `mentions`, stderr set by `stderr`.
#[cfg(target_os = "linux")]
fn run_with_stderr(input: &Path, mentions: &Path, stderr: Stdio) -> std::process::ExitStatus {
    gazette()
        .arg("extract")
        .arg(input)
        .arg("--mentions")
        .arg(mentions)
        .stderr(stderr)
        .status()
        .unwrap()
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_or_closed_stderr_loses_diagnostics_not_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path());
    let lines = |p: &Path| std::fs::read_to_string(p).unwrap().lines().count();

    let clean = dir.path().join("clean.jsonl");
    assert!(run_with_stderr(&input, &clean, Stdio::null()).success());
    assert!(lines(&clean) >= 2 * DOCUMENTS);

    let full = dir.path().join("full.jsonl");
    let dev_full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = run_with_stderr(&input, &full, dev_full.into());
    assert!(
        status.success(),
        "stderr on a full disk: {status} (101 is a panic)"
    );
    assert_eq!(lines(&full), lines(&clean), "stderr on a full disk");

    // A pipe whose reader is gone before the run writes its first diagnostic.
    let closed = dir.path().join("closed.jsonl");
    let mut child = gazette()
        .arg("extract")
        .arg(&input)
        .arg("--mentions")
        .arg(&closed)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "stderr a closed pipe: {status} (101 is a panic)"
    );
    assert_eq!(lines(&closed), lines(&clean), "stderr a closed pipe");
}
