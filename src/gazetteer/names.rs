//! What each gazetteer name compiles to: its match key and the details the matcher checks
//! (which words it writes in lower case, the exact letters of a code), the short forms of
//! people's names, the span conventions an alias must keep to be matched at all, and which
//! names are risky enough to need their entity's context guard.

use super::entry::{EntityType, Entry};
use crate::data::is_english_word;
use crate::text::Analysed;
use crate::text::normalize::{name_key, name_word_ends, name_word_keys};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What kind of name a pattern came from, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) enum NameKind {
    /// The canonical name.
    Canonical,
    /// A listed alias.
    Alias,
    /// A case-sensitive code or acronym.
    Code,
    /// A generated short form of a person's name.
    Partial,
}

/// What the matcher needs to validate a hit against one name.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameInfo {
    /// The name as written in the gazetteer.
    surface: String,
    /// Keys of words written in lower case in the name ("of", "al", "for"): only these may
    /// be lower case in the text.
    pub(super) lower_words: Vec<String>,
    /// For codes: the letters and digits that must appear in exactly this case.
    exact: Option<String>,
    /// For a generated short form: the given name alone ("Donald"), which yields to a
    /// surname ("Ali" of Ahmed Ali over the given name of Ali Sistani).
    given: bool,
    /// Whether the entity's context guard applies to this name: only risky names
    /// ([`risk`]) need the document to confirm them; "Badr Organization" speaks for itself.
    pub(super) guarded: bool,
    /// Where each word's key ends in the name's key (the words' keys are contiguous from
    /// byte 0), kept so the variant index need not tokenise the name again. `None` for
    /// codes, and for a short form whose key would fold further.
    word_ends: Option<Box<[u32]>>,
}

impl NameInfo {
    /// The name as written in the gazetteer.
    #[cfg(test)]
    pub(crate) fn surface(&self) -> &str {
        &self.surface
    }

    /// Is this a code (matched in its exact case) rather than a name?
    #[inline]
    pub(crate) fn is_code(&self) -> bool {
        self.exact.is_some()
    }

    /// The key of each word of the name, given the name's `key`: what [`name_word_keys`]
    /// gives for its surface, which it is worked out from only when the ends were not kept.
    pub(crate) fn word_keys(&self, key: &str) -> Vec<String> {
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

/// One compiled name as the matcher reads it: its flags, and a view of its record in a
/// [`NameTable`], whose strings are read when asked for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Name<'a> {
    flags: u8,
    record: &'a [u8],
}

/// A name's record: surface, exact letters (codes), and the keys of the words written in
/// lower case, separated by spaces (keys hold none).
type Record<'a> = (&'a str, Option<&'a str>, &'a str);

const IS_CODE: u8 = 1;
const IS_GIVEN: u8 = 2;
const IS_GUARDED: u8 = 4;

impl<'a> Name<'a> {
    /// The record. One that does not decode (a damage the file's checksum missed) reads as
    /// an empty surface with no lower-case words, and a code's exact letters as one no text
    /// writes: never a panic.
    fn record(&self) -> Record<'a> {
        postcard::from_bytes(self.record).unwrap_or(("", Some("\u{0}"), ""))
    }

    /// The name as written in the gazetteer.
    pub(crate) fn surface(&self) -> &'a str {
        self.record().0
    }

    /// For a code, the letters and digits that must appear in exactly this case.
    #[inline]
    pub(crate) fn exact(&self) -> Option<&'a str> {
        if self.is_code() {
            self.record().1
        } else {
            None
        }
    }

    /// Is this a code (matched in its exact case) rather than a name?
    #[inline]
    pub(crate) fn is_code(&self) -> bool {
        self.flags & IS_CODE != 0
    }

    /// Is `key` the key of a word the name writes in lower case?
    pub(crate) fn writes_lower(&self, key: &str) -> bool {
        self.record().2.split(' ').any(|w| w == key)
    }

    /// Is this short form a given name (which yields to a surname)?
    pub(crate) fn is_given(&self) -> bool {
        self.flags & IS_GIVEN != 0
    }

    /// Does this name need its entity's context guard?
    #[inline]
    pub(crate) fn is_guarded(&self) -> bool {
        self.flags & IS_GUARDED != 0
    }
}

/// The compiled names, each a flags byte and a record read in place: a million-name
/// gazetteer compiles to four million names, which as owned strings and vectors cost about
/// 130 bytes each, and a record about 20 (docs/performance.md).
pub(crate) struct NameTable {
    flags: Vec<u8>,
    bytes: Vec<u8>,
    /// Name `i`'s record ends at `ends[i]`.
    ends: Vec<u32>,
}

