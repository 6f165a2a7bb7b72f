//! The accuracy bars, scored with `gazette eval`'s own code: typed F1 and B-cubed F1 on the
//! fixture articles (≥ 0.98) and on the real seed articles (≥ 0.95).

mod common;
use common::*;

/// Every gold span of `gold_path` slices its text out of its document in `dir`.
fn gold_spans_slice(dir: &std::path::Path, gold_path: &std::path::Path) {
    let docs = txt_docs(dir);
    for a in gold(gold_path) {
        let d = docs
            .iter()
            .find(|d| d.id == a.doc)
            .unwrap_or_else(|| panic!("{}: no document {}", gold_path.display(), a.doc));
        assert_eq!(
            d.text.get(a.start..a.end),
            Some(a.text.as_str()),
            "{} {:?}",
            gold_path.display(),
            a
        );
    }
}

#[test]
fn fixture_gold_spans_slice_their_documents() {
    gold_spans_slice(
        &root().join("fixtures/articles"),
        &root().join("fixtures/gold/articles.jsonl"),
    );
}

#[test]
#[ignore = "needs ../shared/seeds (the real seed articles); .ci/run runs it"]
fn seed_gold_spans_slice_their_documents() {
    let seeds = shared("seeds");
    gold_spans_slice(&seeds, &root().join("fixtures/gold/seeds.jsonl"));
    gold_spans_slice(&seeds, &root().join("fixtures/gold/seeds-nominal.jsonl"));
}

#[test]
fn fixtures_meet_the_bar() {
    let docs = txt_docs(&root().join("fixtures/articles"));
    assert!(docs.len() >= 8, "at least 8 fixture articles");
    let g = gold(&root().join("fixtures/gold/articles.jsonl"));
    let s = report("fixtures", &g, &system(&docs));
    assert!(s.typed.f >= 0.98, "typed F1 {:.4} < 0.98", s.typed.f);
    assert!(s.bcubed.f >= 0.98, "B-cubed F1 {:.4} < 0.98", s.bcubed.f);
}

#[test]
#[ignore = "needs ../shared/seeds (the real seed articles); .ci/run runs it"]
fn seeds_meet_the_bar() {
    let dir = shared("seeds");
    let docs = txt_docs(&dir);
    assert_eq!(docs.len(), 5);
    let g = gold(&root().join("fixtures/gold/seeds.jsonl"));
    let s = report("seeds", &g, &system(&docs));
    assert!(s.typed.f >= 0.95, "typed F1 {:.4} < 0.95", s.typed.f);
    assert!(s.bcubed.f >= 0.95, "B-cubed F1 {:.4} < 0.95", s.bcubed.f);
}

/// The stories of `../shared/corpus/news.jsonl` that a gold file annotates.
fn news_docs(gold_path: &std::path::Path) -> Vec<gazette::document::Document> {
    let ids: std::collections::HashSet<String> =
        gold(gold_path).into_iter().map(|a| a.doc).collect();
    let corpus = std::fs::read_to_string(shared("corpus").join("news.jsonl")).unwrap();
    corpus
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            let id = v["id"].as_str()?.to_string();
            ids.contains(&id)
                .then(|| gazette::document::Document::new(id, v["text"].as_str().unwrap()))
        })
        .collect()
}

/// General newswire (issue 24's bars on the tuning sets; the held-out set is held to what it
/// scored when the rules were finished, so a change that loses ground there fails). No
/// system entity may merge two gold entities of the first set.
#[test]
#[ignore = "needs ../shared/corpus/news.jsonl (Reuters-21578); .ci/run runs it"]
fn general_news_meets_the_bar() {
    let s = news_report("fixtures/gold/news.jsonl", 40, "news");
    assert!(s.typed.p >= 0.92, "typed precision {:.4} < 0.92", s.typed.p);
    assert!(s.typed.f >= 0.80, "typed F1 {:.4} < 0.80", s.typed.f);
    assert!(s.merged.is_empty(), "merged entities: {:?}", s.merged);
    for (file, n, name, (p, r)) in [
        ("news-dev.jsonl", 25, "news dev", DEV),
        ("news-dev2.jsonl", 30, "news dev 2", DEV2),
        ("news-dev3.jsonl", 30, "news dev 3", DEV3),
        ("news-heldout.jsonl", 15, "news held out", HELD_OUT),
        ("news-heldout2.jsonl", 25, "news held out 2", HELD_OUT2),
        ("news-heldout3.jsonl", 25, "news held out 3", HELD_OUT3),
    ] {
        let s = news_report(&format!("fixtures/gold/{file}"), n, name);
        assert!(
            s.typed.p >= p,
            "{name}: typed precision {:.4} < {p}",
            s.typed.p
        );
        assert!(
            s.typed.r >= r,
            "{name}: typed recall {:.4} < {r}",
            s.typed.r
        );
    }
}

/// The tuning sets' floors (precision, recall): the for the first dev set, what
/// the later ones scored when their rules were finished (docs/coreference.md).
const DEV: (f64, f64) = (0.90, 0.65);
const DEV2: (f64, f64) = (0.94, 0.77);
const DEV3: (f64, f64) = (0.96, 0.78);
/// What the held-out sets scored (precision, recall) when the rules were finished
/// (docs/coreference.md): a change that loses ground there fails.
const HELD_OUT: (f64, f64) = (0.85, 0.55);
const HELD_OUT2: (f64, f64) = (0.89, 0.73);
const HELD_OUT3: (f64, f64) = (0.97, 0.76);

/// Scores the stories a gold file annotates (checking there are `n` and that every span
/// slices its story).
fn news_report(gold_file: &str, n: usize, name: &str) -> gazette::tools::eval::Scores {
    let path = root().join(gold_file);
    let docs = news_docs(&path);
    assert_eq!(docs.len(), n, "{gold_file}");
    gold_spans_slice_docs(&docs, &path);
    report(name, &gold(&path), &system(&docs))
}

fn gold_spans_slice_docs(docs: &[gazette::document::Document], gold_path: &std::path::Path) {
    for a in gold(gold_path) {
        let d = docs.iter().find(|d| d.id == a.doc).expect("document");
        assert_eq!(d.text.get(a.start..a.end), Some(a.text.as_str()), "{a:?}");
    }
}
