//! Stage 3c: spellings nobody listed. A capitalised name that no gazetteer lists exactly is
//! compared with the gazetteer names that share its transliteration skeleton
//! ([`crate::normalize::translit`]); the closest links with `match: "variant"`, a confidence
//! and a trace of the rules that made the link.
//!
//! Guards, because a false merge costs a database more than a miss:
//! - the text name must be capitalised and at least [`MIN_KEY`] letters long;
//! - the must-not-merge pairs of the gazetteers (Muhammad/Mahmoud, Samara/Samarra…) veto a
//!   link between names that differ exactly there;
//! - the weighted edit similarity must reach [`THRESHOLD`];
//! - two entities equally close (within [`TIE`]) give no link: the name is reported as
//!   ambiguous instead.

use crate::gazetteer::{Compiled, EntityType, NameKind, NameRef};
use crate::hashbits::HashBits;
use crate::matcher::{Candidate, Variant, guard_ok};
use crate::normalize::translit::{
    Fired, join_phonetic, phonetic, phonetic_part, phonetic_part_append, phonetic_untraced,
    similarity_at_least, skeleton, skeleton_into,
};
use crate::normalize::{NormText, name_key};
use crate::tokenize::Tokens;
use crate::wordtable::WordTable;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

/// Minimum length (folded letters) of a text name considered as a variant.
pub const MIN_KEY: usize = 5;
/// Minimum similarity for a link.
pub const THRESHOLD: f32 = 0.84;
/// Minimum similarity for a one-word name, which has less to go on.
pub const THRESHOLD_ONE_WORD: f32 = 0.9;
/// Minimum similarity for a one-word name of fewer than seven letters.
pub const THRESHOLD_SHORT_WORD: f32 = 0.94;

/// Frequent lower-case English words: a capitalised "Hours" or "Patriot" is a word, not a
/// spelling of Heras or Petraeus. The demonyms of `src/data/demonyms.txt` are in the set
/// too, so one lookup answers both. Laid out by build.rs (see [`crate::wordtable`]).
static ENGLISH: WordTable = WordTable {
    text: include_bytes!(concat!(env!("OUT_DIR"), "/english-words.bin")),
    slots: include_bytes!(concat!(env!("OUT_DIR"), "/english-slots.bin")),
};

/// Countries whose names reach English through transliteration from Arabic, Persian,
/// Kurdish, Turkish or Pashto: only their people, groups and places are variant targets.
/// "Kansas", "Peru" or "Mattis" have one English spelling; a look-alike of them is another
/// word ("Qantas", "Perry", "MITI's"), not a variant.
pub const TRANSLITERATED_COUNTRIES: &[&str] = &[
    "IQ", "IR", "SY", "LB", "JO", "PS", "SA", "KW", "BH", "QA", "AE", "OM", "YE", "EG", "LY", "SD",
    "TN", "DZ", "MA", "AF", "PK", "TR",
];

/// Is the entity from a transliterated country?
fn is_target(gaz: &Compiled, entity: u32) -> bool {
    gaz.gazetteer.entities[entity as usize]
        .country
        .as_deref()
        .is_some_and(|c| TRANSLITERATED_COUNTRIES.contains(&c))
}

/// Is this folded word a frequent English word?
pub fn is_english_word(folded: &str) -> bool {
    ENGLISH.contains(folded.as_bytes())
}
/// Two candidates this close are a tie: no link.
pub const TIE: f32 = 0.02;
/// Most names one skeleton may propose.
const MAX_BUCKET: usize = 64;
/// Longest name (in words) compared.
const MAX_WORDS: usize = 5;

#[derive(Serialize, Deserialize)]
struct Entry {
    pattern: u32,
    phonetic: String,
    words: Vec<String>,
    kind: EntityType,
}

/// Gazetteer names grouped by skeleton, with the must-not-merge pairs.
#[derive(Serialize, Deserialize)]
pub struct VariantIndex {
    by_skeleton: HashMap<String, Vec<Entry>>,
    /// Whole names that must not link.
    no_merge: HashSet<(String, String)>,
    /// Words that must not stand for each other in names of a type.
    no_merge_words: HashSet<(String, String, EntityType)>,
    /// Every prefix of every skeleton in `by_skeleton`, hashed: a span whose skeleton is no
    /// prefix can be no key, nor can any longer span from the same word. A bit each: 64 KB
    /// for the bundled names (18,324 prefixes, 3.5% of bits set); a hash set of them (288 KB,
    /// a cache line or more per question) took 1–2% of a run in profiles, for the corpus's
    /// 90,000 questions. A false "maybe" only lets a span on to the exact skeleton lookup,
    /// which rejects it, so output is the same.
    prefixes: HashBits,
}

fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

impl VariantIndex {
    /// Indexes every plain (not case-sensitive) name of the gazetteer.
    pub fn new(gaz: &Compiled) -> Self {
        VariantIndex::from_parts(&gaz.gazetteer, &gaz.keys, &gaz.refs, &gaz.names)
    }

    /// Whether every entry names one of `patterns` patterns (a check on a decoded cache).
    pub(crate) fn is_sound(&self, patterns: usize) -> bool {
        self.prefixes.is_sound()
            && self
                .by_skeleton
                .values()
                .flatten()
                .all(|e| (e.pattern as usize) < patterns)
    }

    /// [`VariantIndex::new`] from the parts of a [`Compiled`] it reads, so that it can be
    /// built before the automaton is ready.
    pub(crate) fn from_parts(
        gazetteer: &crate::gazetteer::Gazetteer,
        keys: &[String],
        pattern_refs: &[Vec<NameRef>],
        names: &[crate::gazetteer::compile::NameInfo],
    ) -> Self {
        let mut by_skeleton: HashMap<String, Vec<Entry>> = HashMap::default();
        for (pid, refs) in pattern_refs.iter().enumerate() {
            let Some(r) = refs.iter().find(|r| names[r.name as usize].exact.is_none()) else {
                continue;
            };
            // The name's word keys as compiling found them (its key is the pattern's).
            let words = names[r.name as usize].word_keys(&keys[pid]);
            let w: Vec<&str> = words.iter().map(String::as_str).collect();
            let ph = phonetic_untraced(&w);
            if ph.len() < MIN_KEY - 1 {
                continue;
            }
            by_skeleton.entry(skeleton(&ph)).or_default().push(Entry {
                pattern: pid as u32,
                phonetic: ph,
                words,
                kind: gazetteer.entities[r.entity as usize].kind,
            });
        }
        // A skeleton shared by very many names is no evidence: it would propose a crowd of
        // near ties (and cost a comparison each). Such skeletons propose nothing.
        by_skeleton.retain(|_, entries| entries.len() <= MAX_BUCKET);
        let mut hashes = Vec::new();
        for k in by_skeleton.keys() {
            for (i, c) in k.char_indices() {
                hashes.push(hash_str(&k[..i + c.len_utf8()]));
            }
        }
        hashes.sort_unstable();
        hashes.dedup();
        let mut prefixes = HashBits::for_values(hashes.len());
        for &h in &hashes {
            prefixes.insert(h);
        }
        let mut no_merge = HashSet::default();
        let mut no_merge_words = HashSet::default();
        for p in &gazetteer.no_merge {
            let (a, b) = (name_key(&p.a), name_key(&p.b));
            if let Some(k) = p.kind {
                no_merge_words.insert((a.clone(), b.clone(), k));
                no_merge_words.insert((b.clone(), a.clone(), k));
            }
            no_merge.insert((a.clone(), b.clone()));
            no_merge.insert((b, a));
        }
        VariantIndex {
            by_skeleton,
            no_merge,
            no_merge_words,
            prefixes,
        }
    }

    /// Does a must-not-merge pair separate these two names: as whole names, or (for a
    /// typed pair and an entity of that type) as the one word where they differ?
    fn vetoed(&self, text_words: &[&str], gaz_words: &[String], kind: EntityType) -> bool {
        let whole_t: String = text_words.concat();
        let whole_g: String = gaz_words.concat();
        if self.no_merge.contains(&(whole_t, whole_g)) {
            return true;
        }
        let t: Vec<&str> = text_words.iter().copied().filter(|w| *w != "al").collect();
        let g: Vec<&str> = gaz_words
            .iter()
            .map(String::as_str)
            .filter(|w| *w != "al")
            .collect();
        t.len() == g.len()
            && t.iter().zip(&g).any(|(a, b)| {
                a != b
                    && self
                        .no_merge_words
                        .contains(&(a.to_string(), b.to_string(), kind))
            })
    }
}

