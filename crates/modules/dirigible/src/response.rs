//! The JS `HttpResponse`: `{statusCode, statusMessage, data, text, binary,
//! protocol, headers}`, built with one shared shape for every response.

use boa_engine::builtins::object::OrdinaryObject;
use boa_engine::object::builtins::{AlignedVec, JsArray, JsArrayBuffer, JsUint8Array};
use boa_engine::property::PropertyDescriptor;
use boa_engine::{js_string, Context, JsObject, JsResult, JsString, JsValue};
use http::{StatusCode, Version};
use jsrun_net::Response;

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

/// A `Uint8Array` holding a copy of `bytes`.
pub(crate) fn uint8_array(bytes: &[u8], ctx: &mut Context) -> JsResult<JsValue> {
    let block = AlignedVec::from_slice(64, bytes);
    let buffer = JsArrayBuffer::from_byte_block(block, ctx)?;
    Ok(JsUint8Array::from_array_buffer(buffer, ctx)?.into())
}

/// Builds the `HttpResponse` for `resp`. Returns it and the number of body
/// bytes handed to JS (for the runtime's GC accounting).
pub(crate) fn to_js(resp: &Response, meta: &Meta, ctx: &mut Context) -> JsResult<(JsValue, usize)> {
    let head = &resp.head;
    let mut text = JsValue::undefined();
    let mut data = JsValue::undefined();
    let mut binary = false;
    let mut external = 0;
    if !bodiless(head.status, meta) {
        let texty = !meta.binary && head.content_type().is_some_and(is_text_type);
        if texty {
            let decoded = resp.text_with_charset(&meta.charset);
            external = decoded.len();
            text = JsString::from(decoded.as_ref()).into();
        } else {
            external = resp.body.len();
            data = uint8_array(&resp.body, ctx)?;
            binary = true;
        }
    }

    let mut headers = Vec::with_capacity(head.headers.len());
    for (name, value) in &head.headers {
        let h = plain(ctx);
        h.insert_property(js_string!("name"), data_prop(JsString::from(name.as_str())));
        let value = String::from_utf8_lossy(value.as_bytes());
        h.insert_property(
            js_string!("value"),
            data_prop(JsString::from(value.as_ref())),
        );
        headers.push(JsValue::from(h));
    }
    let headers = JsArray::from_iter(headers, ctx);

    let obj = plain(ctx);
    obj.insert_property(js_string!("statusCode"), data_prop(head.status.as_u16()));
    obj.insert_property(
        js_string!("statusMessage"),
        data_prop(JsString::from(head.reason())),
    );
    obj.insert_property(js_string!("data"), data_prop(data));
    obj.insert_property(js_string!("text"), data_prop(text));
    obj.insert_property(js_string!("binary"), data_prop(binary));
    obj.insert_property(js_string!("protocol"), data_prop(protocol(head.version)));
    obj.insert_property(js_string!("headers"), data_prop(headers));
    Ok((obj.into(), external))
}
