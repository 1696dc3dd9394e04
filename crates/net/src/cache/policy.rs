//! What may be stored and for how long (RFC 9111 §3 and §4.2), as a private cache.

use std::time::{Duration, SystemTime};

use http::header::{AGE, AUTHORIZATION, CACHE_CONTROL, DATE, ETAG, EXPIRES, LAST_MODIFIED, PRAGMA};
use http::{HeaderMap, Method, StatusCode};

use super::date::parse_http_date;
use super::vary;

/// The largest delta-seconds a cache needs to represent (RFC 9111 §1.2.2).
const MAX_DELTA: u64 = 1 << 31;

/// Heuristic freshness never exceeds a day (RFC 9111 §4.2.2 suggests a cap).
const MAX_HEURISTIC: Duration = Duration::from_secs(24 * 3600);

/// Statuses a cache may store (the heuristically cacheable ones, RFC 9110 §15.1).
const STORABLE: [u16; 11] = [200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501];

/// A delta-seconds directive value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Secs {
    /// The directive is not there.
    #[default]
    Absent,
    /// The directive, with its value (saturated at 2^31).
    Valid(u64),
    /// The directive with an unparsable value, or repeated with different
    /// values: the response counts as stale (RFC 9111 §4.2.1).
    Invalid,
}

impl Secs {
    fn merge(self, next: Secs) -> Secs {
        match (self, next) {
            (Secs::Absent, n) => n,
            (Secs::Valid(a), Secs::Valid(b)) if a == b => self,
            _ => Secs::Invalid,
        }
    }
}

/// The `Cache-Control` directives this cache acts on, request or response.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CacheControl {
    pub(crate) present: bool,
    pub(crate) no_store: bool,
    pub(crate) no_cache: bool,
    pub(crate) public: bool,
    pub(crate) private: bool,
    pub(crate) must_revalidate: bool,
    pub(crate) immutable: bool,
    pub(crate) max_age: Secs,
    pub(crate) s_maxage: Secs,
    pub(crate) min_fresh: Secs,
    /// `max-stale` with no value accepts any staleness: `Valid(u64::MAX)`.
    pub(crate) max_stale: Secs,
}

impl CacheControl {
    /// Every `Cache-Control` line of `headers`, directives case-insensitive,
    /// quoted values accepted. Unknown directives are ignored.
    pub(crate) fn parse(headers: &HeaderMap) -> CacheControl {
        let mut cc = CacheControl::default();
        for line in headers.get_all(CACHE_CONTROL) {
            cc.present = true;
            let text = String::from_utf8_lossy(line.as_bytes());
            for directive in split_list(&text) {
                let (name, value) = match directive.split_once('=') {
                    Some((n, v)) => (n.trim(), Some(unquote(v.trim()))),
                    None => (directive.trim(), None),
                };
                let name = name.to_ascii_lowercase();
                let secs = || value.as_deref().map_or(Secs::Invalid, delta_seconds);
                match name.as_str() {
                    "no-store" => cc.no_store = true,
                    // The qualified form (`no-cache="Set-Cookie"`) is treated as the
                    // unqualified one: always revalidating is the safe reading.
                    "no-cache" => cc.no_cache = true,
                    "public" => cc.public = true,
                    "private" => cc.private = true,
                    "must-revalidate" => cc.must_revalidate = true,
                    "immutable" => cc.immutable = true,
                    "max-age" => cc.max_age = cc.max_age.merge(secs()),
                    "s-maxage" => cc.s_maxage = cc.s_maxage.merge(secs()),
                    "min-fresh" => cc.min_fresh = cc.min_fresh.merge(secs()),
                    "max-stale" => {
                        let v = value
                            .as_deref()
                            .map_or(Secs::Valid(u64::MAX), delta_seconds);
                        cc.max_stale = cc.max_stale.merge(v);
                    }
                    _ => {}
                }
            }
        }
        cc
    }
}

