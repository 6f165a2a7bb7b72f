//! Sieve 6: definite descriptions ("the Iranian commander", "the militia", "the city")
//! refer back to the most recent compatible mention, or to nothing when no mention is
//! clearly meant.

use super::draft::{Draft, Target};
use crate::gazetteer::{Compiled, EntityType};
use crate::record::MatchKind;
use crate::text::Analysed;
use crate::text::normalize::name_key;

/// Head nouns of definite descriptions, with the entity type they can refer to. Two-word
/// heads come first so "prime minister" is not read as "minister".
const NOMINAL_HEADS: &[(&str, EntityType)] = &[
    ("prime minister", EntityType::Person),
    ("supreme leader", EntityType::Person),
    ("president", EntityType::Person),
    ("premier", EntityType::Person),
    ("commander", EntityType::Person),
    ("general", EntityType::Person),
    ("cleric", EntityType::Person),
    ("ayatollah", EntityType::Person),
    ("group", EntityType::Org),
    ("militia", EntityType::Org),
    ("movement", EntityType::Org),
    ("organisation", EntityType::Org),
    ("organization", EntityType::Org),
    ("faction", EntityType::Org),
    ("city", EntityType::Gpe),
    ("town", EntityType::Gpe),
    ("village", EntityType::Gpe),
    ("country", EntityType::Gpe),
    ("state", EntityType::Gpe),
    ("government", EntityType::Gpe),
    ("base", EntityType::Facility),
    ("airbase", EntityType::Facility),
    ("airport", EntityType::Facility),
    ("embassy", EntityType::Facility),
];

/// [`NOMINAL_HEADS`] by first word: (head, second word, type), in list order.
#[allow(clippy::type_complexity)]
static NOMINAL_HEAD_MAP: std::sync::LazyLock<
    rustc_hash::FxHashMap<&'static [u8], Vec<(&'static str, Option<&'static str>, EntityType)>>,
> = std::sync::LazyLock::new(|| {
    let mut map: rustc_hash::FxHashMap<_, Vec<_>> = Default::default();
    for &(head, kind) in NOMINAL_HEADS {
        let (first, second) = match head.split_once(' ') {
            Some((a, b)) => (a, Some(b)),
            None => (head, None),
        };
        map.entry(first.as_bytes())
            .or_default()
            .push((head, second, kind));
    }
    map
});

/// [`NOMINAL_MODIFIERS`] as a set, of bytes: the words asked are lower-cased into a byte
/// buffer, and turning that into a `str` again cost more than the lookup.
static NOMINAL_MODIFIER_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static [u8]>> =
    std::sync::LazyLock::new(|| NOMINAL_MODIFIERS.iter().map(|m| m.as_bytes()).collect());

/// An ASCII word lower-cased into `buf`, as bytes; `None` if it is longer than `buf` or not ASCII
/// (no head or modifier is).
fn ascii_lower<'a>(word: &str, buf: &'a mut [u8; 16]) -> Option<&'a [u8]> {
    let out = buf.get_mut(..word.len())?;
    if !word.is_ascii() {
        return None;
    }
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    Some(out)
}

/// Modifiers allowed between "the" and the head ("the same group", "the sprawling base",
/// "the Iranian general").
const NOMINAL_MODIFIERS: &[&str] = &[
    "same",
    "sprawling",
    "former",
    "top",
    "new",
    "senior",
    "powerful",
    "influential",
    "iranian",
    "iraqi",
    "shiite",
    "shia",
    "sunni",
    "kurdish",
    "american",
    "syrian",
    "lebanese",
    "military",
    "elite",
    "hardline",
    "armed",
    "main",
    "largest",
    "besieged",
    "northern",
    "southern",
    "western",
    "eastern",
    "ancient",
    "holy",
    "shrine",
    "key",
    "strategic",
    "rural",
];

/// Demonyms that name the country itself in "the Iraqi state", "the Iraqi government".
const DEMONYM_COUNTRY: &[(&str, &str)] = &[
    ("iraqi", "iraq"),
    ("iranian", "iran"),
    ("syrian", "syria"),
    ("lebanese", "lebanon"),
    ("american", "unitedstates"),
    ("kurdish", "kurdistanregion"),
];

