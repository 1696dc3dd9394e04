//! What a request sends: `extraData` as body or query, `header`,
//! `multiFormDataList`, and curl's default headers.

use std::collections::BTreeMap;

use boa_engine::object::builtins::{JsArray, JsArrayBuffer, JsTypedArray};
use boa_engine::property::PropertyKey;
use boa_engine::{Context, JsObject, JsResult, JsValue};
use jsrun_net::bytes::Bytes;
use jsrun_net::http::{HeaderName, HeaderValue};
use jsrun_net::{Body, Part, PartSource, Request};
use jsrun_runtime::get_fast;

use crate::error::Failure;
use crate::options::{method_for_get, method_for_post, prop_string, Raw};
use crate::state::ModuleState;
use crate::strings;

/// curl's `User-Agent` when the request sets none (netstack passes
/// `HTTP_DEFAULT_USER_AGENT`).
const USER_AGENT: &str = "libcurl-agent/1.0";

/// The body and headers of a request, before they go into the [`Request`].
pub(crate) struct BodyParts {
    /// `header` with lower-case names, sorted and unique as netstack's
    /// `std::map` keeps them.
    headers: BTreeMap<String, String>,
    body: Option<Bytes>,
    multipart: Option<Vec<Part>>,
}

/// Reads `extraData`, `header` and `multiFormDataList`; a query from
/// `extraData` is appended to `url`.
///
/// `Ok(Err(_))` is the 401 failure when `extraData` cannot be a body (an
/// empty string, a number, …); `Err` an exception thrown by a user getter.
pub(crate) fn build(
    raw: &Raw,
    method: &str,
    url: &mut String,
    ctx: &mut Context,
) -> JsResult<Result<BodyParts, Failure>> {
    let mut body = None;
    if let Some(extra) = raw
        .extra_data
        .as_ref()
        .filter(|v| !v.is_null_or_undefined())
    {
        if method_for_get(method) {
            if let Some(query) = query_of(extra, ctx)? {
                append_query(url, &query);
            }
        } else {
            match body_of(extra, ctx)? {
                Some(b) => body = Some(b),
                None => {
                    return Ok(Err(Failure::param(
                        "extraData must be a non-empty string, an ArrayBuffer or an object",
                    )))
                }
            }
        }
    }

    let mut headers = BTreeMap::new();
    if let Some(h) = raw.header.as_ref().and_then(JsValue::as_object) {
        for key in h.own_property_keys(ctx)? {
            let PropertyKey::String(name) = &key else {
                continue;
            };
            let value = get_fast(&h, key.clone(), ctx)?;
            let value = value_to_string(&value, ctx)?;
            let mut name = strings::to_string(name);
            name.make_ascii_lowercase();
            headers.insert(name, value);
        }
        // netstack's default for a request with a `header` object, unless
        // the script set its own (in any case).
        if method_for_post(method) && !headers.contains_key("content-type") {
            headers.insert("content-type".to_owned(), "application/json".to_owned());
        }
    }

    let multipart = match headers.get("content-type") {
        Some(ct) if ct.eq_ignore_ascii_case("multipart/form-data") => {
            multipart(raw.multi_form_data_list.as_ref(), ctx)?
        }
        _ => None,
    };
    Ok(Ok(BodyParts {
        headers,
        body,
        multipart,
    }))
}

