//! Reading gazetteer files: one TSV row per entity (columns named by the header), alias
//! files (`id`, `aliases`) and must-not-merge files (`a`, `b`). Every broken row is reported
//! as `file:line: what is wrong`; the format is documented in `gazetteers/README.md`.

use super::entry::{DatedName, EntityType, Entry, NoMerge};
use crate::date::Span;
use crate::error::Error;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

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
    "active",
];

/// Where each of [`COLUMNS`] is in a file's header, found once per file rather than by name
/// for every field of every row.
struct Columns {
    at: [Option<usize>; COLUMNS.len()],
    count: usize,
}

/// Positions in [`COLUMNS`].
mod col {
    pub(crate) const ID: usize = 0;
    pub(crate) const TYPE: usize = 1;
    pub(crate) const CANONICAL: usize = 2;
    pub(crate) const ALIASES: usize = 3;
    pub(crate) const CODES: usize = 4;
    pub(crate) const DESCRIPTORS: usize = 5;
    pub(crate) const ROLES: usize = 6;
    pub(crate) const QID: usize = 7;
    pub(crate) const GEONAMES: usize = 8;
    pub(crate) const LAT: usize = 9;
    pub(crate) const LON: usize = 10;
    pub(crate) const COUNTRY: usize = 11;
    pub(crate) const PARENT: usize = 12;
    pub(crate) const CONTEXT: usize = 13;
    pub(crate) const ATTRS: usize = 14;
    pub(crate) const ACTIVE: usize = 15;
}

impl Columns {
    /// The field of `fields` in column `c` of [`COLUMNS`], trimmed ("" when the file has no
    /// such column).
    fn get<'a>(&self, fields: &[&'a str], c: usize) -> &'a str {
        self.at[c].map_or("", |i| fields[i].trim())
    }
}

/// One file parsed leniently: the good rows, and an error for every broken one.
#[derive(Debug, Default)]
pub(crate) struct ParsedFile {
    /// Entities from the rows that parsed, in file order.
    pub entities: Vec<Entry>,
    /// Must-not-merge pairs (for a file with the `a`, `b` header).
    pub no_merge: Vec<NoMerge>,
    /// Aliases for entities defined in other files (a file with the `id`, `aliases` header).
    pub overlay: Vec<ExtraAliases>,
    /// One `file:line` error per broken row or header, in line order. A broken header
    /// leaves the file empty; a row whose id repeats an earlier row's is reported and left out.
    pub errors: Vec<Error>,
}

/// One row of an alias file: aliases for an entity that a file loaded before it defines.
#[derive(Debug)]
pub(crate) struct ExtraAliases {
    /// The entity's id.
    pub id: String,
    /// The aliases to add to it.
    pub aliases: Vec<DatedName>,
    /// `file:line` of the row.
    pub origin: String,
}

impl ParsedFile {
    /// Records what is wrong with line `line` (0-based) of the file `label`.
    fn report(&mut self, label: &str, line: usize, message: String) {
        self.errors.push(Error::Gazetteer {
            location: location(label, line),
            message,
        });
    }
}

/// Parses one gazetteer file's text without stopping at the first problem (`label` names it
/// in errors). [`Gazetteer::add_str`](super::Gazetteer::add_str) refuses a file with any
/// error; `gazette gazetteer check` lists them all. The header says which of the three kinds
/// of file it is.
pub(crate) fn parse_file(label: &str, content: &str) -> ParsedFile {
    let mut out = ParsedFile::default();
    let mut lines = crate::text::without_bom(content)
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((hline, header)) = lines.next() else {
        return out;
    };
    let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
    if cols.first() == Some(&"a") {
        parse_no_merge(label, hline, &cols, lines, &mut out);
    } else if cols == ["id", "aliases"] {
        parse_alias_rows(label, lines, &mut out);
    } else {
        match entity_columns(&cols) {
            Ok(columns) => parse_entities(label, &columns, lines, &mut out),
            Err(message) => out.report(label, hline, message),
        }
    }
    out
}

