//! Importers: GeoNames and Wikidata dumps to gazetteer rows (`gazette gazetteer import`).
//!
//! Both importers stream their input, skip a bad row with a `file:line: what is wrong`
//! problem, clean the names, and write a gazetteer file (the format of
//! `gazetteers/README.md`) that starts with a DO-NOT-EDIT header naming the command that
//! made it. A file is unusable, and the import fails, only when not one of its rows parses.
//!
//! Cleaning keeps a name only when it could be written in English news and matched safely:
//! Latin script; not an all-capitals code (`BGW`, `ORBI`); not an automatic lower-case
//! romanisation (`bghdad`, `alflwjt`); for GeoNames populated places, not the name of an
//! admin unit (`Muhafazat Arbil`, `Vilojati Karbalo`, `Ostan-e Tehran`); accepted by the span
//! rules (`alias_problem` in `src/gazetteer/names.rs`); and not risky ([`risky_name`]: 3
//! letters or fewer, or common English words). A risky canonical name is kept only with a
//! context guard (the country's names); a canonical name that is a single common English word
//! drops the row.
//!
//! One name, one entity: a name that an existing gazetteer (`--skip-existing`) or a more
//! important imported row (larger population; for Wikidata, earlier in the file) already
//! has is not given to another entity — the alias is dropped, or the row when it is the
//! canonical name — so an import adds no ambiguities (`--keep-shared` turns this off).
//!
//! `geonames.rs` and `wikidata.rs` read the two dumps into rows; this file holds what they
//! share: what the existing gazetteers hold, the options and report, reading the input, and
//! cleaning and writing the rows.

mod admin1;
mod geonames;
mod wikidata;

pub use geonames::{GeonamesFilter, geonames};
pub use wikidata::{P31_TYPES, parse_type_map, wikidata};

use super::check::risky_name;
use crate::error::{Error, Result};
use crate::gazetteer::{EntityType, Gazetteer, alias_problem, tsv_files};
use crate::text::normalize::{name_key, name_word_keys};
use crate::text::tokenize::is_apostrophe_like;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// What existing gazetteers already hold, so an import neither repeats their entities nor
/// their names.
#[derive(Debug, Clone, Default)]
pub struct Existing {
    /// Entity ids.
    pub ids: HashSet<String>,
    /// GeoNames ids (the `geonames` column and `gn:<id>` ids).
    pub geonames: HashSet<u64>,
    /// Wikidata QIDs (the `qid` column and `wd:<QID>` ids).
    pub qids: HashSet<String>,
    /// Match keys of every canonical name, alias and code.
    pub names: HashSet<String>,
    /// Per ISO country code: the country entity's id and its names (for parents and guards).
    pub countries: HashMap<String, (String, Vec<String>)>,
    /// Per Wikidata QID of a country: its ISO code.
    pub country_qids: HashMap<String, String>,
    /// Match keys of the words of people's names ("dana", "hassan", "soleimani"): a place
    /// with such a name is a false hit in "Dana M. Whitfield", so it needs a guard.
    pub person_words: HashSet<String>,
}

impl Existing {
    /// Collects what the gazetteers at these paths hold; `exclude` (the output file of the
    /// import) is left out, so regenerating a file does not skip its own rows.
    pub fn load(paths: &[PathBuf], exclude: Option<&Path>) -> Result<Self> {
        let exclude = exclude.and_then(|p| std::fs::canonicalize(p).ok());
        let mut g = Gazetteer::default();
        for p in paths {
            for f in tsv_files(p)? {
                if exclude.is_some() && std::fs::canonicalize(&f).ok() == exclude {
                    continue;
                }
                let content = crate::gazetteer::read_tsv(&f)?;
                g.add_str(&f.display().to_string(), &content)?;
            }
        }
        Ok(Existing::from_gazetteer(&g))
    }

