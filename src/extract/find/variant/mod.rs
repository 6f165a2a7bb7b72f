//! Stage 3b: spellings nobody listed. A capitalised name that no gazetteer lists exactly is
//! compared with the gazetteer names that share its transliteration skeleton
//! ([`crate::text::normalize::translit`]); the closest links with `match: "variant"`, a
//! confidence and a trace of the rules that made the link.
//!
//! Guards, because a false merge costs a database more than a miss:
//! - the text name must be capitalised and at least [`MIN_KEY`] letters long, and not made
//!   only of common English words;
//! - only people, groups and places of countries whose names reach English through
//!   transliteration ([`TRANSLITERATED_COUNTRIES`]) are targets;
//! - a one-word name needs the document to name the target's country already;
//! - the two names have the same shape (word count) and the words that differ are not
//!   English words;
//! - the must-not-merge pairs of the gazetteers (Muhammad/Mahmoud, Samara/Samarra…) veto a
//!   link between names that differ exactly there;
//! - the weighted edit similarity must reach [`THRESHOLD`] (more for one word);
//! - two entities equally close (within [`TIE`]) give no link: the name is reported as
//!   ambiguous instead.

mod index;

use super::hit::{Hit, HitKind, Variant};
use super::lifetime::Lifetimes;
use crate::data::is_english_word;
use crate::data::particles::{self, role};
use crate::gazetteer::{Compiled, GuardCache, NameKind, NameRef};
use crate::text::Analysed;
use crate::text::normalize::translit::{
    Fired, join_phonetic, phonetic, phonetic_part, phonetic_part_append, similarity_at_least,
    skeleton_into,
};
use crate::text::tokenize::is_apostrophe_like;
use index::{Entry, MIN_KEY};
use rustc_hash::FxHashSet as HashSet;

pub(crate) use index::VariantIndex;

/// Minimum similarity for a link.
pub(crate) const THRESHOLD: f32 = 0.84;
/// Minimum similarity for a one-word name, which has less to go on.
const THRESHOLD_ONE_WORD: f32 = 0.9;
/// Minimum similarity for a one-word name of fewer than seven letters.
const THRESHOLD_SHORT_WORD: f32 = 0.94;
/// Two candidates this close are a tie: no link.
const TIE: f32 = 0.02;
/// Longest name (in words) compared.
const MAX_WORDS: usize = 5;

/// Countries whose names reach English through transliteration from Arabic, Persian,
/// Kurdish, Turkish or Pashto: only their people, groups and places are variant targets.
/// "Kansas", "Peru" or "Mattis" have one English spelling; a look-alike of them is another
/// word ("Qantas", "Perry", "MITI's"), not a variant.
const TRANSLITERATED_COUNTRIES: &[&str] = &[
    "IQ", "IR", "SY", "LB", "JO", "PS", "SA", "KW", "BH", "QA", "AE", "OM", "YE", "EG", "LY", "SD",
    "TN", "DZ", "MA", "AF", "PK", "TR",
];

/// Is this country one whose names reach English through transliteration (the region the
/// variant stage serves)?
pub(crate) fn transliterated(country: &str) -> bool {
    TRANSLITERATED_COUNTRIES.contains(&country)
}

/// Name parts that are written joined or apart ("Nasr Allah" / "Nasrallah").
const JOINABLE: &[&str] = &["allah", "ullah", "din", "deen", "aldin"];

/// A name that was close to two entities at once: reported, not linked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ambiguous {
    /// Original byte span.
    pub(crate) start: usize,
    /// Original byte span end.
    pub(crate) end: usize,
    /// The competing entities (gazetteer indexes).
    pub(crate) entities: Vec<u32>,
}

/// Is a folded word a particle of the variant stage: it may open a span when joined to the
/// next word ("al-Muhandis"), and is no word of a name's shape (`src/data/particles.tsv`)?
#[inline]
fn is_particle(key: &str) -> bool {
    particles::is(key, role::VARIANT)
}

/// The two names have the same number of words (particles aside), or differ only by a
/// part written joined in one and apart in the other. "Sallie Mae" is not "Salami".
fn same_shape(text_words: &[&str], gaz_words: &[&str]) -> bool {
    let t: Vec<&str> = text_words
        .iter()
        .copied()
        .filter(|w| !is_particle(w))
        .collect();
    let g: Vec<&str> = gaz_words
        .iter()
        .copied()
        .filter(|w| !is_particle(w))
        .collect();
    t.len() == g.len()
        || t.len() == g.len() + 1 && t.last().is_some_and(|w| JOINABLE.contains(w))
        || g.len() == t.len() + 1 && g.last().is_some_and(|w| JOINABLE.contains(w))
}