/// `file:line` for the 0-based line `line`, built without the formatting machinery (one per
/// entity).
fn location(label: &str, line: usize) -> String {
    let mut number = itoa::Buffer::new();
    let number = number.format(line + 1);
    let mut s = String::with_capacity(label.len() + 1 + number.len());
    s.push_str(label);
    s.push(':');
    s.push_str(number);
    s
}

/// The rows of a must-not-merge file (header `a`, `b`, optional `type` and `note`); a header
/// whose second column is not `b` is the file's only error.
fn parse_no_merge<'a>(
    label: &str,
    hline: usize,
    cols: &[&str],
    lines: impl Iterator<Item = (usize, &'a str)>,
    out: &mut ParsedFile,
) {
    if cols.len() < 2 || cols[1] != "b" {
        let message =
            "a must-not-merge file needs the header columns a, b (and optional type, note)";
        out.report(label, hline, message.into());
        return;
    }
    let type_col = cols.iter().position(|c| *c == "type");
    for (n, line) in lines {
        match no_merge_row(line, cols.len(), type_col) {
            Ok(pair) => out.no_merge.push(pair),
            Err(message) => out.report(label, n, message),
        }
    }
}

/// One must-not-merge row: as many fields as the header (`width`), `a` and `b` filled, and
/// the type, when the file has that column and the row fills it, one of the entity types.
fn no_merge_row(line: &str, width: usize, type_col: Option<usize>) -> Result<NoMerge, String> {
    let f: Vec<&str> = line.split('\t').collect();
    let kind = match type_col.map(|i| f.get(i).map_or("", |t| t.trim())) {
        None | Some("") => None,
        Some(t) => Some(entity_type(t)?),
    };
    if f.len() != width || f[0].trim().is_empty() || f[1].trim().is_empty() {
        return Err(format!(
            "expected {width} tab-separated fields with a and b filled, found {}",
            f.len()
        ));
    }
    Ok(NoMerge {
        a: f[0].trim().to_string(),
        b: f[1].trim().to_string(),
        kind,
    })
}

/// The rows of an alias file (header `id`, `aliases`): aliases for entities of other files.
fn parse_alias_rows<'a>(
    label: &str,
    lines: impl Iterator<Item = (usize, &'a str)>,
    out: &mut ParsedFile,
) {
    for (n, line) in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let parsed = if f.len() == 2 {
            dated_list(f[1])
        } else {
            Err(format!(
                "expected 2 tab-separated fields (id, aliases), found {}",
                f.len()
            ))
        };
        match parsed {
            Ok(aliases) => out.overlay.push(ExtraAliases {
                id: f[0].trim().to_string(),
                aliases,
                origin: location(label, n),
            }),
            Err(message) => out.report(label, n, message),
        }
    }
}

/// Where the known columns are in an entity file's header. An unknown or repeated column, or
/// a missing required one, is the header's error.
fn entity_columns(cols: &[&str]) -> Result<Columns, String> {
    let mut columns = Columns {
        at: [None; COLUMNS.len()],
        count: cols.len(),
    };
    for (i, c) in cols.iter().enumerate() {
        let Some(known) = COLUMNS.iter().position(|k| k == c) else {
            return Err(format!(
                "unknown column {c:?} in the header (known: {})",
                COLUMNS.join(", ")
            ));
        };
        if columns.at[known].replace(i).is_some() {
            return Err(format!("column {c:?} appears twice in the header"));
        }
    }
    for required in ["id", "type", "canonical"] {
        if !cols.contains(&required) {
            return Err(format!(
                "the header has no {required:?} column (required: id, type, canonical)"
            ));
        }
    }
    Ok(columns)
}

/// The entity rows of a file with a column header, each read by [`parse_row`]. A row whose id
/// an earlier row of the file has is reported, naming where the first was defined.
fn parse_entities<'a>(
    label: &str,
    columns: &Columns,
    lines: impl Iterator<Item = (usize, &'a str)>,
    out: &mut ParsedFile,
) {
    // Each id's first entity; the id as it is in the file, so the map borrows instead of
    // copying it.
    let mut seen: HashMap<&str, usize> = HashMap::default();
    let mut fields: Vec<&str> = Vec::with_capacity(columns.count);
    for (n, line) in lines {
        fields.clear();
        fields.extend(split_at_byte(line, b'\t'));
        let mut e = match parse_row(&fields, columns) {
            Ok(e) => e,
            Err(message) => {
                out.report(label, n, message);
                continue;
            }
        };
        e.origin = location(label, n);
        if let Some(&first) = seen.get(e.id.as_str()) {
            let error = duplicate_id(&e, &out.entities[first].origin);
            out.errors.push(error);
            continue;
        }
        seen.insert(columns.get(&fields, col::ID), out.entities.len());
        out.entities.push(e);
    }
}

