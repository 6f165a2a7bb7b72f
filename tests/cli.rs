//! The real binary on temporary folders: outputs, bad input, exit codes, determinism.

mod common;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn gazette(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .output()
        .expect("run gazette")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn records(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn extract_fixture_folder() {
    let dir = tempfile::tempdir().unwrap();
    let ents = dir.path().join("entities.jsonl");
    let fixtures = common::root().join("fixtures/articles");
    let o = gazette(&[
        "extract",
        fixtures.to_str().unwrap(),
        "--entities",
        ents.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&stdout(&o));
    assert!(recs.len() > 100);
    for r in &recs {
        let doc = r["doc"].as_str().unwrap();
        let text = std::fs::read_to_string(fixtures.join(format!("{doc}.txt"))).unwrap();
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], r["text"].as_str().unwrap());
        for k in ["type", "entity", "canonical", "match", "sentence"] {
            assert!(!r[k].is_null(), "{k} missing in {r}");
        }
    }
    let ents = records(&std::fs::read_to_string(&ents).unwrap());
    let soleimani = ents
        .iter()
        .find(|e| e["canonical"] == "Qassem Soleimani")
        .expect("Soleimani entity");
    assert!(soleimani["documents"].as_u64().unwrap() >= 2);
    assert!(
        soleimani["variants"].as_object().unwrap().len() >= 2,
        "{soleimani}"
    );
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let feeds = common::root().join("fixtures/feeds.jsonl");
    let mut input = String::new();
    let base = std::fs::read_to_string(&feeds).unwrap();
    for i in 0..30 {
        for line in base.lines() {
            let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
            v["id"] = format!("{}-{i}", v["id"].as_str().unwrap()).into();
            input.push_str(&v.to_string());
            input.push('\n');
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    std::fs::write(&path, input).unwrap();
    let one = gazette(&[
        "extract",
        path.to_str().unwrap(),
        "--threads",
        "1",
        "--quiet",
    ]);
    let four = gazette(&[
        "extract",
        path.to_str().unwrap(),
        "--threads",
        "4",
        "--quiet",
    ]);
    assert!(one.status.success() && four.status.success());
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, four.stdout);
    // One thread on one CPU reads, processes and writes on one thread (Schedule::Serial).
    // taskset is part of util-linux, which every Debian system has: its absence is a failure.
    let cpu = first_allowed_cpu();
    let pinned = Command::new("taskset")
        .args(["-c", &cpu, env!("CARGO_BIN_EXE_gazette"), "extract"])
        .args([path.to_str().unwrap(), "--threads", "1", "--quiet"])
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run taskset ({e}): this test needs it (util-linux) for the one-CPU run")
        });
    assert!(
        pinned.status.success(),
        "taskset -c {cpu} gazette extract ... --threads 1 failed: {}",
        stderr(&pinned)
    );
    assert!(
        pinned.stdout == one.stdout,
        "one thread pinned to CPU {cpu} (the serial schedule) writes other mentions than one \
         thread unpinned"
    );
}

