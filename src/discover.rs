//! Stage 3b: names the gazetteers do not hold, found from their context.
//!
//! A run of capitalised words not covered by a gazetteer hit becomes a candidate name; it is
//! kept only when its shape or context says what it is:
//! - **person**: a title before it ("Mr.", "Gen.", "analyst"), a reporting verb next to it
//!   ("X said", "said X", "according to X"), an apposition after it ("X, director of …"), or a
//!   middle initial ("Dana M. Whitfield");
//! - **organisation**: its last word is an organisational head ("Brigade", "Council",
//!   "Institute", "Ministry", …), with "of/for/the/and" allowed inside;
//! - **facility**: "Camp X", "Fort X", "X Air Base", "X Airport";
//! - **place**: "X province", "X governorate", "X district", "the town of X".
//!
//! Each discovered entity gets a stable id from its type and normalised key
//! (`new:person:danamwhitfield`), so the same name discovered in two documents is one entity.
//! A later surname alone ("Whitfield said") links to a person discovered in the same document.

use crate::gazetteer::EntityType;
use crate::matcher::Candidate;
use crate::normalize::NormText;
use crate::tokenize::Tokens;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// A name found from context.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// First token index.
    pub first: usize,
    /// Last token index (inclusive).
    pub last: usize,
    /// Original byte span start.
    pub start: usize,
    /// Original byte span end (exclusive).
    pub end: usize,
    /// Entity type.
    pub kind: EntityType,
    /// Normalised key of the full name (the entity's identity).
    pub key: String,
    /// Why it was taken for a name.
    pub evidence: String,
    /// Sentence index.
    pub sentence: u32,
}

static TITLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    HashSet::from_iter([
        "Grand",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Gen",
        "General",
        "Maj",
        "Major",
        "Lt",
        "Lieutenant",
        "Col",
        "Colonel",
        "Brig",
        "Brigadier",
        "Sgt",
        "Sergeant",
        "Capt",
        "Captain",
        "Adm",
        "Admiral",
        "Sen",
        "Senator",
        "Rep",
        "Gov",
        "Governor",
        "President",
        "Minister",
        "Sheikh",
        "Shaykh",
        "Ayatollah",
        "Prof",
        "Professor",
        "Judge",
        "Ambassador",
        "Commander",
        "Cmdr",
        "Imam",
        "Sayyid",
        "Sayyed",
        "Hajj",
        "Haji",
        "Mullah",
        "Secretary",
        "Spokesman",
        "Spokeswoman",
        "Chairman",
        "Speaker",
    ])
});

/// Lower-case role nouns that introduce a name ("analyst Joel Wing").
static ROLE_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    HashSet::from_iter([
        "analyst",
        "researcher",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "leader",
        "official",
        "director",
        "expert",
        "scholar",
        "journalist",
        "correspondent",
        "colonel",
        "general",
        "cleric",
        "lawmaker",
        "minister",
        "adviser",
        "advisor",
        "envoy",
        "ambassador",
        "professor",
        "fellow",
        "author",
        "economist",
        "diplomat",
        "chief",
        "governor",
        "mayor",
    ])
});

static SAY_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    HashSet::from_iter([
        "said",
        "says",
        "told",
        "added",
        "noted",
        "wrote",
        "explained",
        "warned",
        "argued",
        "stated",
        "tweeted",
        "posited",
        "believes",
        "thinks",
        "emphasizes",
        "emphasises",
        "interprets",
        "anticipates",
        "agreed",
        "insisted",
        "recalled",
        "cautioned",
        "claimed",
        "acknowledged",
    ])
});

/// Words after "X, " that make X a person in apposition.
static APPOSITION: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    HashSet::from_iter([
        "a",
        "an",
        "the",
        "director",
        "head",
        "spokesman",
        "spokeswoman",
        "senior",
        "former",
        "chief",
        "professor",
        "author",
        "analyst",
        "researcher",
        "commander",
        "leader",
        "who",
        "deputy",
        "founder",
        "president",
        "editor",
        "associate",
        "fellow",
        "lecturer",
    ])
});

