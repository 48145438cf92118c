//! `ANNALS_TIMINGS`: with it set in the environment, a build says on
//! stderr how long each stage took and how much it made, for benchmarks.

use std::time::Instant;

/// Whether `ANNALS_TIMINGS` is set in the environment.
fn timings() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ANNALS_TIMINGS").is_some())
}

/// With `ANNALS_TIMINGS` set, prints `text` to stderr, as a `timing:` line.
pub(super) fn timing(text: &str) {
    if timings() {
        eprintln!("timing: {text}");
    }
}

/// Runs `f`; with `ANNALS_TIMINGS` set in the environment, prints how long
/// it took to stderr, for benchmarks.
pub fn timed<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    if !timings() {
        return f();
    }
    let start = Instant::now();
    let value = f();
    // Resident memory after the stage, in MiB, where Linux tells it.
    let rss = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(String::new(), |pages| {
            format!(", {} MiB resident", (pages * 4096) >> 20)
        });
    eprintln!(
        "timing: {stage} {:.1} ms{rss}",
        start.elapsed().as_secs_f64() * 1000.0
    );
    value
}
