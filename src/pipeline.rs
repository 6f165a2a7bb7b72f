//! The pipeline: tokenise → normalise → match → resolve → records, for one document or a
//! stream of them. Documents run in parallel in bounded batches; results are written in input
//! order, so output is byte-identical for any number of threads and memory does not grow with
//! the archive.

use crate::coref::{self, EntityRef, Mention, NewEntity};
use crate::discover;
use crate::document::{Document, Item, Problem};
use crate::gazetteer::Compiled;
use crate::matcher;
use crate::normalize::normalize;
use crate::record::{EntityRecord, KbIds, MentionRecord, MentionRef};
use crate::tokenize::tokenize;
use crate::variant;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// A compiled gazetteer plus the stages that use it. Cheap to share between threads.
pub struct Pipeline {
    /// The gazetteer.
    pub gazetteer: Compiled,
    /// Link unlisted transliteration variants (on by default).
    pub variants: bool,
    /// Find names the gazetteers lack from their context (on by default).
    pub discovery: bool,
}

/// One document's output.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// Resolved mentions in text order.
    pub mentions: Vec<Mention>,
    /// Entities discovered in the document, referenced by [`EntityRef::New`].
    pub discovered: Vec<NewEntity>,
    /// Unlisted spellings equally close to several entities: not linked, reported.
    pub ambiguous: Vec<crate::variant::Ambiguous>,
}

/// Wall time spent in each stage of [`Pipeline::extract_timed`].
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    /// Words and sentences.
    pub tokenize: std::time::Duration,
    /// Match keys and offset maps.
    pub normalize: std::time::Duration,
    /// Gazetteer hits.
    pub matching: std::time::Duration,
    /// Transliteration variants.
    pub variants: std::time::Duration,
    /// Names found from context.
    pub discovery: std::time::Duration,
    /// Coreference.
    pub resolve: std::time::Duration,
}

/// An unlisted spelling that was equally close to several entities, so it was not linked.
#[derive(Debug, Clone, PartialEq)]
pub struct Ambiguity {
    /// Document id.
    pub doc: String,
    /// The surface.
    pub text: String,
    /// The competing entities: (id, canonical name).
    pub candidates: Vec<(String, String)>,
}

impl Pipeline {
    /// A pipeline over a compiled gazetteer.
    pub fn new(gazetteer: Compiled) -> Self {
        Pipeline {
            gazetteer,
            variants: true,
            discovery: true,
        }
    }

    /// The pipeline on the bundled gazetteers.
    pub fn bundled() -> crate::Result<Self> {
        Ok(Pipeline::new(Compiled::bundled()?))
    }

    /// Runs every stage on one text. Never fails: any string is valid input.
    pub fn extract(&self, text: &str) -> Extracted {
        self.extract_timed(text, None)
    }

    /// [`Pipeline::extract`], adding each stage's wall time to `times` when given (for
    /// `examples/stage_times.rs`; the clock is read only when asked).
    pub fn extract_timed(&self, text: &str, mut times: Option<&mut StageTimes>) -> Extracted {
        let mut clock = times.as_ref().map(|_| std::time::Instant::now());
        let mut lap = |slot: fn(&mut StageTimes) -> &mut std::time::Duration,
                       times: &mut Option<&mut StageTimes>| {
            if let (Some(t), Some(c)) = (times.as_deref_mut(), clock.as_mut()) {
                let now = std::time::Instant::now();
                *slot(t) += now - *c;
                *c = now;
            }
        };
        // Offsets inside a document are 32-bit: a text of 4 GiB or more yields nothing
        // rather than wrong spans (readers refuse such documents long before).
        if text.len() >= u32::MAX as usize {
            return Extracted {
                mentions: Vec::new(),
                discovered: Vec::new(),
                ambiguous: Vec::new(),
            };
        }
        let tokens = tokenize(text);
        lap(|t| &mut t.tokenize, &mut times);
        let norm = normalize(text, &tokens);
        lap(|t| &mut t.normalize, &mut times);
        let mut cands = matcher::find(text, &tokens, &norm, &self.gazetteer);
        lap(|t| &mut t.matching, &mut times);
        let mut ambiguous = Vec::new();
        let overlaps =
            |c: &matcher::Candidate, first: usize, last: usize| first <= c.last && c.first <= last;
        if self.variants {
            let index = self.gazetteer.variant_index();
            let (found, found_ambiguous) =
                variant::find(text, &tokens, &norm, &cands, &self.gazetteer, index);
            ambiguous = found_ambiguous;
            if !found.is_empty() {
                // A variant strictly contains the hits it overlaps; the covering choice
                // keeps it over them.
                cands.extend(found);
                cands = matcher::select(cands);
            }
        }
        lap(|t| &mut t.variants, &mut times);
        let found = if self.discovery {
            // Discovery sees only full-name hits: a bare surname of someone the gazetteer
            // knows ("Saleh") must not hide a new full name ("Miriam Saleh"). Short-form hits
            // inside what it finds are dropped.
            discover::find(
                text,
                &tokens,
                &norm,
                cands.iter().filter(|c| !matcher::only_partial(c)),
            )
        } else {
            Vec::new()
        };
        lap(|t| &mut t.discovery, &mut times);
        cands.retain(|c| {
            !matcher::only_partial(c) || !found.iter().any(|f| overlaps(c, f.first, f.last))
        });
        let r = coref::resolve(text, &tokens, &norm, &cands, &found, &self.gazetteer);
        lap(|t| &mut t.resolve, &mut times);
        Extracted {
            mentions: r.mentions,
            discovered: r.discovered,
            ambiguous,
        }
    }

