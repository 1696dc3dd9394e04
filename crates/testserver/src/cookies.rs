//! `/cookies`, `/cookies/set`, `/cookies/set/NAME/VALUE`, `/cookies/set-many`,
//! `/cookies/delete`.

use http::{Response, StatusCode};
use serde_json::{json, Map, Value};

use crate::body::Body;
use crate::util::{self, Req};

/// The cookies the client sent, from every `Cookie` header.
fn request_cookies(req: &Req) -> Map<String, Value> {
    let mut map = Map::new();
    for value in req.headers.get_all("cookie") {
        let Ok(value) = value.to_str() else { continue };
        for pair in value.split(';') {
            let pair = pair.trim();
            if pair.is_empty() {
                continue;
            }
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            map.insert(k.trim().to_string(), Value::String(v.trim().to_string()));
        }
    }
    map
}

pub(crate) fn list(req: &Req) -> Response<Body> {
    util::json(
        StatusCode::OK,
        &json!({ "cookies": Value::Object(request_cookies(req)) }),
    )
}

/// `/cookies/set?a=1&b=2`: one `Set-Cookie` per pair, then 302 to `/cookies`.
pub(crate) fn set(req: &Req) -> Response<Body> {
    let mut res = util::redirect(StatusCode::FOUND, "/cookies");
    for (k, v) in req.query() {
        util::add_header(&mut res, "set-cookie", &format!("{k}={v}; Path=/"));
    }
    res
}

pub(crate) fn set_one(name: &str, value: &str) -> Response<Body> {
    let mut res = util::redirect(StatusCode::FOUND, "/cookies");
    util::add_header(&mut res, "set-cookie", &format!("{name}={value}; Path=/"));
    res
}

/// Several cookies with attributes in one 200 response (plus any `?name=value` pairs).
pub(crate) fn set_many(req: &Req) -> Response<Body> {
    let mut cookies = vec![
        "session=abc123; Path=/; HttpOnly".to_string(),
        "theme=dark; Path=/; Max-Age=3600; SameSite=Lax".to_string(),
        "lang=en; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Secure".to_string(),
    ];
    for (k, v) in req.query() {
        cookies.push(format!("{k}={v}; Path=/"));
    }
    let mut res = util::json(StatusCode::OK, &json!({ "set": cookies }));
    for c in &cookies {
        util::add_header(&mut res, "set-cookie", c);
    }
    res
}

/// `/cookies/delete?a&b`: expires each named cookie, then 302 to `/cookies`.
pub(crate) fn delete(req: &Req) -> Response<Body> {
    let mut res = util::redirect(StatusCode::FOUND, "/cookies");
    for (k, _) in req.query() {
        util::add_header(
            &mut res,
            "set-cookie",
            &format!("{k}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"),
        );
    }
    res
}
