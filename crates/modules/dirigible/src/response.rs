//! The JS `HttpResponse`: `{statusCode, statusMessage, data, text, binary,
//! protocol, headers}`, built with one shared shape for every response.
//!
//! `headers` is an *own* accessor (so `JSON.stringify` and `Object.keys`
//! see it) whose getter builds the array on first read and replaces itself
//! with a plain data property: a script that never reads the headers never
//! pays for a dozen small objects per response. The header text is copied
//! out of hyper's buffers when the response arrives.

use std::cell::RefCell;

use boa_engine::builtins::object::OrdinaryObject;
use boa_engine::object::builtins::{JsArray, JsUint8Array};
use boa_engine::property::PropertyDescriptor;
use boa_engine::{
    js_string, Context, Finalize, JsData, JsObject, JsResult, JsString, JsValue, Trace,
};
use http::{HeaderMap, HeaderName, StatusCode, Version};
use jsrun_net::{decode_text, Response};
use jsrun_runtime::buffer::ResponseBody;

use crate::request::Meta;

/// True for media types whose body Dirigible hands over as `text` (SPEC
/// §4.1): every `text/*`, anything naming JSON, XML types and JavaScript.
pub(crate) fn is_text_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/")
        || essence.contains("json")
        || essence == "application/xml"
        || essence.ends_with("+xml")
        || essence == "application/javascript"
        || essence == "application/ecmascript"
        || essence == "application/x-www-form-urlencoded"
}

/// True when the response carries no body by definition.
fn bodiless(status: StatusCode, meta: &Meta) -> bool {
    meta.head
        || status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED
}

fn protocol(v: Version) -> JsString {
    match v {
        Version::HTTP_09 => js_string!("HTTP/0.9"),
        Version::HTTP_10 => js_string!("HTTP/1.0"),
        Version::HTTP_2 => js_string!("HTTP/2"),
        Version::HTTP_3 => js_string!("HTTP/3"),
        _ => js_string!("HTTP/1.1"),
    }
}

fn data_prop(v: impl Into<JsValue>) -> PropertyDescriptor {
    PropertyDescriptor::builder()
        .value(v)
        .writable(true)
        .enumerable(true)
        .configurable(true)
        .build()
}

/// A plain object whose shape is shared with every other object built the
/// same way (same prototype, same keys in the same order).
fn plain(ctx: &Context) -> JsObject {
    JsObject::new(
        ctx.root_shape(),
        ctx.intrinsics().constructors().object().prototype(),
        OrdinaryObject,
    )
    .upcast()
}

/// The response headers, copied out of hyper's buffers: every value in
/// one string, with the name and the value's span for each header.
struct HeaderList {
    values: String,
    spans: Vec<(HeaderName, usize, usize)>,
}

impl HeaderList {
    fn copy(map: &HeaderMap) -> Self {
        let mut values = String::new();
        let mut spans = Vec::with_capacity(map.len());
        for (name, value) in map {
            let start = values.len();
            values.push_str(&String::from_utf8_lossy(value.as_bytes()));
            spans.push((name.clone(), start, values.len()));
        }
        HeaderList { values, spans }
    }

    fn to_js(&self, ctx: &mut Context) -> JsValue {
        let mut items = Vec::with_capacity(self.spans.len());
        for (name, start, end) in &self.spans {
            let h = plain(ctx);
            h.insert_property(js_string!("name"), data_prop(header_name(name)));
            let value = self.values.get(*start..*end).unwrap_or_default();
            h.insert_property(js_string!("value"), data_prop(JsString::from(value)));
            items.push(JsValue::from(h));
        }
        JsArray::from_iter(items, ctx).into()
    }
}

/// The names most responses carry, as constant strings.
fn header_name(name: &HeaderName) -> JsString {
    use http::header;
    match *name {
        header::CONTENT_TYPE => js_string!("content-type"),
        header::CONTENT_LENGTH => js_string!("content-length"),
        header::DATE => js_string!("date"),
        header::SERVER => js_string!("server"),
        header::CONNECTION => js_string!("connection"),
        header::ETAG => js_string!("etag"),
        header::LAST_MODIFIED => js_string!("last-modified"),
        header::ACCEPT_RANGES => js_string!("accept-ranges"),
        header::CACHE_CONTROL => js_string!("cache-control"),
        header::SET_COOKIE => js_string!("set-cookie"),
        header::LOCATION => js_string!("location"),
        header::TRANSFER_ENCODING => js_string!("transfer-encoding"),
        _ => JsString::from(name.as_str()),
    }
}