    /// Mention records of one document.
    pub fn records(&self, doc: &Document, ex: &Extracted) -> Vec<MentionRecord> {
        let mut out = Vec::with_capacity(ex.mentions.len());
        self.each_mention(doc, ex, |m| out.push(m.to_record()));
        out
    }

    /// Appends one document's mention lines to `out`, the bytes [`crate::record::write_jsonl`]
    /// writes for [`Pipeline::records`], without building the records: each field is
    /// borrowed from the document, the gazetteer or `ex`. Returns the number of mentions.
    pub fn write_mentions(&self, doc: &Document, ex: &Extracted, out: &mut Vec<u8>) -> usize {
        self.each_mention(doc, ex, |m| m.write_line(out));
        ex.mentions.len()
    }

    /// Extracts one document and writes its mention lines: what a worker does in a lines run
    /// ([`run_lines`], and the CLI's run that also counts entities).
    pub fn extract_lines(&self, doc: &Document) -> (Extracted, Lines) {
        let ex = self.extract(&doc.text);
        let mut lines = Lines::default();
        self.write_mentions(doc, &ex, &mut lines.bytes);
        (ex, lines)
    }

    /// Calls `f` with each mention of the extraction as a [`MentionRef`], in order.
    pub fn each_mention(&self, doc: &Document, ex: &Extracted, mut f: impl FnMut(MentionRef)) {
        // A discovered entity's id is made from its key, once per document (its mentions
        // are often several); a listed one's is borrowed.
        let new_ids: Vec<String> = ex.discovered.iter().map(NewEntity::id).collect();
        for m in &ex.mentions {
            let (kind, entity, canonical) = match m.entity {
                EntityRef::Known(i) => {
                    let e = &self.gazetteer.gazetteer.entities[i as usize];
                    (e.kind, e.id.as_str(), e.canonical.as_str())
                }
                EntityRef::New(i) => {
                    let e = &ex.discovered[i as usize];
                    (e.kind, new_ids[i as usize].as_str(), e.surface.as_str())
                }
            };
            f(MentionRef {
                doc: &doc.id,
                start: m.start,
                end: m.end,
                text: &doc.text[m.start..m.end],
                kind: kind.as_str(),
                entity,
                canonical,
                how: m.how,
                sentence: m.sentence as usize,
                confidence: m.confidence,
                trace: m.trace.as_deref(),
                antecedent: m.antecedent,
                source: doc.source.as_deref(),
            });
        }
    }

    /// Processes one document to records.
    pub fn process(&self, doc: &Document) -> Vec<MentionRecord> {
        let ex = self.extract(&doc.text);
        self.records(doc, &ex)
    }

    /// Processes one document to records, and the unlisted spellings it could not link
    /// because several entities were equally close.
    pub fn process_all(&self, doc: &Document) -> (Vec<MentionRecord>, Vec<Ambiguity>) {
        let ex = self.extract(&doc.text);
        let ambiguities = ex
            .ambiguous
            .iter()
            .map(|a| {
                let mut candidates: Vec<(String, String)> = a
                    .entities
                    .iter()
                    .map(|&e| {
                        let ent = &self.gazetteer.gazetteer.entities[e as usize];
                        (ent.id.clone(), ent.canonical.clone())
                    })
                    .collect();
                candidates.sort();
                Ambiguity {
                    doc: doc.id.clone(),
                    text: doc.text[a.start..a.end].to_string(),
                    candidates,
                }
            })
            .collect();
        (self.records(doc, &ex), ambiguities)
    }
}

