//! Organisations and places the gazetteers lack, by the conventions of business news: a
//! company's whole name up to its legal form ("General Electric Co", "Merrill Lynch and Co
//! Inc"), a known place inside a name ("Union Bank of Switzerland", "Tokyo Stock Exchange"), a
//! known place with more to its name ("West Germany", "Kansas City"), names Reuters marks
//! as companies (angle brackets, a ticker after them), short forms of a company named in the
//! document ("Acme" after "Acme International Inc", "ACME" in the headline), and bodies every
//! country has ("Finance Ministry"), whose identity takes the country.

use super::runs::{self, gap_ok, is_caps, is_initials};
use super::words::*;
use super::{Known, discovered, key_of, may_be_short_form, taken_words};
use crate::data::discovery::{country_of_adjective, cues, cues_folded};
use crate::data::{is_demonym, is_english_word};
use crate::extract::find::hit::{Hit, HitKind};
use crate::gazetteer::EntityType;
use crate::text::Analysed;
use crate::text::tokenize::shape;
use rustc_hash::{FxHashMap, FxHashSet};

/// The names Reuters writes in angle brackets (`<Comissaria Smith>`, `<ACC CORP>`), which
/// are companies; one word in capitals alone there is a ticker (`<GBND>`), not a name, and
/// so is one followed by its exchange's code of one or two capitals (`<VOLV ST>`).
pub(super) fn bracketed(doc: &Analysed<'_>, known: &Known<'_>) -> Vec<Hit> {
    let (text, words) = (doc.text(), doc.words());
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('<').map(|o| from + o) {
        from = open + 1;
        let Some(close) = text[from..].find(['>', '<']).map(|c| from + c) else {
            break;
        };
        let inside = &text[from..close];
        if !text[close..].starts_with('>') || inside.len() > 100 || inside.contains("\n\n") {
            continue;
        }
        let first = words.partition_point(|w| w.start() < from);
        let last = words.partition_point(|w| w.end() <= close);
        if first >= last || words[first].start() != from || words[last - 1].end() != close {
            continue;
        }
        let last = last - 1;
        let one_token = !inside.contains(char::is_whitespace);
        if (one_token && !words[first].is_cap_word())
            || ticker_with_exchange(inside)
            || !bracket_words(doc, known, first, last)
        {
            continue;
        }
        out.extend(discovered(
            doc,
            first,
            last,
            EntityType::Org,
            "in angle brackets".into(),
        ));
    }
    out
}

/// Reuters opens a headline with a company's name and its ticker (`ACME STEEL CORP <ACS> 4TH
/// QTR NET`): the words from the line's start to the ticker, when they end in a company
/// suffix or an organisational head, are the company, a leading "THE" left out.
pub(super) fn headline_names(doc: &Analysed<'_>, known: &Known<'_>) -> Vec<Hit> {
    let (text, words) = (doc.text(), doc.words());
    let mut out = Vec::new();
    let mut first = 0;
    for j in 0..words.len() {
        if !doc.in_headline(j) {
            break;
        }
        if j > first && text[words[j - 1].end()..words[j].start()].contains('\n') {
            first = j;
        }
        let start = first + usize::from(j > first && doc.key(first) == "the");
        let named = j > start
            && before_ticker(doc, j)
            && cues_folded(doc.key(j)) & (cue::SUFFIX | cue::HEAD) != 0
            && bracket_words(doc, known, start, j);
        if named || alone_before_ticker(doc, known, first, j) {
            let start = if named { start } else { j };
            out.extend(discovered(
                doc,
                start,
                j,
                EntityType::Org,
                "headline name before its ticker".into(),
            ));
        }
    }
    out
}

/// One word in capitals before its ticker, opening the headline's line or after a comma or
/// a preposition (`SHOWBOAT <SBO> TO TAKE CHARGE`, `STAKE IN VANTOR <VSC>`), is a company's
/// whole name: no sentence opens there. After any other word, "of", "for" and "and" among
/// them, it may be the last word of a longer name (`GOLDEN NUGGET <GNG>`, `BANK OF BOSTON
/// <BKB>`, `BELL AND HOWELL <BHW>`), so it is left alone. A word the gazetteers cover
/// other than as a place, or a legal form, is no such name.
fn alone_before_ticker(doc: &Analysed<'_>, known: &Known<'_>, line_first: usize, j: usize) -> bool {
    let opens = j == line_first
        || doc.text()[doc.words()[j - 1].end()..doc.words()[j].start()].contains(',')
        || matches!(
            doc.key(j - 1),
            "to" | "by" | "with" | "from" | "in" | "on" | "at" | "vs"
        );
    let place_alone = known.place(j).is_some_and(|p| p.first == j && p.last == j);
    opens
        && before_ticker(doc, j)
        && is_caps(doc, j)
        && (known.free(j) || place_alone)
        && cues_folded(doc.key(j)) & cue::SUFFIX == 0
}

/// "VOLV ST", "BP L": a ticker of capitals and its exchange's code of one or two.
fn ticker_with_exchange(inside: &str) -> bool {
    let caps = |w: &str| w.bytes().all(|b| b.is_ascii_uppercase());
    match inside.split_once(' ') {
        Some((ticker, exchange)) => {
            (1..=6).contains(&ticker.len())
                && (1..=2).contains(&exchange.len())
                && caps(ticker)
                && caps(exchange)
                && cues_folded(&ticker.to_lowercase()) == 0
                && cues_folded(&exchange.to_lowercase()) == 0
        }
        None => false,
    }
}

/// Are words `first..=last` a name: each uncovered or a known place, capitalised, in
/// capitals, initials, or a function word inside, joined by the gaps a name spans?
fn bracket_words(doc: &Analysed<'_>, known: &Known<'_>, first: usize, last: usize) -> bool {
    (first..=last).all(|k| {
        let w = doc.word_text(k);
        let word = doc.words()[k];
        let shape_ok = word.is_cap_word()
            || is_caps(doc, k)
            || is_initials(w)
            || is_initial(w)
            || w.starts_with(|c: char| c.is_ascii_digit())
            || (k > first && k < last && (is_org_inner(w) || is_name_particle(w)));
        (known.free(k) || known.place(k).is_some()) && shape_ok && (k == last || gap_ok(doc, k))
    })
}