static ORG_HEADS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    HashSet::from_iter([
        "Inc",
        "Corp",
        "Co",
        "Cos",
        "Ltd",
        "Plc",
        "PLC",
        "AG",
        "SA",
        "NV",
        "LP",
        "Partnership",
        "Works",
        "Industries",
        "Holdings",
        "Systems",
        "Technologies",
        "Bancorp",
        "Bank",
        "Shares",
        "Report",
        "Laboratories",
        "Labs",
        "Enterprises",
        "Partners",
        "Fund",
        "Exchange",
        "Airlines",
        "Motors",
        "Communications",
        "Resources",
        "Petroleum",
        "Energy",
        "Financial",
        "Insurance",
        "Securities",
        "Investments",
        "Capital",
        "Products",
        "Stores",
        "Foods",
        "Mills",
        "Lines",
        "Brothers",
        "Associates",
        "Brigade",
        "Brigades",
        "Organization",
        "Organisation",
        "Movement",
        "Council",
        "Ministry",
        "Forces",
        "Party",
        "Group",
        "Institute",
        "University",
        "Front",
        "League",
        "Resistance",
        "Army",
        "Agency",
        "Committee",
        "Commission",
        "Center",
        "Centre",
        "Foundation",
        "Union",
        "Association",
        "Corps",
        "Battalion",
        "Battalions",
        "Division",
        "Authority",
        "Directorate",
        "Alliance",
        "Coalition",
        "Service",
        "Services",
        "Bloc",
        "Company",
        "Corporation",
        "Network",
        "Society",
        "Trust",
        "Initiative",
        "Program",
        "Programme",
        "Office",
        "Court",
        "Police",
        "Guard",
        "Guards",
        "Companies",
        "Regiment",
        "Unit",
        "Units",
        "Cell",
        "Bureau",
        "Observatory",
        "Tribunal",
        "Assembly",
        "Parliament",
        "Federation",
        "College",
        "Academy",
        "Press",
        "News",
    ])
});

/// Words that make a capitalised run a business or thing rather than a person, wherever
/// they stand in it ("Corning Glass Works said", "Fair Lanes said"), with the
/// [`ORG_HEADS`]: one lookup per word of every run classified, not two.
static NOT_PERSON_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut words = not_person_only();
    words.extend(ORG_HEADS.iter());
    words
});

/// [`NOT_PERSON_WORDS`] that are not organisational heads.
fn not_person_only() -> HashSet<&'static str> {
    HashSet::from_iter([
        "Oil",
        "Gas",
        "Glass",
        "Steel",
        "Express",
        "International",
        "National",
        "American",
        "General",
        "United",
        "Federal",
        "Savings",
        "Loan",
        "Trust",
        "Lanes",
        "Silver",
        "Gold",
        "Mining",
        "Chemical",
        "Electric",
        "Power",
        "Air",
        "Airways",
        "Finance",
        "Credit",
        "Market",
        "Markets",
        "Data",
        "Medical",
        "Health",
        "Pharmaceutical",
        "Software",
        "Computer",
        "Media",
        "Television",
        "Radio",
        "Cable",
        "Telephone",
        "Realty",
        "Properties",
        "Land",
        "Ministry",
        "Department",
        "State",
        "City",
        "County",
        "Province",
        "Street",
        "Avenue",
        "Road",
        "Square",
        "Statement",
        "No",
        "Voice",
        "Machines",
        "Telecommunications",
        "Biologicals",
        "Access",
    ])
}

const FACILITY_FIRST: &[&str] = &["Camp", "Fort", "FOB"];
const FACILITY_LAST: &[&str] = &["Airbase", "Airport", "Airfield", "Garrison", "Base"];
const PLACE_AFTER: &[&str] = &["province", "governorate", "district", "subdistrict"];
const PLACE_BEFORE: &[&str] = &["town", "city", "village", "province", "district"];

/// Words that start sentences or headlines and are never the first word of a name.
static NOT_NAME_START: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    HashSet::from_iter([
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "But",
        "And",
        "For",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Their",
        "Our",
        "Its",
        "As",
        "By",
        "From",
        "With",
        "Without",
        "To",
        "Of",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "Why",
        "How",
        "What",
        "Who",
        "Where",
        "Yet",
        "So",
        "Some",
        "Many",
        "Most",
        "Several",
        "Both",
        "Neither",
        "Each",
        "Every",
        "Such",
        "One",
        "Two",
        "Three",
        "Under",
        "Over",
        "Despite",
        "Since",
        "Until",
        "Among",
        "Against",
        "During",
        "Like",
        "Unlike",
        "Only",
        "Even",
        "Still",
        "Now",
        "Then",
        "There",
        "Here",
        "Also",
        "However",
        "Meanwhile",
        "Instead",
        "According",
        "Related",
        "Posted",
        "Analysis",
        "Analyst",
        "Experts",
        "Officials",
        "Iraqi",
        "Iranian",
        "American",
        "British",
        "Kurdish",
        "Syrian",
        "Lebanese",
        "Israeli",
        "Saudi",
        "Turkish",
        "Shiite",
        "Shia",
        "Sunni",
        "Western",
        "Arab",
        "Persian",
        "Islamic",
        "Muslim",
        "Christian",
        "Pro",
        "Anti",
        "Former",
        "Senior",
        "Top",
        "New",
        "Old",
        "Last",
        "Next",
        "Earlier",
        "Later",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Read",
        "See",
        "Watch",
        "Click",
        "Newspapers",
        "Reporting",
        "Editing",
        "Photo",
        "Video",
        "Update",
        "Breaking",
        "Exclusive",
        "Opinion",
        "Comment",
    ])
});

