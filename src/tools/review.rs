//! `gazette gazetteer accept`: the decisions a user wrote into a review list (from `extract
//! --review`). Accepted rows become aliases in an alias file; rejected rows go to a
//! rejections file, which `extract --rejections` reads back so that the next review list
//! leaves them out. Neither file is given a pair it already holds, so accepting a list twice
//! changes nothing.

use crate::error::{Error, Result};
use crate::gazetteer::{NamePattern, parse_file};
use crate::sink::REVIEW_HEADER;
use crate::text::name_key;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The review list's columns before the context column: lists written by earlier builds
/// are still read.
const REVIEW_HEADER_WITHOUT_CONTEXT: &str =
    "accept\tentity\tcanonical\talias\tcount\tconfidence\tevidence\texample_doc";

/// The column names of a rejections file.
const REJECTIONS_HEADER: &str = "entity\talias";

/// What a new alias file starts with.
const ALIAS_FILE_TOP: &str = "# Aliases accepted from gazette review lists (gazette gazetteer accept).\n\
     # Load with: gazette extract --gazetteer THIS_FILE ...\nid\taliases\n";

/// What a new rejections file starts with.
const REJECTIONS_FILE_TOP: &str = "# Aliases rejected in gazette review lists (gazette gazetteer accept).\n\
     # Leave them out of the next list with: gazette extract --review FILE --rejections THIS_FILE ...\n\
     entity\talias\n";

/// An (entity id, alias) pair.
pub type Pair = (String, String);

/// The rows of a review list a user decided, as (entity id, alias) pairs in file order.
#[derive(Debug, Default, PartialEq)]
pub struct Decisions {
    accepted: Vec<Pair>,
    rejected: Vec<Pair>,
}

impl Decisions {
    /// The rows set to accept (yes, y, 1, true, accept).
    pub fn accepted(&self) -> &[Pair] {
        &self.accepted
    }

    /// The rows set to reject (no, n, 0, false, reject).
    pub fn rejected(&self) -> &[Pair] {
        &self.rejected
    }
}

/// What one append did: the rows written, and the rows left out because the file (or an
/// earlier row of the same append) already held them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    /// Rows written.
    pub added: usize,
    /// Rows left out as already there.
    pub skipped: usize,
}

/// What a row's `accept` column says: accept, reject, or undecided (`None`, an empty
/// field). Anything else is an error rather than undecided, so a typo never drops a decision
/// silently.
fn decision(field: &str) -> std::result::Result<Option<bool>, String> {
    match field.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "yes" | "y" | "1" | "true" | "accept" => Ok(Some(true)),
        "no" | "n" | "0" | "false" | "reject" => Ok(Some(false)),
        _ => Err(format!(
            "accept is {:?}: write yes or no, or leave it empty",
            field.trim()
        )),
    }
}

/// The number of fields a review list's header announces, or why it is not one.
fn review_width(header: &str) -> std::result::Result<usize, String> {
    match header.trim_end() {
        REVIEW_HEADER => Ok(9),
        REVIEW_HEADER_WITHOUT_CONTEXT => Ok(8),
        _ => Err(format!(
            "expected the review header {REVIEW_HEADER:?} (a list from gazette extract --review)"
        )),
    }
}

/// Records one row of a review list `width` fields wide into `out`.
fn review_row(line: &str, width: usize, out: &mut Decisions) -> std::result::Result<(), String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != width {
        return Err(format!(
            "expected {width} tab-separated fields, found {}",
            f.len()
        ));
    }
    let pair = (f[1].trim().to_string(), f[3].trim().to_string());
    match decision(f[0])? {
        Some(true) if pair.0.contains('|') => {
            return Err(format!(
                "an ambiguous row names several entities ({}): keep one id before accepting it",
                pair.0
            ));
        }
        Some(true) => out.accepted.push(pair),
        // A rejected ambiguous row keeps all its ids: the next list leaves out that same
        // ambiguity.
        Some(false) => out.rejected.push(pair),
        None => {}
    }
    Ok(())
}

/// Reads a review list's decisions, or its first broken line as a `file:line` error. Lists
/// without the context column (from earlier builds) are read too.
pub fn decisions(label: &str, content: &str) -> Result<Decisions> {
    let mut out = Decisions::default();
    let mut width = None;
    for (n, line) in crate::text::without_bom(content).lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let done = match width {
            None => review_width(line).map(|w| width = Some(w)),
            Some(w) => review_row(line, w, &mut out),
        };
        done.map_err(|message| Error::Input {
            location: format!("{label}:{}", n + 1),
            message,
        })?;
    }
    Ok(out)
}

