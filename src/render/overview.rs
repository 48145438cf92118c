//! The overview strip, drawn at build time as inline SVG from the
//! timeline's bins (`model::timeline::bins`): a compressed axis, one slot
//! per period with events, per short run of empty periods, and per gap.

use crate::model::timeline::{Bin, Strip};
use std::fmt::Write as _;

/// The overview strip as an inline SVG: one bar per period, its height the
/// number of events, each a link to those events with a text alternative
/// ("February 2025: 7 events"); an empty period is a line on the base, a
/// gap a break mark with its length as its title. `root` leads from the
/// page to the root. Built only from numbers and dates, so the text needs
/// no escaping. Its size is bounded by the strip's, never by the span.
pub fn svg(strip: &Strip, root: &str) -> String {
    let bins = &strip.bins;
    if bins.len() < 2 {
        return String::new();
    }
    let max = bins.iter().map(|b| b.count).max().unwrap_or(1).max(1);
    let (width, height) = (1000.0_f64, 100.0_f64);
    let step = width / bins.len() as f64;
    let gap = if step > 4.0 { step * 0.15 } else { 0.0 };
    let mut out = String::with_capacity(bins.len() * 200);
    let _ = write!(
        out,
        "<svg class=\"overview-bars\" viewBox=\"0 0 {width} {height}\" preserveAspectRatio=\"none\" focusable=\"false\">"
    );
    for (i, b) in bins.iter().enumerate() {
        let left = i as f64 * step;
        let x = left + gap / 2.0;
        let w = (step - gap).max(1.0);
        if b.gap {
            // Two slanted strokes across the base line, as on a broken axis.
            let _ = write!(
                out,
                "<g class=\"gap\"><title>{}</title><path d=\"M{:.2} {:.2}L{:.2} {:.2}M{:.2} {:.2}L{:.2} {:.2}\"/></g>",
                b.label,
                left + step * 0.3,
                height,
                left + step * 0.45,
                height * 0.6,
                left + step * 0.55,
                height,
                left + step * 0.7,
                height * 0.6,
            );
            continue;
        }
        if b.count == 0 {
            let _ = write!(
                out,
                "<rect class=\"empty\" x=\"{x:.2}\" y=\"{:.2}\" width=\"{w:.2}\" height=\"1\"/>",
                height - 1.0
            );
            continue;
        }
        // Every bar with events is at least a tenth high, to be visible.
        let h = (b.count as f64 / max as f64 * height).max(height / 10.0);
        let label = bar_label(b);
        let href = match &b.page {
            Some(page) => format!("{root}{page}#{}", b.id),
            None => format!("#{}", b.id),
        };
        // The link covers the whole column, so thin bars are easy to hit.
        let _ = write!(
            out,
            "<a href=\"{href}\" aria-label=\"{label}\"><title>{label}</title><rect class=\"hit\" x=\"{left:.2}\" y=\"0\" width=\"{step:.2}\" height=\"{height}\"/><rect class=\"bar\" x=\"{x:.2}\" y=\"{:.2}\" width=\"{w:.2}\" height=\"{h:.2}\"/></a>",
            height - h
        );
    }
    out.push_str("</svg>");
    out
}

/// A bar's text: "February 2025: 7 events".
fn bar_label(b: &Bin) -> String {
    let events = if b.count == 1 { "event" } else { "events" };
    format!("{}: {} {events}", b.label, b.count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::timeline::Unit;

    fn bin(label: &str, count: usize, gap: bool) -> Bin {
        Bin {
            label: label.to_string(),
            count,
            page: None,
            id: if count > 0 {
                format!("y{label}")
            } else {
                String::new()
            },
            gap,
        }
    }

    #[test]
    fn the_strip_links_every_bar_and_marks_its_gaps() {
        let strip = Strip {
            unit: Unit::Year,
            bins: vec![
                bin("2021", 1, false),
                bin("2022", 1, false),
                bin("No events for 3 years", 0, true),
                bin("2026", 0, false),
                bin("2027", 2, false),
            ],
        };
        let html = svg(&strip, "./");
        assert_eq!(html.matches("<a ").count(), 3);
        assert!(
            html.contains("href=\"#y2027\" aria-label=\"2027: 2 events\""),
            "{html}"
        );
        assert!(html.contains("aria-label=\"2021: 1 event\""), "{html}");
        assert!(
            html.contains("<g class=\"gap\"><title>No events for 3 years</title>"),
            "{html}"
        );
        assert_eq!(html.matches("class=\"empty\"").count(), 1);
    }

    #[test]
    fn the_strip_is_as_large_as_its_slots_whatever_the_span() {
        // Events in the years 1 and 9999: two bars and a gap.
        let strip = Strip {
            unit: Unit::Year,
            bins: vec![
                bin("1", 1, false),
                bin("No events for 9997 years", 0, true),
                bin("9999", 1, false),
            ],
        };
        let html = svg(&strip, "../");
        assert_eq!(html.matches("<rect").count(), 4, "{html}");
        assert!(html.len() < 1024, "{} bytes: {html}", html.len());
    }
}