    /// Collects what a loaded gazetteer holds.
    pub fn from_gazetteer(g: &Gazetteer) -> Self {
        let mut x = Existing::default();
        x.add_reference(g);
        for e in g.entries() {
            x.ids.insert(e.id.clone());
            if let Some(n) = e.geonames {
                x.geonames.insert(n);
            }
            if let Some(n) = e.id.strip_prefix("gn:").and_then(|n| n.parse().ok()) {
                x.geonames.insert(n);
            }
            if let Some(q) = &e.qid {
                x.qids.insert(q.clone());
            }
            if let Some(q) = e.id.strip_prefix("wd:") {
                x.qids.insert(q.to_string());
            }
            let names = std::iter::once(&e.canonical)
                .chain(e.aliases.iter().map(|a| &a.name))
                .chain(&e.codes);
            for n in names {
                let k = name_key(n);
                if !k.is_empty() {
                    x.names.insert(k);
                }
            }
        }
        x
    }

    /// Whether one of the name's words is a word of a person's name (see
    /// [`Existing::person_words`]).
    fn has_person_word(&self, name: &str) -> bool {
        name_word_keys(name)
            .iter()
            .any(|w| self.person_words.contains(w))
    }

    /// Learns countries (ISO code, entity id, names, QID) and the words of people's names
    /// from a gazetteer without skipping anything it holds: the importers use the bundled
    /// gazetteers so, for parents, context guards, P17 countries and person-name checks.
    pub fn add_reference(&mut self, g: &Gazetteer) {
        let x = self;
        for e in g.entries() {
            if e.kind == EntityType::Person {
                let words = std::iter::once(&e.canonical)
                    .chain(e.aliases.iter().map(|a| &a.name))
                    .flat_map(|n| name_word_keys(n));
                x.person_words
                    .extend(words.filter(|w| w.chars().count() > 3 && w != "abdul"));
            }
            // Country rows carry their ISO 3166 alpha-3 code in attrs (countries.tsv).
            if let (Some(cc), true) = (&e.country, e.attrs.contains_key("iso3")) {
                let names = std::iter::once(e.canonical.clone())
                    .chain(e.aliases.iter().map(|a| a.name.clone()))
                    .collect();
                x.countries
                    .entry(cc.clone())
                    .or_insert_with(|| (e.id.clone(), names));
                if let Some(q) = &e.qid {
                    x.country_qids.insert(q.clone(), cc.clone());
                }
            }
        }
    }
}

/// Settings shared by both importers.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What the existing gazetteers hold (empty: import everything).
    pub existing: Existing,
    /// Keep rows and aliases whose name another entity already has.
    pub keep_shared: bool,
    /// The command line that made the file, for the DO-NOT-EDIT header.
    pub command: String,
}

/// What an import did, for the closing summary.
#[derive(Debug, Default)]
pub struct Report {
    /// Data rows read (not counting blank lines and the dump's `[`/`]` lines).
    pub read: usize,
    /// Rows written.
    pub written: usize,
    /// Aliases written.
    pub aliases: usize,
    /// Broken rows, as `file:line: what is wrong`.
    pub bad: Vec<Error>,
    /// Rows left out, by reason.
    pub skipped: BTreeMap<&'static str, usize>,
    /// Names dropped, by reason.
    pub dropped: BTreeMap<&'static str, usize>,
    /// For Wikidata: instance-of QIDs that no table entry maps, with their counts.
    pub unmapped: HashMap<String, usize>,
}

impl Report {
    /// One line: counts of rows read, bad, skipped (by reason), written, and names dropped.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} rows read, {} bad, {} written with {} aliases",
            self.read,
            self.bad.len(),
            self.written,
            self.aliases
        );
        let list = |m: &BTreeMap<&str, usize>| {
            m.iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.skipped.is_empty() {
            s.push_str(&format!("; rows skipped: {}", list(&self.skipped)));
        }
        if !self.dropped.is_empty() {
            s.push_str(&format!("; names dropped: {}", list(&self.dropped)));
        }
        if !self.unmapped.is_empty() {
            let mut top: Vec<(&String, &usize)> = self.unmapped.iter().collect();
            top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let top: Vec<String> = top
                .iter()
                .take(8)
                .map(|(q, n)| format!("{q} ({n})"))
                .collect();
            s.push_str(&format!(
                "; most frequent unmapped instance-of: {} (add with --map QID=TYPE)",
                top.join(", ")
            ));
        }
        s
    }

    fn skip(&mut self, why: &'static str) {
        *self.skipped.entry(why).or_default() += 1;
    }

    fn drop_name(&mut self, why: &'static str) {
        *self.dropped.entry(why).or_default() += 1;
    }

    /// Records a broken row: line `n` (1-based) of the input `label`.
    fn bad_row(&mut self, label: &str, n: usize, message: String) {
        self.bad.push(Error::Input {
            location: format!("{label}:{n}"),
            message,
        });
    }

    /// Records a broken record of a JSON object input, named by its key.
    fn bad_record(&mut self, label: &str, key: &str, message: String) {
        self.bad.push(Error::Input {
            location: format!("{label}: record {key}"),
            message,
        });
    }
}

