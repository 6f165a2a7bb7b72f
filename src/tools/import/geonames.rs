//! The GeoNames importer: a dump's 19 tab-separated columns to gazetteer rows.

use super::{Options, Report, Row, finish, lines};
use crate::error::Result;
use crate::gazetteer::EntityType;
use crate::text::normalize::name_word_keys;
use std::io::{BufRead, Write};

/// Row filters for GeoNames.
#[derive(Debug, Clone, Default)]
pub struct GeonamesFilter {
    /// ISO country codes to keep (empty: all).
    pub countries: Vec<String>,
    /// Feature classes to keep, such as `P`, `A` (empty: all).
    pub classes: Vec<String>,
    /// Smallest population kept.
    pub min_population: u64,
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

/// Reads a GeoNames dump (the 19 tab-separated columns of `allCountries.txt`,
/// `cities15000.txt`…) and writes gazetteer rows: id `gn:<geonameid>`, type GPE for feature
/// classes P and A and LOC for the others, canonical `name` (or `asciiname` when `name` is
/// not plain ASCII), cleaned alternate names as aliases, and geonames, lat, lon, country
/// copied as they are. `label` names the input in problems and in the header.
pub fn geonames(
    label: &str,
    input: impl BufRead,
    filter: &GeonamesFilter,
    opts: &Options,
    out: &mut dyn Write,
) -> Result<Report> {
    let mut report = Report::default();
    let mut rows = Vec::new();
    let digest = lines(label, input, &mut report, |n, line, report| {
        if line.trim().is_empty() || line.starts_with('#') {
            return;
        }
        report.read += 1;
        match geonames_row(line, filter, opts, report) {
            Ok(Some(row)) => rows.push(row),
            Ok(None) => {}
            Err(message) => report.bad_row(label, n, message),
        }
    })?;
    let notes = [
        format!("Source: {label} (sha256 {digest}), GeoNames dump format (19 columns)."),
        "Data: GeoNames (geonames.org), CC BY 4.0. Credit: \"GeoNames (geonames.org)\".".into(),
        "canonical = the name column, or asciiname when name is not plain ASCII; aliases = the \
         cleaned alternatenames (see gazetteers/README.md, \"Importing\")."
            .into(),
    ];
    finish(label, rows, opts, &notes, out, report)
}

/// The columns of a GeoNames row that an import reads, checked.
struct Place<'a> {
    id: u64,
    name: &'a str,
    ascii: &'a str,
    alternates: &'a str,
    lat: &'a str,
    lon: &'a str,
    class: &'a str,
    code: &'a str,
    cc: &'a str,
    population: u64,
}

/// One dump row as a gazetteer row with its candidate aliases, `None` when a filter or
/// `--skip-existing` leaves it out (counted in `report`), or what is wrong with it.
fn geonames_row(
    line: &str,
    filter: &GeonamesFilter,
    opts: &Options,
    report: &mut Report,
) -> Result<Option<Row>, String> {
    let p = place(line)?;
    if let Some(why) = left_out(&p, filter, opts) {
        report.skip(why);
        return Ok(None);
    }
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
    let (class, code, population) = (p.class, p.code, p.population);
    Ok(Some(Row {
        id: format!("gn:{}", p.id),
        kind: Some(kind),
        canonical,
        aliases: alias_candidates(&p, report),
        geonames: p.id.to_string(),
        lat: p.lat.to_string(),
        lon: p.lon.to_string(),
        country: p.cc.to_string(),
        attrs: format!("feature={class}.{code};population={population}"),
        weight: population,
        population: Some(population),
        variants_only: true,
        ..Row::default()
    }))
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
    let (name, ascii, alternates) = (f[1].trim(), f[2].trim(), f[3]);
    let (lat, lon) = (f[4].trim(), f[5].trim());
    let (class, code, cc) = (f[6].trim(), f[7].trim(), f[8].trim());
    if crate::gazetteer::coordinates([lat, lon], ["latitude", "longitude"])?.is_none() {
        return Err("latitude and longitude are empty".into());
    }
    let population: u64 = match f[14].trim() {
        "" => 0,
        p => p
            .parse()
            .map_err(|_| format!("population {p:?} is not a whole number"))?,
    };
    if name.is_empty() && ascii.is_empty() {
        return Err("name and asciiname are both empty".into());
    }
    let iso = cc.len() == 2 && cc.chars().all(|c| c.is_ascii_uppercase());
    if !cc.is_empty() && !iso {
        return Err(format!("country code {cc:?} is not two capital letters"));
    }
    Ok(Place {
        id,
        name,
        ascii,
        alternates,
        lat,
        lon,
        class,
        code,
        cc,
        population,
    })
}

/// Why the filters or `--skip-existing` leave a place out, if they do.
fn left_out(p: &Place, filter: &GeonamesFilter, opts: &Options) -> Option<&'static str> {
    if !filter.countries.is_empty() && !filter.countries.iter().any(|c| c == p.cc) {
        return Some("outside --country");
    }
    if !filter.classes.is_empty() && !filter.classes.iter().any(|c| c == p.class) {
        return Some("outside --class");
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
/// import shares (`finish_rows`): all-capitals codes, numbered parts ("Umm Suqeim 2") and,
/// on a city, the names of its admin unit are dropped here (counted in `report`).
fn alias_candidates(p: &Place, report: &mut Report) -> Vec<String> {
    let city = p.class == "P";
    let mut aliases = Vec::new();
    for alt in std::iter::once(p.name).chain(p.alternates.split(',')) {
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
        if city && is_admin_name(alt) {
            report.drop_name("admin-unit name on a city row");
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
        let r = geonames("t", input.as_bytes(), &filter, &opts(), &mut out).unwrap();
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
        };
        let mut out = Vec::new();
        let r = geonames("t", input.as_bytes(), &filter, &opts(), &mut out).unwrap();
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
        geonames("t", input.as_bytes(), &filter, &o, &mut out).unwrap();
        assert_eq!(load(&out).entries().len(), 2);
    }
}
