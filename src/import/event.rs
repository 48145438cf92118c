//! What a slide becomes: the text of its event file (or of `_index.md`
//! for the title slide), checked to read back as it was meant.

use super::dates::{Worded, dates};
use super::media::{Entry, media};
use super::{Slide, html, markdown};
use crate::date::EventDate;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// An event file made from a slide, before it is checked.
#[derive(Debug)]
pub(super) struct Made {
    /// The file name without `.md`.
    pub(super) stem: String,
    pub(super) title: String,
    /// Where the event is placed: its start, or the day an undated event
    /// was first known.
    pub(super) date: EventDate,
    pub(super) end: Option<EventDate>,
    pub(super) worded: Worded,
    pub(super) tags: Vec<String>,
    /// Dated after the day of the import: `status: expected`.
    pub(super) expected: bool,
    pub(super) media: Vec<Entry>,
    /// A media file given as a relative path, to copy into the site.
    pub(super) copy: Option<String>,
    pub(super) body: String,
    pub(super) text: String,
}

/// One step of an import, in slide order.
#[derive(Debug)]
pub(super) enum Item {
    Write {
        /// The file name in `content/`.
        name: String,
        text: String,
        /// `slide 3 "Headline"`.
        who: String,
        title: bool,
        /// A media file the event names by a relative path, to copy in.
        copy: Option<String>,
    },
    Skip(String),
    Note(String),
    /// A file that would not read back as written; not written.
    Broken(Diagnostic),
}

/// The problem of a slide whose file would not read back as written.
pub(super) fn broken(path: &Path, slide: &Slide, why: &str) -> Diagnostic {
    Diagnostic::new(
        Some(path),
        format!(
            "{}: the file made for it would not read back as written ({why}); it was not written",
            slide.who()
        ),
    )
    .help("this is a bug in `annals import`; please report it with the slide")
}

/// Makes the event file of a slide, or says why the slide is skipped.
/// `today` is the day of the import: a slide dated after it is
/// `expected`. `notes` gets what was changed or left out.
pub(super) fn event_slide(
    slide: &Slide,
    today: &EventDate,
    notes: &mut Vec<String>,
) -> Result<Made, String> {
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
    let media = media(slide, Some(&title), notes);
    parts.extend(media.body);
    parts.extend(dates.notes);
    let body = parts.join("\n\n");

    let stem_date: String = dates.start.machine().chars().take(10).collect();
    let id = slide.unique_id.trim();
    let stem = if crate::slug::is_valid(id) && id.starts_with(&format!("{stem_date}-")) {
        shorten(id, 60 + stem_date.len() + 1)
    } else if crate::slug::is_valid(id) {
        format!("{stem_date}-{}", shorten(id, 60))
    } else {
        format!(
            "{stem_date}-{}",
            shorten(&crate::slug::slugify(&words(&title)), 60)
        )
    };
    let tags: Vec<String> = Some(html::to_text(&slide.group))
        .filter(|g| !g.is_empty())
        .into_iter()
        .collect();

    let mut front = format!("---\ntitle: {}\n", yaml_string(&title));
    match &dates.worded {
        Worded::Plain => {
            front.push_str(&format!("date: {}\n", dates.start.machine()));
            if let Some(end) = &dates.end {
                front.push_str(&format!("end: {}\n", end.machine()));
            }
        }
        Worded::Form(form) => front.push_str(&format!("date: {}\n", form.edtf())),
        // Only an event not known to have happened may have no date; of
        // those statuses, `reported` claims the least.
        Worded::NotSet => {
            notes.push(format!(
                "its date is not set: it has no `date`, `reported_on: {}` and `status: reported` (TimelineJS has no status; change it if you know more)",
                dates.start.machine()
            ));
            front.push_str(&format!(
                "status: reported\nreported_on: {}\n",
                dates.start.machine()
            ));
        }
    }
    // Only a dated event can be after today; "Date not set" is `reported`.
    let expected = dates.worded != Worded::NotSet && !dates.start.not_after(today);
    if expected {
        notes.push(format!(
            "it is dated after the day of the import ({}): it is `status: expected`, not a fact yet",
            today.machine()
        ));
        front.push_str("status: expected\n");
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
    if let Some(entry) = &media.entry {
        front.push_str("media:\n");
        front.push_str(&entry.yaml());
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
        worded: dates.worded,
        tags,
        expected,
        media: media.entry.into_iter().collect(),
        copy: media.copy,
        body,
        text,
    })
}