/// Reads a rejections file (from `gazetteer accept`): its (entity id, alias) pairs, or its
/// first broken line as a `file:line` error.
pub fn rejections(label: &str, content: &str) -> Result<Vec<Pair>> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (n, line) in crate::text::without_bom(content).lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        let problem = if !header_seen {
            header_seen = true;
            (line.trim_end() != REJECTIONS_HEADER)
                .then(|| format!("expected the rejections header {REJECTIONS_HEADER:?}"))
        } else if f.len() != 2 || f.iter().any(|x| x.is_empty()) {
            Some("expected 2 tab-separated fields (entity, alias), both filled".to_string())
        } else {
            out.push((f[0].to_string(), f[1].to_string()));
            None
        };
        if let Some(message) = problem {
            return Err(Error::Input {
                location: format!("{label}:{}", n + 1),
                message,
            });
        }
    }
    Ok(out)
}

/// Where `gazetteer accept` keeps rejections when not told: beside the alias file, named
/// after it (`my-aliases.tsv` → `my-aliases.rejections.txt`). Not `.tsv`, since a folder
/// given to `--gazetteer` loads every `.tsv` file in it.
pub fn default_rejections(aliases: &Path) -> PathBuf {
    let stem = aliases.file_stem().unwrap_or_default().to_string_lossy();
    aliases.with_file_name(format!("{stem}.rejections.txt"))
}

/// Appends accepted rows to the alias file `into` (created with its header if missing),
/// except rows an alias the file already gives that entity covers: the same match key, and
/// no word written in lower case that the listed alias capitalises (the gazetteer's name
/// patterns decide). Such a row would compile to a pattern the entity already has.
pub fn append_aliases(into: &Path, rows: &[Pair]) -> Result<Appended> {
    let content = read_existing(into)?;
    let mut listed: BTreeMap<String, Vec<NamePattern>> = BTreeMap::new();
    for (id, alias) in alias_rows(into, &content)? {
        listed.entry(id).or_default().push(NamePattern::of(&alias));
    }
    let fresh: Vec<Pair> = rows
        .iter()
        .filter(|(id, alias)| {
            let new = NamePattern::of(alias);
            let known = listed.entry(id.clone()).or_default();
            let covered = known.iter().any(|k| k.covers(&new));
            if !covered {
                known.push(new);
            }
            !covered
        })
        .cloned()
        .collect();
    write_rows(into, &content, ALIAS_FILE_TOP, &fresh)?;
    Ok(Appended {
        added: fresh.len(),
        skipped: rows.len() - fresh.len(),
    })
}

/// Appends rejected rows to the rejections file `path` (created with its header if
/// missing), except pairs it already holds: the same id and an alias with the same match
/// key, the comparison `extract --rejections` makes.
pub fn append_rejections(path: &Path, rows: &[Pair]) -> Result<Appended> {
    let content = read_existing(path)?;
    let mut known: HashSet<Pair> = rejections(&path.display().to_string(), &content)?
        .into_iter()
        .map(|(id, alias)| (id, name_key(&alias)))
        .collect();
    let fresh: Vec<Pair> = rows
        .iter()
        .filter(|(id, alias)| known.insert((id.clone(), name_key(alias))))
        .cloned()
        .collect();
    write_rows(path, &content, REJECTIONS_FILE_TOP, &fresh)?;
    Ok(Appended {
        added: fresh.len(),
        skipped: rows.len() - fresh.len(),
    })
}

/// The text of the file at `path`, empty when there is no such file yet.
fn read_existing(path: &Path) -> Result<String> {
    match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        read => read.map_err(|e| Error::io(path, e)),
    }
}

/// The (id, alias) pairs of an existing alias file; an error when it has rows but is not an
/// alias file, so that accepting never appends to an entity gazetteer.
fn alias_rows(path: &Path, content: &str) -> Result<Vec<Pair>> {
    let label = path.display().to_string();
    let parsed = parse_file(&label, content);
    if let Some(e) = parsed.errors.into_iter().next() {
        return Err(e);
    }
    if !parsed.entities.is_empty() || !parsed.no_merge.is_empty() {
        return Err(Error::Input {
            location: label,
            message:
                "not an alias file (header id, aliases): give --into a new file or an alias file"
                    .into(),
        });
    }
    Ok(parsed
        .overlay
        .into_iter()
        .flat_map(|x| {
            let id = x.id;
            x.aliases.into_iter().map(move |a| (id.clone(), a.name))
        })
        .collect())
}

