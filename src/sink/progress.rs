//! A progress bar on stderr (documents, bytes, speed, time left) and the warnings about bad
//! input, printed above it as they are met.

use super::batch::{Batch, Sink};
use crate::document::{Problem, escape_controls};
use crate::error::Result;
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Shows progress and warnings on stderr. The bar is drawn only when stderr is a terminal;
/// quiet, neither is shown.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    /// Input bytes consumed so far, counted by the reader.
    consumed: Arc<AtomicU64>,
    docs: u64,
    quiet: bool,
}

impl Progress {
    /// Progress over `total` input bytes (when known), read from `consumed`.
    pub fn new(quiet: bool, total: Option<u64>, consumed: Arc<AtomicU64>) -> Self {
        Progress {
            bar: (!quiet && std::io::stderr().is_terminal()).then(|| bar(total)),
            consumed,
            docs: 0,
            quiet,
        }
    }
}

fn bar(total: Option<u64>) -> indicatif::ProgressBar {
    let pb = match total {
        Some(t) => indicatif::ProgressBar::new(t),
        None => indicatif::ProgressBar::new_spinner(),
    };
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {msg} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {wide_bar}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    pb.set_style(style);
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    pb
}

impl Sink for Progress {
    fn write(&mut self, batch: &Batch<'_>) -> Result<()> {
        self.docs += batch.len() as u64;
        if let Some(pb) = &self.bar {
            pb.set_position(self.consumed.load(Ordering::Relaxed));
            pb.set_message(format!("{} documents", self.docs));
        }
        Ok(())
    }

    fn problem(&mut self, problem: &Problem) {
        if self.quiet {
            return;
        }
        let msg = format!(
            "gazette: warning: {}",
            escape_controls(&problem.to_string())
        );
        match &self.bar {
            Some(pb) => pb.println(msg),
            // A closed or full stderr loses the warning, not the run (`eprintln!` would
            // panic).
            None => {
                let _ = writeln!(std::io::stderr(), "{msg}");
            }
        }
    }

    fn finish(&mut self) -> Result<()> {
        if let Some(pb) = &self.bar {
            pb.finish_and_clear();
        }
        Ok(())
    }
}