impl NameTable {
    /// Encodes the names in order. Fails when they take 4 GiB or more.
    pub(super) fn new<'n>(
        names: impl ExactSizeIterator<Item = &'n NameInfo>,
    ) -> Result<NameTable, String> {
        let mut flags = Vec::with_capacity(names.len());
        let mut bytes = Vec::new();
        let mut ends = Vec::with_capacity(names.len());
        let mut lower = String::new();
        for n in names {
            lower.clear();
            for (i, w) in n.lower_words.iter().enumerate() {
                if i > 0 {
                    lower.push(' ');
                }
                lower.push_str(w);
            }
            let record: Record<'_> = (&n.surface, n.exact.as_deref(), &lower);
            bytes = postcard::to_extend(&record, bytes).map_err(|e| e.to_string())?;
            let end = u32::try_from(bytes.len())
                .map_err(|_| "the compiled names take 4 GiB or more".to_string())?;
            ends.push(end);
            let bit = |on: bool, b: u8| if on { b } else { 0 };
            flags.push(
                bit(n.is_code(), IS_CODE) | bit(n.given, IS_GIVEN) | bit(n.guarded, IS_GUARDED),
            );
        }
        Ok(NameTable { flags, bytes, ends })
    }

    /// The number of names.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Name `i`, which must be below [`NameTable::len`].
    #[inline]
    pub(super) fn get(&self, i: u32) -> Name<'_> {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Name {
            flags: self.flags[i],
            record: self.bytes.get(start..self.ends[i] as usize).unwrap_or(&[]),
        }
    }

    /// The table as two sections: the records, and the flags with the records' ends.
    pub(super) fn sections(&self) -> Result<[Cow<'_, [u8]>; 2], postcard::Error> {
        Ok([
            Cow::Borrowed(&self.bytes),
            Cow::Owned(postcard::to_stdvec(&(&self.flags, &self.ends))?),
        ])
    }

    /// The inverse of [`NameTable::sections`]; the ends are checked, the records are read
    /// when asked for.
    pub(super) fn from_sections(bytes: Vec<u8>, rest: &[u8]) -> Result<NameTable, String> {
        let (flags, ends): (Vec<u8>, Vec<u32>) =
            postcard::from_bytes(rest).map_err(|e| e.to_string())?;
        let sound = flags.len() == ends.len()
            && ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().is_none_or(|&e| e as usize == bytes.len());
        if !sound {
            return Err("its name offsets do not match its names".into());
        }
        Ok(NameTable { flags, bytes, ends })
    }
}

/// Why a name is risky to match on its own: the one rule the matcher (which checks a risky
/// name's context guard) and `gazette gazetteer check` (which lists the risky names that
/// have none) share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Risk {
    /// One word that is a common English word ("Hope", "Salt"): any sentence may open with it.
    CommonWord,
    /// One word of three letters or fewer ("Kut", "Hit").
    Short,
    /// One word, neither common nor short ("Badr"): distinctive, but one word only.
    OneWord,
    /// Several words, each a common English word or a number ("Key West", "Green Zone").
    CommonWords,
}

impl Risk {
    /// What the risk is, for a linter finding.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Risk::CommonWord => "a common English word",
            Risk::Short => "a short name (3 letters or fewer)",
            Risk::OneWord => "a single word",
            Risk::CommonWords => "made of common English words",
        }
    }
}

/// The [`Risk`] of a name given its folded words, if any. The Arabic article does not count
/// as a word, but it makes a single word distinctive: "Al-Kut" and "Al-Monitor" are not a
/// short or a common word.
pub(crate) fn risk<'a>(words: impl Iterator<Item = &'a str>) -> Option<Risk> {
    let mut article = false;
    let words: Vec<&str> = words
        .filter(|w| {
            let al = *w == "al";
            article |= al;
            !al
        })
        .collect();
    match words[..] {
        [] => Some(Risk::OneWord),
        [w] if !article && is_english_word(w) => Some(Risk::CommonWord),
        [w] if !article && w.chars().count() <= 3 => Some(Risk::Short),
        [_] => Some(Risk::OneWord),
        _ if words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || is_english_word(w)) =>
        {
            Some(Risk::CommonWords)
        }
        _ => None,
    }
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
pub(crate) fn alias_problem(alias: &str, canonical: &str, person: bool) -> Option<&'static str> {
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
            .is_some_and(crate::text::tokenize::is_apostrophe_like)
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
pub(super) struct Prepared {
    /// (kind, key, details) in the order patterns are numbered.
    pub(super) names: Vec<(NameKind, String, NameInfo)>,
    /// Folded context guard keys.
    pub(super) context: Vec<String>,
    /// Folded descriptors.
    pub(super) descriptors: Vec<String>,
}

fn prepare(e: &Entry) -> Prepared {
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
    let (folded, ends) = name_word_ends(key);
    (folded == key).then_some(ends)
}