/// Counts over a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents read (including those that failed).
    pub read: u64,
    /// Documents processed.
    pub processed: u64,
    /// Documents that failed.
    pub failed: u64,
    /// Warnings that cost no document.
    pub warnings: u64,
    /// Mentions written.
    pub mentions: u64,
    /// Bytes of document text processed.
    pub bytes: u64,
}

/// Per-entity counts gathered over a run, in a deterministic order.
#[derive(Debug, Default)]
pub struct EntityStats {
    by_entity: HashMap<String, Stat>,
    /// Documents begun so far; a [`Stat`] counts a document when its `last_doc` differs.
    docs: u64,
}

#[derive(Debug, Default)]
struct Stat {
    mentions: u64,
    documents: u64,
    /// The document (of [`EntityStats::docs`]) that last mentioned the entity.
    last_doc: u64,
    variants: BTreeMap<String, u64>,
    sources: BTreeMap<String, BTreeMap<String, u64>>,
    /// For discovered entities: type, the names given as canonical, and evidence.
    kind: String,
    canonicals: BTreeMap<String, u64>,
    evidence: Vec<String>,
}

/// How many distinct pieces of evidence an entity record keeps.
const MAX_EVIDENCE: usize = 5;

/// Counts one more use of `key`; the key is cloned only the first time it is seen, since
/// this runs on the writing thread for every mention.
fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

impl EntityStats {
    /// Adds one document's records.
    pub fn add(&mut self, records: &[MentionRecord]) {
        self.begin_document();
        for r in records {
            self.add_mention(&r.as_ref());
        }
    }

    /// Starts a document: the mentions added next are counted as one document's.
    pub fn begin_document(&mut self) {
        self.docs += 1;
    }

    /// Adds one mention of the current document ([`EntityStats::begin_document`]). Borrowed,
    /// so that a run can count mentions as [`Pipeline::each_mention`] yields them, with no
    /// record built.
    pub fn add_mention(&mut self, r: &MentionRef<'_>) {
        let s = match self.by_entity.get_mut(r.entity) {
            Some(s) => s,
            None => self.by_entity.entry(r.entity.to_string()).or_default(),
        };
        s.mentions += 1;
        if s.last_doc != self.docs {
            s.last_doc = self.docs;
            s.documents += 1;
        }
        bump(&mut s.variants, r.text);
        if r.how == crate::record::MatchKind::Discovered {
            if s.kind != r.kind {
                s.kind.clear();
                s.kind.push_str(r.kind);
            }
            bump(&mut s.canonicals, r.canonical);
            if let Some(t) = r.trace {
                if s.evidence.len() < MAX_EVIDENCE && !s.evidence.iter().any(|e| e == t) {
                    s.evidence.push(t.to_string());
                }
            }
        }
        if let Some(src) = r.source {
            let by_source = match s.sources.get_mut(src) {
                Some(m) => m,
                None => s.sources.entry(src.to_string()).or_default(),
            };
            bump(by_source, r.text);
        }
    }

    /// One record per entity seen, sorted by id. Consumes the counts: their maps move into
    /// the records rather than being copied.
    pub fn records(self, gaz: &Compiled) -> Vec<EntityRecord> {
        // Ids are unique. The records are built on all cores, in order: this runs after the
        // last document, while the pool is idle.
        let mut sorted: Vec<(String, Stat)> = self.by_entity.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        sorted
            .into_par_iter()
            .map(|(id, s)| {
                let Some(index) = gaz.gazetteer.index_of(&id) else {
                    return discovered_record(id, s);
                };
                let e = &gaz.gazetteer.entities[index];
                EntityRecord {
                    entity: e.id.clone(),
                    kind: e.kind.as_str().to_string(),
                    canonical: e.canonical.clone(),
                    kb: KbIds {
                        wikidata: e.qid.clone(),
                        geonames: e.geonames,
                    },
                    coordinates: e.coordinates,
                    country: e.country.clone(),
                    parent: e.parent.clone(),
                    mentions: s.mentions,
                    documents: s.documents,
                    variants: s.variants,
                    sources: s.sources,
                    discovered: false,
                    evidence: Vec::new(),
                }
            })
            .collect()
    }
}

