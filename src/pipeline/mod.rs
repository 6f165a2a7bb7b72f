//! The pipeline: built once with [`Pipeline::builder`], then [`Pipeline::extract`] for one
//! document or [`Pipeline::run`] for a stream of them into a list of sinks. Documents run in
//! parallel in bounded batches (`schedule.rs`) and reach the sinks in input order, so output
//! is byte-identical for any number of threads and memory does not grow with the archive.
//! Start-up (the gazetteers compiled, or read from the on-disk cache, `cache.rs`) runs on
//! the pipeline's threads.

mod cache;
mod schedule;

pub use cache::CacheUse;

use crate::document::{Document, Item};
use crate::error::{Error, Result};
#[cfg(feature = "bench")]
use crate::extract::times::StageTimes;
use crate::extract::{self, Extracted, Finders, Lexicon};
use crate::gazetteer::{Entities, Gazetteer, Sources};
use crate::sink::{Batch, Sink};
use schedule::{BatchLimits, Event, Schedule};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The compiled gazetteers and the stages that read them. Cheap to share between threads.
pub struct Pipeline {
    lexicon: Lexicon,
    finders: Finders,
    pool: Pool,
    limits: BatchLimits,
    startup: Startup,
}

/// How a pipeline's start-up went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    /// What became of the on-disk cache.
    pub cache: CacheUse,
    /// Wall time to read (or compile) the gazetteers.
    pub took: Duration,
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
    /// Mentions found.
    pub mentions: u64,
    /// Bytes of document text processed.
    pub bytes: u64,
}

/// Where a [`Pipeline`]'s gazetteers come from.
enum Gazetteers {
    /// Files: the bundled ones (unless left out), then these paths.
    Files { extra: Vec<PathBuf>, bundled: bool },
    /// An already loaded gazetteer.
    Loaded(Box<Gazetteer>),
    /// A prebuilt index (`gazette gazetteer build`).
    Index(PathBuf),
}

/// Builds a [`Pipeline`]: which gazetteers, which optional stages, how many threads, whether
/// to cache the compiled gazetteers.
pub struct PipelineBuilder {
    gazetteers: Gazetteers,
    finders: Finders,
    threads: Option<usize>,
    cache_dir: Option<PathBuf>,
}

