//! One type for every problem Annals reports, and the code that prints it.
//!
//! Each stage returns all the problems it finds as `Vec<Diagnostic>`; the
//! pipeline stops after a stage that found any. Printing shows the file, the
//! line and column, the source line with the fault underlined, and a hint.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A problem in the site: a file, an optional position in it, what is wrong
/// and, where we can say it, what is allowed instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in (as the user named it, relative to the site
    /// where possible), or `None` for problems with no file (bad arguments).
    pub file: Option<PathBuf>,
    /// 1-based line in `file`; 0 when unknown.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// What is wrong, as one sentence.
    pub message: String,
    /// What is allowed or what to do next.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file or with no file at all.
    pub fn new(file: Option<&Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.map(Path::to_path_buf),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
        }
    }

    /// A problem at a position in a file.
    pub fn at(file: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            file: Some(file.to_path_buf()),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a hint: what is allowed, or what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column`, as far as it is known.
    pub fn location(&self) -> String {
        let mut s = match &self.file {
            Some(f) => f.display().to_string(),
            None => return String::new(),
        };
        if self.line > 0 {
            let _ = write!(s, ":{}", self.line);
            if self.column > 0 {
                let _ = write!(s, ":{}", self.column);
            }
        }
        s
    }

    /// Renders the diagnostic for a terminal. `source` is the text of the
    /// file, when it could be read as UTF-8, to show the faulty line.
    pub fn render(&self, source: Option<&str>) -> String {
        let mut out = format!("error: {}\n", self.message);
        let location = self.location();
        if !location.is_empty() {
            let _ = writeln!(out, "  --> {location}");
        }
        if let Some(text) = source.filter(|_| self.line > 0)
            && let Some(line) = text.lines().nth(self.line - 1)
        {
            let (line, column) = window(line.trim_end_matches('\r'), self.column);
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let _ = writeln!(out, "{pad} |\n{number} | {line}");
            if column > 0 {
                let before: String = line
                    .chars()
                    .take(column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let width = underline_width(&line, column);
                let _ = writeln!(out, "{pad} | {before}{}", "^".repeat(width));
            }
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let location = self.location();
        if location.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{location}: {}", self.message)
        }
    }
}

/// How many characters to underline from `column`: the rest of the word or
/// value that starts there, at least one.
fn underline_width(line: &str, column: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(column - 1).collect();
    let word = match rest.first() {
        Some('"') | Some('\'') => {
            let quote = rest[0];
            rest.iter()
                .skip(1)
                .position(|&c| c == quote)
                .map_or(rest.len(), |p| p + 2)
        }
        // A key or a plain value ends at `: `, `, `, a closing bracket or a
        // comment; `2025-02-18T10:00:00` and `https://x` stay whole.
        _ => (0..rest.len())
            .find(|&i| {
                let next = rest.get(i + 1).copied().unwrap_or(' ');
                match rest[i] {
                    ':' | ',' => next == ' ',
                    ']' | '}' => true,
                    '#' => i > 0 && rest[i - 1] == ' ',
                    _ => false,
                }
            })
            .unwrap_or(rest.len()),
    };
    let trimmed = rest[..word].iter().collect::<String>();
    trimmed.trim_end().chars().count().max(1)
}

/// At most about 100 characters of a long line around `column`, with `…`
/// where it was cut, and the column within what is shown.
fn window(line: &str, column: usize) -> (String, usize) {
    const BEFORE: usize = 30;
    const WIDTH: usize = 100;
    let count = line.chars().count();
    if count <= WIDTH {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(BEFORE + 1);
    let mut shown: String = line.chars().skip(start).take(WIDTH).collect();
    let mut column = column - start;
    if start > 0 {
        shown.insert(0, '…');
        column += 1;
    }
    if start + WIDTH < count {
        shown.push('…');
    }
    (shown, column)
}

/// Prints every diagnostic to standard error, reading each file once to show
/// Sorts diagnostics by file, line and column, for stable output.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
}

/// its lines, then a one-line summary.
pub fn print_all(diagnostics: &[Diagnostic]) {
    eprint!("{}", report(diagnostics));
}

/// Every diagnostic rendered with its source line, then a summary line.
pub fn report(diagnostics: &[Diagnostic]) -> String {
    let mut cache: std::collections::HashMap<&Path, Option<String>> = Default::default();
    let mut err = String::new();
    for d in diagnostics {
        let source = d.file.as_deref().and_then(|f| {
            cache
                .entry(f)
                .or_insert_with(|| std::fs::read_to_string(f).ok())
                .as_deref()
        });
        err.push_str(&d.render(source));
        err.push('\n');
    }
    let files = diagnostics
        .iter()
        .filter_map(|d| d.file.as_deref())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let _ = write!(
        err,
        "{} {} found",
        diagnostics.len(),
        plural(diagnostics.len(), "problem", "problems")
    );
    if files > 0 {
        let _ = write!(err, " in {files} {}", plural(files, "file", "files"));
    }
    err.push_str("; nothing was written.\n");
    err
}

/// `one` or `many` by count.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The help for a `word` that is not one of `allowed`: the nearest one,
/// if it is a likely typo, then all of them (`did you mean `denies`?
/// allowed: asserts, denies, expects`).
pub fn allowed_help(word: &str, allowed: &[&str]) -> String {
    let all = format!("allowed: {}", allowed.join(", "));
    match did_you_mean(word, allowed) {
        Some(near) => format!("did you mean `{near}`? {all}"),
        None => all,
    }
}

/// A path as it should appear in messages: without a leading `./`.
pub fn display_path(path: &Path) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["title", "date", "tags", "actors"];
        assert_eq!(did_you_mean("titel", &keys), Some("title"));
        assert_eq!(did_you_mean("tag", &keys), Some("tags"));
        assert_eq!(did_you_mean("Actors", &keys), Some("actors"));
        assert_eq!(did_you_mean("weather", &keys), None);
    }

    #[test]
    fn underlines_whole_values_and_cuts_long_lines() {
        let d = Diagnostic::at(Path::new("a.md"), 1, 7, "bad");
        let text = d.render(Some("date: 2025-02-18T10:00:00 # comment\n"));
        assert!(text.contains("  |       ^^^^^^^^^^^^^^^^^^^\n"), "{text}");
        let long = format!("title: {}", "[".repeat(10_000));
        let text = Diagnostic::at(Path::new("a.md"), 1, 5000, "deep").render(Some(&long));
        assert!(text.lines().all(|l| l.chars().count() < 120), "{text}");
        assert!(text.contains("…"), "{text}");
    }

    #[test]
    fn renders_the_line_with_an_underline() {
        let d = Diagnostic::at(Path::new("content/a.md"), 2, 7, "bad date").help("use YYYY-MM-DD");
        let text = d.render(Some("---\ndate: 2025-13-45\n---\n"));
        assert!(text.contains("--> content/a.md:2:7"), "{text}");
        assert!(text.contains("2 | date: 2025-13-45"), "{text}");
        assert!(text.contains("  |       ^^^^^^^^^^\n"), "{text}");
        assert!(text.contains("= help: use YYYY-MM-DD"), "{text}");
    }
}