/// A discovered entity's record: its canonical name is the most frequent full name given,
/// the longest on ties.
fn discovered_record(id: String, s: Stat) -> EntityRecord {
    let canonical = s
        .canonicals
        .iter()
        .max_by_key(|(name, n)| (**n, name.len(), std::cmp::Reverse((*name).clone())))
        .map(|(name, _)| name.clone())
        .unwrap_or_default();
    EntityRecord {
        entity: id,
        kind: s.kind,
        canonical,
        kb: KbIds::default(),
        coordinates: None,
        country: None,
        parent: None,
        mentions: s.mentions,
        documents: s.documents,
        variants: s.variants,
        sources: s.sources,
        discovered: true,
        evidence: s.evidence,
    }
}

/// Batch limits: documents are read and processed this many at a time.
#[derive(Debug, Clone, Copy)]
pub struct BatchLimits {
    /// Most documents in one batch (the first batches hold fewer, see [`run_with`]).
    pub docs: usize,
    /// Most text bytes in one batch.
    pub bytes: usize,
}

impl Default for BatchLimits {
    fn default() -> Self {
        BatchLimits {
            docs: 1024,
            bytes: 16 << 20,
        }
    }
}

/// Runs the pipeline over a stream of items. For each batch, `emit` receives the documents
/// and their records in input order; `problem` receives each bad input as it is met.
pub fn run<I, E, P>(
    pipeline: &Pipeline,
    items: I,
    limits: BatchLimits,
    emit: E,
    problem: P,
) -> Result<Summary, crate::Error>
where
    I: Iterator<Item = Item> + Send,
    E: FnMut(&[Document], &[Vec<MentionRecord>], &[Ambiguity]) -> Result<(), crate::Error>,
    P: FnMut(&Problem),
{
    run_with(
        pipeline,
        items,
        limits,
        |p, doc| {
            let (records, ambiguous) = p.process_all(doc);
            (records.len(), records, ambiguous)
        },
        emit,
        problem,
    )
}

/// One document's mention lines, as [`Pipeline::write_mentions`] writes them.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    /// The JSON lines.
    pub bytes: Vec<u8>,
}

/// [`run`] with the output per document chosen by `work`, which returns the number of
/// mentions, the output and the ambiguous spellings. With [`Lines`] the workers write the
/// mention lines themselves: no record is built, and nothing a worker allocates is freed
/// by another thread. The first batch holds a sixteenth of `limits.docs`, and each next one
/// twice as many up to the limit, so the pool does not wait for a whole batch to be read.
///
/// When the pool has one thread and the process may run on one CPU only (`taskset`, a
/// container's quota), everything runs on the calling thread instead ([`Schedule::Serial`]):
/// a reading thread there only takes turns with the worker on the same CPU.
pub fn run_with<T, W, I, E, P>(
    pipeline: &Pipeline,
    items: I,
    limits: BatchLimits,
    work: W,
    emit: E,
    problem: P,
) -> Result<Summary, crate::Error>
where
    T: Send,
    W: Fn(&Pipeline, &Document) -> (usize, T, Vec<Ambiguity>) + Sync,
    I: Iterator<Item = Item> + Send,
    E: FnMut(&[Document], &[T], &[Ambiguity]) -> Result<(), crate::Error>,
    P: FnMut(&Problem),
{
    let schedule = Schedule::for_this_process();
    run_scheduled(pipeline, items, limits, schedule, work, emit, problem)
}

/// How [`run_with`] spreads a run over threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// Reading and parsing on a thread of their own, one batch ahead; each batch processed
    /// on the rayon pool while the batch before it is emitted.
    Threaded,
    /// Read, process and emit each batch in turn on the calling thread. On one CPU this
    /// saves the switching between threads (22 context switches a run over news.jsonl
    /// against 208): 0.394 -> 0.383 s best on one pinned core (docs/performance.md, item 60).
    Serial,
}

impl Schedule {
    /// Serial when the rayon pool has one thread and the process may run on one CPU only;
    /// with one pool thread on more CPUs, reading still overlaps with processing.
    pub fn for_this_process() -> Schedule {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        if rayon::current_num_threads() == 1 && cpus == 1 {
            Schedule::Serial
        } else {
            Schedule::Threaded
        }
    }
}

