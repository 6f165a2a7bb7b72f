//! Issue 27, item 5: one case per class of bad input, through the real binary. Each case
//! puts one good document (`good.txt`) in a folder beside the bad input, runs `gazette
//! extract` on the folder with a 10 s limit, and checks the exit status, a message naming
//! the file and the problem, that the good document's mentions came out, and for input that
//! is read as data, that its mentions came out too with spans that slice its text.
//!
//! | class | input | exit | message on stderr |
//! | --- | --- | --- | --- |
//! | empty | `empty.txt`, no bytes | 1 | `empty.txt: document "empty" is empty` |
//! | whitespace | `blank.txt`, spaces and newlines | 1 | `blank.txt: document "blank" is empty` |
//! | binary | `photo.txt`, a PNG header | 1 | `photo.txt: invalid UTF-8 at byte 0` |
//! | NUL | `nul.txt`, a NUL after a name | 0 | none; read as text |
//! | BOM | `bom.txt`, `bom.jsonl`, a `--gazetteer` file, each with a BOM | 0 | none; accepted |
//! | CRLF | `crlf.txt`, `crlf.jsonl` with CRLF line ends | 0 | none; read as text |
//! | invalid UTF-8 | `latin1.jsonl` line 1 in Latin-1, line 2 good | 1 | `latin1.jsonl:1: invalid UTF-8 at byte 39 of the line` |
//! | truncated UTF-8 at EOF | `cut.txt` ending in half a character | 1 | `cut.txt: invalid UTF-8 at byte 24` |
//! | huge line | `huge.jsonl` line 1 over `--max-doc-bytes`, line 2 good | 1 | `huge.jsonl:1: line is longer than 100000 bytes` |
//! | wrong JSON types | `types.jsonl`: text an array (failed), id a number (read as "7") | 1 | `types.jsonl:1: malformed JSON: invalid type` |
//! | missing fields | `partial.jsonl`: no id (read as "partial:1"), no text (failed) | 1 | `partial.jsonl:1: missing field "id"; using id "partial:1"`, `partial.jsonl:2: missing field "text"` |
//! | duplicate ids | `z-dup.jsonl` reusing the id "good" | 1 | `z-dup.jsonl:1: duplicate id "good" (first at …good.txt)` |
//! | unreadable file | `locked.txt`, mode 000 (as root: a dangling link) | 1 | `locked.txt: cannot read` |
//! | symlink loop | `loop` → `.` | 0 | `loop: already read as` |
//! | symlink to itself | `self.txt` → `self.txt` | 1 | `self.txt: cannot read` |
//! | FIFO | `pipe.jsonl`, a FIFO no one writes | 0 | `pipe.jsonl: not a regular file` |
//! | corrupt gzip | `feed.jsonl.gz`, member 2 damaged | 1 | `feed.jsonl.gz: gzip member 2 is damaged` |
//! | broken gazetteer row | `--gazetteer mine.tsv`, a row short of a field | 2, no output | `mine.tsv:3: expected 3 tab-separated fields (as in the header), found 2` |
//! | gazetteer not UTF-8 | `--gazetteer mine.tsv`, a Latin-1 row | 2, no output | `mine.tsv:3: invalid UTF-8 at byte 13 of the line` |
//! | invisible characters | `inv.txt`: zero-width space and joiner, soft hyphen | 0 | none; read as text |
//! | bidi text | `bidi.txt`: RLO/PDF, RLI/PDI, Hebrew and Arabic | 0 | none; read as text |
//! | NFD text | `nfd.txt`, decomposed accents | 0 | none; read as text, the names found as in NFC |
//!
//! Exit statuses as README.md documents them: 0 when every document succeeded (input that is
//! skipped, such as a FIFO or a second path to a folder, is no document), 1 when some
//! failed, 2 when a broken gazetteer stops the run before any document is read.
#![cfg(unix)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The good document of every case: `good.txt`, id "good".
const GOOD: &str = "Gen. Dana Whitfield visited Baghdad on Tuesday.";

/// A document of the bad input that must come out: its id, its text, and one surface that
/// must be among its mentions.
struct Kept {
    id: String,
    text: String,
    surface: &'static str,
}

