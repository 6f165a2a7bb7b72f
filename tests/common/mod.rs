//! Helpers shared by the behaviour tests (each test crate uses some of them).
#![allow(dead_code, unused_imports)]

use gazette::Pipeline;
use gazette::document::Document;
use gazette::tools::eval::{Annotated, Scores, evaluate};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[path = "../../src/sink/shared_buf.rs"]
mod shared_buf;
pub(crate) use shared_buf::SharedBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/<sub>` beside the repository (the real seed articles, the corpus, the variant
/// list, the GeoNames extract). Tests that read it are `#[ignore]`d, so that `cargo test`
/// passes on a machine without it, and `.ci/run` runs them (`cargo test --release --
/// --ignored`). Run when it is absent, such a test fails and says what it needs: it does not
/// pass by doing nothing.
#[track_caller]
pub fn shared(sub: &str) -> PathBuf {
    let p = root().join("..").join("shared").join(sub);
    assert!(
        p.exists(),
        "this test needs ../shared/{sub} beside the repository, and {} is absent \
         (.ci/run runs this test with ../shared in place)",
        p.display()
    );
    p
}

/// The PostgreSQL server the tests that need one use: `GAZETTE_PG_URL`. Those tests are
/// `#[ignore]`d, and `.ci/run` runs them after `.ci/postgres.sh` has started a server and
/// exported the variable. Run without it, such a test fails and says how to get one.
#[track_caller]
pub fn pg_url() -> String {
    match std::env::var("GAZETTE_PG_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "this test needs a PostgreSQL server and GAZETTE_PG_URL is not set: run \
             `source .ci/postgres.sh` first (as root it installs, starts and exports one), or \
             export GAZETTE_PG_URL=postgres://user:password@host/db"
        ),
    }
}

pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::bundled().expect("bundled gazetteers load"))
}

/// Every `*.txt` file in a folder as a document, id = file stem, sorted.
pub fn txt_docs(dir: &Path) -> Vec<Document> {
    gazette::document::read_documents(dir)
}

/// Name mentions (everything but nominal coreference, which gold annotates separately).
pub fn system(docs: &[Document]) -> Vec<Annotated> {
    system_where(docs, |r| r.how != gazette::record::MatchKind::Coref)
}

/// The pipeline's records that pass `keep`, as evaluation records.
pub fn system_where(
    docs: &[Document],
    keep: impl Fn(&gazette::record::MentionRecord) -> bool,
) -> Vec<Annotated> {
    docs.iter()
        .flat_map(|d| pipeline().extract(d).records(d))
        .filter(|r| keep(r))
        .map(|r| Annotated {
            doc: r.doc,
            start: r.start,
            end: r.end,
            text: r.text,
            kind: r.kind,
            entity: r.entity,
        })
        .collect()
}

pub fn gold(path: &Path) -> Vec<Annotated> {
    gazette::tools::eval::read(path).unwrap()
}

/// Prints every disagreement, so a failing bar says what to look at.
pub fn report(name: &str, gold: &[Annotated], sys: &[Annotated]) -> Scores {
    use std::collections::HashMap;
    let g: HashMap<_, _> = gold
        .iter()
        .map(|a| ((a.doc.clone(), a.start, a.end), a))
        .collect();
    let s: HashMap<_, _> = sys
        .iter()
        .map(|a| ((a.doc.clone(), a.start, a.end), a))
        .collect();
    let mut lines = Vec::new();
    for (k, a) in &g {
        match s.get(k) {
            None => lines.push(format!(
                "MISSED   {} {}..{} {:?} {} {}",
                a.doc, a.start, a.end, a.text, a.kind, a.entity
            )),
            Some(b) if b.kind != a.kind => lines.push(format!(
                "TYPE     {} {}..{} {:?} gold {} system {}",
                a.doc, a.start, a.end, a.text, a.kind, b.kind
            )),
            _ => {}
        }
    }
    for (k, a) in &s {
        if !g.contains_key(k) {
            lines.push(format!(
                "SPURIOUS {} {}..{} {:?} {} {}",
                a.doc, a.start, a.end, a.text, a.kind, a.entity
            ));
        }
    }
    // Gold entity -> system entities, to show splits and merges.
    let mut map: HashMap<&str, std::collections::BTreeSet<&str>> = HashMap::new();
    for (k, a) in &g {
        if let Some(b) = s.get(k) {
            map.entry(a.entity.as_str())
                .or_default()
                .insert(b.entity.as_str());
        }
    }
    for (ge, ses) in &map {
        if ses.len() > 1 {
            lines.push(format!("SPLIT    gold {ge} -> system {ses:?}"));
        }
    }
    let mut rev: HashMap<&str, std::collections::BTreeSet<&str>> = HashMap::new();
    for (k, b) in &s {
        if let Some(a) = g.get(k) {
            rev.entry(b.entity.as_str())
                .or_default()
                .insert(a.entity.as_str());
        }
    }
    for (se, ges) in &rev {
        if ges.len() > 1 {
            lines.push(format!("MERGED   system {se} <- gold {ges:?}"));
        }
    }
    lines.sort();
    for l in &lines {
        eprintln!("[{name}] {l}");
    }
    let scores = evaluate(gold, sys);
    eprintln!("[{name}]\n{scores}");
    scores
}
