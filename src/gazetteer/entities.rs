//! The entries of a compiled gazetteer, kept as their encoded bytes and decoded one at a time
//! the first time a stage asks for one.
//!
//! Why: a document touches a few dozen entities, and a gazetteer of a million names decoded
//! whole cost about 600 bytes an entry in owned strings and vectors, and most of a prebuilt
//! index's load time (docs/performance.md, "Gazetteers of millions of names"). Encoded, an
//! entry costs its bytes, an offset and an empty slot.

use super::entry::Entry;
use super::load::Gazetteer;
use memchr::memmem::Finder;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::OnceLock;

/// What compiling keeps of one entity, encoded as one record.
#[derive(Serialize, Deserialize)]
struct Record {
    /// The entry, its `origin` moved to `label` and `line`.
    entry: Entry,
    /// Folded context guard keys (empty = unguarded).
    context: Vec<String>,
    /// Folded descriptors ("iranian general"), for nominal coreference.
    descriptors: Vec<String>,
    /// The file the entry was read from, as an index into [`Entities::labels`]: a path
    /// repeated in every record was a third of a record's bytes.
    label: u32,
    /// The rest of the origin after the file (`:line`).
    line: String,
}

/// One entity, decoded.
pub(crate) struct Decoded {
    record: Record,
    /// A substring searcher per context guard key, built the first time a document asks.
    finders: OnceLock<Vec<Finder<'static>>>,
}

impl Decoded {
    /// The gazetteer entry.
    pub(crate) fn entry(&self) -> &Entry {
        &self.record.entry
    }

    /// The folded descriptors.
    pub(crate) fn descriptors(&self) -> &[String] {
        &self.record.descriptors
    }

    /// The searchers of the context guard keys.
    pub(crate) fn finders(&self) -> &[Finder<'static>] {
        self.finders.get_or_init(|| {
            self.record
                .context
                .iter()
                .map(|k| Finder::new(k.as_bytes()).into_owned())
                .collect()
        })
    }
}

/// The entities of a compiled gazetteer, by index, and by id.
pub struct Entities {
    /// Every record, one after another.
    bytes: Vec<u8>,
    /// Record `i` ends at `ends[i]` (and begins where record `i - 1` ends).
    ends: Vec<u64>,
    decoded: Vec<OnceLock<Box<Decoded>>>,
    /// Id → index.
    ids: fst::Map<Vec<u8>>,
    /// The files the entries were read from.
    labels: Vec<String>,
}

/// The parts of [`Entities`] a cache or an index saves, the two byte arrays aside.
#[derive(Serialize, Deserialize)]
struct Saved {
    ends: Vec<u64>,
    labels: Vec<String>,
}

impl Entities {
    /// Encodes a gazetteer's entries with the folded guard keys and descriptors compiling
    /// found for each.
    pub(super) fn new(
        gazetteer: Gazetteer,
        context: Vec<Vec<String>>,
        descriptors: Vec<Vec<String>>,
    ) -> Result<Entities, String> {
        let entries = gazetteer.into_entries();
        let mut labels: Vec<String> = Vec::new();
        let mut origins: Vec<(u32, String)> = Vec::with_capacity(entries.len());
        for e in &entries {
            let (label, line) = match e.origin.rfind(':') {
                Some(i) => e.origin.split_at(i),
                None => (e.origin.as_str(), ""),
            };
            if labels.last().is_none_or(|l| l != label) {
                labels.push(label.to_string());
            }
            origins.push((labels.len() as u32 - 1, line.to_string()));
        }
        // Encoded in chunks on all threads, each chunk one buffer: a buffer per entry cost
        // its own allocation.
        let chunks: Vec<(Vec<u8>, Vec<u64>)> = entries
            .into_par_iter()
            .zip(context)
            .zip(descriptors)
            .zip(origins)
            .chunks(4096)
            .map(|chunk| {
                let mut bytes = Vec::new();
                let mut ends = Vec::with_capacity(chunk.len());
                for (((mut entry, context), descriptors), (label, line)) in chunk {
                    entry.origin = String::new();
                    let record = Record {
                        entry,
                        context,
                        descriptors,
                        label,
                        line,
                    };
                    bytes = postcard::to_extend(&record, bytes).map_err(|e| e.to_string())?;
                    ends.push(bytes.len() as u64);
                }
                Ok((bytes, ends))
            })
            .collect::<Result<_, String>>()?;
        let mut bytes = Vec::with_capacity(chunks.iter().map(|c| c.0.len()).sum());
        let mut ends = Vec::with_capacity(chunks.iter().map(|c| c.1.len()).sum());
        for (chunk, chunk_ends) in chunks {
            let base = bytes.len() as u64;
            bytes.extend_from_slice(&chunk);
            ends.extend(chunk_ends.iter().map(|e| base + e));
        }
        let ids = id_map(&bytes, &ends)?;
        Ok(Entities::assemble(bytes, ids, Saved { ends, labels }))
    }

