//! Reads the CSV export of the TimelineJS Google Sheets template: a header
//! row naming the columns (Year, Month, Day, Time, End Year, End Month, End
//! Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media
//! Caption, Media Thumbnail, Type, Group, Background), then one slide per
//! row. Header names are matched ignoring case, spaces and punctuation, in
//! any order; columns Annals does not know are noted and ignored.
//!
//! Rows are numbered as the spreadsheet numbers them: the header is row 1.
//! A row of empty cells is skipped silently. The Type column makes the
//! first `title` row the title slide and `era` rows eras (skipped); times
//! are read as TimelineJS reads them (`14:30`, `2:30 PM`, `1430`,
//! `14.30`, `14:30:15.5`).

use super::{DateParts, Input, Slide};
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// The columns of the template.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Year,
    Month,
    Day,
    Time,
    EndYear,
    EndMonth,
    EndDay,
    EndTime,
    DisplayDate,
    Headline,
    Text,
    Media,
    MediaCredit,
    MediaCaption,
    MediaThumbnail,
    AltText,
    Type,
    Group,
    Background,
}

/// A header name without case, spaces or punctuation (`End Year` is
/// `endyear`), as TimelineJS matches them.
fn column(name: &str) -> Option<Column> {
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    Some(match key.as_str() {
        "year" | "startyear" => Column::Year,
        "month" | "startmonth" => Column::Month,
        "day" | "startday" => Column::Day,
        "time" | "starttime" => Column::Time,
        "endyear" => Column::EndYear,
        "endmonth" => Column::EndMonth,
        "endday" => Column::EndDay,
        "endtime" => Column::EndTime,
        "displaydate" => Column::DisplayDate,
        "headline" => Column::Headline,
        "text" => Column::Text,
        "media" => Column::Media,
        "mediacredit" => Column::MediaCredit,
        "mediacaption" => Column::MediaCaption,
        "mediathumbnail" => Column::MediaThumbnail,
        "alttext" | "mediaalt" | "mediaalttext" => Column::AltText,
        "type" => Column::Type,
        "group" | "tag" => Column::Group,
        "background" => Column::Background,
        _ => return None,
    })
}

const HELP: &str = "export the TimelineJS Google Sheets template as CSV (File → Download → Comma-separated values); its first row names the columns: Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background";

pub(super) fn read(file: &Path, text: &str) -> Result<Input, Vec<Diagnostic>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(vec![csv_error(file, &e)]),
        None => {
            return Err(vec![
                Diagnostic::new(Some(file), "this CSV file is empty").help(HELP),
            ]);
        }
    };
    let mut input = Input::default();
    let columns: Vec<Option<Column>> = header.iter().map(column).collect();
    if !columns.contains(&Some(Column::Year)) {
        return Err(vec![
            Diagnostic::at(
                file,
                1,
                1,
                "this CSV has no Year column, so it is not a TimelineJS sheet",
            )
            .help(HELP),
        ]);
    }
    for (name, col) in header.iter().zip(&columns) {
        if col.is_none() && !name.trim().is_empty() {
            input.notes.push(format!(
                "note: the column \"{}\" is not one of the TimelineJS template's; it was ignored",
                name.trim()
            ));
        }
    }
    for (i, record) in records.enumerate() {
        let record = record.map_err(|e| vec![csv_error(file, &e)])?;
        let row = i + 2;
        // The first column of a name wins.
        let get = |want: Column| -> String {
            columns
                .iter()
                .position(|c| *c == Some(want))
                .and_then(|at| record.get(at))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let kind = get(Column::Type).to_lowercase();
        let start = date(
            get(Column::Year),
            get(Column::Month),
            get(Column::Day),
            get(Column::Time),
        );
        let end = date(
            get(Column::EndYear),
            get(Column::EndMonth),
            get(Column::EndDay),
            get(Column::EndTime),
        );
        let mut slide = Slide {
            label: format!("row {row}"),
            start: Some(start),
            end: Some(end),
            display_date: get(Column::DisplayDate),
            headline: get(Column::Headline),
            text: get(Column::Text),
            media_url: get(Column::Media),
            media_caption: get(Column::MediaCaption),
            media_credit: get(Column::MediaCredit),
            media_alt: get(Column::AltText),
            media_link: String::new(),
            group: get(Column::Group),
            unique_id: String::new(),
            skip: None,
        };
        match kind.as_str() {
            "title" if input.title.is_none() => {
                slide.label = format!("the title slide (row {row})");
                input.title = Some(slide);
            }
            "era" => input.events.push(Slide {
                skip: Some("it is an era, and Annals has no eras".into()),
                ..slide
            }),
            _ => input.events.push(slide),
        }
    }
    Ok(input)
}

fn csv_error(file: &Path, e: &::csv::Error) -> Diagnostic {
    let message = format!("this CSV cannot be read: {e}");
    match e.position() {
        Some(p) => Diagnostic::at(file, p.line() as usize, 0, message),
        None => Diagnostic::new(Some(file), message),
    }
    .help(HELP)
}

