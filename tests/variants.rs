//! Spellings nobody listed: every attested variant of ../shared/variants/dev.tsv links to the
//! entity of its canonical name, the transliteration rules alone link the transliterations
//! (with a gazetteer of canonical names only), and the confusable pairs of
//! fixtures/variants/confusables.tsv give zero false links.

mod common;
use gazette::Pipeline;
use gazette::document::Document;
use gazette::gazetteer::Gazetteer;
use gazette::record::MatchKind;

struct Row {
    canonical: String,
    kind: String,
    variant: String,
}

#[track_caller]
fn dev_rows() -> Vec<Row> {
    let path = common::shared("variants/dev.tsv");
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                canonical: f[0].into(),
                kind: f[1].into(),
                variant: f[2].into(),
            }
        })
        .collect()
}

/// The entity `name` links to in a sentence of regional news, with how it was linked: the
/// longest mention inside the name's span ("Ain Al Asad airbase" is the mention "Ain Al
/// Asad"). One-word variants are only linked in documents about their country, hence the
/// dateline.
fn link(p: &Pipeline, name: &str) -> Option<(String, String, MatchKind)> {
    let text =
        format!("Baghdad, Beirut and Tehran (wire) - Reports on Monday said {name} was involved.");
    let start = text.find(name).unwrap();
    let end = start + name.len();
    let doc = Document::new("v", text.clone());
    p.extract(&doc)
        .records(&doc)
        .into_iter()
        .filter(|r| r.start >= start && r.end <= end)
        .max_by_key(|r| r.end - r.start)
        .map(|r| (r.entity, r.kind, r.how))
}

#[test]
#[ignore = "needs ../shared/variants/dev.tsv (the attested variants); .ci/run runs it"]
fn every_dev_variant_links_to_its_canonical_entity() {
    let rows = dev_rows();
    let p = common::pipeline();
    let mut failures = Vec::new();
    for r in &rows {
        let want = link(p, &r.canonical);
        let got = link(p, &r.variant);
        match (&want, &got) {
            (Some((we, wk, _)), Some((ge, _, _))) if we == ge && *wk == r.kind => {}
            _ => failures.push(format!(
                "{} ({}) -> {:?}; {} -> {:?}",
                r.canonical, r.kind, want, r.variant, got
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// Rows that are translations, acronyms, short forms or other names rather than
/// transliterations: no spelling rule can reach them, only a listed alias.
const NOT_TRANSLITERATIONS: &[&str] = &[
    "Hezbollah Brigades",
    "Popular Mobilization Units",
    "Popular Mobilisation Units",
    "PMF",
    "PMU",
    "Hashd al-Shaabi",
    "al-Hashd al-Sha'bi",
    "Harakat al-Nujaba",
    "Badr Brigade",
    "IRGC",
    "Revolutionary Guards",
    "ISIS",
    "ISIL",
    "Daesh",
    "Da'esh",
    "Taji base",
    "Taji military base",
    "Jurf al-Nasr",
    "Slemani",
    "Ninawa",
    "Ninewa",
    "Soleimani",
    "Suleimani",
    "Muhandis",
    "al-Muhandis",
    "Qaim",
];

#[test]
#[ignore = "needs ../shared/variants/dev.tsv (the attested variants); .ci/run runs it"]
fn transliteration_rules_alone_link_the_transliterations() {
    let rows = dev_rows();
    // The bundled gazetteer without any of the attested spellings: every alias or code that
    // folds to a dev.tsv variant is removed, so only the rules can reach them.
    let unlisted: std::collections::HashSet<String> =
        rows.iter().map(|r| gazette::name_key(&r.variant)).collect();
    let mut g = Gazetteer::bundled().unwrap();
    g.edit(|e| {
        let canonical = gazette::name_key(&e.canonical);
        e.aliases.retain(|a| {
            let k = gazette::name_key(&a.name);
            k == canonical || !unlisted.contains(&k)
        });
        e.codes
            .retain(|c| !unlisted.contains(&gazette::name_key(c)));
    });
    let p = Pipeline::builder().gazetteer(g).build().unwrap();
    let mut failures = Vec::new();
    let mut linked = 0;
    for r in rows
        .iter()
        .filter(|r| r.variant != r.canonical && !NOT_TRANSLITERATIONS.contains(&r.variant.as_str()))
    {
        let want = link(&p, &r.canonical).map(|w| w.0);
        match link(&p, &r.variant) {
            Some((e, _, _)) if Some(&e) == want.as_ref() => linked += 1,
            got => failures.push(format!(
                "{} -> {:?}; {} -> {:?}",
                r.canonical, want, r.variant, got
            )),
        }
    }
    eprintln!("linked by transliteration rules alone: {linked}");
    assert!(
        failures.is_empty(),
        "{} rows not linked by rules:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(linked >= 40, "only {linked} rows exercised");
}

#[test]
fn confusable_pairs_give_zero_false_links() {
    let text =
        std::fs::read_to_string(common::root().join("fixtures/variants/confusables.tsv")).unwrap();
    let (label, no_merge) = gazette::gazetteer::bundled_files()
        .find(|(label, _)| label.ends_with("must-not-merge.tsv"))
        .expect("the bundled must-not-merge list");
    let mut rows = 0;
    let mut false_links = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let (known, kind, lookalike) = (f[0], f[1], f[2]);
        rows += 1;
        // A gazetteer holding only the known name (and the bundled must-not-merge list).
        let mut g = Gazetteer::default();
        g.add_str(
            "t.tsv",
            &format!("id\ttype\tcanonical\nx.known\t{kind}\t{known}\n"),
        )
        .unwrap();
        g.add_str(&label, no_merge).unwrap();
        let p = Pipeline::builder().gazetteer(g).build().unwrap();
        assert!(link(&p, known).is_some(), "{known} itself must match");
        if let Some(got) = link(&p, lookalike) {
            false_links.push(format!("{lookalike} linked to {known}: {got:?}"));
        }
    }
    assert!(rows >= 40);
    assert!(
        false_links.is_empty(),
        "{} false links:\n{}",
        false_links.len(),
        false_links.join("\n")
    );
}