/// The native part of a response object: its headers until first read.
#[derive(Trace, Finalize, JsData)]
struct Lazy {
    #[unsafe_ignore_trace]
    headers: RefCell<Option<HeaderList>>,
}

/// The shared getter and setter of `headers`, made once per context.
struct Accessors {
    get: JsObject,
    set: JsObject,
}

fn accessors(ctx: &mut Context) -> (JsObject, JsObject) {
    if let Some(a) = ctx.get_data::<Accessors>() {
        return (a.get.clone(), a.set.clone());
    }
    let get = jsrun_runtime::op(ctx, get_headers, "get headers", 0);
    let set = jsrun_runtime::op(ctx, set_headers, "set headers", 1);
    let a = Accessors {
        get: get.into(),
        set: set.into(),
    };
    let pair = (a.get.clone(), a.set.clone());
    ctx.insert_data(a);
    pair
}

/// Makes `headers` a plain data property holding `value`.
fn settle(obj: &JsObject, value: JsValue, ctx: &mut Context) -> JsResult<bool> {
    obj.define_property_or_throw(js_string!("headers"), data_prop(value), ctx)
}

fn get_headers(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let Some(obj) = this.as_object() else {
        return Ok(JsValue::undefined());
    };
    // The borrow ends before the engine is entered again.
    let list = obj
        .downcast_ref::<Lazy>()
        .and_then(|lazy| lazy.headers.borrow_mut().take());
    let Some(list) = list else {
        return Ok(JsValue::undefined());
    };
    let array = list.to_js(ctx);
    if settle(&obj, array.clone(), ctx).is_err() {
        // A frozen response keeps its accessor: keep what it reads from.
        if let Some(lazy) = obj.downcast_ref::<Lazy>() {
            *lazy.headers.borrow_mut() = Some(list);
        }
    }
    Ok(array)
}

fn set_headers(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    if let Some(obj) = this.as_object() {
        if let Some(lazy) = obj.downcast_ref::<Lazy>() {
            lazy.headers.borrow_mut().take();
        }
        settle(&obj, args.first().cloned().unwrap_or_default(), ctx)?;
    }
    Ok(JsValue::undefined())
}

/// Builds the `HttpResponse` for `resp`. Returns it and the number of body
/// bytes handed to JS (for the runtime's GC accounting).
pub(crate) fn to_js(
    resp: &Response,
    body: ResponseBody,
    meta: &Meta,
    ctx: &mut Context,
) -> JsResult<(JsValue, usize)> {
    let head = &resp.head;
    let mut text = JsValue::undefined();
    let mut data = JsValue::undefined();
    let mut binary = false;
    let mut external = 0;
    if !bodiless(head.status, meta) {
        let texty = !meta.binary && head.content_type().is_some_and(is_text_type);
        if texty {
            let decoded = decode_text(body.as_slice(), head.charset(), &meta.charset);
            external = decoded.len();
            text = JsString::from(decoded.as_ref()).into();
        } else {
            external = body.len();
            let buffer = body.into_array_buffer(ctx)?;
            data = JsUint8Array::from_array_buffer(buffer, ctx)?.into();
            binary = true;
        }
    }
    let (get, set) = accessors(ctx);
    let lazy = Lazy {
        headers: RefCell::new(Some(HeaderList::copy(&head.headers))),
    };
    let obj = JsObject::new(
        ctx.root_shape(),
        ctx.intrinsics().constructors().object().prototype(),
        lazy,
    )
    .upcast();
    obj.insert_property(js_string!("statusCode"), data_prop(head.status.as_u16()));
    obj.insert_property(
        js_string!("statusMessage"),
        data_prop(JsString::from(head.reason())),
    );
    obj.insert_property(js_string!("data"), data_prop(data));
    obj.insert_property(js_string!("text"), data_prop(text));
    obj.insert_property(js_string!("binary"), data_prop(binary));
    obj.insert_property(js_string!("protocol"), data_prop(protocol(head.version)));
    obj.insert_property(
        js_string!("headers"),
        PropertyDescriptor::builder()
            .get(get)
            .set(set)
            .enumerable(true)
            .configurable(true)
            .build(),
    );
    Ok((obj.into(), external))
}