/// The words of the text name that the gazetteer name does not share are not English words:
/// "Vista Bank" is not a spelling of "West Bank", nor "Sun City" of "Sana'a City". An
/// English word the gazetteer name holds in the other English spelling is shared ("Badr
/// Organisation" for "Badr Organization").
fn differing_words_foreign(text_words: &[&str], gaz_words: &[&str]) -> bool {
    text_words
        .iter()
        .filter(|w| !gaz_words.iter().any(|g| g == *w || one_english_word(g, w)))
        .all(|w| is_particle(w) || !is_english_word(w))
}

/// Word endings that differ between British and American spelling, British first.
const BRITISH_AMERICAN: [(&str, &str); 6] = [
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("our", "or"),
    ("ence", "ense"),
];

/// Are two folded words one English word in its British and American spellings
/// (organisation/organization, labour/labor, defence/defense)? Short words are left alone:
/// "four" is not "for".
fn one_english_word(a: &str, b: &str) -> bool {
    const SHORTEST: usize = 6;
    let spelled = |british: &str, american: &str| {
        BRITISH_AMERICAN.iter().any(|(gb, us)| {
            british.len() >= SHORTEST
                && british
                    .strip_suffix(gb)
                    .is_some_and(|stem| american.strip_suffix(us) == Some(stem))
        })
    };
    spelled(a, b) || spelled(b, a)
}

/// The similarity a span of `letters` folded letters must reach.
fn threshold(one_word: bool, letters: usize) -> f32 {
    match (one_word, letters) {
        (true, n) if n < 7 => THRESHOLD_SHORT_WORD,
        (true, _) => THRESHOLD_ONE_WORD,
        (false, _) => THRESHOLD,
    }
}

/// Finds variant hits among capitalised words. `all_hits` are the document's gazetteer
/// hits, short forms included: a span may only strictly contain them.
pub(super) fn find(
    doc: &Analysed<'_>,
    all_hits: &[Hit],
    gaz: &Compiled,
    index: &VariantIndex,
    lifetimes: &mut Lifetimes,
) -> (Vec<Hit>, Vec<Ambiguous>) {
    let mut scan = Scan::new(doc, all_hits, gaz, index, lifetimes);
    // Words before `next` are inside a run already looked at.
    let mut next = 0;
    for &i in doc.starts() {
        let i = i as usize;
        if i < next || !scan.opens_run(i) {
            continue;
        }
        let j = scan.run_end(i);
        scan.spans_of_run(i, j);
        next = j + 1;
    }
    (scan.out, scan.ambiguous)
}

/// The hits that cover each word, so that a span asks only about the hits over its own
/// words: asking every hit of the document for every span made long documents quadratic.
struct Covering {
    /// Word `t`'s hits are `hits[at[t]..at[t + 1]]`.
    at: Vec<u32>,
    hits: Vec<u32>,
}

impl Covering {
    fn new(all_hits: &[Hit], words: usize) -> Covering {
        let mut at = vec![0u32; words + 1];
        for h in all_hits {
            for t in h.first..=h.last.min(words.saturating_sub(1)) {
                at[t + 1] += 1;
            }
        }
        for t in 0..words {
            at[t + 1] += at[t];
        }
        let mut fill = at.clone();
        let mut hits = vec![0u32; at[words] as usize];
        for (i, h) in all_hits.iter().enumerate() {
            for t in h.first..=h.last.min(words.saturating_sub(1)) {
                hits[fill[t] as usize] = i as u32;
                fill[t] += 1;
            }
        }
        Covering { at, hits }
    }

    fn at(&self, t: usize) -> &[u32] {
        &self.hits[self.at[t] as usize..self.at[t + 1] as usize]
    }
}

/// One document's variant search: what it has worked out so far, and its findings.
struct Scan<'a, 'd> {
    doc: &'a Analysed<'d>,
    all_hits: &'a [Hit],
    /// Which of `all_hits` cover each word.
    covering: Covering,
    gaz: &'a Compiled,
    index: &'a VariantIndex,
    /// Each word's phonetic form, built once per word into one buffer.
    parts: Parts,
    /// Whether each word is common English (2: not asked yet); sized on first use.
    english: Vec<u8>,
    /// The countries of the entities the document names in full.
    countries: Vec<&'a str>,
    /// Whether one of them is a [`TRANSLITERATED_COUNTRIES`] country.
    regional: bool,
    guards: GuardCache,
    lifetimes: &'a mut Lifetimes,
    /// Per word of the current run: taken by a span already.
    taken: Vec<bool>,
    /// Per word of the current run: how many words from it can still be a key.
    reach_of: Vec<Option<usize>>,
    /// Buffers reused from span to span: the phonetic form and the skeleton.
    ph: String,
    sk: String,
    out: Vec<Hit>,
    ambiguous: Vec<Ambiguous>,
}

/// What comparing a span with the names of its skeleton gave.
enum Link {
    /// One entity: a hit.
    One(Hit),
    /// Several equally close: reported.
    Tied(Ambiguous),
}

