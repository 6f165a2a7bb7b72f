//! How a run is spread over threads. Documents are read and processed in bounded batches, so
//! memory does not grow with the archive; batches are handed on in input order, so output is
//! the same for any number of threads.
//!
//! The first batch holds a sixteenth of the batch limit and each next one twice as many up to
//! the limit, so the pool starts at once instead of waiting for a whole batch to be read.
//! When the pool has one thread and the process may run on one CPU only (`taskset`, a
//! container's quota), everything runs on the calling thread ([`Schedule::Serial`]): a
//! reading thread there only takes turns with the worker on the same CPU.

use super::{Pipeline, Summary};
use crate::document::{Document, Item, Problem};
use crate::error::Result;
use crate::extract::Extracted;
use rayon::prelude::*;

/// Batch limits: documents are read and processed this many at a time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BatchLimits {
    /// Most documents in one batch (the first batches hold fewer).
    pub(crate) docs: usize,
    /// Most text bytes in one batch.
    pub(crate) bytes: usize,
}

impl Default for BatchLimits {
    fn default() -> Self {
        BatchLimits {
            docs: 1024,
            bytes: 16 << 20,
        }
    }
}

/// How a run spreads over threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Schedule {
    /// Reading and parsing on a thread of their own, one batch ahead; each batch processed
    /// on the rayon pool while the batch before it is handed on.
    Threaded,
    /// Read, process and hand on each batch in turn on the calling thread: on one CPU this
    /// saves the switching between threads (docs/performance.md).
    Serial,
}

impl Schedule {
    /// Serial when the pool has one thread and the process may run on one CPU only; with one
    /// pool thread on more CPUs, reading still overlaps with processing.
    pub(crate) fn for_pool(pool_threads: usize) -> Schedule {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        if pool_threads == 1 && cpus == 1 {
            Schedule::Serial
        } else {
            Schedule::Threaded
        }
    }
}

/// A batch read ahead: documents, and the problems met while reading them (reported before
/// the batch's documents are handed on, in input order).
struct Batch {
    docs: Vec<Document>,
    problems: Vec<Problem>,
    read: u64,
    failed: u64,
    warnings: u64,
    bytes: usize,
}

/// Cuts a stream of items into batches: the first holds a sixteenth of `limits.docs` and
/// each next one twice as many up to the limit. A long document (a quarter of the byte limit
/// or more) is a batch of its own, so the documents read before it are handed on before it
/// starts, and those after it wait for it alone, not for a batch it fills.
struct Batches<I> {
    items: I,
    limits: BatchLimits,
    docs_limit: usize,
    ended: bool,
    /// A long document met when the batch already held others: it begins the next batch.
    held: Option<Item>,
}

impl<I: Iterator<Item = Item>> Batches<I> {
    fn new(items: I, limits: BatchLimits) -> Self {
        Batches {
            items,
            limits,
            docs_limit: (limits.docs / 16).max(1),
            ended: false,
            held: None,
        }
    }

    /// True for a document long enough to be a batch of its own.
    fn is_long(&self, item: &Item) -> bool {
        matches!(item, Item::Doc(doc, _) if doc.text.len() >= self.limits.bytes / 4)
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
        while b.read + b.warnings == 0
            || (b.docs.len() < self.docs_limit && b.bytes < self.limits.bytes)
        {
            let Some(item) = self.held.take().or_else(|| self.items.next()) else {
                self.ended = true;
                break;
            };
            let long = self.is_long(&item);
            if long && !b.docs.is_empty() {
                self.held = Some(item);
                break;
            }
            b.read += 1;
            match item {
                Item::Doc(doc, warning) => {
                    if let Some(w) = warning {
                        b.warnings += 1;
                        b.problems.push(w);
                    }
                    b.bytes += doc.text.len();
                    b.docs.push(doc);
                    if long {
                        break;
                    }
                }
                // A path skipped with a warning (a link read before, a FIFO) is no document.
                Item::Bad(p) if !p.failed => {
                    b.read -= 1;
                    b.warnings += 1;
                    b.problems.push(p);
                }
                Item::Bad(p) => {
                    b.failed += 1;
                    b.problems.push(p);
                }
            }
        }
        self.docs_limit = (self.docs_limit * 2).min(self.limits.docs.max(1));
        (b.read > 0 || !b.problems.is_empty()).then_some(b)
    }
}

