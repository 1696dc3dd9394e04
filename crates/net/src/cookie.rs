//! The cookie-jar hook: a store the engine asks for every hop's `Cookie`
//! header and tells about every hop's `Set-Cookie` values, so that cookies
//! set by a redirect response are sent on the next hop.

use std::fmt;

use http::HeaderValue;
use url::Url;

/// A cookie store consulted on every hop of a request (redirects and
/// authentication retries included). The engine parses no cookie itself:
/// matching (domain, path, `Secure`, expiry) is the store's business.
///
/// Called on the task that runs the request, while it is polled; keep the
/// calls short (no blocking I/O).
///
/// Merge rule with a `Cookie` header of the request itself: until the first
/// redirect is followed, that header is sent as given and the jar is not
/// asked; after a redirect, on hops to the first hop's origin (where the
/// request's `Cookie` is still sent) the jar's value is appended to it after
/// `"; "` in one header, and on other origins the jar's value is sent alone.
/// Without a `Cookie` header of its own, every hop sends the jar's value.
pub trait CookieJar: Send + Sync {
    /// The `Cookie` header value for a request to `url`, or `None` to send
    /// no cookie.
    fn cookies(&self, url: &Url) -> Option<HeaderValue>;

    /// Records the `Set-Cookie` values of a response from `url`, in the order
    /// received. Called only for responses that carry at least one.
    fn store(&self, url: &Url, set_cookies: &mut dyn Iterator<Item = &HeaderValue>);
}

impl fmt::Debug for dyn CookieJar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CookieJar")
    }
}

/// `own; jar` as one header value (the values came from valid headers, so
/// the join is one too; if not, the request's own value stands).
pub(crate) fn merge<'a>(
    own: impl Iterator<Item = &'a HeaderValue>,
    jar: &'a HeaderValue,
) -> Option<HeaderValue> {
    let mut out: Vec<u8> = Vec::new();
    for value in own.chain(std::iter::once(jar)) {
        let bytes = value.as_bytes();
        let bytes = bytes.strip_suffix(b";").unwrap_or(bytes);
        if bytes.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.extend_from_slice(b"; ");
        }
        out.extend_from_slice(bytes);
    }
    HeaderValue::from_bytes(&out).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn merge_joins_with_semicolons_in_one_value() {
        let own = [
            HeaderValue::from_static("a=1"),
            HeaderValue::from_static("b=2;"),
        ];
        let jar = HeaderValue::from_static("c=3");
        assert_eq!(merge(own.iter(), &jar).unwrap(), "a=1; b=2; c=3");
        assert_eq!(merge([].iter(), &jar).unwrap(), "c=3");
    }
}
