//! "X, a Louisville businessman, said": an apposition after a name says what the name is.
//! Newswire writes one after companies and places as often as after people ("Dean Witter,
//! the fourth largest U.S. brokerage house"; "Palo Alto, the company said"), so the
//! apposition makes X a person only when its head noun names a person. Rule in general
//! terms: docs/coreference.md, "Discovery".

use super::Known;
use crate::data::discovery::cue;
use crate::data::is_demonym;
use crate::text::Analysed;

/// Words looked at from the apposition's first word for its head.
const REACH: usize = 8;

/// Words that end the apposition's noun phrase: prepositions, conjunctions, relative
/// pronouns and auxiliaries ("a member of", "the operator and", "the company has").
const ENDS: [&str; 26] = [
    "of",
    "for",
    "with",
    "at",
    "in",
    "on",
    "from",
    "to",
    "by",
    "as",
    "who",
    "which",
    "that",
    "and",
    "or",
    "but",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "responsible",
];

/// Does the apposition opening at word `k`, right after "X, ", make X a person? "who" does;
/// otherwise the head noun of the phrase must be a person noun ("a Santa Monica, Calif.,
/// investor", "senior vice president of"), and "the" + a noun + a reporting verb is no
/// apposition but the next clause's speaker ("X, the spokesman added").
pub(super) fn names_a_person(doc: &Analysed<'_>, known: &Known<'_>, k: usize) -> Option<usize> {
    if doc.word_text(k) == "who" {
        return Some(k);
    }
    let head = head(doc, known, k)?;
    let speaker = doc.word_text(k) == "the" && head == k + 1 && known.is(doc, k + 2, cue::SAY);
    (person_word(doc, known, head) && !speaker).then_some(head)
}

/// Does word `m` name a person: a person noun, a title or a people's name?
fn person_word(doc: &Analysed<'_>, known: &Known<'_>, m: usize) -> bool {
    known.is(doc, m, cue::TITLE | cue::PERSON_NOUN) || is_demonym(doc.key(m))
}

/// The head noun of the phrase opening at word `k`: its last word before an ending word, a
/// reporting verb, a participle after a person's noun ("a lawyer representing"), a hyphen
/// after one ("vice president-finance"), a mark after a lower-case word, or the sentence's
/// end. The last word counts when it is in lower case, or
/// a title, a people's name or a person noun in capitals ("the Employment Minister", "an
/// Israeli", "a House Democrat"); otherwise the last lower-case word does ("the World Bank's
/// representative"). A comma or an abbreviation's period after a capitalised word may be
/// inside a place ("a Louisville, Ky., businessman").
fn head(doc: &Analysed<'_>, known: &Known<'_>, k: usize) -> Option<usize> {
    let words = doc.words();
    let (mut head, mut last) = (None, None);
    for m in k..words.len().min(k + REACH) {
        let word = doc.word_text(m);
        // "a consultant representing ...": a participle after a person's noun.
        let after_person = last.is_some_and(|h| person_word(doc, known, h));
        let participle = after_person && (word.ends_with("ing") || word.ends_with("ed"));
        if m > k && (ENDS.contains(&word) || participle || known.is(doc, m, cue::SAY)) {
            break;
        }
        let lower = word.starts_with(|c: char| c.is_lowercase());
        if !matches!(word, "a" | "an" | "the") {
            last = Some(m);
            head = if lower { Some(m) } else { head };
        }
        let Some(next) = words.get(m + 1) else { break };
        let gap = &doc.text()[words[m].end()..next.start()];
        // One space or the wire's bare line break, after a mark or not.
        let mark = gap.trim_end_matches([' ', '\n']);
        let spaced = matches!(&gap[mark.len()..], " " | "\n");
        // "vice president-finance": what a hyphen joins to a person's noun is the office's field.
        let hyphen = gap == "-" && !person_word(doc, known, m);
        let joins =
            hyphen || spaced && (mark.is_empty() || !lower && matches!(mark, "," | ".," | "."));
        if !joins || !doc.same_sentence(m, m + 1) {
            break;
        }
    }
    match last {
        Some(m) if person_word(doc, known, m) => Some(m),
        _ => head.map(|m| office_before_field(doc, known, m)),
    }
}

/// "vice president sales", "chief executive international": a lower-case word right after
/// an office names its field, so the office is the head.
fn office_before_field(doc: &Analysed<'_>, known: &Known<'_>, m: usize) -> usize {
    let words = doc.words();
    let office = m > 0 && known.is(doc, m - 1, cue::TITLE | cue::ROLE);
    let adjacent = office && &doc.text()[words[m - 1].end()..words[m].start()] == " ";
    if adjacent && !person_word(doc, known, m) {
        m - 1
    } else {
        m
    }
}
