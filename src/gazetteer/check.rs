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
//! | `skipped-alias` | a name [`alias_problem`] keeps out of the automaton, with the reason | yes |
//! | `risky-name` | a short or common-word name with no `context` guard | yes |
//! | `stale-acceptance` | an accepted finding that no longer occurs | no |
//!
//! The last line of the report is a summary a script can read:
//! `entities=N names=M ambiguous=K`, where K counts the match keys shared by several
//! entities (accepted or not).

use super::compile::alias_problem;
use super::{Entity, EntityType, parse_file};
use crate::error::{Error, Result};
use crate::normalize::{name_key, name_word_keys};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

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
    for (n, line) in content.lines().enumerate() {
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
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut file_order: HashMap<String, usize> = HashMap::new();
    for (label, content) in files {
        let label = label.as_ref();
        let n = file_order.len();
        file_order.entry(label.to_string()).or_insert(n);
        let parsed = parse_file(label, content.as_ref());
        for e in parsed.errors {
            findings.push(from_error(e));
        }
        for e in parsed.entities {
            if let Some(&first) = by_id.get(&e.id) {
                findings.push(Finding {
                    location: e.origin.clone(),
                    category: Category::DuplicateId,
                    subject: e.canonical.clone(),
                    ids: vec![e.id.clone()],
                    message: format!(
                        "duplicate id {:?} (first defined at {})",
                        e.id, entities[first].origin
                    ),
                    accepted: false,
                });
                continue;
            }
            by_id.insert(e.id.clone(), entities.len());
            entities.push(e);
        }
        // An alias file (header `id`, `aliases`) extends entities loaded before it.
        for (id, aliases, origin) in parsed.overlay {
            let Some(&i) = by_id.get(&id) else {
                findings.push(Finding {
                    location: origin,
                    category: Category::Broken,
                    subject: String::new(),
                    ids: vec![id.clone()],
                    message: format!(
                        "unknown id {id:?}: an alias file only extends entities loaded before it"
                    ),
                    accepted: false,
                });
                continue;
            };
            let e = &mut entities[i];
            for a in aliases {
                if !e.aliases.iter().any(|x| x.name == a.name) {
                    e.aliases.push(a);
                }
            }
        }
    }
    for e in &entities {
        if let Some(p) = &e.parent {
            if !by_id.contains_key(p) {
                findings.push(Finding {
                    location: e.origin.clone(),
                    category: Category::MissingParent,
                    subject: e.canonical.clone(),
                    ids: vec![e.id.clone()],
                    message: format!("parent {p:?} of {} is not a loaded entity id", e.id),
                    accepted: false,
                });
            }
        }
    }
    let ambiguous = name_findings(&entities, &mut findings);
    let names = entities
        .iter()
        .map(|e| 1 + e.aliases.len() + e.codes.len())
        .sum();
    let mut used = vec![false; accepted.len()];
    for f in findings.iter_mut().filter(|f| f.category.acceptable()) {
        if let Some(i) = accepted.iter().position(|a| matches(f, a)) {
            f.accepted = true;
            used[i] = true;
        }
    }
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
    for (a, _) in accepted.iter().zip(&used).filter(|(_, u)| !**u) {
        findings.push(Finding {
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
        });
    }
    Report {
        findings,
        entities: entities.len(),
        names,
        ambiguous,
    }
}