/// Name parts that are written joined or apart ("Nasr Allah" / "Nasrallah").
const JOINABLE: &[&str] = &["allah", "ullah", "din", "deen", "aldin"];

/// The two names have the same number of words (particles aside), or differ only by a
/// part written joined in one and apart in the other. "Sallie Mae" is not "Salami".
fn same_shape(text_words: &[&str], gaz_words: &[String]) -> bool {
    let t: Vec<&str> = text_words
        .iter()
        .copied()
        .filter(|w| !PARTICLES.contains(w))
        .collect();
    let g: Vec<&str> = gaz_words
        .iter()
        .map(String::as_str)
        .filter(|w| !PARTICLES.contains(w))
        .collect();
    t.len() == g.len()
        || t.len() == g.len() + 1 && t.last().is_some_and(|w| JOINABLE.contains(w))
        || g.len() == t.len() + 1 && g.last().is_some_and(|w| JOINABLE.contains(w))
}

/// The words of the text name that the gazetteer name does not share are not English words:
/// "Vista Bank" is not a spelling of "West Bank", nor "Sun City" of "Sana'a City".
fn differing_words_foreign(text_words: &[&str], gaz_words: &[String]) -> bool {
    text_words
        .iter()
        .filter(|w| !gaz_words.iter().any(|g| g == *w))
        .all(|w| PARTICLES.contains(w) || !is_english_word(w))
}

/// A name that was close to two entities at once: reported, not linked.
#[derive(Debug, Clone, PartialEq)]
pub struct Ambiguous {
    /// Original byte span.
    pub start: usize,
    /// Original byte span end.
    pub end: usize,
    /// The competing entity indices.
    pub entities: Vec<u32>,
}

const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "ben", "abu", "abou", "abo", "abd", "el", "ul",
];

/// Is a folded word one of [`PARTICLES`]? Asked of every word of the text, so matched on
/// bytes (a unit test holds it to the list).
#[inline]
fn is_particle(key: &str) -> bool {
    matches!(
        key.as_bytes(),
        b"al" | b"bin" | b"ibn" | b"ben" | b"abu" | b"abou" | b"abo" | b"abd" | b"el" | b"ul"
    )
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

/// How many words from `a` (up to `last`) keep the span's skeleton a prefix of some key.
fn reach<'k>(
    index: &VariantIndex,
    parts: &mut Parts,
    key: &impl Fn(usize) -> &'k str,
    a: usize,
    last: usize,
    ph: &mut String,
    sk: &mut String,
) -> usize {
    ph.clear();
    let mut r = 0;
    for b in a..=last {
        join_phonetic(ph, parts.get(b, key(b)));
        sk.clear();
        skeleton_into(ph, sk);
        if !sk.is_empty() && !index.prefixes.may_contain(hash_str(sk)) {
            break;
        }
        r = b + 1 - a;
    }
    r
}