/// The error for an entity whose id the entity at `first` (`file:line`) already has.
pub(super) fn duplicate_id(e: &Entry, first: &str) -> Error {
    Error::Gazetteer {
        location: e.origin.clone(),
        message: format!("duplicate id {:?} (first defined at {first})", e.id),
    }
}

/// The line number of a `file:line` error, for sorting (0 when it has none).
pub(super) fn line_of(e: &Error) -> usize {
    match e {
        Error::Gazetteer { location, .. } => location
            .rsplit_once(':')
            .and_then(|(_, n)| n.parse().ok())
            .unwrap_or(0),
        _ => 0,
    }
}

/// A `|`-separated list: each item trimmed, empty ones left out.
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
        _ => !crate::text::name_key(name).is_empty(),
    }
}

/// `Jurf al-Nasr [2014..2023]` → name and dates. The range is read as the `active` column's
/// (see [`Span`]) and kept as written.
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
    Span::from_ends(from.trim(), to.trim()).map_err(|e| format!("{item:?}: {e}"))?;
    let opt = |d: &str| (!d.trim().is_empty()).then(|| d.trim().to_string());
    Ok(DatedName {
        name: item[..open].trim().to_string(),
        from: opt(from),
        to: opt(to),
    })
}

/// An `active` field: empty, or a date range `FROM..TO` (see [`Span::parse`]).
fn lifetime(field: &str) -> Result<Option<Span>, String> {
    match field {
        "" => Ok(None),
        f => Span::parse(f).map(Some).map_err(|e| format!("active {e}")),
    }
}

/// One entity row, its fields split at tabs: every field checked, the first problem found
/// is the row's error. The entry's `origin` is left for the caller to fill.
fn parse_row(fields: &[&str], columns: &Columns) -> Result<Entry, String> {
    if fields.len() != columns.count {
        return Err(format!(
            "expected {} tab-separated fields (as in the header), found {}",
            columns.count,
            fields.len()
        ));
    }
    let get = |c: usize| columns.get(fields, c);
    let id = checked_id(get(col::ID))?;
    let kind = entity_type(get(col::TYPE))?;
    let canonical = checked_canonical(get(col::CANONICAL))?;
    let aliases = dated_list(get(col::ALIASES))?;
    let roles = dated_list(get(col::ROLES))?;
    let qid = checked_qid(get(col::QID))?;
    let geonames = geonames_id(get(col::GEONAMES))?;
    let coordinates = coordinates([get(col::LAT), get(col::LON)], ["lat", "lon"])?;
    let country = checked_country(get(col::COUNTRY))?;
    let attrs = attributes(get(col::ATTRS))?;
    let active = lifetime(get(col::ACTIVE))?;
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Ok(Entry {
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
        active,
        attrs,
        origin: String::new(),
    })
}

/// An id: ASCII letters, digits and `. _ : -`, so it can be written anywhere unquoted.
fn checked_id(id: &str) -> Result<&str, String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-');
    if id.is_empty() || !id.chars().all(allowed) {
        return Err(format!(
            "id {id:?} must be non-empty ASCII letters, digits and . _ : -"
        ));
    }
    Ok(id)
}

/// A `type` field: one of the entity types, as written in upper case.
fn entity_type(t: &str) -> Result<EntityType, String> {
    EntityType::parse(t)
        .ok_or_else(|| format!("type {t:?} is not one of PERSON, ORG, GPE, LOC, FACILITY"))
}

