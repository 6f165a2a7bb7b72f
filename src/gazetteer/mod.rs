//! Gazetteers: load and validate TSV files (errors carry `file:line`), then compile every
//! name into one automaton ([`compile`]). The format is documented in `gazetteers/README.md`.

pub mod cache;
pub mod check;
pub mod compile;
mod embedded;
pub mod import;

use crate::error::{Error, Result};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use compile::{Compiled, KeyAutomaton, NameKind, NameRef};

/// The five entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: armed group, government body, party, company, outlet.
    Org,
    /// A geopolitical entity: country, province, city, district.
    Gpe,
    /// A non-political location: region, sea, river, mountain.
    Loc,
    /// A facility: base, airport, embassy, camp, zone.
    Facility,
}

impl EntityType {
    /// The upper-case name used in files and records.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Facility => "FACILITY",
        }
    }

    /// The lower-case name, as in the ids of discovered entities (`new:person:…`).
    pub fn as_lower_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Gpe => "gpe",
            EntityType::Loc => "loc",
            EntityType::Facility => "facility",
        }
    }

    /// Parses `PERSON`, `ORG`, `GPE`, `LOC` or `FACILITY`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PERSON" => EntityType::Person,
            "ORG" => EntityType::Org,
            "GPE" => EntityType::Gpe,
            "LOC" => EntityType::Loc,
            "FACILITY" => EntityType::Facility,
            _ => return None,
        })
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name with the dates it was in use, when the gazetteer gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedName {
    /// The name.
    pub name: String,
    /// First date or year in use (`2014`, `2014-10-27`), if known.
    pub from: Option<String>,
    /// Last date or year in use, if known.
    pub to: Option<String>,
}

/// One gazetteer entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id.
    pub id: String,
    /// Type.
    pub kind: EntityType,
    /// Canonical name.
    pub canonical: String,
    /// Aliases (matched when capitalised).
    pub aliases: Vec<DatedName>,
    /// Case-sensitive codes and acronyms.
    pub codes: Vec<String>,
    /// Definite descriptions that can refer to the entity ("Iranian general").
    pub descriptors: Vec<String>,
    /// Offices held, with dates.
    pub roles: Vec<DatedName>,
    /// Wikidata QID.
    pub qid: Option<String>,
    /// GeoNames id.
    pub geonames: Option<u64>,
    /// Latitude and longitude.
    pub coordinates: Option<[f64; 2]>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Parent or affiliated entity id.
    pub parent: Option<String>,
    /// Guard words: at least one must occur in a document for the entity to be accepted.
    pub context: Vec<String>,
    /// Other facts.
    pub attrs: BTreeMap<String, String>,
    /// `file:line` the entity was read from.
    pub origin: String,
}

/// A pair of names that must never be linked as variants of each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoMerge {
    /// One name.
    pub a: String,
    /// The other.
    pub b: String,
    /// When set, the pair also vetoes, for entities of this type, two longer names that
    /// differ only in this word; untyped pairs veto only the two names themselves.
    pub kind: Option<EntityType>,
}

/// A set of entities loaded from one or more files.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Gazetteer {
    /// Entities in load order (earlier = preferred among equals).
    pub entities: Vec<Entity>,
    /// Must-not-merge pairs.
    pub no_merge: Vec<NoMerge>,
    by_id: HashMap<String, usize>,
}

/// The known columns; a row's fields are found by these positions (see [`Columns`]).
const COLUMNS: &[&str] = &[
    "id",
    "type",
    "canonical",
    "aliases",
    "codes",
    "descriptors",
    "roles",
    "qid",
    "geonames",
    "lat",
    "lon",
    "country",
    "parent",
    "context",
    "attrs",
];

/// Where each of [`COLUMNS`] is in a file's header, found once per file rather than by name
/// for every field of every row.
struct Columns {
    at: [Option<usize>; COLUMNS.len()],
    count: usize,
}

