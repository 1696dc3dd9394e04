//! Caching endpoints: `/cache`, `/cache/N`, `/etag/E`, `/response-headers`. Each answer
//! carries `X-Served-Count`, a per-server counter, so a test sees whether a request reached
//! the server or was served from a client cache.

use std::time::SystemTime;

use http::{Response, StatusCode};
use serde_json::{Map, Value};

use crate::body::Body;
use crate::echo;
use crate::forms;
use crate::util::{self, Req};

fn counted(req: &Req, mut res: Response<Body>) -> Response<Body> {
    let n = req.conn.state.next_cache_count();
    util::set_header(&mut res, "x-served-count", &n.to_string());
    res
}

/// `/cache`: 304 when the request is conditional, else 200 with Last-Modified and ETag.
pub(crate) fn cache(req: &Req) -> Response<Body> {
    let conditional =
        req.headers.contains_key("if-modified-since") || req.headers.contains_key("if-none-match");
    let res = if conditional {
        util::no_body(StatusCode::NOT_MODIFIED)
    } else {
        let mut res = echo::echo(req);
        util::set_header(
            &mut res,
            "last-modified",
            &util::http_date(SystemTime::now()),
        );
        let etag = format!("\"{}\"", req.conn.state.random_hex(16));
        util::set_header(&mut res, "etag", &etag);
        res
    };
    counted(req, res)
}

/// `/cache/N`: `Cache-Control: public, max-age=N`.
pub(crate) fn cache_n(req: &Req, n: &str) -> Response<Body> {
    let Ok(n) = n.parse::<u64>() else {
        return util::bad_request("invalid max-age");
    };
    let mut res = echo::echo(req);
    util::set_header(&mut res, "cache-control", &format!("public, max-age={n}"));
    counted(req, res)
}

fn bare_tag(t: &str) -> &str {
    let t = t.trim();
    let t = t.strip_prefix("W/").unwrap_or(t);
    t.trim_matches('"')
}

fn matches(list: &str, etag: &str) -> bool {
    list.split(',')
        .any(|t| t.trim() == "*" || bare_tag(t) == etag)
}

/// `/etag/E`: 304 when If-None-Match matches, 412 when If-Match does not, else 200.
pub(crate) fn etag(req: &Req, tag: &str) -> Response<Body> {
    let tag = bare_tag(tag).to_string();
    let quoted = format!("\"{tag}\"");
    let res = if req
        .header("if-none-match")
        .is_some_and(|l| matches(l, &tag))
    {
        let mut res = util::no_body(StatusCode::NOT_MODIFIED);
        util::set_header(&mut res, "etag", &quoted);
        res
    } else if req.header("if-match").is_some_and(|l| !matches(l, &tag)) {
        util::no_body(StatusCode::PRECONDITION_FAILED)
    } else {
        let mut res = echo::echo(req);
        util::set_header(&mut res, "etag", &quoted);
        res
    };
    counted(req, res)
}

/// Whether a conditional GET/HEAD may be answered 304, given the validators the response
/// would carry: If-None-Match against the ETag first, else If-Modified-Since against
/// Last-Modified (RFC 9110 §13.2.2).
fn not_modified(req: &Req, etag: Option<&str>, last_modified: Option<&str>) -> bool {
    if let Some(inm) = req.header("if-none-match") {
        return etag.is_some_and(|e| matches(inm, bare_tag(e)));
    }
    match (req.header("if-modified-since"), last_modified) {
        (Some(ims), Some(lm)) => match (util::parse_http_date(ims), util::parse_http_date(lm)) {
            (Some(ims), Some(lm)) => lm <= ims,
            _ => ims.trim() == lm.trim(),
        },
        _ => false,
    }
}

/// `/response-headers?Name=Value&…`, any method: each pair becomes a response header
/// (repeats kept); the body echoes them. A `Content-Type` pair replaces the JSON type.
/// When the pairs include `ETag` or `Last-Modified`, a matching conditional request gets
/// 304 with the same headers, so revalidation scenarios can be built too.
pub(crate) fn response_headers(req: &Req) -> Response<Body> {
    let pairs = req.query();
    let find = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let conditional_method = req.method == http::Method::GET || req.method == http::Method::HEAD;
    let mut res = if conditional_method && not_modified(req, find("etag"), find("last-modified")) {
        util::no_body(StatusCode::NOT_MODIFIED)
    } else {
        let mut map = Map::new();
        for (k, v) in &pairs {
            forms::push(&mut map, k.clone(), Value::String(v.clone()));
        }
        util::json(StatusCode::OK, &Value::Object(map))
    };
    let mut content_type_set = false;
    for (k, v) in &pairs {
        // Framing headers would corrupt the response itself: leave them to hyper.
        let framing = ["content-length", "transfer-encoding", "connection"];
        if framing.iter().any(|f| k.eq_ignore_ascii_case(f)) {
            continue;
        }
        if k.eq_ignore_ascii_case("content-type") && !content_type_set {
            util::set_header(&mut res, k, v);
            content_type_set = true;
        } else {
            util::add_header(&mut res, k, v);
        }
    }
    counted(req, res)
}
