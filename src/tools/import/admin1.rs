//! First-level regions for the GeoNames importer (`--admin1`): the rows of GeoNames'
//! `admin1CodesASCII.txt` (`CC.code`, name, ASCII name, geonameid) as gazetteer rows, and
//! their names for the context guards of the places in them.

use super::{Options, Report, Row, lines};
use crate::error::Result;
use crate::gazetteer::EntityType;
use crate::text::normalize::name_key;
use crate::tools::check::risky_name;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

/// The first-level regions of one `admin1CodesASCII.txt`.
#[derive(Debug, Default)]
pub(super) struct Regions {
    /// The file, for the header.
    label: String,
    /// Its sha256.
    digest: String,
    /// The regions in file order.
    list: Vec<Region>,
    /// Per (country code, admin1 code): the region's place in `list`.
    by_code: HashMap<(String, String), usize>,
}

#[derive(Debug)]
struct Region {
    cc: String,
    code: String,
    name: String,
    ascii: String,
    id: u64,
}

impl Region {
    /// The name the row is known by: `name` when it is plain ASCII, else the ASCII name.
    fn canonical(&self) -> &str {
        if self.name.is_ascii() || self.ascii.is_empty() {
            &self.name
        } else {
            &self.ascii
        }
    }
}

impl Regions {
    /// Reads the file; a broken line is a bad row in `report`, and every line counts as read.
    pub(super) fn read(label: &str, input: impl BufRead, report: &mut Report) -> Result<Self> {
        let mut regions = Regions {
            label: label.to_string(),
            ..Regions::default()
        };
        let mut list = Vec::new();
        regions.digest = lines(label, input, report, |n, line, report| {
            if line.trim().is_empty() || line.starts_with('#') {
                return;
            }
            report.read += 1;
            match region(line) {
                Ok(r) => list.push(r),
                Err(message) => report.bad_row(label, n, message),
            }
        })?;
        for (i, r) in list.iter().enumerate() {
            regions.by_code.insert((r.cc.clone(), r.code.clone()), i);
        }
        regions.list = list;
        Ok(regions)
    }

    /// The header line that names the file.
    pub(super) fn note(&self) -> String {
        format!(
            "Regions: {} (sha256 {}), GeoNames admin1CodesASCII.txt: every first-level region, \
             without coordinates (the file has none).",
            self.label, self.digest
        )
    }

    /// The names of the region a place lies in that may confirm the place in a document:
    /// the region's names, less those that are risky on their own (a common word such as
    /// "Central" occurs anywhere).
    pub(super) fn guard_names(&self, cc: &str, admin1: &str) -> Vec<String> {
        let Some(&i) = self.by_code.get(&(cc.to_string(), admin1.to_string())) else {
            return Vec::new();
        };
        let r = &self.list[i];
        let mut names: Vec<String> = vec![r.canonical().to_string()];
        if name_key(&r.name) != name_key(r.canonical()) {
            names.push(r.name.clone());
        }
        names.retain(|n| risky_name(n, EntityType::Gpe).is_none());
        names
    }

    /// The regions as rows, those `--skip-existing` holds left out. A region's weight, which
    /// decides who keeps a name two entities share, is the population of the places read in
    /// it (`sizes`, by country and admin1 code), so "Ontario" is the province and not the
    /// Californian city; but a place of its own country with its name (`places`) keeps it,
    /// as the city keeps the plain name in the hand-written gazetteers ("Sao Paulo").
    pub(super) fn rows(
        &self,
        sizes: &HashMap<(String, String), u64>,
        places: &[Row],
        opts: &Options,
        report: &mut Report,
    ) -> Vec<Row> {
        let place_names: HashSet<(&str, String)> = places
            .iter()
            .map(|p| (p.country.as_str(), name_key(&p.canonical)))
            .collect();
        let mut rows = Vec::new();
        for r in &self.list {
            let id = r.id;
            if opts.existing.geonames.contains(&id)
                || opts.existing.ids.contains(&format!("gn:{id}"))
            {
                report.skip("already in --skip-existing");
                continue;
            }
            let canonical = r.canonical().replace('`', "'");
            let city_named_so = place_names.contains(&(r.cc.as_str(), name_key(&canonical)));
            let size = sizes.get(&(r.cc.clone(), r.code.clone())).copied();
            rows.push(Row {
                id: format!("gn:{id}"),
                kind: Some(EntityType::Gpe),
                canonical,
                aliases: vec![r.name.clone()],
                geonames: id.to_string(),
                country: r.cc.clone(),
                attrs: format!("feature=A.ADM1;admin1={}", r.code),
                weight: if city_named_so { 0 } else { size.unwrap_or(0) },
                variants_only: true,
                ..Row::default()
            });
        }
        rows
    }
}

/// One line of `admin1CodesASCII.txt`, checked: `CC.code`, name, ASCII name, geonameid.
fn region(line: &str) -> std::result::Result<Region, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 4 {
        return Err(format!(
            "expected 4 tab-separated admin1 columns (code, name, asciiname, geonameid), found {}",
            f.len()
        ));
    }
    let (cc, code) = f[0]
        .trim()
        .split_once('.')
        .ok_or_else(|| format!("code {:?} is not COUNTRY.CODE", f[0]))?;
    if cc.len() != 2 || !cc.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(format!("country code {cc:?} is not two capital letters"));
    }
    let id = f[3]
        .trim()
        .parse()
        .map_err(|_| format!("geonameid {:?} is not a number", f[3]))?;
    let (name, ascii) = (f[1].trim(), f[2].trim());
    if name.is_empty() && ascii.is_empty() {
        return Err("name and asciiname are both empty".into());
    }
    Ok(Region {
        cc: cc.to_string(),
        code: code.to_string(),
        name: if name.is_empty() { ascii } else { name }.to_string(),
        ascii: ascii.to_string(),
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin1_lines_are_checked() {
        let ok = region("CA.08\tOntario\tOntario\t6093943").unwrap();
        assert_eq!(
            (ok.cc.as_str(), ok.code.as_str(), ok.id),
            ("CA", "08", 6093943)
        );
        assert_eq!(
            region("BR.27\tSão Paulo\tSao Paulo\t1")
                .unwrap()
                .canonical(),
            "Sao Paulo"
        );
        let rows = [
            (
                "CA.08\tOntario\t6093943",
                "expected 4 tab-separated admin1 columns",
            ),
            ("CA08\tOntario\tOntario\t6093943", "is not COUNTRY.CODE"),
            (
                "ca.08\tOntario\tOntario\t6093943",
                "is not two capital letters",
            ),
            (
                "CA.08\tOntario\tOntario\tx",
                "geonameid \"x\" is not a number",
            ),
            ("CA.08\t\t\t1", "name and asciiname are both empty"),
        ];
        for (line, why) in rows {
            let err = region(line).err().unwrap_or_default();
            assert!(err.contains(why), "{line:?}: {err}");
        }
    }

    #[test]
    fn a_region_named_like_a_common_word_gives_no_guard() {
        let mut report = Report::default();
        let text = "GH.04\tCentral\tCentral\t1\nCA.08\tOntario\tOntario\t2\n";
        let r = Regions::read("a", text.as_bytes(), &mut report).unwrap();
        assert!(r.guard_names("GH", "04").is_empty());
        assert_eq!(r.guard_names("CA", "08"), ["Ontario"]);
        assert!(r.guard_names("CA", "99").is_empty());
    }
}
