//! `annals import timelinejs`: turns a TimelineJS timeline into event
//! files, one Markdown file per slide, so a timeline kept for TimelineJS
//! becomes an Annals site.
//!
//! Two inputs are read: a TimelineJS 3 JSON file (`{title?, events,
//! eras?}`, by the `.json` extension or a leading `{`), and the CSV export
//! of the TimelineJS Google Sheets template (columns Year, Month, Day,
//! Time, End Year, End Month, End Day, End Time, Display Date, Headline,
//! Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group,
//! Background; header names are matched ignoring case, spaces and
//! punctuation). The `csv` crate reads the CSV: Sheets quotes cells with
//! commas, doubled quotes and line breaks, which a hand-split would get
//! wrong.
//!
//! What each slide becomes:
//!
//! - **Dates** keep their precision: a year alone is `date: 2021`, a month
//!   `2021-06`, a day `2025-02-18`. Numbers may be JSON numbers or strings
//!   (`"1,815"` as Sheets writes it is 1815). Annals dates are four-digit
//!   years 0001–9999, so a slide in a BCE, negative or zero year, or after
//!   9999, is skipped and the reason given; so is a slide whose start date
//!   is missing or impossible (30 February, month 13, a day without a
//!   month). An end date that cannot be used (no year, impossible, out of
//!   range) or that is before the start is left out with a note; an end
//!   equal to the start is left out silently.
//! - **Times.** TimelineJS has no time zones (it shows a time as the
//!   reader's local time), but an Annals instant must have its UTC offset,
//!   and writing `Z` would invent one and move the event for most readers.
//!   So a slide with a time is imported at day precision, and the time as
//!   written goes into a line at the end of its body ("*Time in the source,
//!   with no time zone: 14:30*"). The one exception is a display date that
//!   states the offset the way Annals writes it ("18 February 2025, 14:30
//!   UTC+03:00", as in Annals' own `timeline.json`): then the date is that
//!   instant, `2025-02-18T14:30:00+03:00`. Milliseconds are ignored.
//! - **Display date.** Annals has no free-text date, so a `display_date`
//!   that says something other than what Annals will show ("c. 1500",
//!   "Spring 1943") goes into the body too ("*Date in the source: …*").
//!   `approximate` is never set.
//! - **Headline** becomes `title` (as plain text: its HTML is dropped and
//!   entities decoded), quoted by serde_yaml. A slide without a headline
//!   takes the first words of its text (with a note), or its media
//!   caption; a slide with none of these is skipped.
//! - **Text** becomes the Markdown body (see `html.rs`: paragraphs, line
//!   breaks, links, bold, italic, lists, quotes, headings and code are
//!   kept; other tags are dropped and their text kept; scripts and styles
//!   disappear; no raw HTML is ever written).
//! - **Media** becomes a line after the text, `[Media: caption](url) —
//!   Credit: credit`. A media "URL" that is embed code yields its first
//!   `http(s)` link; anything else that is not a web address is left out
//!   with a note. Thumbnails, backgrounds and `autolink` are ignored.
//! - **Group** becomes `tags: [group]`.
//! - **The title slide** (JSON `title`, or the first CSV row of type
//!   `title`) becomes `content/_index.md`: its headline the `title`, its
//!   text (and media) the introduction. It is written only if there is no
//!   `_index.md` yet. Eras (JSON `eras`, CSV rows of type `era`) are
//!   skipped and reported: Annals has no eras. Empty CSV rows are skipped
//!   silently; a second `title` row is read as an event, as TimelineJS
//!   does.
//!
//! **File names** are `content/<date>-<slug>.md`, the date as in the
//! front matter cut to the day (`2021`, `2021-06`, `2025-02-18`), the slug
//! the slide's `unique_id` if it is a valid Annals slug, else made from the
//! headline (at most 60 characters). A `unique_id` that already starts
//! with the date (`2025-02-18-riyadh-meeting`, as Annals writes them) is
//! the whole name, so importing Annals' own `timeline.json` gives back the
//! same file names. Two slides with the same name in one import: the
//! second gets `-2`, the third `-3`.
//!
//! **Nothing is overwritten.** A slide whose file exists already, or whose
//! slug an existing event has (in a sub-folder, or by `slug:`), is skipped
//! with the reason; files are created with `create_new`, so a file that
//! appears meanwhile is not overwritten either. Importing the same file
//! twice therefore writes nothing the second time and says why for each
//! slide. Every file is read back with the same parser `annals build`
//! uses (and its body checked to hold no raw HTML) before it is written;
//! one that would not read back as written is not written and is reported
//! as an error.
//!
//! **Messages.** Standard output gets one line: `imported 8 events and
//! the title slide into content/ (skipped 3)`. Standard error gets, in
//! slide order (the title first, JSON eras last), one line per skipped
//! slide with its number (JSON: `slide 3`, 1-based in `events`, or `era
//! 1`; CSV: `row 5`, the spreadsheet row, the header being row 1), its
//! headline and the reason (`skipped slide 3 "Caesar": the year -44 is
//! before year 1, which Annals cannot represent`), and `note:` lines for
//! what was changed or left out of slides that were imported. A file that
//! cannot be read or parsed at all is an error (with the line and column
//! of a JSON syntax error, or the line of a CSV error) and nothing is
//! written: exit 1. Otherwise the exit status is 0, also when slides were
//! skipped: skipping is reported, not a failure. Exit 1 too if a file
//! could not be written (after the others were).

