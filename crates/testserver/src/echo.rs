//! The echo endpoints: `/get`, `/post`, `/put`, `/patch`, `/delete`, `/anything`, and the
//! small request-introspection ones (`/headers`, `/user-agent`, `/ip`).

use http::{Method, Response, StatusCode};
use serde_json::{json, Map, Value};

use crate::body::Body;
use crate::forms;
use crate::util::{self, text_or_data_url, Req};

/// Header names with the case they came with, repeated values joined with ", ".
pub(crate) fn headers_object(req: &Req) -> Value {
    let mut map = Map::new();
    let mut push = |name: &str, value: &str| {
        let existing = map.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned();
        match existing {
            Some(key) => {
                if let Some(Value::String(s)) = map.get_mut(&key) {
                    s.push_str(", ");
                    s.push_str(value);
                }
            }
            None => {
                map.insert(name.to_string(), Value::String(value.to_string()));
            }
        }
    };
    if req.version == http::Version::HTTP_2 && !req.headers.contains_key("host") {
        // HTTP/2 carries the host as :authority; show it where HTTP/1 clients see Host.
        if let Some(authority) = req.uri.authority() {
            push("host", authority.as_str());
        }
    }
    if req.raw_headers.is_empty() {
        for (name, value) in &req.headers {
            push(name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
        }
    } else {
        for (name, value) in &req.raw_headers {
            push(name, value);
        }
    }
    Value::Object(map)
}

fn raw_headers_array(req: &Req) -> Value {
    let pairs: Vec<Value> = if req.raw_headers.is_empty() {
        req.headers
            .iter()
            .map(|(n, v)| json!([n.as_str(), String::from_utf8_lossy(v.as_bytes())]))
            .collect()
    } else {
        req.raw_headers.iter().map(|(n, v)| json!([n, v])).collect()
    };
    Value::Array(pairs)
}

pub(crate) fn args_object(req: &Req) -> Value {
    let mut map = Map::new();
    for (k, v) in req.query() {
        forms::push(&mut map, k, Value::String(v));
    }
    Value::Object(map)
}

/// The full echo of a request, httpbin's shape plus `rawHeaders`, `protocol`, `bodyLength`.
pub(crate) fn echo_value(req: &Req) -> Value {
    let parsed = forms::parse(req.header("content-type"), &req.body);
    let parsed_json = serde_json::from_slice::<Value>(&req.body).unwrap_or(Value::Null);
    let mut v = json!({
        "method": req.method.as_str(),
        "url": req.full_url(),
        "path": req.path(),
        "args": args_object(req),
        "headers": headers_object(req),
        "rawHeaders": raw_headers_array(req),
        "data": text_or_data_url(&req.body),
        "form": Value::Object(parsed.form),
        "files": Value::Object(parsed.files),
        "filesMeta": Value::Object(parsed.files_meta),
        "json": parsed_json,
        "origin": req.conn.peer.ip().to_string(),
        "protocol": req.protocol(),
        "bodyLength": req.body.len(),
    });
    if let (Some(cn), Value::Object(map)) = (&req.conn.client_cn, &mut v) {
        map.insert("clientCertCn".into(), Value::String(cn.clone()));
    }
    v
}

pub(crate) fn echo(req: &Req) -> Response<Body> {
    util::json(StatusCode::OK, &echo_value(req))
}

/// `/get` and friends: one method (plus HEAD for GET, and OPTIONS), 405 otherwise.
pub(crate) fn method_echo(req: &Req, allowed: Method) -> Response<Body> {
    let ok = req.method == allowed
        || (allowed == Method::GET && req.method == Method::HEAD)
        || req.method == Method::OPTIONS;
    if !ok {
        let allow = if allowed == Method::GET {
            "GET, HEAD, OPTIONS".to_string()
        } else {
            format!("{allowed}, OPTIONS")
        };
        return util::method_not_allowed(&allow);
    }
    if req.method == Method::OPTIONS {
        let mut res = util::no_body(StatusCode::OK);
        let allow = if allowed == Method::GET {
            "GET, HEAD, OPTIONS".to_string()
        } else {
            format!("{allowed}, OPTIONS")
        };
        util::set_header(&mut res, "allow", &allow);
        return res;
    }
    echo(req)
}

pub(crate) fn headers(req: &Req) -> Response<Body> {
    util::json(StatusCode::OK, &json!({ "headers": headers_object(req) }))
}

pub(crate) fn user_agent(req: &Req) -> Response<Body> {
    util::json(
        StatusCode::OK,
        &json!({ "user-agent": req.header("user-agent") }),
    )
}

pub(crate) fn ip(req: &Req) -> Response<Body> {
    util::json(
        StatusCode::OK,
        &json!({ "origin": req.conn.peer.ip().to_string() }),
    )
}
