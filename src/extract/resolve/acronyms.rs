//! Sieve 5: names the text itself defines for the document. "Popular Mobilisation Units, or
//! PMU", "(PMF)" and "known as KH" define an acronym; "League of Revolutionaries (Usbat
//! al-Thairen)" a second name. Later uses link to the defining mention's entity. A place
//! defines neither, and neither does a dateline: in "Singapore (MAS)" or "TOKYO (Reuters) -"
//! the brackets name someone else (a body of the place, the agency that filed the story).

use super::draft::{Draft, Target};
use crate::data::is_english_word;
use crate::data::particles::{self, role};
use crate::record::MatchKind;
use crate::text::Analysed;
use crate::text::tokenize::Token;
use rustc_hash::{FxHashMap, FxHashSet};

/// "League of Revolutionaries (Usbat al-Thairen)": a capitalised name in parentheses right
/// after a mention, that no gazetteer hit covers, is another name of the same entity in this
/// document (`alias`, with the defining mention as antecedent); so are its later uses.
pub(super) fn parenthetical_names(
    doc: &Analysed<'_>,
    out: &mut Vec<Draft>,
    place: &dyn Fn(Target) -> bool,
) {
    let (text, words) = (doc.text(), doc.words());
    let mut owners = Owners::new(words.len(), out);
    let mut defs: Vec<(String, Target, usize)> = Vec::new();
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for m in out.iter().filter(|m| may_define(doc, m, place)) {
        let Some(first) = words.get(m.last + 1) else {
            continue;
        };
        if &text[m.end..first.start()] != " (" {
            continue;
        }
        // The name runs to the closing parenthesis: at most five words, capitalised or
        // particles, separated by spaces or hyphens.
        let mut last = m.last + 1;
        let mut ok = false;
        while last < words.len() && last <= m.last + 5 {
            let w = words[last].text(text);
            let cap = w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
            let particle = particles::is(w, role::ASIDE) || matches!(w, "of" | "the");
            if !(cap || particle) || owners.of(last).is_some() {
                break;
            }
            let after = &text[words[last].end()..];
            if after.starts_with(')') {
                ok = cap;
                break;
            }
            match words.get(last + 1) {
                Some(n) if matches!(&text[words[last].end()..n.start()], " " | "-") => last += 1,
                _ => break,
            }
        }
        // "Bill Bradley (Democrat)", "Acme (Holdings)": ordinary words describe.
        let described = (m.last + 1..=last).all(|k| {
            let w = words[k].text(text);
            w.chars().any(char::is_lowercase) && is_english_word(&w.to_lowercase())
        });
        if ok && !described {
            let surface = &text[first.start()..words[last].end()];
            if seen.insert(surface) {
                defs.push((surface.to_string(), m.target, m.start));
            }
        }
    }
    for (d, start, end) in occurrences(text, &defs) {
        let (surface, target, def_start) = (&defs[d].0, defs[d].1, defs[d].2);
        let (Some(fi), Some(la)) = (word_starting(words, start), word_ending(words, end)) else {
            continue;
        };
        if start < def_start || (fi..=la).any(|t| owners.of(t).is_some()) {
            continue;
        }
        owners.claim(fi..=la, out.len());
        out.push(Draft {
            start,
            end,
            first: fi,
            last: la,
            target,
            how: MatchKind::Alias,
            sentence: doc.sentence_of(fi),
            confidence: 0.9,
            trace: Some(format!("named in parentheses after a mention: {surface:?}")),
            antecedent_at: Some(def_start),
        });
    }
}

/// Every occurrence of each defined name in `text`, as (definition, start, end): the
/// definitions in order, each one's occurrences left to right, none overlapping another of
/// the same name. One pass of an automaton over the text, however many names it defines.
fn occurrences(text: &str, defs: &[(String, Target, usize)]) -> Vec<(usize, usize, usize)> {
    if defs.is_empty() {
        return Vec::new();
    }
    let Ok(ac) = aho_corasick::AhoCorasick::new(defs.iter().map(|d| d.0.as_str())) else {
        return Vec::new();
    };
    let mut found: Vec<(usize, usize, usize)> = ac
        .find_overlapping_iter(text)
        .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
        .collect();
    found.sort_unstable();
    let mut next = (usize::MAX, 0);
    found.retain(|&(d, start, end)| {
        if d == next.0 && start < next.1 {
            return false;
        }
        next = (d, end);
        true
    });
    found
}