impl<'a, 'd> Scan<'a, 'd> {
    fn new(
        doc: &'a Analysed<'d>,
        all_hits: &'a [Hit],
        gaz: &'a Compiled,
        index: &'a VariantIndex,
        lifetimes: &'a mut Lifetimes,
    ) -> Self {
        // One-word variants need the document to be about the target's country: some
        // listed name of an entity of that country must already be in it ("German" is not
        // Kerman in a story that never mentions Iran).
        let mut countries: Vec<&str> = Vec::new();
        for c in all_hits.iter().filter(|c| !c.only_partial()) {
            for r in c.refs() {
                if let Some(k) = gaz.entry(r.entity).country.as_deref() {
                    if !countries.contains(&k) {
                        countries.push(k);
                    }
                }
            }
        }
        let regional = countries
            .iter()
            .any(|k| TRANSLITERATED_COUNTRIES.contains(k));
        Scan {
            doc,
            all_hits,
            covering: Covering::new(all_hits, doc.words().len()),
            gaz,
            index,
            parts: Parts::new(doc.words().len()),
            english: Vec::new(),
            countries,
            regional,
            guards: GuardCache::default(),
            lifetimes,
            taken: Vec::new(),
            reach_of: Vec::new(),
            ph: String::new(),
            sk: String::new(),
            out: Vec::new(),
            ambiguous: Vec::new(),
        }
    }

    fn capital(&self, t: usize) -> bool {
        self.doc.words()[t].is_capitalised()
    }

    fn particle(&self, t: usize) -> bool {
        is_particle(self.doc.key(t))
    }

    fn english(&mut self, t: usize) -> bool {
        if self.english.is_empty() {
            self.english.resize(self.doc.words().len(), 2);
        }
        if self.english[t] == 2 {
            self.english[t] = is_english_word(self.doc.key(t)) as u8;
        }
        self.english[t] == 1
    }

    /// A run opens on a capitalised word, or on a particle joined to the next word
    /// ("al-Muhandis"); the token's own bits are asked first, the key's bytes last.
    fn opens_run(&self, i: usize) -> bool {
        let words = self.doc.words();
        self.capital(i) || words.get(i + 1).is_some_and(|w| w.joined) && self.particle(i)
    }

    /// The last word of the run of name words (capitalised or particles) from `i`, within
    /// one sentence and joined by a space or a hyphen.
    fn run_end(&self, i: usize) -> usize {
        let words = self.doc.words();
        let gap_ok = |t: usize| {
            let gap = &self.doc.text()[words[t].end()..words[t + 1].start()];
            let gap = gap.strip_prefix(is_apostrophe_like).unwrap_or(gap);
            gap == " " || gap == "-" || gap.is_empty()
        };
        let mut j = i;
        while j + 1 < words.len()
            && (self.capital(j + 1) || self.particle(j + 1))
            && gap_ok(j)
            && !words[j + 1].opens_sentence
        {
            j += 1;
        }
        j
    }

    /// Tries every span of the run `i..=j` that starts and ends on a capitalised word,
    /// longest first; a span found (linked or tied) takes its words.
    fn spans_of_run(&mut self, i: usize, j: usize) {
        // How many words from a start keep the skeleton a prefix of some key: no span
        // longer than that can be a key. Worked out once per start, when a span needs it.
        self.reach_of.clear();
        self.reach_of.resize(j + 1 - i, None);
        self.taken.clear();
        self.taken.resize(j + 1 - i, false);
        for len in (1..=MAX_WORDS.min(j + 1 - i)).rev() {
            for a in i..=j + 1 - len {
                let b = a + len - 1;
                if self.taken[a - i..=b - i].iter().any(|&x| x)
                    || !self.capital(a)
                    || !self.capital(b)
                    || !self.worth_comparing(a, b)
                    || len > self.reach(a, (a + MAX_WORDS - 1).min(j), i)
                {
                    continue;
                }
                let found = match self.link(a, b) {
                    Some(Link::One(hit)) => {
                        self.out.push(hit);
                        true
                    }
                    Some(Link::Tied(tie)) => {
                        self.ambiguous.push(tie);
                        true
                    }
                    None => false,
                };
                if found {
                    self.taken[a - i..=b - i].iter_mut().for_each(|x| *x = true);
                }
            }
        }
    }