fn kept(id: &str, text: &str, surface: &'static str) -> Kept {
    Kept {
        id: id.to_string(),
        text: text.to_string(),
        surface,
    }
}

/// What a case's setup made: arguments after the input folder, and the documents of the
/// bad input that must come out.
#[derive(Default)]
struct Bad {
    args: Vec<String>,
    kept: Vec<Kept>,
}

struct Case {
    class: &'static str,
    /// Writes the bad input into the input folder (the first path) or beside it (the second).
    setup: fn(&Path, &Path) -> Bad,
    code: i32,
    /// Substrings stderr must hold.
    messages: &'static [&'static str],
    /// Surfaces that must not come out (from a refused or damaged part).
    lost: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        class: "empty",
        setup: empty,
        code: 1,
        messages: &["empty.txt: document \"empty\" is empty"],
        lost: &[],
    },
    Case {
        class: "whitespace",
        setup: whitespace,
        code: 1,
        messages: &["blank.txt: document \"blank\" is empty"],
        lost: &[],
    },
    Case {
        class: "binary",
        setup: binary,
        code: 1,
        messages: &["photo.txt: invalid UTF-8 at byte 0"],
        lost: &[],
    },
    Case {
        class: "NUL",
        setup: nul,
        code: 0,
        messages: &["2 documents read, 2 processed, 0 failed"],
        lost: &[],
    },
    Case {
        class: "BOM",
        setup: bom,
        code: 0,
        messages: &["3 documents read, 3 processed, 0 failed"],
        lost: &[],
    },
    Case {
        class: "CRLF",
        setup: crlf,
        code: 0,
        messages: &["4 documents read, 4 processed, 0 failed"],
        lost: &[],
    },
    Case {
        class: "invalid UTF-8",
        setup: invalid_utf8,
        code: 1,
        messages: &["latin1.jsonl:1: invalid UTF-8 at byte 39 of the line"],
        lost: &[],
    },
    Case {
        class: "truncated UTF-8 at EOF",
        setup: truncated_utf8,
        code: 1,
        messages: &["cut.txt: invalid UTF-8 at byte 24"],
        lost: &["Mosul"],
    },
    Case {
        class: "huge line",
        setup: huge_line,
        code: 1,
        messages: &[
            "huge.jsonl:1: line is longer than 100000 bytes",
            "3 documents read, 2 processed, 1 failed",
        ],
        lost: &["Mosul"],
    },
    Case {
        class: "wrong JSON types",
        setup: wrong_types,
        code: 1,
        messages: &["types.jsonl:1: malformed JSON: invalid type"],
        lost: &["Mosul"],
    },
    Case {
        class: "missing fields",
        setup: missing_fields,
        code: 1,
        messages: &[
            "partial.jsonl:1: missing field \"id\"; using id \"partial:1\"",
            "partial.jsonl:2: missing field \"text\"",
        ],
        lost: &[],
    },
    Case {
        class: "duplicate ids",
        setup: duplicate_ids,
        code: 1,
        messages: &[
            "z-dup.jsonl:1: duplicate id \"good\" (first at ",
            "good.txt)",
        ],
        lost: &["Mosul"],
    },
    Case {
        class: "unreadable file",
        setup: unreadable,
        code: 1,
        messages: &["locked.txt: cannot read"],
        lost: &["Mosul"],
    },
    Case {
        class: "symlink loop",
        setup: symlink_loop,
        code: 0,
        messages: &["loop: already read as", "1 documents read, 1 processed"],
        lost: &[],
    },
    Case {
        class: "symlink to itself",
        setup: symlink_to_itself,
        code: 1,
        messages: &["self.txt: cannot read"],
        lost: &[],
    },
    Case {
        class: "FIFO",
        setup: fifo,
        code: 0,
        messages: &["pipe.jsonl: not a regular file"],
        lost: &[],
    },
    Case {
        class: "corrupt gzip",
        setup: corrupt_gzip,
        code: 1,
        messages: &["feed.jsonl.gz: gzip member 2 is damaged"],
        lost: &["Mosul"],
    },
    Case {
        class: "broken gazetteer row",
        setup: broken_gazetteer_row,
        code: 2,
        messages: &["mine.tsv:3: expected 3 tab-separated fields (as in the header), found 2"],
        lost: &["Baghdad"],
    },
    Case {
        class: "gazetteer not UTF-8",
        setup: gazetteer_not_utf8,
        code: 2,
        messages: &["mine.tsv:3: invalid UTF-8 at byte 13 of the line"],
        lost: &["Baghdad"],
    },
    Case {
        class: "invisible characters",
        setup: invisible,
        code: 0,
        messages: &["2 documents read, 2 processed, 0 failed"],
        lost: &[],
    },
    Case {
        class: "bidi text",
        setup: bidi,
        code: 0,
        messages: &["2 documents read, 2 processed, 0 failed"],
        lost: &[],
    },
    Case {
        class: "NFD text",
        setup: nfd,
        code: 0,
        messages: &["2 documents read, 2 processed, 0 failed"],
        lost: &[],
    },
];

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

