//! HTTP/1.1 for `annals serve`, with the standard library only: reading a
//! request line and its headers (bounded in length and count), writing a
//! response with its Content-Length, turning a URL path into a path inside
//! the site (or refusing it), and the content type of a file.

use std::io::{self, BufRead, Read, Write};
use std::net::TcpStream;
use std::ops::Range;
use std::sync::Arc;

/// The longest request line or header line read, and the most headers.
pub(crate) const MAX_LINE: usize = 8 * 1024;
pub(crate) const MAX_HEADERS: usize = 100;

/// Tells a client the server is busy, without waiting on it.
pub(crate) fn refuse(mut stream: &TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

/// A request as far as the server cares.
#[derive(Debug, PartialEq)]
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) target: String,
    /// Whether the connection stays open after the answer.
    pub(crate) keep_alive: bool,
}

/// Reads one request's line and headers: `Ok(None)` when the connection
/// ends or idles out first, `Err(status)` for a request not answered
/// (which closes the connection). A request with a body is answered and
/// the connection closed, so its body need not be read.
pub(crate) fn read_request(reader: &mut impl BufRead) -> Result<Option<Request>, u16> {
    let mut line = String::new();
    // A few empty lines before a request are allowed (RFC 9112 2.2).
    for _ in 0..4 {
        match read_line(reader, 414)? {
            Some(l) if l.is_empty() => continue,
            Some(l) => {
                line = l;
                break;
            }
            None => return Ok(None),
        }
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    let mut keep_alive = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        v if v.starts_with("HTTP/") => return Err(505),
        _ => return Err(400),
    };
    if method.is_empty() || target.is_empty() {
        return Err(400);
    }
    let mut body = false;
    for n in 0.. {
        let Some(header) = read_line(reader, 431)? else {
            return Ok(None);
        };
        if header.is_empty() {
            break;
        }
        if n == MAX_HEADERS {
            return Err(431);
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(400);
        };
        let value = value.trim();
        // HTTP/1.0 connections close whatever they ask: keep-alive there
        // would need bodies framed the 1.0 way.
        if name.eq_ignore_ascii_case("connection") {
            if value
                .split(',')
                .any(|t| t.trim().eq_ignore_ascii_case("close"))
            {
                keep_alive = false;
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || (name.eq_ignore_ascii_case("content-length") && value != "0")
        {
            body = true;
        }
    }
    Ok(Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive: keep_alive && !body,
    }))
}

/// One line without its line end; `Ok(None)` at the end of the stream or
/// on a timeout, `Err(too_long)` past [`MAX_LINE`], 400 if not UTF-8.
pub(crate) fn read_line(reader: &mut impl BufRead, too_long: u16) -> Result<Option<String>, u16> {
    let mut buf = Vec::new();
    match reader.take(MAX_LINE as u64).read_until(b'\n', &mut buf) {
        Ok(_) if buf.ends_with(b"\n") => {
            buf.pop();
            if buf.ends_with(b"\r") {
                buf.pop();
            }
            String::from_utf8(buf).map(Some).map_err(|_| 400)
        }
        Ok(_) if buf.len() >= MAX_LINE => Err(too_long),
        _ => Ok(None),
    }
}

/// Writes a response, its body unless `head_only`, and flushes it.
pub(crate) fn write_response(
    out: &mut impl Write,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let status = response.status;
    write!(out, "HTTP/1.1 {status} {}\r\n", reason(status))?;
    for (name, value) in &response.headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    write!(out, "Content-Length: {}\r\n", response.body.len())?;
    if !keep_alive {
        out.write_all(b"Connection: close\r\n")?;
    }
    out.write_all(b"\r\n")?;
    if !head_only {
        for (bytes, range) in &response.body.parts {
            out.write_all(&bytes[range.clone()])?;
        }
    }
    out.flush()
}

pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// A response body: slices of shared bytes, read one after the other, so
/// a page is never copied to be served.
pub struct Body {
    pub(crate) parts: Vec<(Arc<Vec<u8>>, Range<usize>)>,
}

