//! Compiles a [`Gazetteer`] into an Aho-Corasick automaton over match keys (built in parts
//! split by the keys' first byte, on rayon's threads; see [`KeyAutomaton`]).
//!
//! Every canonical name, alias and code becomes a key (see [`crate::normalize`]); names that
//! fold to the same key share one pattern, which keeps all their candidates (an alias shared
//! by two entities stays two candidates and resolution decides). For people, short forms are
//! added as *partial* names — the surname with and without its article ("al-Muhandis",
//! "Muhandis") and a kunya ("Abu Mahdi") — which resolution only accepts when the full name
//! is in the same document.
//!
//! The automaton is walked anchored: the matcher asks, at each token start, for the names
//! beginning exactly there (longest first), so the cost per position does not grow with the
//! number of names, and a hit inside a word ("iran" in "Tirana") is never even produced.

use super::{Entity, EntityType, Gazetteer};
use crate::error::{Error, Result};
use crate::normalize::{name_key, name_word_keys};
use aho_corasick::automaton::Automaton;
use aho_corasick::{AhoCorasickKind, Anchored, MatchKind, StartKind};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// What kind of name a pattern came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum NameKind {
    /// The canonical name.
    Canonical,
    /// A listed alias.
    Alias,
    /// A case-sensitive code or acronym.
    Code,
    /// A generated short form of a person's name.
    Partial,
}

/// One candidate behind a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameRef {
    /// Index into [`Gazetteer::entities`].
    pub entity: u32,
    /// Index into [`Compiled::names`].
    pub name: u32,
    /// Where the name came from.
    pub kind: NameKind,
}

/// What the matcher needs to validate a hit against one name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NameInfo {
    /// The name as written in the gazetteer.
    pub surface: String,
    /// Keys of words written in lower case in the name ("of", "al", "for"): only these may
    /// be lower case in the text.
    pub lower_words: Vec<String>,
    /// For codes: the letters and digits that must appear in exactly this case.
    pub exact: Option<String>,
    /// For a generated short form: the given name alone ("Donald"), which yields to a
    /// surname ("Ali" of Ahmed Ali over the given name of Ali Sistani).
    pub given: bool,
    /// Whether the entity's context guard applies to this name: only risky names (one
    /// word, or only common English words: "Badr", "Key West") need the document to
    /// confirm them; "Badr Organization" speaks for itself.
    pub guarded: bool,
    /// Where each word's key ends in the name's key (the words' keys are contiguous from
    /// byte 0), kept so the variant index need not tokenise the name again. `None` for
    /// codes, and for a short form whose key would fold further.
    pub word_ends: Option<Box<[u32]>>,
}

impl NameInfo {
    /// The key of each word of the name, given the name's `key`: what [`name_word_keys`]
    /// gives for its surface, which it is worked out from only when the ends were not kept.
    pub fn word_keys(&self, key: &str) -> Vec<String> {
        let Some(ends) = &self.word_ends else {
            return name_word_keys(&self.surface);
        };
        let starts = std::iter::once(0).chain(ends.iter().copied());
        starts
            .zip(ends.iter().copied())
            .map(|(s, e)| key[s as usize..e as usize].to_string())
            .collect()
    }
}

/// Is a name risky enough to need its entity's context guard?
pub fn is_risky_name(name: &str) -> bool {
    let words = name_word_keys(name);
    risky_words(words.iter().map(String::as_str))
}

/// [`is_risky_name`] on a name's folded words: one word (the article aside), or only common
/// English words and numbers.
fn risky_words<'a>(words: impl Iterator<Item = &'a str>) -> bool {
    let words: Vec<&str> = words.filter(|w| *w != "al").collect();
    words.len() <= 1
        || words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || crate::variant::is_english_word(w))
}

/// A gazetteer ready for matching.
pub struct Compiled {
    /// The entities.
    pub gazetteer: Gazetteer,
    /// The automaton; pattern `i` is `keys[i]`.
    pub automaton: KeyAutomaton,
    /// Pattern keys.
    pub keys: Vec<String>,
    /// Candidates per pattern.
    pub refs: Vec<Vec<NameRef>>,
    /// Name details, indexed by [`NameRef::name`].
    pub names: Vec<NameInfo>,
    /// Per entity: folded context guard keys (empty = unguarded).
    pub context: Vec<Vec<String>>,
    /// Folded descriptor word sequences per entity, for nominal coreference.
    pub descriptors: Vec<Vec<String>>,
    /// The transliteration index, built while other threads build the automaton.
    variants: crate::variant::VariantIndex,
    /// A substring searcher per context guard key, as in [`Compiled::context`]: built for
    /// an entity the first time a document asks (not for all 5,000 keys at start-up), then
    /// shared by every later document and thread.
    guard_finders: Vec<std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>>>,
}

/// Honorifics and generational suffixes that are never a surname on their own.
const NOT_SURNAMES: &[&str] = &[
    "iii", "ii", "iv", "jr", "sr", "al", "bin", "ibn", "abu", "abd", "abdul", "haji", "hajj",
    "sayyid", "sayyed", "sheikh",
];

fn letters_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Short forms of a person's name, from the keys of its words: surname (with and without
/// the article) and kunya.
fn partials<S: AsRef<str>>(words: &[S]) -> Vec<String> {
    let words: Vec<&str> = words
        .iter()
        .map(AsRef::as_ref)
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    if words.len() < 2 {
        return out;
    }
    let mut last = words.len() - 1;
    while last > 0 && matches!(words[last], "iii" | "ii" | "iv" | "jr" | "sr") {
        last -= 1;
    }
    if last == 0 {
        return out;
    }
    let surname = words[last];
    if surname.len() >= 3 && !NOT_SURNAMES.contains(&surname) {
        out.push(surname.to_string());
        if words[last - 1] == "al" && last >= 2 {
            out.push(format!("al{surname}"));
        }
    }
    if words.len() >= 3 && matches!(words[0], "abu" | "abou" | "umm") {
        out.push(format!("{}{}", words[0], words[1]));
    } else if words[0].len() >= 3 && !NOT_SURNAMES.contains(&words[0]) && words[0] != surname {
        // The first name alone ("Donald" for Donald Trump): resolution accepts it only where
        // exactly one person of that first name is named in the document.
        out.push(format!("{GIVEN}{}", words[0]));
    }
    out
}