/// One gazetteer row being built.
#[derive(Debug, Clone, Default)]
struct Row {
    id: String,
    kind: Option<EntityType>,
    canonical: String,
    aliases: Vec<String>,
    codes: Vec<String>,
    qid: String,
    geonames: String,
    lat: String,
    lon: String,
    country: String,
    parent: String,
    context: Vec<String>,
    attrs: String,
    /// Importance for who keeps a shared name (GeoNames: population).
    weight: u64,
    /// Population, when the source gives it.
    population: Option<u64>,
    /// Keep only aliases that are spellings of the canonical name (GeoNames).
    variants_only: bool,
    /// More words for the context guard, after the country's names, should the canonical
    /// name need one (GeoNames with `--admin1`: the place's region).
    guard_extra: Vec<String>,
    /// A place the text must place (`--needs-placing`): it always gets the guard's words,
    /// which name the region and country that place it.
    needs_placing: bool,
}

/// Runs `write` (an import) into `out`, or standard output when there is none. A file is
/// written beside the target under another name and renamed at the end, so a failed import
/// never leaves half a gazetteer where build.rs or `--gazetteer` would load it.
pub fn write_whole(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<Report>,
) -> Result<Report> {
    let Some(target) = out else {
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let report = write(&mut stdout)?;
        stdout.flush().map_err(|e| Error::io("<stdout>", e))?;
        return Ok(report);
    };
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    let partial = target.with_file_name(name);
    let file = std::fs::File::create(&partial).map_err(|e| Error::io(&partial, e))?;
    let mut file = std::io::BufWriter::with_capacity(1 << 16, file);
    let written = write(&mut file).and_then(|report| {
        file.flush().map_err(|e| Error::io(&partial, e))?;
        Ok(report)
    });
    drop(file);
    match written {
        Ok(report) => {
            std::fs::rename(&partial, target).map_err(|e| Error::io(target, e))?;
            Ok(report)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// Opens a file for import, decompressing it when it is gzip (by its magic bytes, so a
/// `.gz` name is not required). `-` is stdin.
pub fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let raw: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| Error::io(path, e))?)
    };
    let mut r = BufReader::with_capacity(1 << 16, raw);
    let gz = r
        .fill_buf()
        .map_err(|e| Error::io(path, e))?
        .starts_with(&[0x1f, 0x8b]);
    Ok(if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(r),
        ))
    } else {
        Box::new(r)
    })
}

/// Reads the input's lines as (1-based line number, text); a line that is not UTF-8 becomes
/// a bad row, an I/O error ends the import. Returns the sha256 of the (decompressed) input.
fn lines(
    label: &str,
    mut input: impl BufRead,
    report: &mut Report,
    mut each: impl FnMut(usize, &str, &mut Report),
) -> Result<String> {
    use sha2::Digest;
    let mut hash = sha2::Sha256::new();
    let mut buf = Vec::with_capacity(1 << 12);
    let mut n = 0;
    loop {
        buf.clear();
        let got = input
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::io(label, e))?;
        if got == 0 {
            return Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect());
        }
        hash.update(&buf);
        n += 1;
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        match std::str::from_utf8(&buf) {
            Ok(line) => each(n, line, report),
            Err(e) => {
                let message = format!("not UTF-8 (invalid byte at column {})", e.valid_up_to() + 1);
                report.bad_row(label, n, message);
            }
        }
    }
}

