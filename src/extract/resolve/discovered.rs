//! Sieve 4: names found from context (stage 3's discovered hits) become entities of the
//! document, one per type and key, so "Dana M. Whitfield" and a later "Whitfield" are one.

use super::draft::{Draft, Target};
use super::resolved::NewEntity;
use crate::extract::find::{Hit, HitKind};
use crate::record::MatchKind;
use crate::text::Analysed;

/// Adds a mention for every discovered hit, and returns the document's discovered
/// entities. Full names go first, so a surname seen before the full name still takes the
/// full name as the entity's surface.
pub(super) fn add(doc: &Analysed<'_>, hits: &[Hit], out: &mut Vec<Draft>) -> Vec<NewEntity> {
    let mut news: Vec<NewEntity> = Vec::new();
    let mut order: Vec<&Hit> = hits
        .iter()
        .filter(|h| matches!(h.kind, HitKind::Discovered { .. }))
        .collect();
    order.sort_by_key(|f| (f.first == f.last, f.start));
    for f in order {
        let HitKind::Discovered {
            kind,
            key,
            evidence,
        } = &f.kind
        else {
            continue;
        };
        let id = format!("new:{}:{key}", kind.as_lower_str());
        let idx = match news.iter().position(|e| e.id == id) {
            Some(i) => i,
            None => {
                news.push(NewEntity {
                    kind: *kind,
                    id,
                    surface: doc.text()[f.start..f.end].to_string(),
                    evidence: evidence.clone(),
                });
                news.len() - 1
            }
        };
        out.push(Draft {
            start: f.start,
            end: f.end,
            first: f.first,
            last: f.last,
            target: Target::New(idx as u32),
            how: MatchKind::Discovered,
            sentence: doc.words()[f.first].sentence,
            confidence: 0.8,
            trace: Some(evidence.clone()),
            antecedent_at: None,
        });
    }
    news
}