/// A batch read ahead: documents, and the problems met while reading them (reported
/// before the batch's documents are emitted, in input order).
struct Batch {
    docs: Vec<Document>,
    problems: Vec<Problem>,
    read: u64,
    failed: u64,
    warnings: u64,
    bytes: usize,
}

/// Cuts a stream of items into batches: the first holds a sixteenth of `limits.docs` and
/// each next one twice as many up to the limit, so the pool starts at once (the first 1,024
/// news articles take 1.7-2.7 ms to read and parse).
struct Batches<I> {
    items: I,
    limits: BatchLimits,
    docs_limit: usize,
    ended: bool,
}

impl<I: Iterator<Item = Item>> Batches<I> {
    fn new(items: I, limits: BatchLimits) -> Self {
        Batches {
            items,
            limits,
            docs_limit: (limits.docs / 16).max(1),
            ended: false,
        }
    }
}

impl<I: Iterator<Item = Item>> Iterator for Batches<I> {
    type Item = Batch;

    fn next(&mut self) -> Option<Batch> {
        if self.ended {
            return None;
        }
        let mut b = Batch {
            docs: Vec::new(),
            problems: Vec::new(),
            read: 0,
            failed: 0,
            warnings: 0,
            bytes: 0,
        };
        // At least one item per batch, whatever the limits.
        while b.read == 0 || (b.docs.len() < self.docs_limit && b.bytes < self.limits.bytes) {
            let Some(item) = self.items.next() else {
                self.ended = true;
                break;
            };
            b.read += 1;
            match item {
                Item::Doc(doc, warning) => {
                    if let Some(w) = warning {
                        b.warnings += 1;
                        b.problems.push(w);
                    }
                    b.bytes += doc.text.len();
                    b.docs.push(doc);
                }
                Item::Bad(p) => {
                    b.failed += 1;
                    b.problems.push(p);
                }
            }
        }
        self.docs_limit = (self.docs_limit * 2).min(self.limits.docs.max(1));
        (b.read > 0).then_some(b)
    }
}

/// [`run_with`] on the given schedule; output and emitted batches are the same on both.
pub fn run_scheduled<T, W, I, E, P>(
    pipeline: &Pipeline,
    items: I,
    limits: BatchLimits,
    schedule: Schedule,
    work: W,
    mut emit: E,
    mut problem: P,
) -> Result<Summary, crate::Error>
where
    T: Send,
    W: Fn(&Pipeline, &Document) -> (usize, T, Vec<Ambiguity>) + Sync,
    I: Iterator<Item = Item> + Send,
    E: FnMut(&[Document], &[T], &[Ambiguity]) -> Result<(), crate::Error>,
    P: FnMut(&Problem),
{
    type Done<T> = (Vec<Document>, Vec<T>, Vec<Ambiguity>, u64);
    let process = |docs: Vec<Document>, serial: bool| -> Done<T> {
        let done: Vec<(usize, T, Vec<Ambiguity>)> = if serial {
            docs.iter().map(|d| work(pipeline, d)).collect()
        } else {
            docs.par_iter().map(|d| work(pipeline, d)).collect()
        };
        let mentions = done.iter().map(|d| d.0 as u64).sum();
        let (outputs, ambiguous): (Vec<T>, Vec<Vec<Ambiguity>>) =
            done.into_iter().map(|(_, t, a)| (t, a)).unzip();
        (
            docs,
            outputs,
            ambiguous.into_iter().flatten().collect(),
            mentions,
        )
    };
    let mut summary = Summary::default();
    // Counts a batch and reports its problems; false when it holds no document.
    let mut take = |b: &Batch, summary: &mut Summary| -> bool {
        summary.read += b.read;
        summary.failed += b.failed;
        summary.warnings += b.warnings;
        for p in &b.problems {
            problem(p);
        }
        summary.processed += b.docs.len() as u64;
        summary.bytes += b.bytes as u64;
        !b.docs.is_empty()
    };
    let mut finish = |(docs, outputs, ambiguous, mentions): Done<T>,
                      summary: &mut Summary|
     -> Result<(), crate::Error> {
        summary.mentions += mentions;
        emit(&docs, &outputs, &ambiguous)
    };
    if schedule == Schedule::Serial {
        for b in Batches::new(items, limits) {
            if take(&b, &mut summary) {
                finish(process(b.docs, true), &mut summary)?;
            }
        }
        return Ok(summary);
    }
    // Reading and parsing run on their own thread, one batch ahead of processing, so they
    // overlap with extraction; the channel holds one batch, so memory stays bounded.
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(1);
        scope.spawn(move || {
            for b in Batches::new(items, limits) {
                if tx.send(b).is_err() {
                    break;
                }
            }
        });
        // Each batch goes to the pool as soon as it is read, while the one before may still
        // be in the pool: a worker done with its share of one batch starts on the next
        // instead of waiting for the batch's last document (a rayon worker takes work handed
        // in from outside only when it has none of its own and none to steal, so the earlier
        // batch goes first). This thread waits for the earlier batch, then emits it, so
        // batches are emitted in input order and at most two are in the pool. A batch is a
        // job of the pool itself, not a thread of its own that hands it in: the scheduler
        // queued such threads behind the reading thread while a core stood idle (2-3 ms at
        // each batch, `perf sched timehist`).
        rayon::in_place_scope(|pool| {
            let mut in_pool: Option<std::sync::mpsc::Receiver<Done<T>>> = None;
            for b in rx {
                if !take(&b, &mut summary) {
                    continue;
                }
                let (done_tx, done_rx) = std::sync::mpsc::sync_channel(1);
                let process = &process;
                pool.spawn(move |_| {
                    // Fails only when the run has stopped on an emit error.
                    let _ = done_tx.send(process(b.docs, false));
                });
                if let Some(earlier) = in_pool.replace(done_rx) {
                    // A batch that panicked sends nothing; the scope re-raises its panic.
                    let Ok(done) = earlier.recv() else {
                        return Ok(());
                    };
                    finish(done, &mut summary)?;
                }
            }
            if let Some(Ok(done)) = in_pool.map(|last| last.recv()) {
                finish(done, &mut summary)?;
            }
            Ok::<(), crate::Error>(())
        })
    })?;
    Ok(summary)
}

