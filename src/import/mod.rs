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
//! - **Display date.** A `display_date` in Annals' own wording of a form
//!   the date parts cannot carry gives back that form: "c. February 2022"
//!   is `2022-02~`, "May 2025?" `2025-05?`, "2010s" `201X`, "since 22
//!   February 2025" `2025-02-22/..`, and "Date not set" (an event Annals'
//!   `timeline.json` places at its `reported_on`) an event with no `date`,
//!   `reported_on` the slide's date and `status: reported`, the status
//!   that claims least (TimelineJS has none), with a note. Any other
//!   `display_date` that says something other than what Annals will show
//!   ("Spring 1943") goes into the body ("*Date in the source: …*").
//! - **Headline** becomes `title` (as plain text: its HTML is dropped and
//!   entities decoded), quoted by serde_yaml. A slide without a headline
//!   takes the first words of its text (with a note), or its media
//!   caption; a slide with none of these is skipped.
//! - **Text** becomes the Markdown body (see `html.rs`: the HTML is read
//!   as a browser reads it, by html5ever; paragraphs, line breaks, links,
//!   bold, italic, lists, quotes, headings and code are kept; other tags
//!   are dropped and their text kept; scripts and styles disappear; no raw
//!   HTML is ever written, see `markdown.rs`).
//! - **Media** becomes a `media` entry of the event, with its caption,
//!   credit, click-through link and alt text (the headline, with a note,
//!   where the slide has none); a picture given as a path stays as written
//!   and is listed to copy in; a quotation becomes a block quote in the
//!   body; a pasted tweet links to the tweet and an `<iframe>` to the page
//!   it embeds (see `media.rs`). Thumbnails, backgrounds and `autolink`
//!   are ignored.
//! - **A slide dated after the day of the import** (its start after
//!   `today`, which `--today` sets) is `status: expected`, with a note:
//!   TimelineJS has no status, and `happened` would invent a fact.
//! - **Group** becomes `tags: [group]`.
//! - **The title slide** (JSON `title`, or the first CSV row of type
//!   `title`) becomes `content/_index.md`: its headline the `title`, its
//!   text (and media, as a link line: an introduction has no `media`) the
//!   introduction. It is written only if there is no `_index.md` yet, or
//!   only the one `annals init` wrote (see `placeholders.rs`: init's
//!   untouched introduction and example events are replaced, an edited
//!   file never). Eras (JSON `eras`, CSV rows of type `era`) are skipped
//!   and reported: Annals has no eras. Empty CSV rows are skipped
//!   silently; a second `title` row is read as an event, as TimelineJS
//!   does.
//!
//! **File names** are `content/<date>-<slug>.md`, the date as in the
//! front matter cut to the day (`2021`, `2021-06`, `2025-02-18`), the slug
//! the slide's `unique_id` if it is a valid Annals slug, else made from the
//! headline's words (at most 60 characters; emoji and other symbols are
//! not words, or `☭` would be `hammer-sickle`). A `unique_id` that already starts
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
//! before year 1, which Annals cannot represent`), `note:` lines for what
//! was changed or left out of slides that were imported, `copy in:` lines
//! for media files to copy into the site, and last the placeholders of
//! `annals init` that were replaced. A file that cannot be read or parsed
//! at all is an error (with the line and column of a JSON syntax error,
//! or the line of a CSV error) and nothing is written: exit 1. So is an
//! import that would write no event (every slide skipped, or none at
//! all): then not even the title slide is written, and the error says
//! why, so `annals import … && annals build` never publishes an empty
//! site. Otherwise the exit status is 0, also when slides were skipped:
//! skipping is reported, not a failure. Exit 1 too if a file could not be
//! written (after the others were). A site folder that does not exist is
//! an error that says so.

mod dates;
mod event;
mod html;
mod inline;
mod json;
mod markdown;
mod media;
mod placeholders;
mod sheet;
mod write;

use crate::date::EventDate;
use crate::diagnostics::display_path;
use crate::diagnostics::{Diagnostic, plural};
use dates::DateParts;
use event::Item;
use std::path::{Path, PathBuf};

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
    /// TimelineJS's `alt` (the sheet's "Alt Text").
    media_alt: String,
    /// The media's click-through `link`.
    media_link: String,
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
    /// Why no event was imported, if none was: then nothing was written,
    /// and the import exits 1.
    pub nothing: Option<String>,
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

/// Imports a TimelineJS JSON or CSV file into `site_dir/content`, on the
/// day `today` (a slide dated after it is `expected`). `Err` if the file
/// cannot be read or parsed at all (nothing is written then); problems
/// with single slides are in the report. If no event can be imported,
/// nothing is written and the report says why.
pub fn timelinejs(
    file: &Path,
    site_dir: &Path,
    today: &EventDate,
) -> Result<ImportReport, Vec<Diagnostic>> {
    let help = "give the site folder to import into (it may be empty; content/ is made in it)";
    if !site_dir.exists() {
        return Err(vec![
            Diagnostic::new(None, format!("{} does not exist", site_dir.display()))
                .help("make the site first (`annals init DIR`), or give an existing folder"),
        ]);
    }
    if !site_dir.is_dir() {
        return Err(vec![
            Diagnostic::new(None, format!("{} is not a folder", site_dir.display())).help(help),
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
    let found = placeholders::find(site_dir);
    let existing = write::existing_slugs(site_dir);
    let taken = |name: &str| -> Option<String> {
        if name == "_index.md" && found.intro {
            return None;
        }
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
    let slides = input.events.len();
    let items = write::plan(input, &shown, &taken, today);
    let writes_event = items
        .iter()
        .any(|i| matches!(i, Item::Write { title: false, .. }));
    if !writes_event {
        let mut report = write::write(write::nothing(items), &content, shown);
        report.nothing = Some(match slides {
            0 => "the file has no slides".into(),
            n => format!(
                "none of its {n} {} could be imported (the reason for each is above)",
                plural(n, "slide", "slides")
            ),
        });
        return Ok(report);
    }
    let title = items
        .iter()
        .any(|i| matches!(i, Item::Write { title: true, .. }));
    let (replaced, failed) = placeholders::remove(site_dir, &found, title);
    let mut report = write::write(items, &content, shown.clone());
    report.messages.extend(replaced);
    if found.intro && !title {
        report.messages.push(format!(
            "note: {} is still the introduction `annals init` wrote: write your own",
            shown.join("_index.md").display()
        ));
    }
    for (rel, e) in failed {
        report.errors.push(Diagnostic::new(
            Some(&display_path(&site_dir.join(&rel))),
            format!("cannot remove this placeholder of `annals init`: {e}"),
        ));
    }
    Ok(report)
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
