//! The address a site is published at (`base_url`), parsed once.
//!
//! Links between pages are relative, so a site works at a domain root and
//! under any sub-path without it. It is needed only where a URL must be
//! absolute (feeds, sitemap, calendar, JSON-LD) and for the path the 404
//! page is served under.

use std::fmt;
use url::Url;

/// An absolute `http(s)` URL that ends in `/`, in its serialised form
/// (`https://xn--bcher-kva.example/zeitlinie-%C3%BC/`), which is what every
/// absolute URL of the site is written with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    url: Url,
}

impl BaseUrl {
    /// Checks that `text` is an absolute http(s) URL with no user name,
    /// password, query or fragment, and makes it end in `/`. The error says
    /// what is wrong, for a message about the value.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        if text.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>')) {
            return Err(format!(
                "base_url `{text}` has a space, a quote, < or >, which a site's address cannot have"
            ));
        }
        let mut url = web_address(text)
            .map_err(|why| format!("base_url `{text}` is not a usable address: {why}"))?;
        if !url.username().is_empty() || url.password().is_some() {
            // Not repeated in the message: it may be a password.
            return Err(
                "base_url has a user name or password (`user:password@`), which would be published on every page"
                    .into(),
            );
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "base_url `{text}` has a query (`?`) or a fragment (`#`), which a site's address cannot have"
            ));
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(BaseUrl { url })
    }

    /// The whole URL, ending in `/`: `https://example.org/timeline/`.
    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }

    /// The absolute URL of a path relative to the site root
    /// (`events/riyadh/`).
    pub fn join(&self, relative: &str) -> String {
        format!("{}{relative}", self.url.as_str())
    }

    /// The host, without a port (`example.org`, `xn--bcher-kva.example`),
    /// for identifiers.
    pub fn host(&self) -> &str {
        self.url.host_str().unwrap_or_default()
    }

    /// The path the site is published under, from the root of its host:
    /// `/` or `/timeline/`.
    pub fn path(&self) -> &str {
        self.url.path()
    }
}

/// Reads `text` as an absolute `http://` or `https://` address with a
/// host, as a browser reads it (WHATWG URL parsing, with IDNA for
/// international domain names): the scheme in any case, the host
/// lowercased (punycode for an international one), the rest
/// percent-encoded where it must be. The error says what is wrong.
pub fn web_address(text: &str) -> Result<Url, String> {
    let text = text.trim();
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err("it does not start with https:// or http://".into());
    };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Err("it does not start with https:// or http://".into());
    }
    // A browser reads `https:///x` as `https://x/`; an author meant more.
    if rest.is_empty() || rest.starts_with(['/', '\\']) {
        return Err("it has no host after the `//`".into());
    }
    // What stands between `//` and the path, less any `user@`, for messages.
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    Url::parse(text).map_err(|e| match e {
        url::ParseError::EmptyHost => "it has no host after the `//`".into(),
        url::ParseError::InvalidDomainCharacter | url::ParseError::IdnaError => format!(
            "its host `{host}` is not a domain name (one has letters, digits, hyphens and dots, and no spaces)"
        ),
        url::ParseError::InvalidIpv6Address => {
            "its host is not a valid IPv6 address in brackets (such as http://[::1]/)".into()
        }
        url::ParseError::InvalidIpv4Address => "its host is not a valid IPv4 address".into(),
        url::ParseError::InvalidPort => "its port is not a number from 0 to 65535".into(),
        other => other.to_string(),
    })
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.url.as_str())
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
            "https:x",
            "https://a b/",
            "https://x/?q",
            "https://x/#top",
            "https://user:pw@example.org/",
            "https://user@example.org/",
            "http://[::1",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
        assert!(
            !BaseUrl::parse("https://user:secret@example.org/")
                .unwrap_err()
                .contains("secret")
        );
    }

    #[test]
    fn is_published_in_its_serialised_form() {
        let url = BaseUrl::parse("HTTPS://Bücher.Example:443/zeitlinie-ü").unwrap();
        assert_eq!(
            url.as_str(),
            "https://xn--bcher-kva.example/zeitlinie-%C3%BC/"
        );
        assert_eq!(url.host(), "xn--bcher-kva.example");
        assert_eq!(url.path(), "/zeitlinie-%C3%BC/");
        let local = BaseUrl::parse("http://[::1]:8080").unwrap();
        assert_eq!(local.as_str(), "http://[::1]:8080/");
        assert_eq!(local.host(), "[::1]");
    }

    #[test]
    fn web_addresses_say_what_is_wrong() {
        let why = |text: &str| web_address(text).unwrap_err();
        assert!(why("https://").contains("no host"));
        assert!(why("https://exa mple.org/<x>").contains("host"));
        assert!(why("http://[::1").contains("IPv6"));
        assert!(why("mailto:a@example.org").contains("https://"));
        assert_eq!(
            web_address("HTTPS://EXAMPLE.ORG/x").unwrap().as_str(),
            "https://example.org/x"
        );
    }
}