/// Finds variant candidates among capitalised words. `all_hits` are the document's
/// gazetteer hits, short forms included: a span may only strictly contain them.
pub fn find(
    text: &str,
    tokens: &Tokens,
    norm: &NormText,
    all_hits: &[Candidate],
    gaz: &Compiled,
    index: &VariantIndex,
) -> (Vec<Candidate>, Vec<Ambiguous>) {
    let words = &tokens.words;
    let n = words.len();
    let key = |t: usize| {
        let (s, e) = norm.tok_key[t];
        &norm.key[s as usize..e as usize]
    };
    let capital = |t: usize| words[t].is_capitalised();
    let particle = |t: usize| is_particle(key(t));
    let name_word = |t: usize| capital(t) || particle(t);
    // Each word's phonetic form, built once per word into one buffer (the rules it fired
    // are worked out again only for a link that is made).
    let mut parts = Parts::new(n);
    // Whether each word is common English, looked up once per word.
    // Sized on first use: most documents never ask.
    let english_cache: std::cell::RefCell<Vec<u8>> = Default::default();
    let english = |t: usize| {
        let mut cache = english_cache.borrow_mut();
        if cache.is_empty() {
            cache.resize(n, 2);
        }
        if cache[t] == 2 {
            cache[t] = is_english_word(key(t)) as u8;
        }
        cache[t] == 1
    };
    let gap_ok = |t: usize| {
        let gap = &text[words[t].end..words[t + 1].start];
        let gap = gap
            .strip_prefix(crate::normalize::is_apostrophe_like)
            .unwrap_or(gap);
        gap == " " || gap == "-" || gap.is_empty()
    };
    // A span may cover gazetteer hits only by strictly containing them ("Kataeb Hezbollah"
    // over "Hezbollah"); a lone word any hit covers, a known surname included, is left alone.
    let span_ok = |a: usize, b: usize| {
        all_hits.iter().all(|c| {
            c.last < a || c.first > b || (a <= c.first && c.last <= b && c.last - c.first < b - a)
        })
    };
    // One-word variants need the document to be about the region: some listed name of an
    // entity from a transliterated country must already be in it.
    // One-word variants need the document to be about the target's country: some listed
    // name of an entity of that country must already be in it ("German" is not Kerman in a
    // story that never mentions Iran).
    let mut countries: Vec<&str> = Vec::new();
    for c in all_hits.iter().filter(|c| !crate::matcher::only_partial(c)) {
        for r in &c.refs {
            if let Some(k) = gaz.gazetteer.entities[r.entity as usize].country.as_deref() {
                if !countries.contains(&k) {
                    countries.push(k);
                }
            }
        }
    }
    let regional = countries
        .iter()
        .any(|k| TRANSLITERATED_COUNTRIES.contains(k));
    let mut out = Vec::new();
    let mut ambiguous = Vec::new();
    let mut guard_cache = Vec::new();
    // Buffers reused from span to span: most documents have hundreds of name starts.
    let mut taken: Vec<bool> = Vec::new();
    let mut reach_of: Vec<Option<usize>> = Vec::new();
    let (mut ph, mut sk) = (String::new(), String::new());
    // Words before `next` are inside a run already looked at.
    let mut next = 0;
    for &i in &norm.starts {
        let i = i as usize;
        // A span opens on a capitalised word, or on a particle joined to the next word
        // ("al-Muhandis"); only the words normalising listed as possible starts are asked,
        // the token's own bits first and the key's bytes (another cache line) last.
        if i < next || !(capital(i) || words.get(i + 1).is_some_and(|w| w.joined) && particle(i)) {
            continue;
        }
        let mut j = i;
        while j + 1 < n
            && name_word(j + 1)
            && gap_ok(j)
            && words[j + 1].sentence == words[i].sentence
        {
            j += 1;
        }
        // How many words from a start keep the skeleton a prefix of some key: no span longer
        // than that can be a key. Worked out once per start, when a span first needs it.
        reach_of.clear();
        reach_of.resize(j + 1 - i, None);
        // Longest spans first; spans start and end on capitalised words.
        taken.clear();
        taken.resize(j + 1 - i, false);
        for len in (1..=MAX_WORDS.min(j + 1 - i)).rev() {
            for a in i..=j + 1 - len {
                let b = a + len - 1;
                if taken[a - i..=b - i].iter().any(|&x| x) || !capital(a) || !capital(b) {
                    continue;
                }
                let one_word = a == b;
                // A lone word opening a sentence is too often an ordinary word.
                let sentence_start = a == 0 || words[a - 1].sentence != words[a].sentence;
                if (one_word && (sentence_start || !regional)) || !span_ok(a, b) {
                    continue;
                }
                // "In Havana": a function word opening a sentence is not part of a name.
                if crate::discover::is_sentence_word(words[a].text(text)) {
                    continue;
                }
                let letters: usize = (a..=b).map(|t| key(t).len()).sum();
                if letters < MIN_KEY || (a..=b).all(|t| english(t) || particle(t)) {
                    continue;
                }
                let reach = *reach_of[a - i].get_or_insert_with(|| {
                    let last = j.min(a + MAX_WORDS - 1);
                    reach(index, &mut parts, &key, a, last, &mut ph, &mut sk)
                });
                if len > reach {
                    continue;
                }
                // Short one-word names have least to go on.
                let threshold = match (one_word, letters) {
                    (true, n) if n < 7 => THRESHOLD_SHORT_WORD,
                    (true, _) => THRESHOLD_ONE_WORD,
                    (false, _) => THRESHOLD,
                };
                // The span's phonetic form from its words' (as `phonetic` would build it).
                ph.clear();
                for t in a..=b {
                    join_phonetic(&mut ph, parts.get(t, key(t)));
                }
                sk.clear();
                skeleton_into(&ph, &mut sk);
                let Some(entries) = index.by_skeleton.get(sk.as_str()) else {
                    continue;
                };
                let wk: Vec<&str> = (a..=b).map(key).collect();
                // The cheap tests first, the must-not-merge sets (which build strings) last.
                let mut scored: Vec<(f32, &Entry)> = entries
                    .iter()
                    .filter(|e| {
                        let listed = e.words.iter().flat_map(|w| w.bytes());
                        !listed.eq(wk.iter().flat_map(|w| w.bytes()))
                    })
                    .filter(|e| !(one_word && e.words.first().is_some_and(|w| w == "al")))
                    .filter(|e| same_shape(&wk, &e.words))
                    .filter(|e| differing_words_foreign(&wk, &e.words))
                    .map(|e| (similarity_at_least(&ph, &e.phonetic, threshold), e))
                    .filter(|(s, e)| *s >= threshold && !index.vetoed(&wk, &e.words, e.kind))
                    .collect();
                if scored.is_empty() {
                    continue;
                }
                scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.pattern.cmp(&y.1.pattern)));
                let best = scored[0].0;
                let top: Vec<&Entry> = scored
                    .iter()
                    .take_while(|(s, _)| best - *s <= TIE)
                    .map(|(_, e)| *e)
                    .collect();
                let mut refs: Vec<NameRef> = Vec::new();
                for e in &top {
                    for r in &gaz.refs[e.pattern as usize] {
                        let info = &gaz.names[r.name as usize];
                        let country = gaz.gazetteer.entities[r.entity as usize].country.as_deref();
                        if info.exact.is_none()
                            && is_target(gaz, r.entity)
                            && (!one_word || country.is_some_and(|k| countries.contains(&k)))
                            && !refs.iter().any(|x| x.entity == r.entity)
                            && (!info.guarded || guard_ok(norm, gaz, r.entity, &mut guard_cache))
                        {
                            refs.push(*r);
                        }
                    }
                }
                if refs.is_empty() {
                    continue;
                }
                let full_entities: HashSet<u32> = refs
                    .iter()
                    .filter(|r| r.kind != NameKind::Partial)
                    .map(|r| r.entity)
                    .collect();
                if full_entities.len() > 1 {
                    ambiguous.push(Ambiguous {
                        start: words[a].start,
                        end: words[b].end,
                        entities: full_entities.into_iter().collect(),
                    });
                    taken[a - i..=b - i].iter_mut().for_each(|x| *x = true);
                    continue;
                }
                // The rules fired, in order and each once: the span's word by word, then
                // the listed name's (the trace is worked out only here, for a link made).
                let mut trace_rules: Fired = Vec::new();
                for t in a..=b {
                    phonetic_part(key(t), &mut trace_rules);
                }
                let gw: Vec<&str> = top[0].words.iter().map(String::as_str).collect();
                phonetic(&gw, &mut trace_rules);
                let surface = &gaz.names[refs[0].name as usize].surface;
                let trace = if trace_rules.is_empty() {
                    format!("close to {surface:?}")
                } else {
                    format!("{} (close to {surface:?})", trace_rules.join(", "))
                };
                taken[a - i..=b - i].iter_mut().for_each(|x| *x = true);
                out.push(Candidate {
                    first: a,
                    last: b,
                    start: words[a].start,
                    end: words[b].end,
                    refs,
                    weight: norm.tok_key[b].1 as usize - norm.tok_key[a].0 as usize,
                    variant: Some(Variant {
                        confidence: (best * 100.0).round() / 100.0,
                        trace,
                    }),
                });
            }
        }
        next = j + 1;
    }
    (out, ambiguous)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particle_test_agrees_with_the_list() {
        for p in PARTICLES {
            assert!(is_particle(p), "{p}");
        }
        for w in ["", "a", "als", "bi", "abus", "Al", "ibnx", "u"] {
            assert_eq!(is_particle(w), PARTICLES.contains(&w), "{w}");
        }
    }

    #[test]
    fn demonyms_count_as_english() {
        let demonyms = include_str!("data/demonyms.txt");
        let demonyms: Vec<&str> = demonyms.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(demonyms.len() > 50);
        for d in demonyms {
            assert!(is_english_word(d), "{d}");
        }
        assert!(!is_english_word("soleimani"));
    }
}