mod html;
mod json;
mod sheet;

use crate::date::{EventDate, Precision};
use crate::diagnostics::display_path;
use crate::diagnostics::{Diagnostic, plural};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The parts of a TimelineJS date, as text, before they are checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DateParts {
    year: Option<String>,
    month: Option<String>,
    day: Option<String>,
    hour: Option<String>,
    minute: Option<String>,
    second: Option<String>,
    /// Why a part could not be read at all (a CSV time like `25 o'clock`).
    problem: Option<String>,
}

impl DateParts {
    fn is_empty(&self) -> bool {
        self.problem.is_none()
            && [
                &self.year,
                &self.month,
                &self.day,
                &self.hour,
                &self.minute,
                &self.second,
            ]
            .iter()
            .all(|p| p.is_none())
    }
}

/// One slide as either format gives it: text fields hold TimelineJS's
/// HTML.
#[derive(Debug, Clone, Default)]
pub(crate) struct Slide {
    /// How messages name it: `slide 3`, `row 5`, `the title slide`.
    label: String,
    start: Option<DateParts>,
    end: Option<DateParts>,
    display_date: String,
    headline: String,
    text: String,
    media_url: String,
    media_caption: String,
    media_credit: String,
    group: String,
    unique_id: String,
    /// Why the slide is not imported whatever it holds (an era, a JSON
    /// value that is not a slide).
    skip: Option<String>,
}

impl Slide {
    /// `slide 3 "Headline"`, for messages.
    fn who(&self) -> String {
        let headline = html::to_text(&self.headline);
        if headline.is_empty() {
            self.label.clone()
        } else {
            format!("{} \"{headline}\"", self.label)
        }
    }
}

/// A timeline as read from a file, before its slides are checked.
#[derive(Debug, Default)]
pub(crate) struct Input {
    title: Option<Slide>,
    /// The slides in file order, eras included (with their `skip`).
    events: Vec<Slide>,
    /// About the file as a whole (columns ignored).
    notes: Vec<String>,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The content folder, as shown in messages.
    pub content_dir: PathBuf,
    /// Events written.
    pub events: usize,
    /// Whether the title slide was written to `_index.md`.
    pub title: bool,
    /// Slides not imported (events, the title slide, eras).
    pub skipped: usize,
    /// For standard error, in slide order: `skipped …` and `note: …`.
    pub messages: Vec<String>,
    /// Files that could not be written; the import exits 1 if there are any.
    pub errors: Vec<Diagnostic>,
}

impl ImportReport {
    /// `imported 8 events into content/ (skipped 3)`.
    pub fn summary(&self) -> String {
        format!(
            "imported {} {}{} into {}/ (skipped {})",
            self.events,
            plural(self.events, "event", "events"),
            if self.title {
                " and the title slide"
            } else {
                ""
            },
            self.content_dir.display(),
            self.skipped
        )
    }
}

/// Imports a TimelineJS JSON or CSV file into `site_dir/content`. `Err`
/// if the file cannot be read or parsed at all (nothing is written then);
/// problems with single slides are in the report.
pub fn timelinejs(file: &Path, site_dir: &Path) -> Result<ImportReport, Vec<Diagnostic>> {
    if !site_dir.is_dir() {
        return Err(vec![
            Diagnostic::new(None, format!("{} is not a folder", site_dir.display())).help(
                "give the site folder to import into (it may be empty; content/ is made in it)",
            ),
        ]);
    }
    let input = read(file)?;
    let content = site_dir.join("content");
    let shown = display_path(&content);
    if content.exists() && !content.is_dir() {
        return Err(vec![
            Diagnostic::new(
                Some(&shown),
                "this is a file, where the content folder should be",
            )
            .help("move it away; events are imported into the content/ folder"),
        ]);
    }
    let existing = existing_slugs(site_dir);
    let taken = |name: &str| -> Option<String> {
        let path = content.join(name);
        if path.symlink_metadata().is_ok() {
            return Some(format!("{} exists", shown.join(name).display()));
        }
        let stem = name.strip_suffix(".md").unwrap_or(name);
        existing.get(stem).map(|file| match file {
            Some(file) => format!(
                "an event with the slug `{stem}` exists already ({})",
                file.display()
            ),
            None => format!("an event with the slug `{stem}` exists already"),
        })
    };
    let items = plan(input, &shown, &taken);
    Ok(write(items, &content, shown))
}

/// The slugs of the events already in the site (drafts and files with
/// problems too), with their files where known.
fn existing_slugs(site_dir: &Path) -> HashMap<String, Option<PathBuf>> {
    if !site_dir.join("content").is_dir() {
        return HashMap::new();
    }
    let (content, _) = crate::source::content::load(site_dir, true);
    let mut slugs: HashMap<String, Option<PathBuf>> = content
        .absent
        .into_iter()
        .map(|slug| (slug, None))
        .collect();
    for event in content.events {
        slugs.insert(event.slug, Some(event.file));
    }
    slugs
}