/// The first CPU this process may run on (`Cpus_allowed_list` of /proc/self/status, "0" when
/// it cannot be read): a container or a CI runner may not let it run on CPU 0.
fn first_allowed_cpu() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Cpus_allowed_list:"))
        .and_then(|list| {
            let first = list.trim().split([',', '-']).next()?;
            first.parse::<usize>().ok().map(|n| n.to_string())
        })
        .unwrap_or_else(|| "0".to_owned())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn bad_input_is_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = write(
        d,
        "good.txt",
        "Gen. Qassem Soleimani visited Baghdad.".as_bytes(),
    );
    let bad_utf8 = write(d, "latin1.txt", b"Caf\xe9 in Baghdad");
    let empty = write(d, "empty.txt", b"  \n");
    let jsonl = write(
        d,
        "feed.jsonl",
        concat!(
            "{\"id\": \"a\", \"text\": \"Kataib Hezbollah fired at Erbil.\"}\n",
            "{\"id\": \"b\", \"text\": \n",
            "{\"id\": \"c\"}\n",
            "\n",
            "{\"id\": \"d\", \"text\": \"The PMU is in Mosul.\", \"source\": \"wire\"}\n"
        )
        .as_bytes(),
    );
    let missing = d.join("missing.txt");
    let o = gazette(&[
        "extract",
        &good,
        &bad_utf8,
        &empty,
        &jsonl,
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for want in [
        "latin1.txt: invalid UTF-8 at byte 3",
        "empty.txt: document \"empty\" is empty",
        "feed.jsonl:2: malformed JSON",
        "feed.jsonl:3: missing field \"text\"",
        "missing.txt: cannot read",
        "8 documents read, 3 processed, 5 failed",
    ] {
        assert!(err.contains(want), "stderr lacks {want:?}:\n{err}");
    }
    let docs: std::collections::BTreeSet<String> = records(&stdout(&o))
        .iter()
        .map(|r| r["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs.into_iter().collect::<Vec<_>>(), ["a", "d", "good"]);
}

#[test]
fn stdin_gzip_and_custom_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::default(),
    );
    gz.write_all(
        b"{\"uid\": 1, \"body\": \"Ayatollah Ali Khamenei spoke in Tehran.\", \"feed\": \"x\"}\n",
    )
    .unwrap();
    gz.finish().unwrap();
    let o = gazette(&[
        "extract",
        path.to_str().unwrap(),
        "--id-field",
        "uid",
        "--text-field",
        "body",
        "--source-field",
        "feed",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&stdout(&o));
    assert!(
        recs.iter()
            .any(|r| r["doc"] == "1" && r["canonical"] == "Ali Khamenei" && r["source"] == "x"),
        "{recs:?}"
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["extract", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\": \"s\", \"text\": \"Rockets hit Camp Taji.\"}\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(
        records(&stdout(&o))
            .iter()
            .any(|r| r["doc"] == "s" && r["type"] == "FACILITY")
    );
}

#[test]
fn usage_errors_exit_2() {
    let o = gazette(&["extract", "--threads", "many"]);
    assert_eq!(o.status.code(), Some(2));
    let o = gazette(&["extract", "--gazetteer", "/nonexistent/gaz.tsv", "--quiet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("gazette: error: /nonexistent/gaz.tsv"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn broken_gazetteer_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = write(
        dir.path(),
        "mine.tsv",
        b"id\ttype\tcanonical\nx.1\tORG\tGood Org\nx.2\tBANANA\tBad Org\n",
    );
    let o = gazette(&["extract", "--gazetteer", &gaz, "--quiet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("mine.tsv:3: type \"BANANA\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn eval_prints_scores() {
    let dir = tempfile::tempdir().unwrap();
    let gold = common::root().join("fixtures/gold/articles.jsonl");
    let o = gazette(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--system",
        gold.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("B-cubed entities") && out.contains("1.0000"),
        "{out}"
    );
    let bad = write(dir.path(), "bad.jsonl", b"{\"doc\": 1}\n");
    let o = gazette(&["eval", "--gold", gold.to_str().unwrap(), "--system", &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.jsonl:1: not a mention record"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn spelling_report_review_and_accept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let feed = write(
        d,
        "feed.jsonl",
        concat!(
            "{\"id\": \"a1\", \"source\": \"wire-a\", \"text\": \"In Baghdad, officials said Qaasem Sulaymani met Abou Mehdi al-Mohandess in Iraq.\"}\n",
            "{\"id\": \"a2\", \"source\": \"daily-b\", \"text\": \"In Baghdad, Qaasem Sulaymani and Qassem Soleimani were named. Iraq said Kataaib Hizbollah denied it.\"}\n"
        )
        .as_bytes(),
    );
    let variants = d.join("variants.jsonl");
    let review = d.join("review.tsv");
    let o = gazette(&[
        "extract",
        &feed,
        "--variants",
        variants.to_str().unwrap(),
        "--review",
        review.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&stdout(&o));
    let v = recs
        .iter()
        .find(|r| r["text"] == "Qaasem Sulaymani")
        .expect("variant linked");
    assert_eq!(v["match"], "variant");
    assert_eq!(v["entity"], "per.qassem-soleimani");
    assert!(v["trace"].as_str().unwrap().contains("q~k~gh~g"), "{v}");
    assert!(v["confidence"].as_f64().unwrap_or(1.0) <= 1.0);

    // Per entity: every spelling with its count per feed and first/last document.
    let report = records(&std::fs::read_to_string(&variants).unwrap());
    let sol = report
        .iter()
        .find(|e| e["entity"] == "per.qassem-soleimani")
        .unwrap();
    let spellings = sol["spellings"].as_array().unwrap();
    let q = spellings
        .iter()
        .find(|s| s["text"] == "Qaasem Sulaymani" && s["source"] == "wire-a")
        .unwrap();
    assert_eq!(
        (
            q["count"].as_u64(),
            q["first_doc"].as_str(),
            q["last_doc"].as_str()
        ),
        (Some(1), Some("a1"), Some("a1"))
    );
    assert!(
        spellings
            .iter()
            .any(|s| s["text"] == "Qassem Soleimani" && s["source"] == "daily-b")
    );

    // The review list proposes the unlisted spellings; accepting makes them aliases.
    let tsv = std::fs::read_to_string(&review).unwrap();
    assert!(
        tsv.contains("\tper.qassem-soleimani\tQassem Soleimani\tQaasem Sulaymani\t2\t"),
        "{tsv}"
    );
    assert!(tsv.contains("Kataaib Hizbollah"), "{tsv}");
    let decided = decide(&tsv, &[("Qaasem Sulaymani", "yes")]);
    let review = write(d, "decided.tsv", decided.as_bytes());
    let aliases = d.join("my-aliases.tsv");
    let o = gazette(&[
        "gazetteer",
        "accept",
        &review,
        "--into",
        aliases.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = gazette(&[
        "extract",
        &feed,
        "--gazetteer",
        aliases.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&stdout(&o));
    let v = recs
        .iter()
        .find(|r| r["text"] == "Qaasem Sulaymani")
        .unwrap();
    assert_eq!(v["match"], "alias", "accepted spelling is now listed");

    // An alias file naming an unknown id is refused with file:line.
    let bad = write(d, "bad-aliases.tsv", b"id\taliases\nper.nobody\tSomeone\n");
    let o = gazette(&["extract", &feed, "--gazetteer", &bad, "--quiet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad-aliases.tsv:2: unknown id"),
        "{}",
        stderr(&o)
    );
}

/// The review list `tsv` with the rows of these aliases set to these decisions.
fn decide(tsv: &str, decisions: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for line in tsv.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match decisions.iter().find(|(alias, _)| f.get(3) == Some(alias)) {
            Some((_, decision)) => out.push_str(&format!("{decision}{}", &line[f[0].len()..])),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The rows of a review list, as fields, the header left out.
fn review_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    assert!(
        lines.next().unwrap().starts_with("accept\tentity\t"),
        "{text}"
    );
    lines
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

#[test]
fn review_decisions_are_remembered_and_never_duplicated() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let feed = write(
        d,
        "feed.jsonl",
        concat!(
            "{\"id\": \"b1\", \"text\": \"Officials in Baghdad said that Qaasem Sulaymani met Kataaib Hizbollah leaders on Tuesday.\"}\n",
            "{\"id\": \"b2\", \"text\": \"Later Kataaib Hizbollah and Abou Mehdi al-Mohandess spoke in Iraq.\"}\n"
        )
        .as_bytes(),
    );
    let extract_review = |out: &Path, extra: &[&str]| {
        let mut args = vec!["extract", &feed, "--review", out.to_str().unwrap()];
        args.extend(extra);
        let o = gazette(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        o
    };
    let review = d.join("review.tsv");
    extract_review(&review, &["--quiet"]);
    let rows = review_rows(&review);
    let aliases_listed: Vec<&str> = rows.iter().map(|r| r[3].as_str()).collect();
    for alias in [
        "Qaasem Sulaymani",
        "Kataaib Hizbollah",
        "Abou Mehdi al-Mohandess",
    ] {
        assert!(aliases_listed.contains(&alias), "{alias}: {rows:?}");
    }
    for r in &rows {
        assert_eq!(r[0], "", "nothing is decided for the user: {r:?}");
        // The context is the text around the first mention in the first document.
        assert!(r[8].contains(&r[3]), "{r:?}");
    }
    let kataaib = rows.iter().find(|r| r[3] == "Kataaib Hizbollah").unwrap();
    assert_eq!(kataaib[7], "b1");
    assert!(
        kataaib[8].starts_with("Officials in Baghdad"),
        "{kataaib:?}"
    );

    // One yes, one no; accepted twice.
    let tsv = std::fs::read_to_string(&review).unwrap();
    let decided = decide(
        &tsv,
        &[("Qaasem Sulaymani", "yes"), ("Kataaib Hizbollah", "no")],
    );
    let decided = write(d, "decided.tsv", decided.as_bytes());
    let aliases = d.join("mine.tsv");
    let accept = || {
        let o = gazette(&[
            "gazetteer",
            "accept",
            &decided,
            "--into",
            aliases.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        stderr(&o)
    };
    let first = accept();
    assert!(
        first.contains("1 aliases accepted") && first.contains("(0 already there)"),
        "{first}"
    );
    let second = accept();
    assert!(
        second.contains("0 aliases accepted") && second.contains("(1 already there)"),
        "{second}"
    );
    let alias_text = std::fs::read_to_string(&aliases).unwrap();
    let alias_rows: Vec<&str> = alias_text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        alias_rows,
        ["id\taliases", "per.qassem-soleimani\tQaasem Sulaymani"]
    );
    let rejections = d.join("mine.rejections.txt");
    let rejected = std::fs::read_to_string(&rejections).unwrap();
    let rejected_rows: Vec<&str> = rejected.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        rejected_rows,
        ["entity\talias", "org.kataib-hezbollah\tKataaib Hizbollah"]
    );

    // The next run: the accepted spelling is an alias, the rejected one is not proposed again.
    let next = d.join("next.tsv");
    let o = extract_review(
        &next,
        &[
            "--gazetteer",
            aliases.to_str().unwrap(),
            "--rejections",
            rejections.to_str().unwrap(),
        ],
    );
    assert!(
        stderr(&o).contains("1 left out as rejected before"),
        "{}",
        stderr(&o)
    );
    let listed: Vec<String> = review_rows(&next)
        .into_iter()
        .map(|r| r[3].clone())
        .collect();
    assert_eq!(listed, ["Abou Mehdi al-Mohandess"]);
    // Without the rejections file it comes back: the file is what leaves it out.
    let again = d.join("again.tsv");
    extract_review(
        &again,
        &["--gazetteer", aliases.to_str().unwrap(), "--quiet"],
    );
    let listed: Vec<String> = review_rows(&again)
        .into_iter()
        .map(|r| r[3].clone())
        .collect();
    assert!(
        listed.contains(&"Kataaib Hizbollah".to_string()),
        "{listed:?}"
    );

    // --rejections only makes sense with --review.
    let o = gazette(&[
        "extract",
        &feed,
        "--rejections",
        rejections.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn equally_close_spellings_are_reported_not_linked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let gaz = write(
        d,
        "gaz.tsv",
        b"id\ttype\tcanonical\tcountry\np.1\tPERSON\tKarim Jabouri\tIQ\np.2\tPERSON\tKareem Jaburi\tIQ\ng.1\tGPE\tBaghdad\tIQ\n",
    );
    let feed = write(
        d,
        "feed.jsonl",
        b"{\"id\": \"a\", \"text\": \"In Baghdad, Karim Jabbouri spoke.\"}\n",
    );
    let review = d.join("review.tsv");
    let o = gazette(&[
        "extract",
        &feed,
        "--no-bundled",
        "--gazetteer",
        &gaz,
        "--review",
        review.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&stdout(&o));
    assert!(
        !recs.iter().any(|r| r["text"] == "Karim Jabbouri"),
        "no link: {recs:?}"
    );
    let tsv = std::fs::read_to_string(&review).unwrap();
    let row = tsv
        .lines()
        .find(|l| l.contains("Karim Jabbouri"))
        .expect("reported in the review list");
    assert!(row.starts_with("\tp.1|p.2\t"), "{row}");
    assert!(row.contains("ambiguous: equally close to"), "{row}");
    // Accepting it as is is refused: one id must be chosen first.
    let accepted = tsv.replace("\tp.1|p.2\t", "yes\tp.1|p.2\t");
    let review2 = write(d, "review2.tsv", accepted.as_bytes());
    let o = gazette(&[
        "gazetteer",
        "accept",
        &review2,
        "--into",
        d.join("a.tsv").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("keep one id"), "{}", stderr(&o));
}

/// A user gazetteer of one company, `x:acme`, and a document naming it: (gazetteer, text).
fn acme(dir: &Path) -> (String, String) {
    let extra = write(
        dir,
        "mine.tsv",
        // "Acme Widgets" is all common words: its country, named by "Baghdad", vouches.
        b"id\ttype\tcanonical\taliases\tcountry\nx:acme\tORG\tAcme Widgets Corporation\tAcme Widgets\tIQ\n",
    );
    let input = write(
        dir,
        "a.txt",
        "Acme Widgets said Gen. Qassem Soleimani visited Baghdad.".as_bytes(),
    );
    (extra, input)
}

#[test]
fn the_gazetteer_cache_is_written_then_read_and_changes_no_output() {
    let cache = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (extra, input) = acme(dir.path());
    let run = |more: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .env("GAZETTE_CACHE_DIR", cache.path())
            .args(["extract", &input, "--gazetteer", &extra])
            .args(more)
            .output()
            .expect("run gazette");
        assert!(o.status.success(), "{}", stderr(&o));
        o
    };
    let first = run(&[]);
    assert!(stderr(&first).contains("cached in"), "{}", stderr(&first));
    let second = run(&[]);
    assert!(stderr(&second).contains("read from"), "{}", stderr(&second));
    let fresh = run(&["--no-cache"]);
    assert!(
        stderr(&fresh).contains("gazetteers compiled in"),
        "{}",
        stderr(&fresh)
    );
    assert!(stdout(&first).contains("x:acme"), "{}", stdout(&first));
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.stdout, fresh.stdout);
    // An edited gazetteer file is a new cache file, and its change shows.
    std::fs::write(
        &extra,
        "id\ttype\tcanonical\nx:acme\tORG\tAcme Gadgets Corporation\n",
    )
    .unwrap();
    let edited = run(&[]);
    assert!(stderr(&edited).contains("cached in"), "{}", stderr(&edited));
    assert!(!stdout(&edited).contains("x:acme"), "{}", stdout(&edited));
    let files = std::fs::read_dir(cache.path()).unwrap().count();
    assert_eq!(files, 2, "one file per gazetteer set");
}

#[test]
fn a_prebuilt_index_extracts_what_the_files_do_and_damage_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (extra, input) = acme(dir.path());
    let index = dir.path().join("mine.gzi");
    let index = index.to_str().unwrap();
    let built = gazette(&["gazetteer", "build", &extra, "--out", index]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(stderr(&built).contains("index"), "{}", stderr(&built));
    let from_files = gazette(&["extract", &input, "--gazetteer", &extra, "--no-cache"]);
    let from_index = gazette(&["extract", &input, "--index", index]);
    assert!(from_index.status.success(), "{}", stderr(&from_index));
    assert!(
        stderr(&from_index).contains("read from the index"),
        "{}",
        stderr(&from_index)
    );
    assert!(
        stdout(&from_index).contains("x:acme"),
        "{}",
        stdout(&from_index)
    );
    assert_eq!(from_files.stdout, from_index.stdout);
    // Without the extra file, the index of the bundled ones does not know Acme.
    let bundled = dir.path().join("bundled.gzi");
    let bundled = bundled.to_str().unwrap();
    assert!(
        gazette(&["gazetteer", "build", "--out", bundled])
            .status
            .success()
    );
    let plain = gazette(&["extract", &input, "--index", bundled]);
    assert!(!stdout(&plain).contains("x:acme"), "{}", stdout(&plain));
    // A damaged or cut index stops the run with exit 2 and says what to do; nothing is
    // extracted from it.
    let mut bytes = std::fs::read(index).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    std::fs::write(index, &bytes).unwrap();
    for file in [
        index.to_string(),
        write(dir.path(), "cut.gzi", &bytes[..mid]),
    ] {
        let o = gazette(&["extract", &input, "--index", &file]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("damaged"), "{}", stderr(&o));
        assert!(stderr(&o).contains("gazetteer build"), "{}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
    // An index replaces the files: mixing them is a usage error.
    let o = gazette(&["extract", &input, "--index", bundled, "--gazetteer", &extra]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
