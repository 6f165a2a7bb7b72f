//! The lifetime rule: a listed entity is not a candidate in a document dated outside its
//! lifetime (the gazetteer's `active` column), compared at the precision the two dates share.
//! The finders ask it where they ask the context guard, so the hit falls back to the
//! entity's other candidates, or to a shorter name, as when a guard fails. A refused full
//! name is remembered with its span, for the trace of the mention that ends up there.

use crate::date::Date;
use crate::gazetteer::{Compiled, NameKind, NameRef};

/// A candidate the document's date refused: entity `entity` for the text `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Refusal {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) entity: u32,
}

/// The rule for one document: its date, and the candidates refused so far.
#[derive(Debug, Default)]
pub(crate) struct Lifetimes {
    date: Option<Date>,
    refused: Vec<Refusal>,
}

impl Lifetimes {
    /// The rule for a document dated `date` (none: every candidate is admitted).
    pub(crate) fn new(date: Option<Date>) -> Self {
        Lifetimes {
            date,
            refused: Vec::new(),
        }
    }

    /// May candidate `r` name the text `start..end`? An undated document, or an entity
    /// without a lifetime, always may. A refused full name is remembered; a refused short
    /// form is not, since it could only link after its full name, which says it.
    #[inline]
    pub(crate) fn admits(&mut self, gaz: &Compiled, r: NameRef, start: usize, end: usize) -> bool {
        let Some(date) = self.date else {
            return true;
        };
        if !gaz.facts(r.entity).is_dated() {
            return true;
        }
        match gaz.entry(r.entity).active {
            Some(span) if !span.admits(date) => {
                let refusal = Refusal {
                    start,
                    end,
                    entity: r.entity,
                };
                if r.kind != NameKind::Partial && !self.refused.contains(&refusal) {
                    self.refused.push(refusal);
                }
                false
            }
            _ => true,
        }
    }

    /// The refused candidates, in the order they were met.
    pub(crate) fn into_refused(self) -> Vec<Refusal> {
        self.refused
    }
}

/// What the trace of a mention says of a refused candidate: "not linked to OPEC+: active
/// 2016.., document dated 1987-06-01".
pub(crate) fn refusal_note(gaz: &Compiled, entity: u32, date: Date) -> String {
    let e = gaz.entry(entity);
    let span = e.active.map(|s| s.to_string()).unwrap_or_default();
    format!(
        "not linked to {}: active {span}, document dated {date}",
        e.canonical
    )
}

#[cfg(test)]
mod rules {
    //! The rule on a few rows written for the test: texts dated (or not), and what they link.
    use crate::extract::Lexicon;
    use crate::extract::testing::{lexicon, mentions_dated};

    /// Two bodies that share the code "ABCD" (four letters: a shorter one would also need context) (the younger listed first, so it wins an undated
    /// shared name), a person with a lifetime, one without, and an entity that ceased.
    fn gaz() -> Lexicon {
        lexicon(
            "id\ttype\tcanonical\taliases\tcodes\tactive\n\
             org.young\tORG\tArab Basin Council\t\tABCD\t2003..\n\
             org.old\tORG\tArab Bankers Club\t\tABCD\t1960..\n\
             per.late\tPERSON\tYusra Haddawi\t\t\t2011-03..\n\
             per.always\tPERSON\tKarim Odeh\t\t\t\n\
             org.gone\tORG\tNorthern Grain Board\t\t\t..1990-06-30\n",
            false,
        )
    }

    /// (surface, entity, trace) of every mention of `text` dated `date`.
    fn links(
        lex: &Lexicon,
        text: &str,
        date: Option<&str>,
    ) -> Vec<(String, String, Option<String>)> {
        mentions_dated(lex, text, date)
            .into_iter()
            .map(|(m, trace)| (m.text, m.entity, trace))
            .collect()
    }