/// The bundled gazetteers, checked against their accepted list.
pub fn check_bundled() -> Result<Report> {
    let accepted = parse_accepted(BUNDLED_ACCEPTED_LABEL, BUNDLED_ACCEPTED)?;
    Ok(check(super::bundled_files(), &accepted))
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
fn name_findings(entities: &[Entity], findings: &mut Vec<Finding>) -> usize {
    // Match key -> (entity, name as written), in load order. Codes are matched in their exact
    // case, so they only collide with codes.
    let mut plain: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    let mut codes: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    for (i, e) in entities.iter().enumerate() {
        let person = e.kind == EntityType::Person;
        let mut risky_seen = HashSet::new();
        let names =
            std::iter::once(e.canonical.as_str()).chain(e.aliases.iter().map(|a| a.name.as_str()));
        for name in names {
            if let Some(reason) = alias_problem(name, &e.canonical, person) {
                findings.push(Finding {
                    location: e.origin.clone(),
                    category: Category::SkippedAlias,
                    subject: name.to_string(),
                    ids: vec![e.id.clone()],
                    message: format!("{name:?} of {} is never matched: it {reason}", e.id),
                    accepted: false,
                });
                continue;
            }
            let key = name_key(name);
            if key.is_empty() {
                continue;
            }
            if e.context.is_empty() && risky_seen.insert(key.clone()) {
                if let Some(reason) = risky_name(name, e.kind) {
                    findings.push(Finding {
                        location: e.origin.clone(),
                        category: Category::RiskyName,
                        subject: name.to_string(),
                        ids: vec![e.id.clone()],
                        message: format!(
                            "{name:?} of {} is {reason} and has no context guard",
                            e.id
                        ),
                        accepted: false,
                    });
                }
            }
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

fn shared_finding(
    kind: &str,
    key: &str,
    uses: &[(usize, &str)],
    distinct: &BTreeSet<usize>,
    entities: &[Entity],
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

/// Why a name is risky to match without a context guard, if it is: a match key of three
/// letters or fewer ("Hit", "Van"), a single common English word ("Hope", "Salt"), or, for
/// places and facilities, two words that are both common ("Key West", "Green Zone").
///
/// A single word is the real danger: any sentence may begin with it, capitalised. Two common
/// words match only when both are capitalised, as in a headline; organisations' names made
/// of them ("State Department", "Security Council") are capitalised only when meant, so only
/// place and facility names, which often are other places' names too, are flagged. Codes are
/// never risky: they match only in their exact case.
pub fn risky_name(name: &str, kind: EntityType) -> Option<&'static str> {
    let words: Vec<String> = name_word_keys(name)
        .into_iter()
        .filter(|w| !w.is_empty())
        .collect();
    let place = matches!(
        kind,
        EntityType::Gpe | EntityType::Loc | EntityType::Facility
    );
    match words.len() {
        1 if is_common_word(&words[0]) => Some("a common English word"),
        _ if name_key(name).chars().count() <= 3 => Some("a short name (3 letters or fewer)"),
        2 if place && words.iter().all(|w| is_common_word(w)) => {
            Some("made of common English words")
        }
        _ => None,
    }
}

/// Is this folded word (lower case, no marks) a frequent English word?
pub fn is_common_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            DERIVED_WORDS
                .split_whitespace()
                .chain(EVERYDAY_WORDS.split_whitespace())
                .collect()
        })
        .contains(word)
}

/// Words written in lower case at least 20 times in the Reuters-21578 news corpus (21,577
/// wire stories of 1987, the shared corpus's `news.jsonl`), two letters or more, without the
/// wire's abbreviations (mln, dlrs, pct, cts, shr, qtr…) and foreign particles (de, la, von,
/// al…). Derived for this project by counting; 4,938 words, inflected forms included.
const DERIVED_WORDS: &str = "
abandon abandoned abide ability able abolish abolished abolition about above abroad absence
absolute absolutely absorb accelerate accelerated accelerating accept acceptable acceptance
acceptances accepted accepting access accident accompanied accompanying accord accordance
according accords account accounted accounting accounts accrual accrued accruing accumulated
accurate accused achieve achieved achieving acid acknowledged acquire acquired acquires
acquiring acquisition acquisitions acre acreage acres across act acted acting action actions
active actively activities activity acts actual actually ad add added adding addition
additional additions address adds adequacy adequate adequately adhere adjourned adjust
adjusted adjusting adjustment adjustments administration administrative administrator
admitted adopt adopted adopting adoption advance advanced advances advantage advantages
adverse adversely advertisement advertising advice advise advised adviser advisers advisor
advisors advisory aerospace affair affairs affect affected affecting affects affiliate
affiliated affiliates affirmed afford afloat after afternoon again against agencies agency
agenda agent agents aggregate aggressive aggressively ago agree agreed agreeing agreement
agreements agrees agricultural agriculture ahead aid aide aided aides ailing aim aimed
aiming aims air aircraft airline airlines airport alert all allegations alleged allegedly
alleges alleging alleviate alliance allies allocate allocated allocation allocations allow
allowance allowances allowed allowing allows almost alone along already also alter
alternative alternatives although aluminium aluminum always am ambassador amended amendment
amendments amid among amount amounted amounting amounts ample an analysis analyst analysts
and anger angered animal animals anniversary announce announced announcement announcements
announcing annual annualised annualized annually annum another answer anti anticipate
anticipated anticipates anticipation antitrust anxious any anyone anything anywhere apart
apparel apparent apparently appeal appealed appeals appear appeared appears appliance
appliances application applications applied applies apply applying appointed appointment
appreciate appreciation approach approached approaches approaching appropriate approval
approvals approve approved approximately april arbitrage arbitration are area areas aren
argue argued arguing argument arguments arising arm armed arms army arose around arrange
arranged arrangement arrangements arranger arranging arrears arrest arrested arrival arrive
arrived article artificial as aside ask asked asking aspects assembly assess assessed
assessment asset assets assigned assist assistance assistant associate associated associates
association associations assume assumed assumes assuming assumption assumptions assurance
assurances assure assured at atmosphere attached attack attacked attacks attempt attempted
attempting attempts attend attended attending attention attitude attorney attorneys attract
attracted attracting attractive attributable attributed auction auctions audit auditor
auditors austerity authorised authorities authority authorization authorized auto automaker
automakers automated automatic automatically automation automobile automotive autumn
availability available average averaged averaging avert aviation avoid avoiding awaiting
award awarded awards aware away back backed background backing backlog backs bad badly bag
bags baht balance balanced balances bales ball ban band bank banker bankers banking bankrupt
bankruptcy banks banned bar barely bargain bargaining barge barley barred barrel barrels
barriers barring base based bases basic basically basis basket battle bauxite be beans bear
bearer bearing bearish became because become becomes becoming beef been beer beet before
began begin beginning begins begun behalf behind being belief believe believed believes
below belt benchmark beneficial benefit benefited benefits benefitted best better between
beyond bid bidder bidders bidding bids big bigger biggest bilateral bill billion billions
bills binding biotechnology bit bitter black blame blamed blast bloc block blocked blocking
blocks blood blow blue board boards boats bodies body bolivars bolster bomb bond bonds bonus
bonuses book booked books boom booming boost boosted boosting border borrow borrowed
borrower borrowers borrowing borrowings both bottom bottomed bought bound bourse boxes
boycott brackets branch branches brand brands breach breached break breakdown breaking
breaks breakthrough breakup bridge brief briefing briefly bring bringing brings broad
broadcast broadcasting broaden broader broadly broke broken broker brokerage brokerages
brokers broking brought budget budgetary budgeted buffer build building buildings built bulk
bull bullet bulletin bullion bullish buoyant burden bureau bus buses bushel bushels business
businesses businessman businessmen but butter buy buyback buyer buyers buying buyout buys by
cabinet cable calculated calculating calculations calendar call callable called calling
calls calm came campaign can cancel cancellation cancelled cancer candidate candidates cane
cannot cap capabilities capability capable capacity capital capitalisation captured car card
cards care careful carefully cargo cargoes carried carrier carriers carries carry
carryforward carryforwards carrying cars cartel case cases cash casino cast casualties
casualty categories category cattle caught cause caused causes causing caution cautioned
cautious cautiously cease ceased ceiling cement cent center centers central centre centres
centrist cents century cereal cereals certain certainly certificate certificates chain
chairman challenge challenged challenges challenging chance chances change changed changes
changing channel channels charge charged charges charging chart charter chartered cheap
cheaper check checking checks chemical chemicals chief children chip chips choice choke
cholesterol choose chosen cigarettes circuit circuits circulated circulation circumstances
cited cities citing citizens citrus city civil civilian claim claimed claiming claims
clarification clarify class classes classified clause clauses clear cleared clearing clearly
client clients climate climb climbed clinical close closed closely closer closes closing
closings closure clothing club coal coalition coarse coast cocoa coconut code coffee coin
coincide coins cold collapse collapsed collateral colleagues collect collective color combat
combination combine combined combining come comes comfortable coming command comment
commented commenting comments commerce commercial commission commissioner commissions
commitment commitments committed committee committees commodities commodity common
communications communique communist communities community commuter compact companies company
comparable comparative compare compared compares comparison comparisons compatible
compensate compensated compensation compensatory compete competing competition competitive
competitiveness competitor competitors complained complaint complaints complement complete
completed completely completing completion complex compliance complicated comply component
components composite compound comprehensive comprise comprised comprising compromise
computer computerized computers conceded concentrate concentrated concentrates concept
concern concerned concerning concerns concerted concession concessional concessions conclude
concluded conclusion concrete condition conditional conditioned conditions condoms conduct
conducted conducting conference confidence confident confidential confirm confirmation
confirmed conflict confrontation conglomerate congress congressional conjunction connected
connection consecutive consensus consent consequences conservation conservative consider
considerable considerably consideration considerations considered considering considers
consist consistent consistently consisting consists consolidate consolidated consolidation
consortium constant constitute constraints construct construction constructive consultant
consultation consultations consulting consumer consumers consuming consumption contact
contacted contacts contain contained container containing contains content context
continental contingent continuation continue continued continues continuing continuous
contra contract contracted contracting contractor contractors contracts contractual contrary
contrast contribute contributed contributing contribution contributions control controlled
controlling controls controversial controversy convention conventional conversion convert
converted convertible converting convince convinced cool cooperate cooperation cooperative
cooperatives coordinate coordinated coordinating coordination cope copper copy core corn
corporate corporation corporations correct corrected correction corrects corresponding
cosmetics cost costing costly costs cotton could council counsel count counter counterparts
counterproductive countertrade counties countries country counts county couple coupled
coupon courier course court courts cover coverage covered covering covers crash create
created creating creation credibility credit creditor creditors credits creditwatch crew
criminal crisis criteria critical criticised criticism criticized critics crop crops cross
crown crowns crucial crude crudes crush crushers crushing cubic cumulative curb curbing
curbs currencies currency current currently customer customers customs cut cutbacks cuts
cutting cycle daily dairy dam damage damaged damages damaging dampen danger dangerous data
date dated dates day days dead deadline deadlock deal dealer dealers dealing dealings deals
dealt death debate debenture debentures debit debt debtor debtors debts decade decide
decided decides deciding decision decisions declaration declare declared declaring decline
declined declines declining decrease decreased decreasing decree deep deeply default defeat
defence defend defendants defended defending defense defensive defer deferred deficiency
deficit deficits defined definite definitely definition definitive degree degrees delay
delayed delaying delays delegate delegates delegation delegations deliver deliverable
delivered deliveries delivery demand demanded demanding demands democracies demonstrate
demonstrated denied denominated denominations deny department departments departure depend
depended dependence dependent depending depends depletion deposit depositary deposited
depositors deposits depreciation depress depressed depth deputy deregulate deregulation
derived described design designated designed designs desire desk desktop despite
destinations destroyed detail detailed details detect detected deteriorating deterioration
determination determine determined determining devaluation develop developed developer
developing development developments develops device devices diagnostic did died diesel
difference differences different differential differentials difficult difficulties
difficulty digital diluted dilution dinar dinars dip diplomat diplomatic diplomats dipped
direct directed direction directive directly director directors disagreed disappointed
disappointing disaster disbursed discharge discipline disclose disclosed disclosure
discontinued discount discounted discounts discourage discovered discoveries discovery
discuss discussed discussing discussion discussions disease diseases disk dismiss dismissed
display disposal disposition dispute disputed disputes disrupted disruption distance
distribute distributed distribution distributor distributors district districts
diversification diversified diversify diversion diverted divest divestiture divided dividend
dividends division divisions do document documentation documents does doesn doing dollar
dollars domestic domestically dominant dominated done donors door doors double doubled
doubling doubt doubted doubtful doubts down downgrade downgraded downtown downturn downward
downwards dozen draft drafted drafting drain dramatic dramatically drastic draw drawing
drawn drew drill drilled drilling drive driven drives driving drop dropped dropping drops
drought drug drugs dry dual due dumping durable during durum duties duty each eager earlier
early earmarked earn earned earning earnings earth earthquake ease eased easier easily
easing east eastern easy echoed economic economically economics economies economist
economists economy edge edged edible edition editorial education effect effective
effectively effectiveness effects efficiency efficient effort efforts eight eighth either
elaborate elaborating elect elected election elections electric electrical electricity
electronic electronics element elements elevators eligible eliminate eliminated eliminating
elimination else elsewhere embassy emerge emerged emergency emerging emphasis emphasized
employ employed employee employees employers employment employs enable enabled enabling
enacted encourage encouraged encouraging end ended ending endorse endorsed ends energy
enforcement engage engaged engine engineered engineering engineers engines enhance enhanced
enhancement enjoyed enlarged enormous enough enquiries enquiry ensure enter entered entering
enterprise enterprises entertainment entire entirely entities entitle entitled entitles
entity entry environment environmental envisaged equal equally equals equipment equipped
equities equity equivalent escalation escort especially essential essentially establish
established establishing establishment estate estimate estimated estimates euro eurobond
eurobonds euroyen evaluate evaluating evaluation even evening event events eventual
eventually ever every everyone everything evidence evident ex exact exactly exaggerated
examine examining example exceed exceeded exceeding exceeds excellent except exception
excess excessive excessively exchange exchangeable exchanged exchanges exchequer excise
exclude excluded excludes excluding exclusive exclusively executed execution executive
executives exempt exemption exercisable exercise exercised exist existed existence existing
exists exit expand expanded expanding expansion expect expectation expectations expected
expecting expects expenditure expenditures expense expenses expensive experience experienced
experiencing experimental expert expertise experts expiration expire expired expires
expiring explain explained explaining explanation exploration exploratory explore exploring
explosion export exported exporter exporters exporting exports exposed exposure express
expressed extend extended extending extends extension extensive extent external extra
extraordinary extreme extremely eye face faced faces facilitate facilities facility facing
fact factor factories factors factory facts fail failed failing fails failure failures fair
fairly faith fall fallen falling falls false families family far fare fares farm farmer
farmers farming farmland farms fast faster fat fats favor favorable favored favour
favourable favoured fear feared fears feasibility feature featured features federal
federally federation fee feed feedgrains feel feeling feels fees feet fell fellow felt ferry
fertilizer few fewer fiber fibre fiduciary field fields fierce fifth fight fighter fighting
figure figures file filed filing filings fill filled filling film films final finalised
finalized finally finance financed finances financial financially financing find finding
findings fine fines finish finished fire fired firm firmed firmer firming firmly firms first
fiscal fish fishing fit five fix fixed fixing flag flat fleet flexibility flexible flight
flights float floated floating flood flooding floor flotation flour flow flowing flows
fluctuate fluctuation fluctuations fly flying focus focused focusing follow followed
following follows food foot footwear for force forced forces forcing forecast forecasting
forecasts foreign foreigners foresaw foresee foreseeable forest form forma formal formally
formation formed former formerly forming forms formula forthcoming forum forward foster
fought found foundation founded founder four fourth framework franc franchise franchises
francs fraud free freedom freeze freight frequently fresh friction friendly from front
fronts froze frozen fruit frustration fuel fuels fulfill full fully function functions fund
fundamental fundamentals funded funding funds furniture further future futures gain gained
gaining gains gallon gallons game gap gas gasoline gathering gave general generally generate
generated generating generation generic generous genuine geothermal get gets getting giant
gilt gilts give given gives giving glass global go goal goals goes going gold gone good
goods got governing government governments governor governors grace grade grades grading
gradual gradually grain grains grand grant granted granting grants graphics great greater
greatest greatly green grew gross ground grounds group groups grow growers growing grown
growth guarantee guaranteed guarantees guard guerrillas guesstimated guesstimating guidance
guidelines guilder guilders guilty gulf ha had half halt halted halting hampered hand handle
handled handling hands happen happened happening happens happy harbor hard harder hardly
hardware harm harvest harvested harvesting has have haven having he head headed heading
headquartered headquarters heads health healthy hear heard hearing hearings heart heat
heating heavily heavy hectare hectares hedge hedging heifers heightened held helicopter
helicopters help helped helping her here high higher highest highly highs highway hike hikes
him himself hinted hired hiring his historical history hit hog hogs hold holder holders
holding holdings holds hole holiday home homes honor honour hope hoped hopeful hopes hoping
hormone hospital hospitals host hostages hostile hot hotel hotels hour hourly hours house
household houses housing how however huge human hundred hundreds hurt idea ideas identical
identified identify idle idled if ignored illegal image imbalance imbalances immediate
immediately imminent immune immunity impact implement implementation implemented
implementing implications implied import importance important imported importer importers
importing imports impose imposed imposing imposition impossible improve improved improvement
improvements improving in inability inadequate incentive incentives inch incident include
included includes including inclusion income incomes incoming incorporate incorporated
incorporation increase increased increases increasing increasingly incurred indebted
indebtedness indefinite indefinitely independence independent index indicate indicated
indicates indicating indication indications indicator indicators indices indictment indirect
indirectly individual individuals industrial industrialised industrialized industries
industry inevitable inflation inflationary inflow inflows influence influences informal
information informed infrastructure infringement infusion initial initially initiate
initiated initiative initiatives inject injection injunction injured injuries innovative
inquiries inquiry inside insider insist insisted insolvent inspection inspectors instability
install installation installations installed instance instead institute institutes
institution institutional institutions instructed instructions instrument instruments
insufficient insurance insured insurer insurers integrate integrated integration
intelligence intend intended intends intense intensive intent intention intentions inter
interbank interest interested interesting interests interim interior intermediate internal
internally international internationally interpreted interstate intervene intervened
intervention interview into introduce introduced introducing introduction inventories
inventory invest invested investigate investigating investigation investigations
investigators investing investment investments investor investors invited involve involved
involvement involves involving iron irrigation is island issuance issue issued issuer
issuers issues issuing it item items its itself january jet jets job jobless jobs join
joined joining joint jointly journalists judge judgement judgment juice jump jumped jungle
junior junk jurisdiction jury just justified justify keen keep keeping kept key killed kilo
kilos kilowatt kind kinds kingdom kit knew know knowledge known knows kwacha labor
laboratory labour lack laid land landing language large largely larger largest laser last
lasting late later latest latter launch launched launching law lawmakers laws lawsuit
lawsuits lawyer lawyers lay laying layoff layoffs lead leader leaders leadership leading
leads lease leased leases leasing least leave leaves leaving led left legal legally
legislation legislative legislators lend lender lenders lending length lengthy lent less
lessen lesser let letter letters level levels leverage leveraged levied levy liabilities
liability liberal liberalisation liberalization licence licences license licensed licenses
licensing life lift lifted lifting light lighter like likelihood likely limit limitation
limited limiting limits line lines link linked linking links liquid liquidation liquidity
liquids lira lire list listed listing litigation little live lived lives livestock living
load loading loan loans lobby lobbying local locally locals located location locations long
longer look looked looking looks lose losing loss losses lost lot lots low lower lowered
lowering lowest lows lucrative lumber lunch luxury machine machinery machines made magazine
magnitude mail mailed main mainframe mainly maintain maintained maintaining maintains
maintenance maize major majority make maker makers makes making man manage managed
management manager managers manages managing mandate mandated mandatory manipulation manner
manufacture manufactured manufacturer manufacturers manufactures manufacturing many march
margin marginal marginally margins marine mark marked markedly market marketable marketed
marketing marketplace markets markka marks mass massive master match matching material
materials matter matters mature matures maturing maturities maturity maximize maximum may
maybe me meal mean meaning meaningful means meant meantime meanwhile measure measured
measures meat mechanism mechanisms media medical medium meet meeting meetings meets megawatt
member members membership memorandum memory men mention mentioned merchandise merchant
merchants merely merge merged merger mergers merit message met metal metals meters method
methods metres metric microchip microchips microprocessor mid midday middle midnight
midsession might mild mile miles military milk mill milling million millions mills mind mine
mineral minerals miners mines mini minimal minimum mining minister ministerial ministers
ministries ministry minor minorities minority minus minute minutes misleading missed missile
missiles missing mission mistake mix mixed mobile model models moderate moderately modern
modernization modest modification modifications modified modify moisture moment momentum
monetary money monitor monitored monitoring monopoly month monthly months mood moratorium
more morning mortgage mortgages most mostly motion motor mounting move moved movement
movements moves moving much multi multilateral multinational multiple municipal must mutual
my name named names narrow narrowed narrowing nation national nationally nations nationwide
natural nature naval near nearby nearly necessarily necessary need needed needs negative
negotiate negotiated negotiating negotiation negotiations negotiator negotiators
neighbouring neither nervous nervousness net network networks neutral never new newly news
newsletter newspaper newspapers newsprint next nickel night nine no nominal nominated
nomination non none nonperforming noon nor normal normally north northeast northeastern
northern northwest not notably note noted noteholders notes nothing notice notification
notified noting now nuclear number numbers numerous oats objections objective objectives
obligation obligations obliged obstacle obstacles obtain obtained obtaining obvious
obviously occur occurred octane of off offensive offer offered offering offerings offers
office officer officers offices official officially officials offs offset offsetting
offshore often oil oilfield oils oilseed oilseeds old olein on once one ones ongoing only
onshore onto open opened opening opens  operate operated operates operating operation
operational operations operator operators opinion opportunities opportunity oppose opposed
opposes opposing opposition optic optical optimism optimistic option optional options or
oral orange order ordered orderly orders ordinary ore organisation organisations
organization organizations organized oriented origin original originally other others
otherwise ought ounce ounces our ourselves out outbreak outcome outflow outflows outlays
outlets outline outlined outlook output outright outside outstanding over overall
overallotments overcome overdue overhaul overhead overnight override overseas oversubscribed
overtime owed owes owing own owned owner owners ownership owning owns oxide pace package
packages packaging pact pacts page paid palm panel panic paper papers par paragraph parallel
parent park parliament parliamentary part partial partially participants participate
participating participation particular particularly parties partly partner partners
partnership partnerships parts party pass passage passed passenger passengers passing past
patent patents path patients pattern pave pay payable paying payment payments payout pays
peace peak peaked pegged pellets penalties penalty pence pending penny pension people per
percent percentage perception perform performance performed performing perhaps period
periods permanent permission permit permits permitted permitting perpetual person personal
personally personnel persons persuade peseta pesetas peso pesos pessimistic petition
petrochemical petrol petroleum pharmaceutical pharmaceuticals phase phone physical pick
picked picking pickup picture pilot pilots pipe pipeline pipelines pit place placed
placement placements places placing plan plane planes planned planning plans plant
plantations planted planting plantings plants plastic plastics platform platforms platinum
play played player players pleaded please pleased pledge pledged pledges plunge plunged plus
point pointed points poised police policies policy political politically politicians poll
polled polls pollution pool poor poorest popular popularity population pork port portfolio
portfolios portion ports pose posed position positions positive positively possibilities
possibility possible possibly post posted posting postings postpone postponed posts
potential potentially poultry pound pounds power powerful powers practical practice
practices praecipuum praised preceding precious precise predict predicted predicting
predictions predicts prefer preference preferential preferred preliminary premature premium
premiums preparation prepare prepared preparing presence present presentation presented
presently preserve presidency president presidential presidents press pressed pressing
pressure pressured pressures pretax pretty prevailing prevent prevented preventing previous
previously price priced prices pricing primarily primary prime principal principally
principle principles printed printers printing prior priorities priority private privately
privatisation privatised pro probable probably probe problem problems procedure procedures
proceed proceeding proceedings proceeds process processed processes processing processor
processors procurement produce produced producer producers produces producing product
production productive productivity products professional professor profile profit
profitability profitable profits program programme programming programs progress prohibit
prohibited prohibiting project projected projection projections projects prolonged promise
promised promises promising promissory promote promoting promotion prompt prompted promptly
propane proper properly properties property proportion proposal proposals propose proposed
proposes proposing proprietary prosecutor prosecutors prospect prospective prospects
prospectus protect protected protecting protection protectionism protectionist protein
protest protests prove proved proven provide provided provides providing province provinces
provincial provision provisional provisionally provisions provoke proxy public publication
publicly published publisher publishing pull pulp pump pumping punitive purchase purchased
purchaser purchasers purchases purchasing pure purely purpose purposes pursuant pursue
pursued pursuing push pushed pushing put puts putting quake qualified qualify quality
quantities quantity quarter quarterly quarters query question questioned questions quick
quickly quiet quietly quite quota quotas quote quoted quotes quoting radical radio rail
railroad railway rain rainfall rains raise raised raises raising rallied rally ran rand
range ranged ranges ranging rank ranking rapeseed rapid rapidly rare rate rated rates rather
ratified rating ratings ratio rationalisation ratios raw re reach reached reaches reaching
react reacted reacting reaction read readily ready reaffirmed real realignment realistic
reality realize realized really reason reasonable reasonably reasons rebate rebates rebels
rebound rebuild recall recapitalization receipt receipts receivable receivables receive
received receives receiving recent recently reception recession recognised recognition
recognize recognized recommend recommendation recommendations recommended recommending
reconsider record recorded recording records recover recovered recovering recovery recurring
red redeem redeemable redeemed redemption redemptions redress reduce reduced reduces
reducing reduction reductions redundancies reference referred referring refinance
refinancing refined refiner refineries refiners refinery refining reflect reflected
reflecting reflection reflects reform reforms refrain refund refundable refunding refusal
refuse refused refusing regain regard regarded regarding regardless regime region regional
regions register registered registering registration registrations regret regular regularly
regulate regulated regulates regulation regulations regulators regulatory reiterated reject
rejected rejection related relating relation relations relationship relative relatively
release released reliance relied relief relieve reluctance reluctant rely remain remainder
remained remaining remains remarks remote removal remove removed removing renegotiation
renew renewal renewed rental reopen reopening reorganization repaid repair repaired repairs
repay repaying repayment repayments repeat repeated repeatedly replace replaced replacement
replaces replacing replied reply report reported reporters reporting reports represent
representation representative representatives represented representing represents repurchase
repurchased repurchases reputation request requested requesting requests require required
requirement requirements requires requiring resale reschedule rescheduled rescheduling
rescue research researchers reservations reserve reserved reserves residential residents
residual resign resignation resigned resist resistance resisting resolution resolve resolved
resolving resort resource resources respect respective respectively respond responded
responding response responsibilities responsibility responsible rest restart restated
restaurant restaurants restore restored restraining restraint restraints restrict restricted
restrictions restrictive restructure restructured restructuring result resulted resulting
results resume resumed resumption retail retailer retailers retailing retain retained
retaliate retaliation retaliatory retire retired retirement return returned returning
returns reuter revaluation reveal revealed revenue revenues reversal reverse reversed review
reviewed reviewing reviews revise revised revision revisions revive revolving rice rich rig
right rights rigid rigs ring ringgit rise risen rises rising risk risks risky rival river
riyal riyals road roads rocket role roll rolled room rose roubles roughly round route routes
routine row royalties royalty rubber rule ruled rules ruling rumor rumored rumors rumours
run running runs rupees rupiah rural rush safe safeguards safety said salaried salaries
salary sale sales same sanctions satellite satisfactory satisfied satisfy saturated save
saved saving savings saw say saying says scale scandal scattered scenario sceptical schedule
scheduled scheme schemes schillings scientific scientists scope scrap screen scrutiny sea
seamen search season seasonal seasonally seat seats second secondary secret secretary
section sections sector sectors secure secured securities security see seeing seek seeking
seeks seem seemed seems seen sees segment segments seized select selected selective self
sell seller sellers selling sells semi semiconductor semiconductors seminar senator senators
send sending senior sense sensitive sent sentiment separate separately series serious
seriously serve served serves service services servicing serving session sessions set
setback sets setting settle settled settlement settlements settling seven seventh several
severance severe severely shake shall shape share shared shareholder shareholders
shareholding shares sharing sharp sharply she shed sheet shelf shift shifting shifts
shillings ship shipbuilding shipment shipments shipped shipping ships shock shopping short
shortage shortages shorter shortfall shortly shot should show showed showers showing shown
shows shut shutdown side sides sight sign signal signalled signals signed significance
significant significantly signing signs signup silver similar simple simply simultaneously
since single sinking sit site sites situation six sixth size sizeable sized slack slash
slashed slated slaughter slide slight slightly slipped slow slowdown slowed slower slowing
slowly sluggish slump small smaller smelter smelters snow so soared soaring social socialist
soft software soil sold soldiers sole solid solution solutions solve solved some someone
something sometime sometimes somewhat soon sooner sophisticated sorghum sort sought sound
source sources south southeast southern southwest sovereign sowings sown soybean soybeans
soymeal soyoil space spare spark sparked speaking special specialist specialists specialty
specific specifically specifications specified specify speculate speculated speculation
speculative speculators speech speed spell spend spending spent spin spinoff spirit spirits
split spoke spokesman spokesmen spokeswoman sponsored sports spot spread spreading spreads
spring spur spurred square squeeze stabilisation stabilise stabilising stability stabilize
stabilized stabilizing stable staff stage staged stages stake stakes stance stand standard
standards standby standing stands standstill start started starting starts state stated
statement statements states station stations statistical statistics status statutory stay
steadily steady steam steel steep steering steers stem stemmed stemming stems step stepped
stepping steps sterling stick sticking stiff still stimulate stimulating stimulation
stimulus stock stockbrokers stockholder stockholders stockpile stocks stood stop stoppage
stopped storage store stored stores storm story straight strained strains strategic
strategies strategy stream street strength strengthen strengthened strengthening stress
stressed stretch strict strictly strike strikers strikes striking strong stronger strongest
strongly struck structural structure structured structures struggle studied studies study
studying style sub subcommittee subject submit submitted subordinated subscribe subscribed
subscribers subscription subsequent subsequently subsidiaries subsidiary subsidies
subsidized subsidy substantial substantially succeed succeeded succeeding succeeds success
successful successfully successive successor such sudden sued suffer suffered suffering
sufficient sugar suggest suggested suggesting suggestion suggestions suggests suit suitable
suitor suits sulphur sum summary summer summit sunflower super supercomputer supercomputers
superior supermarket supermarkets supervision supervisory supplemental supplementary
supplied supplier suppliers supplies supply supplying support supported supporters
supporting supportive supports supposed sure surface surge surged surplus surpluses surprise
surprised surrounding surveillance survey survive suspected suspend suspended suspending
suspension suspicion sustain sustainable sustained swap swaps sweeping sweet swing switch
switched switching symbol sympathy syndicate syndicated syndication synthetic system systems
table tackle tactics take taken takeover takeovers takes taking talk talked talking talks
tallow tangible tank tanker tankers tanks tap tape target targeted targets targetted tariff
tariffs task tax taxable taxation taxes tea team teams technical technically techniques
technological technologies technology telecommunications telephone televised television
telex tell telling temperatures temporao temporarily temporary ten tend tended tender
tendered tendering tenders tension tensions tentative tentatively term termed terminal
terminals terminate terminated termination terms territory test tested testimony testing
tests text textile textiles than that the their them theme themselves then therapy there
thereafter thereby therefore these they thin thing things think thinking thinks third thirds
this those though thought thousand thousands threat threaten threatened threatening threats
three thrift thrifts through throughout thrust thus tie tied tier ties tight tighten
tightened tightening tighter timber time times timetable timing tin tire title to tobacco
today together token told toll tomorrow ton tone tonight tonnage tonne tonnes tons too took
tool tools top topic topped total totaled totaling totalled totalling totally totals touch
touched tough tour toward towards town towns track trade traded trademark trader traders
trades trading traditional traditionally traffic train training tranche tranches transaction
transactions transfer transferred transfers transit transition transmission transport
transportation trapped travel treasurer treasury treat treated treatment treaty trees
tremendous tremor trend trends trial trials tried trigger triggered trillion trim trip
triple troops trouble troubled troubles troy truck trucks true trust trustee trusts try
trying turmoil turn turnaround turned turning turnover twelve twice two type types typical
ultimate ultimately unable unacceptable unadjusted unanimously unavailable uncertain
uncertainties uncertainty unchanged unclear under undercut underground underlying undermine
undersecretary understand understanding understood undertake undertaken undertaking
undervalued underway underwrite underwriter underwriters underwriting underwritten
undisclosed unemployed unemployment unexpected unfair unidentified uniform unilateral union
unions unit units unknown unleaded unless unlike unlikely unlimited unnamed unpaid
unprecedented unprofitable unquoted unrealistic unrelated unresolved unrest unsatisfactory
unsecured unsolicited unspecified unsuccessful until unusual unusually unveiled unwanted
unwilling up upcoming upgrade upgraded upheld upon upper upturn upward upwards uranium urge
urged urgent urging us usage usda use used useful user users uses using usual usually
utilisation utilities utility utilization vaccine valid value valued values van variable
variety various varying vast vegetable vehicle vehicles  venture ventures version
versus very vessel vessels veto via viability viable vice victims victory video view viewed
views vigorously violated violating violation violations violence virtual virtually virus
visible visit visited visiting visits vital voice voiced volatile volatility volume volumes
voluntarily voluntary vote voted voters votes voting vowed vulnerable wage wages wait
waiting wake want wanted wants war warehouse warehouses warm warned warning warplanes
warrant warrants warships wary was waste watch watching water waters waterway wave way ways
we weak weaken weakened weakening weaker weakness weapons weather week weekend weekly weeks
weigh weight weighted welcome welcomed well wells went were west western wet what whatever
wheat wheel when where whereby whether which while white whites who whole wholesale wholly
whom whose why wide widely widened widening wider widespread will willing willingness win
wind window winds wine wing winning winter wire wish witching with withdraw withdrawal
withdrawing withdrawn withdrew withholding within without women won wood word words work
worked worker workers workforce working works workstation workstations world worldwide
worried worries worry worse worsen worst worth would wouldn wounded write writedown
writedowns writeoff writeoffs writing written wrong wrote yards year yearend yearly years
yen yesterday yet yield yielded yielding yields you young your yuan zero zinc zone zones";

/// Everyday words a 1987 business wire seldom writes (nature, animals, the household,
/// colours, simple verbs), written for this project to cover what the counted list misses.
const EVERYDAY_WORDS: &str = "
angel angry apple arrow ash aunt baker barn bay beach bean bee bell berry bird birds blade
blanket bloom blossom boat bone bottle bow bowl box boy brave bread brick bride bright brook
brother brown bucket bush button cabin cake calf camel camp candle canyon carpet castle cat
catch cave chair cheese cherry chest chicken child church clean cliff clock cloth cloud
clover coat comb cook coral cord corner cow crane creek crow cry crystal cup curtain daisy
dance dark dawn deer desert diamond dirty dish dog doll dove dream dress drink drum duck
dust eagle ear eat egg elbow ember fairy falcon feast feather fence fig finger flame flint
flower flute fog fountain fox frog frost fur garden gate gentle ghost gift girl glory glove
goat golden goose grape grass gravel gray grey grove hail hall hammer harbour hat hawk hay
heaven heel hell hen hero hide hill hive holy honey hook horn horse hound hunt hut ice ink
ivy jar jewel joy kettle kill king kite knife knight lace ladder lake lamb lamp lane lantern
lark laugh leaf lemon lily lion lip lock lodge log lonely loom loud love luck lucky maid
maple mare marsh meadow mint mirror mist monkey moon moss moth mother mountain mouse mouth
mule nail needle nest noble nose nut oak oar ocean olive orchard oven owl paddle pail paint
palace pan parrot pasture peach pear pearl pebble pen pencil pepper pie pig pillow pine pink
plain plate plum pocket pond porch pot prairie proud purple quail queen quilt rabbit rag
rainbow ranch raven reed ribbon ridge robin rock roof rope royal ruby rust sad saddle sage
sail salmon salt sand scarf school seed shadow shallow sheep shell shepherd shoe shore silk
sing sink sister sky slate sleep sleeve slope smoke snake soap sock son song soul sour spade
spear spider spoon squirrel stair star stone stove straw string sun sunset swamp swan swim
sword tail tall tent thorn thread throw thumb tide tiger toad tomb tongue tooth torch towel
tower toy trail tray tree trout trumpet tulip tunnel valley vase velvet village vine violet
wagon walk wall walnut wand wasp whale whip whistle wife wild willow wolf woman wool wren
yard yarn yellow youth";

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
        let got: Vec<String> = r
            .findings
            .iter()
            .map(|f| format!("{} {}", f.location, f.category))
            .collect();
        assert_eq!(
            got,
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
        let got: Vec<String> = r
            .findings
            .iter()
            .map(|f| format!("{} {}", f.location, f.category))
            .collect();
        assert_eq!(
            got,
            ["a.tsv:2 ambiguous", "aliases.tsv:3 broken"],
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