/// [`run_with`] writing [`Lines`]: the workers write each document's mention lines straight
/// from the extraction, and `emit` receives them in input order. What `gazette extract` does
/// when only mentions are asked for.
pub fn run_lines<I, E, P>(
    pipeline: &Pipeline,
    items: I,
    limits: BatchLimits,
    emit: E,
    problem: P,
) -> Result<Summary, crate::Error>
where
    I: Iterator<Item = Item> + Send,
    E: FnMut(&[Document], &[Lines]) -> Result<(), crate::Error>,
    P: FnMut(&Problem),
{
    let schedule = Schedule::for_this_process();
    run_lines_scheduled(pipeline, items, limits, schedule, emit, problem)
}

/// [`run_lines`] on the given schedule.
fn run_lines_scheduled<I, E, P>(
    pipeline: &Pipeline,
    items: I,
    limits: BatchLimits,
    schedule: Schedule,
    mut emit: E,
    problem: P,
) -> Result<Summary, crate::Error>
where
    I: Iterator<Item = Item> + Send,
    E: FnMut(&[Document], &[Lines]) -> Result<(), crate::Error>,
    P: FnMut(&Problem),
{
    run_scheduled(
        pipeline,
        items,
        limits,
        schedule,
        |p, doc| {
            // The extraction is freed here, on the worker that made it.
            let (ex, lines) = p.extract_lines(doc);
            (ex.mentions.len(), lines, Vec::new())
        },
        |docs, lines, _| emit(docs, lines),
        problem,
    )
}

