//! Dated documents through the real binary: `--date`, a JSONL date field, the `active`
//! column of a gazetteer, and what the records say.

use std::path::Path;
use std::process::{Command, Output};

fn gazette(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .output()
        .expect("run gazette")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// One mention written: (doc, surface, entity, date, trace).
type Seen = (String, String, String, Option<String>, Option<String>);

/// Every mention written.
fn mentions(o: &Output) -> Vec<Seen> {
    let s = |v: &serde_json::Value| v.as_str().map(String::from);
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                s(&r["doc"]).unwrap(),
                s(&r["text"]).unwrap(),
                s(&r["entity"]).unwrap(),
                s(&r["date"]),
                s(&r["trace"]),
            )
        })
        .collect()
}

/// Two ports authorities sharing the code "NPRA" (four letters: a shorter code would also
/// need its country named, stage 3c), the younger listed first, and a port.
const GAZETTEER: &str = "id\ttype\tcanonical\tcodes\tactive\n\
     org.new\tORG\tNorthern Ports Agency\tNPRA\t2009-05..\n\
     org.old\tORG\tNational Ports Administration\tNPRA\t1951..\n\
     gpe.harbour\tGPE\tQasr Harbour\t\t\n";

#[test]
fn the_date_decides_between_candidates_and_the_record_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = write(dir.path(), "ports.tsv", GAZETTEER);
    let feed = write(
        dir.path(),
        "feed.jsonl",
        concat!(
            "{\"id\": \"old\", \"text\": \"The NPRA said Qasr Harbour was closed.\", \"date\": \"1987-06-01\"}\n",
            "{\"id\": \"new\", \"text\": \"The NPRA said Qasr Harbour was closed.\", \"date\": \"2015\"}\n",
            "{\"id\": \"stamp\", \"text\": \"The NPRA said Qasr Harbour was closed.\", \"date\": \"2009-05-03T05:00:00Z\"}\n",
            "{\"id\": \"none\", \"text\": \"The NPRA said Qasr Harbour was closed.\"}\n",
        ),
    );
    let run = |extra: &[&str]| {
        let mut args = vec![
            "extract",
            &feed,
            "--gazetteer",
            &gaz,
            "--no-bundled",
            "--no-cache",
            "--quiet",
        ];
        args.extend_from_slice(extra);
        let o = gazette(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        mentions(&o)
    };
    let refused =
        "not linked to Northern Ports Agency: active 2009-05.., document dated 1987-06-01";
    let npa = |doc: &str, entity: &str, date: Option<&str>, trace: Option<&str>| {
        (
            doc.to_string(),
            "NPRA".to_string(),
            entity.to_string(),
            date.map(String::from),
            trace.map(String::from),
        )
    };
    let got: Vec<_> = run(&[]).into_iter().filter(|m| m.1 == "NPRA").collect();
    assert_eq!(
        got,
        [
            npa("old", "org.old", Some("1987-06-01"), Some(refused)),
            npa("new", "org.new", Some("2015"), None),
            npa("stamp", "org.new", Some("2009-05-03"), None),
            // Undated: as without lifetimes, the first listed bearer, no date field.
            npa("none", "org.new", None, None),
        ]
    );
    // --date dates the document without a date field; a document's own field wins.
    let got: Vec<_> = run(&["--date", "1990"])
        .into_iter()
        .filter(|m| m.1 == "NPRA")
        .collect();
    let dates: Vec<(&str, &str, Option<&str>)> = got
        .iter()
        .map(|m| (m.0.as_str(), m.2.as_str(), m.3.as_deref()))
        .collect();
    assert_eq!(
        dates,
        [
            ("old", "org.old", Some("1987-06-01")),
            ("new", "org.new", Some("2015")),
            ("stamp", "org.new", Some("2009-05-03")),
            ("none", "org.old", Some("1990")),
        ]
    );
    // Entities without a lifetime link in every dated document.
    let harbour = run(&[])
        .into_iter()
        .filter(|m| m.2 == "gpe.harbour")
        .count();
    assert_eq!(harbour, 4);
}

#[test]
fn a_date_on_a_text_file_and_another_date_field() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = write(dir.path(), "ports.tsv", GAZETTEER);
    let txt = write(
        dir.path(),
        "story.txt",
        "Officials of the NPRA met on Monday.",
    );
    let base = [
        "--gazetteer",
        gaz.as_str(),
        "--no-bundled",
        "--no-cache",
        "--quiet",
    ];
    let o = gazette(
        &[
            &["extract", txt.as_str(), "--date", "2008-12-31"][..],
            &base[..],
        ]
        .concat(),
    );
    let got = mentions(&o);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].2.as_str(), got[0].3.as_deref()),
        ("org.old", Some("2008-12-31"))
    );
    let feed = write(
        dir.path(),
        "feed.jsonl",
        "{\"id\": \"x\", \"text\": \"Officials of the NPRA met.\", \"published\": \"2020-02\", \"date\": \"1960\"}\n",
    );
    let o = gazette(
        &[
            &["extract", feed.as_str(), "--date-field", "published"][..],
            &base[..],
        ]
        .concat(),
    );
    let got = mentions(&o);
    assert_eq!(
        (got[0].2.as_str(), got[0].3.as_deref()),
        ("org.new", Some("2020-02"))
    );
}