    /// The span `a..=b` is worth comparing with names: long enough, not only English
    /// words, not over a gazetteer hit it does not strictly contain, and a one-word span
    /// only mid-sentence in a document about the region.
    fn worth_comparing(&mut self, a: usize, b: usize) -> bool {
        let words = self.doc.words();
        let one_word = a == b;
        // A lone word opening a sentence is too often an ordinary word.
        let sentence_start = words[a].opens_sentence;
        if (one_word && (sentence_start || !self.regional)) || !self.span_ok(a, b) {
            return false;
        }
        // "In Havana": a function word opening a sentence is not part of a name.
        if super::discover::is_sentence_word(self.doc.word_text(a)) {
            return false;
        }
        let letters: usize = (a..=b).map(|t| self.doc.key(t).len()).sum();
        letters >= MIN_KEY && !(a..=b).all(|t| self.english(t) || self.particle(t))
    }

    /// A span may cover gazetteer hits only by strictly containing them ("Kataeb Hezbollah"
    /// over "Hezbollah"); a lone word any hit covers, a known surname included, is left
    /// alone.
    fn span_ok(&self, a: usize, b: usize) -> bool {
        (a..=b).flat_map(|t| self.covering.at(t)).all(|&h| {
            let c = &self.all_hits[h as usize];
            a <= c.first && c.last <= b && c.last - c.first < b - a
        })
    }

    /// How many words from `a` (up to `last`) keep the span's skeleton a prefix of some
    /// name's; cached per word of the run that starts at `run`.
    fn reach(&mut self, a: usize, last: usize, run: usize) -> usize {
        if let Some(r) = self.reach_of[a - run] {
            return r;
        }
        self.ph.clear();
        let mut r = 0;
        for b in a..=last {
            join_phonetic(&mut self.ph, self.parts.get(b, self.doc.key(b)));
            self.sk.clear();
            skeleton_into(&self.ph, &mut self.sk);
            if !self.sk.is_empty() && !self.index.may_begin(&self.sk) {
                break;
            }
            r = b + 1 - a;
        }
        self.reach_of[a - run] = Some(r);
        r
    }

    /// Compares the span `a..=b` with the names of its skeleton.
    fn link(&mut self, a: usize, b: usize) -> Option<Link> {
        let one_word = a == b;
        let letters: usize = (a..=b).map(|t| self.doc.key(t).len()).sum();
        let threshold = threshold(one_word, letters);
        // The span's phonetic form from its words' (as `phonetic` would build it).
        self.ph.clear();
        for t in a..=b {
            join_phonetic(&mut self.ph, self.parts.get(t, self.doc.key(t)));
        }
        self.sk.clear();
        skeleton_into(&self.ph, &mut self.sk);
        let entries = self.index.entries(&self.sk)?;
        let wk: Vec<&str> = (a..=b).map(|t| self.doc.key(t)).collect();
        let (best, top) = closest(self.index, &entries, &wk, &self.ph, one_word, threshold)?;
        let refs = self.targets(&top, one_word, a, b);
        if refs.is_empty() {
            return None;
        }
        let words = self.doc.words();
        let full: HashSet<u32> = refs
            .iter()
            .filter(|r| r.kind != NameKind::Partial)
            .map(|r| r.entity)
            .collect();
        if full.len() > 1 {
            return Some(Link::Tied(Ambiguous {
                start: words[a].start(),
                end: words[b].end(),
                entities: full.into_iter().collect(),
            }));
        }
        let trace = self.trace(a, b, top[0], refs[0]);
        Some(Link::One(Hit {
            first: a,
            last: b,
            start: words[a].start(),
            end: words[b].end(),
            kind: HitKind::Listed {
                refs,
                weight: self.doc.key_range(b).1 - self.doc.key_range(a).0,
                variant: Some(Variant {
                    confidence: (best * 100.0).round() / 100.0,
                    trace,
                }),
                evidence: Vec::new(),
            },
        }))
    }