/// Marks a generated given-name short form in [`partials`]' output.
const GIVEN: &str = "\u{1}";

/// Words that open a title, not a name: "President Donald Trump" is "Donald Trump" with a
/// title outside the span, so an alias written with its title is not compiled.
const TITLE_WORDS: &[&str] = &[
    "president",
    "gen",
    "general",
    "ayatollah",
    "grand",
    "sheikh",
    "shaykh",
    "prime",
    "minister",
    "maj",
    "major",
    "brig",
    "brigadier",
    "lt",
    "lieutenant",
    "col",
    "colonel",
    "mr",
    "mrs",
    "ms",
    "dr",
    "king",
    "queen",
    "prince",
    "sen",
    "senator",
    "secretary",
    "commander",
    "gov",
    "governor",
    "adm",
    "admiral",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "vice",
    "speaker",
    "ambassador",
    "envoy",
    "cleric",
    "chairman",
];

/// Lower-case words a name may contain ("Institute for the Study of War", "al-Muhandis").
/// Any other lower-case word is a common noun outside the span convention ("K1 base",
/// "U.S. forces", "Islamic State group").
const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "al", "el", "bin", "ibn", "bint", "de",
    "du", "la", "le", "des", "against", "y", "van", "von", "der", "da", "di", "ul", "wa", "fi",
    "min", "an", "as", "ash", "ad", "ar", "az", "bil", "li", "ila", "from", "with", "a", "wal",
    "fil", "lil", "ez", "es", "ed", "er", "et",
];

/// Possessors that are part of a name ("People's Protection Units"), not another entity
/// ("Iran's Revolutionary Guards" is two mentions: Iran, and the Guards).
const NAME_POSSESSORS: &[&str] = &[
    "people", "women", "children", "leader", "majesty", "workers", "men", "martyrs", "nation",
];

/// Why an alias breaks the span conventions (see fixtures/gold/README.md), if it does. Such
/// an alias would make spans that include a title, a leading "the", another entity's
/// possessive or a lower-case head noun, so it is left out of the automaton and
/// `gazetteer check` lists it. Titles are only checked on people's names ("General Security
/// Directorate" is a name).
pub fn alias_problem(alias: &str, canonical: &str, person: bool) -> Option<&'static str> {
    let words: Vec<&str> = alias.split_whitespace().collect();
    let first = words.first()?.trim_end_matches('.').to_lowercase();
    if person && TITLE_WORDS.contains(&first.as_str()) && words.len() > 1 {
        return Some("starts with a title");
    }
    if first == "the" && !canonical.starts_with("The ") {
        return Some("starts with \"the\"");
    }
    for w in &words {
        let possessor = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .filter(|p| p.chars().all(char::is_alphanumeric));
        if let Some(p) = possessor {
            if p.chars().next().is_some_and(char::is_uppercase)
                && !NAME_POSSESSORS.contains(&p.to_lowercase().as_str())
            {
                return Some("contains a possessive");
            }
        }
    }
    for w in &words {
        // "al-Asad": the article decides; "Co-operation": the capital decides.
        let seg = w.split(['-', '‐', '‑']).next().unwrap_or("");
        let Some(c0) = seg.chars().next() else {
            continue;
        };
        if !c0.is_alphabetic() || !c0.is_lowercase() {
            continue;
        }
        // "d'Ivoire": an elided article.
        if seg
            .chars()
            .nth(1)
            .is_some_and(crate::normalize::is_apostrophe_like)
        {
            continue;
        }
        let bare: String = seg.chars().filter(|c| c.is_alphabetic()).collect();
        if !FUNCTION_WORDS.contains(&bare.as_str()) {
            return Some("contains a lower-case common noun");
        }
    }
    None
}

/// One entity's names, keyed and ready to number: the costly, independent part of compiling
/// (tokenising and folding every name), done for many entities at once on rayon's threads.
struct Prepared {
    /// (kind, key, details) in the order patterns are numbered.
    names: Vec<(NameKind, String, NameInfo)>,
    /// Folded context guard keys.
    context: Vec<String>,
    /// Folded descriptors.
    descriptors: Vec<String>,
}