/// Splits a comma-separated list, keeping commas inside quoted strings.
fn split_list(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn unquote(v: &str) -> String {
    match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => inner.replace("\\\"", "\"").replace("\\\\", "\\"),
        None => v.to_string(),
    }
}

fn delta_seconds(v: &str) -> Secs {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Secs::Invalid;
    }
    // All digits: the only parse failure left is overflow, which saturates.
    Secs::Valid(v.parse::<u64>().map_or(MAX_DELTA, |n| n.min(MAX_DELTA)))
}

/// `Pragma: no-cache`, which counts only when there is no `Cache-Control`
/// (RFC 9111 §5.4).
pub(crate) fn pragma_no_cache(headers: &HeaderMap, cc: &CacheControl) -> bool {
    !cc.present
        && headers.get_all(PRAGMA).iter().any(|v| {
            String::from_utf8_lossy(v.as_bytes())
                .split(',')
                .any(|d| d.trim().eq_ignore_ascii_case("no-cache"))
        })
}

/// Whether the stored response must be revalidated before every use.
pub(crate) fn always_revalidate(headers: &HeaderMap) -> bool {
    let cc = CacheControl::parse(headers);
    cc.no_cache || pragma_no_cache(headers, &cc)
}

/// The one value of a header that must not repeat: `Err` when it does with
/// different values (RFC 9111 §4.2.1 lets a cache treat that as stale).
fn single<'a>(headers: &'a HeaderMap, name: &http::HeaderName) -> Result<Option<&'a str>, ()> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.any(|v| v != first) {
        return Err(());
    }
    first.to_str().map(|s| Some(s.trim())).map_err(|_| ())
}

/// The date a header names, if present and valid.
fn date_of(headers: &HeaderMap, name: &http::HeaderName) -> Option<SystemTime> {
    single(headers, name)
        .ok()
        .flatten()
        .and_then(parse_http_date)
}

/// Whether the response carries a validator: `ETag` or `Last-Modified`.
pub(crate) fn has_validator(headers: &HeaderMap) -> bool {
    headers.contains_key(ETAG) || headers.contains_key(LAST_MODIFIED)
}

/// Why a response is not stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Only GET responses are stored.
    Method,
    /// The status is not one a cache may store.
    Status,
    /// `no-store` on the request.
    RequestNoStore,
    /// `no-store` on the response.
    NoStore,
    /// The request carried `Authorization` and the response did not allow sharing it.
    Authorization,
    /// `Vary: *` (or an unparsable Vary) can never be matched.
    VaryStar,
    /// No freshness and no validator: it could never be reused.
    Useless,
}

/// RFC 9111 §3: may this response to this request be stored?
pub(crate) fn storable(
    method: &Method,
    request: &HeaderMap,
    status: StatusCode,
    response: &HeaderMap,
    response_time: SystemTime,
) -> Result<(), Refusal> {
    if method != Method::GET {
        return Err(Refusal::Method);
    }
    if !STORABLE.contains(&status.as_u16()) {
        return Err(Refusal::Status);
    }
    if CacheControl::parse(request).no_store {
        return Err(Refusal::RequestNoStore);
    }
    let cc = CacheControl::parse(response);
    if cc.no_store {
        return Err(Refusal::NoStore);
    }
    // §3.5: these are the directives that let a cache reuse an authenticated response.
    let shareable = cc.public || cc.must_revalidate || cc.s_maxage != Secs::Absent;
    if request.contains_key(AUTHORIZATION) && !shareable {
        return Err(Refusal::Authorization);
    }
    if vary::names(response).is_none() {
        return Err(Refusal::VaryStar);
    }
    let revalidate_only = cc.no_cache || pragma_no_cache(response, &cc);
    let reusable = has_validator(response)
        || (!revalidate_only && !freshness_lifetime(response, response_time).is_zero());
    if !reusable {
        return Err(Refusal::Useless);
    }
    Ok(())
}