/// [`prepare`] for every entity, in order, on all of rayon's threads.
pub(super) fn prepare_all(entities: &[Entry]) -> Vec<Prepared> {
    // Chunks of 64 or more: enough for the threads to even out, few enough to hand over
    // cheaply (a name costs a few microseconds).
    entities.par_iter().with_min_len(64).map(prepare).collect()
}
/// A name's match key, the folded keys of the words it writes in lower case, whether it is
/// risky ([`risk`]), and its word ends, from one pass of stages 1 and 2.
fn key_and_lower_words(name: &str) -> (String, Vec<String>, bool, Option<Box<[u32]>>) {
    let a = Analysed::new(name);
    let words = 0..a.words().len();
    let lower = words
        .clone()
        .filter(|&i| {
            a.word_text(i)
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        })
        .map(|i| a.key(i).to_string())
        .collect();
    let risky = risk(words.clone().map(|i| a.key(i))).is_some();
    let ends = words.map(|i| a.key_range(i).1 as u32).collect();
    (a.keys().to_string(), lower, risky, Some(ends))
}

/// What a plain name (canonical or alias) matches once compiled: its key, and the keys of
/// the words it lets the text write in lower case. Two names of one entity with one key
/// compile to one pattern that takes the lower-case words of both (`compiled.rs`), so a name
/// adds nothing when a name already listed [covers](NamePattern::covers) it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NamePattern {
    key: String,
    lower_words: Vec<String>,
}

impl NamePattern {
    /// The pattern of `name`, as [`prepare`] compiles it.
    pub(crate) fn of(name: &str) -> Self {
        let (key, lower_words, _, _) = key_and_lower_words(name);
        NamePattern { key, lower_words }
    }

    /// Does this name match every text `other` matches? The same key, and every word `other`
    /// writes in lower case is one this name writes so too, or the article (matched in either
    /// case): "Osama bin Laden" covers "Osama Bin Laden" but not the other way round.
    pub(crate) fn covers(&self, other: &NamePattern) -> bool {
        self.key == other.key
            && other
                .lower_words
                .iter()
                .all(|w| w == "al" || self.lower_words.contains(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_table_reads_back_each_name_and_a_damaged_one_matches_nothing() {
        let info = |surface: &str, exact: Option<&str>, lower: &[&str], given, guarded| NameInfo {
            surface: surface.into(),
            lower_words: lower.iter().map(|w| w.to_string()).collect(),
            exact: exact.map(Into::into),
            given,
            guarded,
            word_ends: None,
        };
        let names = [
            info(
                "Institute for the Study of War",
                None,
                &["for", "the", "of"],
                false,
                false,
            ),
            info("U.S.", Some("US"), &[], false, true),
            info("donald", None, &["al"], true, true),
        ];
        let table = NameTable::new(names.iter()).unwrap();
        let [bytes, rest] = table.sections().unwrap().map(Cow::into_owned);
        let back = NameTable::from_sections(bytes.clone(), &rest).unwrap();
        assert_eq!(back.len(), 3);
        let isw = back.get(0);
        assert_eq!(isw.surface(), "Institute for the Study of War");
        assert!(isw.writes_lower("the") && isw.writes_lower("of"));
        assert!(!isw.writes_lower("study") && !isw.writes_lower(""));
        assert!(!isw.is_code() && isw.exact().is_none() && !isw.is_guarded());
        let us = back.get(1);
        assert_eq!((us.surface(), us.exact()), ("U.S.", Some("US")));
        assert!(us.is_code() && us.is_guarded() && !us.is_given());
        assert!(back.get(2).is_given() && back.get(2).writes_lower("al"));
        // Ends past the records: an error. A record that does not decode: a code of a letter
        // no text writes.
        assert!(NameTable::from_sections(bytes[1..].to_vec(), &rest).is_err());
        let damaged = NameTable::from_sections(vec![0xff; bytes.len()], &rest).unwrap();
        let bad = damaged.get(1);
        assert!(
            bad.exact()
                .is_some_and(|e| !e.chars().any(char::is_alphanumeric))
        );
    }

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
    fn a_name_covers_another_when_it_matches_all_its_text() {
        // (listed, new, covered): a new name adds nothing only when covered.
        let rows = [
            ("Qaasem Sulaymani", "Qaasem Sulaymani", true),
            ("Qaasem Sulaymani", "QAASEM SULAYMANI", true),
            ("Abu Mahdi al-Muhandis", "Abu Mahdi Al Muhandis", true),
            ("Abu Mahdi Al-Muhandis", "Abu Mahdi al-Muhandis", true),
            ("Osama bin Laden", "Osama Bin Laden", true),
            ("Osama Bin Laden", "Osama bin Laden", false),
            ("Qaasem Sulaymani", "Qasem Sulaymani", false),
            ("Bank of Baghdad", "Bank Baghdad", false),
        ];
        for (listed, new, want) in rows {
            let covered = NamePattern::of(listed).covers(&NamePattern::of(new));
            assert_eq!(covered, want, "{listed:?} covers {new:?}");
        }
    }

    #[test]
    fn short_forms_in_other_scripts_keep_their_word_keys() {
        for key in ["soleimani", "k1", "abumahdi", "قاسم", "東京", "müller"] {
            let info = NameInfo {
                surface: key.into(),
                lower_words: Vec::new(),
                exact: None,
                given: false,
                guarded: true,
                word_ends: one_word_ends(key),
            };
            assert_eq!(info.word_keys(key), name_word_keys(key), "{key}");
        }
    }
}
