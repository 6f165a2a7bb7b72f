//! The Wikidata importer: a JSON dump's entities to gazetteer rows.

use super::{Existing, Options, Report, Row, finish, latin, lines};
use crate::error::Result;
use crate::gazetteer::EntityType;
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{BufRead, Write};

/// Instance-of (P31) classes and the entity type they give. Only QIDs whose label was
/// checked for this project are listed; add others with `--map QID=TYPE` (for example
/// militant groups, think tanks, governorates and camps, whose QIDs were not verified here).
/// When an item has several mapped classes, the type earliest in PERSON, FACILITY, GPE,
/// ORG, LOC wins (an airport that is also a company is a FACILITY).
pub const P31_TYPES: &[(&str, EntityType, &str)] = &[
    ("Q5", EntityType::Person, "human"),
    ("Q43229", EntityType::Org, "organization"),
    ("Q7278", EntityType::Org, "political party"),
    ("Q7210356", EntityType::Org, "political organization"),
    ("Q17149090", EntityType::Org, "armed organization"),
    ("Q17127659", EntityType::Org, "terrorist organization"),
    ("Q327333", EntityType::Org, "government agency"),
    ("Q2659904", EntityType::Org, "government organization"),
    ("Q484652", EntityType::Org, "international organization"),
    ("Q163740", EntityType::Org, "nonprofit organization"),
    ("Q4830453", EntityType::Org, "business"),
    ("Q783794", EntityType::Org, "company"),
    ("Q891723", EntityType::Org, "public company"),
    ("Q6881511", EntityType::Org, "enterprise"),
    ("Q11032", EntityType::Org, "newspaper"),
    ("Q41298", EntityType::Org, "magazine"),
    ("Q192283", EntityType::Org, "news agency"),
    ("Q31855", EntityType::Org, "research institute"),
    ("Q3918", EntityType::Org, "university"),
    ("Q875538", EntityType::Org, "public university"),
    ("Q6256", EntityType::Gpe, "country"),
    ("Q3624078", EntityType::Gpe, "sovereign state"),
    ("Q515", EntityType::Gpe, "city"),
    ("Q1549591", EntityType::Gpe, "big city"),
    ("Q5119", EntityType::Gpe, "capital city"),
    ("Q3957", EntityType::Gpe, "town"),
    ("Q532", EntityType::Gpe, "village"),
    ("Q486972", EntityType::Gpe, "human settlement"),
    ("Q15284", EntityType::Gpe, "municipality"),
    ("Q34876", EntityType::Gpe, "province"),
    ("Q149621", EntityType::Gpe, "district"),
    (
        "Q10864048",
        EntityType::Gpe,
        "first-level administrative country subdivision",
    ),
    (
        "Q56061",
        EntityType::Gpe,
        "administrative territorial entity",
    ),
    ("Q7275", EntityType::Gpe, "state"),
    ("Q35657", EntityType::Gpe, "U.S. state"),
    ("Q82794", EntityType::Loc, "geographic region"),
    ("Q4022", EntityType::Loc, "river"),
    ("Q165", EntityType::Loc, "sea"),
    ("Q8502", EntityType::Loc, "mountain"),
    ("Q8514", EntityType::Loc, "desert"),
    ("Q23397", EntityType::Loc, "lake"),
    ("Q23442", EntityType::Loc, "island"),
    ("Q34763", EntityType::Loc, "peninsula"),
    ("Q5107", EntityType::Loc, "continent"),
    ("Q245016", EntityType::Facility, "military base"),
    ("Q695850", EntityType::Facility, "air base"),
    ("Q1248784", EntityType::Facility, "airport"),
    ("Q644371", EntityType::Facility, "international airport"),
    ("Q3917681", EntityType::Facility, "embassy"),
    ("Q40357", EntityType::Facility, "prison"),
];