/// Does a ticker in angle brackets follow word `j` (`Acme <ACM>`, `Acme <ACM.T>`,
/// `Acme <ACM ST>`)?
pub(crate) fn before_ticker(doc: &Analysed<'_>, j: usize) -> bool {
    let rest = &doc.text()[doc.words()[j].end()..];
    let Some(rest) = rest.strip_prefix(" <") else {
        return false;
    };
    let ticker = rest.split('>').next().unwrap_or("");
    rest.len() > ticker.len()
        && (1..=12).contains(&ticker.len())
        && (ticker_with_exchange(ticker)
            || ticker
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.'))
}

/// An organisation, facility or place over the wide run `i..=j` (or a start of it), whose
/// name reaches past what a plain run takes: it opens on "General" or "American" before a company suffix, on capitals or
/// initials ("ACC", "E.F."), or holds a known place ("Bank of Italy"). A place the run ends
/// on that is not part of the name is left out ("Texas Commerce Bank-Houston").
pub(super) fn company_or_place(
    doc: &Analysed<'_>,
    known: &Known<'_>,
    i: usize,
    mut j: usize,
) -> Option<Hit> {
    // Every reading below needs a word no gazetteer hit covers (a head, a legal form, a
    // compass word, "City"): a run of known places alone is none, whatever its length.
    if !(i..=j).any(|k| known.free(k)) {
        return None;
    }
    loop {
        if runs::is_money(doc, known, i, j) {
            return None;
        }
        if let Some((kind, evidence)) = wide_thing(doc, known, i, j) {
            let i = partners_before(doc, known, i, j);
            return discovered(doc, i, j, kind, evidence);
        }
        match known.place(j) {
            Some(p) if p.first > i => {
                j = p.first - 1;
                while j > i && is_org_inner(doc.word_text(j)) {
                    j -= 1;
                }
            }
            _ => return None,
        }
    }
}

/// "Kidder, Peabody and Co Inc": a partnership's name ("... and Co") may hold a comma after
/// its first one or two words; the start of the name, taking them in when nothing
/// capitalised or a comma stands before them (a list: "Acme, Kidder, Peabody and Co").
pub(super) fn partners_before(doc: &Analysed<'_>, known: &Known<'_>, i: usize, j: usize) -> usize {
    let words = doc.words();
    let gap = |k: usize| &doc.text()[words[k].end()..words[k + 1].start()];
    let partnership = (i..j).any(|k| {
        (doc.word_text(k) == "and" || gap(k) == " & ") && known.is(doc, k + 1, cue::SUFFIX)
    });
    if !partnership || i == 0 || !matches!(gap(i - 1), ", " | ",\n") {
        return i;
    }
    let plain =
        |k: usize| known.free(k) && words[k].is_cap_word() && !known.is(doc, k, cue::NOT_START);
    let mut first = i - 1;
    if !plain(first) {
        return i;
    }
    if first > 0 && gap(first - 1) == " " && plain(first - 1) {
        first -= 1;
    }
    let open = first == 0 || {
        let g = gap(first - 1);
        !(g.contains(',') || g == " " && words[first - 1].is_capitalised())
    };
    if open { first } else { i }
}

/// May a wide run open on word `i`: a known place, an uncovered capitalised word (a
/// sentence word or title only if it may open a company's name), capitals, or initials?
pub(super) fn opens_wide(doc: &Analysed<'_>, known: &Known<'_>, i: usize) -> bool {
    if known.opens_place(i) {
        return true;
    }
    let text = doc.word_text(i);
    known.free(i)
        && ((doc.words()[i].is_cap_word()
            && (!known.is(doc, i, cue::NOT_START | cue::TITLE)
                || known.is(doc, i, cue::OPENS_COMPANY)))
            || (is_caps(doc, i) && cues(text) & cue::NOT_START == 0)
            || is_initials(text))
}

/// What the wide run `i..=j` is, if anything: an organisation by its last word or by a head
/// before "of"/"for", a facility by its last word, or a place by a compass word before a
/// known place or "City" after one.
fn wide_thing(
    doc: &Analysed<'_>,
    known: &Known<'_>,
    i: usize,
    j: usize,
) -> Option<(EntityType, String)> {
    let w = |k: usize| doc.word_text(k);
    // Wire copy capitalises the word after a country's dotted code whatever it is ("two U.S.
    // Banks", "U.K. Base rates", "U.S. Bank officials"): one word after one, a company
    // suffix aside ("U.S.A. Inc"), is no evidence of a name.
    let after_code = j == i + 1
        && super::is_dotted_abbreviation(w(i))
        && known.place(i).is_some()
        && !known.is(doc, j, cue::SUFFIX);
    if j == i || after_code {
        return None;
    }
    let last = w(j);
    // A title inside ("Acme's Vice President for Finance") makes the run no company.
    let titled =
        (i + 1..=j).any(|k| known.is(doc, k, cue::TITLE) && !known.is(doc, k, cue::OPENS_COMPANY));
    // "U.K. Unit trusts", "the Iraq Initiative": some heads name nothing with a place.
    let with_place = (i..j).any(|k| known.place(k).is_some());
    let weak = with_place && known.is(doc, j, cue::WEAK_HEAD);
    if known.free(j) && known.is(doc, j, cue::HEAD) && !titled && !weak {
        return Some((EntityType::Org, format!("organisational head \"{last}\"")));
    }
    let head_of = (i..j.saturating_sub(1)).find(|&k| {
        known.free(k) && known.is(doc, k, cue::HEAD) && matches!(w(k + 1), "of" | "for")
    });
    if let Some(k) = head_of.filter(|_| !titled) {
        return Some((EntityType::Org, format!("organisational head \"{}\"", w(k))));
    }
    let inner = (i..=j).any(|k| is_org_inner(w(k)));
    if known.free(j) && known.is(doc, j, cue::FACILITY_LAST) && !inner {
        return Some((EntityType::Facility, format!("facility word \"{last}\"")));
    }
    place_with_more(doc, known, i, j)
}

/// A head followed by "of" or "for" and more of the name ("Bank of Italy", "Department of
/// Agriculture"), if the run `i..=j` holds one.
pub(super) fn head_before_of(
    doc: &Analysed<'_>,
    known: &Known<'_>,
    i: usize,
    j: usize,
) -> Option<usize> {
    (i..j.saturating_sub(1)).find(|&k| {
        known.free(k) && known.is(doc, k, cue::HEAD) && matches!(doc.word_text(k + 1), "of" | "for")
    })
}

/// "West Germany", "Kansas City": a known place with compass words before it or "City"
/// after it is one place, of the known place's type; with a natural feature's word after it
/// ("Mississippi River") or before "of" ("Gulf of Mexico") it names the feature, a LOC.
fn place_with_more(
    doc: &Analysed<'_>,
    known: &Known<'_>,
    i: usize,
    j: usize,
) -> Option<(EntityType, String)> {
    let w = |k: usize| doc.word_text(k);
    // "Gulf of Mexico", "Strait of Hormuz": a feature's word before "of" names the feature.
    if known.free(i) && known.is(doc, i, cue::FEATURE_OF) && w(i + 1) == "of" {
        return Some((EntityType::Loc, format!("\"{} of\" names a feature", w(i))));
    }
    if let Some(p) = known.place(j).filter(|p| p.first > i) {
        if (i..p.first).all(|k| known.free(k) && known.is(doc, k, cue::COMPASS)) {
            return Some((p.kind, format!("\"{}\" before a known place", w(i))));
        }
    }
    let p = known.place(j - 1).filter(|p| p.first == i)?;
    let why = format!("known place before \"{}\"", w(j));
    if known.free(j) && known.is(doc, j, cue::FEATURE_TAIL) {
        return Some((EntityType::Loc, why));
    }
    (known.free(j) && known.is(doc, j, cue::PLACE_TAIL)).then_some((p.kind, why))
}

/// The identity of an organisation's name: the key of its words without the legal form
/// ("Acme Inc", "Acme and Co", "Acme" are one), a possessive's "s" left out.
pub(super) fn org_key(doc: &Analysed<'_>, first: usize, last: usize, possessive: bool) -> String {
    let end = core_end(doc, first, last);
    key_of(doc, first, end, possessive && end == last)
}

/// The last word of a company's name before its legal form and a joining "and" ("Merrill
/// Lynch" of "Merrill Lynch and Co Inc"); the first word if all are legal forms.
fn core_end(doc: &Analysed<'_>, first: usize, last: usize) -> usize {
    let mut end = last;
    while end > first && cues_folded(doc.key(end)) & cue::SUFFIX != 0 {
        end -= 1;
    }
    while end > first && is_org_inner(doc.word_text(end)) {
        end -= 1;
    }
    end
}

/// A company discovered in the document: its key, and where in the text its longest name
/// stands, as word indices `first <= start <= end <= last`.
struct Company<'d> {
    /// Its key (the discovered id's key).
    key: String,
    /// The keys of the words its names may open on: `start` and `first`.
    opens: [&'d str; 2],
    /// Its name's first word, and the first after its initials ("Hutton" of "E.F. Hutton
    /// Group Inc").
    first: usize,
    start: usize,
    /// The last word before its legal form, and its last word.
    end: usize,
    last: usize,
}

impl Company<'_> {
    /// The number of words of its core.
    fn core_len(&self) -> usize {
        self.end - self.start + 1
    }

    /// Is this company's core a start of `other`'s?
    fn core_starts(&self, doc: &Analysed<'_>, other: &Company) -> bool {
        self.core_len() <= other.core_len()
            && (0..self.core_len())
                .all(|k| word_key(doc, self.start + k) == word_key(doc, other.start + k))
    }
}

/// The companies discovered so far, by key (the longest name of each), and which of them
/// may open on each word key (looked up, not scanned: a long document names thousands).
struct Companies<'d> {
    list: Vec<Company<'d>>,
    by_opening: FxHashMap<&'d str, Vec<u32>>,
}

impl<'d> Companies<'d> {
    /// The most companies looked at for a word that opens many ("First", "American"): a
    /// long document may name thousands, and each such word would ask them all. Past the
    /// first few, one word names none of them alone anyway, and with 64 a document of
    /// invented company names cost seven times as much per MB at 64 MB as at 1 MB.
    const MAX_PER_OPENING: usize = 8;

