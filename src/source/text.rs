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
    if has_forbidden(text.as_bytes()) {
        Cow::Owned(text.chars().filter(|&c| !is_forbidden(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// True if the UTF-8 `bytes` hold a character [`is_forbidden`] names. Every
/// body passes through here, so it reads eight plain ASCII bytes at a time
/// and looks closer only at controls and the lead bytes of the forbidden
/// characters' encodings.
fn has_forbidden(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            // Some byte below 0x20, or 0x7F, or not ASCII (may err towards
            // yes, never towards no).
            let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
            let del = (w ^ (ONES * 0x7f)).wrapping_sub(ONES) & !(w ^ (ONES * 0x7f)) & HIGH;
            if (w & HIGH) | control | del == 0 {
                i += 8;
                continue;
            }
        }
        let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        match bytes[i] {
            b'\t' | b'\n' | 0x0c | b'\r' | 0x20..=0x7e => i += 1,
            0x00..=0x1f | 0x7f => return true,
            // U+0080–U+009F.
            0xc2 if at(1) < 0xa0 => return true,
            // U+FDD0–U+FDEF, U+FFFE, U+FFFF.
            0xef if at(1) == 0xb7 && (0x90..=0xaf).contains(&at(2)) => return true,
            0xef if at(1) == 0xbf && at(2) >= 0xbe => return true,
            // U+1FFFE, U+1FFFF ... U+10FFFF.
            0xf0..=0xf4 if at(1) & 0x0f == 0x0f && at(2) == 0xbf && at(3) >= 0xbe => {
                return true;
            }
            0xc0..=0xdf => i += 2,
            0xe0..=0xef => i += 3,
            0xf0..=0xf7 => i += 4,
            _ => i += 1,
        }
    }
    false
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

/// `text` in Unicode normalisation form C: a composed and a decomposed
/// "café" are the same name.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_forbidden_character_and_nothing_else() {
        // Every character of the first planes, alone and amid plain text.
        for code in (0..0x3_0000u32).chain(0x10_fff0..0x11_0000) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = format!("plain text {c} more plain text");
            assert_eq!(
                has_forbidden(text.as_bytes()),
                is_forbidden(c),
                "U+{code:04X}"
            );
            assert_eq!(
                has_forbidden(c.to_string().as_bytes()),
                is_forbidden(c),
                "U+{code:04X}"
            );
        }
        assert_eq!(
            strip_forbidden("a\u{b}b\u{85}c\u{fdd0}d\u{1fffe}e"),
            "abcde"
        );
        assert!(matches!(
            strip_forbidden("Riyadh, 18 February"),
            Cow::Borrowed(_)
        ));
    }
}
