//! Readers that cannot hang or double count, through the real binary: links followed once
//! per real path, FIFOs skipped, byte-order marks accepted, duplicate ids refused.

use std::path::Path;
use std::process::{Command, Output};

fn gazette(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .output()
        .expect("run gazette")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

/// The `doc` of every mention record on stdout, in order.
fn docs(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["doc"].as_str().unwrap().to_string()
        })
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn links_are_followed_once_per_real_path_and_fifos_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("feed");
    std::fs::create_dir(&d).unwrap();
    write(&d, "one.txt", b"Gen. Dana Whitfield visited Baghdad.");
    // A loop back to the folder's parent, a link to a file already listed, and a FIFO
    // that no one writes to (reading it would block forever).
    std::os::unix::fs::symlink("..", d.join("loop")).unwrap();
    std::os::unix::fs::symlink("one.txt", d.join("same.txt")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(d.join("pipe.txt"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    let o = gazette(&["extract", d.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    for want in [
        "loop/feed: already read as",
        "pipe.txt: not a regular file",
        "same.txt: already read as",
        "1 documents read, 1 processed, 0 failed",
    ] {
        assert!(err.contains(want), "stderr lacks {want:?}:\n{err}");
    }
    assert!(docs(&o).iter().all(|d| d == "one"), "{:?}", docs(&o));
}

#[test]
fn byte_order_marks_are_accepted_in_jsonl_and_gazetteers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let feed = write(
        d,
        "feed.jsonl",
        "\u{feff}{\"id\": \"a\", \"text\": \"Vantor Kessel Brigade fired.\"}\n\
         {\"id\": \"b\", \"text\": \"Baghdad.\"}\n"
            .as_bytes(),
    );
    let gaz = write(
        d,
        "mine.tsv",
        "\u{feff}id\ttype\tcanonical\norg.vk\tORG\tVantor Kessel Brigade\n".as_bytes(),
    );
    let o = gazette(&["extract", &feed, "--gazetteer", &gaz]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("\"entity\":\"org.vk\""), "{out}");
    assert_eq!(docs(&o), ["a", "b"]);
}

#[test]
fn a_second_document_with_an_id_fails_naming_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let feed = write(
        d,
        "feed.jsonl",
        b"{\"id\": \"a\", \"text\": \"Baghdad.\"}\n\
          {\"id\": \"b\", \"text\": \"Mosul.\"}\n\
          {\"id\": \"a\", \"text\": \"Basra.\"}\n",
    );
    let (x, y) = (d.join("x"), d.join("y"));
    std::fs::create_dir(&x).unwrap();
    std::fs::create_dir(&y).unwrap();
    write(&x, "s.txt", b"Erbil.");
    write(&y, "s.txt", b"Najaf.");
    let db = d.join("run.sqlite");
    let o = gazette(&[
        "extract",
        &feed,
        d.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for want in [
        "feed.jsonl:3: duplicate id \"a\" (first at ",
        "feed.jsonl:1)",
        "y/s.txt: duplicate id \"s\" (first at ",
        "x/s.txt)",
    ] {
        assert!(err.contains(want), "stderr lacks {want:?}:\n{err}");
    }
    // The first of each is kept, in every output.
    let kept = docs(&o);
    assert_eq!(kept, ["a", "b", "s"], "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let texts: Vec<String> = conn
        .prepare("SELECT surface FROM mentions ORDER BY document")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(texts, ["Baghdad", "Mosul", "Erbil"]);
}

#[test]
fn a_damaged_gzip_member_stops_its_file_and_gives_nothing() {
    use std::io::Write;
    let gz = |text: &str| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    };
    let line =
        |id: &str| format!("{{\"id\": \"{id}\", \"text\": \"Dana Whitfield left Mosul.\"}}\n");
    let first: String = (0..20).map(|i| line(&format!("a{i}"))).collect();
    let second: String = (0..20).map(|i| line(&format!("b{i}"))).collect();
    let good = gz(&first);
    let mut bytes = [good.clone(), gz(&second)].concat();
    // Bytes inside the second member's compressed data, flipped.
    for b in &mut bytes[good.len() + 15..good.len() + 40] {
        *b ^= 0x55;
    }
    let dir = tempfile::tempdir().unwrap();
    let feed = write(dir.path(), "feed.jsonl.gz", &bytes);
    let after = write(dir.path(), "z.txt", b"Baghdad.");
    let o = gazette(&["extract", &feed, &after]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("feed.jsonl.gz: gzip member 2 is damaged"),
        "{err}"
    );
    let mut kept = docs(&o);
    kept.dedup();
    let want: Vec<String> = (0..20)
        .map(|i| format!("a{i}"))
        .chain(["z".into()])
        .collect();
    assert_eq!(kept, want, "{err}");
}