fn prepare(e: &Entity) -> Prepared {
    let person = e.kind == EntityType::Person;
    let plain = |surface: &str| {
        let (key, lower_words, guarded, word_ends) = key_and_lower_words(surface);
        let info = NameInfo {
            surface: surface.to_string(),
            lower_words,
            exact: None,
            given: false,
            guarded,
            word_ends,
        };
        (key, info)
    };
    let mut names = Vec::with_capacity(1 + e.aliases.len() + e.codes.len());
    // A canonical name that breaks the span conventions ("Obama administration") stays the
    // entity's name in records but is not matched.
    if alias_problem(&e.canonical, &e.canonical, person).is_none() {
        let (k, info) = plain(&e.canonical);
        names.push((NameKind::Canonical, k, info));
    }
    let canonical_kept = !names.is_empty();
    for a in e
        .aliases
        .iter()
        .filter(|a| alias_problem(&a.name, &e.canonical, person).is_none())
    {
        let (k, info) = plain(&a.name);
        names.push((NameKind::Alias, k, info));
    }
    let aliases_to = names.len();
    for c in &e.codes {
        let info = NameInfo {
            surface: c.clone(),
            lower_words: Vec::new(),
            exact: Some(letters_key(c)),
            given: false,
            guarded: true,
            word_ends: None,
        };
        names.push((NameKind::Code, name_key(c), info));
    }
    if person {
        // The short forms of the canonical name and of every alias kept, from the word keys
        // worked out above (the canonical name's afresh where it is not kept).
        let mut short = Vec::new();
        if !canonical_kept {
            short.extend(partials(&name_word_keys(&e.canonical)));
        }
        for (_, key, info) in &names[..aliases_to] {
            short.extend(partials(&info.word_keys(key)));
        }
        for p in short {
            let (p, given) = match p.strip_prefix(GIVEN) {
                Some(first) => (first.to_string(), true),
                None => (p, false),
            };
            let info = NameInfo {
                word_ends: one_word_ends(&p),
                surface: p.clone(),
                lower_words: vec!["al".into()],
                exact: None,
                given,
                guarded: true,
            };
            names.push((NameKind::Partial, p, info));
        }
    }
    Prepared {
        names,
        context: e
            .context
            .iter()
            .map(|c| name_key(c))
            .filter(|k| !k.is_empty())
            .collect(),
        descriptors: e.descriptors.iter().map(|d| name_key(d)).collect(),
    }
}

/// The word ends of a short form, which is already a key: one word when it is ASCII letters
/// and digits (which fold to themselves and never split), else as the tokeniser finds them
/// if folding leaves the key as it is.
fn one_word_ends(key: &str) -> Option<Box<[u32]>> {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Some(Box::new([key.len() as u32]));
    }
    let (folded, ends) = crate::normalize::name_word_ends(key);
    (folded == key).then_some(ends)
}

/// [`prepare`] for every entity, in order, on all of rayon's threads.
fn prepare_all(entities: &[Entity]) -> Vec<Prepared> {
    // Chunks of 64 or more: enough for the threads to even out, few enough to hand over
    // cheaply (a name costs a few microseconds).
    entities.par_iter().with_min_len(64).map(prepare).collect()
}

/// The automaton over the (sorted, unique) keys, for anchored walks.
///
/// A contiguous NFA at every size. Measured (`benches/gazetteer.rs`, group `automaton`, and
/// callgrind over the whole pipeline): a DFA takes the anchored steps about a quarter faster,
/// but those steps are a small share of the matcher's time, so per document the two cost the
/// same to within 1%; the DFA costs 0.2 G more instructions to build (about 20 ms of
/// start-up, a third of it) and 17 MB more memory for the bundled 11,000 patterns (100 MB at
/// 48,000), while the contiguous NFA searches as fast with 850,000 patterns as with 11,000.
///
/// For a million names this is 2.2 of the 3.8 seconds `Compiled::new` takes (mostly the
/// failure links aho-corasick computes even for anchored searches). aho-corasick 1.1 cannot
/// write an automaton to disk, so a cache keyed by the gazetteer's hash could only save the
/// other 1.6 seconds; at this size that is not worth a file format to keep in step.
fn build_automaton(keys: &[String]) -> Result<KeyAutomaton> {
    KeyAutomaton::build(keys, AhoCorasickKind::ContiguousNFA)
}

/// An automaton over the match keys for anchored walks, of any of aho-corasick's kinds (the
/// benches compare them). The matcher walks it byte by byte through aho-corasick's
/// `Automaton` trait: one walk from a token start yields every key that is a prefix there
/// (the matcher tries them longest first), where the `AhoCorasick` searcher needs one search
/// per retry and validates its input on every call.
///
/// It is built in parts, split by the keys' first byte, on rayon's threads: an anchored
/// walk only ever meets keys that begin with the byte it starts on, so the parts find exactly
/// what one automaton would. Building is the longest serial step of start-up (aho-corasick
/// computes failure links even for anchored searches), and start-up is what keeps a second
/// core idle.
pub struct KeyAutomaton {
    parts: Vec<Part>,
    /// Which part holds the keys that begin with each byte.
    part_of: [u8; 256],
    /// The keys' first four bytes (all of a shorter key), hashed into a bit set.
    starts: StartFilter,
}

/// The first four bytes of every key (a shorter key whole), hashed into 65,536 bits (8 KB,
/// which stays in the first-level cache).
///
/// Most words that may open a name open none: of 900,000 such words in the Reuters corpus
/// 60% begin no key in their first four bytes. The automaton would find that out only a few
/// states deep, and each state is a load that misses the cache (measured: the walk was 10% of
/// a run, 40% of it on that one load). A bit that is clear proves no key begins there; a set
/// bit (a collision included) only lets the walk go ahead, so the filter never changes what
/// [`KeyAutomaton::prefixes`] finds.
struct StartFilter {
    bits: crate::hashbits::HashBits,
    /// Bit `l` set: some key is `l` bytes long, for `l` below [`StartFilter::LEN`].
    short: u8,
}

impl StartFilter {
    /// Bytes of a key's start looked at.
    const LEN: usize = 4;