/// The word that starts at byte `at`, if one does.
fn word_starting(words: &[Token], at: usize) -> Option<usize> {
    let i = words.partition_point(|w| w.start() < at);
    words.get(i).filter(|w| w.start() == at).map(|_| i)
}

/// The word that ends at byte `at`, if one does.
fn word_ending(words: &[Token], at: usize) -> Option<usize> {
    let i = words.partition_point(|w| w.end() < at);
    words.get(i).filter(|w| w.end() == at).map(|_| i)
}

/// Which mention covers each word (the first in `out` that does), kept up to date as the
/// sieve adds mentions: asking every mention for every word made long documents quadratic.
struct Owners(Vec<u32>);

impl Owners {
    const NONE: u32 = u32::MAX;

    fn new(words: usize, out: &[Draft]) -> Owners {
        let mut owners = Owners(vec![Self::NONE; words]);
        for (i, m) in out.iter().enumerate() {
            owners.claim(m.words(), i);
        }
        owners
    }

    fn of(&self, t: usize) -> Option<usize> {
        self.0
            .get(t)
            .filter(|&&o| o != Self::NONE)
            .map(|&o| o as usize)
    }

    /// Words nobody covered are now covered by mention `i`.
    fn claim(&mut self, words: std::ops::RangeInclusive<usize>, i: usize) {
        for t in words {
            if let Some(o) = self.0.get_mut(t).filter(|o| **o == Self::NONE) {
                *o = i as u32;
            }
        }
    }
}

/// May a name in brackets after `m` be another name of `m`'s entity? Not when `m` is a
/// place, nor when `m` opens a line and the brackets are followed by a dash (a dateline).
fn may_define(doc: &Analysed<'_>, m: &Draft, place: &dyn Fn(Target) -> bool) -> bool {
    let text = doc.text();
    let before = text[..m.start].trim_end_matches([' ', '\t']);
    let opens_line = before.is_empty() || before.ends_with('\n');
    let rest = &text[m.end..];
    let dateline = opens_line
        && rest.trim_start_matches(' ').starts_with('(')
        && rest.find(')').is_some_and(|close| {
            let after = rest[close + 1..].trim_start_matches([' ', '\t']);
            !rest[..close].contains('\n') && after.starts_with(['-', '\u{2013}', '\u{2014}'])
        });
    !place(m.target) && !dateline
}

/// An acronym token: 2–8 capitals (digits allowed after the first), optional plural `s`.
fn acronym_core(word: &str) -> Option<&str> {
    let core = word.strip_suffix('s').unwrap_or(word);
    let ok = core.len() >= 2
        && core.len() <= 8
        && core.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    ok.then_some(core)
}

/// Does the acronym spell the name? Its letters are the name's in order, the first its
/// first ("Popular Mobilisation Units" for PMU), or each the initial of another word of it,
/// as a name translated from another language keeps them ("Brazilian Coffee Institute" for
/// IBC). "Singapore (MAS)" and "DuPont Corp (DD)" are a body of the place and a ticker.
fn letters_fit(acronym: &str, name: &str) -> bool {
    in_order(acronym, name) || initials_of_words(acronym, name)
}

fn in_order(acronym: &str, name: &str) -> bool {
    let name: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let mut want = acronym.chars().flat_map(char::to_lowercase);
    if name.first().copied() != want.next() {
        return false;
    }
    let mut at = 0;
    for c in want {
        match name[at + 1..].iter().position(|&n| n == c) {
            Some(k) => at += 1 + k,
            None => return false,
        }
    }
    true
}

fn initials_of_words(acronym: &str, name: &str) -> bool {
    let mut initials: Vec<char> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    acronym
        .chars()
        .all(|c| match initials.iter().position(|&i| i == c) {
            Some(k) => {
                initials.swap_remove(k);
                true
            }
            None => false,
        })
}