/// Reads the file as JSON or CSV (by its extension, else by its first
/// character).
fn read(file: &Path) -> Result<Input, Vec<Diagnostic>> {
    let shown = display_path(file);
    if file.is_dir() {
        return Err(vec![
            Diagnostic::new(Some(&shown), "this is a folder, not a file")
                .help("give a TimelineJS .json file or the .csv export of the TimelineJS sheet"),
        ]);
    }
    let bytes = std::fs::read(file).map_err(|e| {
        vec![Diagnostic::new(
            Some(&shown),
            format!("cannot read this file: {e}"),
        )]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let last = good.rsplit(|&b| b == b'\n').next().unwrap_or(good);
        let column = String::from_utf8_lossy(last).chars().count() + 1;
        vec![
            Diagnostic::at(&shown, line, column, "this file is not UTF-8 text")
                .help("save or export it as UTF-8 (Google Sheets' CSV export is UTF-8 already)"),
        ]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let is_json = match extension.as_deref() {
        Some("json") => true,
        Some("csv") => false,
        _ => text.trim_start().starts_with(['{', '[']),
    };
    if is_json {
        json::read(&shown, text)
    } else {
        sheet::read(&shown, text)
    }
}

/// One step of an import, in slide order.
#[derive(Debug)]
enum Item {
    Write {
        /// The file name in `content/`.
        name: String,
        text: String,
        /// `slide 3 "Headline"`.
        who: String,
        title: bool,
    },
    Skip(String),
    Note(String),
    /// A file that would not read back as written; not written.
    Broken(Diagnostic),
}

/// Decides every file and message of an import, without touching the
/// disk: `taken` says why a file name in `content/` cannot be used.
fn plan(input: Input, content: &Path, taken: &dyn Fn(&str) -> Option<String>) -> Vec<Item> {
    let mut items: Vec<Item> = input.notes.into_iter().map(Item::Note).collect();
    if let Some(title) = &input.title {
        items.extend(title_slide(title, content, taken));
    }
    let mut claimed: HashSet<String> = HashSet::new();
    for slide in &input.events {
        let mut notes = Vec::new();
        let result = match &slide.skip {
            Some(why) => Err(why.clone()),
            None => event_slide(slide, &mut notes),
        };
        let result = result.and_then(|made| {
            let name = claim(&made.stem, &mut claimed);
            if let Some(why) = taken(&name) {
                return Err(why);
            }
            Ok((made, name))
        });
        match result {
            Ok((made, name)) => {
                items.extend(
                    notes
                        .into_iter()
                        .map(|n| Item::Note(format!("note: {}: {n}", slide.who()))),
                );
                let path = content.join(&name);
                items.push(match check_event(&path, &made) {
                    Ok(()) => Item::Write {
                        name,
                        text: made.text,
                        who: slide.who(),
                        title: false,
                    },
                    Err(why) => Item::Broken(broken(&path, slide, &why)),
                });
            }
            Err(why) => items.push(Item::Skip(format!("skipped {}: {why}", slide.who()))),
        }
    }
    items
}

/// `stem.md`, or `stem-2.md`, `stem-3.md`… if this import has used it.
fn claim(stem: &str, claimed: &mut HashSet<String>) -> String {
    let mut candidate = stem.to_string();
    let mut n = 2;
    while !claimed.insert(candidate.clone()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    format!("{candidate}.md")
}

fn broken(path: &Path, slide: &Slide, why: &str) -> Diagnostic {
    Diagnostic::new(
        Some(path),
        format!(
            "{}: the file made for it would not read back as written ({why}); it was not written",
            slide.who()
        ),
    )
    .help("this is a bug in `annals import`; please report it with the slide")
}

/// An event file made from a slide, before it is checked.
#[derive(Debug)]
struct Made {
    /// The file name without `.md`.
    stem: String,
    title: String,
    date: EventDate,
    end: Option<EventDate>,
    tags: Vec<String>,
    body: String,
    text: String,
}

/// Makes the event file of a slide, or says why the slide is skipped.
/// `notes` gets what was changed or left out.
fn event_slide(slide: &Slide, notes: &mut Vec<String>) -> Result<Made, String> {
    let dates = dates(slide, notes)?;
    let title = match html::to_text(&slide.headline) {
        t if !t.is_empty() => t,
        _ => {
            let from_text = first_words(&html::to_text(&slide.text), 60);
            let caption = html::to_text(&slide.media_caption);
            if !from_text.is_empty() {
                notes.push("it has no headline; the title is the start of its text".into());
                from_text
            } else if !caption.is_empty() {
                notes.push("it has no headline; the title is its media caption".into());
                first_words(&caption, 60)
            } else {
                return Err("it has no headline and no text".into());
            }
        }
    };
    let mut parts = Vec::new();
    let text = html::to_markdown(&slide.text);
    if !text.is_empty() {
        parts.push(text);
    }
    parts.extend(media(slide, notes));
    parts.extend(dates.notes);
    let body = parts.join("\n\n");

    let stem_date: String = dates.start.machine().chars().take(10).collect();
    let id = slide.unique_id.trim();
    let stem = if crate::slug::is_valid(id) && id.starts_with(&format!("{stem_date}-")) {
        shorten(id, 60 + stem_date.len() + 1)
    } else if crate::slug::is_valid(id) {
        format!("{stem_date}-{}", shorten(id, 60))
    } else {
        format!("{stem_date}-{}", shorten(&crate::slug::slugify(&title), 60))
    };
    let tags: Vec<String> = Some(html::to_text(&slide.group))
        .filter(|g| !g.is_empty())
        .into_iter()
        .collect();

    let mut front = format!("---\ntitle: {}\n", yaml_string(&title));
    front.push_str(&format!("date: {}\n", dates.start.machine()));
    if let Some(end) = &dates.end {
        front.push_str(&format!("end: {}\n", end.machine()));
    }
    if !tags.is_empty() {
        // JSON strings are YAML double-quoted strings; serde_yaml's plain
        // style (`war, peace`) would split inside a flow list.
        let list: Vec<String> = tags
            .iter()
            .map(|t| serde_json::json!(t).to_string())
            .collect();
        front.push_str(&format!("tags: [{}]\n", list.join(", ")));
    }
    front.push_str("---\n");
    let text = if body.is_empty() {
        front
    } else {
        format!("{front}\n{body}\n")
    };
    Ok(Made {
        stem,
        title,
        date: dates.start,
        end: dates.end,
        tags,
        body,
        text,
    })
}

/// A string as one YAML scalar, quoted where YAML needs it.
fn yaml_string(text: &str) -> String {
    serde_yaml::to_string(text)
        .unwrap_or_else(|_| serde_json::json!(text).to_string())
        .trim_end()
        .to_string()
}

/// At most `max` characters of a slug, cut at a hyphen.
fn shorten(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = &slug[..max];
    let cut = match cut.rfind('-') {
        Some(at) if at > 0 => &cut[..at],
        _ => cut,
    };
    cut.trim_end_matches('-').to_string()
}

/// The first words of `text`, at most about `max` characters, with `…` if
/// cut.
fn first_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max).collect();
    }
    format!("{}…", out.trim_end_matches([',', ';', ':', '.']))
}

