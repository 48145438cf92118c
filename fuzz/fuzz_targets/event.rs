//! One event file through front matter parsing, date parsing and the whole
//! single-event pipeline, in memory. The driver is shared with
//! `tests/fuzz_regressions.rs`, which replays `fuzz/regressions/` on stable.

#![no_main]

include!("../../tests/support/single_event.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| run_one(data));