impl Pipeline {
    /// A builder with the defaults: the bundled gazetteers, every stage on, rayon's global
    /// thread pool, no cache.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            gazetteers: Gazetteers::Files {
                extra: Vec::new(),
                bundled: true,
            },
            finders: Finders {
                variants: true,
                discovery: true,
                evidence: true,
            },
            threads: None,
            cache_dir: None,
        }
    }

    /// The pipeline on the bundled gazetteers, with the defaults.
    pub fn bundled() -> Result<Self> {
        Pipeline::builder().build()
    }

    /// Writes the compiled gazetteers to `path` as a prebuilt index, which
    /// [`PipelineBuilder::index`] (`extract --index`) reads without compiling. Returns the
    /// file's size in bytes.
    pub fn save_index(&self, path: &std::path::Path) -> Result<u64> {
        cache::write_index(&self.lexicon, path)
    }

    /// The gazetteer entities the pipeline knows (to look an entity up by its id).
    pub fn gazetteer(&self) -> &Entities {
        self.lexicon.gazetteer().entities()
    }

    /// How start-up went.
    pub fn startup(&self) -> &Startup {
        &self.startup
    }

    /// Runs every stage on one document. Never fails: any text is valid input, though a
    /// text of 4 GiB or more yields no mentions (offsets are 32-bit; the readers refuse
    /// documents over `ReadOptions::max_bytes`, 64 MiB by default, with an error).
    pub fn extract(&self, doc: &Document) -> Extracted<'_> {
        extract::extract(&self.lexicon, &doc.text, doc.date, self.finders, None)
    }

    /// [`Pipeline::extract`] on a text, adding each stage's wall time to `times` (for
    /// `examples/stage_times.rs`, through `gazette::bench`).
    #[cfg(feature = "bench")]
    pub(crate) fn extract_timed(&self, text: &str, times: &mut StageTimes) -> Extracted<'_> {
        extract::extract(&self.lexicon, text, None, self.finders, Some(times))
    }

    /// Runs the pipeline over a stream of documents: every sink takes each batch, and each
    /// bad input, in input order; when the stream ends, each sink is finished in turn. The
    /// first sink error stops the run.
    pub fn run<I>(&self, items: I, sinks: &mut [Box<dyn Sink + '_>]) -> Result<Summary>
    where
        I: Iterator<Item = Item> + Send,
    {
        let schedule = Schedule::for_pool(self.pool.threads());
        self.run_on(items, sinks, self.limits, schedule)
    }

    /// [`Pipeline::run`] with the given batch limits and schedule.
    fn run_on<I>(
        &self,
        items: I,
        sinks: &mut [Box<dyn Sink + '_>],
        limits: BatchLimits,
        schedule: Schedule,
    ) -> Result<Summary>
    where
        I: Iterator<Item = Item> + Send,
    {
        let mut on = |event: Event<'_, '_>| -> Result<()> {
            match event {
                Event::Problem(p) => sinks.iter_mut().for_each(|s| s.problem(p)),
                Event::Batch(docs, done) => {
                    let batch = Batch::new(docs, done);
                    sinks.iter_mut().try_for_each(|s| s.write(&batch))?;
                }
            }
            Ok(())
        };
        let summary = schedule::run(self, items, limits, schedule, &mut on)?;
        for sink in sinks.iter_mut() {
            self.pool.install(|| sink.finish())?;
        }
        Ok(summary)
    }

    fn pool(&self) -> &Pool {
        &self.pool
    }
}

impl PipelineBuilder {
    /// Adds a gazetteer file, or every `*.tsv` file below a folder, after the bundled ones.
    pub fn gazetteer_path(mut self, path: impl Into<PathBuf>) -> Self {
        if let Gazetteers::Files { extra, .. } = &mut self.gazetteers {
            extra.push(path.into());
        }
        self
    }

    /// Whether to load the bundled gazetteers (default: yes).
    pub fn bundled(mut self, yes: bool) -> Self {
        if let Gazetteers::Files { bundled, .. } = &mut self.gazetteers {
            *bundled = yes;
        }
        self
    }

    /// Uses this already loaded gazetteer instead of any files (no cache).
    pub fn gazetteer(mut self, gazetteer: Gazetteer) -> Self {
        self.gazetteers = Gazetteers::Loaded(Box::new(gazetteer));
        self
    }

    /// Reads the gazetteers compiled from this prebuilt index ([`Pipeline::save_index`],
    /// `gazette gazetteer build`) instead of any files or the cache.
    pub fn index(mut self, path: impl Into<PathBuf>) -> Self {
        self.gazetteers = Gazetteers::Index(path.into());
        self
    }

    /// Links unlisted transliteration variants (default: yes).
    pub fn variants(mut self, yes: bool) -> Self {
        self.finders.variants = yes;
        self
    }

    /// Finds names the gazetteers lack from their context (default: yes).
    pub fn discovery(mut self, yes: bool) -> Self {
        self.finders.discovery = yes;
        self
    }

    /// Threads for start-up and extraction (default: rayon's global pool, one thread per
    /// core; 0 also means one per core).
    pub fn threads(mut self, threads: Option<usize>) -> Self {
        self.threads = threads;
        self
    }

    /// Keeps the compiled gazetteers in this folder between runs, for a shorter start-up
    /// (none: compile every time). See [`default_cache_dir`].
    pub fn cache_dir(mut self, dir: Option<PathBuf>) -> Self {
        self.cache_dir = dir;
        self
    }

    /// Reads and compiles the gazetteers (or reads them from the cache) on the pipeline's
    /// threads. Fails on an unreadable or broken gazetteer file, or threads that will not
    /// start.
    pub fn build(self) -> Result<Pipeline> {
        let pool = Pool::new(self.threads)?;
        let began = Instant::now();
        let (lexicon, cache) = match self.gazetteers {
            Gazetteers::Loaded(g) => (pool.install(|| Lexicon::build(*g))?, CacheUse::Off),
            Gazetteers::Index(path) => (cache::read_index(&path)?, CacheUse::Index(path)),
            Gazetteers::Files { extra, bundled } => {
                let sources = Sources::read(&extra, !bundled)?;
                pool.install(|| cache::load(&sources, self.cache_dir.as_deref()))?
            }
        };
        Ok(Pipeline {
            lexicon,
            finders: self.finders,
            pool,
            limits: BatchLimits::default(),
            startup: Startup {
                cache,
                took: began.elapsed(),
            },
        })
    }
}

/// The cache folder a command-line run uses: `$GAZETTE_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/gazette`, else `$HOME/.cache/gazette`; none when none of these is set.
pub fn default_cache_dir() -> Option<PathBuf> {
    cache::default_dir()
}

/// The threads a pipeline runs on: rayon's global pool, or one of its own.
enum Pool {
    Global,
    Own(rayon::ThreadPool),
}

impl Pool {
    fn new(threads: Option<usize>) -> Result<Pool> {
        let Some(threads) = threads else {
            return Ok(Pool::Global);
        };
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map(Pool::Own)
            .map_err(|source| Error::Threads { threads, source })
    }

    fn threads(&self) -> usize {
        match self {
            Pool::Global => rayon::current_num_threads(),
            Pool::Own(p) => p.current_num_threads(),
        }
    }

    /// Runs `op` with this pool as the one its parallel work goes to.
    fn install<R: Send>(&self, op: impl FnOnce() -> R + Send) -> R {
        match self {
            Pool::Global => op(),
            Pool::Own(p) => p.install(op),
        }
    }

    /// A scope on the calling thread whose spawned jobs run on this pool.
    fn in_place_scope<'scope, R>(&self, op: impl FnOnce(&rayon::Scope<'scope>) -> R) -> R {
        match self {
            Pool::Global => rayon::in_place_scope(op),
            Pool::Own(p) => p.in_place_scope(op),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::sink::MentionsJsonl;
    use crate::sink::SharedBuf;

    /// The fixture articles, repeated into `n` documents, every third with a feed.
    fn fixture_docs(n: usize) -> Vec<Document> {
        let mut docs = crate::document::fixture_docs(n);
        for (i, d) in docs.iter_mut().enumerate() {
            d.source = (i % 3 == 0).then(|| format!("feed-{}", i % 2));
        }
        docs
    }

    #[test]
    fn run_writes_the_same_mentions_on_one_thread_and_on_several() {
        let docs = fixture_docs(120);
        let mut outputs = Vec::new();
        for threads in [1, 2, 4] {
            let mut pipeline = Pipeline::builder()
                .threads(Some(threads))
                .build()
                .expect("bundled gazetteers");
            // Small batches, so that a run holds many and two are in the pool at once.
            pipeline.limits = BatchLimits {
                docs: 8,
                bytes: 1 << 20,
            };
            let out = SharedBuf::default();
            let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(MentionsJsonl::new(
                Box::new(out.clone()),
                "<test>",
            ))];
            let items = docs.iter().cloned().map(|d| Item::Doc(d, None));
            let summary = pipeline.run(items, &mut sinks).expect("runs");
            assert_eq!(summary.processed, 120, "{threads} threads");
            assert!(summary.mentions > 100, "{threads} threads: {summary:?}");
            let bytes = out.bytes();
            outputs.push((threads, summary, bytes));
        }
        let (_, summary, one) = &outputs[0];
        for (threads, s, bytes) in &outputs[1..] {
            assert_eq!(s, summary, "{threads} threads");
            assert!(
                bytes == one,
                "{threads} threads write other mention lines than one thread"
            );
        }
    }
}