/// Ends an import: fails when no row of the input parsed, else settles the rows (see
/// [`finish_rows`]) and writes them under the header `notes`.
fn finish(
    label: &str,
    mut rows: Vec<Row>,
    opts: &Options,
    notes: &[String],
    out: &mut dyn Write,
    mut report: Report,
) -> Result<Report> {
    usable(label, &report)?;
    finish_rows(&mut rows, opts, &mut report);
    write_rows(out, opts, notes, &rows, &mut report).map_err(|e| Error::io("<output>", e))?;
    Ok(report)
}

/// Fails when the input had rows and not one of them parsed.
fn usable(label: &str, report: &Report) -> Result<()> {
    if report.read > 0 && report.read == report.bad.len() {
        return Err(Error::Input {
            location: label.to_string(),
            message: format!(
                "no usable row: all {} rows are broken (first: {})",
                report.read, report.bad[0]
            ),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Shared cleaning and output

/// Latin letters only (with their marks), plus spaces, hyphens, apostrophes and periods.
fn latin(name: &str) -> bool {
    name.chars().all(|c| {
        if c.is_ascii() {
            return c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '`' | '.');
        }
        let u = c as u32;
        is_apostrophe_like(c)
            || matches!(c, '‐' | '‑' | '’')
            // Latin-1 letters, Latin Extended-A/B, IPA, Latin Extended Additional, and
            // combining diacritical marks.
            || ((0xC0..=0x24F).contains(&u) && u != 0xD7 && u != 0xF7)
            || (0x300..=0x36F).contains(&u)
            || (0x1E00..=0x1EFF).contains(&u)
    })
}

/// Why a name is not usable at all, if it is not: the checks that do not depend on which
/// other names exist.
fn unusable(name: &str, canonical: &str, kind: EntityType) -> Option<&'static str> {
    if !latin(name) {
        return Some("non-Latin script or symbols");
    }
    if !name.chars().any(|c| c.is_uppercase()) {
        return Some("lower-case romanisation");
    }
    if let Some(why) = alias_problem(name, canonical, kind == EntityType::Person) {
        return Some(match why {
            "starts with a title" => "span rules: starts with a title",
            "starts with \"the\"" => "span rules: starts with \"the\"",
            "contains a possessive" => "span rules: a possessive",
            _ => "span rules: a lower-case common noun",
        });
    }
    None
}

/// Cleans names, guards or drops risky canonical names, and gives every name to one entity
/// (the heaviest first). Rows that lose their canonical name are removed.
fn finish_rows(rows: &mut Vec<Row>, opts: &Options, report: &mut Report) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[b].weight.cmp(&rows[a].weight).then(a.cmp(&b)));
    // The match keys of every name given to an entity so far.
    let mut taken: HashSet<String> = opts.existing.names.clone();
    let mut keep = vec![true; rows.len()];
    for i in order {
        if let Err(why) = finish_row(&mut rows[i], opts, &mut taken, report) {
            report.skip(why);
            keep[i] = false;
        }
    }
    let mut i = 0;
    rows.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Settles one row, after every heavier one: its canonical name checked and taken, a context
/// guard when that name is risky, its country as parent, then the aliases and codes no
/// heavier entity has taken. The error is why the row is dropped.
fn finish_row(
    row: &mut Row,
    opts: &Options,
    taken: &mut HashSet<String>,
    report: &mut Report,
) -> std::result::Result<(), &'static str> {
    let kind = row.kind.unwrap_or(EntityType::Loc);
    let key = name_key(&row.canonical);
    canonical_usable(&row.canonical, &key, kind, opts, taken)?;
    guard_if_risky(row, kind, &opts.existing)?;
    taken.insert(key.clone());
    // A place's parent is its country; a person's or an organisation's is an affiliation,
    // which a dump does not give.
    if let (true, Some((id, _))) = (is_place(kind), opts.existing.countries.get(&row.country)) {
        row.parent = id.clone();
    }
    keep_aliases(row, key, kind, opts, taken, report);
    keep_codes(row, opts, taken, report);
    Ok(())
}

/// Whether entities of this type are places: matched with their country as context guard
/// and given it as parent.
fn is_place(kind: EntityType) -> bool {
    kind != EntityType::Person && kind != EntityType::Org
}