    /// The candidates of the closest names that may be linked: plain names of entities from
    /// transliterated countries (of a country the document names, for one word), whose
    /// context guard holds and whose lifetime holds the document's date, one per entity.
    fn targets(&mut self, top: &[&Entry<'_>], one_word: bool, a: usize, b: usize) -> Vec<NameRef> {
        let gaz = self.gaz;
        let (start, end) = (self.doc.words()[a].start(), self.doc.words()[b].end());
        let mut refs: Vec<NameRef> = Vec::new();
        for e in top {
            for r in gaz.candidates(e.pattern as usize) {
                let info = gaz.name(r);
                let country = gaz.entry(r.entity).country.as_deref();
                if !info.is_code()
                    && country.is_some_and(|c| TRANSLITERATED_COUNTRIES.contains(&c))
                    && (!one_word || country.is_some_and(|k| self.countries.contains(&k)))
                    && !refs.iter().any(|x| x.entity == r.entity)
                    && (!info.is_guarded() || gaz.guard_ok(self.doc, r.entity, &mut self.guards))
                    && self.lifetimes.admits(gaz, r, start, end)
                {
                    refs.push(r);
                }
            }
        }
        refs
    }

    /// The rules fired, in order and each once: the span's word by word, then the listed
    /// name's (worked out only here, for a link made).
    fn trace(&self, a: usize, b: usize, entry: &Entry<'_>, first: NameRef) -> String {
        let mut fired: Fired = Vec::new();
        for t in a..=b {
            phonetic_part(self.doc.key(t), &mut fired);
        }
        phonetic(&entry.words, &mut fired);
        let surface = self.gaz.name(first).surface();
        if fired.is_empty() {
            format!("close to {surface:?}")
        } else {
            format!("{} (close to {surface:?})", fired.join(", "))
        }
    }
}

/// The best similarity of the span (words `wk`, phonetic form `ph`) to the proposed names,
/// and the names within [`TIE`] of it, best first; none when no name passes the checks and
/// the threshold. The cheap tests come first, the must-not-merge sets (which build strings)
/// last.
fn closest<'e, 'i>(
    index: &VariantIndex,
    entries: &'e [Entry<'i>],
    wk: &[&str],
    ph: &str,
    one_word: bool,
    threshold: f32,
) -> Option<(f32, Vec<&'e Entry<'i>>)> {
    let mut scored: Vec<(f32, &Entry<'i>)> = entries
        .iter()
        .filter(|e| {
            let listed = e.words.iter().flat_map(|w| w.bytes());
            !listed.eq(wk.iter().flat_map(|w| w.bytes()))
        })
        .filter(|e| !(one_word && e.words.first().is_some_and(|w| *w == "al")))
        .filter(|e| same_shape(wk, &e.words))
        .filter(|e| differing_words_foreign(wk, &e.words))
        .map(|e| (similarity_at_least(ph, e.phonetic, threshold), e))
        .filter(|(s, e)| *s >= threshold && !index.vetoed(wk, &e.words, e.kind))
        .collect();
    if scored.is_empty() {
        return None;
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.pattern.cmp(&y.1.pattern)));
    let best = scored[0].0;
    let top = scored
        .iter()
        .take_while(|(s, _)| best - *s <= TIE)
        .map(|(_, e)| *e)
        .collect();
    Some((best, top))
}

/// The phonetic parts of a document's words, each built when first wanted, all in one
/// buffer.
struct Parts {
    buf: Vec<u8>,
    /// Each word's part as a range of `buf`; `u32::MAX` for one not built yet. Sized on
    /// first use: most documents never ask.
    at: Vec<(u32, u32)>,
    words: usize,
}

impl Parts {
    fn new(words: usize) -> Self {
        Parts {
            buf: Vec::new(),
            at: Vec::new(),
            words,
        }
    }