    fn new(doc: &'d Analysed<'_>, out: &[Hit]) -> Companies<'d> {
        let mut list: Vec<Company> = Vec::new();
        let mut by_key: FxHashMap<&str, usize> = FxHashMap::default();
        for f in out {
            let HitKind::Discovered {
                kind: EntityType::Org,
                key,
                ..
            } = &f.kind
            else {
                continue;
            };
            let end = core_end(doc, f.first, f.last);
            let mut start = f.first;
            while start < end
                && (is_initials(doc.word_text(start)) || is_initial(doc.word_text(start)))
            {
                start += 1;
            }
            let c = Company {
                key: key.clone(),
                opens: [word_key(doc, start), word_key(doc, f.first)],
                first: f.first,
                start,
                end,
                last: f.last,
            };
            // The longest spelling stands for the company; of two as long, the body's (a
            // headline may misspell: "HOLLLINGER <HLG.TO>").
            let better = |o: &Company| {
                o.core_len() < c.core_len()
                    || o.core_len() == c.core_len()
                        && doc.in_headline(o.first)
                        && !doc.in_headline(c.first)
            };
            match by_key.get(key.as_str()) {
                Some(&o) if better(&list[o]) => list[o] = c,
                Some(_) => {}
                None => {
                    by_key.insert(key, list.len());
                    list.push(c);
                }
            }
        }
        let mut by_opening: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
        for (i, c) in list.iter().enumerate() {
            for (n, open) in c.opens.iter().enumerate() {
                let list = by_opening.entry(open).or_default();
                if (n == 0 || *open != c.opens[0]) && list.len() < Self::MAX_PER_OPENING {
                    list.push(i as u32);
                }
            }
        }
        Companies { list, by_opening }
    }

    /// The companies whose names may open on a word of key `key`, in order of discovery.
    fn opening(&self, key: &str) -> impl Iterator<Item = &Company<'d>> {
        let found = self.by_opening.get(key).map_or(&[][..], Vec::as_slice);
        found.iter().map(|&i| &self.list[i as usize])
    }
}

/// The key of word `k` without a possessive's "s" ("Acme's" is "acme").
pub(super) fn word_key<'a>(doc: &'a Analysed<'_>, k: usize) -> &'a str {
    let key = doc.key(k);
    if !key.ends_with('s') {
        return key;
    }
    match super::possessive_stem(doc.word_text(k)) {
        Some(_) => key.strip_suffix('s').unwrap_or(key),
        None => key,
    }
}

/// The company the words from `t` name and how many words, if exactly one does: a start of
/// one's core or one of its whole spellings, the longest such match. Two companies whose
/// cores do not extend one another make the match ambiguous: none.
fn named_at<'c, 'd>(
    doc: &Analysed<'_>,
    list: &'c Companies<'d>,
    t: usize,
) -> Option<(&'c Company<'d>, usize)> {
    let n = doc.words().len();
    // How many words from `t` spell words `a..=last`.
    let matched = |a: usize, last: usize| {
        (0..=last - a)
            .take_while(|&k| {
                t + k < n
                    && word_key(doc, t + k) == word_key(doc, a + k)
                    && (k == 0 || gap_ok(doc, t + k - 1))
                    // "Commerce Department", not "Commerce department".
                    && (doc.words()[t + k].shape & shape::UPPER != 0
                        || is_org_inner(doc.word_text(t + k)))
            })
            .count()
    };
    let key = word_key(doc, t);
    let mut best: Vec<(&Company, usize)> = Vec::new();
    for c in list.opening(key) {
        // Any start of the core, with or without its initials, or a whole spelling.
        let mut m = 0;
        for a in [c.start, c.first] {
            let w = matched(a, c.last);
            m = m.max(if w == c.last - a + 1 {
                w
            } else {
                w.min(c.end - a + 1)
            });
        }
        while m > 0 && is_org_inner(doc.word_text(t + m - 1)) {
            m -= 1;
        }
        if m > 0 {
            best.push((c, m));
        }
    }
    let most = best.iter().map(|b| b.1).max()?;
    best.retain(|b| b.1 == most);
    // A company's whole name without its legal form names that company, not a longer name
    // opening the same way ("British Aerospace" after "British Aerospace Plc" and "British
    // Aerospace Pension Fund").
    let mut whole = best.iter().filter(|b| b.0.core_len() == most);
    if let (Some(&one), None) = (whole.next(), whole.next()) {
        return Some(one);
    }
    let longest = best
        .iter()
        .max_by_key(|b| (b.0.core_len(), b.0.last - b.0.first))?;
    best.iter()
        .all(|b| b.0.core_starts(doc, longest.0))
        .then_some(*longest)
}

/// Later names of a company discovered in this document (of a body every country has,
/// [`generic`], two words at least): a start of its name after its
/// initials ("Hutton" of "E.F. Hutton Group Inc", "Acme International"), or the name
/// without or with its legal form, in the body standing alone, or in the headline
/// ("ACME"). A start of one word must be no cue word ("General", "Bank"), and if it is
/// an English word ("Sunshine") not open a sentence or stand in the headline. A company
/// already discovered under a start of another's name joins it ("Hutton Group").
pub(super) fn short_forms(doc: &Analysed<'_>, known: &Known<'_>, out: &mut Vec<Hit>) {
    join_headline_words(doc, out);
    let list = Companies::new(doc, out);
    if list.list.is_empty() {
        return;
    }
    // A body every country has is named again by two words at least: "House" is not the
    // House Agriculture Committee, "Finance" no Finance Ministry ("Federal Reserve" is).
    let generic_keys: FxHashSet<String> =
        out.iter().filter_map(|f| generic(doc, known, f)).collect();
    rekey_starts(doc, &list, out);
    said_companies(doc, &list, out);
    let mut firsts = [false; 256];
    for k in list.by_opening.keys() {
        if let Some(b) = k.bytes().next() {
            firsts[b as usize] = true;
        }
    }
    let mut taken = taken_words(known, out);
    let mut extra = Vec::new();
    for &t in doc.starts() {
        let t = t as usize;
        // Most words fail on their key's first byte.
        // A known place may open a company's name ("Manhattan National" after "Manhattan
        // National Corp"), when the short form goes on past it.
        let place = known.place(t).filter(|p| p.first == t);
        if (taken[t] && place.is_none())
            || !doc
                .key(t)
                .bytes()
                .next()
                .is_some_and(|b| firsts[b as usize])
            || !list.by_opening.contains_key(word_key(doc, t))
            || !(may_be_short_form(doc, t)
                || is_initials(doc.word_text(t))
                || caps_as_named(doc, &list, t))
        {
            continue;
        }
        let Some((c, m)) = named_at(doc, &list, t) else {
            continue;
        };
        let last = legal_form_after(doc, &taken, t + m - 1);
        // A place after the first word may be the company's own ("SHELL CANADA", "BANK OF
        // JAPAN" after "Shell Canada Ltd", "Bank of Japan").
        let blocked = |k: usize| taken[k] && !(k > t && known.place(k).is_some());
        let from = match place {
            Some(p) if last > p.last => p.last + 1,
            Some(_) => continue,
            None => t,
        };
        if (from..=last).any(blocked)
            || !stands_alone(doc, known, t, last)
            || placed_as_place(doc, known, t, last)
        {
            continue;
        }
        let one_word_of_generic = m == 1 && generic_keys.contains(&c.key);
        if (m == 1 && !distinctive(doc, t)) || one_word_of_generic || adjectival(doc, t, last) {
            continue;
        }
        let word = doc.words()[last];
        let stem = super::possessive_stem(doc.word_text(last));
        taken[t..=last].fill(true);
        extra.push(Hit {
            first: t,
            last,
            start: doc.words()[t].start(),
            end: stem.map_or(word.end(), |s| word.start() + s.len()),
            kind: HitKind::Discovered {
                kind: EntityType::Org,
                key: c.key.clone(),
                evidence: SHORT_FORM.into(),
            },
        });
    }
    out.extend(extra);
    out.sort_by_key(|f| f.start);
}

/// A word in capitals in the body written as a company's name opens in this document
/// ("ICI" after the headline's `ICI <ICI>`): a short form as much as a capitalised word.
fn caps_as_named(doc: &Analysed<'_>, list: &Companies<'_>, t: usize) -> bool {
    is_caps(doc, t)
        && list
            .opening(word_key(doc, t))
            .any(|c| doc.word_text(c.first) == doc.word_text(t))
}