/// The media line: `[Media: caption](url) — Credit: credit`.
fn media(slide: &Slide, notes: &mut Vec<String>) -> Option<String> {
    let raw = slide.media_url.trim();
    if raw.is_empty() {
        return None;
    }
    let url = html::web_address(raw).or_else(|| {
        raw.starts_with('<')
            .then(|| html::first_link(raw))
            .flatten()
    });
    let Some(url) = url else {
        let shown: String = raw.chars().take(60).collect();
        let cut = if shown.len() < raw.len() { "…" } else { "" };
        notes.push(format!(
            "its media `{shown}{cut}` is not a web address; it was left out"
        ));
        return None;
    };
    let caption = html::to_text(&slide.media_caption);
    let mut line = if caption.is_empty() {
        format!("[Media]({})", html::destination(&url))
    } else {
        format!(
            "[Media: {}]({})",
            html::escape(&caption),
            html::destination(&url)
        )
    };
    let credit = html::to_inline_markdown(&slide.media_credit);
    if !credit.is_empty() {
        line.push_str(&format!(" — Credit: {credit}"));
    }
    Some(line)
}

/// A slide's dates, and what the body should say about them.
struct Dates {
    start: EventDate,
    end: Option<EventDate>,
    /// Lines for the end of the body: times, the display date.
    notes: Vec<String>,
}

/// A date read from its parts: the date at day precision or coarser, and
/// the time of day if one was given.
struct Read {
    date: EventDate,
    /// Hour, minute, second.
    time: Option<(u32, u32, u32)>,
}