/// A canonical name: not empty, and with a match key (a name of punctuation alone could never
/// be matched).
fn checked_canonical(canonical: &str) -> Result<&str, String> {
    if canonical.is_empty() {
        return Err("canonical name is empty".into());
    }
    if !has_key(canonical) {
        return Err(format!(
            "canonical name {canonical:?} has no letters or digits"
        ));
    }
    Ok(canonical)
}

/// A `|`-separated list of names, each with an optional date range (see [`dated`]).
fn dated_list(field: &str) -> Result<Vec<DatedName>, String> {
    list(field).iter().map(|a| dated(a)).collect()
}

/// A `qid` field: empty, or a Wikidata id such as `Q123`.
fn checked_qid(qid: &str) -> Result<&str, String> {
    let qid_ok =
        |q: &str| q.len() > 1 && q.starts_with('Q') && q[1..].chars().all(|c| c.is_ascii_digit());
    if !qid.is_empty() && !qid_ok(qid) {
        return Err(format!("qid {qid:?} is not a Wikidata id like Q123"));
    }
    Ok(qid)
}

/// A `geonames` field: empty, or a GeoNames id (a number).
fn geonames_id(g: &str) -> Result<Option<u64>, String> {
    match g {
        "" => Ok(None),
        g => g
            .parse::<u64>()
            .map(Some)
            .map_err(|_| format!("geonames id {g:?} is not a number")),
    }
}

/// A latitude and a longitude field: both empty, or decimal degrees within range. `names`
/// are the fields' names in the file read, for the error.
pub(crate) fn coordinates(
    [lat, lon]: [&str; 2],
    names: [&str; 2],
) -> Result<Option<[f64; 2]>, String> {
    if (lat, lon) == ("", "") {
        return Ok(None);
    }
    let degrees = |value: &str, name: &str| {
        value
            .parse::<f64>()
            .map_err(|_| format!("{name} {value:?} is not a decimal number"))
    };
    let (lat, lon) = (degrees(lat, names[0])?, degrees(lon, names[1])?);
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordinates {lat},{lon} are out of range"));
    }
    Ok(Some([lat, lon]))
}

/// A `country` field: empty, or an ISO 3166-1 alpha-2 code such as `IQ`.
fn checked_country(country: &str) -> Result<&str, String> {
    let iso = |c: &str| c.len() == 2 && c.chars().all(|c| c.is_ascii_uppercase());
    if !country.is_empty() && !iso(country) {
        return Err(format!(
            "country {country:?} is not an ISO 3166-1 alpha-2 code like IQ"
        ));
    }
    Ok(country)
}

