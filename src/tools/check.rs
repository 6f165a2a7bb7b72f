//! `gazette gazetteer check`: lints gazetteers and compares the findings with the list of
//! accepted ones (`gazetteers/ambiguities.txt` for the bundled gazetteers).
//!
//! Findings, one per line as `file:line: category: what`:
//!
//! | category | what | can be accepted |
//! | --- | --- | --- |
//! | `broken` | a row or header the loader rejects | no |
//! | `duplicate-id` | an id defined twice (in one file or across files) | no |
//! | `missing-parent` | a `parent` id no loaded entity has | no |
//! | `ambiguous` | one name written the same way for several entities | yes |
//! | `key-collision` | different names of different entities that fold to one match key | yes |
//! | `skipped-alias` | a name the span conventions (`alias_problem` in `src/gazetteer/names.rs`) keep out of the automaton, with the reason | yes |
//! | `risky-name` | a short or common-word name with no `context` guard | yes |
//! | `stale-acceptance` | an accepted finding that no longer occurs | no |
//!
//! The last line of the report is a summary a script can read:
//! `entities=N names=M ambiguous=K`, where K counts the match keys shared by several
//! entities (accepted or not).

use crate::error::{Error, Result};
use crate::gazetteer::{
    EntityType, Entry, Gazetteer, Risk, alias_problem, bundled_files, parse_file, risk,
};
use crate::text::normalize::{name_key, name_word_keys};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

/// The accepted findings of the bundled gazetteers.
pub const BUNDLED_ACCEPTED: &str = include_str!("../../gazetteers/ambiguities.txt");

/// The label of [`BUNDLED_ACCEPTED`] in findings.
pub const BUNDLED_ACCEPTED_LABEL: &str = "gazetteers/ambiguities.txt";

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// A row or header the loader rejects.
    Broken,
    /// An id defined more than once.
    DuplicateId,
    /// A `parent` id that no loaded entity has.
    MissingParent,
    /// One name, written the same way, shared by several entities.
    Ambiguous,
    /// Different names of different entities that fold to the same match key.
    KeyCollision,
    /// A name that breaks the span conventions and so is never matched.
    SkippedAlias,
    /// A short or common-word name without a `context` guard.
    RiskyName,
    /// A line of the accepted list that matches no finding.
    StaleAcceptance,
}

impl Category {
    /// The name used in reports and in the accepted list.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Broken => "broken",
            Category::DuplicateId => "duplicate-id",
            Category::MissingParent => "missing-parent",
            Category::Ambiguous => "ambiguous",
            Category::KeyCollision => "key-collision",
            Category::SkippedAlias => "skipped-alias",
            Category::RiskyName => "risky-name",
            Category::StaleAcceptance => "stale-acceptance",
        }
    }

    /// Parses a category name as written by [`Category::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [
            Category::Broken,
            Category::DuplicateId,
            Category::MissingParent,
            Category::Ambiguous,
            Category::KeyCollision,
            Category::SkippedAlias,
            Category::RiskyName,
            Category::StaleAcceptance,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }

    /// Whether a finding of this category may be listed as accepted. Broken data never is.
    pub fn acceptable(self) -> bool {
        matches!(
            self,
            Category::Ambiguous
                | Category::KeyCollision
                | Category::SkippedAlias
                | Category::RiskyName
        )
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `file:line` of the row (for a shared name: the first entity's row).
    pub location: String,
    /// What kind of problem.
    pub category: Category,
    /// The name concerned (empty for broken rows).
    pub subject: String,
    /// The entity ids concerned, sorted.
    pub ids: Vec<String>,
    /// What is wrong, for a reader.
    pub message: String,
    /// Listed in the accepted findings.
    pub accepted: bool,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.category)?;
        if self.accepted {
            f.write_str(" (accepted)")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One line of an accepted-findings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    /// `file:line` of the line.
    pub location: String,
    /// The finding's category.
    pub category: Category,
    /// The name, compared by match key.
    pub subject: String,
    /// The entity ids, sorted.
    pub ids: Vec<String>,
    /// Why it is accepted.
    pub note: String,
}

/// Parses an accepted-findings file: `#` comments, blank lines, and lines of
/// `category<TAB>name<TAB>ids (space-separated)<TAB>note`.
pub fn parse_accepted(label: &str, content: &str) -> Result<Vec<Acceptance>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in crate::text::without_bom(content).lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let location = format!("{label}:{}", n + 1);
        let f: Vec<&str> = line.split('\t').collect();
        let category = f.first().and_then(|c| Category::parse(c.trim()));
        match category {
            Some(category) if f.len() >= 3 && category.acceptable() => {
                let mut ids: Vec<String> = f[2].split_whitespace().map(String::from).collect();
                ids.sort();
                ids.dedup();
                out.push(Acceptance {
                    location,
                    category,
                    subject: f[1].trim().to_string(),
                    ids,
                    note: f.get(3).map_or("", |s| s.trim()).to_string(),
                });
            }
            _ => errors.push(Error::Input {
                location,
                message: "expected category<TAB>name<TAB>ids<TAB>note with category one of \
                          ambiguous, key-collision, skipped-alias, risky-name"
                    .into(),
            }),
        }
    }
    match errors.len() {
        0 => Ok(out),
        1 => Err(errors.pop().expect("one error")),
        _ => Err(Error::Many(errors)),
    }
}