    fn new<'k>(keys: impl Iterator<Item = &'k [u8]>) -> StartFilter {
        let mut f = StartFilter {
            bits: crate::hashbits::HashBits::new(16),
            short: 0,
        };
        for k in keys {
            let l = k.len().min(Self::LEN);
            if l < Self::LEN {
                f.short |= 1 << l;
            }
            f.bits.insert(Self::pack(&k[..l]));
        }
        f
    }

    /// A key start of at most [`StartFilter::LEN`] bytes as one value (its length counts).
    #[inline]
    fn pack(start: &[u8]) -> u64 {
        let mut v = (start.len() as u64) << 32;
        for (i, &b) in start.iter().enumerate() {
            v |= u64::from(b) << (8 * i);
        }
        v
    }

    #[inline]
    fn has(&self, start: &[u8]) -> bool {
        self.bits.may_contain(Self::pack(start))
    }

    /// May some key be a prefix of `rest`, or begin it?
    #[inline]
    fn may_start(&self, rest: &[u8]) -> bool {
        if rest.len() >= Self::LEN && self.has(&rest[..Self::LEN]) {
            return true;
        }
        let mut short = self.short;
        while short != 0 {
            let l = short.trailing_zeros() as usize;
            short &= short - 1;
            if l <= rest.len() && self.has(&rest[..l]) {
                return true;
            }
        }
        // A walk from fewer than four bytes reaches a key only if the key is as short.
        false
    }
}

/// One part: its automaton, and the global pattern index of each of its patterns: its first
/// plus the local index when they are consecutive (keys sorted, as `Compiled` has them), else
/// looked up.
struct Part {
    automaton: AnyAutomaton,
    first: usize,
    patterns: Option<Vec<u32>>,
}

/// One aho-corasick automaton of any kind.
enum AnyAutomaton {
    /// The default (see `build_automaton`).
    ContiguousNfa(aho_corasick::nfa::contiguous::NFA),
    /// Slower to search, the intermediate form of the other two.
    NoncontiguousNfa(aho_corasick::nfa::noncontiguous::NFA),
    /// Fastest per step, largest and slowest to build.
    Dfa(aho_corasick::dfa::DFA),
}

/// Below this many key bytes one automaton is built: a thread would cost more than it saves.
const SPLIT_MIN_BYTES: usize = 32 << 10;

impl KeyAutomaton {
    /// Builds an automaton of `kind` over `keys` (pattern `i` is `keys[i]`), in two parts
    /// when there are enough keys and rayon has two threads or more.
    pub fn build(keys: &[String], kind: AhoCorasickKind) -> Result<KeyAutomaton> {
        let bytes: usize = keys.iter().map(String::len).sum();
        let parts = if rayon::current_num_threads() >= 2 && bytes >= SPLIT_MIN_BYTES {
            2
        } else {
            1
        };
        KeyAutomaton::build_in_parts(keys, kind, parts)
    }

    /// [`KeyAutomaton::build`] in `parts` parts (at most 256, one per first byte; an empty key
    /// forces one part, as it is a prefix everywhere).
    pub fn build_in_parts(
        keys: &[String],
        kind: AhoCorasickKind,
        parts: usize,
    ) -> Result<KeyAutomaton> {
        let mut part_of = [0u8; 256];
        let parts = if keys.iter().any(String::is_empty) {
            1
        } else {
            parts.clamp(1, 256)
        };
        if parts > 1 {
            // Contiguous ranges of first bytes with about equal key bytes in each part.
            let mut per_byte = [0usize; 256];
            for k in keys {
                per_byte[k.as_bytes()[0] as usize] += k.len();
            }
            let total: usize = per_byte.iter().sum();
            let mut seen = 0;
            for (b, n) in per_byte.iter().enumerate() {
                part_of[b] = ((seen * parts) / total.max(1)).min(parts - 1) as u8;
                seen += n;
            }
        }
        let mut split: Vec<(Vec<&[u8]>, Vec<u32>)> = vec![(Vec::new(), Vec::new()); parts];
        for (i, k) in keys.iter().enumerate() {
            let p = k
                .as_bytes()
                .first()
                .map_or(0, |&b| part_of[b as usize] as usize);
            split[p].0.push(k.as_bytes());
            split[p].1.push(i as u32);
        }
        let built: Vec<_> = split
            .into_par_iter()
            .with_max_len(1)
            .map(|(ks, patterns)| build_part(&ks, kind, patterns))
            .collect();
        Ok(KeyAutomaton {
            parts: built.into_iter().collect::<Result<_>>()?,
            part_of,
            starts: StartFilter::new(keys.iter().map(String::as_bytes)),
        })
    }

    /// Heap memory of the automaton, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.starts.bits.memory_usage()
            + self
                .parts
                .iter()
                .map(|p| {
                    p.patterns.as_ref().map_or(0, |v| v.len() * 4)
                        + match &p.automaton {
                            AnyAutomaton::ContiguousNfa(a) => a.memory_usage(),
                            AnyAutomaton::NoncontiguousNfa(a) => a.memory_usage(),
                            AnyAutomaton::Dfa(a) => a.memory_usage(),
                        }
                })
                .sum::<usize>()
    }

    /// Every key that is a prefix of `haystack[from..]`, as (end offset, pattern index),
    /// shortest first, appended to `out`.
    pub fn prefixes(&self, haystack: &[u8], from: usize, out: &mut Vec<(usize, usize)>) {
        // A walk reports keys only after stepping over a byte: none from the end.
        let Some(&first) = haystack.get(from) else {
            return;
        };
        if !self.starts.may_start(&haystack[from..]) {
            return;
        }
        self.parts[self.part_of[first as usize] as usize].prefixes(haystack, from, out);
    }
}