/// What a run hands on, in input order.
pub(crate) enum Event<'a, 'p> {
    /// A bad input, or a warning about one.
    Problem(&'a Problem),
    /// A processed batch: documents and their extractions.
    Batch(&'a [Document], &'a [Extracted<'p>]),
}

/// Runs `items` through the pipeline on `schedule`, handing every problem and processed
/// batch to `on`, in input order; an error from `on` stops the run. Output and the batches
/// handed on are the same on both schedules.
pub(crate) fn run<'p, I>(
    pipeline: &'p Pipeline,
    items: I,
    limits: BatchLimits,
    schedule: Schedule,
    on: &mut dyn FnMut(Event<'_, 'p>) -> Result<()>,
) -> Result<Summary>
where
    I: Iterator<Item = Item> + Send,
{
    let mut summary = Summary::default();
    if schedule == Schedule::Serial {
        for b in Batches::new(items, limits) {
            if take(&b, &mut summary, on) {
                let done = b.docs.iter().map(|d| pipeline.extract(d)).collect();
                finish(&b.docs, done, &mut summary, on)?;
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
        // batch goes first). This thread waits for the earlier batch, then hands it on, so
        // batches go on in input order and at most two are in the pool. A batch is a job of
        // the pool itself, not a thread of its own that hands it in: the scheduler queued
        // such threads behind the reading thread while a core stood idle.
        pipeline.pool().in_place_scope(|jobs| {
            type Done<'p> = (Vec<Document>, Vec<Extracted<'p>>);
            let mut in_pool: Option<std::sync::mpsc::Receiver<Done<'p>>> = None;
            for b in rx {
                if !take(&b, &mut summary, on) {
                    continue;
                }
                let (done_tx, done_rx) = std::sync::mpsc::sync_channel(1);
                jobs.spawn(move |_| {
                    let done = b.docs.par_iter().map(|d| pipeline.extract(d)).collect();
                    // Fails only when the run has stopped on an error.
                    let _ = done_tx.send((b.docs, done));
                });
                if let Some(earlier) = in_pool.replace(done_rx) {
                    // A batch that panicked sends nothing; the scope re-raises its panic.
                    let Ok((docs, done)) = earlier.recv() else {
                        return Ok(());
                    };
                    finish(&docs, done, &mut summary, on)?;
                }
            }
            if let Some(Ok((docs, done))) = in_pool.map(|last| last.recv()) {
                finish(&docs, done, &mut summary, on)?;
            }
            Ok(())
        })
    })?;
    Ok(summary)
}

/// Counts a batch and hands on its problems; false when it holds no document.
fn take<'p>(
    b: &Batch,
    summary: &mut Summary,
    on: &mut dyn FnMut(Event<'_, 'p>) -> Result<()>,
) -> bool {
    summary.read += b.read;
    summary.failed += b.failed;
    summary.warnings += b.warnings;
    for p in &b.problems {
        // A problem is only reported: nothing a sink does with it stops the run.
        let _ = on(Event::Problem(p));
    }
    summary.processed += b.docs.len() as u64;
    summary.bytes += b.bytes as u64;
    !b.docs.is_empty()
}

/// Counts a processed batch's mentions and hands it on.
fn finish<'p>(
    docs: &[Document],
    done: Vec<Extracted<'p>>,
    summary: &mut Summary,
    on: &mut dyn FnMut(Event<'_, 'p>) -> Result<()>,
) -> Result<()> {
    summary.mentions += done.iter().map(|e| e.mentions().len() as u64).sum::<u64>();
    on(Event::Batch(docs, &done))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::fixture_docs;
    use crate::error::Error;
    use crate::sink::SharedBuf;
    use crate::sink::{self, MentionsJsonl, Sink};
    use std::sync::OnceLock;

    const SCHEDULES: [Schedule; 2] = [Schedule::Threaded, Schedule::Serial];

    /// The bundled pipeline, built once for every test here.
    fn pipeline() -> &'static Pipeline {
        static P: OnceLock<Pipeline> = OnceLock::new();
        P.get_or_init(|| Pipeline::bundled().expect("bundled gazetteers"))
    }

    fn items(docs: &[Document]) -> impl Iterator<Item = Item> + Send + '_ {
        docs.iter().cloned().map(|d| Item::Doc(d, None))
    }

    fn bad(location: String) -> Item {
        Item::Bad(Problem {
            location,
            message: "unreadable".into(),
            failed: true,
        })
    }

    /// The number of documents in each batch the cutter makes.
    fn cut(items: impl Iterator<Item = Item>, limits: BatchLimits) -> Vec<usize> {
        Batches::new(items, limits).map(|b| b.docs.len()).collect()
    }

    /// The number of documents in each batch `run` hands on, and the run's summary.
    fn batch_sizes(
        docs: &[Document],
        limits: BatchLimits,
        schedule: Schedule,
    ) -> (Vec<usize>, Summary) {
        let mut sizes = Vec::new();
        let summary = run(pipeline(), items(docs), limits, schedule, &mut |event| {
            if let Event::Batch(docs, done) = event {
                assert_eq!(docs.len(), done.len());
                sizes.push(docs.len());
            }
            Ok(())
        })
        .expect("runs");
        (sizes, summary)
    }

    /// What one sink saw, in the order it saw it.
    #[derive(Debug, Default, PartialEq)]
    struct Log {
        /// The ids of each batch's documents.
        batches: Vec<Vec<String>>,
        /// The problems, as "location: message".
        problems: Vec<String>,
        /// Every call in turn: "problem LOCATION" or "batch ID ID …".
        calls: Vec<String>,
        finished: bool,
    }

    impl Log {
        fn ids(&self) -> Vec<String> {
            self.batches.concat()
        }
    }

    /// A sink that writes down what it is given; it fails on batch `fail_at` (counted from 1).
    struct Recorder<'a> {
        log: &'a mut Log,
        fail_at: Option<usize>,
    }

    impl Sink for Recorder<'_> {
        fn write(&mut self, batch: &sink::Batch<'_>) -> Result<()> {
            let ids: Vec<String> = batch.docs().iter().map(|d| d.id.clone()).collect();
            self.log.calls.push(format!("batch {}", ids.join(" ")));
            self.log.batches.push(ids);
            if self.fail_at == Some(self.log.batches.len()) {
                return Err(Error::io(
                    "<test output>",
                    std::io::ErrorKind::BrokenPipe.into(),
                ));
            }
            Ok(())
        }

        fn problem(&mut self, problem: &Problem) {
            self.log.calls.push(format!("problem {}", problem.location));
            self.log.problems.push(problem.to_string());
        }

        fn finish(&mut self) -> Result<()> {
            self.log.finished = true;
            Ok(())
        }
    }

    /// The mention lines of each document extracted on its own, one after the other, and
    /// their number.
    fn mentions_one_by_one(docs: &[Document]) -> (Vec<u8>, u64) {
        let (mut lines, mut mentions) = (Vec::new(), 0);
        for d in docs {
            for r in pipeline().extract(d).records(d) {
                serde_json::to_writer(&mut lines, &r).expect("serialises");
                lines.push(b'\n');
                mentions += 1;
            }
        }
        (lines, mentions)
    }

    #[test]
    fn shared_types_are_send_and_sync() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Pipeline>();
        send_sync::<Document>();
    }

    #[test]
    fn first_batches_are_small_and_grow_to_the_limit() {
        let docs = fixture_docs(300);
        let limits = BatchLimits {
            docs: 64,
            bytes: 1 << 20,
        };
        let want = [4, 8, 16, 32, 64, 64, 64, 48];
        assert_eq!(cut(items(&docs), limits), want);
        for schedule in SCHEDULES {
            let (sizes, summary) = batch_sizes(&docs, limits, schedule);
            assert_eq!(sizes, want, "{schedule:?}");
            assert_eq!(
                (summary.read, summary.processed),
                (300, 300),
                "{schedule:?}"
            );
        }
        // The default limits: the first batch is a sixteenth of 1024.
        assert_eq!(
            cut(items(&docs), BatchLimits::default()),
            [64, 128, 108],
            "default limits"
        );
    }

    #[test]
    fn the_byte_limit_cuts_batches_too() {
        // Ten documents of 100 bytes: a batch ends once it holds 450 bytes or more.
        let docs: Vec<Document> = (0..10)
            .map(|i| Document::new(format!("d{i}"), "x".repeat(100)))
            .collect();
        let limits = BatchLimits {
            docs: 1024,
            bytes: 450,
        };
        assert_eq!(cut(items(&docs), limits), [5, 5]);
        // One document larger than the limit is a batch of its own.
        let big = [Document::new("big", "x".repeat(1000))];
        assert_eq!(cut(items(&big), limits), [1]);
    }

    #[test]
    fn a_long_document_is_a_batch_of_its_own() {
        // A quarter of the byte limit or more is long: the short documents before it are
        // handed on without waiting for it, and those after it wait for it alone.
        let limits = BatchLimits {
            docs: 1024,
            bytes: 400,
        };
        let sizes = [50, 50, 100, 50, 99, 399, 1000, 10];
        let docs: Vec<Document> = sizes
            .iter()
            .enumerate()
            .map(|(i, n)| Document::new(format!("d{i}"), "x".repeat(*n)))
            .collect();
        assert_eq!(cut(items(&docs), limits), [2, 1, 2, 1, 1, 1]);
        // Shorter than a quarter: no batch of its own.
        let short: Vec<Document> = (0..4)
            .map(|i| Document::new(format!("s{i}"), "x".repeat(99)))
            .collect();
        assert_eq!(cut(items(&short), limits), [4]);
    }

    #[test]
    fn limits_of_zero_still_make_progress() {
        let docs = fixture_docs(5);
        let limits = BatchLimits { docs: 0, bytes: 0 };
        assert_eq!(cut(items(&docs), limits), [1; 5]);
        for schedule in SCHEDULES {
            let (sizes, summary) = batch_sizes(&docs, limits, schedule);
            assert_eq!(sizes, [1; 5], "{schedule:?}");
            assert_eq!(summary.processed, 5, "{schedule:?}");
        }
    }

    #[test]
    fn batches_are_handed_on_in_input_order_on_both_schedules() {
        let docs = fixture_docs(150);
        let (expected, mentions) = mentions_one_by_one(&docs);
        assert!(mentions > 100, "the fixtures should hold mentions");
        let want_ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
        let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
        // Batches of every size from one document up: many batches, so that two are always
        // in the pool at once when threaded.
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
            let mut log = Log::default();
            let out = SharedBuf::default();
            let summary = {
                let mut sinks: Vec<Box<dyn Sink + '_>> = vec![
                    Box::new(Recorder {
                        log: &mut log,
                        fail_at: None,
                    }),
                    Box::new(MentionsJsonl::new(Box::new(out.clone()), "<test>")),
                ];
                pipeline()
                    .run_on(items(&docs), &mut sinks, limits, schedule)
                    .expect("runs")
            };
            assert_eq!(log.ids(), want_ids, "{limits:?} {schedule:?}");
            assert_eq!(
                log.batches.len(),
                cut(items(&docs), limits).len(),
                "{limits:?} {schedule:?}: one call per batch"
            );
            assert!(log.finished, "{limits:?} {schedule:?}: finished");
            assert!(
                out.bytes() == expected,
                "{limits:?} {schedule:?}: the mention lines differ from those of each \
                 document extracted on its own"
            );
            assert_eq!(
                summary,
                Summary {
                    read: 150,
                    processed: 150,
                    failed: 0,
                    warnings: 0,
                    mentions,
                    bytes,
                },
                "{limits:?} {schedule:?}"
            );
        }
    }

    #[test]
    fn bad_items_are_reported_in_order_and_counted_on_both_schedules() {
        let docs = fixture_docs(30);
        // Every fifth item is bad, and items 3 and 17 are documents with a warning.
        let items = || {
            docs.iter().enumerate().map(|(i, d)| match i {
                _ if i % 5 == 0 => bad(format!("bad{i}")),
                3 | 17 => Item::Doc(
                    d.clone(),
                    Some(Problem {
                        location: format!("warn{i}"),
                        message: "no id".into(),
                        failed: false,
                    }),
                ),
                _ => Item::Doc(d.clone(), None),
            })
        };
        let limits = BatchLimits {
            docs: 3,
            bytes: 1 << 20,
        };
        let want_problems = [
            "bad0", "warn3", "bad5", "bad10", "bad15", "warn17", "bad20", "bad25",
        ];
        let want_ids: Vec<String> = (0..30)
            .filter(|i| i % 5 != 0)
            .map(|i| format!("d{i}"))
            .collect();
        let mut logs = Vec::new();
        for schedule in SCHEDULES {
            let mut log = Log::default();
            let summary = {
                let mut sinks: Vec<Box<dyn Sink + '_>> = vec![Box::new(Recorder {
                    log: &mut log,
                    fail_at: None,
                })];
                pipeline()
                    .run_on(items(), &mut sinks, limits, schedule)
                    .expect("runs")
            };
            let locations: Vec<&str> = log
                .problems
                .iter()
                .map(|p| p.split(':').next().unwrap())
                .collect();
            assert_eq!(locations, want_problems, "{schedule:?}");
            assert_eq!(log.ids(), want_ids, "{schedule:?}");
            assert_eq!(
                (summary.read, summary.failed, summary.warnings),
                (30, 6, 2),
                "{schedule:?}"
            );
            assert_eq!(summary.processed, 24, "{schedule:?}");
            // A problem is reported before any document after it in the input is handed on.
            for (n, call) in log.calls.iter().enumerate() {
                let Some(location) = call.strip_prefix("problem ") else {
                    continue;
                };
                let at: usize = location
                    .trim_start_matches(char::is_alphabetic)
                    .parse()
                    .unwrap();
                let earlier_docs = log.calls[..n]
                    .iter()
                    .filter_map(|c| c.strip_prefix("batch "))
                    .flat_map(|ids| ids.split(' '))
                    .map(|id| id[1..].parse::<usize>().unwrap());
                for i in earlier_docs {
                    assert!(i < at, "{schedule:?}: d{i} handed on before {location}");
                }
            }
            logs.push((log.problems, log.batches.concat()));
        }
        assert_eq!(logs[0], logs[1], "the schedules differ");

        // A stream of bad items only: every one reported and counted, no batch handed on.
        for schedule in SCHEDULES {
            let mut log = Log::default();
            let summary = {
                let mut sinks: Vec<Box<dyn Sink + '_>> = vec![Box::new(Recorder {
                    log: &mut log,
                    fail_at: None,
                })];
                let only_bad = (0..3).map(|i| bad(format!("bad{i}")));
                pipeline()
                    .run_on(only_bad, &mut sinks, limits, schedule)
                    .expect("runs")
            };
            assert_eq!(log.problems.len(), 3, "{schedule:?}");
            assert!(log.batches.is_empty(), "{schedule:?}");
            assert_eq!(
                (summary.read, summary.failed, summary.processed),
                (3, 3, 0),
                "{schedule:?}"
            );
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let docs = fixture_docs(40);
        let limits = BatchLimits {
            docs: 2,
            bytes: 1 << 20,
        };
        for schedule in SCHEDULES {
            let (mut failing, mut after) = (Log::default(), Log::default());
            let result = {
                let mut sinks: Vec<Box<dyn Sink + '_>> = vec![
                    Box::new(Recorder {
                        log: &mut failing,
                        fail_at: Some(3),
                    }),
                    Box::new(Recorder {
                        log: &mut after,
                        fail_at: None,
                    }),
                ];
                pipeline().run_on(items(&docs), &mut sinks, limits, schedule)
            };
            let err = result.expect_err("the sink's error ends the run");
            assert!(err.is_broken_pipe(), "{schedule:?}: {err}");
            assert_eq!(
                failing.batches.len(),
                3,
                "{schedule:?}: no batch is handed on after the error"
            );
            assert_eq!(
                after.batches.len(),
                2,
                "{schedule:?}: the sink after the failing one gets no batch from then on"
            );
        }
    }

    #[test]
    fn one_pool_thread_on_many_cpus_keeps_the_threaded_schedule() {
        // Serial only when one pool thread may run on one CPU only; on this machine's CPUs
        // (as `taskset` or a container's quota leave them to the test) one pool thread keeps
        // reading on a thread of its own.
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        let one = if cpus == 1 {
            Schedule::Serial
        } else {
            Schedule::Threaded
        };
        assert_eq!(Schedule::for_pool(1), one, "{cpus} CPUs");
        for threads in [2, 3, 64] {
            assert_eq!(Schedule::for_pool(threads), Schedule::Threaded, "{threads}");
        }
        // A pipeline built with one thread has a pool of one, and so the same schedule.
        let p = Pipeline::builder()
            .gazetteer(crate::gazetteer::Gazetteer::default())
            .threads(Some(1))
            .build()
            .expect("builds");
        assert_eq!(p.pool().threads(), 1);
        assert_eq!(Schedule::for_pool(p.pool().threads()), one);
    }
}