/// The `attrs` field: `key=value` items separated by `;`.
fn attributes(field: &str) -> Result<BTreeMap<String, String>, String> {
    let mut attrs = BTreeMap::new();
    for pair in field.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| format!("attrs item {pair:?} is not key=value"))?;
        attrs.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(attrs)
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
            (col::ACTIVE, "active"),
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
                !crate::text::name_key(name).is_empty(),
                "{name:?}"
            );
        }
    }

    #[test]
    fn the_active_column_is_a_date_range() {
        let file = "# lifetimes\n\
                    id\ttype\tcanonical\tactive\n\
                    org.a\tORG\tAlpha Front\t2003..\n\
                    org.b\tORG\tBeta Front\t..2020-01-03\n\
                    org.c\tORG\tGamma Front\t2003-06..2019\n\
                    org.d\tORG\tDelta Front\t\n\
                    org.e\tORG\tEpsilon Front\t2019..2003\n\
                    org.f\tORG\tZeta Front\t2003\n\
                    org.g\tORG\tEta Front\t2003-13..\n\
                    org.h\tORG\tTheta Front\tWar [2014..2003]\n";
        let parsed = parse_file("orgs.tsv", file);
        let spans: Vec<(&str, Option<String>)> = parsed
            .entities
            .iter()
            .map(|e| (e.id.as_str(), e.active.map(|s| s.to_string())))
            .collect();
        let want = [
            ("org.a", Some("2003..")),
            ("org.b", Some("..2020-01-03")),
            ("org.c", Some("2003-06..2019")),
            ("org.d", None),
        ];
        let want: Vec<(&str, Option<String>)> = want
            .iter()
            .map(|(i, s)| (*i, s.map(String::from)))
            .collect();
        assert_eq!(spans, want);
        let errors: Vec<String> = parsed.errors.iter().map(|e| e.to_string()).collect();
        let expected = [
            ("orgs.tsv:7: active \"2019..2003\"", "before it starts"),
            ("orgs.tsv:8: active \"2003\"", "FROM..TO"),
            ("orgs.tsv:9: active \"2003-13..\"", "is not a date"),
            ("orgs.tsv:10: active \"War [2014..2003]\"", "is not a date"),
        ];
        assert_eq!(errors.len(), expected.len(), "{errors:?}");
        for (e, (start, why)) in errors.iter().zip(expected) {
            assert!(e.starts_with(start) && e.contains(why), "{e}");
        }
    }

    /// Per row of a file: the error's start and reason, or None when the row is accepted.
    type Outcomes<'a> = &'a [Option<(&'a str, &'a str)>];

    #[test]
    fn a_reversed_range_is_an_error_at_its_line() {
        // (file label, file text, each row's outcome)
        let files: &[(&str, &str, Outcomes)] = &[
            (
                "orgs.tsv",
                "id\ttype\tcanonical\taliases\troles\n\
                 org.a\tORG\tAlpha Front\tAlpha Army [2020..2010]\t\n\
                 org.b\tORG\tBeta Front\tBeta Army [2003-06-02..2003-06-01]\t\n\
                 org.c\tORG\tGamma Front\tGamma Army [2004..2003-12]\t\n\
                 org.d\tORG\tDelta Front\t\tchair [2019..2003]\n\
                 org.e\tORG\tEpsilon Front\tEpsilon Army [2014..2014]\t\n\
                 org.f\tORG\tZeta Front\tZeta Army [2014-10-27..2014-10-27]\t\n\
                 org.g\tORG\tEta Front\tEta Army [2014..]|Old Eta [..2003-04]\t\n\
                 org.h\tORG\tTheta Front\tTheta Army [2003-04-09..2011-12-18]\t\n\
                 org.i\tORG\tIota Front\tIota Army [2003-06..2003]\t\n",
                &[
                    Some((
                        "orgs.tsv:2: \"Alpha Army [2020..2010]\"",
                        "ends (2010) before",
                    )),
                    Some(("orgs.tsv:3: \"Beta Army", "before it starts")),
                    Some(("orgs.tsv:4: \"Gamma Army", "before it starts")),
                    Some(("orgs.tsv:5: \"chair [2019..2003]\"", "before it starts")),
                    // Equal ends, open ends, an ordinary range, ends of different
                    // precision that share a year.
                    None,
                    None,
                    None,
                    None,
                    None,
                ],
            ),
            (
                "aliases.tsv",
                "# extra aliases\n\
                 id\taliases\n\
                 org.a\tOld Alpha [2020-05..2020-04]\n\
                 org.b\tOld Beta [2020-05..2020-05]|Older Beta [..1999]\n",
                &[
                    Some(("aliases.tsv:3: \"Old Alpha", "ends (2020-04) before")),
                    None,
                ],
            ),
        ];
        for &(label, text, rows) in files {
            let parsed = parse_file(label, text);
            let errors: Vec<String> = parsed.errors.iter().map(|e| e.to_string()).collect();
            let want: Vec<_> = rows.iter().flatten().collect();
            assert_eq!(errors.len(), want.len(), "{label}: {errors:?}");
            for (e, (start, why)) in errors.iter().zip(want) {
                assert!(e.starts_with(start) && e.contains(why), "{e}");
            }
            let kept = parsed.entities.len() + parsed.overlay.len();
            assert_eq!(kept, rows.iter().filter(|r| r.is_none()).count(), "{label}");
        }
    }

    #[test]
    fn alias_ranges_are_read_as_lifetimes_are() {
        assert!(dated("Jurf al-Nasr [2014..2023]").is_ok());
        assert!(dated("Old Name [..2003-04]").is_ok());
        for (bad, why) in [
            ("Jurf al-Nasr [2023..2014]", "before it starts"),
            ("Jurf al-Nasr [2014-13..]", "is not a date"),
            ("Jurf al-Nasr [..]", "at least one end"),
        ] {
            let e = dated(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
