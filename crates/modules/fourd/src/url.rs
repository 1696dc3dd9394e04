//! The URL forms of the document:
//! `{http://|https://}[{user}:[{password}]@]host[:{port}][/{path}][?{queryString}]`,
//! where a missing scheme means `https://`.

use std::borrow::Cow;

use boa_engine::{JsString, JsValue};
use jsrun_net::url::Url;
use jsrun_net::Kind;

use crate::errors::ErrorEntry;
use crate::shared::Shared;

/// The `url` argument of `new()`: the value of the `url` property (the
/// argument, with `https://` added when it names no scheme) and the parsed
/// URL. The last URL is cached: repeating it costs a string comparison.
pub(crate) fn resolve(shared: &Shared, arg: &JsValue) -> (JsValue, Result<Url, ErrorEntry>) {
    let Some(text) = arg.as_string() else {
        let err = ErrorEntry::of_kind(Kind::BadUrl, "invalid URL: the url must be a text");
        return (arg.clone(), Err(err));
    };
    if let Some((last, prop, url)) = &*shared.last_url.borrow() {
        if *last == text {
            return (prop.clone(), Ok(url.clone()));
        }
    }
    let std = text.to_std_string_lossy();
    let prop: JsValue = match with_scheme(&std) {
        Cow::Borrowed(b) if b.len() == std.len() => arg.clone(),
        full => JsString::from(full.as_ref()).into(),
    };
    let parsed = parse(&std);
    if let Ok(url) = &parsed {
        *shared.last_url.borrow_mut() = Some((text, prop.clone(), url.clone()));
    }
    (prop, parsed)
}

/// Adds `https://` when `input` names no scheme; trims surrounding blanks.
pub(crate) fn with_scheme(input: &str) -> Cow<'_, str> {
    let t = input.trim();
    if has_scheme(t) {
        Cow::Borrowed(t)
    } else if let Some(rest) = t.strip_prefix("//") {
        Cow::Owned(format!("https://{rest}"))
    } else {
        Cow::Owned(format!("https://{t}"))
    }
}

/// True when `s` starts with `scheme://` (RFC 3986 scheme characters).
/// `host:port` alone is not a scheme: it needs the `//`.
fn has_scheme(s: &str) -> bool {
    let Some(i) = s.find("://") else {
        return false;
    };
    let scheme = &s.as_bytes()[..i];
    match scheme.split_first() {
        Some((first, rest)) => {
            first.is_ascii_alphabetic()
                && rest
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        }
        None => false,
    }
}

/// Parses a URL in one of the document's forms.
pub(crate) fn parse(input: &str) -> Result<Url, ErrorEntry> {
    if input.trim().is_empty() {
        return Err(ErrorEntry::of_kind(Kind::BadUrl, "invalid URL: empty"));
    }
    let full = with_scheme(input);
    Url::parse(&full)
        .map_err(|e| ErrorEntry::of_kind(Kind::BadUrl, format!("invalid URL: {e}: {input:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_scheme_means_https() {
        assert_eq!(with_scheme("www.myserver.com"), "https://www.myserver.com");
        assert_eq!(
            with_scheme(" www.myserver.com/path "),
            "https://www.myserver.com/path"
        );
        assert_eq!(with_scheme("127.0.0.1:8083"), "https://127.0.0.1:8083");
        assert_eq!(with_scheme("localhost:8080/x"), "https://localhost:8080/x");
        assert_eq!(with_scheme("//example.com/a"), "https://example.com/a");
        assert_eq!(with_scheme("john:smith@h:1"), "https://john:smith@h:1");
    }

    #[test]
    fn explicit_schemes_are_kept() {
        assert_eq!(
            with_scheme("http://www.myserver.com"),
            "http://www.myserver.com"
        );
        assert_eq!(with_scheme("HTTPS://x/"), "HTTPS://x/");
        assert_eq!(with_scheme("ftp://x/"), "ftp://x/");
    }

    #[test]
    fn document_examples_parse() {
        for (input, host, port) in [
            ("http://www.myserver.com", "www.myserver.com", 80),
            ("www.myserver.com/path", "www.myserver.com", 443),
            (
                "http://www.myserver.com/path?name=\"jones\"",
                "www.myserver.com",
                80,
            ),
            ("https://www.myserver.com/login", "www.myserver.com", 443),
            ("http://123.45.67.89:8083", "123.45.67.89", 8083),
            ("http://john:smith@123.45.67.89:8083", "123.45.67.89", 8083),
            (
                "http://[2001:0db8:0000:0000:0000:ff00:0042:8329]",
                "[2001:db8::ff00:42:8329]",
                80,
            ),
            (
                "http://[2001:0db8:0000:0000:0000:ff00:0042:8329]:8080/index.html",
                "[2001:db8::ff00:42:8329]",
                8080,
            ),
        ] {
            let url = parse(input).unwrap_or_else(|e| panic!("{input}: {}", e.message));
            assert_eq!(url.host_str(), Some(host), "{input}");
            assert_eq!(url.port_or_known_default(), Some(port), "{input}");
        }
        let url = parse("http://john:smith@123.45.67.89:8083").ok();
        assert_eq!(url.as_ref().map(Url::username), Some("john"));
        assert_eq!(url.as_ref().and_then(Url::password), Some("smith"));
    }

    #[test]
    fn bad_urls_are_code_3() {
        for input in ["", "   ", "http://", "http://[::1", "http://exa mple.com/"] {
            let err = parse(input).err();
            assert_eq!(err.map(|e| e.code), Some(3), "{input:?}");
        }
    }
}
