//! The overview strip, drawn at build time as inline SVG from the
//! timeline's bins.

use crate::model::timeline::Bin;
use std::fmt::Write as _;

/// The overview strip as an inline SVG: one bar per period, its height the
/// number of events, each non-empty bar a link to those events with a text
/// alternative ("2025: 8 events"). `root` leads from the page to the root.
/// Built only from numbers and dates, so the text needs no escaping.
pub fn svg(bins: &[Bin], root: &str) -> String {
    if bins.len() < 2 {
        return String::new();
    }
    let max = bins.iter().map(|b| b.count).max().unwrap_or(1).max(1);
    let (width, height) = (1000.0_f64, 100.0_f64);
    let step = width / bins.len() as f64;
    let gap = if step > 4.0 { step * 0.15 } else { 0.0 };
    let mut out = String::with_capacity(bins.len() * 160);
    let _ = write!(
        out,
        "<svg class=\"overview-bars\" viewBox=\"0 0 {width} {height}\" preserveAspectRatio=\"none\" focusable=\"false\">"
    );
    for (i, b) in bins.iter().enumerate() {
        let x = i as f64 * step + gap / 2.0;
        let w = (step - gap).max(1.0);
        // Every bar with events is at least a tenth high, to be visible.
        let h = if b.count == 0 {
            0.0
        } else {
            (b.count as f64 / max as f64 * height).max(height / 10.0)
        };
        let events = if b.count == 1 { "event" } else { "events" };
        let label = format!("{}: {} {events}", b.label, b.count);
        if b.count == 0 {
            let _ = write!(
                out,
                "<rect class=\"empty\" x=\"{x:.2}\" y=\"{:.2}\" width=\"{w:.2}\" height=\"1\"/>",
                height - 1.0
            );
            continue;
        }
        let href = match &b.page {
            Some(page) => format!("{root}{page}#{}", b.id),
            None => format!("#{}", b.id),
        };
        // The link covers the whole column, so thin bars are easy to hit.
        let _ = write!(
            out,
            "<a href=\"{href}\" aria-label=\"{label}\"><title>{label}</title><rect class=\"hit\" x=\"{:.2}\" y=\"0\" width=\"{step:.2}\" height=\"{height}\"/><rect class=\"bar\" x=\"{x:.2}\" y=\"{:.2}\" width=\"{w:.2}\" height=\"{h:.2}\"/></a>",
            i as f64 * step,
            height - h
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strip_links_every_non_empty_bar() {
        // The bins of events in June 2021, February 2022 and two in 2025.
        let bin = |year: i16, count| Bin {
            label: year.to_string(),
            count,
            page: None,
            id: format!("y{year}"),
        };
        let bins = [
            bin(2021, 1),
            bin(2022, 1),
            bin(2023, 0),
            bin(2024, 0),
            bin(2025, 2),
        ];
        let html = svg(&bins, "./");
        assert_eq!(html.matches("<a ").count(), 3);
        assert!(
            html.contains("href=\"#y2025\" aria-label=\"2025: 2 events\""),
            "{html}"
        );
        assert!(html.contains("aria-label=\"2021: 1 event\""), "{html}");
    }
}