/// The outcome of a check.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every finding, sorted by file, line and category.
    pub findings: Vec<Finding>,
    /// Entities loaded (rows that parsed).
    pub entities: usize,
    /// Names: canonical names, aliases and codes.
    pub names: usize,
    /// Match keys shared by several entities.
    pub ambiguous: usize,
}

impl Report {
    /// Findings that are not accepted: the check fails when there is any.
    pub fn unaccepted(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.accepted)
    }

    /// Whether the check passed.
    pub fn passed(&self) -> bool {
        self.unaccepted().next().is_none()
    }

    /// The summary line: `entities=N names=M ambiguous=K`.
    pub fn summary(&self) -> String {
        format!(
            "entities={} names={} ambiguous={}",
            self.entities, self.names, self.ambiguous
        )
    }

    /// The report as `gazette gazetteer check` prints it: every finding (with `quiet`,
    /// only those not accepted), the counts, and the summary line.
    pub fn text(&self, quiet: bool) -> String {
        let mut out = String::new();
        for f in &self.findings {
            if !(quiet && f.accepted) {
                out.push_str(&format!("{f}\n"));
            }
        }
        let new = self.unaccepted().count();
        out.push_str(&format!(
            "{} findings, {} accepted, {new} not accepted\n{}\n",
            self.findings.len(),
            self.findings.len() - new,
            self.summary()
        ));
        out
    }

    /// The accepted-findings file that would accept every acceptable finding: existing
    /// notes are kept, new lines get the note `TODO: why is this acceptable?`.
    pub fn accepted_file(&self, previous: &[Acceptance]) -> String {
        let mut out = String::from(ACCEPTED_HEADER);
        for f in self.findings.iter().filter(|f| f.category.acceptable()) {
            let note = previous
                .iter()
                .find(|a| matches(f, a))
                .map_or("TODO: why is this acceptable?", |a| a.note.as_str());
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                f.category,
                f.subject,
                f.ids.join(" "),
                note
            ));
        }
        out
    }
}

const ACCEPTED_HEADER: &str = "\
# Accepted findings of `gazette gazetteer check` (see gazetteers/README.md, \"Known ambiguities\").
# One line per finding: category<TAB>name<TAB>ids (space-separated)<TAB>why it is acceptable.
# `gazette gazetteer check` fails on any finding that is not listed here, and on lines here that
# no longer match a finding. `gazette gazetteer check --print-accepted` prints this file for the
# current data, keeping the notes of lines that still match.
";

fn matches(f: &Finding, a: &Acceptance) -> bool {
    f.category == a.category && f.ids == a.ids && name_key(&f.subject) == name_key(&a.subject)
}

