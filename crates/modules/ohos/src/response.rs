//! The `HttpResponse` object and the header objects of `headersReceive`.
//!
//! A response is an ordinary object (prototype `Object.prototype`) built
//! from a shared shape: `responseCode`, `result` and `resultType` are data
//! properties; `cookies`, `header` and `performanceTiming` are own accessor
//! properties that build their value on first read and then turn into data
//! properties, so `JSON.stringify(data)` sees all six and a script that only
//! reads `result` never pays for the header object. What the accessors need
//! is copied out of the engine's buffers when the response arrives.

use std::time::Duration;

use boa_engine::object::builtins::JsArray;
use boa_engine::object::FunctionObjectBuilder;
use boa_engine::property::PropertyDescriptor;
use boa_engine::{
    js_string, Context, Finalize, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue,
    NativeFunction, Trace,
};
use jsrun_net::http::header::SET_COOKIE;
use jsrun_net::http::{HeaderMap, HeaderName};
use jsrun_net::Timing;
use jsrun_runtime::buffer::ResponseBody;

use crate::cookies::{self, CookieHop};
use crate::options::DataType;
use crate::state::ModuleState;

/// Bodies above this size are not parsed for `expectDataType: OBJECT`
/// (netstack's `MAX_JSON_PARSE_SIZE`).
const MAX_JSON_PARSE_SIZE: usize = 65_536;

/// The headers of one response head, copied out of the engine's buffers
/// (hyper's header values share its read buffer; keeping them would keep
/// that buffer alive until the response object is collected). Two
/// allocations whatever the number of headers: the names are `HeaderName`s
/// (static for the standard ones), the values one string.
#[derive(Clone, Debug, Default)]
pub(crate) struct HeaderList {
    /// Lower-case names and where their value ends in `values`, in arrival order.
    entries: Vec<(HeaderName, u32)>,
    values: String,
}

impl HeaderList {
    /// Copies `map` (names are lower case already).
    pub(crate) fn from_map(map: &HeaderMap) -> Self {
        let mut entries = Vec::with_capacity(map.len());
        // Sized exactly (lossy conversion may grow it): a guess that fell
        // short reallocated on most responses.
        let size = map.values().map(|v| v.len()).sum();
        let mut values = String::with_capacity(size);
        for (name, value) in map {
            // Whole words at a time; what `to_str` accepts (visible ASCII)
            // reads the same either way, and so does valid UTF-8 through
            // the lossy path.
            match std::str::from_utf8(value.as_bytes()) {
                Ok(v) => values.push_str(v),
                Err(_) => values.push_str(&String::from_utf8_lossy(value.as_bytes())),
            }
            let end = u32::try_from(values.len()).unwrap_or(u32::MAX);
            entries.push((name.clone(), end));
        }
        HeaderList { entries, values }
    }

    /// The entries as `(name, value)`, in arrival order.
    fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        let mut start = 0usize;
        self.entries.iter().map(move |(name, end)| {
            let end = (*end as usize).min(self.values.len());
            let value = self.values.get(start..end).unwrap_or("");
            start = end;
            (name.as_str(), value)
        })
    }

    /// The first value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The header object netstack builds: names sorted (a `std::map`), the
    /// last of repeated headers wins, empty values are left out, and
    /// `set-cookie` is an array of every value.
    pub(crate) fn to_js(&self, ctx: &mut Context) -> JsResult<JsObject> {
        let mut sorted: Vec<(&str, &str)> = self.iter().collect();
        // A stable sort keeps arrival order among equal names, so the last
        // one written below is the last one received.
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let obj = JsObject::with_object_proto(ctx.intrinsics());
        let mut cookies: Vec<JsValue> = Vec::new();
        let mut i = 0;
        while i < sorted.len() {
            let name = sorted[i].0;
            let mut j = i;
            while j < sorted.len() && sorted[j].0 == name {
                j += 1;
            }
            if name == SET_COOKIE.as_str() {
                for (_, v) in &sorted[i..j] {
                    cookies.push(JsString::from(*v).into());
                }
            } else if let Some((_, v)) = sorted[i..j].iter().rev().find(|(_, v)| !v.is_empty()) {
                obj.insert_property(JsString::from(name), data(JsString::from(*v)));
            }
            i = j;
        }
        if !cookies.is_empty() {
            let arr = JsArray::from_iter(cookies, ctx);
            // `set-cookie` sorts after most names; netstack adds it last.
            obj.insert_property(js_string!("set-cookie"), data(arr));
        }
        Ok(obj)
    }
}