/// Builds one part. The match kind is aho-corasick's `Standard`: an anchored walk that reads
/// every state's own key (see [`prefixes`]) finds the same keys under any match kind, and the
/// kinds differ only in build time. The leftmost kinds give every state below a match state a
/// failure link to the dead state, whose 256 transitions aho-corasick 1.1 keeps as a sparse
/// list scanned byte by byte; 45% of the bundled keys' trie lies below a match ("iraqi"
/// below "iraq"), and that scan made half of start-up's automaton build. Measured
/// (`benches/gazetteer.rs`, `automaton/build`): the bundled keys build in 4.0 ms instead of
/// 10.2 (two parts on two cores). With a million synthetic names the build is 19% slower
/// (2.2 s instead of 1.8 s): an automaton that large misses the cache on the failure links
/// `Standard` fills below match states, and that costs more than the scans it saves.
fn build_part(keys: &[&[u8]], kind: AhoCorasickKind, patterns: Vec<u32>) -> Result<Part> {
    let err = |e: aho_corasick::BuildError| Error::Automaton(e.to_string());
    let automaton = match kind {
        AhoCorasickKind::DFA => AnyAutomaton::Dfa(
            aho_corasick::dfa::Builder::new()
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Anchored)
                .build(keys)
                .map_err(err)?,
        ),
        AhoCorasickKind::NoncontiguousNFA => AnyAutomaton::NoncontiguousNfa(
            aho_corasick::nfa::noncontiguous::Builder::new()
                .match_kind(MatchKind::Standard)
                .build(keys)
                .map_err(err)?,
        ),
        _ => AnyAutomaton::ContiguousNfa(
            aho_corasick::nfa::contiguous::Builder::new()
                .prefilter(false)
                .match_kind(MatchKind::Standard)
                .build(keys)
                .map_err(err)?,
        ),
    };
    let first = patterns.first().map_or(0, |&p| p as usize);
    let consecutive = patterns
        .iter()
        .enumerate()
        .all(|(i, &p)| p as usize == first + i);
    Ok(Part {
        automaton,
        first,
        patterns: (!consecutive).then_some(patterns),
    })
}

impl Part {
    fn prefixes(&self, haystack: &[u8], from: usize, out: &mut Vec<(usize, usize)>) {
        let n = out.len();
        match &self.automaton {
            AnyAutomaton::ContiguousNfa(a) => prefixes(a, haystack, from, out),
            AnyAutomaton::NoncontiguousNfa(a) => prefixes(a, haystack, from, out),
            AnyAutomaton::Dfa(a) => prefixes(a, haystack, from, out),
        }
        match &self.patterns {
            None => out[n..].iter_mut().for_each(|hit| hit.1 += self.first),
            Some(patterns) => out[n..]
                .iter_mut()
                .for_each(|hit| hit.1 = patterns[hit.1] as usize),
        }
    }
}

/// [`Part::prefixes`] for one automaton kind, with the part's own pattern indices.
fn prefixes<A: Automaton>(aut: &A, haystack: &[u8], from: usize, out: &mut Vec<(usize, usize)>) {
    let Ok(mut sid) = aut.start_state(Anchored::Yes) else {
        return;
    };
    for (at, &b) in haystack.iter().enumerate().skip(from) {
        sid = aut.next_state(Anchored::Yes, sid, b);
        if aut.is_special(sid) {
            if aut.is_dead(sid) {
                return;
            }
            if aut.is_match(sid) {
                // Match states also carry keys that end here but start later (copied along
                // failure links for unanchored search): only a key as long as the walk
                // starts at `from`. Keys are unique, so at most one is; the state's own key
                // comes first, the copied ones after it.
                let len = at + 1 - from;
                if let Some(pattern) = (0..aut.match_len(sid))
                    .map(|i| aut.match_pattern(sid, i))
                    .find(|&p| aut.pattern_len(p) == len)
                {
                    out.push((at + 1, pattern.as_usize()));
                }
            }
        }
    }
}

/// The candidates of each pattern, from the items sorted by key (`starts[i]..starts[i + 1]`
/// are pattern `i`'s), and the name details they point to.
fn group(
    items: Vec<(u32, NameKind, NameInfo)>,
    starts: &[usize],
) -> (Vec<Vec<NameRef>>, Vec<NameInfo>) {
    let mut refs: Vec<Vec<NameRef>> = Vec::with_capacity(starts.len());
    let mut names: Vec<NameInfo> = Vec::with_capacity(items.len());
    let mut next = starts.iter().skip(1).peekable();
    let mut list: Vec<NameRef> = Vec::new();
    for (i, (entity, kind, info)) in items.into_iter().enumerate() {
        while next.peek().is_some_and(|&&end| end == i) {
            refs.push(std::mem::take(&mut list));
            next.next();
        }
        // One entity reached twice through the same key ("Sadrist Movement", "Sadrist
        // movement") keeps its strongest kind and accepts the lower-case words of both; a
        // code and a plain name stay separate, since they are checked differently.
        if let Some(r) = list.iter_mut().find(|r| {
            r.entity == entity && names[r.name as usize].exact.is_none() == info.exact.is_none()
        }) {
            let old = &mut names[r.name as usize];
            old.guarded &= info.guarded;
            for w in info.lower_words {
                if !old.lower_words.contains(&w) {
                    old.lower_words.push(w);
                }
            }
            if kind < r.kind {
                r.kind = kind;
            }
            continue;
        }
        list.push(NameRef {
            entity,
            name: names.len() as u32,
            kind,
        });
        names.push(info);
    }
    for _ in next {
        refs.push(std::mem::take(&mut list));
    }
    (refs, names)
}