fn dates(slide: &Slide, notes: &mut Vec<String>) -> Result<Dates, String> {
    let start = match &slide.start {
        Some(parts) if !parts.is_empty() => read_date(parts, "start")?,
        _ => return Err("it has no start date".into()),
    };
    let end = match &slide.end {
        Some(parts) if !parts.is_empty() => match read_date(parts, "end") {
            Ok(read) => Some(read),
            Err(why) => {
                notes.push(format!("{why}; the end date was left out"));
                None
            }
        },
        _ => None,
    };
    let display = html::to_text(&slide.display_date);
    let offsets = offsets(&display);

    // A time becomes an instant only where the display date gives its
    // offset, Annals' way: "14:30 UTC+03:00".
    let mut used = None;
    let mut start_date = start.date.clone();
    let mut start_time_left = start.time;
    if let Some((h, m, s)) = start.time
        && start.date.precision == Precision::Day
        && let Some(i) = offsets.iter().position(|o| (o.0, o.1) == (h, m))
        && let Some(instant) = instant(&start.date, (h, m, s), offsets[i].2)
    {
        start_date = instant;
        start_time_left = None;
        used = Some(i);
    }
    let mut end_date = end.as_ref().map(|e| e.date.clone());
    let mut end_time_left = end.as_ref().and_then(|e| e.time);
    if let Some(e) = &end
        && let Some((h, m, s)) = e.time
        && e.date.precision == Precision::Day
        && let Some(i) = offsets
            .iter()
            .enumerate()
            .rposition(|(i, o)| (o.0, o.1) == (h, m) && Some(i) != used)
        && let Some(instant) = instant(&e.date, (h, m, s), offsets[i].2)
    {
        end_date = Some(instant);
        end_time_left = None;
    }

    if let Some(end) = &end_date {
        if end.machine() == start_date.machine() {
            end_date = None;
        } else if !start_date.not_after(end) {
            notes.push(format!(
                "the end ({end}) is before the start ({start_date}); the end date was left out"
            ));
            end_date = None;
            end_time_left = None;
        }
    }

    let mut lines = Vec::new();
    let clock = |(h, m, s): (u32, u32, u32)| match s {
        0 => format!("{h:02}:{m:02}"),
        s => format!("{h:02}:{m:02}:{s:02}"),
    };
    match (start_time_left, end_time_left) {
        (Some(a), Some(b)) => lines.push(format!(
            "*Times in the source, with no time zone: {} to {}*",
            clock(a),
            clock(b)
        )),
        (Some(a), None) => lines.push(format!(
            "*Time in the source, with no time zone: {}*",
            clock(a)
        )),
        (None, Some(b)) => lines.push(format!(
            "*End time in the source, with no time zone: {}*",
            clock(b)
        )),
        (None, None) => {}
    }
    let shown = match &end_date {
        Some(end) => crate::date::human_range(&start_date, end),
        None => start_date.human(),
    };
    if !display.is_empty() && display != shown {
        lines.push(format!("*Date in the source: {}*", html::escape(&display)));
    }
    Ok(Dates {
        start: start_date,
        end: end_date,
        notes: lines,
    })
}

/// A day and a time with an offset as an instant.
fn instant(day: &EventDate, (h, m, s): (u32, u32, u32), offset: i32) -> Option<EventDate> {
    let zone = if offset == 0 {
        "Z".to_string()
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        let abs = offset.abs();
        format!("{sign}{:02}:{:02}", abs / 3600, abs / 60 % 60)
    };
    EventDate::parse(&format!(
        "{}T{h:02}:{m:02}:{:02}{zone}",
        day.machine(),
        s.min(59)
    ))
    .ok()
}

/// Every `HH:MM UTC` or `HH:MM UTC±HH:MM` in a display date, as (hour,
/// minute, offset in seconds).
fn offsets(display: &str) -> Vec<(u32, u32, i32)> {
    let b = display.as_bytes();
    let digits = |at: usize| -> Option<u32> {
        let pair = b.get(at..at + 2)?;
        pair.iter()
            .all(u8::is_ascii_digit)
            .then(|| u32::from(pair[0] - b'0') * 10 + u32::from(pair[1] - b'0'))
    };
    let mut found = Vec::new();
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let (Some(h), Some(m)) = (digits(i), digits(i + 3)) else {
            continue;
        };
        if b.get(i + 2) != Some(&b':') || b.get(i + 5..i + 9) != Some(b" UTC") {
            continue;
        }
        let offset = match b.get(i + 9) {
            Some(sign @ (b'+' | b'-')) => {
                let (Some(oh), Some(om)) = (digits(i + 10), digits(i + 13)) else {
                    continue;
                };
                if b.get(i + 12) != Some(&b':') {
                    continue;
                }
                let secs = (oh * 3600 + om * 60) as i32;
                if *sign == b'-' { -secs } else { secs }
            }
            _ => 0,
        };
        found.push((h, m, offset));
    }
    found
}

/// A whole number as TimelineJS reads one: spaces and thousands commas
/// ignored (`1,815`), an optional sign.
fn number(raw: &str) -> Option<i64> {
    let clean: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let digits = clean.strip_prefix(['-', '+']).unwrap_or(&clean);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match clean.parse::<i64>() {
        Ok(n) => Some(n),
        // Beyond i64, as cosmological timelines may be: far out of range
        // either way.
        Err(_) if clean.starts_with('-') => Some(i64::MIN),
        Err(_) => Some(i64::MAX),
    }
}