/// True if `haystack` contains `needle` (lower case), ignoring ASCII case.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn data(v: impl Into<JsValue>) -> PropertyDescriptor {
    PropertyDescriptor::builder()
        .value(v)
        .writable(true)
        .enumerable(true)
        .configurable(true)
        .build()
}

/// What `performanceTiming` is made of: the engine's marks and the time
/// until the callback is called. Kept as durations and turned into ms only
/// when the property is read (ten u128 divisions per response otherwise).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TimingMs {
    marks: Timing,
    total: Duration,
}

fn ms(d: Duration) -> f64 {
    // curl reports microseconds; so do we.
    (d.as_micros() as f64) / 1000.0
}

impl TimingMs {
    /// The engine's marks, plus `total` (until the callback is called).
    pub(crate) fn new(t: &Timing, total: Duration) -> Self {
        TimingMs { marks: *t, total }
    }

    fn to_js(self, ctx: &mut Context) -> JsObject {
        let obj = JsObject::with_object_proto(ctx.intrinsics());
        let t = &self.marks;
        // netstack's map is sorted by name.
        let fields = [
            (js_string!("dnsTiming"), t.dns),
            (js_string!("firstReceiveTiming"), t.first_byte),
            (js_string!("firstSendTiming"), t.first_send),
            (js_string!("redirectTiming"), t.redirects),
            (js_string!("responseBodyTiming"), t.body),
            (js_string!("responseHeaderTiming"), t.headers),
            (js_string!("tcpTiming"), t.tcp),
            (js_string!("tlsTiming"), t.tls),
            (js_string!("totalFinishTiming"), t.total),
            (js_string!("totalTiming"), self.total),
        ];
        for (name, d) in fields {
            obj.insert_property(name, data(ms(d)));
        }
        obj
    }
}

/// What the lazy properties of one response are built from.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct ResponseData {
    #[unsafe_ignore_trace]
    headers: HeaderList,
    #[unsafe_ignore_trace]
    cookies: Vec<CookieHop>,
    #[unsafe_ignore_trace]
    timing: TimingMs,
}

/// The shared getters and setters of the lazy properties.
pub(crate) struct Accessors {
    header: (JsObject, JsObject),
    cookies: (JsObject, JsObject),
    timing: (JsObject, JsObject),
}

impl Accessors {
    pub(crate) fn new(ctx: &mut Context) -> Self {
        let f = |func: boa_engine::native_function::NativeFunctionPointer, name: JsString| {
            FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(func))
                .name(name)
                .length(0)
                .build()
                .into()
        };
        Accessors {
            header: (
                f(get_header, js_string!("get header")),
                f(set_header, js_string!("set header")),
            ),
            cookies: (
                f(get_cookies, js_string!("get cookies")),
                f(set_cookies, js_string!("set cookies")),
            ),
            timing: (
                f(get_timing, js_string!("get performanceTiming")),
                f(set_timing, js_string!("set performanceTiming")),
            ),
        }
    }
}

fn accessor(pair: &(JsObject, JsObject)) -> PropertyDescriptor {
    PropertyDescriptor::builder()
        .get(pair.0.clone())
        .set(pair.1.clone())
        .enumerable(true)
        .configurable(true)
        .build()
}

/// Everything a response object is made of.
pub(crate) struct Parts {
    pub(crate) status: u16,
    pub(crate) headers: HeaderList,
    pub(crate) cookies: Vec<CookieHop>,
    pub(crate) body: ResponseBody,
    pub(crate) timing: TimingMs,
    pub(crate) expect: Option<DataType>,
}

/// Builds the `HttpResponse` object.
pub(crate) fn build(parts: Parts, ctx: &mut Context) -> JsResult<JsValue> {
    let state = ModuleState::get(ctx)?;
    let Parts {
        status,
        headers,
        cookies,
        body,
        timing,
        expect,
    } = parts;
    let (result, result_type) = result(body, expect, &headers, &state, ctx)?;
    let proto = ctx.intrinsics().constructors().object().prototype();
    let obj = JsObject::new(
        ctx.root_shape(),
        proto,
        ResponseData {
            headers,
            cookies,
            timing,
        },
    )
    .upcast();
    let acc = &state.accessors;
    obj.insert_property(js_string!("responseCode"), data(status));
    obj.insert_property(js_string!("cookies"), accessor(&acc.cookies));
    obj.insert_property(js_string!("header"), accessor(&acc.header));
    obj.insert_property(js_string!("result"), data(result));
    obj.insert_property(js_string!("resultType"), data(result_type as u32));
    obj.insert_property(js_string!("performanceTiming"), accessor(&acc.timing));
    Ok(obj.into())
}