/// The last word of a short form ending at `last` with the legal forms right after it, in
/// capitals in a headline ("UNILEVER CAPITAL CORP" after "Unilever Capital Corp NV"): they
/// are the company's too.
fn legal_form_after(doc: &Analysed<'_>, taken: &[bool], mut last: usize) -> usize {
    let words = doc.words();
    let suffix = |k: usize| {
        let roles = match doc.in_headline(k) {
            true => cues_folded(doc.key(k)),
            false => cues(doc.word_text(k).trim_end_matches('.')),
        };
        roles & cue::SUFFIX != 0
    };
    while last + 1 < words.len()
        && !taken[last + 1]
        && doc.text()[words[last].end()..words[last + 1].start()] == *" "
        && super::possessive_stem(doc.word_text(last)).is_none()
        && suffix(last + 1)
    {
        last += 1;
    }
    last
}

/// The evidence of a short form of a company named in the document.
const SHORT_FORM: &str = "short form of a company named in this document";
/// Added to the evidence of a company that took a longer name's key.
const JOINED: &str = "; the start of a longer name in this document";

/// "Clark Copy said" after "Clark Copy International Corp": a person that only a reporting
/// verb next to it made is the company whose name it opens, named again by its start.
fn said_companies(doc: &Analysed<'_>, list: &Companies<'_>, out: &mut [Hit]) {
    for f in out.iter_mut() {
        let HitKind::Discovered {
            kind: kind @ EntityType::Person,
            key,
            evidence,
        } = &mut f.kind
        else {
            continue;
        };
        if !(evidence.starts_with("reporting verb") || evidence.starts_with("after \"")) {
            continue;
        }
        let whole = |&(_, m): &(&Company<'_>, usize)| f.first + m == f.last + 1;
        if let Some((c, _)) = named_at(doc, list, f.first).filter(whole) {
            *kind = EntityType::Org;
            *key = c.key.clone();
            *evidence = format!("{SHORT_FORM}, not a person: {evidence}");
        }
    }
}

/// A discovered company whose name is a start of another's longer name takes that one's
/// key ("Hutton Group" after or before "E.F. Hutton Group Inc").
fn rekey_starts(doc: &Analysed<'_>, list: &Companies<'_>, out: &mut [Hit]) {
    for f in out.iter_mut() {
        // Only a name that opens like another company's can take its key.
        let key = word_key(doc, f.first);
        if list.opening(key).nth(1).is_none() {
            continue;
        }
        let end = core_end(doc, f.first, f.last);
        let HitKind::Discovered {
            kind: EntityType::Org,
            key,
            evidence,
        } = &mut f.kind
        else {
            continue;
        };
        if let Some((c, m)) = named_at(doc, list, f.first) {
            if f.first + m > end && c.key != *key {
                *key = c.key.clone();
                evidence.push_str(JOINED);
            }
        }
    }
}

/// A company the headline names by one word before its ticker (`USAIR <U>`) takes the key
/// of the one company of the document whose name opens on that word ("USAir Group Inc"),
/// before the short forms are looked for, so they find one company, not two.
fn join_headline_words(doc: &Analysed<'_>, out: &mut [Hit]) {
    let alone =
        |f: &Hit| f.first == f.last && doc.in_headline(f.first) && before_ticker(doc, f.first);
    if !out.iter().any(alone) {
        return;
    }
    let list = Companies::new(doc, out);
    let mut joined = Vec::new();
    for (n, f) in out.iter().enumerate().filter(|(_, f)| alone(f)) {
        if let HitKind::Discovered {
            kind: EntityType::Org,
            key,
            ..
        } = &f.kind
        {
            if let Some(c) = headline_word_of(doc, &list, f.first, key) {
                joined.push((n, c.key.clone()));
            }
        }
    }
    for (n, new_key) in joined {
        if let HitKind::Discovered { key, evidence, .. } = &mut out[n].kind {
            *key = new_key;
            evidence.push_str(JOINED);
        }
    }
}

/// The one company, other than the one keyed `key`, whose name opens on word `first`; with
/// two or more such, none.
fn headline_word_of<'c, 'd>(
    doc: &Analysed<'_>,
    list: &'c Companies<'d>,
    first: usize,
    key: &str,
) -> Option<&'c Company<'d>> {
    let mut others = list.opening(word_key(doc, first)).filter(|c| c.key != key);
    let one = others.next()?;
    others.all(|c| c.key == one.key).then_some(one)
}

/// Does the text use words `t..=last` as a place: after a preposition of place and before
/// ", Country" ("in Teberebie, Ghana", where Teberebie Goldfields Ltd is the company)?
/// Then they name the place the company is named after, not the company.
fn placed_as_place(doc: &Analysed<'_>, known: &Known<'_>, t: usize, last: usize) -> bool {
    let (text, words) = (doc.text(), doc.words());
    if t == 0 || !crate::data::is_locative(doc.word_text(t - 1)) {
        return false;
    }
    if last + 1 >= words.len() || &text[words[last].end()..words[last + 1].start()] != ", " {
        return false;
    }
    known.place(last + 1).is_some_and(|p| {
        let country = &text[words[p.first].start()..words[p.last].end()];
        p.first == last + 1 && p.is_country && !country.ends_with("'s") && !country.ends_with("’s")
    })
}

/// In the body, a short form is the whole capitalised run ("Acme" in "Acme said", not in
/// "Acme Vantor", nor "Whitfield" in "Dana Whitfield" when a title does not stand before);
/// in the headline any words may follow; a ticker in angle brackets is none.
pub(super) fn stands_alone(doc: &Analysed<'_>, known: &Known<'_>, t: usize, last: usize) -> bool {
    let (text, words) = (doc.text(), doc.words());
    // A ticker is no name: "<ACM>".
    let opens = t > 0 && text[words[t - 1].end()..words[t].start()].ends_with('<');
    if opens && text[words[last].end()..].starts_with('>') {
        return false;
    }
    if doc.in_headline(t) {
        return true;
    }
    let joined =
        |k: usize| known.free(k) && words[k].is_capitalised() && !known.is(doc, k, cue::SAY);
    let before = t > 0
        && gap_ok(doc, t - 1)
        && joined(t - 1)
        && !known.is(doc, t - 1, cue::NOT_START | cue::TITLE);
    let after = last + 1 < words.len() && gap_ok(doc, last) && joined(last + 1);
    !before && !after
}

/// Are words `t..=last` only adjectives of peoples, countries or compass points
/// ("Scandinavian countries", "SOUTH AFRICAN MINISTER"): a description, not a short form of
/// "Scandinavian Airlines" or "South African Press Association"?
fn adjectival(doc: &Analysed<'_>, t: usize, last: usize) -> bool {
    let words = doc.words();
    country_of_adjective(&doc.text()[words[t].start()..words[last].end()]).is_some()
        || (t..=last).all(|k| {
            let key = word_key(doc, k);
            is_demonym(key)
                || cues_folded(key) & cue::COMPASS != 0
                || country_of_adjective(doc.word_text(k)).is_some()
        })
}

/// May the one word `t` alone name a company: no cue word or country adjective, and an
/// English word only inside a body sentence?
fn distinctive(doc: &Analysed<'_>, t: usize) -> bool {
    // "The Bank's estimate": the word without its possessive.
    let key = word_key(doc, t);
    let words = doc.words();
    let opens_sentence = words[t].opens_sentence;
    cues_folded(key) & !cue::FEATURE_TAIL == 0
        && country_of_adjective(doc.word_text(t)).is_none()
        && (!is_english_word(key) || !(opens_sentence || doc.in_headline(t)))
}

/// The country a body every country has belongs to, and what says so.
#[derive(Clone)]
struct Qualifier {
    country: String,
    source: String,
    /// Words of the name's run to leave out of its span (a leading adjective).
    cut: usize,
}

/// Bodies every country has ("Finance Ministry", "Central Bank", "Stock Exchange") take
/// their country into their identity, so two countries' ministries never merge: the
/// country of an adjective before or opening the name ("Japanese", left out of the span),
/// or of a known place's possessive before it ("Japan's"); else the country given so for
/// the same name elsewhere in the document, else the country most of the document's places
/// lie in; failing all, the identity stays within the document.
pub(super) fn qualify_generic(doc: &Analysed<'_>, known: &Known<'_>, out: &mut [Hit]) {
    let own: Vec<Option<String>> = out.iter().map(|f| generic(doc, known, f)).collect();
    if own.iter().all(Option::is_none) {
        return;
    }
    let stated: Vec<Option<Qualifier>> = out
        .iter()
        .zip(&own)
        .map(|(f, g)| {
            g.as_ref()
                .and_then(|_| stated_country(doc, known, f.first, f.last))
        })
        .collect();
    // The key of each generic name without an adjective it opens with: "Swiss Central
    // Bank" and "Central Bank" are one name.
    let bases: Vec<Option<String>> = out
        .iter()
        .zip(&own)
        .zip(&stated)
        .map(|((f, g), q)| match q.as_ref().map_or(0, |q| q.cut) {
            0 => g.clone(),
            cut => g
                .as_ref()
                .map(|_| org_key(doc, f.first + cut, f.last, false)),
        })
        .collect();
    // The first hit bearing each generic key, and the country stated for each base name
    // where all its statements agree (`None` where they disagree).
    let mut first_of: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, g) in own.iter().enumerate() {
        if let Some(g) = g {
            first_of.entry(g.as_str()).or_insert(i);
        }
    }
    let mut agreed: FxHashMap<&str, Option<&str>> = FxHashMap::default();
    for (b, q) in bases.iter().zip(&stated) {
        if let (Some(b), Some(q)) = (b, q) {
            let c = agreed.entry(b.as_str()).or_insert(Some(q.country.as_str()));
            if *c != Some(q.country.as_str()) {
                *c = None;
            }
        }
    }
    let mut fallback: Option<Qualifier> = None;
    for idx in 0..out.len() {
        let HitKind::Discovered { key, .. } = &out[idx].kind else {
            continue;
        };
        // The generic name this hit is a mention of: itself, or (a short form that took
        // its key) the first bearing it.
        let owner = match own[idx] {
            Some(_) => Some(idx),
            None => first_of.get(key.as_str()).copied(),
        };
        let Some(base) = owner.and_then(|o| bases[o].clone()) else {
            continue;
        };
        let q = match &stated[idx] {
            Some(q) => q.clone(),
            None => implied_country(known, agreed.get(base.as_str()), &mut fallback, doc),
        };
        let outside = state_body(doc, known, &out[idx]);
        qualify(doc, &mut out[idx], q, &base, outside);
    }
}

