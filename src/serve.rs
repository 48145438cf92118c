//! `annals serve`: builds the site into a temporary folder and serves it
//! over HTTP, as a static host would: pretty URLs resolve to their
//! `index.html`, folders without a trailing slash redirect to it, unknown
//! paths get `404.html`. Only files inside the build folder can be served.

use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// A running server.
pub struct Server {
    http: Arc<tiny_http::Server>,
    root: PathBuf,
    /// The address actually bound (the port may differ from the one asked
    /// for if that one was taken).
    pub address: std::net::SocketAddr,
}

impl Server {
    /// Binds `bind:port`, or the next free port of the ten after it.
    pub fn bind(root: &Path, bind: &str, port: u16) -> io::Result<Server> {
        let mut last = None;
        for p in port..=port.saturating_add(10) {
            match tiny_http::Server::http((bind, p)) {
                Ok(http) => {
                    let address = http
                        .server_addr()
                        .to_ip()
                        .ok_or_else(|| io::Error::other("not an IP address"))?;
                    return Ok(Server {
                        http: Arc::new(http),
                        root: root.to_path_buf(),
                        address,
                    });
                }
                Err(e) => last = Some(e),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AddrInUse,
            format!(
                "cannot listen on {bind} ports {port}-{}: {}",
                port.saturating_add(10),
                last.map_or_else(String::new, |e| e.to_string())
            ),
        ))
    }

    /// Answers requests on `workers` threads until the process ends.
    pub fn run(self, workers: usize) {
        let threads: Vec<_> = (0..workers.max(1))
            .map(|_| {
                let http = Arc::clone(&self.http);
                let root = self.root.clone();
                std::thread::spawn(move || {
                    for request in http.incoming_requests() {
                        let response = respond(&root, request.url());
                        let _ = request.respond(response);
                    }
                })
            })
            .collect();
        for t in threads {
            let _ = t.join();
        }
    }
}

type Response = tiny_http::Response<io::Cursor<Vec<u8>>>;

/// The response for a request path, served from `root`.
pub fn respond(root: &Path, url: &str) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(rel) = decode_path(path) else {
        return text(400, "bad request path");
    };
    let mut file = root.join(&rel);
    if file.is_dir() {
        if !path.ends_with('/') {
            let location = format!("{path}/");
            return text(301, "moved").with_header(header("Location", &location));
        }
        file.push("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => tiny_http::Response::from_data(bytes)
            .with_header(header("Content-Type", content_type(&file))),
        Err(_) => {
            let body =
                std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
            tiny_http::Response::from_data(body)
                .with_status_code(404)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
        }
    }
}

/// Percent-decodes a URL path into a relative path with only normal
/// components; `None` for `..`, NUL, backslashes and invalid UTF-8.
pub fn decode_path(path: &str) -> Option<PathBuf> {
    let bytes = path.as_bytes();
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
    let mut rel = PathBuf::new();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        let mut comps = Path::new(part).components();
        match (comps.next(), comps.next()) {
            (Some(Component::Normal(c)), None) => rel.push(c),
            _ => return None,
        }
    }
    Some(rel)
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and ASCII values")
}

fn text(status: u16, body: &str) -> Response {
    tiny_http::Response::from_data(body.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// The media type for a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
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
            decode_path("/events/riyadh/"),
            Some(PathBuf::from("events/riyadh"))
        );
        assert_eq!(decode_path("/a%20b"), Some(PathBuf::from("a b")));
        assert_eq!(decode_path("/"), Some(PathBuf::new()));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/%2E%2E/%2e%2e/b",
            "/a%00",
            "/a%5c..%5cb",
            "/%ff",
            "/%2",
            "/./a",
        ] {
            assert_eq!(decode_path(bad), None, "{bad}");
        }
        // An encoded slash stays inside the root: it only joins segments.
        assert_eq!(
            decode_path("/%2fetc%2fpasswd"),
            Some(PathBuf::from("etc/passwd"))
        );
    }
}