/// Runs the pipeline over a stream and writes mention records as JSON lines to `out`,
/// ignoring bad input: the whole `extract` path, for benches and embedding programs.
pub fn run_to_jsonl<I: Iterator<Item = Item> + Send>(
    pipeline: &Pipeline,
    items: I,
    out: &mut dyn std::io::Write,
) -> Result<Summary, crate::Error> {
    run_lines(
        pipeline,
        items,
        BatchLimits::default(),
        |_, lines| {
            for l in lines {
                out.write_all(&l.bytes)
                    .map_err(|e| crate::Error::io("<output>", e))?;
            }
            Ok(())
        },
        |_| {},
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn _assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn shared_types_are_send_and_sync() {
        _assert_send_sync::<Pipeline>();
        _assert_send_sync::<Document>();
    }

    /// The project's own fixture articles, repeated into `n` documents.
    fn fixture_docs(n: usize) -> Vec<Document> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixtures/articles")
            .map(|e| e.expect("fixture entry").path())
            .collect();
        paths.sort();
        let texts: Vec<String> = paths
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("fixture text"))
            .collect();
        (0..n)
            .map(|i| Document::new(format!("d{i}"), texts[i % texts.len()].clone()))
            .collect()
    }

    const SCHEDULES: [Schedule; 2] = [Schedule::Threaded, Schedule::Serial];

    /// The sizes of the batches emitted for `docs`, and the run's summary.
    fn batch_sizes(
        pipeline: &Pipeline,
        docs: &[Document],
        limits: BatchLimits,
        schedule: Schedule,
    ) -> (Vec<usize>, Summary) {
        let mut sizes = Vec::new();
        let items = docs.iter().cloned().map(|d| Item::Doc(d, None));
        let summary = run_lines_scheduled(
            pipeline,
            items,
            limits,
            schedule,
            |docs, _| {
                sizes.push(docs.len());
                Ok(())
            },
            |_| {},
        )
        .expect("runs");
        (sizes, summary)
    }

    #[test]
    fn first_batches_are_small_and_grow_to_the_limit() {
        let pipeline = Pipeline::bundled().expect("bundled gazetteers");
        let docs = fixture_docs(300);
        let limits = BatchLimits {
            docs: 64,
            bytes: 1 << 20,
        };
        for schedule in SCHEDULES {
            let (sizes, _) = batch_sizes(&pipeline, &docs, limits, schedule);
            assert_eq!(sizes, [4, 8, 16, 32, 64, 64, 64, 48], "{schedule:?}");
        }
    }

    #[test]
    fn limits_of_zero_still_make_progress() {
        let pipeline = Pipeline::bundled().expect("bundled gazetteers");
        let docs = fixture_docs(5);
        let limits = BatchLimits { docs: 0, bytes: 0 };
        for schedule in SCHEDULES {
            let (sizes, summary) = batch_sizes(&pipeline, &docs, limits, schedule);
            assert_eq!(sizes, [1; 5], "{schedule:?}");
            assert_eq!(summary.processed, 5);
        }
    }

    #[test]
    fn batches_are_emitted_in_input_order_on_both_schedules() {
        let pipeline = Pipeline::bundled().expect("bundled gazetteers");
        let docs = fixture_docs(150);
        let mut expected = Vec::new();
        let mut mentions = 0;
        for d in &docs {
            mentions += pipeline.write_mentions(d, &pipeline.extract(&d.text), &mut expected);
        }
        assert!(mentions > 100, "the fixtures should hold mentions");
        // Batches of every size from one document up: many batches, so that two are
        // always in the pool at once when threaded.
        let all_limits = [
            BatchLimits {
                docs: 1,
                bytes: 1 << 20,
            },
            BatchLimits {
                docs: 7,
                bytes: 1 << 20,
            },
            BatchLimits {
                docs: 1024,
                bytes: 4096,
            },
            BatchLimits::default(),
        ];
        for (limits, schedule) in all_limits
            .into_iter()
            .flat_map(|l| SCHEDULES.map(|s| (l, s)))
        {
            let mut out = Vec::new();
            let mut ids = Vec::new();
            let items = docs.iter().cloned().map(|d| Item::Doc(d, None));
            let summary = run_lines_scheduled(
                &pipeline,
                items,
                limits,
                schedule,
                |docs, lines| {
                    assert_eq!(docs.len(), lines.len());
                    ids.extend(docs.iter().map(|d| d.id.clone()));
                    lines.iter().for_each(|l| out.extend_from_slice(&l.bytes));
                    Ok(())
                },
                |_| {},
            )
            .expect("runs");
            let want: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
            assert_eq!(ids, want, "{limits:?} {schedule:?}");
            assert!(out == expected, "{limits:?} {schedule:?}: output differs");
            assert_eq!(summary.processed, docs.len() as u64);
            assert_eq!(summary.mentions, mentions as u64, "{limits:?} {schedule:?}");
        }
    }

    #[test]
    fn bad_items_are_reported_in_order_and_counted_on_both_schedules() {
        let pipeline = Pipeline::bundled().expect("bundled gazetteers");
        let docs = fixture_docs(30);
        // Every fifth item is bad; the first batch holds only the bad first item and emits nothing.
        let items = || {
            docs.iter().enumerate().map(|(i, d)| {
                if i % 5 == 0 {
                    Item::Bad(Problem {
                        location: format!("bad{i}"),
                        message: "unreadable".into(),
                        failed: true,
                    })
                } else {
                    Item::Doc(d.clone(), None)
                }
            })
        };
        let limits = BatchLimits {
            docs: 3,
            bytes: 1 << 20,
        };
        let mut runs = Vec::new();
        for schedule in SCHEDULES {
            let (mut problems, mut ids) = (Vec::new(), Vec::new());
            let summary = run_lines_scheduled(
                &pipeline,
                items(),
                limits,
                schedule,
                |docs, _| {
                    ids.extend(docs.iter().map(|d| d.id.clone()));
                    Ok(())
                },
                |p| problems.push(p.to_string()),
            )
            .expect("runs");
            assert_eq!(problems.len(), 6, "{schedule:?}: {problems:?}");
            assert!(problems[0].contains("bad0") && problems[5].contains("bad25"));
            assert_eq!((summary.read, summary.failed), (30, 6), "{schedule:?}");
            assert_eq!(summary.processed, 24, "{schedule:?}");
            runs.push((problems, ids));
        }
        assert_eq!(runs[0], runs[1], "the schedules differ");
    }

    #[test]
    fn entity_counts_from_borrowed_mentions_equal_those_from_records() {
        let pipeline = Pipeline::bundled().expect("bundled gazetteers");
        // Every fixture twice, with a feed name on half: documents and sources are counted.
        let docs: Vec<Document> = fixture_docs(60)
            .into_iter()
            .enumerate()
            .map(|(i, mut d)| {
                d.source = (i % 2 == 0).then(|| format!("feed-{}", i % 3));
                d
            })
            .collect();
        let (mut from_records, mut from_refs) = (EntityStats::default(), EntityStats::default());
        for d in &docs {
            let ex = pipeline.extract(&d.text);
            from_records.add(&pipeline.records(d, &ex));
            from_refs.begin_document();
            pipeline.each_mention(d, &ex, |m| from_refs.add_mention(&m));
        }
        let json = |stats: EntityStats| -> Vec<String> {
            stats
                .records(&pipeline.gazetteer)
                .iter()
                .map(|r| serde_json::to_string(r).expect("serialises"))
                .collect()
        };
        let (a, b) = (json(from_records), json(from_refs));
        assert!(a.len() > 20, "{} entities", a.len());
        assert_eq!(a, b);
        // Documents are counted once however often they name the entity: the entity named
        // most often, against the documents whose records name it.
        let records: Vec<serde_json::Value> = a
            .iter()
            .map(|r| serde_json::from_str(r).expect("json"))
            .collect();
        let top = records
            .iter()
            .max_by_key(|r| r["mentions"].as_u64())
            .expect("an entity");
        let id = top["entity"].as_str().expect("id");
        let naming = docs
            .iter()
            .filter(|d| {
                let ex = pipeline.extract(&d.text);
                pipeline.records(d, &ex).iter().any(|r| r.entity == id)
            })
            .count() as u64;
        assert_eq!(top["documents"].as_u64(), Some(naming), "{id}");
        assert!(top["mentions"].as_u64() > Some(naming), "{id}");
    }

    #[test]
    fn an_emit_error_stops_the_run() {
        let pipeline = Pipeline::bundled().expect("bundled gazetteers");
        let docs = fixture_docs(40);
        for schedule in SCHEDULES {
            let mut batches = 0;
            let items = docs.iter().cloned().map(|d| Item::Doc(d, None));
            let limits = BatchLimits {
                docs: 2,
                bytes: 1 << 20,
            };
            let result = run_lines_scheduled(
                &pipeline,
                items,
                limits,
                schedule,
                |_, _| {
                    batches += 1;
                    if batches == 3 {
                        Err(crate::Error::io(
                            "<output>",
                            std::io::ErrorKind::BrokenPipe.into(),
                        ))
                    } else {
                        Ok(())
                    }
                },
                |_| {},
            );
            assert!(result.is_err(), "{schedule:?}");
            assert_eq!(
                batches, 3,
                "{schedule:?}: no batch is emitted after the error"
            );
        }
    }

    #[test]
    fn one_pool_thread_on_many_cpus_keeps_reading_on_its_own_thread() {
        // The test binary's global pool has a thread per CPU, so threaded whenever the
        // machine has more than one; a one-thread pool is serial only on one CPU.
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool");
        let in_pool = pool.install(Schedule::for_this_process);
        let want = if cpus == 1 {
            Schedule::Serial
        } else {
            Schedule::Threaded
        };
        assert_eq!(in_pool, want);
    }
}