impl BodyParts {
    /// Puts the headers and the body into `request`; returns whether a body
    /// is sent. GET-like methods never send one.
    pub(crate) fn apply(self, request: &mut Request, range: Option<&str>) -> Result<bool, Failure> {
        let BodyParts {
            mut headers,
            body,
            multipart,
        } = self;
        let get_like = method_for_get(request.method.as_str());
        let out = &mut request.headers;
        out.reserve(headers.len() + 3);
        if !headers.contains_key("user-agent") {
            out.push((
                jsrun_net::http::header::USER_AGENT,
                HeaderValue::from_static(USER_AGENT),
            ));
        }
        if !headers.contains_key("accept") {
            out.push((
                jsrun_net::http::header::ACCEPT,
                HeaderValue::from_static("*/*"),
            ));
        }
        if let Some(range) = range {
            if !headers.contains_key("range") {
                headers.insert("range".to_owned(), format!("bytes={range}"));
            }
        }
        let sends_multipart = multipart.is_some() && !get_like;
        if sends_multipart {
            // The engine writes `multipart/form-data; boundary=…`, as curl
            // completes a bare `multipart/form-data` header.
            headers.remove("content-type");
        }
        let sends_body =
            !get_like && !sends_multipart && body.as_ref().is_some_and(|b| !b.is_empty());
        if sends_body && !headers.contains_key("content-type") {
            // curl's type for POSTFIELDS.
            headers.insert(
                "content-type".to_owned(),
                "application/x-www-form-urlencoded".to_owned(),
            );
        }
        for (name, value) in headers {
            let Ok(n) = HeaderName::from_bytes(name.as_bytes()) else {
                return Err(Failure::param(format!(
                    "header name {name:?} is not valid in HTTP"
                )));
            };
            let Ok(v) = HeaderValue::from_str(value.trim()) else {
                return Err(Failure::param(format!(
                    "the value of header {name:?} is not valid in HTTP"
                )));
            };
            out.push((n, v));
        }
        if sends_multipart {
            request.body = Body::Multipart(multipart.unwrap_or_default());
            return Ok(true);
        }
        if sends_body {
            request.body = Body::Bytes(body.unwrap_or_default());
        }
        Ok(sends_body)
    }
}

/// `extraData` of a POST-like request: a string as UTF-8, an ArrayBuffer (or
/// a view of one) as it is, any other object as JSON. `None` for what
/// netstack refuses: an empty string, numbers, booleans…
fn body_of(v: &JsValue, ctx: &mut Context) -> JsResult<Option<Bytes>> {
    if let Some(s) = v.as_string() {
        return Ok((!s.is_empty()).then(|| Bytes::from(strings::to_utf8(&s))));
    }
    let Some(obj) = v.as_object() else {
        return Ok(None);
    };
    if let Some(bytes) = bytes_of(&obj, ctx)? {
        return Ok(Some(bytes));
    }
    let json = stringify(v, ctx)?;
    Ok((!json.is_empty()).then(|| Bytes::from(json)))
}

/// The bytes of an ArrayBuffer or a typed array, copied.
pub(crate) fn bytes_of(obj: &JsObject, ctx: &mut Context) -> JsResult<Option<Bytes>> {
    if let Ok(buf) = JsArrayBuffer::from_object(obj.clone()) {
        let data = buf
            .data()
            .map(|d| Bytes::copy_from_slice(&d))
            .unwrap_or_default();
        return Ok(Some(data));
    }
    if let Ok(view) = JsTypedArray::from_object(obj.clone()) {
        let offset = view.byte_offset(ctx)?;
        let len = view.byte_length(ctx)?;
        let buffer = view.buffer(ctx)?;
        let Some(buffer) = buffer.as_object() else {
            return Ok(Some(Bytes::new()));
        };
        let buf = JsArrayBuffer::from_object(buffer.clone())?;
        let data = buf
            .data()
            .and_then(|d| d.get(offset..offset + len).map(Bytes::copy_from_slice))
            .unwrap_or_default();
        return Ok(Some(data));
    }
    Ok(None)
}

/// `JSON.stringify(v)` with the function the facade captured.
pub(crate) fn stringify(v: &JsValue, ctx: &mut Context) -> JsResult<String> {
    let state = ModuleState::get(ctx)?;
    let out = state
        .json_stringify
        .call(&JsValue::undefined(), std::slice::from_ref(v), ctx)?;
    Ok(out
        .as_string()
        .map(|s| strings::to_string(&s))
        .unwrap_or_default())
}

/// A header value as netstack's `NapiValueToString` renders it.
fn value_to_string(v: &JsValue, ctx: &mut Context) -> JsResult<String> {
    if v.is_null_or_undefined() {
        return Ok(String::new());
    }
    if v.is_object() {
        return stringify(v, ctx);
    }
    Ok(strings::to_string(&v.to_string(ctx)?))
}