/// The key of a discovered organisation that is a body every country has: a generic head
/// last or before "of"/"for" ("Finance Ministry", "Ministry of Defence"), the other words
/// English words (a country adjective may open it), no known place, legal form or word of
/// many countries ("International", "World") inside.
fn generic(doc: &Analysed<'_>, known: &Known<'_>, f: &Hit) -> Option<String> {
    let HitKind::Discovered {
        kind: EntityType::Org,
        key,
        evidence,
    } = &f.kind
    else {
        return None;
    };
    // A short form, or a name that took another's key, is a mention of a name, not one.
    if evidence == SHORT_FORM || evidence.ends_with(JOINED) {
        return None;
    }
    let (first, last) = (f.first, f.last);
    let w = |k: usize| doc.word_text(k);
    if !known.is(doc, last, cue::GENERIC_HEAD) && !(first..last).any(|k| w(k + 1) == "of") {
        return None;
    }
    // A country's adjective opening it counts as an English word, listed there or not
    // ("Japanese", "Thai").
    let plain = |k: usize| {
        known.free(k)
            && !known.is(doc, k, cue::SUFFIX | cue::SUPRANATIONAL)
            && (is_english_word(doc.key(k))
                || is_org_inner(w(k))
                || (k == first && country_of_adjective(w(k)).is_some()))
    };
    let head = |k: usize| {
        known.is(doc, k, cue::GENERIC_HEAD) && (k == last || matches!(w(k + 1), "of" | "for"))
    };
    ((first..=last).any(head) && (first..=last).all(plain)).then(|| key.clone())
}

/// A country's adjective of one or two words at word `i` ("Japanese", "West German"), with
/// its country and length.
fn adjective_at(doc: &Analysed<'_>, i: usize) -> Option<(&'static str, usize)> {
    let n = doc.words().len();
    if i + 1 < n && gap_ok(doc, i) {
        let two = &doc.text()[doc.words()[i].start()..doc.words()[i + 1].end()];
        if let Some(c) = country_of_adjective(two) {
            return Some((c, 2));
        }
    }
    country_of_adjective(doc.word_text(i)).map(|c| (c, 1))
}

/// The country the text states for the name at `first..=last`: an adjective opening it or
/// right before it, or a known place's possessive right before it.
fn stated_country(
    doc: &Analysed<'_>,
    known: &Known<'_>,
    first: usize,
    last: usize,
) -> Option<Qualifier> {
    if let Some((c, n)) = adjective_at(doc, first).filter(|(_, n)| first + n <= last) {
        return Some(Qualifier {
            country: c.to_string(),
            source: format!("\"{}\"", doc.word_text(first)),
            cut: n,
        });
    }
    let before = first.checked_sub(1)?;
    if !gap_ok(doc, before) {
        return None;
    }
    let adjective = (before.saturating_sub(1)..=before)
        .find_map(|k| adjective_at(doc, k).filter(|(_, n)| k + n == first));
    if let Some((c, _)) = adjective {
        return Some(Qualifier {
            country: c.to_string(),
            source: format!("\"{}\" before it", doc.word_text(before)),
            cut: 0,
        });
    }
    let word = doc.word_text(before);
    let place = known
        .place(before)
        .filter(|_| word.ends_with("'s") || word.ends_with("’s"))?;
    Some(Qualifier {
        country: place.country?.to_string(),
        source: format!("\"{word}\" before it"),
        cut: 0,
    })
}

/// The country of a generic name the text states none for: the one stated for the same
/// name elsewhere in the document if only one is, else the document's leading country,
/// else a tag of the document itself.
fn implied_country(
    known: &Known<'_>,
    agreed: Option<&Option<&str>>,
    fallback: &mut Option<Qualifier>,
    doc: &Analysed<'_>,
) -> Qualifier {
    if let Some(Some(c)) = agreed {
        return Qualifier {
            country: c.to_string(),
            source: "the same name elsewhere in the document".into(),
            cut: 0,
        };
    }
    // The same for every generic name of the document: worked out once.
    fallback
        .get_or_insert_with(|| match document_country(doc, known) {
            Some(c) => Qualifier {
                country: c,
                source: "the document's places".into(),
                cut: 0,
            },
            None => Qualifier {
                country: doc_tag(doc),
                source: "no country in the document".into(),
                cut: 0,
            },
        })
        .clone()
}

/// The country a document is about, if one clearly leads ([`super::super::clear_leader`]):
/// counted where it is named as a place or by its adjective. A story about Japan's trade
/// with the United States names both; its "Foreign Ministry" is then no country's.
fn document_country(doc: &Analysed<'_>, known: &Known<'_>) -> Option<String> {
    let places = known
        .places
        .iter()
        .filter(|p| p.kind == EntityType::Gpe)
        .filter_map(|p| p.country);
    let adjectives = doc.starts().iter().filter_map(|&t| {
        let t = t as usize;
        known
            .free(t)
            .then(|| adjective_at(doc, t))
            .flatten()
            .map(|(c, _)| c)
    });
    super::super::clear_leader(places.chain(adjectives)).map(|(c, _)| c.to_string())
}

/// Is the head of a generic name an organ of a state ("Finance Ministry", "Ministry of
/// Defence"), after which a country's adjective stays outside the name? Before other heads
/// it is a word of the name ("Swiss National Bank", "American Stock Exchange").
fn state_body(doc: &Analysed<'_>, known: &Known<'_>, f: &Hit) -> bool {
    (f.first..=f.last).any(|k| {
        known.is(doc, k, cue::STATE_BODY)
            && (k == f.last || matches!(doc.word_text(k + 1), "of" | "for"))
    })
}

/// The hit with the key `base` and its country, its leading adjective out of its span when
/// `outside`.
fn qualify(doc: &Analysed<'_>, f: &mut Hit, q: Qualifier, base: &str, outside: bool) {
    if outside && q.cut > 0 && f.first + q.cut <= f.last {
        f.first += q.cut;
        f.start = doc.words()[f.first].start();
    }
    if let HitKind::Discovered { key, evidence, .. } = &mut f.kind {
        *key = format!("{base}@{}", q.country.to_ascii_lowercase());
        evidence.push_str(&format!("; of {} by {}", q.country, q.source));
    }
}

/// A tag naming the document (`doc` and a hash of its text), for an identity that holds
/// within it only (`…@doc1a2b3c4d`).
pub(super) fn doc_tag(doc: &Analysed<'_>) -> String {
    format!("doc{:08x}", text_hash(doc.text()))
}