/// Checks a date's parts and makes them an Annals date; `which` is
/// `start` or `end`, for messages.
fn read_date(parts: &DateParts, which: &str) -> Result<Read, String> {
    if let Some(problem) = &parts.problem {
        return Err(problem.clone());
    }
    let Some(year_raw) = &parts.year else {
        return Err(format!("its {which} date has no year"));
    };
    let year = number(year_raw).ok_or_else(|| format!("the year `{year_raw}` is not a number"))?;
    // Beyond i64, the year is shown as written.
    let year_text = match year {
        i64::MIN | i64::MAX => year_raw.trim().to_string(),
        y => y.to_string(),
    };
    if year < 1 {
        return Err(format!(
            "the year {year_text} is before year 1, which Annals cannot represent"
        ));
    }
    if year > 9999 {
        return Err(format!(
            "the year {year_text} is after year 9999, which Annals cannot represent"
        ));
    }
    let part = |raw: &Option<String>, what: &str, range: std::ops::RangeInclusive<i64>| {
        raw.as_ref()
            .map(|r| match number(r) {
                Some(n) if range.contains(&n) => Ok(n as u32),
                Some(_) => Err(format!("there is no {what} {}", r.trim())),
                None => Err(format!("the {what} `{r}` is not a number")),
            })
            .transpose()
    };
    let month = part(&parts.month, "month", 1..=12)?;
    let day = part(&parts.day, "day", 1..=31)?;
    let mut text = format!("{year:04}");
    match (month, day) {
        (Some(m), Some(d)) => text.push_str(&format!("-{m:02}-{d:02}")),
        (Some(m), None) => text.push_str(&format!("-{m:02}")),
        (None, Some(_)) => return Err(format!("its {which} date has a day but no month")),
        (None, None) => {}
    }
    let date = EventDate::parse(&text)?;
    let hour = part(&parts.hour, "hour", 0..=23)?;
    let minute = part(&parts.minute, "minute", 0..=59)?;
    let second = part(&parts.second, "second", 0..=60)?;
    let time = hour.map(|h| (h, minute.unwrap_or(0), second.unwrap_or(0).min(59)));
    Ok(Read { date, time })
}