impl Compiled {
    /// Builds the automaton. Fails only if the automaton is too large to build.
    pub fn new(gazetteer: Gazetteer) -> Result<Self> {
        let prepared = prepare_all(&gazetteer.entities);
        let mut context = Vec::with_capacity(prepared.len());
        let mut descriptors = Vec::with_capacity(prepared.len());
        // Sized once: the names are moved twice more below, and a vector grown from empty
        // copied all of them at every doubling (about 0.5 ms of serial start-up).
        let total: usize = prepared.iter().map(|p| p.names.len()).sum();
        let mut all: Vec<(String, u32, NameKind, NameInfo)> = Vec::with_capacity(total);
        for (entity, p) in prepared.into_iter().enumerate() {
            context.push(p.context);
            descriptors.push(p.descriptors);
            all.extend(
                p.names
                    .into_iter()
                    .filter(|(_, key, _)| !key.is_empty())
                    .map(|(kind, key, info)| (key, entity as u32, kind, info)),
            );
        }
        // One pattern per distinct key, in sorted order: sorted patterns build the trie (and
        // its failure links) with far better memory locality, about twice as fast for a
        // million names, and keys are unique, so the order changes no match. Ties keep their
        // entity order, so the candidates of a key stay in entity order. The sort moves
        // (first eight key bytes, index) pairs, not the names, and compares whole keys only
        // when those bytes tie: 19 -> 6.5 M instructions for the bundled names.
        let head = |k: &str| {
            let mut b = [0u8; 8];
            let n = k.len().min(8);
            b[..n].copy_from_slice(&k.as_bytes()[..n]);
            u64::from_be_bytes(b)
        };
        let mut order: Vec<(u64, u32)> = all
            .iter()
            .enumerate()
            .map(|(i, x)| (head(&x.0), i as u32))
            .collect();
        order.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| all[a.1 as usize].0.cmp(&all[b.1 as usize].0))
                .then(a.1.cmp(&b.1))
        });
        let mut all: Vec<Option<(String, u32, NameKind, NameInfo)>> =
            all.into_iter().map(Some).collect();
        let mut keys: Vec<String> = Vec::with_capacity(all.len());
        let mut starts: Vec<usize> = Vec::with_capacity(all.len() + 1);
        let mut items: Vec<(u32, NameKind, NameInfo)> = Vec::with_capacity(all.len());
        for (_, i) in order {
            let Some((key, entity, kind, info)) = all[i as usize].take() else {
                continue;
            };
            if keys.last() != Some(&key) {
                keys.push(key);
                starts.push(items.len());
            }
            items.push((entity, kind, info));
        }
        starts.push(items.len());
        // The automaton needs only the keys: it is built on the pool's other threads while
        // this one groups the candidates and builds the variant index, the longest single
        // step of start-up.
        let (((refs, names), index), automaton) = rayon::join(
            || {
                let (refs, names) = group(items, &starts);
                let index =
                    crate::variant::VariantIndex::from_parts(&gazetteer, &keys, &refs, &names);
                ((refs, names), index)
            },
            || build_automaton(&keys),
        );
        let automaton = automaton?;
        let guard_finders = context.iter().map(|_| std::sync::OnceLock::new()).collect();
        Ok(Compiled {
            gazetteer,
            automaton,
            keys,
            refs,
            names,
            context,
            descriptors,
            variants: index,
            guard_finders,
        })
    }

    /// Everything but the automaton (which aho-corasick cannot save), for
    /// [`super::cache`]: the slow part of start-up is deriving these from the files. The keys
    /// come first, so that decoding can build the automaton while it reads the rest.
    pub(crate) fn encode_parts(&self) -> std::result::Result<Vec<u8>, postcard::Error> {
        let mut out = postcard::to_stdvec(&self.keys)?;
        out.extend(postcard::to_stdvec(&(
            &self.gazetteer,
            &self.refs,
            &self.names,
            &self.context,
            &self.descriptors,
            &self.variants,
        ))?);
        Ok(out)
    }

    /// The inverse of [`Compiled::encode_parts`], with the automaton built again from the
    /// keys on the pool's other threads while this one decodes the rest. Every index the
    /// stages follow is checked, so a damaged encoding is an error here and never a panic
    /// later.
    pub(crate) fn decode_parts(bytes: &[u8]) -> std::result::Result<Self, String> {
        type Rest = (
            Gazetteer,
            Vec<Vec<NameRef>>,
            Vec<NameInfo>,
            Vec<Vec<String>>,
            Vec<Vec<String>>,
            crate::variant::VariantIndex,
        );
        let (keys, rest): (Vec<String>, &[u8]) =
            postcard::take_from_bytes(bytes).map_err(|e| e.to_string())?;
        if keys.is_empty() || keys.iter().any(|k| k.is_empty()) {
            return Err("a match key is empty".into());
        }
        let (rest, automaton) = rayon::join(
            || postcard::from_bytes::<Rest>(rest).map_err(|e| e.to_string()),
            || build_automaton(&keys).map_err(|e| e.to_string()),
        );
        let (gazetteer, refs, names, context, descriptors, variants) = rest?;
        let automaton = automaton?;
        let entities = gazetteer.entities.len();
        let sound = gazetteer.index_is_sound()
            && refs.len() == keys.len()
            && context.len() == entities
            && descriptors.len() == entities
            && keys.iter().zip(&refs).all(|(key, refs)| {
                refs.iter().all(|r| {
                    (r.entity as usize) < entities
                        && names.get(r.name as usize).is_some_and(|n| {
                            n.word_ends.as_ref().is_none_or(|ends| {
                                let starts = std::iter::once(0).chain(ends.iter().copied());
                                starts
                                    .zip(ends.iter())
                                    .all(|(s, &e)| key.get(s as usize..e as usize).is_some())
                            })
                        })
                })
            })
            && variants.is_sound(keys.len());
        if !sound {
            return Err("its indexes do not match its names".into());
        }
        let guard_finders = context.iter().map(|_| std::sync::OnceLock::new()).collect();
        Ok(Compiled {
            gazetteer,
            automaton,
            keys,
            refs,
            names,
            context,
            descriptors,
            variants,
            guard_finders,
        })
    }

    /// The searchers of entity `entity`'s context guard keys, in [`Compiled::context`]'s
    /// order.
    pub fn guard_finders(&self, entity: u32) -> &[memchr::memmem::Finder<'static>] {
        self.guard_finders[entity as usize].get_or_init(|| {
            self.context[entity as usize]
                .iter()
                .map(|k| memchr::memmem::Finder::new(k.as_bytes()).into_owned())
                .collect()
        })
    }

    /// The transliteration index over this gazetteer's names.
    pub fn variant_index(&self) -> &crate::variant::VariantIndex {
        &self.variants
    }

    /// The bundled gazetteers, compiled.
    pub fn bundled() -> Result<Self> {
        Compiled::new(Gazetteer::bundled()?)
    }
}

