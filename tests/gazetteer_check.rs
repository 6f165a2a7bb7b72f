//! `gazette gazetteer check` on the bundled gazetteers and on broken temporary ones.

mod common;
use std::process::{Command, Output};

fn gazette(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .output()
        .expect("run gazette")
}

/// Parses the summary line `entities=N names=M ambiguous=K`.
fn summary(stdout: &str) -> (usize, usize, usize) {
    let last = stdout.lines().last().expect("a summary line");
    let mut fields = std::collections::HashMap::new();
    for part in last.split(' ') {
        let (k, v) = part.split_once('=').unwrap_or_else(|| panic!("{last:?}"));
        fields.insert(k, v.parse::<usize>().unwrap_or_else(|_| panic!("{last:?}")));
    }
    assert_eq!(fields.len(), 3, "{last:?}");
    (fields["entities"], fields["names"], fields["ambiguous"])
}

#[test]
fn bundled_gazetteers_pass() {
    let o = gazette(&["gazetteer", "check"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success(), "{out}");
    let (entities, names, ambiguous) = summary(&out);
    assert!(entities > 2000, "{entities}");
    assert!(names > entities, "{names}");
    assert!(ambiguous > 0 && ambiguous < 200, "{ambiguous}");
    assert!(!out.contains("not accepted") || out.contains(" 0 not accepted"));
    // Every accepted ambiguity is named in the README's "Known ambiguities" section.
    let readme = std::fs::read_to_string(common::root().join("gazetteers/README.md")).unwrap();
    let section = readme
        .split("## Known ambiguities")
        .nth(1)
        .expect("gazetteers/README.md has a Known ambiguities section");
    let accepted =
        std::fs::read_to_string(common::root().join("gazetteers/ambiguities.txt")).unwrap();
    for line in accepted.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() > 2 && matches!(f[0], "ambiguous" | "key-collision") {
            assert!(
                section.contains(f[1]),
                "{:?} is accepted in ambiguities.txt but not listed in the README",
                f[1]
            );
        }
    }
}

#[test]
fn the_folder_on_disk_passes_too() {
    let dir = common::root().join("gazetteers");
    let o = gazette(&["gazetteer", "check", "-q", dir.to_str().unwrap()]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success(), "{out}");
    assert_eq!(
        out.lines().count(),
        2,
        "only the counts and the summary: {out}"
    );
}

#[test]
fn every_problem_in_every_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let h = "id\ttype\tcanonical\taliases\tparent\tcontext\n";
    std::fs::write(
        dir.path().join("a.tsv"),
        format!("{h}gn:1\tGPE\tHit\t\t\t\ngn:2\tGPE\tBroken\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.tsv"),
        format!("{h}gn:1\tGPE\tAgain\t\t\t\ngn:3\tGPE\tHit\t\tgn:404\tAnbar\nx\tTHING\tY\t\t\t\n"),
    )
    .unwrap();
    let o = gazette(&["gazetteer", "check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    let a = dir.path().join("a.tsv").display().to_string();
    let b = dir.path().join("b.tsv").display().to_string();
    for want in [
        format!("{a}:2: ambiguous: name \"Hit\" is shared by gn:1 ({a}:2), gn:3 ({b}:3)"),
        format!("{a}:2: risky-name: \"Hit\" of gn:1 is a common English word"),
        format!("{a}:3: broken: expected 6 tab-separated fields"),
        format!("{b}:2: duplicate-id: duplicate id \"gn:1\" (first defined at {a}:2)"),
        format!("{b}:3: missing-parent: parent \"gn:404\""),
        format!("{b}:4: broken: type \"THING\""),
    ] {
        assert!(out.contains(&want), "missing {want:?} in\n{out}");
    }
    assert_eq!(summary(&out), (2, 2, 1));

    // Accepting the two name findings leaves the broken rows failing...
    std::fs::write(
        dir.path().join("ambiguities.txt"),
        "ambiguous\tHit\tgn:1 gn:3\ttwo towns\nrisky-name\tHit\tgn:1\tnot English here\n",
    )
    .unwrap();
    let o = gazette(&["gazetteer", "check", "-q", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        !out.contains(": ambiguous") && !out.contains(": risky-name"),
        "{out}"
    );
    // ...and once they are fixed, the check passes.
    std::fs::write(
        dir.path().join("b.tsv"),
        format!("{h}gn:3\tGPE\tHit\t\tgn:1\tAnbar\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.tsv"),
        format!("{h}gn:1\tGPE\tHit\t\t\t\n"),
    )
    .unwrap();
    let o = gazette(&["gazetteer", "check", dir.path().to_str().unwrap()]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success(), "{out}");
    assert!(out.contains("ambiguous (accepted)"), "{out}");
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let o = gazette(&["gazetteer", "check", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.starts_with("gazette: error: no/such/folder"), "{err}");
}
