//! Stage timings for profiling. With `GLOSS_TIMINGS` set, each named stage of a run
//! prints its wall time to stderr as it ends, measured from the end of the stage
//! before, the first from the start of `main`; `total` prints the time since then, so
//! the stages of a command add up to its whole run (only the kernel's exec before
//! `main` and its teardown after are left out).

use std::sync::Mutex;
use std::time::Instant;

/// When the process started and when the last stage ended.
static CLOCK: Mutex<Option<(Instant, Instant)>> = Mutex::new(None);

/// Starts the clock, if `GLOSS_TIMINGS` is set; first thing in `main`.
pub(crate) fn start() {
    if std::env::var_os("GLOSS_TIMINGS").is_some() {
        let now = Instant::now();
        *CLOCK.lock().unwrap_or_else(|e| e.into_inner()) = Some((now, now));
    }
}

/// Ends stage `stage`, printing how long it took.
pub(crate) fn lap(stage: &str) {
    let mut clock = CLOCK.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, last)) = clock.as_mut() {
        eprintln!("{stage:>10}: {:>8.1} ms", last.elapsed().as_secs_f64() * 1000.0);
        *last = Instant::now();
    }
}

/// Prints the time since the start.
pub(crate) fn total() {
    let clock = CLOCK.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((start, _)) = clock.as_ref() {
        eprintln!("{:>10}: {:>8.1} ms", "total", start.elapsed().as_secs_f64() * 1000.0);
    }
}
