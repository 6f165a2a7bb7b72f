//! Sieve 6: definite descriptions ("the Iranian commander", "the militia", "the city")
//! refer back to the most recent compatible mention, or to nothing when no mention is
//! clearly meant.

use super::draft::{Draft, Target};
use super::earlier::Earlier;
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
    let gap = &doc.text()[m.end..next.start()];
    gap == "-" || (gap == " " && MODIFIED_NOUNS.contains(&next.text(doc.text())))
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
    let mut earlier = Earlier::new(doc, out);
    // "the" and "The" are among the words normalising listed as possible starts.
    for &i in doc.starts() {
        let Some(d) = description(doc, i as usize, &earlier) else {
            continue;
        };
        let (at, sentence) = (doc.words()[d.the].start(), doc.sentence_of(d.the));
        earlier.advance(at, gaz, |m| {
            m.how != MatchKind::Coref && !(d_kind_gpe(gaz, m) && modifier(doc, m))
        });
        let Some((ante, why)) = antecedent(doc, gaz, &d, out, &earlier) else {
            continue;
        };
        if d.country_rivals(doc, gaz, out, &earlier) > 1 {
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

/// Is `m` a mention of a place of the type "the country" refers to (a GPE), whose use as a
/// modifier ("US forces") keeps it from being an antecedent?
fn d_kind_gpe(gaz: &Compiled, m: &Draft) -> bool {
    matches!(m.target, Target::Known(e) if gaz.entry(e).kind == EntityType::Gpe)
}

/// The description opened by word `i` if it is "the", followed by up to two modifiers and
/// a head noun, and refers back on its own: not a name ("the Islamic State Group"), not
/// over a mention, not named right after it ("the Iraqi city of Mosul"), not an apposition
/// or a predicate ("became the top commander"), and not a modifier itself ("the militia
/// presence").
fn description<'t>(
    doc: &Analysed<'t>,
    i: usize,
    earlier: &Earlier<'_, '_>,
) -> Option<Description<'t>> {
    let (text, words) = (doc.text(), doc.words());
    // Length first, then the bytes.
    let w = words[i];
    if w.end() - w.start() != 3 || !text.as_bytes()[w.start()..w.end()].eq_ignore_ascii_case(b"the")
    {
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
    if (i + 1..=last).any(|t| earlier.covered(t)) || !refers_back(doc, i, last) {
        return None;
    }
    let start = words[i + 1].start();
    let end = words[last].start() + strip_possessive(words[last].text(text)).len();
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
    let before = text[..words[i].start()].trim_end();
    let appositive = before.ends_with(',') || before.ends_with('—') || before.ends_with('–');
    let predicate = i > 0
        && matches!(
            words[i - 1].text(text).to_lowercase().as_str(),
            "became" | "become" | "becomes" | "is" | "was" | "as" | "named" | "remains"
        );
    let modifies = words.get(last + 1).is_some_and(|w| {
        let gap = &text[words[last].end()..w.start()];
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
    fn country_rivals(
        &self,
        doc: &Analysed<'_>,
        gaz: &Compiled,
        out: &[Draft],
        earlier: &Earlier<'_, '_>,
    ) -> usize {
        if !matches!(self.head, "country" | "state" | "government")
            || self.country_of_demonym.is_some()
        {
            return 0;
        }
        let (at, sentence) = (doc.words()[self.the].start(), doc.sentence_of(self.the));
        let rivals: rustc_hash::FxHashSet<Target> = earlier
            .before(at)
            .map(|i| &out[i])
            .take_while(|m| sentence.saturating_sub(m.sentence) <= 1)
            .filter(|m| matches!(self.compatible(gaz, m), Some("country" | "descriptor")))
            .filter(|m| !modifier(doc, m))
            .map(|m| m.target)
            .collect();
        rivals.len()
    }
}

/// The most recent earlier mention the description can refer to, and why: outside
/// quotations before inside them; only a description the gazetteer lists for the entity
/// may reach back further than [`NOMINAL_WINDOW`] sentences (or [`super::earlier::REACH_BACK`] mentions).
fn antecedent(
    doc: &Analysed<'_>,
    gaz: &Compiled,
    d: &Description<'_>,
    out: &[Draft],
    earlier: &Earlier<'_, '_>,
) -> Option<(usize, &'static str)> {
    let (at, sentence) = (doc.words()[d.the].start(), doc.sentence_of(d.the));
    let mut best: Option<(usize, &'static str)> = None;
    let better = |best: Option<(usize, &str)>, i: usize| {
        best.is_none_or(|(b, _)| earlier.salience(b) < earlier.salience(i))
    };
    for i in earlier.before(at) {
        let m = &out[i];
        if sentence.saturating_sub(m.sentence) > NOMINAL_WINDOW {
            break;
        }
        // "US forces", "Iran-backed": a place used as a modifier is not what "the
        // country" refers back to.
        if m.how == MatchKind::Coref || d.kind == EntityType::Gpe && modifier(doc, m) {
            continue;
        }
        if let Some(why) = d.compatible(gaz, m) {
            if better(best, i) {
                best = Some((i, why));
            }
            // Nothing earlier is more salient than the latest outside a quotation.
            if earlier.salience(i).0 {
                break;
            }
        }
    }
    // A description the gazetteer lists for an entity reaches back any distance.
    if let Some(i) = earlier.listing(d.kind, &d.phrase) {
        if better(best, i) {
            best = Some((i, "descriptor"));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    //! Besides the buffer test: one table per rule of sieve 6, each row a text and the
    //! description it links, as (surface, entity, antecedent, why), or `None`.
    use super::*;
    use crate::extract::find::Finders;
    use crate::extract::testing::lexicon;

    const ROWS: &str = "id\ttype\tcanonical\taliases\tcountry\tdescriptors\tlat\tlon\n\
        per.soleimani\tPERSON\tQassem Soleimani\t\tIR\tIranian commander|Iranian general\t\t\n\
        per.muhandis\tPERSON\tAbu Mahdi al-Muhandis\t\tIQ\tIraqi commander|militia commander\t\t\n\
        per.sistani\tPERSON\tAli al-Sistani\t\tIQ\tShiite cleric|top Shiite cleric\t\t\n\
        org.kh\tORG\tKataib Hezbollah\t\tIQ\tIraqi militia|militia|armed group\t\t\n\
        gpe.iraq\tGPE\tIraq\t\tIQ\tcountry\t33\t44\n\
        gpe.iran\tGPE\tIran\t\tIR\tcountry\t32\t53\n\
        gpe.us\tGPE\tUnited States\tUS\tUS\tcountry\t\t\n\
        gpe.mosul\tGPE\tMosul\t\tIQ\t\t36.34\t43.13\n\
        gpe.tikrit\tGPE\tTikrit\t\tIQ\tIraqi city\t\t\n\
        gpe.kurdistan\tGPE\tKurdistan Region\t\tIQ\tautonomous region\t\t\n\
        fac.ain-al-asad\tFACILITY\tAin al-Asad\t\tIQ\tair base|base\t\t\n";

    /// What a row expects: (description, entity, antecedent, why).
    type Link<'a> = Option<(&'a str, &'a str, &'a str, &'a str)>;

    /// The descriptions linked in `text`, as (surface, entity, antecedent, why).
    fn corefs(text: &str) -> Vec<(String, String, String, String)> {
        let lex = lexicon(ROWS, false);
        let finders = Finders {
            variants: true,
            discovery: true,
            evidence: true,
        };
        let ex = crate::extract::extract(&lex, text, None, finders, None);
        let all = ex.mentions();
        all.iter()
            .filter(|m| m.how == MatchKind::Coref)
            .map(|m| {
                let ante = m.antecedent.map_or("", |a| &text[all[a].start..all[a].end]);
                let trace = m.trace.as_deref().unwrap_or_default();
                let why = trace
                    .rsplit_once('(')
                    .map_or("", |(_, w)| w.trim_end_matches(')'));
                (
                    text[m.start..m.end].to_string(),
                    ex.entity(m).id.to_string(),
                    ante.to_string(),
                    why.to_string(),
                )
            })
            .collect()
    }

    /// Checks that each row links its one description as expected, or none.
    fn check(rows: &[(&str, Link<'_>)]) {
        for (text, want) in rows {
            let want: Vec<(String, String, String, String)> = want
                .iter()
                .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
                .collect();
            assert_eq!(corefs(text), want, "row {text:?}");
        }
    }

    #[test]
    fn a_listed_descriptor_links_to_its_entity() {
        check(&[
            (
                "Qassem Soleimani arrived. The Iranian commander spoke.",
                Some((
                    "Iranian commander",
                    "per.soleimani",
                    "Qassem Soleimani",
                    "descriptor",
                )),
            ),
            (
                "Ali al-Sistani spoke. Later the top Shiite cleric left.",
                Some((
                    "top Shiite cleric",
                    "per.sistani",
                    "Ali al-Sistani",
                    "descriptor",
                )),
            ),
        ]);
    }

    #[test]
    fn a_head_noun_must_end_one_of_the_entitys_descriptors() {
        check(&[
            (
                "Qassem Soleimani arrived. The commander spoke.",
                Some((
                    "commander",
                    "per.soleimani",
                    "Qassem Soleimani",
                    "head noun",
                )),
            ),
            (
                "Kataib Hezbollah attacked. The group left.",
                Some(("group", "org.kh", "Kataib Hezbollah", "head noun")),
            ),
            (
                "Ain al-Asad was hit. The sprawling base was hit.",
                Some((
                    "sprawling base",
                    "fac.ain-al-asad",
                    "Ain al-Asad",
                    "head noun",
                )),
            ),
            // No descriptor of theirs ends in "president" or "general".
            ("Kataib Hezbollah attacked. The president left.", None),
            (
                "Abu Mahdi al-Muhandis arrived. The Iraqi general spoke.",
                None,
            ),
        ]);
    }

    #[test]
    fn the_most_recent_compatible_mention_wins() {
        check(&[(
            "Qassem Soleimani and Abu Mahdi al-Muhandis arrived. The commander spoke.",
            Some((
                "commander",
                "per.muhandis",
                "Abu Mahdi al-Muhandis",
                "head noun",
            )),
        )]);
        let c =
            corefs("Qassem Soleimani arrived. The Iranian commander spoke. The commander left.");
        assert_eq!(c[1].2, "Qassem Soleimani", "{c:?}");
    }

    #[test]
    fn a_demonym_modifier_must_agree() {
        check(&[
            // Al-Muhandis is a commander, but an Iraqi one.
            (
                "Abu Mahdi al-Muhandis arrived. The Iranian commander spoke.",
                None,
            ),
            (
                "Abu Mahdi al-Muhandis arrived. The Iraqi commander spoke.",
                Some((
                    "Iraqi commander",
                    "per.muhandis",
                    "Abu Mahdi al-Muhandis",
                    "descriptor",
                )),
            ),
            // The Iranian one named earlier, not the Iraqi one named since.
            (
                "Qassem Soleimani and Abu Mahdi al-Muhandis arrived. The Iranian commander spoke.",
                Some((
                    "Iranian commander",
                    "per.soleimani",
                    "Qassem Soleimani",
                    "descriptor",
                )),
            ),
        ]);
    }

    #[test]
    fn the_city_needs_a_settlement() {
        check(&[
            // Coordinates, or a descriptor ending in "city" ("Iraqi city").
            (
                "Mosul is calm. Troops entered the city.",
                Some(("city", "gpe.mosul", "Mosul", "settlement")),
            ),
            (
                "Tikrit is calm. Troops entered the city.",
                Some(("city", "gpe.tikrit", "Tikrit", "settlement")),
            ),
            // A region without coordinates; a country (it has coordinates).
            ("Kurdistan Region is calm. Troops entered the city.", None),
            ("Iraq is calm. Troops entered the city.", None),
        ]);
    }

    #[test]
    fn the_country_needs_exactly_one_country_just_before() {
        check(&[
            // Every country lists the descriptor "country" (which is how a country is
            // told): "the country" is a descriptor match, "the government" a country one.
            (
                "Iraq is calm. The country is calm.",
                Some(("country", "gpe.iraq", "Iraq", "descriptor")),
            ),
            (
                "Iraq is calm. The government is calm.",
                Some(("government", "gpe.iraq", "Iraq", "country")),
            ),
            // Two countries in this sentence or the one before: no link.
            ("Iraq and Iran met. The country is calm.", None),
            ("Iraq and Iran met. Later the government is calm.", None),
            // Two sentences back is not just before.
            (
                "Iraq met. Iran met too. Later the country is calm.",
                Some(("country", "gpe.iran", "Iran", "descriptor")),
            ),
            // A demonym says which.
            (
                "Iraq and Iran met. The Iraqi government is calm.",
                Some(("Iraqi government", "gpe.iraq", "Iraq", "demonym")),
            ),
            (
                "Iraq and Iran met. The Iranian state is calm.",
                Some(("Iranian state", "gpe.iran", "Iran", "demonym")),
            ),
            ("Iran met. The Iraqi government is calm.", None),
        ]);
    }

    #[test]
    fn a_country_used_as_a_modifier_is_no_antecedent() {
        let iraq = Some(("country", "gpe.iraq", "Iraq", "descriptor"));
        check(&[
            ("Iraq is calm. US troops left the country.", iraq),
            ("Iraq hosts US forces. The country is calm.", iraq),
            (
                "Iran met. Iraq-backed groups left. The country is calm.",
                Some(("country", "gpe.iran", "Iran", "descriptor")),
            ),
            ("US forces left. The country is calm.", None),
        ]);
    }

    #[test]
    fn only_a_listed_descriptor_reaches_past_the_window() {
        assert_eq!(NOMINAL_WINDOW, 6);
        let five = "It rained. ".repeat(5);
        let six = "It rained. ".repeat(6);
        let at = |fillers: &str, description: &str| {
            format!("Qassem Soleimani arrived. {fillers}The {description} spoke.")
        };
        // Six sentences back: in the window. Seven: only a descriptor reaches.
        let rows = [
            (at(&five, "commander"), Some("head noun")),
            (at(&six, "commander"), None),
            (at(&six, "Iranian commander"), Some("descriptor")),
        ];
        for (text, why) in rows {
            let got = corefs(&text);
            assert_eq!(got.first().map(|c| c.3.as_str()), why, "row {text:?}");
        }
    }

    #[test]
    fn a_mention_inside_quotation_marks_is_less_salient() {
        check(&[
            (
                "Abu Mahdi al-Muhandis was there. “Qassem Soleimani was there,” he said. \
                 The commander spoke.",
                Some((
                    "commander",
                    "per.muhandis",
                    "Abu Mahdi al-Muhandis",
                    "head noun",
                )),
            ),
            (
                "Abu Mahdi al-Muhandis was there. \"Qassem Soleimani was there,\" he said. \
                 The commander spoke.",
                Some((
                    "commander",
                    "per.muhandis",
                    "Abu Mahdi al-Muhandis",
                    "head noun",
                )),
            ),
            // Less salient, not excluded.
            (
                "“Kataib Hezbollah will win,” he said. The militia left.",
                Some(("militia", "org.kh", "Kataib Hezbollah", "descriptor")),
            ),
        ]);
    }

    #[test]
    fn descriptions_that_do_not_refer_back() {
        check(&[
            // Named right after it.
            (
                "Mosul is calm. Troops entered the Iraqi city of Tikrit.",
                None,
            ),
            // An apposition.
            (
                "Ali al-Sistani spoke. Officials met Hamid Karimi, the top Shiite cleric.",
                None,
            ),
            (
                "Ali al-Sistani spoke. Officials met Hamid Karimi — the top Shiite cleric.",
                None,
            ),
            // A predicate.
            (
                "Ali al-Sistani spoke. He became the top Shiite cleric.",
                None,
            ),
            ("Ali al-Sistani spoke. He was the top Shiite cleric.", None),
            // The head modifies a noun.
            (
                "Kataib Hezbollah attacked. The militia presence grew.",
                None,
            ),
            (
                "Kataib Hezbollah attacked. The militia fighters left.",
                None,
            ),
            (
                "Kataib Hezbollah attacked. The militia-led assault grew.",
                None,
            ),
            // A capitalised head after a modifier is a name.
            (
                "Kataib Hezbollah attacked. Fighters of the Shiite Militia left.",
                None,
            ),
        ]);
    }

    #[test]
    fn descriptions_refer_only_to_listed_entities() {
        check(&[
            // A discovered organisation has no descriptors.
            (
                "Fighters of the Rafidain Brigade attacked. The group left.",
                None,
            ),
            (
                "Fighters of Kataib Hezbollah attacked. The group left.",
                Some(("group", "org.kh", "Kataib Hezbollah", "head noun")),
            ),
        ]);
    }

    #[test]
    fn a_possessive_stays_outside_the_description() {
        let commander = Some((
            "commander",
            "per.soleimani",
            "Qassem Soleimani",
            "head noun",
        ));
        check(&[
            (
                "Qassem Soleimani arrived. The commander's car left.",
                commander,
            ),
            (
                "Qassem Soleimani arrived. The commander’s car left.",
                commander,
            ),
        ]);
    }

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