/// Appends `rows` to the file at `path`, whose text is `content`, starting with `top` (its
/// comments and header) when it has no header yet.
fn write_rows(path: &Path, content: &str, top: &str, rows: &[Pair]) -> Result<()> {
    use std::io::Write;
    let mut text = String::new();
    // A file edited by hand may lack its last newline: the first row must not join it.
    if !content.is_empty() && !content.ends_with('\n') {
        text.push('\n');
    }
    if content
        .lines()
        .all(|l| l.starts_with('#') || l.trim().is_empty())
    {
        text.push_str(top);
    }
    for (id, alias) in rows {
        text.push_str(&format!("{id}\t{alias}\n"));
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    f.write_all(text.as_bytes()).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(rows: &[(&str, &str)]) -> Vec<Pair> {
        rows.iter()
            .map(|(id, alias)| (id.to_string(), alias.to_string()))
            .collect()
    }

    #[test]
    fn the_accept_column_says_yes_no_or_nothing() {
        let rows = [
            ("yes", Ok(Some(true))),
            (" Y ", Ok(Some(true))),
            ("TRUE", Ok(Some(true))),
            ("1", Ok(Some(true))),
            ("no", Ok(Some(false))),
            ("N", Ok(Some(false))),
            ("0", Ok(Some(false))),
            ("false", Ok(Some(false))),
            ("Reject", Ok(Some(false))),
            ("", Ok(None)),
            ("  ", Ok(None)),
        ];
        for (field, want) in rows {
            assert_eq!(decision(field), want, "{field:?}");
        }
        for typo in ["yse", "maybe", "nope", "2"] {
            let err = decision(typo).expect_err(typo);
            assert!(err.contains("write yes or no"), "{typo}: {err}");
        }
    }

    #[test]
    fn a_review_list_gives_accepted_and_rejected_rows() {
        let list = format!(
            "# comment\n{REVIEW_HEADER}\n\
             yes\tp.1\tCanon One\tAlias One\t3\t0.95\trule\td1\t…said Alias One…\n\
             no\tp.2\tCanon Two\tAlias Two\t2\t0.99\trule\td2\tAlias Two\n\
             \tp.3\tCanon Three\tAlias Three\t1\t0.50\trule\td3\tAlias Three\n\
             n\tp.4|p.5\tA|B\tAlias Four\t1\t0.00\tambiguous\td4\tAlias Four\n"
        );
        let d = decisions("r.tsv", &list).expect("reads");
        assert_eq!(d.accepted(), pairs(&[("p.1", "Alias One")]));
        assert_eq!(
            d.rejected(),
            pairs(&[("p.2", "Alias Two"), ("p.4|p.5", "Alias Four")])
        );
    }

    #[test]
    fn a_list_without_the_context_column_is_still_read() {
        let list = format!("{REVIEW_HEADER_WITHOUT_CONTEXT}\nyes\tp.1\tC\tAlias\t1\t0.9\tr\td\n");
        let d = decisions("old.tsv", &list).expect("reads");
        assert_eq!(d.accepted(), pairs(&[("p.1", "Alias")]));
        // A row of the new width under the old header is refused.
        let list =
            format!("{REVIEW_HEADER_WITHOUT_CONTEXT}\nyes\tp.1\tC\tAlias\t1\t0.9\tr\td\tctx\n");
        let err = decisions("old.tsv", &list).expect_err("width").to_string();
        assert_eq!(err, "old.tsv:2: expected 8 tab-separated fields, found 9");
    }

    #[test]
    fn broken_review_lists_name_the_line_and_what_to_fix() {
        let rows = [
            ("id\taliases\n", "r.tsv:1: expected the review header"),
            (
                "accept\tentity\talias\n",
                "r.tsv:1: expected the review header",
            ),
            (
                "\nyes\tp.1\tC\tA\t1\t0.9\tr\td\n",
                "r.tsv:3: expected 9 tab-separated fields, found 8",
            ),
            (
                "\nmaybe\tp.1\tC\tA\t1\t0.9\tr\td\tctx\n",
                "r.tsv:3: accept is \"maybe\"",
            ),
            (
                "\nyes\tp.1|p.2\tC\tA\t1\t0.9\tr\td\tctx\n",
                "r.tsv:3: an ambiguous row names several entities (p.1|p.2): keep one id",
            ),
        ];
        for (text, want) in rows {
            let text = if text.starts_with('\n') {
                format!("# list\n{REVIEW_HEADER}{text}")
            } else {
                text.to_string()
            };
            let err = decisions("r.tsv", &text).expect_err(want).to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn a_rejections_file_reads_back_its_pairs() {
        let text = "# rejected\nentity\talias\np.1\tAlias One\n\np.2|p.3\tAlias Two\n";
        assert_eq!(
            rejections("rej.txt", text).expect("reads"),
            pairs(&[("p.1", "Alias One"), ("p.2|p.3", "Alias Two")])
        );
        assert_eq!(
            rejections("rej.txt", "").expect("empty"),
            Vec::<Pair>::new()
        );
        let rows = [
            (
                "id\taliases\np.1\tA\n",
                "rej.txt:1: expected the rejections header",
            ),
            (
                "entity\talias\np.1\n",
                "rej.txt:2: expected 2 tab-separated fields",
            ),
            (
                "entity\talias\np.1\t \n",
                "rej.txt:2: expected 2 tab-separated fields",
            ),
        ];
        for (text, want) in rows {
            let err = rejections("rej.txt", text).expect_err(want).to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn rejections_default_to_a_file_beside_the_aliases() {
        assert_eq!(
            default_rejections(Path::new("dir/my-aliases.tsv")),
            Path::new("dir/my-aliases.rejections.txt")
        );
        assert_eq!(
            default_rejections(Path::new("aliases")),
            Path::new("aliases.rejections.txt")
        );
    }

    #[test]
    fn accepting_twice_appends_each_alias_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let into = dir.path().join("aliases.tsv");
        let rows = pairs(&[("p.1", "Osama Bin Laden"), ("p.2", "Qaasem Sulaymani")]);
        let first = append_aliases(&into, &rows).expect("appends");
        assert_eq!((first.added, first.skipped), (2, 0));
        let again = append_aliases(&into, &rows).expect("appends");
        assert_eq!((again.added, again.skipped), (0, 2));
        let more = pairs(&[
            // Folds to a listed alias of the same entity: nothing new to match.
            ("p.2", "QAASEM SULAYMANI"),
            // The same key, but "bin" in lower case matches text the listed one does not.
            ("p.1", "Osama bin Laden"),
            // A listed spelling, for another entity.
            ("p.3", "Qaasem Sulaymani"),
            // Twice in one list.
            ("p.4", "Hamid Karzay"),
            ("p.4", "Hamid Karzay"),
        ]);
        let third = append_aliases(&into, &more).expect("appends");
        assert_eq!((third.added, third.skipped), (3, 2));
        let text = std::fs::read_to_string(&into).expect("reads");
        let parsed = parse_file("aliases.tsv", &text);
        assert!(parsed.errors.is_empty(), "{text}");
        let listed: Vec<Pair> = alias_rows(&into, &text).expect("alias file");
        assert_eq!(
            listed,
            pairs(&[
                ("p.1", "Osama Bin Laden"),
                ("p.2", "Qaasem Sulaymani"),
                ("p.1", "Osama bin Laden"),
                ("p.3", "Qaasem Sulaymani"),
                ("p.4", "Hamid Karzay"),
            ])
        );
    }

    #[test]
    fn appending_keeps_a_hand_edited_file_whole_and_refuses_other_gazetteers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let into = dir.path().join("aliases.tsv");
        // No newline after the last row.
        std::fs::write(&into, "id\taliases\np.1\tAlias One").expect("writes");
        let done = append_aliases(&into, &pairs(&[("p.2", "Alias Two")])).expect("appends");
        assert_eq!(done.added, 1);
        let text = std::fs::read_to_string(&into).expect("reads");
        assert_eq!(text, "id\taliases\np.1\tAlias One\np.2\tAlias Two\n");

        let gazetteer = dir.path().join("people.tsv");
        let rows = "id\ttype\tcanonical\np.1\tPERSON\tSome One\n";
        std::fs::write(&gazetteer, rows).expect("writes");
        let err = append_aliases(&gazetteer, &pairs(&[("p.1", "Alias")])).expect_err("refused");
        assert!(err.to_string().contains("not an alias file"), "{err}");
        assert_eq!(std::fs::read_to_string(&gazetteer).expect("reads"), rows);
    }

    #[test]
    fn rejecting_twice_remembers_each_pair_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("aliases.rejections.txt");
        let rows = pairs(&[("p.1", "Mohamed Berada"), ("p.2", "Anatolia")]);
        let first = append_rejections(&path, &rows).expect("appends");
        assert_eq!((first.added, first.skipped), (2, 0));
        let more = pairs(&[("p.1", "MOHAMED BERADA"), ("p.3", "Anatolia")]);
        let again = append_rejections(&path, &more).expect("appends");
        assert_eq!((again.added, again.skipped), (1, 1));
        let text = std::fs::read_to_string(&path).expect("reads");
        assert_eq!(
            rejections("rej", &text).expect("reads back"),
            pairs(&[
                ("p.1", "Mohamed Berada"),
                ("p.2", "Anatolia"),
                ("p.3", "Anatolia")
            ])
        );
    }
}
