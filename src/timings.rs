//! Stage timings for profiling. With `GLOSS_TIMINGS` set, each named stage of a run
//! prints its wall time to stderr as it ends, measured from the end of the stage
//! before, the first from the start of `main`; `total` prints the time since then, so
//! the stages of a command add up to its whole run (only the kernel's exec before
//! `main` and its teardown after are left out). Beside each time go the processor time
//! the stage took on all threads (so a stage whose processor time is not about the
//! number of cores times its wall time left cores idle), the process's resident memory
//! as the stage ends, its peak during the stage and the peak so far (Linux only), so a
//! stage that holds memory shows where it does, and a stage that only passes through a
//! peak shows it too.

use std::sync::Mutex;
use std::time::Instant;

/// When the process started, when the last stage ended, and the processor time used
/// by then (milliseconds; 0 where unknown).
static CLOCK: Mutex<Option<(Instant, Instant, f64)>> = Mutex::new(None);

/// Starts the clock, if `GLOSS_TIMINGS` is set; first thing in `main`.
pub(crate) fn start() {
    if std::env::var_os("GLOSS_TIMINGS").is_some() {
        let now = Instant::now();
        *CLOCK.lock().unwrap_or_else(|e| e.into_inner()) = Some((now, now, cpu_ms().unwrap_or(0.0)));
    }
}

/// Ends stage `stage`, printing how long it took.
pub(crate) fn lap(stage: &str) {
    let mut clock = CLOCK.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, last, cpu_then)) = clock.as_mut() {
        let cpu = match cpu_ms() {
            Some(now) => format!("   cpu {:>8.0} ms", now - std::mem::replace(cpu_then, now)),
            None => String::new(),
        };
        eprintln!("{stage:>10}: {:>8.1} ms{cpu}{}", last.elapsed().as_secs_f64() * 1000.0, memory());
        *last = Instant::now();
    }
}

/// Prints the time since the start.
pub(crate) fn total() {
    let clock = CLOCK.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((start, _, _)) = clock.as_ref() {
        eprintln!("{:>10}: {:>8.1} ms", "total", start.elapsed().as_secs_f64() * 1000.0);
    }
}

/// The highest resident set of the run so far (of the stages that have ended), in KiB.
static PEAK_BEFORE: Mutex<u64> = Mutex::new(0);

/// `   rss 412 MiB   stage peak 480 MiB   peak 530 MiB`: the resident set now, at its
/// highest since the last stage ended and at its highest in the run, from
/// `/proc/self/status`; empty where that file does not exist. The kernel's record of
/// the highest is then reset (`/proc/self/clear_refs`), so the next stage's is its own.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return String::new() };
    let kib = |key: &str| {
        let line = status.lines().find(|l| l.starts_with(key))?;
        line[key.len()..].trim().trim_end_matches("kB").trim().parse::<u64>().ok()
    };
    let (Some(now), Some(stage)) = (kib("VmRSS:"), kib("VmHWM:")) else { return String::new() };
    let mut before = PEAK_BEFORE.lock().unwrap_or_else(|e| e.into_inner());
    *before = (*before).max(stage);
    // Where the reset is refused, the kernel's figure stays the peak so far.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    format!("   rss {:>5} MiB   stage peak {:>5} MiB   peak {:>5} MiB", now / 1024, stage / 1024, *before / 1024)
}

/// The processor time the process has used, user and system, on all its threads, in
/// milliseconds, from `/proc/self/stat` (whose clock ticks are 1/100 s on Linux); `None`
/// where that file does not exist.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name, in parentheses, may hold spaces: fields are counted after it.
    let mut fields = stat.get(stat.rfind(')')? + 1..)?.split_whitespace();
    let user: f64 = fields.nth(11)?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) * 10.0)
}