/// A stable 32-bit hash of a text (FNV-1a), naming a document when nothing else can.
fn text_hash(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    //! One table per rule of business news: each row a text of our own and what stage 3
    //! makes of it, as `surface=id` (listed hits by gazetteer id, discovered names by
    //! `new:<type>:<key>`). Variants are off; a few places are listed.
    use crate::extract::Lexicon;
    use crate::extract::testing::{hits, lexicon};

    const ROWS: &str = "id\ttype\tcanonical\tcountry\tdescriptors\n\
        gpe.ch\tGPE\tSwitzerland\tCH\tcountry\n\
        gpe.jp\tGPE\tJapan\tJP\tcountry\n\
        gpe.tokyo\tGPE\tTokyo\tJP\t\n\
        gpe.de\tGPE\tGermany\tDE\tcountry\n\
        gpe.it\tGPE\tItaly\tIT\tcountry\n\
        gpe.us\tGPE\tAmerica\tUS\tcountry\n\
        gpe.kansas\tGPE\tKansas\tUS\t\n\
        gpe.houston\tGPE\tHouston\tUS\t\n";

    fn lex() -> Lexicon {
        lexicon(ROWS, false)
    }

    /// A hit as a row names it: `surface=id` for a listed name, `surface=type` for a
    /// discovered one, with `@` and its country when its key has one (`@doc` for a
    /// document's own).
    fn shown(h: &crate::extract::testing::SeenHit) -> String {
        let id = h.ids.join("|");
        let Some(new) = id.strip_prefix("new:") else {
            return format!("{}={id}", h.text);
        };
        let kind = new.split(':').next().unwrap_or_default();
        let country = new.split_once('@').map_or(String::new(), |(_, c)| {
            format!("@{}", if c.starts_with("doc") { "doc" } else { c })
        });
        format!("{}={kind}{country}", h.text)
    }

    /// Every row's hits as [`shown`]; the failing rows listed together.
    fn check(rows: &[(&str, &[&str])]) {
        check_with(&lex(), rows);
    }

    fn check_with(lex: &Lexicon, rows: &[(&str, &[&str])]) {
        let mut failed = Vec::new();
        for &(text, want) in rows {
            let got: Vec<String> = hits(lex, text, false, true).iter().map(shown).collect();
            if got != want {
                failed.push(format!("{text:?}:\n  got  {got:?}\n  want {want:?}"));
            }
        }
        assert!(failed.is_empty(), "\n{}", failed.join("\n"));
    }

    #[test]
    fn a_short_form_the_text_places_is_the_place_not_the_company() {
        check(&[
            (
                "Vantor Goldfields Ltd said so. Later Vantor said more.",
                &["Vantor Goldfields Ltd=org", "Vantor=org"],
            ),
            // After a preposition of place and before ", <country>": the place the company
            // is named after.
            (
                "Vantor Goldfields Ltd won land in Vantor, Japan, near the coast.",
                &["Vantor Goldfields Ltd=org", "Japan=gpe.jp"],
            ),
            // Without the preposition, or before a country's possessive, the company.
            (
                "Vantor Goldfields Ltd said so. Vantor, Japan, and Italy agreed.",
                &[
                    "Vantor Goldfields Ltd=org",
                    "Vantor=org",
                    "Japan=gpe.jp",
                    "Italy=gpe.it",
                ],
            ),
            (
                "Vantor Goldfields Ltd said so. Talks in Vantor, Japan's miner, went on.",
                &["Vantor Goldfields Ltd=org", "Vantor=org", "Japan=gpe.jp"],
            ),
        ]);
    }

    #[test]
    fn one_word_after_a_countrys_dotted_code_is_no_name() {
        let lex = lexicon(
            "id\ttype\tcanonical\tcodes\tcountry\tdescriptors\n\
             gpe.us\tGPE\tUnited States\tU.S.\tUS\tcountry\n\
             gpe.uk\tGPE\tUnited Kingdom\tU.K.\tGB\tcountry\n",
            false,
        );
        check_with(
            &lex,
            &[
                // The wire's capital after the code: a head, a facility word, anything.
                ("He met a U.S. Bank official.", &["U.S.=gpe.us"]),
                ("Cuts in U.K. Base lending rates fizzled.", &["U.K.=gpe.uk"]),
                ("Two U.S. Banks were named.", &["U.S.=gpe.us"]),
                // A company suffix after the word, or more name words, still make a name.
                ("U.S. Vantor Corp said so.", &["U.S. Vantor Corp=org"]),
                ("The U.S. Vantor Bank said so.", &["U.S. Vantor Bank=org"]),
                // Initials that are no country's code stay a company's name.
                ("B.V. Resources said so.", &["B.V. Resources=org"]),
            ],
        );
    }

    #[test]
    fn a_company_suffix_pulls_in_the_whole_capitalised_run() {
        check(&[
            // A credit rating before the name is not part of it.
            (
                "It was raised to BBB-plus from BBB Vantor Co's debt.",
                &["Vantor Co=org"],
            ),
            (
                "Profits at General Vantor Co rose.",
                &["General Vantor Co=org"],
            ),
            (
                "Profits at Merrant Lynch and Co Inc rose.",
                &["Merrant Lynch and Co Inc=org"],
            ),
            (
                "Profits at E.F. Vantor Group Inc rose.",
                &["E.F. Vantor Group Inc=org"],
            ),
            // Parentheses before the suffix; a possessive after it; three letters.
            (
                "Shares of Cheung Vantor (Holdings) Ltd rose.",
                &["Cheung Vantor (Holdings) Ltd=org"],
            ),
            ("Then USX Corp's unit rose.", &["USX Corp=org"]),
            (
                "Analysts at Kidder, Vantor and Co said so.",
                &["Kidder, Vantor and Co=org"],
            ),
            // "and" after a suffix joins two companies.
            (
                "Zenith Trust Co and Vantor Bank Plc agreed.",
                &["Zenith Trust Co=org", "Vantor Bank Plc=org"],
            ),
            // "of" after the suffix: a country goes on the name, a city is the seat.
            (
                "Shares of Vantor Aluminum Co of Italy rose.",
                &["Vantor Aluminum Co of Italy=org"],
            ),
            (
                "Shares of Vantor Pipeline Corp of Houston rose.",
                &["Vantor Pipeline Corp=org", "Houston=gpe.houston"],
            ),
            (
                "Shares of Vantor Pipeline Inc of Durham rose.",
                &["Vantor Pipeline Inc=org"],
            ),
            (
                "Shares of Vantor Mattress Co of Kansas Inc rose.",
                &["Vantor Mattress Co of Kansas Inc=org"],
            ),
            (
                "Shares of Vantor Aluminum Co of America rose.",
                &["Vantor Aluminum Co of America=org"],
            ),
            (
                "Shares of Vantor Learning Centers of America Inc rose.",
                &["Vantor Learning Centers of America Inc=org"],
            ),
            // A name before "of" and a company, with no head before "of", is no part of it.
            (
                "\"It is slow,\" said Dana Whitfield of Vantor Government Securities Inc.",
                &[
                    "Dana Whitfield=person",
                    "Vantor Government Securities Inc=org",
                ],
            ),
            (
                "Shares of Zenith Bank of Vantor Inc rose.",
                &["Zenith Bank of Vantor Inc=org"],
            ),
            // A sentence word never opens one; a title splits off a person.
            ("In General terms Vantor rose.", &[]),
            (
                "Vantor Corp President Dana Whitfield said so.",
                &["Vantor Corp=org", "Dana Whitfield=person"],
            ),
        ]);
    }

    #[test]
    fn a_place_inside_a_name_is_part_of_it() {
        check(&[
            (
                "Shares of Union Bank of Switzerland rose.",
                &["Union Bank of Switzerland=org"],
            ),
            (
                "Trading on the Tokyo Stock Exchange was slow.",
                &["Tokyo Stock Exchange=org"],
            ),
            ("The Bank of Italy said so.", &["Bank of Italy=org"]),
            // A place before it that ends the name: the name without it.
            (
                "He joined Vantor Commerce Bank-Houston today.",
                &["Vantor Commerce Bank=org", "Houston=gpe.houston"],
            ),
            // A place alone, a place's possessive, a weak head after a place alone.
            ("Banks in Switzerland said so.", &["Switzerland=gpe.ch"]),
            (
                "Japan's Vantor Bank said so.",
                &["Japan=gpe.jp", "Vantor Bank=org"],
            ),
            ("Funds of Japan Unit trusts rose.", &["Japan=gpe.jp"]),
            ("He runs the Japan Vantor Program now.", &["Japan=gpe.jp"]),
        ]);
    }

    #[test]
    fn a_known_place_with_more_to_its_name_is_one_place() {
        check(&[
            ("Exports from West Germany rose.", &["West Germany=gpe"]),
            ("Cattle in Kansas City rose.", &["Kansas City=gpe"]),
            // Not a compass word; "City" before the place.
            (
                "Exports from Western Vantor Germany rose.",
                &["Germany=gpe.de"],
            ),
            ("He left City Kansas today.", &["Kansas=gpe.kansas"]),
            // A natural feature's word after it names the feature.
            ("Barges on the Kansas River rose.", &["Kansas River=loc"]),
            ("Barges on the River Kansas rose.", &["Kansas=gpe.kansas"]),
            // A feature's word before "of" names the feature, with the place inside.
            ("Boats in the Sea of Japan waited.", &["Sea of Japan=loc"]),
            ("Rigs in the Gulf of Kansas shut.", &["Gulf of Kansas=loc"]),
            // Not before "of", or not a feature's word: the place alone.
            (
                "Rigs in the Kansas Gulf region shut.",
                &["Kansas=gpe.kansas"],
            ),
            ("The Mood of Japan changed.", &["Japan=gpe.jp"]),
        ]);
    }

    #[test]
    fn reuters_marks_companies_with_angle_brackets() {
        check(&[
            (
                "Then <Comissa Vantor> said it bought a stake.",
                &["Comissa Vantor=org"],
            ),
            ("Then <ACC CORP> said it bought a stake.", &["ACC CORP=org"]),
            (
                "Then <Vantor\nSteel Co Ltd> said it bought a stake.",
                &["Vantor\nSteel Co Ltd=org"],
            ),
            (
                "Then Zenith Vantor <ZV> said it bought a stake.",
                &["Zenith Vantor=org"],
            ),
            ("Then <ACME CO> said it bought a stake.", &["ACME CO=org"]),
            // A ticker, with or without its exchange, is no name; lower case is none.
            ("Then <ZVT> said it bought a stake.", &[]),
            (
                "Then Zenith Vantor <ZVT ST> said it bought a stake.",
                &["Zenith Vantor=org"],
            ),
            ("Then <the vantor> said it bought a stake.", &[]),
            ("Then Zenith Vantor bought a stake.", &[]),
        ]);
    }

    #[test]
    fn a_headline_opening_with_a_name_and_its_ticker_names_a_company() {
        check(&[
            (
                "VANTOR STEEL CORP <VSC> 4TH QTR NET\nShr 45 cts vs 58 cts",
                &["VANTOR STEEL CORP=org"],
            ),
            (
                "LIFE OF JAPAN BANK <LJB> SETS PAYOUT\nShr 45 cts vs 58 cts",
                &["LIFE OF JAPAN BANK=org"],
            ),
            // A leading "THE" left out.
            (
                "THE VANTOR GROUP INC <VSC> 4TH QTR NET\nShr 45 cts vs 58 cts",
                &["VANTOR GROUP INC=org"],
            ),
            // No suffix or head before the ticker (a headline may open with a sentence:
            // "TAKEOVER TALK LIFTS VANTOR <VSC>"); not in the headline.
            ("VANTOR GOLDEN <VSC> 4TH QTR NET\nShr 45 cts vs 58 cts", &[]),
            ("VANTOR CORP SEES <VSC> RISE\nShr 45 cts vs 58 cts", &[]),
            ("Shr 45 cts vs 58 cts\nVANTOR STEEL CORP <VSC> rose", &[]),
        ]);
    }

    #[test]
    fn one_word_before_its_ticker_opening_a_headline_names_a_company() {
        check(&[
            ("VANTOR <VSC> TO TAKE CHARGE\nShr 45 cts", &["VANTOR=org"]),
            // After a comma or a preposition too; an English word as well.
            (
                "VANTOR <VSC> HAS STAKE IN ZENITH <ZEN>\nShr 45 cts",
                &["VANTOR=org", "ZENITH=org"],
            ),
            ("SPLIT, VANTOR <VSC> SAY\nShr 45 cts", &["VANTOR=org"]),
            // After another word it may end a longer name; a legal form is none.
            ("GOLDEN VANTOR <VSC> SETS PAYOUT\nShr 45 cts", &[]),
            ("BANK OF VANTOR <VSC> SETS PAYOUT\nShr 45 cts", &[]),
            ("DOW AND VANTOR <VSC> MERGE\nShr 45 cts", &[]),
            ("INC <VSC> SETS PAYOUT\nShr 45 cts", &[]),
            // Not in the body.
            ("Shr 45 cts\nVANTOR <VSC> rose", &[]),
            // The body names it again in capitals as the headline writes it, not otherwise.
            (
                "VTX <VTX> SETS DIVIDEND\nVTX said it set one.",
                &["VTX=org", "VTX=org"],
            ),
            ("Vtx Corp said so. Later, VTX said more.", &["Vtx Corp=org"]),
            // A headline's misspelling as long as the body's name: the body's spelling
            // names it again.
            (
                "VANNTOR <VSC> SETS PAYOUT\nVantor Inc said so. Later Vantor rose.",
                &["VANNTOR=org", "Vantor Inc=org", "Vantor=org"],
            ),
        ]);
    }

    #[test]
    fn a_company_named_once_is_named_again_by_its_start() {
        check(&[
            (
                "Vantor International Inc said profits rose. Later, Vantor said more.",
                &["Vantor International Inc=org", "Vantor=org"],
            ),
            (
                "Sales at E.F. Vantor Group Inc rose. Vantor Group said so.",
                &["E.F. Vantor Group Inc=org", "Vantor Group=org"],
            ),
            // An English word names it inside a sentence only.
            (
                "Sunshine Mining Co said so. Shares of Sunshine rose. Sunshine fell.",
                &["Sunshine Mining Co=org", "Sunshine=org"],
            ),
            // A cue word never; two companies sharing the start: neither.
            (
                "General Vantor Co said so. Then General said more.",
                &["General Vantor Co=org"],
            ),
            (
                "Vantor Mining Co and Vantor Steel Corp agreed. Vantor said so.",
                &["Vantor Mining Co=org", "Vantor Steel Corp=org"],
            ),
            // Not the whole run.
            (
                "Vantor International Inc said so. Then Vantor Zenith rose.",
                &["Vantor International Inc=org"],
            ),
            // A cue word with a possessive; lower case; a ticker.
            (
                "The Bank of Vantor said so. The Bank's estimate rose.",
                &["Bank of Vantor=org"],
            ),
            (
                "Vantor Mining Co said so. A Vantor mining official agreed.",
                &["Vantor Mining Co=org", "Vantor=org"],
            ),
            (
                "Vantor International Inc <VANTOR> said so.",
                &["Vantor International Inc=org"],
            ),
            // A reporting verb alone makes no person of a company's start.
            (
                "Dana Vantor International Corp bought a firm. Dana Vantor said so.",
                &["Dana Vantor International Corp=org", "Dana Vantor=org"],
            ),
            (
                "Dana Vantor International Corp bought a firm. Mr Dana Vantor said so.",
                &["Dana Vantor International Corp=org", "Dana Vantor=person"],
            ),
            // A place inside the name comes with it.
            (
                "VANTOR JAPAN RAISES PAYOUT\nVantor Japan Ltd said it raised its payout.",
                &["VANTOR JAPAN=org", "Vantor Japan Ltd=org"],
            ),
            // Legal forms right after a short form are the company's.
            (
                "VANTOR CAPITAL CORP SETS ISSUE\nVantor Capital Corp NV set an issue.",
                &["VANTOR CAPITAL CORP=org", "Vantor Capital Corp NV=org"],
            ),
            // A place may open it, when the short form goes on past the place.
            (
                "Kansas Vantor Corp said so. Later, Kansas Vantor's board met in Kansas.",
                &[
                    "Kansas Vantor Corp=org",
                    "Kansas Vantor=org",
                    "Kansas=gpe.kansas",
                ],
            ),
            (
                "Kansas Vantor Corp said so. Later, Kansas officials agreed.",
                &["Kansas Vantor Corp=org", "Kansas=gpe.kansas"],
            ),
            // A body every country has is named again by two words at least.
            (
                "The House Agriculture Committee met. The House voted.",
                &["House Agriculture Committee=org@doc"],
            ),
            (
                "The Federal Reserve Board met. The Federal Reserve voted.",
                &["Federal Reserve Board=org@doc", "Federal Reserve=org@doc"],
            ),
            // Adjectives of peoples, countries and compass points describe.
            (
                "Scandinavian Vantor Inc said so. The three Scandinavian countries agreed.",
                &["Scandinavian Vantor Inc=org"],
            ),
            (
                "South African Vantor Co said so. South African officials agreed.",
                &["South African Vantor Co=org"],
            ),
        ]);
    }

    #[test]
    fn a_word_opening_many_companies_is_compared_with_the_first_few() {
        // The short form of each of the first eight companies opening on "Vantor" is found;
        // that of a ninth is not looked for (MAX_PER_OPENING).
        let names = [
            "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta",
        ];
        let listed = |n: usize| {
            let corps: Vec<String> = names[..n]
                .iter()
                .map(|w| format!("Vantor {w} Corp"))
                .collect();
            corps.join(", ")
        };
        let lex = lex();
        let short_forms = |text: &str| -> Vec<String> {
            hits(&lex, text, false, true)
                .iter()
                .filter(|h| {
                    h.why
                        .as_deref()
                        .is_some_and(|w| w.contains(super::SHORT_FORM))
                })
                .map(|h| h.text.clone())
                .collect()
        };
        let text = format!("{} said so. Later, Vantor Theta rose.", listed(8));
        assert_eq!(short_forms(&text), ["Vantor Theta"], "{text}");
        let text = format!(
            "{} and Vantor Iota Corp said so. Later, Vantor Iota rose.",
            listed(8)
        );
        assert_eq!(short_forms(&text), Vec::<String>::new(), "{text}");
    }

    #[test]
    fn a_short_form_and_its_company_are_one_entity() {
        let lex = lex();
        // (text, the surfaces that must share one id)
        let rows: &[(&str, &[&str])] = &[
            (
                "Vantor International Inc said so. Later, Vantor said more.",
                &["Vantor International Inc", "Vantor"],
            ),
            (
                "Vantor Group said so. Sales at E.F. Vantor Group Inc rose.",
                &["Vantor Group", "E.F. Vantor Group Inc"],
            ),
            (
                "VANTOR MINING SETS DIVIDEND\nVantor Mining Co said it set one.",
                &["VANTOR MINING", "Vantor Mining Co"],
            ),
            // The legal form is no part of the identity.
            (
                "Vantor Mining Co said so. Then Vantor Mining Ltd said more.",
                &["Vantor Mining Co", "Vantor Mining Ltd"],
            ),
            // The whole name of one company, not a longer name opening the same way.
            (
                "VANTOR STEEL RAISES STAKE\nVantor Steel Plc and the Vantor Steel Pension Fund \
                 agreed.",
                &["Vantor Steel Plc", "VANTOR STEEL"],
            ),
            (
                "VANTOR STEEL PENSION RAISES STAKE\nVantor Steel Plc and the Vantor Steel \
                 Pension Fund agreed.",
                &["Vantor Steel Pension Fund", "VANTOR STEEL PENSION"],
            ),
            // One word before its ticker: the one company opening on it.
            (
                "VANTOR <VSC> SETS DIVIDEND\nVantor Group Inc said it set one.",
                &["Vantor Group Inc", "VANTOR"],
            ),
        ];
        for (text, surfaces) in rows {
            let found = hits(&lex, text, false, true);
            let ids: Vec<&str> = surfaces
                .iter()
                .map(|s| {
                    found
                        .iter()
                        .find(|h| h.text == *s)
                        .map_or("none", |h| h.ids[0].as_str())
                })
                .collect();
            assert!(
                ids[0] != "none" && ids.iter().all(|i| *i == ids[0]),
                "{text:?}: {ids:?}"
            );
        }
        // Two companies opening on the headline's word: it joins neither.
        let text = "VANTOR <VSC> SETS DIVIDEND\nVantor Group Inc and Vantor Mining Co agreed.";
        let found = hits(&lex, text, false, true);
        let id = |s: &str| found.iter().find(|h| h.text == s).map(|h| h.ids[0].clone());
        let headline = id("VANTOR").expect("the headline's company");
        assert_ne!(Some(headline.clone()), id("Vantor Group Inc"));
        assert_ne!(Some(headline), id("Vantor Mining Co"));
    }

    #[test]
    fn a_headline_names_what_the_body_names() {
        check(&[
            (
                "VANTOR MINING SETS DIVIDEND\nVantor Mining Co said it set one.",
                &["VANTOR MINING=org", "Vantor Mining Co=org"],
            ),
            (
                "J.C. VANTOR SALES RISE\nJ.C. Vantor Co Inc said sales rose.",
                &["J.C. VANTOR=org", "J.C. Vantor Co Inc=org"],
            ),
            // Nothing to find; capitals alone find nothing in a headline.
            ("", &[]),
            ("\n", &[]),
            ("<", &[]),
            ("TO GO AHEAD WITH MINING PLAN\nThe plan was approved.", &[]),
            (
                "GENERAL SETS DIVIDEND\nGeneral Vantor Co said it set one.",
                &["General Vantor Co=org"],
            ),
        ]);
    }

    #[test]
    fn a_body_every_country_has_takes_its_country() {
        check(&[
            (
                "The Japanese Finance Ministry said so.",
                &["Finance Ministry=org@jp"],
            ),
            // An adjective the English word list lacks.
            (
                "The Thai Agriculture Ministry said so.",
                &["Agriculture Ministry=org@th"],
            ),
            (
                "Japan's Finance Ministry said so.",
                &["Japan=gpe.jp", "Finance Ministry=org@jp"],
            ),
            // The country of the document's places; the same name stated before.
            (
                "In Tokyo, Japanese officials of the Finance Ministry said so.",
                &["Tokyo=gpe.tokyo", "Finance Ministry=org@jp"],
            ),
            // A country named once, or two countries named alike: no country.
            (
                "In Tokyo, the Finance Ministry said so.",
                &["Tokyo=gpe.tokyo", "Finance Ministry=org@doc"],
            ),
            (
                "Japan and Italy met in Tokyo and Italy. The Finance Ministry said so.",
                &[
                    "Japan=gpe.jp",
                    "Italy=gpe.it",
                    "Tokyo=gpe.tokyo",
                    "Italy=gpe.it",
                    "Finance Ministry=org@doc",
                ],
            ),
            // Before other heads than a state's organs, the adjective is a word of the name.
            (
                "The Swiss Central Bank met. Later the Central Bank said so.",
                &["Swiss Central Bank=org@ch", "Central Bank=org@ch"],
            ),
            (
                "Shares fell on the American Stock Exchange today.",
                &["American Stock Exchange=org@us"],
            ),
            (
                "The Japanese Ministry of Finance said so.",
                &["Ministry of Finance=org@jp"],
            ),
            (
                "Italy's Ministry of Defence said so.",
                &["Italy=gpe.it", "Ministry of Defence=org@it"],
            ),
            // A proper name is no body every country has.
            ("The Vantor Ministry said so.", &["Vantor Ministry=org"]),
        ]);
        // No country in the document: an identity of the document alone.
        let lex = lex();
        let id = |text: &str| {
            let found = hits(&lex, text, false, true);
            let h = found.iter().find(|h| h.text == "Finance Ministry");
            h.map(|h| h.ids[0].clone()).unwrap_or_default()
        };
        let a = id("The Finance Ministry said so.");
        let b = id("The Finance Ministry said no.");
        let c = id("In Tokyo, Japanese officials of the Finance Ministry said so.");
        assert!(a.starts_with("new:org:") && a.contains("@doc"), "{a}");
        assert_ne!(a, b);
        // The same name of one country in two documents is one entity.
        assert_eq!(
            c,
            id("Later, in Japan, Japanese Finance Ministry officials said so.")
        );
    }

    #[test]
    fn currencies_and_instruments_are_no_names() {
        check(&[
            ("It was priced in European Currency Units today.", &[]),
            ("He bought Special Drawing Rights today.", &[]),
            ("He sold Vantor Treasury Notes today.", &[]),
            (
                "He sold Vantor Notes Corp today.",
                &["Vantor Notes Corp=org"],
            ),
        ]);
    }
}