/// Checks gazetteer files, given as (label, contents) in load order, against a list of
/// accepted findings. Never stops at the first problem: every broken row of every file is
/// reported, and the other checks run on the rows that parsed.
pub fn check<L, C>(files: impl IntoIterator<Item = (L, C)>, accepted: &[Acceptance]) -> Report
where
    L: AsRef<str>,
    C: AsRef<str>,
{
    let mut findings = Vec::new();
    let mut g = Gazetteer::default();
    // Each file's place in the load order, for sorting the findings.
    let mut file_order: HashMap<String, usize> = HashMap::new();
    for (label, content) in files {
        let label = label.as_ref();
        let n = file_order.len();
        file_order.entry(label.to_string()).or_insert(n);
        add_leniently(&mut g, label, content.as_ref(), &mut findings);
    }
    missing_parents(&g, &mut findings);
    let ambiguous = name_findings(g.entries(), &mut findings);
    let used = mark_accepted(&mut findings, accepted);
    sort_findings(&mut findings, &file_order);
    findings.extend(stale_acceptances(accepted, &used));
    Report {
        findings,
        entities: g.entries().len(),
        names: g.name_count(),
        ambiguous,
    }
}

/// Loads one file as far as it can be: its broken rows, the entities whose id an earlier
/// file already has, and the alias rows whose id no earlier file has are findings instead.
fn add_leniently(g: &mut Gazetteer, label: &str, content: &str, findings: &mut Vec<Finding>) {
    let parsed = parse_file(label, content);
    for e in parsed.errors {
        findings.push(from_error(e));
    }
    for e in parsed.entities {
        match g.duplicate_id(&e) {
            Some(error) => findings.push(Finding {
                subject: e.canonical.clone(),
                ids: vec![e.id.clone()],
                ..from_error(error)
            }),
            None => g.push(e),
        }
    }
    // An alias file (header `id`, `aliases`) extends entities loaded before it.
    for x in parsed.overlay {
        match g.unknown_id(&x) {
            Some(error) => findings.push(Finding {
                ids: vec![x.id.clone()],
                ..from_error(error)
            }),
            None => g.add_aliases(x),
        }
    }
}

/// A finding about one entity's row.
fn entity_finding(e: &Entry, category: Category, subject: &str, message: String) -> Finding {
    Finding {
        location: e.origin.clone(),
        category,
        subject: subject.to_string(),
        ids: vec![e.id.clone()],
        message,
        accepted: false,
    }
}

/// Adds a finding for each `parent` id that no loaded entity has.
fn missing_parents(g: &Gazetteer, findings: &mut Vec<Finding>) {
    for e in g.entries() {
        if let Some(p) = &e.parent {
            if g.index_of(p).is_none() {
                let message = format!("parent {p:?} of {} is not a loaded entity id", e.id);
                findings.push(entity_finding(
                    e,
                    Category::MissingParent,
                    &e.canonical,
                    message,
                ));
            }
        }
    }
}

/// Marks the acceptable findings that the accepted list names; returns, for each line of the
/// list, whether it named one.
fn mark_accepted(findings: &mut [Finding], accepted: &[Acceptance]) -> Vec<bool> {
    let mut used = vec![false; accepted.len()];
    for f in findings.iter_mut().filter(|f| f.category.acceptable()) {
        if let Some(i) = accepted.iter().position(|a| matches(f, a)) {
            f.accepted = true;
            used[i] = true;
        }
    }
    used
}

/// Sorts findings by file (in load order), line, category and name, so the report reads
/// down each file.
fn sort_findings(findings: &mut [Finding], file_order: &HashMap<String, usize>) {
    let order = |f: &Finding| {
        let (file, line) = f
            .location
            .rsplit_once(':')
            .map_or((f.location.as_str(), 0), |(file, n)| {
                (file, n.parse::<usize>().unwrap_or(0))
            });
        (
            file_order.get(file).copied().unwrap_or(usize::MAX),
            file.to_string(),
            line,
            f.category,
            f.subject.clone(),
        )
    };
    findings.sort_by_cached_key(order);
}

