//! Records written by the binary conform to the JSON Schema files in schema/ (required
//! fields present, no field the schema does not document, enum values allowed).

mod common;
use gazette::sink::{Batch, MentionsJsonl, Sink};
use serde_json::Value;
use std::process::Command;

fn check(schema: &Value, rec: &Value) {
    let obj = rec.as_object().expect("record is an object");
    for req in schema["required"].as_array().unwrap() {
        assert!(
            obj.contains_key(req.as_str().unwrap()),
            "missing {req} in {rec}"
        );
    }
    let props = schema["properties"].as_object().unwrap();
    for (k, v) in obj {
        let p = props
            .get(k)
            .unwrap_or_else(|| panic!("undocumented field {k} in {rec}"));
        if let Some(allowed) = p.get("enum") {
            assert!(
                allowed.as_array().unwrap().contains(v),
                "{k}={v} not in {allowed}"
            );
        }
    }
}

#[test]
fn records_match_their_schemas() {
    let root = common::root();
    let load = |p: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(p)).unwrap()).unwrap()
    };
    let mention_schema = load("schema/mention.schema.json");
    let entity_schema = load("schema/entity.schema.json");
    let dir = tempfile::tempdir().unwrap();
    let ents = dir.path().join("e.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args([
            "extract",
            root.join("fixtures/feeds.jsonl").to_str().unwrap(),
            "--entities",
            ents.to_str().unwrap(),
            "--quiet",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut kinds = std::collections::BTreeSet::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        kinds.insert(v["match"].as_str().unwrap().to_string());
        check(&mention_schema, &v);
    }
    assert!(kinds.len() >= 3, "several match kinds exercised: {kinds:?}");
    let mut discovered = 0;
    for line in std::fs::read_to_string(&ents).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        check(&entity_schema, &v);
        if v["discovered"] == true {
            discovered += 1;
            assert!(!v["evidence"].as_array().unwrap().is_empty());
        }
    }
    assert!(discovered > 0);
}

/// The lines the mentions sink writes straight from an extraction are the serialised records
/// (half the documents with a source, with a quote in it); returns the kinds of mention seen.
fn lines_are_the_records(
    docs: Vec<gazette::document::Document>,
) -> std::collections::BTreeSet<gazette::record::MatchKind> {
    let p = common::pipeline();
    let mut kinds = std::collections::BTreeSet::new();
    for (i, mut doc) in docs.into_iter().enumerate() {
        if i % 2 == 0 {
            doc.source = Some(format!("feed \"{i}\""));
        }
        let ex = p.extract(&doc);
        let records = ex.records(&doc);
        kinds.extend(records.iter().map(|r| r.how));
        let mut want = Vec::new();
        for r in &records {
            serde_json::to_writer(&mut want, r).unwrap();
            want.push(b'\n');
        }
        let got = common::SharedBuf::default();
        let mut sink = MentionsJsonl::new(Box::new(got.clone()), "<test>");
        let batch = Batch::new(std::slice::from_ref(&doc), std::slice::from_ref(&ex));
        sink.write(&batch).unwrap();
        sink.finish().unwrap();
        assert_eq!(sink.mentions(), records.len() as u64, "{}", doc.id);
        assert_eq!(got.text(), String::from_utf8(want).unwrap(), "{}", doc.id);
    }
    kinds
}

/// The lines the mentions sink writes straight from an extraction are the serialised records,
/// for every kind of mention (discovered, coref, variant, partial…), with and without a
/// source.
#[test]
fn lines_written_from_the_extraction_are_the_records() {
    let mut docs = common::txt_docs(&common::root().join("fixtures/articles"));
    // Unlisted spellings, for variant mentions with their traces.
    docs.push(gazette::document::Document {
        id: "variants".into(),
        text: "Iraqi officials said Kataeb Hizballah fighters met in Baghdad. The Iranian \
               general Qassem Sulaimaani was there."
            .into(),
        source: None,
        date: None,
    });
    // A dated document, for the date field and a trace naming a refused candidate.
    docs.push(
        gazette::document::Document::new(
            "dated",
            "Qassem Soleimani was seen in Baghdad, officials of the Islamic State said.",
        )
        .with_date(gazette::date::Date::parse("1987-06-01").expect("a date")),
    );
    // A short form of a full name, for a partial mention (the fixture articles hold none).
    docs.push(gazette::document::Document::new(
        "partial",
        "US Defense Secretary Lloyd J. Austin III visited Baghdad on Monday. Austin met \
         Iraqi officials.",
    ));
    let kinds = lines_are_the_records(docs);
    // These documents hold these kinds of mention.
    for k in [
        "exact",
        "alias",
        "partial",
        "coref",
        "discovered",
        "variant",
    ] {
        assert!(
            kinds.iter().any(|m| m.as_str() == k),
            "no {k} mention: {kinds:?}"
        );
    }
}

/// The same on the real seed articles.
#[test]
#[ignore = "needs ../shared/seeds (the real seed articles); .ci/run runs it"]
fn lines_written_from_the_extraction_of_the_seeds_are_the_records() {
    let docs = common::txt_docs(&common::shared("seeds"));
    assert_eq!(docs.len(), 5, "the five seed articles");
    let kinds = lines_are_the_records(docs);
    assert!(kinds.len() >= 3, "{kinds:?}");
}
