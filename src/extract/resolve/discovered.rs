//! Sieve 4: names found from context (stage 3's discovered hits) become entities of the
//! document, one per type and key, so "Dana M. Whitfield" and a later "Whitfield" are one.

use super::draft::{Draft, Target};
use super::resolved::{NewEntity, edges};
use crate::extract::find::{Hit, HitKind};
use crate::gazetteer::EntityType;
use crate::record::MatchKind;
use crate::text::Analysed;
use rustc_hash::FxHashMap;

/// Adds a mention for every discovered hit, and returns the document's discovered
/// entities. The longest names go first, those outside the headline before those in it, so
/// a surname or short form seen before the full name ("Whitfield", "ACME" in the headline)
/// still takes the full name as the entity's surface.
pub(super) fn add(doc: &Analysed<'_>, hits: &[Hit], out: &mut Vec<Draft>) -> Vec<NewEntity> {
    let mut news: Vec<NewEntity> = Vec::new();
    let mut index: FxHashMap<(EntityType, &str), usize> = FxHashMap::default();
    let mut order: Vec<&Hit> = hits
        .iter()
        .filter(|h| matches!(h.kind, HitKind::Discovered { .. }))
        .collect();
    order.sort_by_key(|f| {
        (
            std::cmp::Reverse(f.last - f.first),
            doc.in_headline(f.first),
            f.start,
        )
    });
    for f in order {
        let HitKind::Discovered {
            kind,
            key,
            evidence,
        } = &f.kind
        else {
            continue;
        };
        let idx = match index.get(&(*kind, key.as_str())) {
            Some(&i) => i,
            None => {
                index.insert((*kind, key), news.len());
                news.push(NewEntity {
                    kind: *kind,
                    id: NewEntity::id_of(*kind, key),
                    surface: {
                        // The surface a mention of it shows, without invisible edges.
                        let (s, e) = edges(doc.text(), f.start, f.end);
                        doc.text()[s..e].to_string()
                    },
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
            sentence: doc.sentence_of(f.first),
            confidence: 0.8,
            trace: Some(evidence.clone()),
            antecedent_at: None,
        });
    }
    news
}

#[cfg(test)]
mod tests {
    //! Sieve 4: discovered names as entities of the document.
    use crate::extract::find::Finders;
    use crate::extract::testing::lexicon;

    const ROWS: &str = "id\ttype\tcanonical\tcountry\ngpe.iraq\tGPE\tIraq\tIQ\n";

    /// The document's entities as (id, canonical), and each mention as (surface, entity
    /// index, how, confidence, trace).
    #[allow(clippy::type_complexity)]
    fn resolve(
        text: &str,
    ) -> (
        Vec<(String, String)>,
        Vec<(String, u32, &'static str, f32, String)>,
    ) {
        let lex = lexicon(ROWS, false);
        let finders = Finders {
            variants: true,
            discovery: true,
            evidence: true,
        };
        let ex = crate::extract::extract(&lex, text, None, finders, None);
        let entities = ex
            .entities()
            .map(|e| (e.id.to_string(), e.canonical.to_string()))
            .collect();
        let mentions = ex
            .mentions()
            .iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    m.entity,
                    m.how.as_str(),
                    m.confidence,
                    m.trace.clone().unwrap_or_default(),
                )
            })
            .collect();
        (entities, mentions)
    }

    #[test]
    fn full_names_go_first_so_the_entity_takes_the_full_surface() {
        // (text, the one entity's canonical name, its mentions' surfaces)
        let rows = [
            (
                "Officials met analyst Joel Wing yesterday. Wing said no.",
                "Joel Wing",
                ["Joel Wing", "Wing"],
            ),
            // The surname comes first, the entity still takes the full name.
            (
                "Wing said no. Officials met analyst Joel Wing yesterday.",
                "Joel Wing",
                ["Wing", "Joel Wing"],
            ),
        ];
        for (text, canonical, surfaces) in rows {
            let (entities, mentions) = resolve(text);
            assert_eq!(
                entities,
                [("new:person:juelvink".to_string(), canonical.to_string())],
                "row {text:?}"
            );
            let got: Vec<(&str, u32)> = mentions.iter().map(|m| (m.0.as_str(), m.1)).collect();
            assert_eq!(got, [(surfaces[0], 0), (surfaces[1], 0)], "row {text:?}");
        }
    }

    #[test]
    fn one_entity_per_type_and_key() {
        // (text, the ids of the document's entities)
        let rows: [(&str, &[&str]); 3] = [
            // One key twice: one entity.
            (
                "Officials met analyst Joel Wing yesterday. Later researcher Joel Wing left.",
                &["new:person:juelvink"],
            ),
            // Two keys.
            (
                "Clashes went on in Maysan province. Fighters of the Maysan Brigade left.",
                &["new:gpe:mesan", "new:org:mesanbrikade"],
            ),
            // One key, two types: two entities.
            (
                "Fighting near the town of Tuz Khurmatu continued. Tuz Khurmatu said no.",
                &["new:gpe:tuzKurmatu", "new:person:tuzKurmatu"],
            ),
        ];
        for (text, ids) in rows {
            let (entities, _) = resolve(text);
            let got: Vec<&str> = entities.iter().map(|e| e.0.as_str()).collect();
            assert_eq!(got, ids, "row {text:?}");
        }
    }

    #[test]
    fn a_discovered_mention_carries_its_evidence() {
        let (_, mentions) = resolve("Officials met analyst Joel Wing yesterday. Wing said no.");
        let m: Vec<(&str, &str, f32, &str)> = mentions
            .iter()
            .map(|m| (m.0.as_str(), m.2, m.3, m.4.as_str()))
            .collect();
        assert_eq!(
            m,
            [
                ("Joel Wing", "discovered", 0.8, "role \"analyst\""),
                (
                    "Wing",
                    "discovered",
                    0.8,
                    "surname of a person named in this document"
                ),
            ]
        );
    }
}