/// Nouns after which a head noun is a modifier, not a head ("the militia presence").
const HEAD_MODIFIES: &[&str] = &[
    "presence",
    "backlash",
    "leader",
    "leaders",
    "commander",
    "commanders",
    "fighters",
    "members",
    "units",
    "groups",
    "attacks",
    "network",
    "forces",
    "ranks",
    "campaign",
    "threat",
    "violence",
    "activity",
    "activities",
    "officials",
    "council",
    "authorities",
    "area",
    "centre",
    "center",
    "hall",
    "limits",
    "outskirts",
    "residents",
    "police",
    "level",
];

/// "premier's" → "premier": the possessive stays outside a mention.
fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

/// Nouns a place name modifies ("US forces", "Iran troops"): such a mention is not what
/// "the country" refers back to.
const MODIFIED_NOUNS: &[&str] = &[
    "forces",
    "troops",
    "officials",
    "official",
    "military",
    "government",
    "army",
    "strike",
    "strikes",
    "embassy",
    "bases",
    "base",
    "soldiers",
    "personnel",
    "president",
    "administration",
    "diplomats",
    "interests",
    "drone",
    "planes",
    "warplanes",
    "airstrikes",
    "advisers",
    "ties",
    "sanctions",
    "ambassador",
    "envoy",
    "policy",
    "intelligence",
    "presence",
    "withdrawal",
    "occupation",
    "counterparts",
    "allies",
    "proxies",
    "militias",
    "authorities",
];

/// Is this mention a place used as a modifier ("US forces", "Iran-backed")?
fn modifier(doc: &Analysed<'_>, m: &Draft) -> bool {
    let Some(next) = doc.words().get(m.last + 1) else {
        return false;
    };
    let gap = &doc.text()[m.end..next.start];
    gap == "-" || (gap == " " && MODIFIED_NOUNS.contains(&next.text(doc.text())))
}

/// Is the offset inside a quotation (an odd number of quotation marks before it on its
/// line)?
fn quoted(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..at];
    let open = line.matches('“').count() + line.matches('"').count();
    let close = line.matches('”').count();
    if line.contains('“') || line.contains('”') {
        open > close
    } else {
        open % 2 == 1
    }
}

/// How many sentences back an antecedent may be.
const NOMINAL_WINDOW: u32 = 6;

/// A definite description after "the": its words, head and type.
struct Description<'t> {
    /// The word "the".
    the: usize,
    /// The last word of the head.
    last: usize,
    /// The head noun ("commander", "prime minister").
    head: &'static str,
    /// The type of entity the head can refer to.
    kind: EntityType,
    /// The lower-cased modifiers between "the" and the head.
    modifiers: Vec<String>,
    /// The country a demonym modifier names ("the Iraqi government": Iraq), as a key.
    country_of_demonym: Option<&'static str>,
    /// The phrase's match key ("iranian commander").
    phrase: String,
    /// The head's match key.
    head_key: String,
    /// The description's span: the words after "the", possessive left out.
    start: usize,
    end: usize,
    text: &'t str,
}

/// Sieve 6: definite descriptions ("the Iranian commander", "the militia", "the city")
/// link to the most recent earlier mention of a compatible entity: one whose gazetteer
/// descriptors contain the description (or its head noun), or, for "city"/"town", a
/// settlement (a place with coordinates), and for "country"/"state"/"government", a
/// country. A country used as a modifier in the same sentence ("US forces in the country")
/// is not salient enough to be the antecedent. No compatible antecedent within a few
/// sentences: no link, since a wrong link costs more than a miss.
pub(super) fn add(doc: &Analysed<'_>, gaz: &Compiled, out: &mut Vec<Draft>) {
    let mut found: Vec<Draft> = Vec::new();
    // "the" and "The" are among the words normalising listed as possible starts.
    for &i in doc.starts() {
        let Some(d) = description(doc, i as usize, out) else {
            continue;
        };
        let sentence = doc.words()[d.the].sentence;
        let Some((ante, why)) = antecedent(doc, gaz, &d, out) else {
            continue;
        };
        if d.country_rivals(doc, gaz, out) > 1 {
            continue;
        }
        found.push(Draft {
            start: d.start,
            end: d.end,
            first: d.the + 1,
            last: d.last,
            target: out[ante].target,
            how: MatchKind::Coref,
            sentence,
            confidence: 0.7,
            trace: Some(format!(
                "\"the {}\": most recent compatible mention ({why})",
                d.text
            )),
            antecedent_at: Some(out[ante].start),
        });
    }
    out.extend(found);
}

