//! The `response` object: `body`, `headers`, `status`, `statusText`,
//! `rawHeaders`.
//!
//! Built on first read of `request.response` with a shared shape. `headers`
//! and `rawHeaders` are own enumerable accessors (so `JSON.stringify` and
//! `Object.keys` see them) whose shared getter builds the object once and
//! replaces itself with a plain data property.

use boa_engine::object::JsObject;
use boa_engine::property::PropertyDescriptor;
use boa_engine::{
    js_string, Context, Finalize, JsData, JsNativeError, JsResult, JsString, JsValue, Trace,
};
use jsrun_net::RawHead;

use crate::headers::{self, CompactHeaders, Head, Names};
use crate::request::{with, with_mut};
use crate::shared::Shared;

/// The native data of a response object: the headers, until both header
/// objects are built.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct ResponseData {
    #[unsafe_ignore_trace]
    headers: CompactHeaders,
    #[unsafe_ignore_trace]
    raw: Option<RawHead>,
}

fn data(value: JsValue) -> PropertyDescriptor {
    PropertyDescriptor::builder()
        .value(value)
        .writable(true)
        .enumerable(true)
        .configurable(true)
        .build()
}

/// `request.response`: undefined until the final status line is in.
pub(crate) fn of_request(request: &JsObject, ctx: &mut Context) -> JsResult<JsValue> {
    if let Some(r) = with(request, |d| d.response.clone()).flatten() {
        return Ok(r.into());
    }
    let taken = with_mut(request, |d| {
        d.st.head.take().map(|h| (h, std::mem::take(&mut d.body)))
    })
    .flatten();
    let Some((head, body)) = taken else {
        return Ok(JsValue::undefined());
    };
    let shared = Shared::get(ctx)?;
    let r = build(&shared, *head, body, ctx);
    with_mut(request, |d| d.response = Some(r.clone()));
    Ok(r.into())
}

fn build(shared: &Shared, head: Head, body: JsValue, ctx: &mut Context) -> JsObject {
    let Head {
        status,
        reason,
        headers,
        raw,
    } = head;
    let r = JsObject::new(
        ctx.root_shape(),
        ctx.intrinsics().constructors().object().prototype(),
        ResponseData { headers, raw },
    )
    .upcast();
    let accessor = |get: &JsObject, set: &JsObject| {
        PropertyDescriptor::builder()
            .get(get.clone())
            .set(set.clone())
            .enumerable(true)
            .configurable(true)
            .build()
    };
    r.insert_property(js_string!("body"), data(body));
    r.insert_property(
        js_string!("headers"),
        accessor(&shared.get_headers, &shared.set_headers),
    );
    r.insert_property(js_string!("status"), data(status.into()));
    r.insert_property(
        js_string!("statusText"),
        data(JsString::from(reason.as_str()).into()),
    );
    r.insert_property(
        js_string!("rawHeaders"),
        accessor(&shared.get_raw_headers, &shared.set_raw_headers),
    );
    r
}

/// Sets `response.body` (on the built object, or for when it is built).
pub(crate) fn set_body(request: &JsObject, value: JsValue) {
    let built = with_mut(request, |d| match &d.response {
        Some(r) => Some(r.clone()),
        None => {
            d.body = value.clone();
            None
        }
    })
    .flatten();
    if let Some(r) = built {
        r.insert_property(js_string!("body"), data(value));
    }
}

fn materialize(
    this: &JsValue,
    key: JsString,
    names: Names,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let obj = this
        .as_object()
        .filter(JsObject::is::<ResponseData>)
        .ok_or_else(|| JsNativeError::typ().with_message("not an HTTPRequest response"))?;
    let built = match obj.downcast_ref::<ResponseData>() {
        Some(d) => match names {
            Names::Lower => headers::to_object(&d.headers, names, ctx)?,
            Names::AsReceived => {
                let fields = headers::as_received(&d.headers, d.raw.as_ref());
                headers::to_object(&fields, names, ctx)?
            }
        },
        None => return Ok(JsValue::undefined()),
    };
    obj.insert_property(key, data(built.clone().into()));
    Ok(built.into())
}

fn replace(this: &JsValue, key: JsString, args: &[JsValue]) -> JsResult<JsValue> {
    if let Some(obj) = this.as_object() {
        obj.insert_property(key, data(args.first().cloned().unwrap_or_default()));
    }
    Ok(JsValue::undefined())
}

/// `response.headers`: lower-case names.
pub(crate) fn get_headers(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    materialize(this, js_string!("headers"), Names::Lower, ctx)
}

pub(crate) fn set_headers(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    replace(this, js_string!("headers"), args)
}

/// `response.rawHeaders`: the names as received (HTTP/2 sends them in
/// lower case).
pub(crate) fn get_raw_headers(
    this: &JsValue,
    _: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    materialize(this, js_string!("rawHeaders"), Names::AsReceived, ctx)
}

pub(crate) fn set_raw_headers(
    this: &JsValue,
    args: &[JsValue],
    _: &mut Context,
) -> JsResult<JsValue> {
    replace(this, js_string!("rawHeaders"), args)
}