#[test]
fn bad_dates_are_reported_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = write(dir.path(), "ports.tsv", GAZETTEER);
    let feed = write(
        dir.path(),
        "feed.jsonl",
        concat!(
            "{\"id\": \"a\", \"text\": \"The NPRA met.\", \"date\": \"1987-02-30\"}\n",
            "{\"id\": \"b\", \"text\": \"The NPRA met.\", \"date\": \"1987-06-01\"}\n",
        ),
    );
    let o = gazette(&[
        "extract",
        &feed,
        "--gazetteer",
        &gaz,
        "--no-bundled",
        "--no-cache",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("feed.jsonl:1: field \"date\": \"1987-02-30\" is not a date"),
        "{err}"
    );
    assert!(!err.contains("feed.jsonl:2"), "{err}");
    // The document with the broken date is processed, undated.
    let got = mentions(&o);
    let a: Vec<_> = got.iter().filter(|m| m.0 == "a").collect();
    assert_eq!(a.len(), 1);
    assert_eq!((a[0].2.as_str(), a[0].3.as_deref()), ("org.new", None));
    // A --date that is no date is a usage error naming the flag.
    let o = gazette(&["extract", &feed, "--date", "June 1987"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--date"), "{}", stderr(&o));
}

#[test]
fn a_broken_lifetime_is_a_file_and_line_error() {
    let dir = tempfile::tempdir().unwrap();
    for (row, why) in [
        (
            "org.x\tORG\tFirst Front\t\t2019..2003\n",
            "before it starts",
        ),
        ("org.x\tORG\tFirst Front\t\t2003-13..\n", "is not a date"),
        ("org.x\tORG\tFirst Front\t\tsince 2003\n", "FROM..TO"),
    ] {
        let gaz = write(
            dir.path(),
            "mine.tsv",
            &format!("id\ttype\tcanonical\tcodes\tactive\n{row}"),
        );
        let o = gazette(&[
            "extract",
            "--gazetteer",
            &gaz,
            "--no-bundled",
            "--no-cache",
            "--quiet",
        ]);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(
            err.contains("mine.tsv:2: active") && err.contains(why),
            "{row}: {err}"
        );
    }
}

/// The bundled lifetimes on a story of the 1987 newswire kind, written for this test.
#[test]
fn bundled_lifetimes_keep_a_1987_story_in_1987() {
    let dir = tempfile::tempdir().unwrap();
    let story = write(
        dir.path(),
        "story.txt",
        "OPEC ministers met in Vienna. Its OPEC+ talks went on. In Washington, the House of \
         Representatives passed the bill on Monday.",
    );
    let run = |date: Option<&str>| {
        let mut args = vec!["extract", story.as_str(), "--no-cache", "--quiet"];
        if let Some(d) = date {
            args.extend(["--date", d]);
        }
        mentions(&gazette(&args))
            .into_iter()
            .map(|m| (m.1, m.2, m.4))
            .collect::<Vec<_>>()
    };
    let undated = run(None);
    let dated = run(Some("1987-06-01"));
    let entity = |ms: &[(String, String, Option<String>)], surface: &str| {
        ms.iter().find(|m| m.0 == surface).map(|m| m.1.clone())
    };
    // "OPEC" alone is never OPEC+: the "+" must be written.
    assert_eq!(
        entity(&undated, "OPEC").as_deref(),
        Some("org.organization-of-the-petroleum-exporting-countries")
    );
    let opec = |ms: &[(String, String, Option<String>)]| {
        ms.iter()
            .filter(|m| m.0 == "OPEC")
            .map(|m| (m.1.clone(), m.2.clone()))
            .collect::<Vec<_>>()
    };
    // In 1987, the bodies that existed then.
    assert_eq!(
        entity(&dated, "OPEC").as_deref(),
        Some("org.organization-of-the-petroleum-exporting-countries")
    );
    let (entity_then, trace) = opec(&dated)[1].clone();
    assert_eq!(
        entity_then,
        "org.organization-of-the-petroleum-exporting-countries"
    );
    assert_eq!(
        trace.as_deref(),
        Some(
            "full name in this document; not linked to OPEC+: active 2016-12-10.., document \
             dated 1987-06-01"
        )
    );
    assert_eq!(
        entity(&dated, "House of Representatives").as_deref(),
        Some("org.united-states-house-of-representatives")
    );
}