/// The description opened by word `i` if it is "the", followed by up to two modifiers and
/// a head noun, and refers back on its own: not a name ("the Islamic State Group"), not
/// over a mention, not named right after it ("the Iraqi city of Mosul"), not an apposition
/// or a predicate ("became the top commander"), and not a modifier itself ("the militia
/// presence").
fn description<'t>(doc: &Analysed<'t>, i: usize, out: &[Draft]) -> Option<Description<'t>> {
    let (text, words) = (doc.text(), doc.words());
    // Length first, then the bytes.
    let w = words[i];
    if w.end - w.start != 3 || !text.as_bytes()[w.start..w.end].eq_ignore_ascii_case(b"the") {
        return None;
    }
    // Modifiers, then a head; this runs after every "the", so words are looked up
    // lower-cased in a stack buffer.
    let mut buf = [0u8; 16];
    let mut j = i + 1;
    while j < words.len()
        && j < i + 3
        && ascii_lower(words[j].text(text), &mut buf)
            .is_some_and(|m| NOMINAL_MODIFIER_SET.contains(m))
    {
        j += 1;
    }
    let word = |n: usize| words.get(j + n).map(|w| strip_possessive(w.text(text)));
    let w0 = word(0)?;
    let w1 = word(1);
    let heads = ascii_lower(w0, &mut buf).and_then(|w| NOMINAL_HEAD_MAP.get(w))?;
    // Heads sharing a first word, two-word ones first.
    let (head, kind, last) = heads.iter().find_map(|&(h, second, k)| match second {
        None => Some((h, k, j)),
        Some(second) => w1
            .is_some_and(|w| w.eq_ignore_ascii_case(second))
            .then_some((h, k, j + 1)),
    })?;
    // "the president's" is fine; "the group's leader" too. A capitalised head after "the"
    // in mid-sentence is a name ("the Islamic State Group"): not a description.
    if j > i + 1 && words[j].text(text).starts_with(char::is_uppercase) && i > 0 {
        return None;
    }
    if (i + 1..=last).any(|t| out.iter().any(|m| m.covers(t))) || !refers_back(doc, i, last) {
        return None;
    }
    let start = words[i + 1].start;
    let end = words[last].start + strip_possessive(words[last].text(text)).len();
    let lower = |k: usize| words[k].text(text).to_lowercase();
    let modifiers: Vec<String> = (i + 1..j).map(lower).collect();
    let country_of_demonym = modifiers.iter().find_map(|m| {
        DEMONYM_COUNTRY
            .iter()
            .find(|(d, _)| d == m)
            .map(|(_, c)| *c)
    });
    Some(Description {
        the: i,
        last,
        head,
        kind,
        modifiers,
        country_of_demonym,
        phrase: name_key(&text[start..end]),
        head_key: name_key(head),
        start,
        end,
        text: &text[start..end],
    })
}

/// The description `the..=last` refers back on its own: "the Iraqi city of Mosul" names
/// its referent right after it; ", the top Shiite cleric" is an apposition and "became the
/// top commander" a predicate; in "the militia presence" and "the militia-led assault" the
/// head is a modifier.
fn refers_back(doc: &Analysed<'_>, i: usize, last: usize) -> bool {
    let (text, words) = (doc.text(), doc.words());
    let named_after = words.get(last + 1).is_some_and(|w| w.text(text) == "of")
        && words
            .get(last + 2)
            .is_some_and(|w| w.text(text).starts_with(char::is_uppercase));
    let before = text[..words[i].start].trim_end();
    let appositive = before.ends_with(',') || before.ends_with('—') || before.ends_with('–');
    let predicate = i > 0
        && matches!(
            words[i - 1].text(text).to_lowercase().as_str(),
            "became" | "become" | "becomes" | "is" | "was" | "as" | "named" | "remains"
        );
    let modifies = words.get(last + 1).is_some_and(|w| {
        let gap = &text[words[last].end..w.start];
        gap == "-" || (gap == " " && HEAD_MODIFIES.contains(&w.text(text)))
    });
    !(named_after || appositive || predicate || modifies)
}

