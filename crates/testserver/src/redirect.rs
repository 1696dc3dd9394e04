//! `/status/N` and the redirect endpoints.

use http::{Response, StatusCode};

use crate::body::Body;
use crate::util::{self, Req};

/// `/status/N[?body=text]`, any method: 3xx point at `/get`, 204/304 carry no body.
pub(crate) fn status(req: &Req, code: &str) -> Response<Body> {
    let Some(status) = code
        .parse::<u16>()
        .ok()
        .filter(|c| (200..=999).contains(c))
        .and_then(|c| StatusCode::from_u16(c).ok())
    else {
        return util::bad_request("invalid status code");
    };
    let mut res = match (status.as_u16(), req.arg("body")) {
        (204 | 304, _) | (_, None) => util::no_body(status),
        (_, Some(text)) => util::respond(status, "text/plain; charset=utf-8", text),
    };
    *res.status_mut() = status;
    match status.as_u16() {
        300..=399 if status != StatusCode::NOT_MODIFIED => {
            util::set_header(&mut res, "location", "/get");
        }
        401 => util::set_header(&mut res, "www-authenticate", "Basic realm=\"Fake Realm\""),
        407 => util::set_header(&mut res, "proxy-authenticate", "Basic realm=\"Fake Realm\""),
        _ => {}
    }
    res
}

fn count(n: &str) -> Option<u32> {
    n.parse::<u32>().ok().filter(|n| (1..=1000).contains(n))
}

/// `/redirect/N`: N 302s through `/relative-redirect`, ending at `/get`;
/// `?absolute=true` uses absolute URLs instead.
pub(crate) fn redirect_n(req: &Req, n: &str) -> Response<Body> {
    let Some(n) = count(n) else {
        return util::bad_request("invalid redirect count");
    };
    if req.arg("absolute").as_deref() == Some("true") {
        return absolute(req, n);
    }
    relative(n)
}

pub(crate) fn relative_redirect(n: &str) -> Response<Body> {
    match count(n) {
        Some(n) => relative(n),
        None => util::bad_request("invalid redirect count"),
    }
}

pub(crate) fn absolute_redirect(req: &Req, n: &str) -> Response<Body> {
    match count(n) {
        Some(n) => absolute(req, n),
        None => util::bad_request("invalid redirect count"),
    }
}

fn relative(n: u32) -> Response<Body> {
    let to = if n == 1 {
        "/get".to_string()
    } else {
        format!("/relative-redirect/{}", n - 1)
    };
    util::redirect(StatusCode::FOUND, &to)
}

fn absolute(req: &Req, n: u32) -> Response<Body> {
    let base = format!("{}://{}", req.conn.scheme, req.authority());
    let to = if n == 1 {
        format!("{base}/get")
    } else {
        format!("{base}/absolute-redirect/{}", n - 1)
    };
    util::redirect(StatusCode::FOUND, &to)
}

/// `/redirect-to?url=U&status_code=C`, any method; C defaults to 302.
pub(crate) fn redirect_to(req: &Req) -> Response<Body> {
    let Some(url) = req.arg("url") else {
        return util::bad_request("missing url");
    };
    let code = match req.arg("status_code") {
        None => 302,
        Some(c) => match c.parse::<u16>() {
            Ok(c) if (300..400).contains(&c) => c,
            _ => return util::bad_request("status_code must be 3xx"),
        },
    };
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::FOUND);
    util::redirect(status, &url)
}

pub(crate) fn redirect_loop() -> Response<Body> {
    util::redirect(StatusCode::FOUND, "/redirect-loop")
}

pub(crate) fn redirect_cycle(which: &str) -> Response<Body> {
    match which {
        "a" => util::redirect(StatusCode::FOUND, "/redirect-cycle/b"),
        "b" => util::redirect(StatusCode::FOUND, "/redirect-cycle/a"),
        _ => util::not_found(),
    }
}