/// Is this a capitalised function word that opens sentences ("In", "The", "After")?
pub fn is_sentence_word(word: &str) -> bool {
    NOT_NAME_START.contains(&word)
}

/// Lower-case words allowed inside organisation names.
#[cfg(test)]
const ORG_INNER: &[&str] = &["of", "for", "the", "and", "on", "in", "against"];
/// Lower-case particles allowed inside personal names.
#[cfg(test)]
const NAME_PARTICLES: &[&str] = &["al", "el", "bin", "ibn", "bint", "de", "van", "von", "da"];

/// Is `w` one of [`ORG_INNER`]? Asked of most words after a capitalised one, so matched on
/// bytes (a unit test holds it to the list).
#[inline]
fn is_org_inner(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"of" | b"for" | b"the" | b"and" | b"on" | b"in" | b"against"
    )
}

/// Is `w` one of [`NAME_PARTICLES`]? Matched on bytes, as [`is_org_inner`].
#[inline]
fn is_name_particle(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"al" | b"el" | b"bin" | b"ibn" | b"bint" | b"de" | b"van" | b"von" | b"da"
    )
}

fn is_initial(w: &str) -> bool {
    let mut chars = w.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Finds names the gazetteer missed, outside the tokens `covered` by gazetteer candidates.
pub fn find<'c>(
    text: &str,
    tokens: &Tokens,
    norm: &NormText,
    cands: impl IntoIterator<Item = &'c Candidate>,
) -> Vec<Found> {
    let words = &tokens.words;
    let n = words.len();
    let mut covered = vec![false; n];
    for c in cands {
        let last = c.last.min(n.saturating_sub(1));
        covered[c.first..=last].iter_mut().for_each(|x| *x = true);
    }
    let w = |i: usize| words[i].text(text);
    let gap_ok = |i: usize| {
        // Between word i and i+1: spaces, a joining hyphen, or a period after an initial.
        let gap = &text[words[i].end..words[i + 1].start];
        let gap = gap
            .strip_prefix(crate::normalize::is_apostrophe_like)
            .unwrap_or(gap);
        gap.chars().all(|c| c == ' ')
            || gap == "-"
            || (gap.starts_with('.') && gap[1..].chars().all(|c| c == ' ') && w(i).len() <= 3)
    };
    let mut out = Vec::new();
    // Words before `next` are inside a run already looked at. Only the words normalising
    // listed as possible starts can open a run (capitalised words and "al" among them).
    let mut next = 0;
    for &i in &norm.starts {
        let i = i as usize;
        if i < next {
            continue;
        }
        let word = w(i);
        let starts = !covered[i]
            && (words[i].is_cap_word() || (word == "al" && i + 1 < n && words[i + 1].joined))
            && !NOT_NAME_START.contains(&word.trim_end_matches('.'))
            && !TITLES.contains(&word.trim_end_matches('.'));
        if !starts {
            continue;
        }
        // Grow the run: capitalised words, initials, particles, and (for organisations)
        // lower-case function words followed by a capitalised word.
        let mut j = i;
        while j + 1 < n
            && j - i < 7
            && !covered[j + 1]
            && gap_ok(j)
            && words[j + 1].sentence == words[i].sentence
        {
            let next = w(j + 1);
            let inner_ok = (is_org_inner(next) || is_name_particle(next))
                && j + 2 < n
                && !covered[j + 2]
                && (words[j + 2].is_cap_word() || w(j + 2) == "al")
                && gap_ok(j + 1);
            if words[j + 1].is_cap_word()
                || is_initial(next)
                || (next == "al" && j + 2 < n && words[j + 2].joined)
                || inner_ok
            {
                j += 1;
            } else {
                break;
            }
        }
        // Trim trailing function words.
        while j > i && (is_org_inner(w(j)) || is_name_particle(w(j))) {
            j -= 1;
        }
        // "Security Program" in "Middle East Security Program": the tail of a longer name
        // whose head the gazetteer knows is not a name of its own.
        let fragment = i > 0
            && covered[i - 1]
            && &text[words[i - 1].end..words[i].start] == " "
            && w(i - 1).chars().next().is_some_and(char::is_uppercase);
        next = j + 1;
        if fragment {
            continue;
        }
        if let Some(f) = classify(text, tokens, norm, i, j) {
            out.push(f);
        }
    }
    surnames(text, tokens, norm, &covered, &mut out);
    out
}