    fn assemble(bytes: Vec<u8>, ids: fst::Map<Vec<u8>>, saved: Saved) -> Entities {
        Entities {
            decoded: saved.ends.iter().map(|_| OnceLock::new()).collect(),
            bytes,
            ends: saved.ends,
            ids,
            labels: saved.labels,
        }
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The entry at index `i` (in load order).
    pub fn get(&self, i: usize) -> Option<&Entry> {
        (i < self.len()).then(|| self.decoded(i as u32).entry())
    }

    /// The entry with this id.
    pub fn by_id(&self, id: &str) -> Option<&Entry> {
        self.get(self.index_of(id)?)
    }

    /// The index of the entry with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.get(id).map(|i| i as usize)
    }

    /// Entity `i` decoded (decoding it the first time). `i` must be below [`Entities::len`].
    pub(crate) fn decoded(&self, i: u32) -> &Decoded {
        self.decoded[i as usize].get_or_init(|| Box::new(self.decode(i as usize)))
    }

    fn decode(&self, i: usize) -> Decoded {
        let mut record: Record = self
            .range(i)
            .and_then(|r| postcard::from_bytes(&self.bytes[r]).ok())
            .unwrap_or_else(|| damaged(i));
        let label = self.labels.get(record.label as usize);
        record.entry.origin = format!("{}{}", label.map_or("", String::as_str), record.line);
        Decoded {
            record,
            finders: OnceLock::new(),
        }
    }

    fn range(&self, i: usize) -> Option<std::ops::Range<usize>> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let end = self.ends[i];
        let r = usize::try_from(start).ok()?..usize::try_from(end).ok()?;
        (r.start <= r.end && r.end <= self.bytes.len()).then_some(r)
    }

    /// The entities as three sections for the start-up cache and the prebuilt index: the
    /// records, the id map, and the offsets with the file labels.
    pub(super) fn sections(&self) -> Result<[Cow<'_, [u8]>; 3], postcard::Error> {
        let rest = postcard::to_stdvec(&(&self.ends, &self.labels))?;
        Ok([
            Cow::Borrowed(&self.bytes),
            Cow::Borrowed(self.ids.as_fst().as_bytes()),
            Cow::Owned(rest),
        ])
    }

    /// The inverse of [`Entities::sections`]. The offsets and the id map are checked; a
    /// record is decoded only when asked for, and one that does not decode (a damage the
    /// file's checksum missed) becomes a placeholder, never a panic.
    pub(super) fn from_sections(
        records: Vec<u8>,
        ids: Vec<u8>,
        rest: &[u8],
    ) -> Result<Entities, String> {
        let saved: Saved = postcard::from_bytes(rest).map_err(|e| e.to_string())?;
        let ids = fst::Map::new(ids).map_err(|e| e.to_string())?;
        let n = saved.ends.len() as u64;
        let sound = saved.ends.windows(2).all(|w| w[0] <= w[1])
            && saved.ends.last().is_none_or(|&e| e == records.len() as u64)
            && ids.len() as u64 == n
            && ids_below(&ids, n);
        if !sound {
            return Err("its entity offsets or ids do not match its entities".into());
        }
        Ok(Entities::assemble(records, ids, saved))
    }
}

/// Whether every id maps to an index below `n`.
fn ids_below(ids: &fst::Map<Vec<u8>>, n: u64) -> bool {
    use fst::Streamer;
    let mut stream = ids.stream();
    while let Some((_, v)) = stream.next() {
        if v >= n {
            return false;
        }
    }
    true
}

