//! Per-runtime state of the module, built once when the facade installs the
//! class: the prototype request objects are made from, the shared event
//! objects, the accessor functions of responses, and small caches.

use std::cell::RefCell;
use std::rc::Rc;

use boa_engine::object::JsObject;
use boa_engine::property::PropertyDescriptor;
use boa_engine::{js_string, Context, JsNativeError, JsResult, JsString, JsValue};
use jsrun_net::url::Url;
use jsrun_net::{Proxy, ProxyConfig};
use jsrun_runtime::op;

use crate::request;
use crate::response;

/// The event objects of the callbacks that carry no data. They are shared
/// and frozen: `{type, data: undefined}` is the same for every request.
pub(crate) struct Events {
    pub(crate) headers: JsValue,
    pub(crate) response: JsValue,
    pub(crate) error: JsValue,
    pub(crate) terminate: JsValue,
}

/// See the module docs.
pub(crate) struct Shared {
    /// `HTTPRequest.prototype`.
    pub(crate) request_proto: JsObject,
    pub(crate) events: Events,
    /// `JSON.parse` and `JSON.stringify` as they were when the module loaded.
    pub(crate) json_parse: JsObject,
    pub(crate) json_stringify: JsObject,
    pub(crate) get_headers: JsObject,
    pub(crate) set_headers: JsObject,
    pub(crate) get_raw_headers: JsObject,
    pub(crate) set_raw_headers: JsObject,
    /// The proxy of the environment (`HTTP_PROXY`, …), read once.
    pub(crate) env_proxy: ProxyConfig,
    /// The last URL resolved (`url` argument, `url` property, parsed URL):
    /// scripts send many requests to one URL.
    pub(crate) last_url: RefCell<Option<(JsString, JsValue, Url)>>,
}

impl Shared {
    /// The state installed in `ctx`.
    ///
    /// # Errors
    /// A TypeError when the facade has not installed the class.
    pub(crate) fn get(ctx: &Context) -> JsResult<Rc<Shared>> {
        ctx.get_data::<Rc<Shared>>().cloned().ok_or_else(|| {
            JsNativeError::typ()
                .with_message("4D: HTTPRequest is not installed")
                .into()
        })
    }
}

fn event(ctx: &mut Context, kind: &str) -> JsResult<JsValue> {
    let obj = JsObject::with_object_proto(ctx.intrinsics());
    obj.create_data_property_or_throw(js_string!("type"), JsString::from(kind), ctx)?;
    obj.create_data_property_or_throw(js_string!("data"), JsValue::undefined(), ctx)?;
    obj.set_integrity_level(boa_engine::object::IntegrityLevel::Frozen, ctx)?;
    Ok(obj.into())
}

fn function(
    ctx: &mut Context,
    name: &str,
    len: usize,
    f: boa_engine::native_function::NativeFunctionPointer,
) -> JsObject {
    op(ctx, f, name, len).into()
}

/// `op_fourd_install(HTTPRequest)`: puts the properties and functions of the
/// document on `HTTPRequest.prototype` and keeps what requests share.
pub(crate) fn op_fourd_install(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let class = args
        .first()
        .and_then(JsValue::as_object)
        .ok_or_else(|| JsNativeError::typ().with_message("op_fourd_install: expected the class"))?;
    let proto = class
        .get(js_string!("prototype"), ctx)?
        .as_object()
        .ok_or_else(|| {
            JsNativeError::typ().with_message("op_fourd_install: class without prototype")
        })?;

    type Getter = boa_engine::native_function::NativeFunctionPointer;
    let getters: [(&str, Getter); 11] = [
        ("dataType", request::get_data_type),
        ("encoding", request::get_encoding),
        ("errors", request::get_errors),
        ("headers", request::get_headers),
        ("method", request::get_method),
        ("protocol", request::get_protocol),
        ("response", request::get_response),
        ("returnResponseBody", request::get_return_body),
        ("terminated", request::get_terminated),
        ("timeout", request::get_timeout),
        ("url", request::get_url),
    ];
    for (name, getter) in getters {
        let get = function(ctx, &format!("get {name}"), 0, getter);
        proto.define_property_or_throw(
            JsString::from(name),
            PropertyDescriptor::builder()
                .get(get)
                .enumerable(false)
                .configurable(true),
            ctx,
        )?;
    }
    let methods: [(&str, usize, Getter); 3] = [
        ("wait", 1, request::op_wait),
        ("terminate", 0, request::op_terminate),
        ("toJSON", 0, request::op_to_json),
    ];
    for (name, len, f) in methods {
        let value = function(ctx, name, len, f);
        proto.define_property_or_throw(
            JsString::from(name),
            PropertyDescriptor::builder()
                .value(value)
                .writable(true)
                .enumerable(false)
                .configurable(true),
            ctx,
        )?;
    }

    let json = ctx.intrinsics().objects().json();
    let json_parse = json
        .get(js_string!("parse"), ctx)?
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message("JSON.parse is missing"))?;
    let json_stringify = json
        .get(js_string!("stringify"), ctx)?
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message("JSON.stringify is missing"))?;

    let shared = Shared {
        request_proto: proto,
        events: Events {
            headers: event(ctx, "headers")?,
            response: event(ctx, "response")?,
            error: event(ctx, "error")?,
            terminate: event(ctx, "terminate")?,
        },
        json_parse,
        json_stringify,
        get_headers: function(ctx, "get headers", 0, response::get_headers),
        set_headers: function(ctx, "set headers", 1, response::set_headers),
        get_raw_headers: function(ctx, "get rawHeaders", 0, response::get_raw_headers),
        set_raw_headers: function(ctx, "set rawHeaders", 1, response::set_raw_headers),
        env_proxy: env_proxy(),
        last_url: RefCell::new(None),
    };
    ctx.insert_data(Rc::new(shared));
    Ok(JsValue::undefined())
}

/// `ProxyConfig::System` when the environment names a proxy, else `Direct`
/// (which spares every request the environment lookups).
fn env_proxy() -> ProxyConfig {
    let set = [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ]
    .iter()
    .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    if set {
        ProxyConfig::System
    } else {
        ProxyConfig::Direct
    }
}

/// The jsrun-only `proxy` option: `"http://[user:password@]host:port"`.
pub(crate) fn explicit_proxy(text: &str) -> Result<ProxyConfig, jsrun_net::Error> {
    Proxy::parse(text).map(ProxyConfig::Explicit)
}