/// A finding for each line of the accepted list that named no finding (`used` as returned
/// by [`mark_accepted`]).
fn stale_acceptances<'a>(
    accepted: &'a [Acceptance],
    used: &'a [bool],
) -> impl Iterator<Item = Finding> + 'a {
    accepted
        .iter()
        .zip(used)
        .filter(|(_, u)| !**u)
        .map(|(a, _)| Finding {
            location: a.location.clone(),
            category: Category::StaleAcceptance,
            subject: a.subject.clone(),
            ids: a.ids.clone(),
            message: format!(
                "accepted {} {:?} ({}) no longer occurs: remove the line",
                a.category,
                a.subject,
                a.ids.join(" ")
            ),
            accepted: false,
        })
}

/// The bundled gazetteers, checked against their accepted list.
pub fn check_bundled() -> Result<Report> {
    let accepted = parse_accepted(BUNDLED_ACCEPTED_LABEL, BUNDLED_ACCEPTED)?;
    Ok(check(bundled_files(), &accepted))
}

fn from_error(e: Error) -> Finding {
    let (location, message) = match e {
        Error::Gazetteer { location, message } | Error::Input { location, message } => {
            (location, message)
        }
        other => (String::new(), other.to_string()),
    };
    let category = if message.starts_with("duplicate id") {
        Category::DuplicateId
    } else {
        Category::Broken
    };
    Finding {
        location,
        category,
        subject: String::new(),
        ids: Vec::new(),
        message,
        accepted: false,
    }
}

/// Adds the name findings (skipped aliases, risky names, shared keys); returns the number of
/// match keys shared by several entities.
fn name_findings(entities: &[Entry], findings: &mut Vec<Finding>) -> usize {
    // Match key -> (entity, name as written), in load order. Codes are matched in their exact
    // case, so they only collide with codes.
    let mut plain: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    let mut codes: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    for (i, e) in entities.iter().enumerate() {
        for (key, name) in matched_names(e, findings) {
            plain.entry(key).or_default().push((i, name));
        }
        for c in &e.codes {
            let exact: String = c.chars().filter(|c| c.is_alphanumeric()).collect();
            if !exact.is_empty() {
                codes.entry(exact).or_default().push((i, c));
            }
        }
    }
    let mut shared = 0;
    for (kind, map) in [("name", &plain), ("code", &codes)] {
        for (key, uses) in map {
            let distinct: BTreeSet<usize> = uses.iter().map(|&(i, _)| i).collect();
            if distinct.len() < 2 {
                continue;
            }
            shared += 1;
            findings.push(shared_finding(kind, key, uses, &distinct, entities));
        }
    }
    shared
}

/// The canonical name and aliases of an entity that the automaton holds, with their match
/// keys. Adds a finding for each name it keeps out (skipped-alias) and, once per key, for
/// each risky name when the entity has no context guard (risky-name).
fn matched_names<'e>(e: &'e Entry, findings: &mut Vec<Finding>) -> Vec<(String, &'e str)> {
    let person = e.kind == EntityType::Person;
    let mut risky_seen = HashSet::new();
    let mut matched = Vec::new();
    let names =
        std::iter::once(e.canonical.as_str()).chain(e.aliases.iter().map(|a| a.name.as_str()));
    for name in names {
        if let Some(reason) = alias_problem(name, &e.canonical, person) {
            let message = format!("{name:?} of {} is never matched: it {reason}", e.id);
            findings.push(entity_finding(e, Category::SkippedAlias, name, message));
            continue;
        }
        let key = name_key(name);
        if key.is_empty() {
            continue;
        }
        if e.context.is_empty() && risky_seen.insert(key.clone()) {
            if let Some(reason) = risky_name(name, e.kind) {
                let message = format!("{name:?} of {} is {reason} and has no context guard", e.id);
                findings.push(entity_finding(e, Category::RiskyName, name, message));
            }
        }
        matched.push((key, name));
    }
    matched
}