/// `extraData` of a GET-like request: a string as given, an object as
/// `k=v&…` with both sides percent-encoded outside `A-Za-z0-9-._~`.
fn query_of(v: &JsValue, ctx: &mut Context) -> JsResult<Option<String>> {
    if let Some(s) = v.as_string() {
        let s = strings::to_string(&s);
        return Ok((!s.is_empty()).then_some(s));
    }
    let Some(obj) = v.as_object() else {
        return Ok(None);
    };
    if obj.is_callable() || bytes_of(&obj, ctx)?.is_some() {
        return Ok(None);
    }
    let mut out = String::new();
    for key in obj.own_property_keys(ctx)? {
        let PropertyKey::String(name) = &key else {
            continue;
        };
        let value = obj.get(key.clone(), ctx)?;
        // netstack reads string values only; numbers and booleans are
        // written too here (dropping `{page: 1}` silently helps nobody).
        let value = if let Some(s) = value.as_string() {
            strings::to_string(&s)
        } else if value.is_number() || value.is_boolean() || value.is_bigint() {
            strings::to_string(&value.to_string(ctx)?)
        } else {
            continue;
        };
        let name = strings::to_string(name);
        if name.is_empty() || value.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('&');
        }
        encode_param(&name, &mut out);
        out.push('=');
        encode_param(&value, &mut out);
    }
    Ok((!out.is_empty()).then_some(out))
}

/// netstack's `EncodeUrlParam`: `%XX` for every byte outside the unreserved set.
fn encode_param(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// netstack's `MakeUrl`: the query is appended to an existing one with `&`;
/// a fragment stays at the end.
fn append_query(url: &mut String, query: &str) {
    let fragment = url.find('#').map(|i| url.split_off(i));
    match url.find('?') {
        Some(i) if i + 1 < url.len() => {
            url.push('&');
        }
        Some(_) => {}
        None => url.push('?'),
    }
    url.push_str(query);
    if let Some(f) = fragment {
        url.push_str(&f);
    }
}

/// `multiFormDataList`, used when `content-type` is `multipart/form-data`:
/// parts without a name, or without both `data` and `filePath`, are skipped;
/// `data` wins over `filePath`.
fn multipart(list: Option<&JsValue>, ctx: &mut Context) -> JsResult<Option<Vec<Part>>> {
    let Some(list) = list.and_then(JsValue::as_object).filter(|o| o.is_array()) else {
        return Ok(None);
    };
    let arr = JsArray::from_object(list.clone())?;
    let mut parts = Vec::new();
    for i in 0..arr.length(ctx)? {
        let Some(item) = arr.get(i, ctx)?.as_object() else {
            continue;
        };
        let Some(name) = prop_string(&item, "name", ctx)? else {
            continue;
        };
        let content_type = prop_string(&item, "contentType", ctx)?;
        let filename = prop_string(&item, "remoteFileName", ctx)?;
        let data = item.get(boa_engine::js_string!("data"), ctx)?;
        let data = if let Some(s) = data.as_string() {
            Bytes::from(strings::to_utf8(&s))
        } else if let Some(o) = data.as_object() {
            match bytes_of(&o, ctx)? {
                Some(b) => b,
                None => Bytes::from(stringify(&data, ctx)?),
            }
        } else {
            Bytes::new()
        };
        let source = if !data.is_empty() {
            PartSource::Bytes(data)
        } else if let Some(path) = prop_string(&item, "filePath", ctx)? {
            PartSource::File(path.into())
        } else {
            continue;
        };
        parts.push(Part {
            name,
            filename,
            content_type,
            source,
        });
    }
    Ok((!parts.is_empty()).then_some(parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_append_like_make_url() {
        let mut u = "http://h/p".to_owned();
        append_query(&mut u, "a=1");
        assert_eq!(u, "http://h/p?a=1");
        let mut u = "http://h/p?x=2#top".to_owned();
        append_query(&mut u, "a=1");
        assert_eq!(u, "http://h/p?x=2&a=1#top");
        let mut u = "http://h/p?".to_owned();
        append_query(&mut u, "a=1");
        assert_eq!(u, "http://h/p?a=1");
    }

    #[test]
    fn params_are_encoded_outside_unreserved() {
        let mut out = String::new();
        encode_param("a b/é~", &mut out);
        assert_eq!(out, "a%20b%2F%C3%A9~");
    }
}
