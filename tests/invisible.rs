//! Hostile input: invisible characters (direction marks, bidi controls, zero-width
//! characters, the byte order mark, the soft hyphen, tag characters) at a name's edges make
//! no new spelling of its entity, and every span still slices the original text.

use std::process::Command;

/// Texts naming Baghdad with invisible characters around the name, and one without.
const TEXTS: [&str; 7] = [
    "Officials in Baghdad\u{200F} said on Monday the talks would resume.",
    "Officials in \u{2067}Baghdad\u{2069} said on Monday the talks would resume.",
    "\u{FEFF}Baghdad said on Monday the talks would resume.",
    "Officials in Baghdad\u{E0067}\u{E0062}\u{E007F} said the talks would resume.",
    "Officials in \u{200E}Baghdad\u{200D}\u{200B}\u{2060} said the talks would resume.",
    "Officials in \u{202B}Baghdad\u{202C}\u{061C}\u{00AD} said the talks would resume.",
    "Officials in Baghdad said on Monday the talks would resume.",
];

#[test]
fn invisible_edges_make_no_new_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let ents = dir.path().join("entities.jsonl");
    let lines: Vec<String> = TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("d{i}"), "text": t}).to_string())
        .collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["extract", input.to_str().unwrap(), "--quiet", "--entities"])
        .arg(&ents)
        .output()
        .expect("run gazette");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut baghdad = 0;
    for line in String::from_utf8(o.stdout).unwrap().lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        let i: usize = r["doc"].as_str().unwrap()[1..].parse().unwrap();
        let (s, e) = (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap());
        let surface = TEXTS[i].get(s as usize..e as usize);
        assert_eq!(surface, r["text"].as_str(), "spans slice the text: {r}");
        if r["canonical"] == "Baghdad" {
            assert_eq!(r["text"], "Baghdad", "{r}");
            baghdad += 1;
        }
    }
    assert_eq!(baghdad, TEXTS.len(), "every text names Baghdad once");
    let ents = std::fs::read_to_string(&ents).unwrap();
    let entity: serde_json::Value = ents
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|e| e["canonical"] == "Baghdad")
        .expect("a Baghdad entity record");
    assert_eq!(
        entity["variants"],
        serde_json::json!({"Baghdad": TEXTS.len()}),
        "one spelling"
    );
}
