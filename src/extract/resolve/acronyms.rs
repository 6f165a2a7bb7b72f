//! Sieve 5: names the text itself defines for the document. "Popular Mobilisation Units, or
//! PMU", "(PMF)" and "known as KH" define an acronym; "League of Revolutionaries (Usbat
//! al-Thairen)" a second name. Later uses link to the defining mention's entity.

use super::draft::{Draft, Target};
use crate::data::particles::{self, role};
use crate::record::MatchKind;
use crate::text::Analysed;

/// "League of Revolutionaries (Usbat al-Thairen)": a capitalised name in parentheses right
/// after a mention, that no gazetteer hit covers, is another name of the same entity in this
/// document (`alias`, with the defining mention as antecedent); so are its later uses.
pub(super) fn parenthetical_names(doc: &Analysed<'_>, out: &mut Vec<Draft>) {
    let (text, words) = (doc.text(), doc.words());
    let covered = |out: &Vec<Draft>, t: usize| out.iter().any(|m| m.covers(t));
    let mut defs: Vec<(String, Target, usize)> = Vec::new();
    for m in out.iter() {
        let Some(first) = words.get(m.last + 1) else {
            continue;
        };
        if &text[m.end..first.start] != " (" {
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
            if !(cap || particle) || covered(out, last) {
                break;
            }
            let after = &text[words[last].end..];
            if after.starts_with(')') {
                ok = cap;
                break;
            }
            match words.get(last + 1) {
                Some(n) if matches!(&text[words[last].end..n.start], " " | "-") => last += 1,
                _ => break,
            }
        }
        if ok {
            let surface = text[first.start..words[last].end].to_string();
            if !defs.iter().any(|(s, _, _)| *s == surface) {
                defs.push((surface, m.target, m.start));
            }
        }
    }
    for (surface, target, def_start) in defs {
        let mut at = 0;
        while let Some(pos) = text[at..].find(&surface) {
            let start = at + pos;
            let end = start + surface.len();
            at = end;
            let (Some(fi), Some(la)) = (
                words.iter().position(|w| w.start == start),
                words.iter().position(|w| w.end == end),
            ) else {
                continue;
            };
            if start < def_start || (fi..=la).any(|t| covered(out, t)) {
                continue;
            }
            out.push(Draft {
                start,
                end,
                first: fi,
                last: la,
                target,
                how: MatchKind::Alias,
                sentence: words[fi].sentence,
                confidence: 0.9,
                trace: Some(format!("named in parentheses after a mention: {surface:?}")),
                antecedent_at: Some(def_start),
            });
        }
    }
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

/// "X, or ACR", "X (ACR)", "X, known as ACR" define ACR as X for this document.
pub(super) fn acronyms(doc: &Analysed<'_>, out: &mut Vec<Draft>) {
    let (text, words) = (doc.text(), doc.words());
    let mut defs: Vec<(String, Target, usize)> = Vec::new();
    for (mi, m) in out.iter().enumerate() {
        let Some(next) = words.get(m.last + 1) else {
            continue;
        };
        let gap = &text[m.end..next.start];
        let mut acr_tok = m.last + 1;
        let defines = if gap == " (" || gap == "(" {
            text[next.end..].starts_with(')')
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
        if let Some(core) = acronym_core(w.text(text)) {
            // The acronym must not already be a mention of another entity.
            if !defs.iter().any(|(a, _, _)| a == core) {
                defs.push((core.to_string(), m.target, mi));
            }
        }
    }
    if defs.is_empty() {
        return;
    }
    for (ti, w) in words.iter().enumerate() {
        let Some(core) = acronym_core(w.text(text)) else {
            continue;
        };
        let Some(&(_, target, def)) = defs.iter().find(|(a, _, _)| a == core) else {
            continue;
        };
        let def_start = out[def].start;
        if w.start < def_start {
            continue;
        }
        match out.iter_mut().find(|m| m.covers(ti)) {
            Some(m) if m.target == target => {}
            Some(m) if m.first == ti && m.last == ti => {
                // A defined acronym overrides a gazetteer code of another entity here.
                m.target = target;
                m.how = MatchKind::Acronym;
                m.trace = Some(format!("acronym defined in this document as {core}"));
                m.antecedent_at = Some(def_start);
            }
            Some(_) => {}
            None => out.push(Draft {
                start: w.start,
                end: w.end,
                first: ti,
                last: ti,
                target,
                how: MatchKind::Acronym,
                sentence: w.sentence,
                confidence: 0.95,
                trace: Some(format!("acronym defined in this document as {core}")),
                antecedent_at: Some(def_start),
            }),
        }
    }
}