/// A date from its cells; an empty date if they are all empty.
fn date(year: String, month: String, day: String, time: String) -> DateParts {
    let some = |s: String| (!s.is_empty()).then_some(s);
    let mut parts = DateParts {
        year: some(year),
        month: some(month),
        day: some(day),
        ..DateParts::default()
    };
    if !time.is_empty() {
        match parse_time(&time) {
            Some((h, m, s)) => {
                parts.hour = Some(h.to_string());
                parts.minute = m;
                parts.second = s;
            }
            None => parts.problem = Some(format!("the time `{time}` is not a time of day")),
        }
    }
    parts
}

/// A time as TimelineJS reads a Time cell: `14:30`, `14:30:15`, `2:30 PM`,
/// `2 p.m.`, `1430`, `14.30`; fractions of seconds are dropped. The hour
/// is a number from 0 to 23 (after AM/PM); minutes and seconds are kept as
/// written, and checked with the rest of the date.
fn parse_time(raw: &str) -> Option<(u32, Option<String>, Option<String>)> {
    let mut text = raw.trim().to_ascii_lowercase();
    let mut period = None;
    {
        let t = text.trim_end_matches('.');
        if let Some(rest) = t.strip_suffix('m') {
            let rest = rest.trim_end_matches('.');
            if let Some(rest) = rest.strip_suffix('a') {
                period = Some('a');
                text = rest.trim().to_string();
            } else if let Some(rest) = rest.strip_suffix('p') {
                period = Some('p');
                text = rest.trim().to_string();
            }
        }
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<String> = if digits(&text) && (3..=4).contains(&text.len()) {
        let split = text.len() - 2;
        vec![text[..split].to_string(), text[split..].to_string()]
    } else if text.contains(':') {
        text.split(':').map(|s| s.trim().to_string()).collect()
    } else {
        text.split('.').map(|s| s.trim().to_string()).collect()
    };
    if parts.len() > 3 || !digits(&parts[0]) {
        return None;
    }
    let mut hour: u32 = parts[0].parse().ok()?;
    match period {
        Some('p') if hour != 12 => hour += 12,
        Some('a') if hour == 12 => hour = 0,
        _ => {}
    }
    if hour > 23 {
        return None;
    }
    let minute = match parts.get(1) {
        Some(m) if digits(m) => Some(m.clone()),
        Some(_) => return None,
        None => None,
    };
    let second = match parts.get(2) {
        Some(s) => {
            let whole = s.split(['.', ',']).next().unwrap_or("");
            if !digits(whole) || s.split(['.', ',']).skip(1).any(|f| !digits(f)) {
                return None;
            }
            Some(whole.to_string())
        }
        None => None,
    };
    Some((hour, minute, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_timelinejs_reads_them() {
        let t = |s: &str| {
            parse_time(s).map(|(h, m, s)| (h, m.unwrap_or_default(), s.unwrap_or_default()))
        };
        assert_eq!(t("14:30"), Some((14, "30".into(), "".into())));
        assert_eq!(t("2:30 PM"), Some((14, "30".into(), "".into())));
        assert_eq!(t("12:05 a.m."), Some((0, "05".into(), "".into())));
        assert_eq!(t("12 pm"), Some((12, "".into(), "".into())));
        assert_eq!(t("1430"), Some((14, "30".into(), "".into())));
        assert_eq!(t("14.30"), Some((14, "30".into(), "".into())));
        assert_eq!(t("14:30:15.5"), Some((14, "30".into(), "15".into())));
        for bad in ["noon", "25:00", "14:xx", "1:2:3:4", "", "11 pm pm"] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }

    #[test]
    fn columns_match_loosely() {
        assert_eq!(column(" End  Year "), Some(Column::EndYear));
        assert_eq!(column("MEDIA_CREDIT"), Some(Column::MediaCredit));
        assert_eq!(column("Display date"), Some(Column::DisplayDate));
        assert_eq!(column("Alt Text"), Some(Column::AltText));
        assert_eq!(column("Notes"), None);
    }

    #[test]
    fn rows_become_slides() {
        let csv = "Headline,YEAR,month,Day,Type,Notes\n\
                   Title,,,,title,\n\
                   ,,,,,\n\
                   \"A, with comma\",2021,6,,,x\n\
                   Era,1900,,,era,\n\
                   Bad time,2021,6,1,,\n";
        let input = read(Path::new("t.csv"), csv).unwrap();
        assert_eq!(
            input.title.as_ref().unwrap().label,
            "the title slide (row 2)"
        );
        assert_eq!(input.events.len(), 3);
        assert_eq!(input.events[0].label, "row 4");
        assert_eq!(input.events[0].headline, "A, with comma");
        assert_eq!(
            input.events[0].start.as_ref().unwrap().month.as_deref(),
            Some("6")
        );
        assert_eq!(input.events[1].label, "row 5");
        assert!(input.events[1].skip.is_some());
        assert_eq!(input.notes.len(), 1);
        assert!(read(Path::new("t.csv"), "Headline,Text\nx,y\n").is_err());
        assert!(read(Path::new("t.csv"), "").is_err());
    }
}