/// Checks that an event file reads back as what was meant: the same
/// title, dates, tags and body, a slug from its name, and no raw HTML.
fn check_event(path: &Path, made: &Made) -> Result<(), String> {
    let event = crate::source::event::parse_event(path, &made.text).map_err(|problems| {
        problems
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let same = event.title == made.title
        && event.date == made.date
        && event.end == made.end
        && event.tags == made.tags
        && event.slug == stem
        && event.body.trim() == made.body.trim();
    if !same {
        return Err(format!(
            "it reads back as the title {:?}, date {}, slug {}",
            event.title, event.date, event.slug
        ));
    }
    if has_raw_html(&event.body) {
        return Err("its body has raw HTML".into());
    }
    Ok(())
}

/// True if Markdown would pass HTML through (Annals drops it, but an
/// import should never write it).
fn has_raw_html(markdown: &str) -> bool {
    use pulldown_cmark::{Event, Options, Parser};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    Parser::new_ext(markdown, options).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
}

/// `_index.md` from the title slide, if there is none yet.
fn title_slide(slide: &Slide, content: &Path, taken: &dyn Fn(&str) -> Option<String>) -> Vec<Item> {
    let skip = |why: String| vec![Item::Skip(format!("skipped {}: {why}", slide.who()))];
    if let Some(why) = &slide.skip {
        return skip(why.clone());
    }
    let title = html::to_text(&slide.headline);
    let mut notes = Vec::new();
    let mut parts = Vec::new();
    let text = html::to_markdown(&slide.text);
    if !text.is_empty() {
        parts.push(text);
    }
    parts.extend(media(slide, &mut notes));
    let body = parts.join("\n\n");
    if title.is_empty() && body.is_empty() {
        return skip("it has no headline and no text".into());
    }
    if let Some(why) = taken("_index.md") {
        return skip(why);
    }
    let text = match (title.is_empty(), body.is_empty()) {
        (false, false) => format!("---\ntitle: {}\n---\n\n{body}\n", yaml_string(&title)),
        (false, true) => format!("---\ntitle: {}\n---\n", yaml_string(&title)),
        (true, _) => format!("{body}\n"),
    };
    let path = content.join("_index.md");
    let mut items: Vec<Item> = notes
        .into_iter()
        .map(|n| Item::Note(format!("note: {}: {n}", slide.who())))
        .collect();
    let check = crate::source::event::parse_intro(&path, &text)
        .map_err(|p| {
            p.iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        })
        .and_then(|intro| {
            let same = intro.title.as_deref().unwrap_or("") == title
                && intro.body.trim() == body.trim()
                && !has_raw_html(&intro.body);
            if same {
                Ok(())
            } else {
                Err(format!("it reads back as the title {:?}", intro.title))
            }
        });
    items.push(match check {
        Ok(()) => Item::Write {
            name: "_index.md".into(),
            text,
            who: slide.who(),
            title: true,
        },
        Err(why) => Item::Broken(broken(&path, slide, &why)),
    });
    items
}

/// Carries out a plan: creates each file (never replacing one) and
/// gathers the messages.
fn write(items: Vec<Item>, content: &Path, shown: PathBuf) -> ImportReport {
    use std::io::Write as _;
    let mut report = ImportReport {
        content_dir: shown.clone(),
        ..ImportReport::default()
    };
    let needs_folder = items.iter().any(|i| matches!(i, Item::Write { .. }));
    let folder_error = needs_folder
        .then(|| std::fs::create_dir_all(content).err())
        .flatten();
    for item in items {
        match item {
            Item::Note(line) => report.messages.push(line),
            Item::Skip(line) => {
                report.skipped += 1;
                report.messages.push(line);
            }
            Item::Broken(d) => {
                report.skipped += 1;
                report.errors.push(d);
            }
            Item::Write {
                name,
                text,
                who,
                title,
            } => {
                let file_shown = shown.join(&name);
                if let Some(e) = &folder_error {
                    report.skipped += 1;
                    report.errors.push(Diagnostic::new(
                        Some(&file_shown),
                        format!(
                            "cannot write this file for {who}: cannot create {}: {e}",
                            shown.display()
                        ),
                    ));
                    continue;
                }
                let result = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(content.join(&name))
                    .and_then(|mut f| f.write_all(text.as_bytes()));
                match result {
                    Ok(()) if title => report.title = true,
                    Ok(()) => report.events += 1,
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        report.skipped += 1;
                        report
                            .messages
                            .push(format!("skipped {who}: {} exists", file_shown.display()));
                    }
                    Err(e) => {
                        report.skipped += 1;
                        report.errors.push(Diagnostic::new(
                            Some(&file_shown),
                            format!("cannot write this file for {who}: {e}"),
                        ));
                    }
                }
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(year: &str, month: &str, day: &str) -> DateParts {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        DateParts {
            year: some(year),
            month: some(month),
            day: some(day),
            ..DateParts::default()
        }
    }

    fn slide(headline: &str, start: DateParts) -> Slide {
        Slide {
            label: "slide 1".into(),
            headline: headline.into(),
            start: Some(start),
            ..Slide::default()
        }
    }

    fn made(s: &Slide) -> Result<(Made, Vec<String>), String> {
        let mut notes = Vec::new();
        event_slide(s, &mut notes).map(|m| (m, notes))
    }

    #[test]
    fn dates_keep_their_precision() {
        for (p, want) in [
            (parts("2021", "", ""), "2021"),
            (parts("2021", "6", ""), "2021-06"),
            (parts("2025", "02", "18"), "2025-02-18"),
            (parts("1,815", " 12 ", "10"), "1815-12-10"),
            (parts("33", "", ""), "0033"),
        ] {
            assert_eq!(read_date(&p, "start").unwrap().date.machine(), want);
        }
    }

    #[test]
    fn impossible_dates_say_why() {
        let why = |p: DateParts| read_date(&p, "start").err().unwrap();
        assert_eq!(
            why(parts("-44", "3", "15")),
            "the year -44 is before year 1, which Annals cannot represent"
        );
        assert_eq!(
            why(parts("0", "", "")),
            "the year 0 is before year 1, which Annals cannot represent"
        );
        assert_eq!(
            why(parts("12000", "", "")),
            "the year 12000 is after year 9999, which Annals cannot represent"
        );
        assert_eq!(
            why(parts("-13800000000000000000000", "", "")),
            "the year -13800000000000000000000 is before year 1, which Annals cannot represent"
        );
        assert!(why(parts("2025", "2", "30")).contains("February 2025 has 28 days"));
        assert_eq!(why(parts("2025", "13", "")), "there is no month 13");
        assert_eq!(
            why(parts("2025", "", "3")),
            "its start date has a day but no month"
        );
        assert_eq!(
            why(parts("MMXXV", "", "")),
            "the year `MMXXV` is not a number"
        );
        assert_eq!(why(parts("", "5", "")), "its start date has no year");
    }

    #[test]
    fn times_stay_in_the_body_unless_the_offset_is_known() {
        let mut p = parts("2025", "2", "18");
        p.hour = Some("14".into());
        p.minute = Some("30".into());
        let mut s = slide("Talks", p.clone());
        let (m, _) = made(&s).unwrap();
        assert_eq!(m.date.machine(), "2025-02-18");
        assert!(
            m.body
                .contains("*Time in the source, with no time zone: 14:30*"),
            "{}",
            m.body
        );

        s.display_date = "18 February 2025, 14:30 UTC+03:00".into();
        let (m, _) = made(&s).unwrap();
        assert_eq!(m.date.machine(), "2025-02-18T14:30:00+03:00");
        assert_eq!(m.body, "");

        let mut end = parts("2025", "2", "18");
        end.hour = Some("17".into());
        s.end = Some(end);
        s.display_date = "18 February 2025, 14:30 UTC – 18 February 2025, 17:00 UTC-05:00".into();
        let (m, _) = made(&s).unwrap();
        assert_eq!(m.date.machine(), "2025-02-18T14:30:00Z");
        assert_eq!(m.end.unwrap().machine(), "2025-02-18T17:00:00-05:00");
    }

    #[test]
    fn end_dates_that_cannot_be_used_are_left_out_with_a_note() {
        let mut s = slide("Range", parts("2021", "6", ""));
        s.end = Some(parts("2020", "", ""));
        let (m, notes) = made(&s).unwrap();
        assert_eq!(m.end, None);
        assert_eq!(
            notes,
            ["the end (2020) is before the start (June 2021); the end date was left out"]
        );
        s.end = Some(parts("", "7", ""));
        let (m, notes) = made(&s).unwrap();
        assert_eq!(m.end, None);
        assert_eq!(
            notes,
            ["its end date has no year; the end date was left out"]
        );
        s.end = Some(parts("2021", "6", ""));
        let (m, notes) = made(&s).unwrap();
        assert_eq!((m.end, notes.len()), (None, 0));
        s.end = Some(parts("2022", "", ""));
        assert_eq!(made(&s).unwrap().0.end.unwrap().machine(), "2022");
    }

    #[test]
    fn display_dates_that_say_more_go_in_the_body() {
        let mut s = slide("Founding", parts("1500", "", ""));
        s.display_date = "c. 1500".into();
        assert!(
            made(&s)
                .unwrap()
                .0
                .body
                .contains("*Date in the source: c. 1500*")
        );
        s.display_date = "1500".into();
        assert_eq!(made(&s).unwrap().0.body, "");
    }

    #[test]
    fn names_come_from_unique_ids_or_headlines() {
        let mut s = slide("Talks in Riyadh: day #2", parts("2025", "2", "18"));
        assert_eq!(made(&s).unwrap().0.stem, "2025-02-18-talks-in-riyadh-day-2");
        s.unique_id = "riyadh".into();
        assert_eq!(made(&s).unwrap().0.stem, "2025-02-18-riyadh");
        s.unique_id = "2025-02-18-riyadh-meeting".into();
        assert_eq!(made(&s).unwrap().0.stem, "2025-02-18-riyadh-meeting");
        s.unique_id = "Not A Slug".into();
        assert_eq!(made(&s).unwrap().0.stem, "2025-02-18-talks-in-riyadh-day-2");
        let long = slide(&"word ".repeat(40), parts("2021", "", ""));
        let stem = made(&long).unwrap().0.stem;
        assert!(stem.len() <= 65 && crate::slug::is_valid(&stem), "{stem}");
        let mut claimed = HashSet::new();
        assert_eq!(claim("a", &mut claimed), "a.md");
        assert_eq!(claim("a", &mut claimed), "a-2.md");
        assert_eq!(claim("a", &mut claimed), "a-3.md");
    }

    #[test]
    fn files_read_back_as_written() {
        let mut s = slide(
            "<b>Tom &amp; Jerry</b>: \"quoted\" #1 — Київ",
            parts("2025", "2", "18"),
        );
        s.group = "war, peace".into();
        s.text = "<p>Hello <script>x()</script><a href='https://e.org'>link</a></p>".into();
        s.media_url = "https://e.org/p.jpg".into();
        s.media_caption = "A <i>picture</i>".into();
        s.media_credit = "<a href=\"https://c.org\">Credit</a>".into();
        let (m, _) = made(&s).unwrap();
        assert_eq!(m.title, "Tom & Jerry: \"quoted\" #1 — Київ");
        assert_eq!(m.tags, ["war, peace"]);
        assert_eq!(
            m.body,
            "Hello [link](https://e.org)\n\n[Media: A picture](https://e.org/p.jpg) — Credit: [Credit](https://c.org)"
        );
        check_event(
            Path::new("content/x.md"),
            &Made {
                stem: "x".into(),
                ..m
            },
        )
        .unwrap();
    }

    #[test]
    fn slides_without_headlines_borrow_their_text() {
        let mut s = slide("", parts("2021", "", ""));
        s.text = "<p>A long text that goes on and on about many things for quite a while, longer than a title should be.</p>".into();
        let (m, notes) = made(&s).unwrap();
        assert_eq!(
            m.title,
            "A long text that goes on and on about many things for quite…"
        );
        assert_eq!(notes.len(), 1);
        s.text.clear();
        assert_eq!(made(&s).unwrap_err(), "it has no headline and no text");
    }

    #[test]
    fn media_that_is_not_a_web_address() {
        let mut s = slide("x", parts("2021", "", ""));
        s.media_url = "<blockquote><a href=\"https://t.co/1\">tweet</a></blockquote>".into();
        assert_eq!(made(&s).unwrap().0.body, "[Media](https://t.co/1)");
        s.media_url = "javascript:alert(1)".into();
        let (m, notes) = made(&s).unwrap();
        assert_eq!(m.body, "");
        assert!(notes[0].contains("not a web address"), "{notes:?}");
    }

    #[test]
    fn files_that_cannot_be_written_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("blocker"), "").unwrap();
        let content = dir.path().join("blocker/content");
        let items = vec![
            Item::Write {
                name: "x.md".into(),
                text: "---\ntitle: X\ndate: 2021\n---\n".into(),
                who: "slide 1 \"X\"".into(),
                title: false,
            },
            Item::Skip("skipped slide 2: why".into()),
        ];
        let report = write(items, &content, PathBuf::from("blocker/content"));
        assert_eq!((report.events, report.skipped), (0, 2));
        assert_eq!(report.errors.len(), 1);
        assert!(
            report.errors[0].message.starts_with(
                "cannot write this file for slide 1 \"X\": cannot create blocker/content: "
            ),
            "{}",
            report.errors[0].message
        );
    }

    #[test]
    fn offsets_are_found_as_annals_writes_them() {
        assert_eq!(
            offsets("18 February 2025, 14:30 UTC+03:00"),
            [(14, 30, 3 * 3600)]
        );
        assert_eq!(
            offsets("1 April 2025, 09:00 UTC – 1 April 2025, 17:00 UTC-02:30"),
            [(9, 0, 0), (17, 0, -(2 * 3600 + 1800))]
        );
        assert!(offsets("at 14:30 local").is_empty());
    }
}
