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
/// each next one twice as many up to the limit.
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
