//! A client's cookie store (`cookieSpec`): what Apache HttpClient's
//! `BasicCookieStore` does for a Dirigible client, after RFC 6265.
//!
//! Cookies come from `Set-Cookie` on every response of the client, and go
//! back in one `Cookie` header on later requests whose host, path and
//! scheme match. The store is bounded: past [`MAX_COOKIES`] the oldest go.
//!
//! [`SharedJar`] hands the store to the engine as its per-request
//! [`jsrun_net::CookieJar`], so it is asked and told on every hop of a
//! followed redirect, as Apache's cookie store is.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use http::HeaderValue;
use url::Url;

/// The most cookies one client keeps.
pub(crate) const MAX_COOKIES: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Cookie {
    name: String,
    value: String,
    /// Lower case, without a leading dot.
    domain: String,
    /// No `Domain` attribute: only this exact host gets it back.
    host_only: bool,
    path: String,
    secure: bool,
    expires: Option<SystemTime>,
}

/// The cookies of one client.
#[derive(Debug, Default)]
pub(crate) struct CookieJar {
    cookies: Vec<Cookie>,
}

impl CookieJar {
    /// Records one `Set-Cookie` value received from `url`. Values that do
    /// not parse, or name a domain `url` is not part of, are ignored.
    pub(crate) fn store(&mut self, url: &Url, set_cookie: &str) {
        self.store_at(url, set_cookie, SystemTime::now());
    }

    fn store_at(&mut self, url: &Url, set_cookie: &str, now: SystemTime) {
        let Some(host) = url.host_str().map(str::to_ascii_lowercase) else {
            return;
        };
        let mut parts = set_cookie.split(';');
        let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
            return;
        };
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let mut cookie = Cookie {
            name: name.to_owned(),
            value: value.trim().trim_matches('"').to_owned(),
            domain: host.clone(),
            host_only: true,
            path: default_path(url.path()),
            secure: false,
            expires: None,
        };
        let mut max_age: Option<i64> = None;
        let mut expires: Option<SystemTime> = None;
        for attr in parts {
            let (key, val) = match attr.split_once('=') {
                Some((k, v)) => (k.trim(), v.trim()),
                None => (attr.trim(), ""),
            };
            if key.eq_ignore_ascii_case("domain") {
                let d = val.trim_start_matches('.').to_ascii_lowercase();
                if d.is_empty() {
                    continue;
                }
                // A cookie for a domain the host is not part of would let one
                // site set cookies for another: refused, as browsers do.
                if !domain_match(&host, &d) || (d != host && is_ip(&host)) {
                    return;
                }
                cookie.domain = d;
                cookie.host_only = false;
            } else if key.eq_ignore_ascii_case("path") {
                if val.starts_with('/') {
                    cookie.path = val.to_owned();
                }
            } else if key.eq_ignore_ascii_case("secure") {
                cookie.secure = true;
            } else if key.eq_ignore_ascii_case("max-age") {
                max_age = val.parse().ok();
            } else if key.eq_ignore_ascii_case("expires") {
                expires = parse_date(val);
            }
        }
        cookie.expires = match max_age {
            Some(secs) if secs <= 0 => Some(SystemTime::UNIX_EPOCH),
            Some(secs) => now.checked_add(Duration::from_secs(secs.unsigned_abs())),
            None => expires,
        };
        self.cookies.retain(|c| {
            !(c.name == cookie.name && c.domain == cookie.domain && c.path == cookie.path)
        });
        if cookie.expires.is_some_and(|t| t <= now) {
            return; // an expired cookie deletes the one it replaces
        }
        if self.cookies.len() >= MAX_COOKIES {
            self.cookies.remove(0);
        }
        self.cookies.push(cookie);
    }

    /// The `Cookie` header value for a request to `url`, if any cookie matches.
    pub(crate) fn header_for(&mut self, url: &Url) -> Option<String> {
        self.header_at(url, SystemTime::now())
    }

    fn header_at(&mut self, url: &Url, now: SystemTime) -> Option<String> {
        if self.cookies.is_empty() {
            return None;
        }
        self.cookies.retain(|c| c.expires.is_none_or(|t| t > now));
        let host = url.host_str()?.to_ascii_lowercase();
        let path = url.path();
        let https = url.scheme() == "https";
        let mut matching: Vec<&Cookie> = self
            .cookies
            .iter()
            .filter(|c| {
                (if c.host_only {
                    c.domain == host
                } else {
                    domain_match(&host, &c.domain)
                }) && path_match(path, &c.path)
                    && (https || !c.secure)
            })
            .collect();
        if matching.is_empty() {
            return None;
        }
        // RFC 6265 §5.4: longer paths first; the sort is stable, so older
        // cookies stay ahead of newer ones with the same path length.
        matching.sort_by_key(|c| std::cmp::Reverse(c.path.len()));
        let mut out = String::new();
        for (i, c) in matching.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            out.push_str(&c.name);
            out.push('=');
            out.push_str(&c.value);
        }
        Some(out)
    }

    /// How many cookies are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.cookies.len()
    }
}

/// One client's store, shared with the engine's tasks (they run on the JS
/// thread, but the engine's hook must be `Send + Sync`).
#[derive(Debug, Default)]
pub(crate) struct SharedJar(Mutex<CookieJar>);

impl SharedJar {
    /// The store. A poisoned lock (a panic elsewhere while it was held)
    /// still gives the cookies: they are plain data, never half-written.
    fn lock(&self) -> MutexGuard<'_, CookieJar> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl jsrun_net::CookieJar for SharedJar {
    fn cookies(&self, url: &Url) -> Option<HeaderValue> {
        let text = self.lock().header_for(url)?;
        // Names and values came from valid header text; a value that is
        // not (a server's Latin-1 bytes decoded lossily) is left out rather
        // than failing the request.
        HeaderValue::from_str(&text).ok()
    }

    fn store(&self, url: &Url, set_cookies: &mut dyn Iterator<Item = &HeaderValue>) {
        let mut jar = self.lock();
        for value in set_cookies {
            if let Ok(text) = value.to_str() {
                jar.store(url, text);
            }
        }
    }
}

fn is_ip(host: &str) -> bool {
    host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok()
}

fn domain_match(host: &str, domain: &str) -> bool {
    host == domain
        || (host.len() > domain.len()
            && host.ends_with(domain)
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.')
}

fn path_match(request: &str, cookie: &str) -> bool {
    request == cookie
        || (request.starts_with(cookie)
            && (cookie.ends_with('/') || request.as_bytes().get(cookie.len()) == Some(&b'/')))
}

/// RFC 6265 §5.1.4: the request path up to its last `/`, or `/`.
fn default_path(path: &str) -> String {
    match path.rfind('/') {
        Some(0) | None => "/".to_owned(),
        Some(i) => path[..i].to_owned(),
    }
}

/// `Expires` in the forms servers send: IMF-fixdate, RFC 850, asctime, and
/// the Netscape form with dashes (`Wed, 09-Jun-2021 10:18:14 GMT`).
fn parse_date(s: &str) -> Option<SystemTime> {
    httpdate::parse_http_date(s)
        .ok()
        .or_else(|| httpdate::parse_http_date(&s.replace('-', " ")).ok())
}

#[cfg(test)]
mod tests;