/// A headline's words for its slug: emoji and other symbols are spaces,
/// or the slug would spell them out (`☭` as `hammer-sickle`).
fn words(title: &str) -> String {
    title
        .chars()
        .map(|c| {
            let keep = c.is_alphanumeric() || c.is_ascii() || matches!(c, '’' | '‘' | 'ʼ');
            if keep { c } else { ' ' }
        })
        .collect()
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

/// The title slide's media, for the introduction (which has no `media`):
/// a quotation as it is, else a line `[Media: caption](url) — Credit:
/// credit`; a relative path is left out with a note.
fn intro_media(slide: &Slide, notes: &mut Vec<String>) -> Option<String> {
    let read = media(slide, None, notes);
    if read.body.is_some() {
        return read.body;
    }
    let entry = read.entry?;
    if read.copy.is_some() {
        notes.push(format!(
            "its media `{}` is a file, which the introduction cannot show; it was left out",
            entry.src
        ));
        return None;
    }
    // The introduction is Markdown: caption and credit keep their links.
    let dest = markdown::destination(&entry.src);
    let mut line = match html::to_text(&slide.media_caption) {
        c if c.is_empty() => format!("[Media]({dest})"),
        c => format!("[Media: {}]({dest})", markdown::escape(&c)),
    };
    let credit = html::to_inline_markdown(&slide.media_credit);
    if !credit.is_empty() {
        line.push_str(&format!(" — Credit: {credit}"));
    }
    Some(line)
}

/// Checks that an event file reads back as what was meant: the same
/// title, dates, tags and body, a slug from its name, and no raw HTML.
pub(super) fn check_event(path: &Path, made: &Made) -> Result<(), String> {
    let event = crate::source::event::parse_event(path, &made.text).map_err(|problems| {
        problems
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let same_dates = match &made.worded {
        Worded::Plain => {
            event.start_date() == Some(&made.date) && event.end_date() == made.end.as_ref()
        }
        Worded::Form(form) => event.dates.as_ref() == Some(form),
        Worded::NotSet => event.dates.is_none() && event.reported_on.as_ref() == Some(&made.date),
    };
    let same = event.title == made.title
        && (event.status == crate::source::status::Status::Expected) == made.expected
        && written_media(&made.text) == made.media
        && same_dates
        && event.tags == made.tags
        && event.slug == stem
        && event.body.trim() == made.body.trim();
    if !same {
        return Err(format!(
            "it reads back as the title {:?}, date {}, slug {}",
            event.title,
            event.when(),
            event.slug
        ));
    }
    if has_raw_html(&event.body) {
        return Err("its body has raw HTML".into());
    }
    Ok(())
}

/// The `media` entries of an event file's front matter, as YAML reads
/// them.
fn written_media(text: &str) -> Vec<Entry> {
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Front {
        media: Vec<Entry>,
    }
    let front = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or("", |(front, _)| front);
    serde_yaml::from_str::<Front>(front)
        .map(|f| f.media)
        .unwrap_or_default()
}

/// True if Markdown would pass HTML through (Annals drops it, but an
/// import should never write it).
pub(super) fn has_raw_html(markdown: &str) -> bool {
    use pulldown_cmark::{Event, Options, Parser};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    Parser::new_ext(markdown, options).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
}

/// `_index.md` from the title slide, if there is none yet.
pub(super) fn title_slide(
    slide: &Slide,
    content: &Path,
    taken: &dyn Fn(&str) -> Option<String>,
) -> Vec<Item> {
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
    parts.extend(intro_media(slide, &mut notes));
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
            copy: None,
        },
        Err(why) => Item::Broken(broken(&path, slide, &why)),
    });
    items
}

#[cfg(test)]
mod tests;