/// "X, or ACR", "X (ACR)", "X, known as ACR" define ACR as X for this document.
pub(super) fn acronyms(doc: &Analysed<'_>, out: &mut Vec<Draft>, place: &dyn Fn(Target) -> bool) {
    let (text, words) = (doc.text(), doc.words());
    let mut defs: FxHashMap<String, (Target, usize)> = FxHashMap::default();
    for (mi, m) in out.iter().enumerate() {
        if !may_define(doc, m, place) {
            continue;
        }
        let Some(next) = words.get(m.last + 1) else {
            continue;
        };
        let gap = &text[m.end..next.start()];
        let mut acr_tok = m.last + 1;
        let defines = if gap == " (" || gap == "(" {
            text[next.end()..].starts_with(')')
        } else if gap == ", " && next.text(text) == "or" {
            acr_tok += 1;
            true
        } else if gap == ", " && next.text(text) == "known" {
            acr_tok += 2;
            words.get(m.last + 2).is_some_and(|w| w.text(text) == "as")
        } else {
            false
        };
        if !defines {
            continue;
        }
        let Some(w) = words.get(acr_tok) else {
            continue;
        };
        if let Some(core) =
            acronym_core(w.text(text)).filter(|c| letters_fit(c, &text[m.start..m.end]))
        {
            // The acronym must not already be a mention of another entity.
            defs.entry(core.to_string()).or_insert((m.target, mi));
        }
    }
    if defs.is_empty() {
        return;
    }
    let mut owners = Owners::new(words.len(), out);
    for (ti, w) in words.iter().enumerate() {
        let Some(core) = acronym_core(w.text(text)) else {
            continue;
        };
        let Some(&(target, def)) = defs.get(core) else {
            continue;
        };
        let def_start = out[def].start;
        if w.start() < def_start {
            continue;
        }
        let new = out.len();
        match owners.of(ti).map(|o| &mut out[o]) {
            Some(m) if m.target == target => {}
            Some(m) if m.first == ti && m.last == ti => {
                // A defined acronym overrides a gazetteer code of another entity here.
                m.target = target;
                m.how = MatchKind::Acronym;
                m.trace = Some(format!("acronym defined in this document as {core}"));
                m.antecedent_at = Some(def_start);
            }
            Some(_) => {}
            None => {
                owners.claim(ti..=ti, new);
                out.push(Draft {
                    start: w.start(),
                    end: w.end(),
                    first: ti,
                    last: ti,
                    target,
                    how: MatchKind::Acronym,
                    sentence: doc.sentence_of(ti),
                    confidence: 0.95,
                    trace: Some(format!("acronym defined in this document as {core}")),
                    antecedent_at: Some(def_start),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Sieve 5, one table per rule: each row a text and every mention of one surface in it,
    //! as (entity, how, antecedent).
    use crate::extract::testing::{lexicon, mentions};

    const ROWS: &str = "id\ttype\tcanonical\tcodes\tcountry\n\
        org.pmu\tORG\tPopular Mobilisation Units\t\tIQ\n\
        org.kh\tORG\tKataib Hezbollah\tKH\tIQ\n\
        org.league\tORG\tLeague of Revolutionaries\t\tIQ\n\
        org.badr\tORG\tBadr Organization\t\tIQ\n";

    type Seen = (String, String, Option<String>);
    /// (text, surface, its mentions in text order as (entity, how, antecedent))
    type Row<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str, Option<&'a str>)]);

    fn check(rows: &[Row<'_>]) {
        let lex = lexicon(ROWS, false);
        for (text, surface, want) in rows {
            let m = mentions(&lex, text);
            let got: Vec<Seen> = m
                .iter()
                .filter(|m| m.text == *surface)
                .map(|m| (m.entity.clone(), m.how.to_string(), m.antecedent.clone()))
                .collect();
            let want: Vec<Seen> = want
                .iter()
                .map(|(e, h, a)| (e.to_string(), h.to_string(), a.map(str::to_string)))
                .collect();
            assert_eq!(got, want, "row {text:?}, {surface:?}: {m:?}");
        }
    }

    const PMU: (&str, &str, Option<&str>) =
        ("org.pmu", "acronym", Some("Popular Mobilisation Units"));

    #[test]
    fn an_acronym_defined_after_a_mention_links_its_later_uses() {
        check(&[
            (
                "The Popular Mobilisation Units, or PMU, met. Later the PMU said no.",
                "PMU",
                &[PMU, PMU],
            ),
            (
                "The Popular Mobilisation Units (PMU) met. Later the PMU said no.",
                "PMU",
                &[PMU, PMU],
            ),
            (
                "The Popular Mobilisation Units(PMU) met. Later the PMU said no.",
                "PMU",
                &[PMU, PMU],
            ),
            (
                "The Popular Mobilisation Units, known as PMU, met. Later the PMU said no.",
                "PMU",
                &[PMU, PMU],
            ),
            // The plural of the acronym.
            (
                "The Popular Mobilisation Units, or PMU, met. Two PMUs left.",
                "PMUs",
                &[PMU],
            ),
        ]);
    }

    #[test]
    fn uses_before_the_definition_do_not_link() {
        // Three uses: the first, before the definition, is no mention.
        check(&[(
            "The PMU said no. The Popular Mobilisation Units (PMU) met. Later the PMU left.",
            "PMU",
            &[PMU, PMU],
        )]);
    }

    #[test]
    fn what_does_not_define_an_acronym() {
        check(&[
            // Not an acronym after "or"; spaces inside the parentheses; one letter; nine
            // letters; "known" without "as".
            (
                "The Popular Mobilisation Units, or more, met. The PMU left.",
                "PMU",
                &[],
            ),
            (
                "The Popular Mobilisation Units ( PMU ) met. The PMU left.",
                "PMU",
                &[],
            ),
            (
                "The Popular Mobilisation Units (P) met. The P left.",
                "P",
                &[],
            ),
            (
                "The Popular Mobilisation Units (ABCDEFGHI) met. The ABCDEFGHI left.",
                "ABCDEFGHI",
                &[],
            ),
            (
                "The Popular Mobilisation Units, known PMU, met. The PMU left.",
                "PMU",
                &[],
            ),
            (
                "The Popular Mobilisation Units, known to IRGC men, met. The IRGC left.",
                "IRGC",
                &[],
            ),
            // More than the acronym in the parentheses.
            (
                "The Popular Mobilisation Units (PMU units) met. The PMU left.",
                "PMU",
                &[],
            ),
            // "or" without its comma is a coordination.
            (
                "Kataib Hezbollah or PMU units attacked. The PMU left.",
                "PMU",
                &[],
            ),
        ]);
    }

    #[test]
    fn an_acronym_spells_its_name() {
        check(&[
            // Letters in order, the first starting a word of the name.
            (
                "The Popular Mobilisation Units (PMU) met. Later the PMU said no.",
                "PMU",
                &[PMU, PMU],
            ),
            // Other letters: a body of a place, a ticker.
            (
                "The Popular Mobilisation Units (MAS) met. Later the MAS said no.",
                "MAS",
                &[],
            ),
            (
                "The Popular Mobilisation Units (PD) met. Later the PD said no.",
                "PD",
                &[],
            ),
            // A translated name keeps its words' initials in another order.
            (
                "The Popular Mobilisation Units (UPM) met. Later the UPM said no.",
                "UPM",
                &[PMU, PMU],
            ),
            (
                "The Popular Mobilisation Units (UPP) met. Later the UPP said no.",
                "UPP",
                &[],
            ),
        ]);
    }

    #[test]
    fn a_place_or_a_dateline_defines_nothing() {
        let lex = lexicon(
            "id\ttype\tcanonical\tcountry\n\
             gpe.sg\tGPE\tSingapore\tSG\n\
             gpe.tokyo\tGPE\tTokyo\tJP\n\
             org.sb\tORG\tSingapore Bank\tSG\n",
            false,
        );
        // (text, surface, the entity its mentions must not take)
        let rows: &[(&str, &str, &str)] = &[
            (
                "Banks in Singapore (SG) rose. Later SG said no.",
                "SG",
                "gpe.sg",
            ),
            (
                "Banks in Singapore (Temasek Group) rose. Temasek Group said no.",
                "Temasek Group",
                "gpe.sg",
            ),
            (
                "TOKYO (Reuters) - Shares fell. Reuters said.",
                "Reuters",
                "gpe.tokyo",
            ),
            ("TOKYO (TK) - Shares fell. TK said.", "TK", "gpe.tokyo"),
        ];
        for (text, surface, not) in rows {
            let m = mentions(&lex, text);
            assert!(
                m.iter().all(|m| m.text != *surface || m.entity != *not),
                "{text:?}: {m:?}"
            );
        }
        // An organisation defines its acronym.
        let m = mentions(&lex, "The Singapore Bank (SB) rose. Later SB said no.");
        let sb: Vec<&str> = m
            .iter()
            .filter(|m| m.text == "SB")
            .map(|m| m.entity.as_str())
            .collect();
        assert_eq!(sb, ["org.sb", "org.sb"], "{m:?}");
    }

    #[test]
    fn a_defined_acronym_overrides_another_entitys_code() {
        // "KH" is a code of Kataib Hezbollah; the text defines it for a new brigade.
        let kh = (
            "new:org:Kurasanhilsbrikade",
            "acronym",
            Some("Khorasan Hills Brigade"),
        );
        check(&[
            (
                "The Khorasan Hills Brigade (KH) met. Later KH said no.",
                "KH",
                &[kh, kh],
            ),
            // Defined for its own entity, the code stays a plain alias.
            (
                "Kataib Hezbollah (KH) met. Later KH said no.",
                "KH",
                &[("org.kh", "alias", None), ("org.kh", "alias", None)],
            ),
        ]);
    }

    #[test]
    fn the_first_definition_of_an_acronym_holds() {
        check(&[(
            "The Popular Mobilisation Units (PMU) met. The Badr Organization (PMU) met. \
             The PMU left.",
            "PMU",
            &[PMU, PMU, PMU],
        )]);
    }

    const LEAGUE: (&str, &str, Option<&str>) =
        ("org.league", "alias", Some("League of Revolutionaries"));

    #[test]
    fn a_name_in_parentheses_after_a_mention_names_its_entity() {
        check(&[
            (
                "The League of Revolutionaries (Usbat al-Thairen) met. Later Usbat \
                 al-Thairen fighters left.",
                "Usbat al-Thairen",
                &[LEAGUE, LEAGUE],
            ),
            // A particle may open it, a capitalised word must close it.
            (
                "The League of Revolutionaries (al-Thairen) met. Later al-Thairen left.",
                "al-Thairen",
                &[LEAGUE, LEAGUE],
            ),
            // Uses before the definition stay unlinked.
            (
                "Usbat al-Thairen met. The League of Revolutionaries (Usbat al-Thairen) met.",
                "Usbat al-Thairen",
                &[LEAGUE],
            ),
        ]);
    }

    #[test]
    fn what_is_not_a_name_in_parentheses() {
        check(&[
            // Lower-case words; a particle last; more than five words; not right after the
            // mention.
            (
                "The League of Revolutionaries (a militia) met.",
                "a militia",
                &[],
            ),
            (
                "The League of Revolutionaries (Usbat al) met.",
                "Usbat al",
                &[],
            ),
            (
                "The League of Revolutionaries (Usbat Thairen Jadid Kabir Sadiq Ahmad) met.",
                "Usbat Thairen Jadid Kabir Sadiq Ahmad",
                &[],
            ),
            (
                "The League of Revolutionaries met (Usbat al-Thairen).",
                "Usbat al-Thairen",
                &[],
            ),
            (
                "The League of Revolutionaries, (Usbat al-Thairen) met.",
                "Usbat al-Thairen",
                &[],
            ),
            // Ordinary English words describe the entity ("Democrat", a party).
            (
                "The League of Revolutionaries (Democrat) met.",
                "Democrat",
                &[],
            ),
            (
                "The League of Revolutionaries (Free Trade) met.",
                "Free Trade",
                &[],
            ),
            // A listed name keeps its own entity.
            (
                "The League of Revolutionaries (Badr Organization) met.",
                "Badr Organization",
                &[("org.badr", "exact", None)],
            ),
        ]);
    }
}