    /// Word `t`'s part, from its folded `key`.
    fn get(&mut self, t: usize, key: &str) -> &str {
        if self.at.is_empty() {
            self.at.resize(self.words, (u32::MAX, 0));
            // Room for the parts of a few dozen words: grown from empty, the buffer was
            // reallocated about five times per document.
            self.buf.reserve(256);
        }
        if self.at[t].0 == u32::MAX {
            let from = self.buf.len();
            phonetic_part_append(key, &mut self.buf);
            self.at[t] = (from as u32, self.buf.len() as u32);
        }
        let (s, e) = self.at[t];
        std::str::from_utf8(&self.buf[s as usize..e as usize]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    //! One table per guard of the variant stage: each row a sentence, and the variant hit
    //! it must give (span, entity id) or `None`. Discovery is off, so only stage 3a and 3b
    //! speak. The places and people are listed under the country the rule needs; "Hurs",
    //! "Patriut" and the Karimis are invented.
    use super::MIN_KEY;
    use crate::extract::testing::{ambiguous, hits, lexicon, mentions};

    const ROWS: &str = "id\ttype\tcanonical\taliases\tcodes\tcountry\n\
        gpe.iraq\tGPE\tIraq\t\t\tIQ\n\
        gpe.iran\tGPE\tIran\t\t\tIR\n\
        per.qassem-soleimani\tPERSON\tQassem Soleimani\t\t\tIR\n\
        per.ali-khamenei\tPERSON\tAli Khamenei\t\t\tIR\n\
        per.hassan-nasrallah\tPERSON\tHassan Nasrallah\t\t\tLB\n\
        per.hossein-salami\tPERSON\tHossein Salami\t\t\tIR\n\
        org.kataib-hezbollah\tORG\tKataib Hezbollah\t\tKH\tIQ\n\
        org.hezbollah\tORG\tHezbollah\t\t\tLB\n\
        org.nujaba\tORG\tHezbollah al-Nujaba\t\t\tIQ\n\
        gpe.hurs\tGPE\tHurs\t\t\tIQ\n\
        gpe.patriut\tGPE\tPatriut\t\t\tIQ\n\
        gpe.basra\tGPE\tBasra\t\t\tIQ\n\
        gpe.karbala\tGPE\tKarbala\t\t\tIQ\n\
        gpe.mashhad\tGPE\tMashhad\t\t\tIR\n\
        gpe.qurna\tGPE\tAl-Qurna\t\t\tIQ\n\
        gpe.dubai\tGPE\tDubai\t\t\tAE\n\
        fac.ain-dubai\tFACILITY\tAin Dubai\t\t\tAE\n\
        gpe.west-bank\tGPE\tWest Bank\t\t\tPS\n\
        gpe.jurf-al-sakhar\tGPE\tJurf al-Sakhar\t\t\tIQ\n\
        org.islamic-jihad\tORG\tIslamic Jihad\t\t\tPS\n";

    /// The variant hits of `text` as (span, first candidate id), discovery off.
    fn variants(lex: &crate::extract::lexicon::Lexicon, text: &str) -> Vec<(String, String)> {
        hits(lex, text, true, false)
            .into_iter()
            .filter(|h| h.how == "variant")
            .map(|h| (h.text, h.ids[0].clone()))
            .collect()
    }

    /// A row's expected variant hit: (span, entity id), or none.
    type Expect<'a> = Option<(&'a str, &'a str)>;

    /// Checks each row's variant hit (or its absence) against `lex`.
    fn check(lex: &crate::extract::lexicon::Lexicon, rows: &[(&str, Expect<'_>)]) {
        for (text, want) in rows {
            let got = variants(lex, text);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(s, id)| (s.to_string(), id.to_string()))
                .collect();
            assert_eq!(got, want, "row {text:?}");
        }
    }

    #[test]
    fn unlisted_spelling_links_with_a_trace_of_its_rules() {
        let lex = lexicon(ROWS, false);
        // (text, span, entity, trace labels that must be named)
        let rows: &[(&str, &str, &str, &[&str])] = &[
            (
                "Officials said Qasem Suleimani was killed.",
                "Qasem Suleimani",
                "per.qassem-soleimani",
                &[
                    "q~k~gh~g",
                    "ei~ey~ai~ay~e",
                    "doubled letters",
                    "close to \"Qassem Soleimani\"",
                ],
            ),
            (
                "Kataeb Hizballah fired rockets.",
                "Kataeb Hizballah",
                "org.kataib-hezbollah",
                &[
                    "ei~ey~ai~ay~e",
                    "final -h dropped",
                    "close to \"Kataib Hezbollah\"",
                ],
            ),
            // One word, mid-sentence, in a document naming Iraq.
            (
                "Iraq said rockets hit Basrah.",
                "Basrah",
                "gpe.basra",
                &["final -h dropped (close to \"Basra\")"],
            ),
            // A part written apart ("Nasr Allah") keeps the shape of the joined name.
            (
                "Aides to Hasan Nasr Allah said.",
                "Hasan Nasr Allah",
                "per.hassan-nasrallah",
                &["doubled letters", "close to \"Hassan Nasrallah\""],
            ),
        ];
        for (text, span, id, labels) in rows {
            let h = hits(&lex, text, true, false);
            let v = h.iter().find(|h| h.how == "variant");
            let v = v.unwrap_or_else(|| panic!("row {text:?}: no variant in {h:?}"));
            assert_eq!(
                (v.text.as_str(), v.ids.as_slice()),
                (*span, &[id.to_string()][..])
            );
            let trace = v.why.as_deref().unwrap_or_default();
            for l in *labels {
                assert!(trace.contains(l), "row {text:?}: {l:?} not in {trace:?}");
            }
        }
    }

    #[test]
    fn names_under_min_key_letters_are_not_compared() {
        let lex = lexicon(ROWS, false);
        assert_eq!(MIN_KEY, 5);
        check(
            &lex,
            &[
                // "Hoors" (5 letters) and "Hors" (4) both fold to the phonetic form of "Hurs".
                ("Iraq said rockets hit Hoors.", Some(("Hoors", "gpe.hurs"))),
                ("Iraq said rockets hit Hors.", None),
            ],
        );
    }

    #[test]
    fn spans_of_common_english_words_are_not_compared() {
        let lex = lexicon(ROWS, false);
        check(
            &lex,
            &[
                // Same phonetic forms as the listed "Hurs" and "Patriut": English words (as
                // differing words, `differing_words_foreign` refuses them as well).
                ("Iraq said rockets hit Hours later.", None),
                ("Iraq said the Patriot battery fired.", None),
                // Spellings that are no English word link.
                (
                    "Iraq said rockets hit Hoors later.",
                    Some(("Hoors", "gpe.hurs")),
                ),
                (
                    "Iraq said the Pattriot battery fired.",
                    Some(("Pattriot", "gpe.patriut")),
                ),
            ],
        );
    }

    #[test]
    fn british_and_american_spellings_are_one_english_word() {
        // (a, b, one word)
        let rows = [
            ("organisation", "organization", true),
            ("mobilization", "mobilisation", true),
            ("labour", "labor", true),
            ("defence", "defense", true),
            ("organised", "organized", true),
            // Short words, other words, other endings.
            ("four", "for", false),
            ("rise", "rize", false),
            ("organisation", "organizations", false),
            ("vista", "west", false),
            ("council", "counsel", false),
        ];
        for (a, b, one) in rows {
            assert_eq!(super::one_english_word(a, b), one, "{a} / {b}");
        }
        let lex = lexicon(
            "id\ttype\tcanonical\taliases\tcountry\n\
             org.badr\tORG\tBadr Organization\tBadr\tIQ\n",
            false,
        );
        check(
            &lex,
            &[
                (
                    "Iraq said the Badr Organisation fought.",
                    Some(("Badr Organisation", "org.badr")),
                ),
                // Another English word is another name.
                ("Iraq said the Badr Operation fought.", None),
            ],
        );
    }

    #[test]
    fn only_transliterated_countries_are_targets() {
        // One listed name under several countries; the same unlisted spelling of it.
        let rows = [
            ("IQ", true),
            ("TR", true),
            ("AF", true),
            ("US", false),
            ("PE", false),
            ("", false),
        ];
        for (country, links) in rows {
            let lex = lexicon(
                &format!("id\ttype\tcanonical\tcountry\ngpe.kc\tGPE\tKansas City\t{country}\n"),
                false,
            );
            let want = links.then_some(("Kanzas City", "gpe.kc"));
            check(&lex, &[("Police in Kanzas City said.", want)]);
        }
    }

    #[test]
    fn one_word_needs_mid_sentence_and_the_targets_country() {
        let lex = lexicon(ROWS, false);
        check(
            &lex,
            &[
                // The document names Iran, the target's country: the surname links.
                (
                    "Iran said Suleimani was killed.",
                    Some(("Suleimani", "per.qassem-soleimani")),
                ),
                // A lone word opening a sentence.
                ("Suleimani was killed, Iran said.", None),
                // No country named at all.
                ("Officials said Suleimani was killed.", None),
                // A transliterated country, but not the target's.
                ("Iraq said Suleimani was killed.", None),
                // Two words need no country.
                (
                    "Officials said Qasem Suleimani was killed.",
                    Some(("Qasem Suleimani", "per.qassem-soleimani")),
                ),
            ],
        );
    }

    #[test]
    fn a_sentence_opening_function_word_opens_no_span() {
        let lex = lexicon(ROWS, false);
        check(
            &lex,
            &[
                // "In Dubai" is phonetically close to the listed "Ain Dubai" (its differing
                // word "in" is also English, so the English-word rule refuses it too).
                ("In Dubai, officials met.", None),
                (
                    "Visitors to Ayn Dubai queued.",
                    Some(("Ayn Dubai", "fac.ain-dubai")),
                ),
            ],
        );
    }

    #[test]
    fn different_shapes_do_not_link() {
        let lex = lexicon(ROWS, false);
        check(
            &lex,
            &[
                // Two words against the one-word surname "Salami" (similarity 0.86).
                ("Iran said Sallie Mae paid.", None),
                (
                    "Iran said Sallami paid.",
                    Some(("Sallami", "per.hossein-salami")),
                ),
                // A part written apart is the one exception.
                (
                    "Aides to Hasan Nasr Allah said.",
                    Some(("Hasan Nasr Allah", "per.hassan-nasrallah")),
                ),
            ],
        );
    }

    #[test]
    fn differing_words_must_not_be_english() {
        let lex = lexicon(ROWS, false);
        check(
            &lex,
            &[
                // "vista" is an English word; "bank" is shared, so it does not count
                // (the span is all English too, which the rule above also refuses).
                ("Police in Vista Bank said.", None),
                (
                    "Police in Wast Bank said.",
                    Some(("Wast Bank", "gpe.west-bank")),
                ),
                // Only this rule refuses "Jurf al-Sugar": "jurf" is no English word.
                ("Troops entered Jurf al-Sugar.", None),
                (
                    "Troops entered Jurf al-Sukhar.",
                    Some(("Jurf al-Sukhar", "gpe.jurf-al-sakhar")),
                ),
            ],
        );
    }

    #[test]
    fn one_word_never_links_to_a_name_with_the_article() {
        let lex = lexicon(ROWS, false);
        check(
            &lex,
            &[
                // "Qurnah" has the phonetic form of the listed "Al-Qurna", article aside;
                // written with its article it is two words and links.
                ("Iraq said Qurnah was calm.", None),
                (
                    "Iraq said Al-Qurnah was calm.",
                    Some(("Al-Qurnah", "gpe.qurna")),
                ),
            ],
        );
    }

    #[test]
    fn must_not_merge_pairs_veto_the_link() {
        let rows = "id\ttype\tcanonical\tcountry\n\
            gpe.iraq\tGPE\tIraq\tIQ\n\
            gpe.samarra\tGPE\tSamarra\tIQ\n\
            per.hassan-karimi\tPERSON\tHassan Karimi\tIR\n\
            per.mahmoud-karimi\tPERSON\tMahmoud Karimi\tIR\n\
            org.hassan-karimi-brigade\tORG\tHassan Karimi Brigade\tIR\n";
        // (no_merge list loaded, text, variant hit)
        let table: &[(bool, &str, Expect<'_>)] = &[
            // A whole-name pair: Samara/Samarra.
            (
                false,
                "Iraq said Samara was calm.",
                Some(("Samara", "gpe.samarra")),
            ),
            (true, "Iraq said Samara was calm.", None),
            // A typed word pair (PERSON): Hassan/Hussein, Muhammad/Mahmoud.
            (
                false,
                "Aides to Hussein Karimi said.",
                Some(("Hussein Karimi", "per.hassan-karimi")),
            ),
            (true, "Aides to Hussein Karimi said.", None),
            (
                false,
                "Aides to Muhammad Karimi said.",
                Some(("Muhammad Karimi", "per.mahmoud-karimi")),
            ),
            (true, "Aides to Muhammad Karimi said.", None),
            // A spelling of the same word is no pair.
            (
                true,
                "Aides to Mahmud Karimi said.",
                Some(("Mahmud Karimi", "per.mahmoud-karimi")),
            ),
            // A typed pair vetoes only names of its type: this is an organisation.
            (
                true,
                "The Hussein Karimi Brigade fired.",
                Some(("Hussein Karimi Brigade", "org.hassan-karimi-brigade")),
            ),
        ];
        let plain = lexicon(rows, false);
        let guarded = lexicon(rows, true);
        for (no_merge, text, want) in table {
            let lex = if *no_merge { &guarded } else { &plain };
            check(lex, &[(text, *want)]);
        }
    }

    #[test]
    fn thresholds_by_word_count_and_length() {
        let lex = lexicon(ROWS, false);
        check(
            &lex,
            &[
                // One word of 7 letters at 0.91: reaches THRESHOLD_ONE_WORD (0.90).
                (
                    "Iraq said Kerbela was calm.",
                    Some(("Kerbela", "gpe.karbala")),
                ),
                // One word of 6 letters at 0.92: short of THRESHOLD_SHORT_WORD (0.94).
                ("Iran said Mashad was calm.", None),
                // One word at 0.85: short of 0.90.
                ("Iran said Khamenehi spoke.", None),
                // Two words at 0.89: reach THRESHOLD (0.84).
                (
                    "Iran said Ali Khamenehi spoke.",
                    Some(("Ali Khamenehi", "per.ali-khamenei")),
                ),
            ],
        );
    }

    #[test]
    fn ties_are_reported_not_linked() {
        // Two people whose names have one phonetic form: any spelling is as close to both.
        let lex = lexicon(
            "id\ttype\tcanonical\tcountry\n\
             per.hassan-karimi\tPERSON\tHassan Karimi\tIR\n\
             per.hasan-karimi\tPERSON\tHasan Karimi\tIR\n\
             per.hadi-amiri\tPERSON\tHadi Amiri\tIQ\n",
            false,
        );
        let text = "On Monday Hasan Kareemi arrived.";
        assert_eq!(variants(&lex, text), []);
        assert_eq!(
            ambiguous(&lex, text),
            [(
                "Hasan Kareemi".to_string(),
                vec![
                    "per.hasan-karimi".to_string(),
                    "per.hassan-karimi".to_string()
                ]
            )]
        );
        assert!(
            mentions(&lex, text).is_empty(),
            "{:?}",
            mentions(&lex, text)
        );
        // One close entity: linked, nothing reported.
        let text = "On Monday Hadi Ameri arrived.";
        assert_eq!(
            variants(&lex, text),
            [("Hadi Ameri".to_string(), "per.hadi-amiri".to_string())]
        );
        assert!(ambiguous(&lex, text).is_empty());
    }

    #[test]
    fn spans_may_only_strictly_contain_hits() {
        let lex = lexicon(ROWS, false);
        check(
            &lex,
            &[
                // Over the listed "Hezbollah", which each span strictly contains.
                (
                    "Kataeb Hezbollah fired.",
                    Some(("Kataeb Hezbollah", "org.kataib-hezbollah")),
                ),
                (
                    "Hezbollah al-Nujabaa fired.",
                    Some(("Hezbollah al-Nujabaa", "org.nujaba")),
                ),
                // "Hezbollah al-Nujabaa" only partly overlaps the listed "Kataib Hezbollah".
                ("Kataib Hezbollah al-Nujabaa fired.", None),
            ],
        );
    }
}
