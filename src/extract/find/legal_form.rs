//! A listed name written as the start of a longer name. Business news names a company with
//! its legal form ("Reuters Holdings Plc", "Exxon Corp"): that is still the listed
//! organisation, and the mention covers the whole name. Other capitalised words between the
//! listed name and a legal form make another company's name ("Texaco Canada Inc", "Hoechst
//! Celanese Corp", "Morton Shulman Precious Metals Inc"), and so does an organisational head
//! after it ("Senate Agriculture Committee", "Acme Bank"): the listed name is only a word of
//! it, no mention, and discovery may take the whole. Rule in general terms:
//! docs/coreference.md, "Matching gazetteer names".

use super::hit::Hit;
use crate::data::discovery::{cue, cues};
use crate::gazetteer::{Compiled, EntityType};
use crate::text::Analysed;

/// Words that may stand between a company's name and its legal form without naming another
/// company: the holding or group that owns it.
const HOLDING: [&str; 3] = ["Holdings", "Holding", "Group"];

/// Capitalised words looked at after a listed name for a legal form.
const REACH: usize = 4;

/// What follows a listed name.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum After {
    /// Nothing that changes it.
    Nothing,
    /// Its legal form, ending at word `last`, byte `end` (a possessive left out).
    LegalForm { last: usize, end: usize },
    /// Other words and a legal form: the listed name is a word of a longer name.
    LongerName,
}

/// The first words of the listed names other than places: another name after a listed one
/// is no word of its name ("told Reuters Senate Budget Committee Chairman ...").
pub(super) struct Others(Vec<usize>);

impl Others {
    pub(super) fn new(hits: &[Hit], gaz: &Compiled) -> Others {
        let place = |h: &&Hit| h.refs().iter().all(|r| gaz.entry(r.entity).kind.is_place());
        Others(hits.iter().filter(|h| !place(h)).map(|h| h.first).collect())
    }

    fn start_at(&self, k: usize) -> bool {
        self.0.binary_search(&k).is_ok()
    }
}

/// What follows hit `h`: only listed organisations take a legal form, and only listed
/// organisations and people (`Morton Shulman` in a company's name) are words of a longer
/// one. Places inside names are `discover::inside_org_name`'s business.
pub(super) fn after(doc: &Analysed<'_>, h: &Hit, gaz: &Compiled, others: &Others) -> After {
    let refs = h.refs();
    let kinds = || refs.iter().map(|r| gaz.entry(r.entity).kind);
    if refs.is_empty() || kinds().any(EntityType::is_place) || possessive(doc, h.last, h.end) {
        return After::Nothing;
    }
    let words = doc.words();
    let mut k = h.last;
    let mut other_words = false;
    while k + 1 < words.len() && k - h.last < REACH && joined(doc, k) {
        k += 1;
        if others.start_at(k) {
            return After::Nothing;
        }
        let word = doc.word_text(k);
        let stem = word.strip_suffix("'s").or(word.strip_suffix("’s"));
        if cues(stem.unwrap_or(word)) & cue::SUFFIX != 0 {
            if other_words {
                return After::LongerName;
            }
            if !kinds().all(|t| t == EntityType::Org) {
                return After::LongerName;
            }
            let end = words[k].start() + stem.unwrap_or(word).len();
            return After::LegalForm { last: k, end };
        }
        let holding = HOLDING.contains(&stem.unwrap_or(word));
        // A programme or unit named after it is no body of its own ("Kataib Hezbollah
        // Security Program"): weak heads do not count.
        let roles = cues(stem.unwrap_or(word));
        if !holding && !doc.in_headline(k) && roles & cue::HEAD != 0 && roles & cue::WEAK_HEAD == 0
        {
            return After::LongerName;
        }
        if stem.is_some() || !words[k].is_cap_word() || doc.in_headline(k) {
            return After::Nothing;
        }
        other_words |= !holding;
    }
    After::Nothing
}

/// Does word `k` end in a possessive before byte `end` ("Reuters'", "Acme's")?
fn possessive(doc: &Analysed<'_>, k: usize, end: usize) -> bool {
    end < doc.words()[k].end()
}

/// Is word `k + 1` written right after word `k` in the same name: a space, or the wire's
/// bare line break?
fn joined(doc: &Analysed<'_>, k: usize) -> bool {
    let words = doc.words();
    let gap = &doc.text()[words[k].end()..words[k + 1].start()];
    gap == "\n" || (gap == " " && !words[k + 1].opens_sentence)
}

#[cfg(test)]
mod tests {
    use crate::extract::testing::{hits, lexicon};

    #[test]
    fn a_legal_form_extends_a_listed_company_and_other_words_make_a_longer_name() {
        let lex = lexicon(
            "id\ttype\tcanonical\taliases\tcountry\n\
             org.acme\tORG\tAcme\t\tUS\n\
             per.dana\tPERSON\tDana Whitfield\t\tUS\n\
             gpe.canada\tGPE\tCanada\t\tCA\n",
            false,
        );
        // (text, the hits' surfaces)
        let rows: &[(&str, &[&str])] = &[
            ("Acme Corp said so.", &["Acme Corp"]),
            ("Acme Holdings Plc said so.", &["Acme Holdings Plc"]),
            ("Acme\nGroup Ltd said so.", &["Acme\nGroup Ltd"]),
            ("Acme Inc's profit rose.", &["Acme Inc"]),
            // Other words before the legal form: another company's name.
            ("Acme Canada Inc said so.", &[]),
            ("Acme Precision Tools Corp said so.", &[]),
            ("Dana Whitfield Associates Inc said so.", &[]),
            ("Dana Whitfield Inc said so.", &[]),
            // No legal form, a possessive, a person alone, a new sentence, too far.
            ("Acme said Corp shares rose.", &["Acme"]),
            ("Acme's Corp unit said so.", &["Acme"]),
            ("Acme workers said so.", &["Acme"]),
            (
                "Acme Chairman Dana Whitfield said so.",
                &["Acme", "Dana Whitfield"],
            ),
            ("Dana Whitfield said so.", &["Dana Whitfield"]),
            ("He joined Acme. Corp shares rose.", &["Acme"]),
            ("Acme Blue Red Green Gold Corp said so.", &["Acme"]),
            ("Acme and Zenith Corp said so.", &["Acme"]),
            // An organisational head after it: a body of its own.
            ("The Acme Agriculture Committee met.", &[]),
            ("The Acme Committee's report came out.", &[]),
            ("The Dana Whitfield Foundation gave.", &[]),
            ("The Acme Security Program began.", &["Acme"]),
            // Another listed name after it: two names.
            ("He told Acme Dana Whitfield Foundation staff.", &["Acme"]),
            ("ACME COMMITTEE MEETS\nIt met.", &["ACME"]),
        ];
        for (text, want) in rows {
            let got: Vec<String> = hits(&lex, text, false, false)
                .into_iter()
                .map(|h| h.text)
                .collect();
            assert_eq!(&got, want, "{text:?}");
        }
    }
}