impl Description<'_> {
    /// Why mention `m` can be what the description refers to, if it can.
    fn compatible(&self, gaz: &Compiled, m: &Draft) -> Option<&'static str> {
        let Target::Known(e) = m.target else {
            return None;
        };
        let ent = gaz.entry(e);
        if ent.kind != self.kind {
            return None;
        }
        let desc = gaz.descriptors(e);
        if desc.contains(&self.phrase) {
            return Some("descriptor");
        }
        let is_country = desc.iter().any(|d| d == "country");
        match self.head {
            "country" | "state" | "government" => {
                if !is_country {
                    return None;
                }
                match self.country_of_demonym {
                    Some(c) => (name_key(&ent.canonical) == c).then_some("demonym"),
                    None => Some("country"),
                }
            }
            "city" | "town" | "village" => {
                let settlement = ent.coordinates.is_some()
                    || desc
                        .iter()
                        .any(|d| d.ends_with("town") || d.ends_with("city"));
                (settlement && !is_country).then_some("settlement")
            }
            _ => {
                // Person, group and facility heads need the head noun among the entity's
                // descriptors, and any demonym modifier to agree with them.
                let head_ok = desc.iter().any(|d| d.ends_with(&self.head_key));
                let mods_ok = self.modifiers.iter().all(|m| {
                    !DEMONYM_COUNTRY.iter().any(|(d, _)| d == m)
                        || desc.iter().any(|d| d.starts_with(m.as_str()))
                });
                (head_ok && mods_ok).then_some("head noun")
            }
        }
    }

    /// "the country" with two countries named just before ("Iraq and the US agreed … its
    /// troops in the country"): how many countries could be meant (0 when the head is not a
    /// country's or a demonym says which).
    fn country_rivals(&self, doc: &Analysed<'_>, gaz: &Compiled, out: &[Draft]) -> usize {
        if !matches!(self.head, "country" | "state" | "government")
            || self.country_of_demonym.is_some()
        {
            return 0;
        }
        let words = doc.words();
        let (at, sentence) = (words[self.the].start, words[self.the].sentence);
        let rivals: rustc_hash::FxHashSet<Target> = out
            .iter()
            .filter(|m| m.end <= at && sentence.saturating_sub(m.sentence) <= 1)
            .filter(|m| matches!(self.compatible(gaz, m), Some("country" | "descriptor")))
            .filter(|m| !modifier(doc, m))
            .map(|m| m.target)
            .collect();
        rivals.len()
    }
}

/// The most recent earlier mention the description can refer to, and why: outside
/// quotations before inside them; only a description the gazetteer lists for the entity
/// may reach back further than [`NOMINAL_WINDOW`] sentences.
fn antecedent(
    doc: &Analysed<'_>,
    gaz: &Compiled,
    d: &Description<'_>,
    out: &[Draft],
) -> Option<(usize, &'static str)> {
    let (text, words) = (doc.text(), doc.words());
    let (at, sentence) = (words[d.the].start, words[d.the].sentence);
    let mut best: Option<(usize, &'static str)> = None;
    for (mi, m) in out.iter().enumerate() {
        if m.end > at || m.how == MatchKind::Coref {
            continue;
        }
        let far = sentence.saturating_sub(m.sentence) > NOMINAL_WINDOW;
        // "US forces", "Iran-backed": a place used as a modifier is not what "the
        // country" refers back to.
        if d.kind == EntityType::Gpe && modifier(doc, m) {
            continue;
        }
        let Some(why) = d.compatible(gaz, m) else {
            continue;
        };
        if far && why != "descriptor" {
            continue;
        }
        // A mention inside a quotation is less salient than one outside it.
        let rank = (!quoted(text, m.start), m.start);
        if best.is_none_or(|(b, _)| (!quoted(text, out[b].start), out[b].start) < rank) {
            best = Some((mi, why));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nominal_words_fit_the_lookup_buffer() {
        // ascii_lower refuses words longer than its buffer: every listed word must fit.
        let mut buf = [0u8; 16];
        for &(head, _) in NOMINAL_HEADS {
            for w in head.split(' ') {
                assert_eq!(ascii_lower(w, &mut buf), Some(w.as_bytes()), "{head}");
            }
        }
        for &m in NOMINAL_MODIFIERS {
            assert_eq!(ascii_lower(m, &mut buf), Some(m.as_bytes()));
        }
        assert_eq!(ascii_lower("The", &mut buf), Some(&b"the"[..]));
        assert_eq!(ascii_lower("Ṣadr", &mut buf), None);
    }
}