/// Positions in [`COLUMNS`].
mod col {
    pub const ID: usize = 0;
    pub const TYPE: usize = 1;
    pub const CANONICAL: usize = 2;
    pub const ALIASES: usize = 3;
    pub const CODES: usize = 4;
    pub const DESCRIPTORS: usize = 5;
    pub const ROLES: usize = 6;
    pub const QID: usize = 7;
    pub const GEONAMES: usize = 8;
    pub const LAT: usize = 9;
    pub const LON: usize = 10;
    pub const COUNTRY: usize = 11;
    pub const PARENT: usize = 12;
    pub const CONTEXT: usize = 13;
    pub const ATTRS: usize = 14;
}

impl Columns {
    /// The field of `fields` in column `c` of [`COLUMNS`], trimmed ("" when the file has no
    /// such column).
    fn get<'a>(&self, fields: &[&'a str], c: usize) -> &'a str {
        self.at[c].map_or("", |i| fields[i].trim())
    }
}

impl Gazetteer {
    /// The gazetteers compiled into the binary.
    pub fn bundled() -> Result<Self> {
        let files: Vec<(String, &'static str)> = bundled_files().collect();
        Gazetteer::from_files(&files)
    }

    /// Gazetteer files as (label, contents), loaded in this order as [`Gazetteer::add_str`]
    /// would, but parsed on all of rayon's threads (start-up is serial time that a second
    /// core cannot otherwise share).
    pub fn from_files<S: AsRef<str> + Sync>(files: &[(String, S)]) -> Result<Self> {
        let parsed: Vec<ParsedFile> = files
            .par_iter()
            .map(|(label, content)| parse_file(label, content.as_ref()))
            .collect();
        let mut g = Gazetteer::default();
        // Sized once: grown from empty, the vector moved its 3,700 entities at every
        // doubling, in serial start-up.
        let total: usize = parsed.iter().map(|p| p.entities.len()).sum();
        g.entities.reserve(total);
        g.by_id.reserve(total);
        for p in parsed {
            g.add_parsed(p)?;
        }
        Ok(g)
    }

    /// Loads a file, or every `*.tsv` file below a folder (sorted, so the order is stable).
    pub fn add_path(&mut self, path: &Path) -> Result<()> {
        for f in tsv_files(path)? {
            let content = std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?;
            self.add_str(&f.display().to_string(), &content)?;
        }
        Ok(())
    }

    /// Parses one gazetteer file's text; `label` names it in errors. Nothing is added when
    /// any row is broken, and every broken row is reported.
    pub fn add_str(&mut self, label: &str, content: &str) -> Result<()> {
        self.add_parsed(parse_file(label, content))
    }

    /// Adds a file [`parse_file`] has read, checking its ids against those already loaded.
    fn add_parsed(&mut self, parsed: ParsedFile) -> Result<()> {
        let ParsedFile {
            entities,
            no_merge,
            overlay,
            mut errors,
        } = parsed;
        for (id, _, origin) in &overlay {
            if !self.by_id.contains_key(id) {
                errors.push(Error::Gazetteer {
                    location: origin.clone(),
                    message: format!(
                        "unknown id {id:?}: an alias file only extends entities loaded before it"
                    ),
                });
            }
        }
        for e in &entities {
            if let Some(&prev) = self.by_id.get(&e.id) {
                errors.push(Error::Gazetteer {
                    location: e.origin.clone(),
                    message: format!(
                        "duplicate id {:?} (first defined at {})",
                        e.id, self.entities[prev].origin
                    ),
                });
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(line_of);
            return Err(many(errors));
        }
        for e in entities {
            self.by_id.insert(e.id.clone(), self.entities.len());
            self.entities.push(e);
        }
        self.no_merge.extend(no_merge);
        for (id, aliases, _) in overlay {
            let e = &mut self.entities[self.by_id[&id]];
            for a in aliases {
                if !e.aliases.iter().any(|x| x.name == a.name) {
                    e.aliases.push(a);
                }
            }
        }
        Ok(())
    }

    /// Whether the id index points at entities that exist (a check on a decoded cache).
    pub(crate) fn index_is_sound(&self) -> bool {
        self.by_id.len() == self.entities.len()
            && self
                .by_id
                .iter()
                .all(|(id, &i)| self.entities.get(i).is_some_and(|e| &e.id == id))
    }

    /// The index of the entity with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Number of names (canonical, aliases and codes) over all entities.
    pub fn name_count(&self) -> usize {
        self.entities
            .iter()
            .map(|e| 1 + e.aliases.len() + e.codes.len())
            .sum()
    }
}

fn many(mut errors: Vec<Error>) -> Error {
    if errors.len() == 1 {
        errors.pop().expect("one error")
    } else {
        Error::Many(errors)
    }
}

/// The gazetteer files a path names: the file itself, or every `*.tsv` file below a folder,
/// sorted so the load order is stable.
pub fn tsv_files(path: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    collect_tsv(path, &mut files)?;
    Ok(files)
}

/// The bundled gazetteer files as (label, contents), labels as `gazetteers/<name>`.
pub fn bundled_files() -> impl Iterator<Item = (String, &'static str)> {
    embedded::FILES
        .iter()
        .map(|(name, content)| (format!("gazetteers/{name}"), *content))
}

fn collect_tsv(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| Error::io(path, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_tsv(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "tsv") {
            out.push(p);
        }
    }
    Ok(())
}

/// One file parsed leniently: the good rows, and an error for every broken one.
#[derive(Debug, Default)]
pub struct ParsedFile {
    /// Entities from the rows that parsed, in file order.
    pub entities: Vec<Entity>,
    /// Must-not-merge pairs (for a file with the `a`, `b` header).
    pub no_merge: Vec<NoMerge>,
    /// Aliases for entities defined in other files (a file with the `id`, `aliases` header),
    /// with the `file:line` of each row.
    pub overlay: Vec<(String, Vec<DatedName>, String)>,
    /// One `file:line` error per broken row or header, in line order. A broken header
    /// leaves the file empty; a row whose id repeats an earlier row's is reported and left out.
    pub errors: Vec<Error>,
}

/// Parses one gazetteer file's text without stopping at the first problem (`label` names it
/// in errors). [`Gazetteer::add_str`] refuses a file with any error; `gazetteer check` lists
/// them all.
pub fn parse_file(label: &str, content: &str) -> ParsedFile {
    let mut out = ParsedFile::default();
    let mut lines = content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((hline, header)) = lines.next() else {
        return out;
    };
    let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
    // `file:line`, built without the formatting machinery (one per entity).
    let at = |line: usize| {
        let mut number = itoa::Buffer::new();
        let number = number.format(line + 1);
        let mut s = String::with_capacity(label.len() + 1 + number.len());
        s.push_str(label);
        s.push(':');
        s.push_str(number);
        s
    };
    let mut fatal = |message: String| {
        out.errors.push(Error::Gazetteer {
            location: at(hline),
            message,
        });
    };
    if cols.first() == Some(&"a") {
        if cols.len() < 2 || cols[1] != "b" {
            fatal(
                "a must-not-merge file needs the header columns a, b (and optional type, note)"
                    .into(),
            );
            return out;
        }
        let type_col = cols.iter().position(|c| *c == "type");
        for (n, line) in lines {
            let f: Vec<&str> = line.split('\t').collect();
            let kind = match type_col.map(|i| f.get(i).map_or("", |t| t.trim())) {
                None | Some("") => None,
                Some(t) => match EntityType::parse(t) {
                    Some(k) => Some(k),
                    None => {
                        out.errors.push(Error::Gazetteer {
                            location: at(n),
                            message: format!(
                                "type {t:?} is not one of PERSON, ORG, GPE, LOC, FACILITY"
                            ),
                        });
                        continue;
                    }
                },
            };
            if f.len() != cols.len() || f[0].trim().is_empty() || f[1].trim().is_empty() {
                out.errors.push(Error::Gazetteer {
                    location: at(n),
                    message: format!(
                        "expected {} tab-separated fields with a and b filled, found {}",
                        cols.len(),
                        f.len()
                    ),
                });
                continue;
            }
            out.no_merge.push(NoMerge {
                a: f[0].trim().to_string(),
                b: f[1].trim().to_string(),
                kind,
            });
        }
        return out;
    }
    if cols == ["id", "aliases"] {
        for (n, line) in lines {
            let f: Vec<&str> = line.split('\t').collect();
            let parsed = if f.len() == 2 {
                list(f[1])
                    .iter()
                    .map(|a| dated(a))
                    .collect::<Result<Vec<_>, _>>()
            } else {
                Err(format!(
                    "expected 2 tab-separated fields (id, aliases), found {}",
                    f.len()
                ))
            };
            match parsed {
                Ok(aliases) => out.overlay.push((f[0].trim().to_string(), aliases, at(n))),
                Err(message) => out.errors.push(Error::Gazetteer {
                    location: at(n),
                    message,
                }),
            }
        }
        return out;
    }
    let mut columns = Columns {
        at: [None; COLUMNS.len()],
        count: cols.len(),
    };
    for (i, c) in cols.iter().enumerate() {
        let Some(known) = COLUMNS.iter().position(|k| k == c) else {
            fatal(format!(
                "unknown column {c:?} in the header (known: {})",
                COLUMNS.join(", ")
            ));
            return out;
        };
        if columns.at[known].replace(i).is_some() {
            fatal(format!("column {c:?} appears twice in the header"));
            return out;
        }
    }
    for required in ["id", "type", "canonical"] {
        if !cols.contains(&required) {
            fatal(format!(
                "the header has no {required:?} column (required: id, type, canonical)"
            ));
            return out;
        }
    }
    // Each id's first entity, to report a duplicate with where the first was defined.
    let mut seen: HashMap<&str, usize> = HashMap::default();
    let mut fields: Vec<&str> = Vec::with_capacity(cols.len());
    for (n, line) in lines {
        fields.clear();
        fields.extend(split_at_byte(line, b'\t'));
        match parse_row(&fields, &columns) {
            Ok(mut e) => {
                e.origin = at(n);
                if let Some(&first) = seen.get(e.id.as_str()) {
                    let first: &Entity = &out.entities[first];
                    out.errors.push(Error::Gazetteer {
                        message: format!(
                            "duplicate id {:?} (first defined at {})",
                            e.id, first.origin
                        ),
                        location: e.origin,
                    });
                    continue;
                }
                // The id as it is in the file, so the map borrows instead of copying it.
                let id = columns.get(&fields, col::ID);
                seen.insert(id, out.entities.len());
                out.entities.push(e);
            }
            Err(message) => out.errors.push(Error::Gazetteer {
                location: at(n),
                message,
            }),
        }
    }
    out
}

/// The line number of a `file:line` error, for sorting (0 when it has none).
fn line_of(e: &Error) -> usize {
    match e {
        Error::Gazetteer { location, .. } => location
            .rsplit_once(':')
            .and_then(|(_, n)| n.parse().ok())
            .unwrap_or(0),
        _ => 0,
    }
}

fn list(field: &str) -> Vec<String> {
    split_at_byte(field, b'|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// `s.split(sep as char)` for an ASCII separator, by a plain byte loop: the fields are a few
/// bytes long, where `str::split` costs a `memchr` call (and its set-up) per field.
fn split_at_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            // An ASCII byte is a character boundary on both sides.
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Does the name have a non-empty match key? A name opening with an ASCII letter or digit
/// does (its first word folds to itself, and only a word opening with h or w can be a
/// skipped link), so only the others are tokenised to find out.
fn has_key(name: &str) -> bool {
    match name.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() && !matches!(b | 0x20, b'h' | b'w') => true,
        _ => !crate::normalize::name_key(name).is_empty(),
    }
}

/// `Jurf al-Nasr [2014..2023]` → name and dates.
fn dated(item: &str) -> Result<DatedName, String> {
    let Some(open) = item.find('[') else {
        return Ok(DatedName {
            name: item.to_string(),
            from: None,
            to: None,
        });
    };
    let inner = item[open + 1..]
        .strip_suffix(']')
        .ok_or_else(|| format!("{item:?}: a date range must end with ']'"))?;
    let (from, to) = inner.split_once("..").ok_or_else(|| {
        format!("{item:?}: a date range is written [FROM..TO], e.g. [2014..2023]")
    })?;
    let ok = |d: &str| d.is_empty() || d.chars().all(|c| c.is_ascii_digit() || c == '-');
    if !ok(from) || !ok(to) {
        return Err(format!("{item:?}: dates must be years or YYYY-MM-DD"));
    }
    let opt = |d: &str| (!d.is_empty()).then(|| d.to_string());
    Ok(DatedName {
        name: item[..open].trim().to_string(),
        from: opt(from),
        to: opt(to),
    })
}

fn parse_row(fields: &[&str], columns: &Columns) -> Result<Entity, String> {
    if fields.len() != columns.count {
        return Err(format!(
            "expected {} tab-separated fields (as in the header), found {}",
            columns.count,
            fields.len()
        ));
    }
    let get = |c: usize| columns.get(fields, c);
    let id = get(col::ID);
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
    {
        return Err(format!(
            "id {id:?} must be non-empty ASCII letters, digits and . _ : -"
        ));
    }
    let kind = EntityType::parse(get(col::TYPE)).ok_or_else(|| {
        format!(
            "type {:?} is not one of PERSON, ORG, GPE, LOC, FACILITY",
            get(col::TYPE)
        )
    })?;
    let canonical = get(col::CANONICAL);
    if canonical.is_empty() {
        return Err("canonical name is empty".into());
    }
    if !has_key(canonical) {
        return Err(format!(
            "canonical name {canonical:?} has no letters or digits"
        ));
    }
    let aliases = list(get(col::ALIASES))
        .iter()
        .map(|a| dated(a))
        .collect::<Result<Vec<_>, _>>()?;
    let roles = list(get(col::ROLES))
        .iter()
        .map(|a| dated(a))
        .collect::<Result<Vec<_>, _>>()?;
    let qid = get(col::QID);
    let qid_ok =
        |q: &str| q.len() > 1 && q.starts_with('Q') && q[1..].chars().all(|c| c.is_ascii_digit());
    if !qid.is_empty() && !qid_ok(qid) {
        return Err(format!("qid {qid:?} is not a Wikidata id like Q123"));
    }
    let geonames = match get(col::GEONAMES) {
        "" => None,
        g => Some(
            g.parse::<u64>()
                .map_err(|_| format!("geonames id {g:?} is not a number"))?,
        ),
    };
    let coordinates = match (get(col::LAT), get(col::LON)) {
        ("", "") => None,
        (lat, lon) => {
            let lat: f64 = lat
                .parse()
                .map_err(|_| format!("lat {lat:?} is not a decimal number"))?;
            let lon: f64 = lon
                .parse()
                .map_err(|_| format!("lon {lon:?} is not a decimal number"))?;
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(format!("coordinates {lat},{lon} are out of range"));
            }
            Some([lat, lon])
        }
    };
    let country = get(col::COUNTRY);
    let iso = |c: &str| c.len() == 2 && c.chars().all(|c| c.is_ascii_uppercase());
    if !country.is_empty() && !iso(country) {
        return Err(format!(
            "country {country:?} is not an ISO 3166-1 alpha-2 code like IQ"
        ));
    }
    let mut attrs = BTreeMap::new();
    for pair in get(col::ATTRS)
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| format!("attrs item {pair:?} is not key=value"))?;
        attrs.insert(k.trim().to_string(), v.trim().to_string());
    }
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Ok(Entity {
        id: id.to_string(),
        kind,
        canonical: canonical.to_string(),
        aliases,
        codes: list(get(col::CODES)),
        descriptors: list(get(col::DESCRIPTORS)),
        roles,
        qid: opt(qid),
        geonames,
        coordinates,
        country: opt(country),
        parent: opt(get(col::PARENT)),
        context: list(get(col::CONTEXT)),
        attrs,
        origin: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_positions_name_the_columns() {
        let named = [
            (col::ID, "id"),
            (col::TYPE, "type"),
            (col::CANONICAL, "canonical"),
            (col::ALIASES, "aliases"),
            (col::CODES, "codes"),
            (col::DESCRIPTORS, "descriptors"),
            (col::ROLES, "roles"),
            (col::QID, "qid"),
            (col::GEONAMES, "geonames"),
            (col::LAT, "lat"),
            (col::LON, "lon"),
            (col::COUNTRY, "country"),
            (col::PARENT, "parent"),
            (col::CONTEXT, "context"),
            (col::ATTRS, "attrs"),
        ];
        assert_eq!(named.len(), COLUMNS.len());
        for (c, name) in named {
            assert_eq!(COLUMNS[c], name);
        }
    }

    #[test]
    fn byte_split_is_str_split() {
        for s in ["", "a", "\t", "a\tb", "\ta\t", "x|y||z|", "ü\tß|é", "|"] {
            for sep in [b'\t', b'|'] {
                let ours: Vec<&str> = split_at_byte(s, sep).collect();
                let std: Vec<&str> = s.split(sep as char).collect();
                assert_eq!(ours, std, "{s:?}");
            }
        }
    }

    #[test]
    fn has_key_agrees_with_name_key() {
        for name in [
            "Hezbollah",
            "al-Muhandis",
            "K1",
            "3rd Division",
            "http://x.example",
            "www.x",
            "Www",
            "_",
            "__",
            "---",
            "Ṣadr",
            "ʿAli",
            "'Ali",
            "",
            " ",
            "U.S.",
            "_a",
            "W",
            "h.",
        ] {
            assert_eq!(
                has_key(name),
                !crate::normalize::name_key(name).is_empty(),
                "{name:?}"
            );
        }
    }

    const HEADER: &str = "id\ttype\tcanonical\taliases\tcodes\tqid\n";

    #[test]
    fn type_names_agree() {
        for name in ["PERSON", "ORG", "GPE", "LOC", "FACILITY"] {
            let t = EntityType::parse(name).expect(name);
            assert_eq!(t.as_str(), name);
            assert_eq!(t.as_lower_str(), name.to_ascii_lowercase());
        }
    }

    #[test]
    fn loads_rows() {
        let mut g = Gazetteer::default();
        g.add_str(
            "t.tsv",
            &format!("# comment\n{HEADER}org.kh\tORG\tKataib Hezbollah\tHezbollah Brigades|Kata'ib Hezbollah\tKH\tQ1\n"),
        )
        .unwrap();
        let e = &g.entities[0];
        assert_eq!(e.codes, ["KH"]);
        assert_eq!(e.aliases.len(), 2);
        assert_eq!(e.qid.as_deref(), Some("Q1"));
        assert_eq!(e.origin, "t.tsv:3");
    }

    #[test]
    fn broken_rows_report_file_and_line() {
        let rows = [
            (
                "x\tORG\tName\t\t\n",
                "t.tsv:2: expected 6 tab-separated fields",
            ),
            ("x\tTHING\tName\t\t\t\n", "t.tsv:2: type \"THING\""),
            ("x y\tORG\tName\t\t\t\n", "t.tsv:2: id \"x y\""),
            ("x\tORG\tName\t\t\tq12\n", "t.tsv:2: qid \"q12\""),
            ("x\tORG\t\t\t\t\n", "t.tsv:2: canonical name is empty"),
            (
                "x\tORG\tA\tB [2014]\t\t\n",
                "t.tsv:2: \"B [2014]\": a date range",
            ),
        ];
        for (row, want) in rows {
            let mut g = Gazetteer::default();
            let err = g.add_str("t.tsv", &format!("{HEADER}{row}")).unwrap_err();
            assert!(err.to_string().starts_with(want), "{row:?} gave {err}");
            assert!(
                g.entities.is_empty(),
                "nothing is loaded from a broken file"
            );
        }
    }

    #[test]
    fn unknown_column_and_duplicate_id() {
        let mut g = Gazetteer::default();
        let err = g
            .add_str("t.tsv", "id\ttype\tcanonical\tnmae\n")
            .unwrap_err();
        assert!(err.to_string().contains("unknown column \"nmae\""), "{err}");
        let err = g
            .add_str("t.tsv", "id\ttype\tcanonical\na\tORG\tA\na\tORG\tB\n")
            .unwrap_err();
        assert!(err.to_string().contains("t.tsv:3: duplicate id"), "{err}");
    }

    #[test]
    fn bundled_gazetteers_load() {
        let g = Gazetteer::bundled().unwrap();
        assert!(!g.entities.is_empty());
    }
}