/// [`key_of`] without the final "s" of a possessive last word.
fn key_of_trimmed(norm: &NormText, first: usize, last: usize) -> String {
    let words: Vec<&str> = (first..=last)
        .map(|t| {
            let (s, e) = norm.tok_key[t];
            let k = &norm.key[s as usize..e as usize];
            if t == last {
                k.strip_suffix('s').unwrap_or(k)
            } else {
                k
            }
        })
        .collect();
    crate::normalize::translit::phonetic_untraced(&words)
}

/// The identity of a discovered name: its transliteration phonetic form, so that "Hana
/// Rasul" and "Hanna Rasool" found in two documents are one entity.
fn key_of(norm: &NormText, first: usize, last: usize) -> String {
    let words: Vec<&str> = (first..=last)
        .map(|t| {
            let (s, e) = norm.tok_key[t];
            &norm.key[s as usize..e as usize]
        })
        .collect();
    crate::normalize::translit::phonetic_untraced(&words)
}

fn classify(text: &str, tokens: &Tokens, norm: &NormText, i: usize, j: usize) -> Option<Found> {
    let words = &tokens.words;
    let w = |k: usize| words[k].text(text);
    let prev = (i > 0).then(|| w(i - 1).trim_end_matches('.'));
    let prev2 = (i > 1).then(|| w(i - 2));
    let next = words.get(j + 1).map(|t| t.text(text));
    let gap_after = words
        .get(j + 1)
        .map(|t| &text[words[j].end..t.start])
        .unwrap_or("");
    // "Trump’s": the possessive stays outside the span and out of the key.
    let last_word = w(j);
    let possessive = ["'s", "’s"].iter().find_map(|p| last_word.strip_suffix(p));
    let found = |kind, evidence: String| {
        let mut key = key_of(norm, i, j);
        if possessive.is_some() {
            key = key_of_trimmed(norm, i, j);
        }
        (key.len() >= 4).then(|| Found {
            first: i,
            last: j,
            start: words[i].start,
            end: possessive.map_or(words[j].end, |stem| words[j].start + stem.len()),
            kind,
            key,
            evidence,
            sentence: words[i].sentence,
        })
    };
    let has_inner = (i..=j).any(|k| is_org_inner(w(k)));
    let last = w(j);
    if j > i && ORG_HEADS.contains(&last) {
        return found(EntityType::Org, format!("organisational head \"{last}\""));
    }
    if j > i && FACILITY_FIRST.contains(&w(i)) && !has_inner {
        return found(EntityType::Facility, format!("facility word \"{}\"", w(i)));
    }
    if j > i && FACILITY_LAST.contains(&last) && !has_inner {
        return found(EntityType::Facility, format!("facility word \"{last}\""));
    }
    if next.is_some_and(|n| PLACE_AFTER.contains(&n)) && gap_after == " " && !has_inner && j - i < 3
    {
        return found(
            EntityType::Gpe,
            format!("followed by \"{}\"", next.unwrap_or("")),
        );
    }
    if prev == Some("of")
        && prev2.is_some_and(|p| PLACE_BEFORE.contains(&p))
        && !has_inner
        && j - i < 3
    {
        return found(
            EntityType::Gpe,
            format!("after \"{} of\"", prev2.unwrap_or("")),
        );
    }
    // Persons: 2–4 name words, no organisation function words or business words.
    let name_words = (i..=j)
        .filter(|&k| !is_initial(w(k)) && !is_name_particle(w(k)))
        .count();
    let business = (i..=j).any(|k| NOT_PERSON_WORDS.contains(&w(k)));
    if has_inner || business || !(2..=4).contains(&name_words) {
        return None;
    }
    let gap_before = if i > 0 {
        &text[words[i - 1].end..words[i].start]
    } else {
        ""
    };
    let evidence = if (i..=j).any(|k| is_initial(w(k))) && j > i && !is_initial(w(j)) {
        Some("middle initial".to_string())
    } else if prev.is_some_and(|p| TITLES.contains(&p)) {
        Some(format!("title \"{}\"", prev.unwrap_or("")))
    } else if prev.is_some_and(|p| ROLE_NOUNS.contains(&p)) && gap_before == " " {
        Some(format!("role \"{}\"", prev.unwrap_or("")))
    } else if next.is_some_and(|n| SAY_VERBS.contains(&n))
        && (gap_after == " " || gap_after == ", ")
    {
        Some(format!("reporting verb \"{}\"", next.unwrap_or("")))
    } else if prev
        .is_some_and(|p| SAY_VERBS.contains(&p) || p == "to" && prev2 == Some("according"))
        && gap_before.trim().is_empty()
    {
        Some(format!("after \"{}\"", prev.unwrap_or("")))
    } else if gap_after == ", " && next.is_some_and(|n| APPOSITION.contains(&n)) {
        Some(format!("apposition \", {}\"", next.unwrap_or("")))
    } else {
        None
    };
    evidence.and_then(|e| found(EntityType::Person, e))
}

