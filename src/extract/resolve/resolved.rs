//! What stage 4 hands on: mentions, each of one entity of the document's entity list.

use super::draft::{Draft, Target};
use crate::gazetteer::EntityType;
use crate::record::MatchKind;
use crate::text::tokenize::trim_invisible;
use rustc_hash::FxHashMap;

/// An entity that one document's mentions refer to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Entity {
    /// A gazetteer entry, by its index.
    Listed(u32),
    /// A name no gazetteer holds, found in this document.
    Discovered(NewEntity),
}

/// An entity discovered in one document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewEntity {
    /// Its type.
    pub(crate) kind: EntityType,
    /// Its stable id: `new:<type>:<key>`, the same for the same name in any document.
    pub(crate) id: String,
    /// The fullest surface seen in the document.
    pub(crate) surface: String,
    /// Why it was taken for a name.
    pub(crate) evidence: String,
}

impl NewEntity {
    /// The id of a discovered entity of this type and key.
    pub(crate) fn id_of(kind: EntityType, key: &str) -> String {
        format!("new:{}:{key}", kind.as_lower_str())
    }
}

/// A mention of one entity in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offset of the first byte in the original text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The entity it refers to: an index into the document's entities (see
    /// [`crate::Extracted::entity`]).
    pub entity: u32,
    /// How it was linked.
    pub how: MatchKind,
    /// The sentence it starts in.
    pub sentence: u32,
    /// Confidence in the link, 0..1.
    pub confidence: f32,
    /// The rules that made the link, when not a plain name match.
    pub trace: Option<String>,
    /// For links that refer back (short forms, acronyms, descriptions): the index of the
    /// mention referred to, among the document's mentions.
    pub antecedent: Option<usize>,
}

/// One document's resolution.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Resolved {
    /// Mentions in text order.
    pub(crate) mentions: Vec<Mention>,
    /// The entities they refer to, in the order of their first mention.
    pub(crate) entities: Vec<Entity>,
}

/// The drafts of `text`, in text order, as mentions of the document's entities.
pub(super) fn finish(text: &str, mut drafts: Vec<Draft>, mut news: Vec<NewEntity>) -> Resolved {
    let mut entities = Entities::default();
    let mut mentions = Vec::with_capacity(drafts.len());
    for i in 0..drafts.len() {
        let target = drafts[i].target;
        let entity = entities.index_of(target, |t| match t {
            Target::Known(e) => Entity::Listed(e),
            // Each discovered entity is met first once: moved, not copied.
            Target::New(n) => Entity::Discovered(std::mem::replace(
                &mut news[n as usize],
                NewEntity {
                    kind: EntityType::Person,
                    id: String::new(),
                    surface: String::new(),
                    evidence: String::new(),
                },
            )),
        });
        // Drafts are sorted by start: the first mention starting there.
        let antecedent = drafts[i].antecedent_at.and_then(|s| {
            let at = drafts.partition_point(|d| d.start < s);
            (drafts.get(at).is_some_and(|d| d.start == s)).then_some(at)
        });
        let d = &mut drafts[i];
        let (start, end) = edges(text, d.start, d.end);
        mentions.push(Mention {
            start,
            end,
            entity,
            how: d.how,
            sentence: d.sentence,
            confidence: d.confidence,
            trace: d.trace.take(),
            antecedent,
        });
    }
    Resolved {
        mentions,
        entities: entities.list,
    }
}

/// A mention's span less the invisible characters at its edges (a word keeps its direction
/// marks and joiners, `src/text/tokenize/`), so "Baghdad\u{200F}" is written "Baghdad" and
/// makes no new spelling; a span of nothing visible is left as it was.
pub(super) fn edges(text: &str, start: usize, end: usize) -> (usize, usize) {
    let (s, e) = trim_invisible(text, start, end);
    if s < e { (s, e) } else { (start, end) }
}

/// A document's entities in the order of their first mention, and which target each is.
#[derive(Default)]
struct Entities {
    list: Vec<Entity>,
    targets: Vec<Target>,
    /// Past a few entities, the targets are looked up in a map instead of a scan.
    many: Option<FxHashMap<Target, u32>>,
}