impl Body {
    pub(crate) fn len(&self) -> usize {
        self.parts.iter().map(|(_, r)| r.len()).sum()
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        let all = 0..bytes.len();
        Body {
            parts: vec![(Arc::new(bytes), all)],
        }
    }
}

/// What is sent back, before the framing headers.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Body,
}

impl Response {
    pub(crate) fn with_header(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_string()));
        self
    }
}

/// Percent-decodes a URL path (which must start with `/`) into a file
/// path relative to the site root, `/`-separated, without empty segments;
/// `None` for `.` and `..` segments, NUL, backslashes, invalid UTF-8 and
/// anything but a path (such as an absolute URL).
pub fn decode_path(path: &str) -> Option<String> {
    let bytes = path.strip_prefix('/')?.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part == "." || part == ".." {
            return None;
        }
        parts.push(part);
    }
    Some(parts.join("/"))
}

/// Percent-encodes a relative file path for a URL, keeping its slashes.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(crate) fn reply(status: u16, body: Body, content_type: &str) -> Response {
    Response {
        status,
        headers: vec![("Content-Type", content_type.to_string())],
        body,
    }
}

pub(crate) fn text(status: u16, body: &str) -> Response {
    reply(
        status,
        Body::from(body.as_bytes().to_vec()),
        "text/plain; charset=utf-8",
    )
}

/// The media type for a file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.').map_or("", |(_, ext)| ext) {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_only_paths_inside_the_root() {
        assert_eq!(
            decode_path("/events/riyadh/").as_deref(),
            Some("events/riyadh")
        );
        assert_eq!(decode_path("/a%20b").as_deref(), Some("a b"));
        assert_eq!(decode_path("/").as_deref(), Some(""));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/%2E%2E/%2e%2e/b",
            "/a%00",
            "/index.html%00.png",
            "/a%5c..%5cb",
            "/a%2f..%2f..%2fetc/passwd",
            "/%ff",
            "/%2",
            "/./a",
            "",
            "*",
            "http://localhost/etc/passwd",
            "etc/passwd",
        ] {
            assert_eq!(decode_path(bad), None, "{bad}");
        }
        // An encoded slash stays inside the root: it only joins segments.
        assert_eq!(
            decode_path("//%2fetc%2fpasswd").as_deref(),
            Some("etc/passwd")
        );
    }

    #[test]
    fn reads_requests_and_refuses_what_it_does_not_answer() {
        let parse = |raw: &str| read_request(&mut raw.as_bytes());
        let request = |method: &str, target: &str, keep_alive| {
            Ok(Some(Request {
                method: method.into(),
                target: target.into(),
                keep_alive,
            }))
        };
        assert_eq!(
            parse("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"),
            request("GET", "/a", true)
        );
        assert_eq!(
            parse("\r\nHEAD / HTTP/1.1\nConnection: Close\n\n"),
            request("HEAD", "/", false)
        );
        assert_eq!(parse("GET / HTTP/1.0\r\n\r\n"), request("GET", "/", false));
        assert_eq!(
            parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
            request("GET", "/", false),
            "HTTP/1.0 connections close"
        );
        assert_eq!(
            parse("POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"),
            request("POST", "/x", false),
            "a body is not read: the connection closes"
        );
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse("GET / HTTP/1.1\r\nHost: x\r\n"), Ok(None));
        assert_eq!(parse("GET /\r\n\r\n"), Err(400));
        assert_eq!(parse("GET / HTTP/2.0\r\n\r\n"), Err(505));
        assert_eq!(parse("GET / HTTP/1.1\r\nno colon\r\n\r\n"), Err(400));
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_LINE));
        assert_eq!(parse(&long), Err(414));
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X: y\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(parse(&many), Err(431));
    }

    #[test]
    fn responses_carry_their_length_and_say_when_they_close() {
        let mut out = Vec::new();
        let response = text(404, "gone").with_header("X-A", "b");
        write_response(&mut out, &response, false, false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nX-A: b\r\n\
             Content-Length: 4\r\nConnection: close\r\n\r\ngone"
        );
        let mut out = Vec::new();
        write_response(&mut out, &response, true, true).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .ends_with("Content-Length: 4\r\n\r\n")
        );
    }
}
