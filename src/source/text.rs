//! Reading a text file the site is made of (event, `annals.yaml`,
//! template): a size limit, and UTF-8 errors with their line and column.

use crate::diagnostics::{Diagnostic, display_path};
use std::borrow::Cow;
use std::path::Path;

/// True for the characters HTML forbids in a document: control characters
/// other than tab, line feed, form feed and carriage return (U+0000–U+001F,
/// U+007F–U+009F, such as the U+000B that text pasted from Word holds),
/// and the Unicode noncharacters.
pub fn is_forbidden(c: char) -> bool {
    let code = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
}

/// `text` without the characters [`is_forbidden`] names: they are never
/// shown, so nothing is lost, and pages stay valid HTML.
pub fn strip_forbidden(text: &str) -> Cow<'_, str> {
    // A quick look at the bytes first: every forbidden character is an
    // ASCII control or starts with one of these lead bytes.
    let maybe = |b: &u8| match *b {
        b'\t' | b'\n' | 0x0c | b'\r' => false,
        b => b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xef || b >= 0xf0,
    };
    if text.as_bytes().iter().any(maybe) && text.chars().any(is_forbidden) {
        Cow::Owned(text.chars().filter(|&c| !is_forbidden(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// The largest text file Annals reads (event, `annals.yaml`, template):
/// 10 MiB. A file that long is a mistake (or an attack); bigger files are
/// refused before they are read.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// What a file is, for [`read_text`]'s messages: its kind in the plural,
/// and what to do with one that is too large.
pub struct Kind {
    pub plural: &'static str,
    pub when_too_large: &'static str,
}

pub const CONTENT: Kind = Kind {
    plural: "content files",
    when_too_large: "split it into several events, or link to long documents from `sources:`",
};

/// Reads a file as UTF-8 text, or says where it stops being UTF-8. Files
/// over [`MAX_FILE_BYTES`] are refused by their size on disk, and reading
/// stops at the limit should the file grow meanwhile.
pub fn read_text(path: &Path, kind: Kind) -> Result<String, Vec<Diagnostic>> {
    use std::io::Read;
    let shown = display_path(path);
    let cannot = |e: std::io::Error| {
        vec![Diagnostic::new(
            Some(&shown),
            format!("cannot read this file: {e}"),
        )]
    };
    let too_large = |size: String| {
        vec![
            Diagnostic::new(
                Some(&shown),
                format!("this file is {size}; {} may be at most 10 MiB", kind.plural),
            )
            .help(kind.when_too_large),
        ]
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let len = file.metadata().map_err(cannot)?.len();
    if len > MAX_FILE_BYTES {
        return Err(too_large(format!(
            "{:.1} MiB ({len} bytes)",
            len as f64 / (1024.0 * 1024.0)
        )));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large("over 10 MiB".into()));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(good.rsplit(|&b| b == b'\n').next().unwrap_or(good)).chars().count() + 1;
        vec![Diagnostic::at(&shown, line, column, "this file is not UTF-8 text")
            .help("save it as UTF-8 (every modern editor can); the byte here is not a valid character")]
    })
}