/// RFC 9111 §4.2.1: how long the response stays fresh. `max-age` first
/// (`s-maxage` is for shared caches and ignored here), then `Expires - Date`,
/// then 10% of `Date - Last-Modified` capped at a day. A response without a
/// `Date` is dated `response_time`.
pub(crate) fn freshness_lifetime(headers: &HeaderMap, response_time: SystemTime) -> Duration {
    let cc = CacheControl::parse(headers);
    match cc.max_age {
        Secs::Valid(n) => return Duration::from_secs(n),
        Secs::Invalid => return Duration::ZERO,
        Secs::Absent => {}
    }
    let date = date_of(headers, &DATE).unwrap_or(response_time);
    if headers.contains_key(EXPIRES) {
        // An invalid Expires (e.g. "0") means already expired (RFC 9111 §5.3).
        return date_of(headers, &EXPIRES)
            .and_then(|expires| expires.duration_since(date).ok())
            .unwrap_or(Duration::ZERO);
    }
    // Every storable status is heuristically cacheable, so the heuristic applies.
    date_of(headers, &LAST_MODIFIED)
        .and_then(|modified| date.duration_since(modified).ok())
        .map_or(Duration::ZERO, |span| (span / 10).min(MAX_HEURISTIC))
}

/// RFC 9111 §4.2.3: the current age of a stored response at `now`.
pub(crate) fn current_age(
    headers: &HeaderMap,
    request_time: SystemTime,
    response_time: SystemTime,
    now: SystemTime,
) -> Duration {
    let date = date_of(headers, &DATE).unwrap_or(response_time);
    let age_value = match single(headers, &AGE) {
        Ok(Some(v)) => match delta_seconds(v) {
            Secs::Valid(n) => Duration::from_secs(n),
            _ => Duration::ZERO,
        },
        _ => Duration::ZERO,
    };
    let apparent_age = response_time.duration_since(date).unwrap_or_default();
    let response_delay = response_time
        .duration_since(request_time)
        .unwrap_or_default();
    let corrected_age_value = age_value.saturating_add(response_delay);
    let corrected_initial_age = apparent_age.max(corrected_age_value);
    let resident_time = now.duration_since(response_time).unwrap_or_default();
    corrected_initial_age.saturating_add(resident_time)
}

/// What a lookup may do with a stored response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Use {
    /// Serve it as it is.
    Fresh,
    /// Ask the server first (conditional request).
    Revalidate,
}

/// RFC 9111 §4.2 and §5.2.1: may the stored response (`headers`, whose
/// lifetime and current age are given) answer a request with `request`
/// headers without asking the server?
pub(crate) fn usable(
    request: &HeaderMap,
    headers: &HeaderMap,
    lifetime: Duration,
    age: Duration,
) -> Use {
    if always_revalidate(headers) {
        return Use::Revalidate;
    }
    let req = CacheControl::parse(request);
    if req.no_cache || pragma_no_cache(request, &req) {
        return Use::Revalidate;
    }
    let resp = CacheControl::parse(headers);
    let fresh = lifetime > age;
    // `immutable` (RFC 8246): a fresh response is not revalidated on reload
    // (request max-age / min-fresh); only an explicit no-cache forces it.
    if fresh && resp.immutable {
        return Use::Fresh;
    }
    match req.max_age {
        Secs::Valid(0) | Secs::Invalid => return Use::Revalidate,
        Secs::Valid(n) if age.as_secs() > n => return Use::Revalidate,
        _ => {}
    }
    match req.min_fresh {
        Secs::Invalid => return Use::Revalidate,
        Secs::Valid(n) if lifetime < age.saturating_add(Duration::from_secs(n)) => {
            return Use::Revalidate
        }
        _ => {}
    }
    if fresh {
        return Use::Fresh;
    }
    // Stale: served only when the client said it accepts that much staleness
    // and the server did not forbid it.
    if let Secs::Valid(max_stale) = req.max_stale {
        let staleness = age.saturating_sub(lifetime);
        if !resp.must_revalidate && staleness.as_secs() <= max_stale {
            return Use::Fresh;
        }
    }
    Use::Revalidate
}