/// One JSONL line: `{"id": id, "text": text}`.
fn line(id: &str, text: &str) -> String {
    format!("{}\n", serde_json::json!({ "id": id, "text": text }))
}

fn empty(d: &Path, _: &Path) -> Bad {
    write(d, "empty.txt", "");
    Bad::default()
}

fn whitespace(d: &Path, _: &Path) -> Bad {
    write(d, "blank.txt", " \n\t  \r\n\u{a0}\n");
    Bad::default()
}

fn binary(d: &Path, _: &Path) -> Bad {
    write(d, "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
    Bad::default()
}

fn nul(d: &Path, _: &Path) -> Bad {
    let text = "Officials in Mosul\0 said the convoy had reached Basra.";
    write(d, "nul.txt", text);
    Bad {
        kept: vec![kept("nul", text, "Mosul"), kept("nul", text, "Basra")],
        ..Bad::default()
    }
}

fn bom(d: &Path, beside: &Path) -> Bad {
    // In a .txt file the mark is part of the text, and spans count it.
    let txt = "\u{feff}Officials in Mosul said the talks would resume.";
    write(d, "bom.txt", txt);
    let json = "The Ardent Vale Company signed in Erbil.";
    write(d, "bom.jsonl", format!("\u{feff}{}", line("b1", json)));
    let gaz = "\u{feff}id\ttype\tcanonical\norg.ardent-vale\tORG\tArdent Vale Company\n";
    let gaz = write(beside, "mine.tsv", gaz);
    Bad {
        args: vec!["--gazetteer".into(), gaz],
        kept: vec![
            kept("bom", txt, "Mosul"),
            kept("b1", json, "Ardent Vale Company"),
        ],
    }
}

fn crlf(d: &Path, _: &Path) -> Bad {
    let txt = "Officials in Mosul said.\r\nLater the convoy reached Basra.\r\n";
    write(d, "crlf.txt", txt);
    let (a, b) = ("Talks in Erbil ended.", "Kirkuk waited.\r\nThen Najaf.");
    write(
        d,
        "crlf.jsonl",
        (line("c1", a) + &line("c2", b)).replace('\n', "\r\n"),
    );
    Bad {
        kept: vec![
            kept("crlf", txt, "Basra"),
            kept("c1", a, "Erbil"),
            kept("c2", b, "Najaf"),
        ],
        ..Bad::default()
    }
}

fn invalid_utf8(d: &Path, _: &Path) -> Bad {
    // Line 1 in Latin-1 ("Jos\xe9"); the byte is counted within the line.
    let mut bytes = b"{\"id\": \"l1\", \"text\": \"Officials met Jos\xe9 in Mosul.\"}\n".to_vec();
    let after = "Talks in Erbil ended.";
    bytes.extend(line("l2", after).into_bytes());
    write(d, "latin1.jsonl", bytes);
    Bad {
        kept: vec![kept("l2", after, "Erbil")],
        ..Bad::default()
    }
}

fn truncated_utf8(d: &Path, _: &Path) -> Bad {
    // The first two bytes of a three-byte character (an en dash), then the end of the file.
    write(d, "cut.txt", b"Officials in Mosul said \xe2\x80");
    Bad::default()
}

fn huge_line(d: &Path, _: &Path) -> Bad {
    let huge = "Officials in Mosul said. ".repeat(6_000);
    let after = "Talks in Erbil ended.";
    write(d, "huge.jsonl", line("h1", &huge) + &line("h2", after));
    Bad {
        args: vec!["--max-doc-bytes".into(), "100000".into()],
        kept: vec![kept("h2", after, "Erbil")],
    }
}

fn wrong_types(d: &Path, _: &Path) -> Bad {
    let after = "Talks in Erbil ended.";
    let rows = format!(
        "{{\"id\": \"t1\", \"text\": [\"Officials in Mosul.\"]}}\n{{\"id\": 7, \"text\": \"{after}\"}}\n"
    );
    write(d, "types.jsonl", rows);
    // A number is an id as good as its digits.
    Bad {
        kept: vec![kept("7", after, "Erbil")],
        ..Bad::default()
    }
}

fn missing_fields(d: &Path, _: &Path) -> Bad {
    let text = "Talks in Erbil ended.";
    let rows = format!("{{\"text\": \"{text}\"}}\n{{\"id\": \"m2\"}}\n");
    write(d, "partial.jsonl", rows);
    Bad {
        kept: vec![kept("partial:1", text, "Erbil")],
        ..Bad::default()
    }
}

fn duplicate_ids(d: &Path, _: &Path) -> Bad {
    // Sorted after good.txt, so the folder's good document is the first with the id.
    write(d, "z-dup.jsonl", line("good", "Officials in Mosul said."));
    Bad::default()
}

fn unreadable(d: &Path, _: &Path) -> Bad {
    use std::os::unix::fs::PermissionsExt;
    let p = d.join("locked.txt");
    std::fs::write(&p, "Officials in Mosul said.").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&p).is_ok() {
        // Run as root, mode 000 does not stop a read: a link to nothing cannot be read by
        // anyone.
        std::fs::remove_file(&p).unwrap();
        std::os::unix::fs::symlink("nowhere.txt", &p).unwrap();
    }
    Bad::default()
}

