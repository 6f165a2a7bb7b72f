//! Wall time per stage, for `examples/stage_times.rs` and docs/performance.md: the clock is
//! read only when a caller asks for the times.

use std::time::{Duration, Instant};

/// The stages timed apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Words and sentences.
    Tokenize,
    /// Match keys and offset maps.
    Normalize,
    /// Gazetteer hits.
    Match,
    /// Transliteration variants.
    Variants,
    /// Names found from context.
    Discovery,
    /// Coreference.
    Resolve,
}

/// Wall time spent in each stage, summed over the documents extracted with it.
#[derive(Debug, Clone, Copy, Default)]
#[cfg_attr(not(feature = "bench"), allow(unreachable_pub))]
pub struct StageTimes {
    /// Words and sentences.
    pub tokenize: Duration,
    /// Match keys and offset maps.
    pub normalize: Duration,
    /// Gazetteer hits.
    pub matching: Duration,
    /// Transliteration variants.
    pub variants: Duration,
    /// Names found from context.
    pub discovery: Duration,
    /// Coreference.
    pub resolve: Duration,
}

impl StageTimes {
    fn slot(&mut self, stage: Stage) -> &mut Duration {
        match stage {
            Stage::Tokenize => &mut self.tokenize,
            Stage::Normalize => &mut self.normalize,
            Stage::Match => &mut self.matching,
            Stage::Variants => &mut self.variants,
            Stage::Discovery => &mut self.discovery,
            Stage::Resolve => &mut self.resolve,
        }
    }
}

/// Adds the time since its last lap to a stage's total, when there are totals to add to.
pub(crate) struct Stopwatch<'a> {
    times: Option<(&'a mut StageTimes, Instant)>,
}

impl<'a> Stopwatch<'a> {
    /// A stopwatch adding to `times`, or doing nothing.
    pub(crate) fn new(times: Option<&'a mut StageTimes>) -> Self {
        Stopwatch {
            times: times.map(|t| (t, Instant::now())),
        }
    }

    /// Ends `stage`: the time since the last lap is its.
    #[inline]
    pub(crate) fn lap(&mut self, stage: Stage) {
        if let Some((times, since)) = &mut self.times {
            let now = Instant::now();
            *times.slot(stage) += now - *since;
            *since = now;
        }
    }
}
