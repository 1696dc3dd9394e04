//! Header work of the cache: what is stored, how a `304` updates it, and
//! the validators of a conditional request.

use std::time::SystemTime;

use http::header::{
    AGE, CONNECTION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_RANGE, DATE, ETAG,
    IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, PROXY_AUTHENTICATE, PROXY_AUTHORIZATION, TE,
    TRAILER, TRANSFER_ENCODING, UPGRADE,
};
use http::{HeaderMap, HeaderName, HeaderValue};

use super::date;

/// `If-None-Match` from `ETag`, `If-Modified-Since` from `Last-Modified`.
pub(crate) fn validators(stored: &HeaderMap) -> HeaderMap {
    let mut out = HeaderMap::new();
    if let Some(etag) = stored.get(ETAG) {
        out.insert(IF_NONE_MATCH, etag.clone());
    }
    if let Some(modified) = stored.get(LAST_MODIFIED) {
        out.insert(IF_MODIFIED_SINCE, modified.clone());
    }
    out
}

/// RFC 9111 §4.3.4: a 304 applies to the stored response unless its
/// validators say it describes another one.
pub(crate) fn validators_agree(stored: &HeaderMap, fresh: &HeaderMap) -> bool {
    if let Some(new) = fresh.get(ETAG) {
        return stored
            .get(ETAG)
            .is_some_and(|old| opaque_tag(old) == opaque_tag(new));
    }
    match (stored.get(LAST_MODIFIED), fresh.get(LAST_MODIFIED)) {
        (Some(old), Some(new)) => {
            let parse = |v: &HeaderValue| v.to_str().ok().and_then(date::parse_http_date);
            match (parse(old), parse(new)) {
                (Some(a), Some(b)) => a == b,
                _ => old == new,
            }
        }
        _ => true,
    }
}

/// The entity tag without its weakness marker (weak comparison, RFC 9110 §8.8.3.2).
fn opaque_tag(v: &HeaderValue) -> &[u8] {
    let b = v.as_bytes().trim_ascii();
    b.strip_prefix(b"W/").unwrap_or(b)
}

/// Fields that describe one connection, not the response (RFC 9111 §3.1),
/// plus those named in `Connection`.
fn hop_by_hop(headers: &HeaderMap) -> Vec<HeaderName> {
    let mut names = vec![
        CONNECTION,
        HeaderName::from_static("keep-alive"),
        HeaderName::from_static("proxy-connection"),
        PROXY_AUTHENTICATE,
        PROXY_AUTHORIZATION,
        TE,
        TRAILER,
        TRANSFER_ENCODING,
        UPGRADE,
    ];
    for line in headers.get_all(CONNECTION) {
        for item in line.as_bytes().split(|b| *b == b',') {
            if let Ok(name) = HeaderName::from_bytes(item.trim_ascii()) {
                names.push(name);
            }
        }
    }
    names
}

/// The headers to store: without hop-by-hop fields, with a `Date` (RFC 9110
/// §6.6.1: a recipient with a clock dates an undated response it caches).
pub(crate) fn stored_headers(headers: &HeaderMap, response_time: SystemTime) -> HeaderMap {
    let mut out = headers.clone();
    for name in hop_by_hop(headers) {
        out.remove(name);
    }
    if !out.contains_key(DATE) {
        insert_date(&mut out, response_time);
    }
    out
}

fn insert_date(headers: &mut HeaderMap, at: SystemTime) {
    if let Ok(v) = HeaderValue::from_str(&date::format_http_date(at)) {
        headers.insert(DATE, v);
    }
}

/// RFC 9111 §3.2: the 304's fields replace the stored ones, except framing
/// and those describing the stored body as it was decoded (an updated
/// `Content-Encoding` would contradict the bytes we hold).
pub(crate) fn merged_headers(
    stored: &HeaderMap,
    fresh: &HeaderMap,
    response_time: SystemTime,
) -> HeaderMap {
    let mut out = stored.clone();
    let mut keep = hop_by_hop(fresh);
    keep.extend([CONTENT_LENGTH, CONTENT_ENCODING, CONTENT_RANGE]);
    let mut replaced: Vec<&HeaderName> = Vec::new();
    for (name, value) in fresh {
        if keep.contains(name) {
            continue;
        }
        if !replaced.contains(&name) {
            out.remove(name);
            replaced.push(name);
        }
        out.append(name.clone(), value.clone());
    }
    // The stored Age and Date described the old response; this one restarts the clock.
    if !fresh.contains_key(AGE) {
        out.remove(AGE);
    }
    if !fresh.contains_key(DATE) {
        insert_date(&mut out, response_time);
    }
    out
}