fn symlink_loop(d: &Path, _: &Path) -> Bad {
    std::os::unix::fs::symlink(".", d.join("loop")).unwrap();
    Bad::default()
}

fn symlink_to_itself(d: &Path, _: &Path) -> Bad {
    std::os::unix::fs::symlink("self.txt", d.join("self.txt")).unwrap();
    Bad::default()
}

fn fifo(d: &Path, _: &Path) -> Bad {
    let made = Command::new("mkfifo")
        .arg(d.join("pipe.jsonl"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    Bad::default()
}

fn gzip(text: &str) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(text.as_bytes()).unwrap();
    e.finish().unwrap()
}

fn corrupt_gzip(d: &Path, _: &Path) -> Bad {
    let text = "Talks in Erbil ended.";
    let first = gzip(&line("g1", text));
    let second = gzip(&line("g2", "Officials in Mosul said."));
    let mut bytes = [first.clone(), second].concat();
    // Bytes inside the second member's compressed data, flipped.
    for b in &mut bytes[first.len() + 12..] {
        *b ^= 0x55;
    }
    write(d, "feed.jsonl.gz", bytes);
    Bad {
        kept: vec![kept("g1", text, "Erbil")],
        ..Bad::default()
    }
}

fn gazetteer(beside: &Path, rows: &[u8]) -> Bad {
    let head = b"id\ttype\tcanonical\norg.ardent-vale\tORG\tArdent Vale Company\n";
    let gaz = write(beside, "mine.tsv", [&head[..], rows].concat());
    Bad {
        args: vec!["--gazetteer".into(), gaz],
        ..Bad::default()
    }
}

fn broken_gazetteer_row(_: &Path, beside: &Path) -> Bad {
    gazetteer(beside, b"org.half\tORG\n")
}

fn gazetteer_not_utf8(_: &Path, beside: &Path) -> Bad {
    gazetteer(beside, b"org.x\tORG\tCaf\xe9 Union\n")
}

fn invisible(d: &Path, _: &Path) -> Bad {
    let text = "Talks in \u{200b}Mosul\u{200d} resumed as the convoy left Bas\u{ad}ra\u{2060}.";
    write(d, "inv.txt", text);
    Bad {
        kept: vec![kept("inv", text, "Mosul"), kept("inv", text, "Bas\u{ad}ra")],
        ..Bad::default()
    }
}

fn bidi(d: &Path, _: &Path) -> Bad {
    let text = "\u{202e}Officials in \u{2067}Mosul\u{2069} and \u{5d1}\u{5d2}\u{5d3}\u{5d0}\u{5d3} \
                \u{628}\u{63a}\u{62f}\u{627}\u{62f} met in Erbil.\u{202c}";
    write(d, "bidi.txt", text);
    Bad {
        kept: vec![kept("bidi", text, "Mosul"), kept("bidi", text, "Erbil")],
        ..Bad::default()
    }
}

fn nfd(d: &Path, _: &Path) -> Bad {
    // "José Martínez" and "Sulaymānīyah" decomposed: letters followed by combining marks.
    let text = "Gen. Jose\u{301} Marti\u{301}nez met officials in Sulayma\u{304}ni\u{304}yah.";
    write(d, "nfd.txt", text);
    Bad {
        kept: vec![
            kept("nfd", text, "Jose\u{301} Marti\u{301}nez"),
            kept("nfd", text, "Sulayma\u{304}ni\u{304}yah"),
        ],
        ..Bad::default()
    }
}

/// What a run left: its exit status, stdout and stderr.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `gazette extract` with `args`, its output into files beside the input (so that a
/// full pipe cannot stall it), and fails the case if it runs longer than 10 s.
fn run(class: &str, out: &Path, args: &[String]) -> Run {
    let file = |name: &str| std::fs::File::create(out.join(name)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("extract")
        .args(args)
        .stdin(Stdio::null())
        .stdout(file("stdout"))
        .stderr(file("stderr"))
        .spawn()
        .expect("run gazette");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("[{class}] gazette ran longer than 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    Run {
        code: status.code(),
        stdout: read("stdout"),
        stderr: read("stderr"),
    }
}

/// Every mention record on stdout.
fn mentions(run: &Run) -> Vec<serde_json::Value> {
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a mention record"))
        .collect()
}

/// Asserts that `want` came out: a mention of its document with its surface, and that every
/// mention of that document slices its text.
fn assert_kept(class: &str, records: &[serde_json::Value], want: &Kept) {
    let of_doc: Vec<_> = records.iter().filter(|r| r["doc"] == *want.id).collect();
    assert!(
        of_doc.iter().any(|r| r["text"] == want.surface),
        "[{class}] no mention {:?} in document {:?}: {of_doc:?}",
        want.surface,
        want.id
    );
    for r in of_doc {
        let (s, e) = (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap());
        let surface = want.text.get(s as usize..e as usize);
        assert_eq!(
            surface,
            r["text"].as_str(),
            "[{class}] span slices the text: {r}"
        );
    }
}

fn check(case: &Case) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    write(&input, "good.txt", GOOD);
    let bad = (case.setup)(&input, dir.path());
    let mut args = vec![input.to_str().unwrap().to_string()];
    args.extend(bad.args.iter().cloned());
    let run = run(case.class, dir.path(), &args);
    let class = case.class;
    assert_eq!(
        run.code,
        Some(case.code),
        "[{class}] exit status; stderr:\n{}",
        run.stderr
    );
    for m in case.messages {
        assert!(
            run.stderr.contains(m),
            "[{class}] stderr lacks {m:?}:\n{}",
            run.stderr
        );
    }
    let records = mentions(&run);
    for lost in case.lost {
        assert!(
            records.iter().all(|r| r["text"] != *lost),
            "[{class}] {lost:?} came out of refused input:\n{}",
            run.stdout
        );
    }
    if case.code == 2 {
        // A broken gazetteer stops the run before any document: no half output.
        assert!(run.stdout.is_empty(), "[{class}] output:\n{}", run.stdout);
        return;
    }
    assert_kept(class, &records, &kept("good", GOOD, "Baghdad"));
    for want in &bad.kept {
        assert_kept(class, &records, want);
    }
}

#[test]
fn every_class_of_bad_input() {
    for case in CASES {
        check(case);
    }
}