/// Checks a row's canonical name (`key` its match key): it must have letters, be usable
/// (see [`unusable`]) and, unless `--keep-shared`, not be taken already. The error is why
/// the row is dropped.
fn canonical_usable(
    canonical: &str,
    key: &str,
    kind: EntityType,
    opts: &Options,
    taken: &HashSet<String>,
) -> std::result::Result<(), &'static str> {
    if key.is_empty() {
        return Err("canonical name has no letters");
    }
    if let Some(why) = unusable(canonical, canonical, kind) {
        return Err(match why {
            "non-Latin script or symbols" => "canonical name not in Latin script",
            "lower-case romanisation" => "canonical name in lower case",
            _ => "canonical name breaks the span rules",
        });
    }
    if !opts.keep_shared && taken.contains(key) {
        return Err("canonical name already taken");
    }
    Ok(())
}

/// Gives the row a context guard (its country's names) when its canonical name is risky:
/// short or made of common words ([`risky_name`]), a word of a person's name on another
/// entity, or one word naming a place smaller than a big city. The error is why the row is
/// dropped: its name is a single common English word, or it needs a guard and its country is
/// not known.
fn guard_if_risky(
    row: &mut Row,
    kind: EntityType,
    existing: &Existing,
) -> std::result::Result<(), &'static str> {
    let person = kind != EntityType::Person && existing.has_person_word(&row.canonical);
    // A one-word place name is a surname, a company or a word somewhere ("Taft", "Soma",
    // "Dura" in business news): unless the place is a city of a million, it is matched
    // only in documents that name its country.
    let one_word = name_word_keys(&row.canonical)
        .iter()
        .filter(|w| !w.is_empty() && w.as_str() != "al")
        .count()
        <= 1;
    let small = row.population.is_none_or(|p| p < BIG_CITY);
    let risky = risky_name(&row.canonical, kind)
        .or(person.then_some("a person's name"))
        .or((is_place(kind) && one_word && small).then_some("one word"))
        .or(row.needs_placing.then_some("to be placed"));
    match risky {
        None => Ok(()),
        // A common word of a place smaller than a big city ("Mobile", "Reading", "Split")
        // stands capitalised at the start of any sentence; a city of a million ("Shanghai",
        // "Phoenix") is named far more often than the word is capitalised, and gets a guard.
        Some("a common English word") if small => Err("canonical name is a common English word"),
        Some(_) => {
            let mut guard = country_guard(&row.country, existing);
            if guard.is_empty() {
                return Err("needs a context guard but has no known country");
            }
            // A guard word that is one of the place's own names confirms nothing: the city
            // of Mendoza would vouch for itself through its province's name.
            let mut seen: HashSet<String> = std::iter::once(&row.canonical)
                .chain(&row.aliases)
                .map(|n| name_key(n))
                .collect();
            seen.extend(guard.iter().map(|g| name_key(g)));
            for g in &row.guard_extra {
                if seen.insert(name_key(g)) {
                    guard.push(g.clone());
                }
            }
            row.context = guard;
            Ok(())
        }
    }
}

/// Keeps the row's aliases that no rule drops (see [`alias_dropped`]), one per match key
/// and none with the canonical name's key (`key`); each kept alias is taken.
fn keep_aliases(
    row: &mut Row,
    key: String,
    kind: EntityType,
    opts: &Options,
    taken: &mut HashSet<String>,
    report: &mut Report,
) {
    let mut seen: HashSet<String> = HashSet::from([key]);
    let mut aliases = Vec::new();
    for a in std::mem::take(&mut row.aliases) {
        let k = name_key(&a);
        if k.is_empty() || seen.contains(&k) {
            continue;
        }
        if let Some(why) = alias_dropped(&a, &k, row, kind, opts, taken) {
            report.drop_name(why);
            continue;
        }
        seen.insert(k.clone());
        taken.insert(k);
        aliases.push(a);
    }
    row.aliases = aliases;
}

