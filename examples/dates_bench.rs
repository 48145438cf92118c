//! The cost of writing dates in a language's own rules (issue 22):
//!
//!     cargo run --release --example dates_bench -- [N] [TAG...]
//!
//! Makes the `LocalDates` of each tag (default: en uk ru de fa zh-Hans ja)
//! and writes N dates (default 10,000: a quarter each of years, months,
//! days and instants, spread over 1900 to 2030) with `LocalDates::date`,
//! then N "when"s of ranges, printing the time each took (best of 5
//! runs) and the time to make the `LocalDates`.

use annals::date::{DateWords, Dates, EventDate, LocalDates};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let n: usize = match args.peek().and_then(|a| a.parse().ok()) {
        Some(n) => {
            args.next();
            n
        }
        None => 10_000,
    };
    let mut tags: Vec<String> = args.collect();
    if tags.is_empty() {
        tags = ["en", "uk", "ru", "de", "fa", "zh-Hans", "ja"]
            .map(String::from)
            .to_vec();
    }
    let dates: Vec<EventDate> = (0..n).map(sample).collect();
    let ranges: Vec<Dates> = (0..n)
        .map(|i| {
            let (a, b) = (sample(i * 4 + 2), sample(i * 4 + 6));
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            Dates::parse(&format!("{}/{}", a.machine(), b.machine())).expect("a range")
        })
        .collect();
    let words = DateWords::default();
    println!("{n} dates; best of 5 runs");
    for tag in &tags {
        let made = Instant::now();
        let local = LocalDates::new(tag);
        let made = made.elapsed();
        let one = best(|| dates.iter().map(|d| local.date(d, &words).len()).sum());
        let when = best(|| {
            ranges
                .iter()
                .map(|d| local.when(Some(d), &words).len())
                .sum()
        });
        println!(
            "{tag:8} made in {:>7.1} µs   {n} dates {:>6.2} ms   {n} ranges {:>6.2} ms",
            made.as_secs_f64() * 1e6,
            one.as_secs_f64() * 1e3,
            when.as_secs_f64() * 1e3
        );
    }
}

/// The `i`th test date: years, months, days and instants in turn.
fn sample(i: usize) -> EventDate {
    let year = 1900 + (i * 7919 % 131) as i16;
    let month = 1 + (i * 31 % 12) as u8;
    let day = 1 + (i * 17 % 28) as u8;
    let text = match i % 4 {
        0 => format!("{year:04}"),
        1 => format!("{year:04}-{month:02}"),
        2 => format!("{year:04}-{month:02}-{day:02}"),
        _ => format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:00+0{}:00",
            i % 24,
            i % 60,
            i % 10
        ),
    };
    EventDate::parse(&text).expect("a date")
}

/// The shortest of five runs of `f` (whose result is kept from the
/// optimiser).
fn best(f: impl Fn() -> usize) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}