/// Parses a `--map` item `QID=TYPE` (`Q2001305=ORG`).
pub fn parse_type_map(item: &str) -> Result<(String, EntityType), String> {
    let (q, t) = item
        .split_once('=')
        .ok_or_else(|| format!("{item:?} is not QID=TYPE (e.g. Q2001305=ORG)"))?;
    let q = q.trim();
    if !(q.len() > 1 && q.starts_with('Q') && q[1..].chars().all(|c| c.is_ascii_digit())) {
        return Err(format!("{q:?} is not a Wikidata QID like Q123"));
    }
    let t = EntityType::parse(t.trim())
        .ok_or_else(|| format!("type {t:?} is not one of PERSON, ORG, GPE, LOC, FACILITY"))?;
    Ok((q.to_string(), t))
}

// The dump writes an empty map as `[]` (labels, aliases, claims of a bare item), so those
// fields accept either.
#[derive(Deserialize, Default)]
#[serde(default)]
struct WdEntity {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(deserialize_with = "map_or_empty")]
    labels: WdLabels,
    #[serde(deserialize_with = "map_or_empty")]
    aliases: WdAliases,
    #[serde(deserialize_with = "map_or_empty")]
    claims: WdClaims,
}

/// An object as `T`, or `[]` / `null` as `T::default()`.
fn map_or_empty<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object or an empty array")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<T, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<T, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(T::default())
        }
        fn visit_unit<E>(self) -> std::result::Result<T, E> {
            Ok(T::default())
        }
    }
    d.deserialize_any(V(std::marker::PhantomData))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WdLabels {
    en: Option<WdText>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WdAliases {
    en: Vec<WdText>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WdText {
    value: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WdClaims {
    #[serde(rename = "P31")]
    p31: Vec<WdStatement>,
    #[serde(rename = "P625")]
    p625: Vec<WdStatement>,
    #[serde(rename = "P17")]
    p17: Vec<WdStatement>,
    #[serde(rename = "P1566")]
    p1566: Vec<WdStatement>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WdStatement {
    mainsnak: WdSnak,
    rank: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WdSnak {
    datavalue: Option<WdValue>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WdValue {
    value: serde_json::Value,
}

/// Values of a property, preferred statements first, deprecated ones left out.
fn values(statements: &[WdStatement]) -> impl Iterator<Item = &serde_json::Value> {
    let preferred = statements.iter().filter(|s| s.rank == "preferred");
    let normal = statements
        .iter()
        .filter(|s| s.rank != "preferred" && s.rank != "deprecated");
    preferred
        .chain(normal)
        .filter_map(|s| s.mainsnak.datavalue.as_ref().map(|d| &d.value))
}

fn item_id(v: &serde_json::Value) -> Option<&str> {
    v.get("id").and_then(|i| i.as_str())
}

/// Reads a Wikidata JSON dump (one entity per line; the dump's `[` and `]` lines and
/// trailing commas are allowed) and writes gazetteer rows: id `wd:<QID>`, the English label
/// as canonical name, English aliases (short all-capitals ones as case-sensitive codes),
/// the type from instance-of ([`P31_TYPES`] plus `extra_types`), coordinates (P625, on
/// Earth), the GeoNames id (P1566) and the ISO code of the country (P17, for countries the
/// existing gazetteers know by QID). Items with no English label or no mapped type are
/// skipped and counted.
pub fn wikidata(
    label: &str,
    input: impl BufRead,
    extra_types: &[(String, EntityType)],
    opts: &Options,
    out: &mut dyn Write,
) -> Result<Report> {
    let mut types: HashMap<&str, EntityType> = P31_TYPES.iter().map(|(q, t, _)| (*q, *t)).collect();
    for (q, t) in extra_types {
        types.insert(q.as_str(), *t);
    }
    let mut report = Report::default();
    let mut rows = Vec::new();
    let digest = lines(label, input, &mut report, |n, line, report| {
        let line = line.trim();
        let line = line.strip_suffix(',').unwrap_or(line);
        if line.is_empty() || line == "[" || line == "]" {
            return;
        }
        report.read += 1;
        match serde_json::from_str::<WdEntity>(line) {
            Ok(e) => match wikidata_row(e, &types, opts, report) {
                Ok(row) => rows.push(row),
                Err(why) => report.skip(why),
            },
            Err(e) => {
                report.bad_row(label, n, format!("not a Wikidata entity JSON object: {e}"));
            }
        }
    })?;
    // Wikidata rows keep the file order when they compete for a name.
    let total = rows.len() as u64;
    for (i, r) in rows.iter_mut().enumerate() {
        r.weight = total - i as u64;
    }
    let notes = [
        format!("Source: {label} (sha256 {digest}), Wikidata JSON dump format."),
        "Data: Wikidata (wikidata.org), CC0.".into(),
        "canonical = the English label; aliases = the cleaned English aliases; type from \
         instance-of (P31), see gazetteers/README.md, \"Importing\"."
            .into(),
    ];
    finish(label, rows, opts, &notes, out, report)
}

/// One dump entity as a gazetteer row, or why it is skipped: not an item, already in
/// `--skip-existing` (by QID, id or GeoNames id), no English label, no mapped type.
fn wikidata_row(
    e: WdEntity,
    types: &HashMap<&str, EntityType>,
    opts: &Options,
    report: &mut Report,
) -> std::result::Result<Row, &'static str> {
    let qid = e.id;
    if e.kind != "item" || !qid.starts_with('Q') {
        return Err("not an item");
    }
    if opts.existing.qids.contains(&qid) || opts.existing.ids.contains(&format!("wd:{qid}")) {
        return Err("already in --skip-existing");
    }
    let label = e
        .labels
        .en
        .map(|t| t.value)
        .filter(|v| !v.trim().is_empty())
        .ok_or("no English label")?;
    let kind = mapped_type(&e.claims, types, report).ok_or("no mapped instance-of type")?;
    let geonames = geonames_id(&e.claims);
    let known = |g: &str| {
        g.parse::<u64>()
            .is_ok_and(|g| opts.existing.geonames.contains(&g))
    };
    if geonames.as_deref().is_some_and(known) {
        return Err("already in --skip-existing");
    }
    let (lat, lon) = coordinates(&e.claims).unwrap_or_default();
    let mut row = Row {
        id: format!("wd:{qid}"),
        kind: Some(kind),
        canonical: label.trim().to_string(),
        qid,
        geonames: geonames.unwrap_or_default(),
        lat,
        lon,
        country: country(&e.claims, &opts.existing),
        ..Row::default()
    };
    add_aliases(&mut row, e.aliases.en, report);
    Ok(row)
}

/// The order in which an item's mapped types win (see [`P31_TYPES`]).
const TYPE_ORDER: [EntityType; 5] = [
    EntityType::Person,
    EntityType::Facility,
    EntityType::Gpe,
    EntityType::Org,
    EntityType::Loc,
];

/// The type an item's instance-of classes give, the earliest of [`TYPE_ORDER`] that one of
/// them maps to. When none maps, the classes are counted as unmapped in `report`, for the
/// summary's `--map` hint.
fn mapped_type(
    claims: &WdClaims,
    types: &HashMap<&str, EntityType>,
    report: &mut Report,
) -> Option<EntityType> {
    let classes: Vec<&str> = values(&claims.p31).filter_map(item_id).collect();
    let kind = TYPE_ORDER
        .into_iter()
        .find(|t| classes.iter().any(|c| types.get(c) == Some(t)));
    if kind.is_none() {
        for c in &classes {
            *report.unmapped.entry(c.to_string()).or_default() += 1;
        }
    }
    kind
}

/// The item's GeoNames id (P1566), when it gives one that is a number.
fn geonames_id(claims: &WdClaims) -> Option<String> {
    values(&claims.p1566)
        .filter_map(|v| v.as_str())
        .find(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        .map(String::from)
}

/// The item's coordinates (P625) as latitude and longitude, when they are on Earth and in
/// range.
fn coordinates(claims: &WdClaims) -> Option<(String, String)> {
    values(&claims.p625).find_map(|v| {
        // Coordinates on other globes (the Moon, Mars) are not places on Earth.
        let earth = v
            .get("globe")
            .and_then(|g| g.as_str())
            .is_none_or(|g| g.ends_with("/Q2"));
        let lat = v.get("latitude")?.as_f64()?;
        let lon = v.get("longitude")?.as_f64()?;
        (earth && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon))
            .then(|| (lat.to_string(), lon.to_string()))
    })
}

/// The ISO code of the item's country (P17), when the existing gazetteers know that country
/// by its QID; empty otherwise.
fn country(claims: &WdClaims, existing: &Existing) -> String {
    values(&claims.p17)
        .filter_map(item_id)
        .find_map(|q| existing.country_qids.get(q).cloned())
        .unwrap_or_default()
}

/// Gives the row the item's English aliases: short all-capitals ones in Latin letters as
/// codes (acronyms such as IRGC, PMF, K-1 match in their exact case), other all-capitals
/// ones dropped (counted in `report`), the rest as aliases.
fn add_aliases(row: &mut Row, aliases: Vec<WdText>, report: &mut Report) {
    for a in aliases {
        let a = a.value.trim().to_string();
        let letters: Vec<char> = a.chars().filter(|c| c.is_alphanumeric()).collect();
        let caps =
            letters.iter().any(|c| c.is_uppercase()) && !letters.iter().any(|c| c.is_lowercase());
        if caps && (2..=6).contains(&letters.len()) && latin(&a) {
            if !row.codes.contains(&a) {
                row.codes.push(a);
            }
        } else if caps {
            report.drop_name("all-capitals name");
        } else if !a.is_empty() {
            row.aliases.push(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{load, opts};
    use super::*;

    #[test]
    fn wikidata_entities() {
        let line = |q: &str, label: &str, p31: &str, extra: &str| {
            format!(
                r#"{{"type":"item","id":"{q}","labels":{{"en":{{"language":"en","value":"{label}"}}}},"aliases":{{"en":[{{"language":"en","value":"KSB"}},{{"language":"en","value":"the Sample"}}]}},"claims":{{"P31":[{{"mainsnak":{{"snaktype":"value","property":"P31","datavalue":{{"value":{{"entity-type":"item","id":"{p31}"}},"type":"wikibase-entityid"}}}},"type":"statement","rank":"normal"}}]{extra}}}}}"#
            )
        };
        let p17 = r#","P17":[{"mainsnak":{"snaktype":"value","datavalue":{"value":{"id":"Q796"}}},"rank":"normal"}]"#;
        let input = format!(
            "[\n{},\n{},\n{}\n]\n",
            line("Q91", "Kataib Sample", "Q17149090", p17),
            line("Q92", "Sample Tank", "Q12345", ""),
            line("Q93", "Sample Person", "Q5", "")
        );
        let mut out = Vec::new();
        let extra = [("Q12345".to_string(), EntityType::Org)];
        let r = wikidata("w", input.as_bytes(), &extra, &opts(), &mut out).unwrap();
        assert_eq!((r.read, r.written), (3, 3), "{}", r.summary());
        let g = load(&out);
        let k = &g.entries()[0];
        assert_eq!((k.id.as_str(), k.kind), ("wd:Q91", EntityType::Org));
        assert_eq!(k.qid.as_deref(), Some("Q91"));
        assert_eq!(k.country.as_deref(), Some("IQ"));
        assert_eq!(k.codes, ["KSB"]);
        assert!(k.aliases.is_empty());
        assert_eq!(g.entries()[1].kind, EntityType::Org);
        assert_eq!(g.entries()[2].kind, EntityType::Person);
        // Two entities cannot both take the code KSB: the first in the file keeps it.
        assert!(g.entries()[1].codes.is_empty());
    }

    #[test]
    fn type_map() {
        assert_eq!(
            parse_type_map("Q2001305=ORG"),
            Ok(("Q2001305".to_string(), EntityType::Org))
        );
        assert!(parse_type_map("Q1").is_err());
        assert!(parse_type_map("X1=ORG").is_err());
        assert!(parse_type_map("Q1=THING").is_err());
    }
}