impl Entities {
    /// Most entities a scan looks through.
    const SCAN: usize = 16;

    /// The index of `target`'s entity, added by `make` when first met.
    fn index_of(&mut self, target: Target, make: impl FnOnce(Target) -> Entity) -> u32 {
        let found = match &self.many {
            Some(map) => map.get(&target).copied(),
            None => self
                .targets
                .iter()
                .position(|&t| t == target)
                .map(|i| i as u32),
        };
        if let Some(i) = found {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(make(target));
        self.targets.push(target);
        if let Some(map) = &mut self.many {
            map.insert(target, i);
        } else if self.targets.len() > Self::SCAN {
            let map = self.targets.iter().enumerate().map(|(i, &t)| (t, i as u32));
            self.many = Some(map.collect());
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A draft of `target` at `start`, referring back to the mention at `back`.
    fn draft(start: usize, target: Target, back: Option<usize>) -> Draft {
        Draft {
            start,
            end: start + 3,
            first: start,
            last: start,
            target,
            how: MatchKind::Exact,
            sentence: 0,
            confidence: 1.0,
            trace: None,
            antecedent_at: back,
        }
    }

    #[test]
    fn entities_come_in_the_order_of_their_first_mention() {
        let news = vec![NewEntity {
            kind: EntityType::Person,
            id: "new:person:juelvink".into(),
            surface: "Joel Wing".into(),
            evidence: "role \"analyst\"".into(),
        }];
        let drafts = vec![
            draft(0, Target::Known(5), None),
            draft(10, Target::New(0), None),
            draft(20, Target::Known(5), None),
            draft(30, Target::Known(2), None),
        ];
        let r = finish("", drafts, news.clone());
        assert_eq!(
            r.entities,
            [
                Entity::Listed(5),
                Entity::Discovered(news[0].clone()),
                Entity::Listed(2)
            ]
        );
        let of: Vec<u32> = r.mentions.iter().map(|m| m.entity).collect();
        assert_eq!(of, [0, 1, 0, 2]);
    }

    #[test]
    fn a_mention_leaves_out_invisible_characters_at_its_edges() {
        let lex = crate::extract::testing::lexicon(
            "id\ttype\tcanonical\taliases\tcodes\tcountry\tcontext\n\
             gpe.baghdad\tGPE\tBaghdad\t\t\tIQ\t\n",
            false,
        );
        // (text, the surfaces of its mentions)
        let rows: &[(&str, &[&str])] = &[
            ("Baghdad\u{200F} said", &["Baghdad"]),
            ("in \u{2067}Baghdad\u{2069} today", &["Baghdad"]),
            ("\u{FEFF}Baghdad said", &["Baghdad"]),
            ("in Baghdad\u{E0067}\u{E0062}\u{E007F} today", &["Baghdad"]),
            ("in Baghdad\u{200D}\u{200C} today", &["Baghdad"]),
            // Inside the name they stay: a span is one range of the text.
            ("in Bagh\u{AD}dad today", &["Bagh\u{AD}dad"]),
            // A visible character at the edge is no invisible one: nothing trimmed, and
            // a longer word is no mention.
            ("in Baghdad’s streets", &["Baghdad"]),
            ("in Baghdadi streets", &[]),
        ];
        for &(text, want) in rows {
            let got: Vec<String> = crate::extract::testing::mentions(&lex, text)
                .into_iter()
                .map(|m| m.text)
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn an_antecedent_is_the_mention_starting_at_its_offset() {
        let drafts = vec![
            draft(0, Target::Known(1), None),
            draft(10, Target::Known(1), Some(0)),
            // No mention starts at 5: no antecedent.
            draft(20, Target::Known(1), Some(5)),
            draft(30, Target::Known(1), Some(10)),
        ];
        let r = finish("", drafts, Vec::new());
        let back: Vec<Option<usize>> = r.mentions.iter().map(|m| m.antecedent).collect();
        assert_eq!(back, [None, Some(0), None, Some(1)]);
    }
}
