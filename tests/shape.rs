//! The shape of the code, held by tests: no import cycle between modules, and no function in
//! `src/` over 80 lines outside tests. A failure names the files and lines to look at.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file below `src/`, with its module path (`text::normalize` for
/// `src/text/normalize/mod.rs`; the crate root is the empty path). The binary's `main.rs` is
/// a crate of its own and is left out.
fn modules() -> Vec<(Vec<String>, PathBuf)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src is readable") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|p| !p.ends_with("main.rs"))
        .map(|p| {
            let rel = p.strip_prefix(&src).expect("below src").to_path_buf();
            let mut parts: Vec<String> = rel
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect();
            let last = parts.pop().expect("a file name");
            if last != "mod.rs" && last != "lib.rs" {
                parts.push(last.trim_end_matches(".rs").to_string());
            }
            (parts, p)
        })
        .collect()
}

/// A file's path from the repository's root.
fn shown(file: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    file.strip_prefix(root)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// The code of a file without comments, string literals and `#[cfg(test)]` modules (tests
/// may use anything).
fn code(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let line = line.split("//").next().unwrap_or("");
        let mut clean = String::new();
        let mut in_str = false;
        let mut prev = ' ';
        for c in line.chars() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                clean.push(c);
            }
            prev = c;
        }
        out.push(clean);
    }
    out
}

/// The paths a file names through `crate::` or `super::`, each with its line, braces of
/// `use` lists expanded.
fn paths(lines: &[String]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim_start();
        let is_use = t.starts_with("use ") || t.starts_with("pub use ") || t.starts_with("pub(");
        if is_use && t.contains("use ") {
            // A `use` item may span lines, up to its semicolon.
            let mut item = String::new();
            let start = i;
            while i < lines.len() {
                item.push_str(&lines[i]);
                if lines[i].contains(';') {
                    break;
                }
                i += 1;
            }
            let body = item[item.find("use ").map_or(0, |p| p + 4)..]
                .trim()
                .trim_end_matches(';')
                .to_string();
            for p in expand(&body.replace(char::is_whitespace, "")) {
                out.push((p, start + 1));
            }
        } else {
            for (at, _) in t.match_indices("crate::").chain(t.match_indices("super::")) {
                let p: String = t[at..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                out.push((p, i + 1));
            }
        }
        i += 1;
    }
    out.retain(|(p, _)| p.starts_with("crate::") || p.starts_with("super::"));
    out
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[from..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(&format!("{prefix}{p}")))
        .collect()
}

/// The module a path names: its longest prefix that is a module of the crate.
fn target(path: &str, from: &[String], known: &BTreeSet<Vec<String>>) -> Vec<String> {
    let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<String> = Vec::new();
    if segs.first() == Some(&"crate") {
        segs.remove(0);
    } else {
        // `super` of `a::b` (the file a/b.rs or a/b/mod.rs) is `a`.
        base = from.to_vec();
        while segs.first() == Some(&"super") {
            segs.remove(0);
            base.pop();
        }
    }
    let mut best = base.clone();
    let mut cur = base;
    for s in segs {
        cur.push(s.to_string());
        if known.contains(&cur) {
            best = cur.clone();
        }
    }
    best
}

#[test]
fn no_import_cycle_between_modules() {
    let mods = modules();
    let known: BTreeSet<Vec<String>> = mods.iter().map(|(m, _)| m.clone()).collect();
    // Per parent module, the edges between its children: a child uses something in another
    // child's subtree. (A module and its own parent or children are not counted: a facade
    // re-exports its children.)
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeMap<String, String>>> =
        BTreeMap::new();
    for (m, file) in &mods {
        let text = std::fs::read_to_string(file).expect("readable");
        for (p, line) in paths(&code(&text)) {
            let t = target(&p, m, &known);
            let common = m.iter().zip(&t).take_while(|(a, b)| a == b).count();
            if common == m.len() || common == t.len() {
                continue;
            }
            let why = format!("{}:{line} uses {p}", shown(file));
            graphs
                .entry(m[..common].to_vec())
                .or_default()
                .entry(m[common].clone())
                .or_default()
                .entry(t[common].clone())
                .or_insert(why);
        }
    }
    let mut cycles = Vec::new();
    for edges in graphs.values() {
        // Depth-first search for a back edge.
        fn visit(
            n: &str,
            edges: &BTreeMap<String, BTreeMap<String, String>>,
            stack: &mut Vec<String>,
            done: &mut BTreeSet<String>,
            cycles: &mut Vec<String>,
        ) {
            if done.contains(n) {
                return;
            }
            if let Some(at) = stack.iter().position(|s| s == n) {
                let ring: Vec<String> = stack[at..]
                    .iter()
                    .zip(stack[at..].iter().skip(1).chain([&n.to_string()]))
                    .map(|(a, b)| edges[a][b].clone())
                    .collect();
                cycles.push(ring.join("\n  "));
                return;
            }
            stack.push(n.to_string());
            for next in edges.get(n).into_iter().flat_map(|e| e.keys()) {
                visit(next, edges, stack, done, cycles);
            }
            stack.pop();
            done.insert(n.to_string());
        }
        let mut done = BTreeSet::new();
        for n in edges.keys() {
            visit(n, edges, &mut Vec::new(), &mut done, &mut cycles);
        }
    }
    assert!(
        cycles.is_empty(),
        "import cycles between modules:\n  {}",
        cycles.join("\n\n  ")
    );
    // The check sees the crate's main dependencies (a sanity check of the parser).
    let all: BTreeSet<(String, String)> = graphs[&Vec::new()]
        .iter()
        .flat_map(|(a, bs)| bs.keys().map(move |b| (a.clone(), b.clone())))
        .collect();
    for (a, b) in [
        ("extract", "gazetteer"),
        ("gazetteer", "text"),
        ("pipeline", "sink"),
    ] {
        assert!(
            all.contains(&(a.to_string(), b.to_string())),
            "{a} -> {b} not seen"
        );
    }
}

#[test]
fn no_function_over_80_lines_outside_tests() {
    let mut long = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<PathBuf> = modules().into_iter().map(|(_, p)| p).collect();
    files.push(src.join("main.rs"));
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let lines = code(&text);
        let mut i = 0;
        while i < lines.len() {
            let t = lines[i].trim_start();
            let t = t
                .strip_prefix("pub(crate) ")
                .or_else(|| t.strip_prefix("pub(super) "))
                .or_else(|| t.strip_prefix("pub "))
                .unwrap_or(t);
            let t = t.strip_prefix("const ").unwrap_or(t);
            if !t.starts_with("fn ") {
                i += 1;
                continue;
            }
            // From the `fn` line to its closing brace.
            let (mut depth, mut opened, mut j) = (0i32, false, i);
            while j < lines.len() {
                depth += lines[j].matches('{').count() as i32;
                depth -= lines[j].matches('}').count() as i32;
                opened |= lines[j].contains('{');
                if (opened && depth <= 0) || (!opened && lines[j].trim_end().ends_with(';')) {
                    break;
                }
                j += 1;
            }
            if j - i + 1 > 80 {
                long.push(format!("{}:{} ({} lines)", shown(&file), i + 1, j - i + 1));
            }
            i = j + 1;
        }
    }
    assert!(
        long.is_empty(),
        "functions over 80 lines:\n{}",
        long.join("\n")
    );
}