/// Id → index over the encoded records. Each record opens with its entry, which opens
/// with its id, so the ids are read without decoding the rest.
fn id_map(bytes: &[u8], ends: &[u64]) -> Result<fst::Map<Vec<u8>>, String> {
    let mut ids: Vec<(&str, u64)> = Vec::with_capacity(ends.len());
    let mut start = 0;
    for (i, &end) in ends.iter().enumerate() {
        let record = &bytes[start..end as usize];
        let (id, _): (&str, _) = postcard::take_from_bytes(record).map_err(|e| e.to_string())?;
        ids.push((id, i as u64));
        start = end as usize;
    }
    ids.par_sort_unstable();
    // Ids are unique (loading refuses a duplicate).
    fst::Map::from_iter(ids).map_err(|e| e.to_string())
}

/// What an entity whose record does not decode becomes.
fn damaged(i: usize) -> Record {
    Record {
        entry: Entry {
            id: format!("damaged:{i}"),
            kind: super::EntityType::Org,
            canonical: String::new(),
            aliases: Vec::new(),
            codes: Vec::new(),
            descriptors: Vec::new(),
            roles: Vec::new(),
            qid: None,
            geonames: None,
            coordinates: None,
            country: None,
            parent: None,
            context: Vec::new(),
            active: None,
            attrs: Default::default(),
            origin: String::new(),
        },
        context: Vec::new(),
        descriptors: Vec::new(),
        label: u32::MAX,
        line: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities() -> Entities {
        let mut g = Gazetteer::default();
        g.add_str(
            "dir/t.tsv",
            "id\ttype\tcanonical\taliases\tcontext\n\
             org.b\tORG\tBadr Organization\tBadr\tIraq\n\
             gpe.a\tGPE\tAmarah\t\t\n\
             per.c\tPERSON\tCarla Example\t\t\n",
        )
        .unwrap();
        let n = g.entries().len();
        let context = (0..n).map(|i| vec![format!("guard{i}")]).collect();
        let descriptors = (0..n).map(|i| vec![format!("desc{i}")]).collect();
        Entities::new(g, context, descriptors).unwrap()
    }

    #[test]
    fn entries_decode_by_index_and_id_with_their_origin() {
        let e = entities();
        assert_eq!(e.len(), 3);
        let badr = e.get(0).unwrap();
        assert_eq!(badr.id, "org.b");
        assert_eq!(badr.aliases[0].name, "Badr");
        assert_eq!(badr.context, ["Iraq"]);
        assert_eq!(badr.origin, "dir/t.tsv:2");
        assert_eq!(e.by_id("per.c").unwrap().canonical, "Carla Example");
        assert_eq!(e.index_of("gpe.a"), Some(1));
        assert!(e.by_id("gpe.none").is_none());
        assert!(e.get(3).is_none());
        let d = e.decoded(2);
        assert_eq!(d.descriptors(), ["desc2"]);
        assert_eq!(d.finders().len(), 1);
    }

    #[test]
    fn sections_read_back_and_damage_never_panics() {
        let e = entities();
        let [records, ids, rest] = e.sections().unwrap().map(Cow::into_owned);
        let back = Entities::from_sections(records.clone(), ids.clone(), &rest).unwrap();
        for i in 0..3 {
            assert_eq!(back.get(i), e.get(i), "entry {i}");
        }
        // Offsets that do not end at the records' end, a cut id map, a cut rest: errors.
        assert!(Entities::from_sections(records[1..].to_vec(), ids.clone(), &rest).is_err());
        assert!(Entities::from_sections(records.clone(), ids[..4].to_vec(), &rest).is_err());
        assert!(Entities::from_sections(records.clone(), ids.clone(), &rest[..2]).is_err());
        // A record that does not decode (a damage a checksum missed) reads as a placeholder.
        let garbage = vec![0xff; records.len()];
        let damaged = Entities::from_sections(garbage, ids, &rest).unwrap();
        assert_eq!(damaged.get(1).unwrap().id, "damaged:1");
        assert!(damaged.decoded(1).descriptors().is_empty());
    }
}
