//! The address a site is published at (`base_url`), parsed once.
//!
//! Links between pages are relative, so a site works at a domain root and
//! under any sub-path without it. It is needed only where a URL must be
//! absolute (feeds, sitemap, calendar, JSON-LD) and for the path the 404
//! page is served under.

use std::fmt;

/// An absolute `http(s)` URL that ends in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    url: String,
    /// Where the path starts in `url` (the `/` after the host).
    path_at: usize,
}

impl BaseUrl {
    /// Checks that `text` is an absolute http(s) URL, and makes it end in
    /// `/`. The error says what is wrong, for a message about the value.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let url = text.trim();
        let scheme = if url.starts_with("https://") {
            "https://"
        } else if url.starts_with("http://") {
            "http://"
        } else {
            return Err(format!(
                "base_url `{url}` must start with https:// or http://"
            ));
        };
        let rest = &url[scheme.len()..];
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty()
            || url.contains(char::is_whitespace)
            || url.contains(['"', '<', '>', '?', '#'])
        {
            return Err(format!("base_url `{url}` is not a usable URL"));
        }
        let url = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
        let path_at = scheme.len() + host.len();
        Ok(BaseUrl { url, path_at })
    }

    /// The whole URL, ending in `/`: `https://example.org/timeline/`.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The absolute URL of a path relative to the site root
    /// (`events/riyadh/`).
    pub fn join(&self, relative: &str) -> String {
        format!("{}{relative}", self.url)
    }

    /// The host, without a port (`example.org`), for identifiers.
    pub fn host(&self) -> &str {
        let authority = &self.url[..self.path_at];
        let authority = authority
            .split_once("://")
            .map_or(authority, |(_, rest)| rest);
        authority.split(':').next().unwrap_or(authority)
    }

    /// The path the site is published under, from the root of its host:
    /// `/` or `/timeline/`.
    pub fn path(&self) -> &str {
        &self.url[self.path_at..]
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_ends_with_a_slash() {
        let url = BaseUrl::parse(" https://example.org/annals").unwrap();
        assert_eq!(url.as_str(), "https://example.org/annals/");
        assert_eq!(
            url.join("events/a/"),
            "https://example.org/annals/events/a/"
        );
        assert_eq!(url.host(), "example.org");
        assert_eq!(url.path(), "/annals/");
        let root = BaseUrl::parse("http://localhost:8080").unwrap();
        assert_eq!(root.host(), "localhost");
        assert_eq!(root.path(), "/");
        assert_eq!(root.to_string(), "http://localhost:8080/");
    }

    #[test]
    fn refuses_what_is_not_an_absolute_web_address() {
        for bad in [
            "example.org",
            "ftp://x/",
            "https://",
            "https:///x",
            "https://a b/",
            "https://x/?q",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
