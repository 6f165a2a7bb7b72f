//! The word lists of discovery: titles and role nouns before a person's name, reporting
//! verbs, apposition openers, organisational heads, facility and place cues, and the
//! capitalised words that open sentences but never a name. Matched case-sensitively on the
//! word as written (titles also without their period).

use crate::data::particles::{self, role};
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

pub(super) static TITLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
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
pub(super) static ROLE_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
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

pub(super) static SAY_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
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
pub(super) static APPOSITION: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
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

pub(super) static ORG_HEADS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
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
pub(super) static NOT_PERSON_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut words = not_person_only();
    words.extend(ORG_HEADS.iter());
    words
});

/// Capitalised words that, next to a place in one run of capitalised words, make the run an
/// organisation's name and the place a word of it ("Chicago Board of Trade", "Toyota Motor
/// Corp", "Bank of Japan", "Cassa di Risparmio di Calabria"): company suffixes, the heads of
/// institutions, the words of a business's line, and the words that open banks' names in the
/// languages business news quotes. Not the words newswire capitalises as modifiers of a
/// common noun ("U.K. Unit trusts", "Securities markets"), nor place-like words ("City").
pub(super) static ORG_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
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
        "Company",
        "Companies",
        "Corporation",
        "Group",
        "Holdings",
        "Bancorp",
        "Industries",
        "Enterprises",
        "Partners",
        "Brothers",
        "Associates",
        "Laboratories",
        "Bank",
        "Board",
        "Exchange",
        "Commission",
        "Committee",
        "Council",
        "Department",
        "Ministry",
        "Agency",
        "Authority",
        "Bureau",
        "Institute",
        "University",
        "College",
        "Academy",
        "Foundation",
        "Association",
        "Federation",
        "Trust",
        "Motor",
        "Motors",
        "Airlines",
        "Airways",
        "Steel",
        "Oil",
        "Gas",
        "Petroleum",
        "Chemical",
        "Chemicals",
        "Electric",
        "Electronics",
        "Mining",
        "Savings",
        "Telephone",
        "Realty",
        "Banca",
        "Banco",
        "Banque",
        "Caisse",
        "Cassa",
        "Caja",
    ])
});

/// Lower-case words that join the words of one name ("Bank of Japan", "Cassa di Risparmio").
pub(super) fn is_name_connector(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"of" | b"and" | b"de" | b"di" | b"del" | b"della" | b"du" | b"des"
    )
}

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

pub(super) const FACILITY_FIRST: &[&str] = &["Camp", "Fort", "FOB"];
pub(super) const FACILITY_LAST: &[&str] = &["Airbase", "Airport", "Airfield", "Garrison", "Base"];
pub(super) const PLACE_AFTER: &[&str] = &["province", "governorate", "district", "subdistrict"];
pub(super) const PLACE_BEFORE: &[&str] = &["town", "city", "village", "province", "district"];

/// Words that start sentences or headlines and are never the first word of a name.
pub(super) static NOT_NAME_START: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
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

/// Is this a title ("Gen.", "Mr") or a capitalised word that opens sentences but never a
/// name ("The", "But")?
pub(crate) fn is_title_or_opener(word: &str) -> bool {
    TITLES.contains(word.trim_end_matches('.')) || NOT_NAME_START.contains(word)
}

/// Is this a capitalised function word that opens sentences ("In", "The", "After")?
pub(crate) fn is_sentence_word(word: &str) -> bool {
    NOT_NAME_START.contains(&word)
}

/// Lower-case words allowed inside organisation names.
#[cfg(test)]
pub(super) const ORG_INNER: &[&str] = &["of", "for", "the", "and", "on", "in", "against"];
/// Is `w` a lower-case word allowed inside organisation names ("of", "for", "the", "and",
/// "on", "in", "against")? Asked of most words after a capitalised one, so matched on bytes
/// (a unit test holds it to `ORG_INNER`).
#[inline]
pub(super) fn is_org_inner(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"of" | b"for" | b"the" | b"and" | b"on" | b"in" | b"against"
    )
}

/// Is `w` (as written) a particle that may stand inside a person's name
/// (`src/data/particles.tsv`)?
#[inline]
pub(super) fn is_name_particle(w: &str) -> bool {
    particles::is(w, role::PERSON)
}

pub(super) fn is_initial(w: &str) -> bool {
    let mut chars = w.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    //! The word tests of discovery, as written (case-sensitive, titles without their
    //! period).
    use super::*;

    #[test]
    fn an_initial_is_one_capital_and_its_period() {
        // (word as the tokeniser keeps it, an initial)
        let rows = [
            ("M.", true),
            ("É.", true),
            ("m.", false),
            ("M", false),
            ("Mr.", false),
            ("U.S.", false),
        ];
        for (w, want) in rows {
            assert_eq!(is_initial(w), want, "row {w:?}");
        }
    }

    #[test]
    fn sentence_words_are_capitalised_function_words_and_labels() {
        // (word, never opens a name)
        let rows = [
            ("The", true),
            ("After", true),
            ("According", true),
            // Demonyms and sect adjectives open sentences, not names.
            ("Iraqi", true),
            ("Shiite", true),
            ("Monday", true),
            // Lower case is no sentence opener; names are none.
            ("the", false),
            ("Dana", false),
            ("Basra", false),
        ];
        for (w, want) in rows {
            assert_eq!(is_sentence_word(w), want, "row {w:?}");
        }
    }

    #[test]
    fn cue_words_match_as_written() {
        // Role nouns are lower case ("analyst Joel Wing"); titles are capitalised and
        // kept without their period ("Gen." is "Gen").
        assert!(ROLE_NOUNS.contains("analyst") && !ROLE_NOUNS.contains("Analyst"));
        assert!(TITLES.contains("Gen") && !TITLES.contains("Gen.") && !TITLES.contains("gen"));
        assert!(SAY_VERBS.contains("said") && !SAY_VERBS.contains("Said"));
        assert!(ORG_HEADS.contains("Brigade") && !ORG_HEADS.contains("brigade"));
        // Every organisational head also keeps a run from being a person.
        for h in ORG_HEADS.iter() {
            assert!(NOT_PERSON_WORDS.contains(h), "{h}");
        }
        assert!(NOT_PERSON_WORDS.contains("Lanes") && !NOT_PERSON_WORDS.contains("Whitfield"));
    }

    #[test]
    fn name_particles_stand_inside_person_names() {
        // (word, may stand inside a discovered person's name)
        let rows = [
            ("al", true),
            ("bin", true),
            ("ibn", true),
            ("de", true),
            ("Al", false),
            ("of", false),
            ("abu", false),
        ];
        for (w, want) in rows {
            assert_eq!(is_name_particle(w), want, "row {w:?}");
        }
    }
}