fn shared_finding(
    kind: &str,
    key: &str,
    uses: &[(usize, &str)],
    distinct: &BTreeSet<usize>,
    entities: &[Entry],
) -> Finding {
    // Same spelling (ignoring case) for two entities = a shared name; otherwise only the
    // folding makes them one.
    let mut spellings: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for &(i, s) in uses {
        spellings.entry(s.to_lowercase()).or_default().insert(i);
    }
    let same = spellings.values().any(|s| s.len() > 1);
    let first = uses[0];
    let mut ids: Vec<String> = distinct.iter().map(|&i| entities[i].id.clone()).collect();
    ids.sort();
    let (category, message) = if same {
        let list: Vec<String> = distinct
            .iter()
            .map(|&i| format!("{} ({})", entities[i].id, entities[i].origin))
            .collect();
        (
            Category::Ambiguous,
            format!("{kind} {:?} is shared by {}", first.1, list.join(", ")),
        )
    } else {
        let mut seen = HashSet::new();
        let list: Vec<String> = uses
            .iter()
            .filter(|(i, s)| seen.insert((*i, *s)))
            .map(|&(i, s)| format!("{s:?} = {} ({})", entities[i].id, entities[i].origin))
            .collect();
        (
            Category::KeyCollision,
            format!("{kind}s {} fold to the same key {key:?}", list.join(", ")),
        )
    };
    Finding {
        location: entities[first.0].origin.clone(),
        category,
        subject: first.1.to_string(),
        ids,
        message,
        accepted: false,
    }
}

/// Why a name is risky to match without a context guard, if it is, by the rule the matcher
/// uses to decide which names need their guard (`risk` in `src/gazetteer/names.rs`): one word that
/// is a common English word ("Hope", "Salt") or of three letters or fewer ("Kut"), or, for
/// places and facilities, two words that are both common ("Key West", "Green Zone").
///
/// A single word is the real danger: any sentence may begin with it, capitalised. Common
/// words together match only when all are capitalised, as in a headline; organisations'
/// names made of them ("State Department", "Security Council") are capitalised only when
/// meant, so only place and facility names, which often are other places' names too, are
/// flagged. A single distinctive word ("Baghdad") is not flagged, nor are codes: they match
/// only in their exact case.
pub fn risky_name(name: &str, kind: EntityType) -> Option<&'static str> {
    let words = name_word_keys(name);
    let place = matches!(
        kind,
        EntityType::Gpe | EntityType::Loc | EntityType::Facility
    );
    match risk(words.iter().map(String::as_str))? {
        r @ (Risk::CommonWord | Risk::Short) => Some(r.describe()),
        // Three common words or more ("National Security Council") seldom stand together
        // capitalised by chance; nor does a word before a capitalised "Sea" or "Ocean"
        // ("North Sea", "Black Sea"), which only a name capitalises.
        r @ Risk::CommonWords if place && words.len() == 2 && !names_a_sea(&words) => {
            Some(r.describe())
        }
        _ => None,
    }
}