/// Why an alias (`k` its match key) is dropped from a row, if it is: unusable, risky, a word
/// of a person's name on another entity, not a spelling of the canonical name where the
/// source gives other names too (GeoNames), or taken by another entity.
fn alias_dropped(
    a: &str,
    k: &str,
    row: &Row,
    kind: EntityType,
    opts: &Options,
    taken: &HashSet<String>,
) -> Option<&'static str> {
    unusable(a, &row.canonical, kind)
        .or_else(|| risky_name(a, kind).map(|_| "risky (short or common words)"))
        .or_else(|| {
            (kind != EntityType::Person && opts.existing.has_person_word(a))
                .then_some("a word of a person's name")
        })
        .or_else(|| {
            (row.variants_only && !spelling_variant(a, &row.canonical))
                .then_some("not a spelling of the canonical name")
        })
        .or_else(|| (!opts.keep_shared && taken.contains(k)).then_some("taken by another entity"))
}

/// Keeps the row's codes whose match key no other entity has taken (unless `--keep-shared`),
/// and takes them.
fn keep_codes(row: &mut Row, opts: &Options, taken: &mut HashSet<String>, report: &mut Report) {
    row.codes.retain(|c| {
        let k = name_key(c);
        if k.is_empty() || (!opts.keep_shared && taken.contains(&k)) {
            report.drop_name("taken by another entity");
            return false;
        }
        taken.insert(k);
        true
    });
}

/// Population from which a one-word place name needs no context guard.
const BIG_CITY: u64 = 1_000_000;

/// Adjectives of the countries the shared GeoNames extract covers, so "the Turkish port of
/// Iskenderun" passes a guard made of Turkey's names. Written for this project.
const DEMONYMS: &[(&str, &str)] = &[
    ("AE", "Emirati"),
    ("BH", "Bahraini"),
    ("EG", "Egyptian"),
    ("IL", "Israeli"),
    ("IQ", "Iraqi"),
    ("IR", "Iranian"),
    ("JO", "Jordanian"),
    ("KW", "Kuwaiti"),
    ("LB", "Lebanese"),
    ("OM", "Omani"),
    ("PS", "Palestinian"),
    ("QA", "Qatari"),
    ("SA", "Saudi"),
    ("SY", "Syrian"),
    ("TR", "Turkish"),
    ("YE", "Yemeni"),
];

/// A context guard for a place in this country: the country's names and adjective.
fn country_guard(cc: &str, existing: &Existing) -> Vec<String> {
    let mut guard: Vec<String> = existing
        .countries
        .get(cc)
        .map(|(_, names)| names.clone())
        .unwrap_or_default();
    if !guard.is_empty() {
        guard.extend(
            DEMONYMS
                .iter()
                .filter(|(c, _)| *c == cc)
                .map(|(_, d)| d.to_string()),
        );
    }
    guard
}

/// The consonant skeleton of a name, for telling a spelling variant from another name:
/// folded, the Arabic article dropped, digraphs and interchangeable letters merged (kh = k,
/// q = k, ph = f, j = g, z = s…), vowels, `h`, `w`-glides and doubled letters dropped after
/// the first letter. `Fallujah` and `Faluja` give `flg`; `Philadelphia` and `Alasehir` differ.
fn skeleton(name: &str) -> Vec<u8> {
    let words = name_word_keys(name);
    let mut s: String = words
        .iter()
        .filter(|w| !matches!(w.as_str(), "al" | "the"))
        .map(String::as_str)
        .collect();
    for (from, to) in [
        ("ph", "f"),
        ("kh", "k"),
        ("gh", "g"),
        ("sh", "s"),
        ("ch", "k"),
        ("dh", "d"),
        ("th", "t"),
        ("zh", "j"),
        ("q", "k"),
        ("c", "k"),
        ("v", "w"),
        ("z", "s"),
        ("j", "g"),
        ("x", "ks"),
    ] {
        s = s.replace(from, to);
    }
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if i > 0 && matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h') {
            continue;
        }
        if out.last() != Some(&b) {
            out.push(b);
        }
    }
    out
}

/// Is `alias` a spelling of `canonical` (skeletons at most a quarter apart, at least one
/// edit allowed)? `Tekrit` is a spelling of `Tikrit`; `Philadelphia` is not one of
/// `Alasehir`, nor `Ramadan` of `Turabah`.
fn spelling_variant(alias: &str, canonical: &str) -> bool {
    let (a, c) = (skeleton(alias), skeleton(canonical));
    if a.is_empty() || c.is_empty() {
        return false;
    }
    levenshtein(&a, &c) <= (c.len() / 4).max(1)
}

fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diag + usize::from(ca != cb));
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// A field as written: no tabs, newlines or `|` inside (they are the file's separators).
fn field(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn write_rows(
    out: &mut dyn Write,
    opts: &Options,
    notes: &[String],
    rows: &[Row],
    report: &mut Report,
) -> std::io::Result<()> {
    writeln!(
        out,
        "# DO NOT EDIT: generated by `{}`",
        opts.command.replace('\n', " ")
    )?;
    for n in notes {
        writeln!(out, "# {n}")?;
    }
    writeln!(
        out,
        "# Names are cleaned and given to one entity each; rows and names already in the \
         --skip-existing gazetteers are left out. Regenerate instead of editing."
    )?;
    writeln!(
        out,
        "id\ttype\tcanonical\taliases\tcodes\tqid\tgeonames\tlat\tlon\tcountry\tparent\tcontext\tattrs"
    )?;
    let list = |v: &[String]| v.iter().map(|s| field(s)).collect::<Vec<_>>().join("|");
    for r in rows {
        let kind = r.kind.map_or("", |k| k.as_str());
        writeln!(
            out,
            "{}\t{kind}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.id,
            field(&r.canonical),
            list(&r.aliases),
            list(&r.codes),
            r.qid,
            r.geonames,
            r.lat,
            r.lon,
            r.country,
            r.parent,
            list(&r.context),
            field(&r.attrs)
        )?;
        report.written += 1;
        report.aliases += r.aliases.len();
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Options with the bundled gazetteers as reference (countries, people's names).
    pub(super) fn opts() -> Options {
        let mut existing = Existing::default();
        existing.add_reference(&Gazetteer::bundled().unwrap());
        Options {
            existing,
            keep_shared: false,
            command: "gazette test".into(),
        }
    }

    /// An import's output, loaded.
    pub(super) fn load(out: &[u8]) -> Gazetteer {
        let mut g = Gazetteer::default();
        g.add_str("out.tsv", std::str::from_utf8(out).unwrap())
            .unwrap();
        g
    }

    #[test]
    fn spelling_variants() {
        let rows = [
            ("Tekrit", "Tikrit", true),
            ("Falluja", "Al Fallujah", true),
            ("Arbil", "Erbil", true),
            ("Kerbela", "Karbala", true),
            ("Hafeshjan", "Hafshejan", true),
            ("Khonsar", "Khvansar", true),
            ("Philadelphia", "Alasehir", false),
            ("Ramadan", "Turabah", false),
            ("Nainawa", "Karbala", false),
            ("Hawler", "Erbil", false),
        ];
        for (a, c, want) in rows {
            assert_eq!(spelling_variant(a, c), want, "{a} / {c}");
        }
    }

    #[test]
    fn name_filters() {
        assert!(latin("Bağdat"));
        assert!(latin("Ṣalāḥ ad-Dīn"));
        assert!(latin("Qal`at Bishah"));
        assert!(!latin("بغداد"));
        assert!(!latin("Багдад"));
        assert!(!latin("Baghdad (city)"));
        assert_eq!(
            unusable("bghdad", "Baghdad", EntityType::Gpe),
            Some("lower-case romanisation")
        );
    }

    #[test]
    fn broken_rows_are_reported_and_an_all_broken_file_fails() {
        let input = "1\tA\n2\tB\n";
        let err = geonames(
            "t.txt",
            input.as_bytes(),
            None,
            &GeonamesFilter::default(),
            &opts(),
            &mut Vec::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("t.txt: no usable row: all 2 rows are broken"),
            "{err}"
        );
        assert!(err.contains("t.txt:1: expected 19 tab-separated"), "{err}");
        let err = wikidata(
            "w",
            "[\n{\"id\":\n]\n".as_bytes(),
            &[],
            &opts(),
            &mut Vec::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("w:2: not a Wikidata entity"), "{err}");
        // Nothing to read is not an error.
        let r = geonames(
            "e",
            "".as_bytes(),
            None,
            &GeonamesFilter::default(),
            &opts(),
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(r.written, 0);
    }
}