    #[test]
    fn entities_link_only_within_their_lifetimes() {
        let lex = gaz();
        // (text, date, the entity linked, or none)
        let rows: &[(&str, Option<&str>, Option<&str>)] = &[
            // Inside the range, at either end, and open ranges.
            (
                "Officials met Yusra Haddawi on Monday.",
                Some("2015-02-01"),
                Some("per.late"),
            ),
            (
                "Officials met Yusra Haddawi on Monday.",
                Some("2011-03-01"),
                Some("per.late"),
            ),
            (
                "Officials met Karim Odeh on Monday.",
                Some("1950-01-01"),
                Some("per.always"),
            ),
            (
                "The Northern Grain Board met.",
                Some("1990-06-30"),
                Some("org.gone"),
            ),
            // Outside: before the start, after the end.
            (
                "Officials met Yusra Haddawi on Monday.",
                Some("2011-02-28"),
                None,
            ),
            (
                "Officials met Yusra Haddawi on Monday.",
                Some("1987-06-01"),
                None,
            ),
            ("The Northern Grain Board met.", Some("1990-07-01"), None),
            // A date known to the year or month is compared at that precision.
            (
                "Officials met Yusra Haddawi on Monday.",
                Some("2011"),
                Some("per.late"),
            ),
            (
                "Officials met Yusra Haddawi on Monday.",
                Some("2011-03"),
                Some("per.late"),
            ),
            (
                "Officials met Yusra Haddawi on Monday.",
                Some("2011-02"),
                None,
            ),
            ("Officials met Yusra Haddawi on Monday.", Some("2010"), None),
            (
                "The Northern Grain Board met.",
                Some("1990"),
                Some("org.gone"),
            ),
            ("The Northern Grain Board met.", Some("1991"), None),
            // An undated document links as before.
            (
                "Officials met Yusra Haddawi on Monday.",
                None,
                Some("per.late"),
            ),
            ("The Northern Grain Board met.", None, Some("org.gone")),
        ];
        for &(text, date, want) in rows {
            let got = links(&lex, text, date);
            let got: Vec<&str> = got
                .iter()
                .filter(|(_, e, _)| !e.starts_with("new:"))
                .map(|(_, e, _)| e.as_str())
                .collect();
            assert_eq!(
                got,
                want.into_iter().collect::<Vec<_>>(),
                "{text} dated {date:?}"
            );
        }
    }

    #[test]
    fn another_candidate_in_its_lifetime_is_linked_and_the_trace_says_why() {
        let lex = gaz();
        let text = "Shares of ABCD rose on Tuesday.";
        // Undated: the first listed bearer of the shared code, with no trace.
        assert_eq!(
            links(&lex, text, None),
            [("ABCD".into(), "org.young".into(), None)]
        );
        // Dated before the younger body existed: the older one, and the trace names the
        // refused candidate with both dates.
        let note = "not linked to Arab Basin Council: active 2003.., document dated 1987-06-01";
        assert_eq!(
            links(&lex, text, Some("1987-06-01")),
            [("ABCD".into(), "org.old".into(), Some(note.into()))]
        );
        // Dated within both lifetimes: as undated.
        assert_eq!(
            links(&lex, text, Some("2010")),
            [("ABCD".into(), "org.young".into(), None)]
        );
    }

    #[test]
    fn a_refused_only_candidate_leaves_the_text_to_the_other_finders() {
        let lex = gaz();
        // Out of its lifetime, the listed name is no hit; the person's name is then found
        // from its context as a new name, whose trace names the refused entity.
        let text = "Yusra Haddawi said the talks would go on.";
        let got = links(&lex, text, Some("1987-06-01"));
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.starts_with("new:person:"), "{got:?}");
        let trace = got[0].2.as_deref().unwrap_or("");
        assert!(
            trace.contains(
                "not linked to Yusra Haddawi: active 2011-03.., document dated 1987-06-01"
            ),
            "{trace}"
        );
        // Out of its lifetime the listed body is not linked (discovery may still take the
        // words for a new organisation of the document).
        let got = links(&lex, "the Northern Grain Board met", Some("2000"));
        assert!(got.iter().all(|(_, e, _)| e != "org.gone"), "{got:?}");
    }
}