/// A name's match key, the folded keys of the words it writes in lower case, and whether it
/// is risky ([`is_risky_name`]), from one pass of the tokeniser and the normaliser.
fn key_and_lower_words(name: &str) -> (String, Vec<String>, bool, Option<Box<[u32]>>) {
    let tokens = crate::tokenize::tokenize(name);
    let n = crate::normalize::normalize(name, &tokens);
    let lower = tokens
        .words
        .iter()
        .zip(&n.tok_key)
        .filter(|(w, _)| w.text(name).chars().next().is_some_and(char::is_lowercase))
        .map(|(_, &(s, e))| n.key[s as usize..e as usize].to_string())
        .collect();
    let risky = risky_words(
        n.tok_key
            .iter()
            .map(|&(s, e)| &n.key[s as usize..e as usize]),
    );
    let ends = n.tok_key.iter().map(|&(_, e)| e).collect();
    (n.key, lower, risky, Some(ends))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_that_break_span_conventions() {
        let rows = [
            ("President Donald Trump", Some("starts with a title")),
            ("Gen. Kenneth F. McKenzie", Some("starts with a title")),
            ("The Pentagon", Some("starts with \"the\"")),
            ("Iran's Revolutionary Guards", Some("contains a possessive")),
            ("K1 base", Some("contains a lower-case common noun")),
            ("U.S. forces", Some("contains a lower-case common noun")),
            ("Institute for the Study of War", None),
            ("al-Hashd al-Sha'bi", None),
            ("Hajj Qassem", None),
            ("Imam Ali Shrine", None),
        ];
        for (alias, want) in rows {
            assert_eq!(alias_problem(alias, "X", true), want, "{alias}");
        }
        assert_eq!(alias_problem("The National", "The National", false), None);
        assert_eq!(
            alias_problem("General Security Directorate", "X", false),
            None
        );
        assert_eq!(alias_problem("People's Protection Units", "X", false), None);
        assert_eq!(alias_problem("Côte d'Ivoire", "X", false), None);
        assert_eq!(alias_problem("U.S. 5th Fleet", "X", false), None);
    }

    #[test]
    fn candidates_stay_in_entity_order_and_merge() {
        // Enough entities to be prepared in several chunks.
        let mut tsv = String::from("id\ttype\tcanonical\taliases\n");
        for i in 0..5000 {
            let n = i % 2500;
            tsv.push_str(&format!("e{i}\tGPE\tPlace {n}\tShared Name|Place-{n}\n"));
        }
        let mut g = Gazetteer::default();
        g.add_str("t.tsv", &tsv).unwrap();
        let c = Compiled::new(g).unwrap();
        assert!(
            c.keys.windows(2).all(|w| w[0] < w[1]),
            "keys sorted and unique"
        );
        let pid = |k: &str| c.keys.iter().position(|x| x == k).unwrap();
        let shared = &c.refs[pid("sharedname")];
        assert_eq!(shared.len(), 5000);
        assert!(
            shared
                .iter()
                .enumerate()
                .all(|(i, r)| r.entity as usize == i)
        );
        let place = &c.refs[pid("place17")];
        let got: Vec<(u32, NameKind)> = place.iter().map(|r| (r.entity, r.kind)).collect();
        // "Place-17" folds like "Place 17": one candidate per entity, the stronger kind.
        assert_eq!(
            got,
            [(17, NameKind::Canonical), (2517, NameKind::Canonical)]
        );
        assert_eq!(c.context.len(), 5000);
        let mut hits = Vec::new();
        for (i, k) in c.keys.iter().enumerate() {
            hits.clear();
            c.automaton.prefixes(k.as_bytes(), 0, &mut hits);
            assert_eq!(hits.last(), Some(&(k.len(), i)));
        }
    }

    #[test]
    fn prefix_walk_reports_only_keys_starting_at_the_walk() {
        // The state for "abc" carries "bc" (copied along its failure link): not a prefix.
        let keys = ["abcd".to_string(), "bc".to_string(), "xab".to_string()];
        for kind in [
            AhoCorasickKind::ContiguousNFA,
            AhoCorasickKind::NoncontiguousNFA,
            AhoCorasickKind::DFA,
        ] {
            let a = KeyAutomaton::build(&keys, kind).unwrap();
            let mut hits = Vec::new();
            a.prefixes(b"abcx", 0, &mut hits);
            assert_eq!(hits, [], "{kind:?}");
            hits.clear();
            a.prefixes(b"zabcd", 1, &mut hits);
            assert_eq!(hits, [(5, 0)], "{kind:?}");
        }
    }

    #[test]
    fn parts_find_what_one_automaton_finds() {
        let c = Compiled::bundled().unwrap();
        // Every key, and every key run on into the next ("the key, then more text").
        let mut walks: Vec<Vec<u8>> = c.keys.iter().map(|k| k.as_bytes().to_vec()).collect();
        walks.extend(
            c.keys
                .windows(2)
                .map(|w| [w[0].as_bytes(), w[1].as_bytes()].concat()),
        );
        // Sorted keys (as compiled: each part's patterns consecutive) and the same keys taken
        // from both ends in turn (each part maps its patterns through a table).
        let n = c.keys.len();
        let mixed: Vec<String> = (0..n)
            .map(|i| c.keys[if i % 2 == 0 { i / 2 } else { n - 1 - i / 2 }].clone())
            .collect();
        for (keys, sorted) in [(&c.keys, true), (&mixed, false)] {
            let build = |parts| {
                KeyAutomaton::build_in_parts(keys, AhoCorasickKind::ContiguousNFA, parts).unwrap()
            };
            let one = build(1);
            assert_eq!(one.parts.len(), 1);
            for parts in [2, 3, 7] {
                let split = build(parts);
                assert_eq!(split.parts.len(), parts);
                // (A part of one key counts as consecutive either way.)
                let tables = split.parts.iter().filter(|p| p.patterns.is_some()).count();
                assert!(if sorted { tables == 0 } else { tables > 0 });
                let (mut a, mut b) = (Vec::new(), Vec::new());
                for w in &walks {
                    for from in 0..w.len().min(3) {
                        a.clear();
                        b.clear();
                        one.prefixes(w, from, &mut a);
                        split.prefixes(w, from, &mut b);
                        assert_eq!(
                            a,
                            b,
                            "{parts} parts, {:?} from {from}",
                            String::from_utf8_lossy(w)
                        );
                        assert!(a.iter().all(|&(end, p)| keys[p].len() == end - from));
                    }
                }
            }
        }
        // The bundled keys are enough to split in two when rayon has two threads.
        let built = KeyAutomaton::build(&c.keys, AhoCorasickKind::ContiguousNFA).unwrap();
        let threads = rayon::current_num_threads();
        assert_eq!(built.parts.len(), if threads >= 2 { 2 } else { 1 });
    }

    #[test]
    fn start_filter_never_hides_a_key() {
        // Keys of every length around the four bytes the filter looks at, walked from texts
        // as short as the key and longer.
        let keys: Vec<String> = ["a", "us", "usa", "iraq", "iraqi", "abcdefgh", "x y"]
            .map(String::from)
            .to_vec();
        // Every kind: states such as "ira" and "usa" also carry a key that ends there but
        // starts later ("a"), which the walk must not report.
        for kind in [
            AhoCorasickKind::ContiguousNFA,
            AhoCorasickKind::NoncontiguousNFA,
            AhoCorasickKind::DFA,
        ] {
            let a = KeyAutomaton::build(&keys, kind).unwrap();
            let found = |text: &str| {
                let mut hits = Vec::new();
                a.prefixes(text.as_bytes(), 0, &mut hits);
                hits.iter()
                    .map(|&(_, p)| keys[p].as_str())
                    .collect::<Vec<_>>()
            };
            assert_eq!(found("a"), ["a"], "{kind:?}");
            assert_eq!(found("abcdefgh"), ["a", "abcdefgh"], "{kind:?}");
            assert_eq!(found("us"), ["us"], "{kind:?}");
            assert_eq!(found("usaf"), ["us", "usa"], "{kind:?}");
            assert_eq!(found("iraqis"), ["iraq", "iraqi"], "{kind:?}");
            assert_eq!(found("x y"), ["x y"], "{kind:?}");
            assert!(found("ira").is_empty(), "{kind:?}");
            assert!(found("u").is_empty(), "{kind:?}");
            assert!(found("bus").is_empty(), "{kind:?}");
        }
        // Every bundled key, alone and run on into the next, finds exactly the keys that
        // are its prefixes.
        let c = Compiled::bundled().unwrap();
        let set: std::collections::HashSet<&[u8]> = c.keys.iter().map(|k| k.as_bytes()).collect();
        let mut hits = Vec::new();
        for w in c.keys.windows(2) {
            for text in [w[0].clone(), format!("{}{}", w[0], w[1])] {
                let t = text.as_bytes();
                for from in 0..t.len().min(3) {
                    hits.clear();
                    c.automaton.prefixes(t, from, &mut hits);
                    let want: Vec<usize> = (from + 1..=t.len())
                        .filter(|&end| set.contains(&t[from..end]))
                        .collect();
                    let got: Vec<usize> = hits.iter().map(|h| h.0).collect();
                    assert_eq!(got, want, "{text:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn partial_names() {
        assert_eq!(
            partials(&name_word_keys("Qassem Soleimani")),
            ["soleimani", "\u{1}qassem"]
        );
        assert_eq!(
            partials(&name_word_keys("Abu Mahdi al-Muhandis")),
            ["muhandis", "almuhandis", "abumahdi"]
        );
        assert_eq!(
            partials(&name_word_keys("Lloyd J. Austin III")),
            ["austin", "\u{1}lloyd"]
        );
        assert_eq!(
            partials(&name_word_keys("Ahmed Ali")),
            ["ali", "\u{1}ahmed"]
        );
        assert!(partials(&name_word_keys("Soleimani")).is_empty());
    }

    #[test]
    fn kept_word_keys_are_those_of_the_surface() {
        // The variant index reads the word keys compiling kept instead of tokenising each
        // name again; they must be what tokenising gives, for every bundled name and for
        // short forms in other scripts.
        let c = Compiled::bundled().unwrap();
        let mut checked = 0;
        for (pid, refs) in c.refs.iter().enumerate() {
            for r in refs {
                let info = &c.names[r.name as usize];
                if info.exact.is_some() {
                    continue;
                }
                assert!(info.word_ends.is_some(), "{}", info.surface);
                let kept = info.word_keys(&c.keys[pid]);
                assert_eq!(kept, name_word_keys(&info.surface), "{}", info.surface);
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
        for key in ["soleimani", "k1", "abumahdi", "قاسم", "東京", "müller"] {
            let ends = one_word_ends(key);
            let info = NameInfo {
                surface: key.into(),
                lower_words: Vec::new(),
                exact: None,
                given: false,
                guarded: true,
                word_ends: ends,
            };
            assert_eq!(info.word_keys(key), name_word_keys(key), "{key}");
        }
    }
}
