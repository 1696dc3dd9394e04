//! What the module keeps per runtime: the facade's prototype and event
//! dispatcher, and the prebuilt pieces of every response object.

use std::rc::Rc;

use boa_engine::object::builtins::JsFunction;
use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsValue};

use crate::response::Accessors;

/// Per-runtime state of `@ohos.net.http`, in a `Context` data slot.
pub(crate) struct ModuleState {
    /// `HttpRequest.prototype` of the facade: objects made by `createHttp()`.
    pub(crate) request_proto: JsObject,
    /// The facade's `emit(request, index, value)`.
    pub(crate) emit: JsFunction,
    /// `JSON.parse` as the facade found it, for `expectDataType: OBJECT`.
    pub(crate) json_parse: JsFunction,
    /// `JSON.stringify` as the facade found it, for object bodies.
    pub(crate) json_stringify: JsFunction,
    /// The shared getters and setters of the lazy response properties.
    pub(crate) accessors: Accessors,
}

/// The slot type (an `Rc` so natives can keep it while calling into JS).
struct Slot(Rc<ModuleState>);

impl ModuleState {
    /// The state of the runtime `ctx` belongs to.
    pub(crate) fn get(ctx: &Context) -> JsResult<Rc<ModuleState>> {
        ctx.get_data::<Slot>().map(|s| s.0.clone()).ok_or_else(|| {
            JsNativeError::typ()
                .with_message("@ohos.net.http is not initialised in this context")
                .into()
        })
    }
}

/// `op_http_setup(HttpRequestPrototype, emit, JSONParse, JSONStringify)`: called once by the
/// facade while it loads. Returns `undefined`.
pub(crate) fn op_http_setup(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let object = |i: usize| args.get(i).and_then(JsValue::as_object);
    let function = |i: usize| object(i).and_then(JsFunction::from_object);
    let (Some(request_proto), Some(emit), Some(json_parse), Some(json_stringify)) =
        (object(0), function(1), function(2), function(3))
    else {
        return Err(JsNativeError::typ()
            .with_message("op_http_setup(prototype, emit, parse, stringify)")
            .into());
    };
    let accessors = Accessors::new(ctx);
    ctx.insert_data(Slot(Rc::new(ModuleState {
        request_proto,
        emit,
        json_parse,
        json_stringify,
        accessors,
    })));
    Ok(JsValue::undefined())
}