/// `result` and `resultType`: `expectDataType` first (OBJECT falls back when
/// the body is too large or not JSON), then the content type: octet-stream
/// and images as an ArrayBuffer, everything else as a UTF-8 string.
fn result(
    body: ResponseBody,
    expect: Option<DataType>,
    headers: &HeaderList,
    state: &ModuleState,
    ctx: &mut Context,
) -> JsResult<(JsValue, DataType)> {
    match expect {
        Some(DataType::String) => return Ok((text(body.as_slice()).into(), DataType::String)),
        Some(DataType::ArrayBuffer) => {
            return Ok((body.into_array_buffer(ctx)?.into(), DataType::ArrayBuffer))
        }
        Some(DataType::Object) if body.len() <= MAX_JSON_PARSE_SIZE => {
            let s = text(body.as_slice());
            if let Ok(v) = state
                .json_parse
                .call(&JsValue::undefined(), &[s.into()], ctx)
            {
                return Ok((v, DataType::Object));
            }
        }
        _ => {}
    }
    let binary = headers.get("content-type").is_some_and(|ct| {
        contains_ignore_case(ct, "application/octet-stream") || contains_ignore_case(ct, "image")
    });
    if binary {
        Ok((body.into_array_buffer(ctx)?.into(), DataType::ArrayBuffer))
    } else {
        Ok((text(body.as_slice()).into(), DataType::String))
    }
}

fn text(body: &[u8]) -> JsString {
    match std::str::from_utf8(body) {
        Ok(s) => JsString::from(s),
        Err(_) => JsString::from(String::from_utf8_lossy(body).as_ref()),
    }
}

/// Runs `f` on the response data of `this`, then turns the accessor `name`
/// into a data property holding the value.
fn materialize(
    this: &JsValue,
    name: JsString,
    ctx: &mut Context,
    f: impl FnOnce(&ResponseData, &mut Context) -> JsResult<JsValue>,
) -> JsResult<JsValue> {
    let Some(obj) = this.as_object() else {
        return Err(JsNativeError::typ()
            .with_message("not an HttpResponse")
            .into());
    };
    let value = {
        let Some(data) = obj.downcast_ref::<ResponseData>() else {
            return Err(JsNativeError::typ()
                .with_message("not an HttpResponse")
                .into());
        };
        // Building the value calls no user code, so holding the borrow is safe.
        f(&data, ctx)?
    };
    obj.insert_property(name, crate::response::data(value.clone()));
    Ok(value)
}

fn replace(this: &JsValue, name: JsString, args: &[JsValue]) -> JsResult<JsValue> {
    if let Some(obj) = this.as_object() {
        let v = args.first().cloned().unwrap_or_default();
        obj.insert_property(name, data(v));
    }
    Ok(JsValue::undefined())
}

fn get_header(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    materialize(this, js_string!("header"), ctx, |d, ctx| {
        Ok(d.headers.to_js(ctx)?.into())
    })
}

fn set_header(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    replace(this, js_string!("header"), args)
}

fn get_cookies(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    materialize(this, js_string!("cookies"), ctx, |d, _| {
        Ok(JsString::from(cookies::netscape_list(&d.cookies).as_str()).into())
    })
}

fn set_cookies(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    replace(this, js_string!("cookies"), args)
}

fn get_timing(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    materialize(this, js_string!("performanceTiming"), ctx, |d, ctx| {
        Ok(d.timing.to_js(ctx).into())
    })
}

fn set_timing(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    replace(this, js_string!("performanceTiming"), args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsrun_net::http::HeaderValue;

    #[test]
    fn header_values_are_copied_in_order_and_invalid_bytes_replaced() {
        let mut map = HeaderMap::new();
        map.append("x-a", HeaderValue::from_static("plain"));
        map.append(
            "x-b",
            HeaderValue::from_bytes("café".as_bytes()).expect("obs-text is allowed"),
        );
        map.append(
            "x-c",
            HeaderValue::from_bytes(b"ab\xffcd").expect("obs-text is allowed"),
        );
        map.append("x-a", HeaderValue::from_static(""));
        map.append("x-a", HeaderValue::from_static("last"));
        let list = HeaderList::from_map(&map);
        let got: Vec<(&str, &str)> = list.iter().collect();
        assert_eq!(
            got,
            [
                ("x-a", "plain"),
                ("x-a", ""),
                ("x-a", "last"),
                ("x-b", "café"),
                ("x-c", "ab\u{FFFD}cd"),
            ]
        );
        assert_eq!(list.get("x-b"), Some("café"));
        assert_eq!(list.get("x-z"), None);
    }
}
