//! Loading gazetteer files into a [`Gazetteer`]: ids checked across files, alias files
//! applied to the entries they extend, every broken row reported.

use super::entry::{Entry, NoMerge};
use super::parse::{ExtraAliases, ParsedFile, duplicate_id, line_of, parse_file};
use crate::error::{Error, Result};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A set of entities loaded from one or more files.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Gazetteer {
    /// Entries in load order (earlier = preferred among equals).
    entities: Vec<Entry>,
    /// Must-not-merge pairs.
    no_merge: Vec<NoMerge>,
    by_id: HashMap<String, usize>,
}

impl Gazetteer {
    /// The entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entities
    }

    /// The must-not-merge pairs of every file loaded.
    pub fn no_merge(&self) -> &[NoMerge] {
        &self.no_merge
    }

    /// The entries, for compiling.
    pub(crate) fn into_entries(self) -> Vec<Entry> {
        self.entities
    }

    /// Keeps only the entries `keep` accepts (to run without some of them).
    pub fn retain(&mut self, keep: impl FnMut(&Entry) -> bool) {
        self.entities.retain(keep);
        self.reindex();
    }

    /// Edits every entry in place (names, descriptors, facts); ids must stay unique.
    pub fn edit(&mut self, edit: impl FnMut(&mut Entry)) {
        self.entities.iter_mut().for_each(edit);
        self.reindex();
    }

    /// Rebuilds the id index after the entries changed; of two entries with one id, the
    /// first keeps it.
    fn reindex(&mut self) {
        self.by_id.clear();
        for (i, e) in self.entities.iter().enumerate() {
            self.by_id.entry(e.id.clone()).or_insert(i);
        }
    }

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
            let content = read_tsv(&f)?;
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
        errors.extend(overlay.iter().filter_map(|x| self.unknown_id(x)));
        errors.extend(entities.iter().filter_map(|e| self.duplicate_id(e)));
        if !errors.is_empty() {
            errors.sort_by_key(line_of);
            return Err(many(errors));
        }
        for e in entities {
            self.push(e);
        }
        self.no_merge.extend(no_merge);
        for x in overlay {
            self.add_aliases(x);
        }
        Ok(())
    }

    /// The error for an entry whose id an entry already loaded has, if it has.
    pub(crate) fn duplicate_id(&self, e: &Entry) -> Option<Error> {
        let &first = self.by_id.get(&e.id)?;
        Some(duplicate_id(e, &self.entities[first].origin))
    }

    /// The error for an alias-file row whose id no entry loaded has, if none has: an alias
    /// file only extends entities loaded before it.
    pub(crate) fn unknown_id(&self, x: &ExtraAliases) -> Option<Error> {
        (!self.by_id.contains_key(&x.id)).then(|| Error::Gazetteer {
            location: x.origin.clone(),
            message: format!(
                "unknown id {:?}: an alias file only extends entities loaded before it",
                x.id
            ),
        })
    }

    /// Adds an entry whose id is new (see [`Gazetteer::duplicate_id`]).
    pub(crate) fn push(&mut self, e: Entry) {
        self.by_id.insert(e.id.clone(), self.entities.len());
        self.entities.push(e);
    }

    /// Gives an alias-file row's aliases to the entry it names (which must be loaded, see
    /// [`Gazetteer::unknown_id`]), except those the entry already has.
    pub(crate) fn add_aliases(&mut self, x: ExtraAliases) {
        let e = &mut self.entities[self.by_id[&x.id]];
        for a in x.aliases {
            if !e.aliases.iter().any(|known| known.name == a.name) {
                e.aliases.push(a);
            }
        }
    }

    /// The index of the entry with this id.
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

/// A gazetteer file's text. Invalid UTF-8 is reported as a broken row is, at `file:line`,
/// rather than as `read_to_string`'s bare "stream did not contain valid UTF-8".
pub fn read_tsv(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        Error::Gazetteer {
            location: format!("{}:{line}", path.display()),
            message: format!(
                "invalid UTF-8 at byte {} of the line (the file must be UTF-8)",
                before.len() - line_start
            ),
        }
    })
}

/// The bundled gazetteer files as (label, contents), labels as `gazetteers/<name>`.
pub fn bundled_files() -> impl Iterator<Item = (String, &'static str)> {
    super::embedded::FILES
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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::EntityType;

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
