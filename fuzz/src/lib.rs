//! What the fuzz targets share: the bound on time per input byte.

use std::time::Instant;

/// Fails when the work since `start` took longer than linear time in `bytes` allows: a
/// fixed 200 ms (start-up, a slow machine) plus 20 µs a byte, several hundred times the
/// pipeline's ordinary cost, so only growth faster than linear (or a hang) trips it.
pub fn linear(start: Instant, bytes: usize) {
    let took = start.elapsed();
    let bound =
        std::time::Duration::from_millis(200) + std::time::Duration::from_micros(20) * bytes as u32;
    assert!(
        took <= bound,
        "{bytes} bytes took {took:?} (bound {bound:?})"
    );
}