/// A capitalised word equal to the last name of a person discovered in this document
/// ("Whitfield said") is a mention of that person.
fn surnames(text: &str, tokens: &Tokens, norm: &NormText, covered: &[bool], out: &mut Vec<Found>) {
    let persons: Vec<(String, String)> = out
        .iter()
        .filter(|f| f.kind == EntityType::Person)
        .map(|f| {
            let (s, e) = norm.tok_key[f.last];
            let last = &norm.key[s as usize..e as usize];
            (
                crate::normalize::translit::phonetic_untraced(&[last]),
                f.key.clone(),
            )
        })
        .collect();
    if persons.is_empty() {
        return;
    }
    let mut taken: Vec<bool> = covered.to_vec();
    for f in out.iter() {
        taken[f.first..=f.last].iter_mut().for_each(|x| *x = true);
    }
    let mut extra = Vec::new();
    // Only words starting like one of the surnames are worth a phonetic key.
    let initials: Vec<u8> = persons
        .iter()
        .filter_map(|(last, _)| last.as_bytes().first().copied())
        .collect();
    let mut first = Vec::new();
    // Capitalised words are among the listed starts.
    for &t in &norm.starts {
        let (t, word) = (t as usize, &tokens.words[t as usize]);
        if taken[t] || !word.is_cap_word() {
            continue;
        }
        let (s, e) = norm.tok_key[t];
        let key = &norm.key[s as usize..e as usize];
        // The phonetic form of the first two letters, into a buffer reused from word to
        // word (a form that is not UTF-8 counts as empty, as `phonetic_word_untraced` has it).
        first.clear();
        crate::normalize::translit::phonetic_word_into(
            &key[..key.char_indices().nth(2).map_or(key.len(), |(i, _)| i)],
            &mut first,
        );
        if !first.first().is_some_and(|b| initials.contains(b))
            || !first.is_ascii() && std::str::from_utf8(&first).is_err()
        {
            continue;
        }
        // "Whitfield’s": the possessive stays outside the span and the key.
        let text_word = word.text(text);
        let stem = ["'s", "’s"].iter().find_map(|p| text_word.strip_suffix(p));
        let key = if stem.is_some() {
            key.strip_suffix('s').unwrap_or(key)
        } else {
            key
        };
        let k = crate::normalize::translit::phonetic_untraced(&[key]);
        let mut owners = persons.iter().filter(|(last, _)| *last == k);
        if let (Some((_, full)), None) = (owners.next(), owners.next()) {
            extra.push(Found {
                first: t,
                last: t,
                start: word.start,
                end: stem.map_or(word.end, |s| word.start + s.len()),
                kind: EntityType::Person,
                key: full.clone(),
                evidence: "surname of a person named in this document".into(),
                sentence: word.sentence,
            });
        }
    }
    out.extend(extra);
    out.sort_by_key(|f| f.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_tests_agree_with_the_lists() {
        for w in ORG_INNER {
            assert!(is_org_inner(w), "{w}");
        }
        for w in NAME_PARTICLES {
            assert!(is_name_particle(w), "{w}");
        }
        for w in ["", "o", "Of", "ofs", "an", "bi", "vo", "against ", "al-"] {
            assert_eq!(is_org_inner(w), ORG_INNER.contains(&w), "{w}");
            assert_eq!(is_name_particle(w), NAME_PARTICLES.contains(&w), "{w}");
        }
    }
}