/// Does a two-word name end on "Sea" or "Ocean"?
fn names_a_sea(words: &[String]) -> bool {
    matches!(words.last().map(String::as_str), Some("sea" | "ocean"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risky_names() {
        let rows = [
            ("Hit", Some("a common English word")),
            ("Van", Some("a common English word")),
            ("Kut", Some("a short name (3 letters or fewer)")),
            ("Hope", Some("a common English word")),
            ("Salt", Some("a common English word")),
            ("Key West", Some("made of common English words")),
            ("Green Zone", Some("made of common English words")),
            ("Sea Island", Some("made of common English words")),
            ("Open Seas", Some("made of common English words")),
            ("North Sea", None),
            ("Black Sea", None),
            ("Baghdad", None),
            ("Badr", None),
            ("Ain al-Asad", None),
            ("National Security Council", None),
        ];
        for (name, want) in rows {
            assert_eq!(risky_name(name, EntityType::Gpe), want, "{name}");
        }
        assert_eq!(risky_name("State Department", EntityType::Org), None);
        assert_eq!(risky_name("Al-Monitor", EntityType::Org), None);
        assert_eq!(
            risky_name("Economist", EntityType::Org),
            Some("a common English word")
        );
    }

    const HEADER: &str = "id\ttype\tcanonical\taliases\tcodes\tparent\tcontext\n";

    fn run(files: &[(&str, &str)], accepted: &str) -> Report {
        let accepted = parse_accepted("acc.txt", accepted).unwrap();
        check(files.iter().copied(), &accepted)
    }

    /// Each finding's `file:line` and category.
    fn places(r: &Report) -> Vec<String> {
        r.findings
            .iter()
            .map(|f| format!("{} {}", f.location, f.category))
            .collect()
    }

    #[test]
    fn every_category_is_found() {
        let a = format!(
            "{HEADER}gn:1\tGPE\tBaghdad\tBagdad\t\t\t\n\
             gn:2\tGPE\tHit\t\t\tgn:1\t\n\
             gn:3\tGPE\tHit\t\t\tgn:9\tAnbar\n\
             broken\tTHING\tX\t\t\t\t\n\
             org.a\tORG\tSadr City Council\tThe Council\tSCC\t\t\n"
        );
        let b = format!(
            "{HEADER}gn:1\tGPE\tBaghdad again\t\t\t\t\n\
             org.b\tORG\tSadr-City Council\t\tSCC\t\t\n"
        );
        let r = run(&[("a.tsv", &a), ("b.tsv", &b)], "");
        assert_eq!(
            places(&r),
            [
                "a.tsv:3 ambiguous",
                "a.tsv:3 risky-name",
                "a.tsv:4 missing-parent",
                "a.tsv:5 broken",
                "a.tsv:6 ambiguous",
                "a.tsv:6 key-collision",
                "a.tsv:6 skipped-alias",
                "b.tsv:2 duplicate-id",
            ],
            "{:#?}",
            r.findings
        );
        assert!(!r.passed());
        assert_eq!(r.summary(), "entities=5 names=9 ambiguous=3");
        let hit = &r.findings[0];
        assert_eq!(hit.ids, ["gn:2", "gn:3"]);
        assert!(hit.message.contains("gn:3 (a.tsv:4)"), "{}", hit.message);
    }

    #[test]
    fn alias_files_extend_earlier_entities() {
        let a =
            format!("{HEADER}gn:1\tGPE\tBaghdad\t\t\t\t\nfac.x\tFACILITY\tSample Base\t\t\t\t\n");
        let overlay = "id\taliases\nfac.x\tBaghdad|Sample Airbase\nnobody\tX\n";
        let r = run(&[("a.tsv", &a), ("aliases.tsv", overlay)], "");
        assert_eq!(
            places(&r),
            [
                "a.tsv:2 ambiguous",
                "a.tsv:3 risky-name",
                "aliases.tsv:3 broken"
            ],
            "{:#?}",
            r.findings
        );
        assert_eq!(r.names, 4);
    }

    #[test]
    fn accepted_findings_pass_and_stale_ones_fail() {
        let a = format!("{HEADER}gn:2\tGPE\tHit\t\t\t\tAnbar\ngn:3\tGPE\tHit\t\t\t\tTexas\n");
        let r = run(&[("a.tsv", &a)], "ambiguous\tHit\tgn:3 gn:2\ttwo towns\n");
        assert!(r.passed(), "{:#?}", r.findings);
        assert!(r.findings[0].to_string().contains("ambiguous (accepted)"));
        let r = run(
            &[("a.tsv", &a)],
            "ambiguous\tHit\tgn:2 gn:3\tx\nrisky-name\tHope\tgn:4\tgone\n",
        );
        assert!(!r.passed());
        let stale = r.findings.last().unwrap();
        assert_eq!(stale.category, Category::StaleAcceptance);
        assert_eq!(stale.location, "acc.txt:2");
        // A third entity sharing the name is a new finding.
        let a3 = format!("{a}gn:4\tGPE\tHit\t\t\t\tUtah\n");
        let r = run(&[("a.tsv", &a3)], "ambiguous\tHit\tgn:2 gn:3\tx\n");
        assert!(!r.passed());
    }

    #[test]
    fn accepted_file_round_trips() {
        let a = format!("{HEADER}gn:2\tGPE\tHit\t\t\t\tAnbar\ngn:3\tGPE\tHit\t\t\t\tTexas\n");
        let r = run(&[("a.tsv", &a)], "");
        let text = r.accepted_file(&[]);
        let again = run(&[("a.tsv", &a)], &text);
        assert!(again.passed(), "{text}");
        assert!(parse_accepted("x", "broken\tX\tid\n").is_err());
        assert!(parse_accepted("x", "nonsense\n").is_err());
    }
}
