//! Time and memory against the length of one document: each shape is built at 1, 4, 16 and
//! 64 MB and extracted as one document in a fresh process (so that each size's peak memory
//! is its own), one thread. Prints seconds, seconds per MB and peak resident memory; time
//! per MB must stay flat (within 2×) as the document grows.
//!
//! `cargo bench --bench long_documents -- [MAX_MB]` (default 64). Shapes: real text (the
//! seed articles, and Reuters stories, from ../shared when present) repeated, and the
//! repeated shapes a hostile archive holds: one place name, a hyphen chain, a defined
//! acronym, a long run of capitalised words, descriptions, commas after a place, and many
//! distinct invented names (persons, companies, parenthesised names, acronyms).

use gazette::Pipeline;
use gazette::document::Document;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const SIZES: [usize; 4] = [1, 4, 16, 64];

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Syllables of the invented names (no real person or company is meant).
const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mi", "ter", "van", "dor", "sel", "ru", "bin", "ash", "mon", "tre", "pa", "gu",
    "wil", "hen",
];

/// An invented name of three syllables, the `n`th of a fixed sequence.
fn name(n: &mut u64) -> String {
    // A linear congruential sequence: the same names on every run.
    let mut s = String::new();
    for _ in 0..3 {
        *n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        s.push_str(SYLLABLES[(*n >> 60) as usize]);
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Text of shape `shape`, at least `bytes` long (`None` when its source is absent).
fn text(shape: &str, bytes: usize) -> Option<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let unit = match shape {
        "seeds" => {
            let mut files: Vec<_> = std::fs::read_dir(root.join("seeds"))
                .ok()?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            let texts: Vec<String> = files
                .iter()
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect();
            texts.join("\n\n") + "\n\n"
        }
        "reuters" => {
            let corpus = std::fs::read_to_string(root.join("corpus/news-1k.jsonl")).ok()?;
            let mut all = String::new();
            for line in corpus.lines() {
                let v: serde_json::Value = serde_json::from_str(line).ok()?;
                all.push_str(v["text"].as_str()?);
                all.push_str("\n\n");
            }
            all
        }
        "place" => "Baghdad ".into(),
        "hyphens" => "al-Abu-Kataib-Hezbollah-".into(),
        "acronym" => "the Popular Mobilisation Units, or PMU. ".into(),
        "capitals" => "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel ".into(),
        "descriptions" => "the militia said the country ".into(),
        "commas" => "Baghdad, ".into(),
        "names" => {
            let mut n = 7;
            let mut s = String::new();
            while s.len() < bytes {
                let (a, b, c, d) = (name(&mut n), name(&mut n), name(&mut n), name(&mut n));
                let (ci, di, ai) = (&c[..1], &d[..1], &a[..1]);
                s.push_str(&format!(
                    "Gen. {a} {b} met {c} {d} Holdings Corp ({ci}{di}H) officials in Mosul. \
                     {b} said {c} {d} was the {a} Brigades, or {ai}B. The militia said \
                     {ci}{di}H and {ai}B agreed. The {c} Front ({d} al-{a}) said.\n"
                ));
            }
            s
        }
        _ => return None,
    };
    let mut s = String::with_capacity(bytes + unit.len());
    while s.len() < bytes {
        s.push_str(&unit);
    }
    Some(s)
}

/// Extracts one document of `shape` at `mb` MB in this process and prints one line.
fn one(shape: &str, mb: usize) {
    let Some(text) = text(shape, mb << 20) else {
        println!("{shape:>12} {mb:>3} MB  SKIPPED: its source in ../shared is absent");
        return;
    };
    let p = Pipeline::builder()
        .threads(Some(1))
        .build()
        .expect("bundled gazetteers");
    let doc = Document {
        id: shape.into(),
        text,
        source: None,
        date: None,
    };
    let t = Instant::now();
    let mentions = p.extract(&doc).mentions().len();
    let secs = t.elapsed().as_secs_f64();
    let mb_real = doc.text.len() as f64 / (1 << 20) as f64;
    println!(
        "{shape:>12} {mb:>3} MB  {secs:>7.2} s  {:>6.3} s/MB  peak {:>6} MB  {mentions} mentions",
        secs / mb_real,
        peak_kib() / 1024
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, shape, mb] = &args[..] {
        if flag == "--one" {
            one(shape, mb.parse().expect("size in MB"));
            return;
        }
    }
    let max: usize = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .and_then(|a| a.parse().ok())
        .unwrap_or(64);
    let me = std::env::current_exe().expect("this bench's path");
    for shape in [
        "seeds",
        "reuters",
        "place",
        "hyphens",
        "acronym",
        "capitals",
        "descriptions",
        "commas",
        "names",
    ] {
        for mb in SIZES.into_iter().filter(|&mb| mb <= max) {
            let status = Command::new(&me)
                .args(["--one", shape, &mb.to_string()])
                .status()
                .expect("run one size");
            if !status.success() {
                println!("{shape:>12} {mb:>3} MB  FAILED ({status})");
            }
        }
    }
}
