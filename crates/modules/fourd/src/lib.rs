//! 4D's `HTTPRequest` class for jsrun: the module `4D` (also `globalThis["4D"]`).
//!
//! ```no_run
//! use jsrun_runtime::Runtime;
//!
//! let mut rt = Runtime::builder().module(jsrun_fourd::FourD).build()?;
//! rt.eval(r#"
//!     const request = globalThis["4D"].HTTPRequest.new("http://127.0.0.1:8080/get", {
//!         onResponse(req) { console.log(req.response.status); },
//!     });
//!     request.wait();
//! "#)?;
//! # Ok::<(), jsrun_runtime::Error>(())
//! ```
//!
//! The JS facade (`js-lib/4D.js`) only shapes the class; the natives do the
//! work: [`op_fourd_new`](request) reads the options, builds the request
//! object from a shared prototype and starts the transfer on the runtime's
//! HTTP engine; callbacks are dispatched from Rust when the transfer reports.
//! See `README.md` for the decisions.

mod body;
mod dispatch;
mod errors;
mod headers;
mod options;
mod plan;
mod request;
mod response;
mod shared;
mod url;

use boa_engine::object::JsObject;
use boa_engine::property::PropertyDescriptor;
use boa_engine::{js_string, Context, JsResult, JsValue};
use jsrun_runtime::{eval_facade_object, op, NativeModule};

pub use errors::{err_code, COMPONENT_SIGNATURE, ERR_INVALID_OPTION};

const FACADE: &str = include_str!("../../../../js-lib/4D.js");

/// The `4D` module: exports `HTTPRequest`, and installs `globalThis["4D"]`
/// (the same object) lazily, so a script that never touches it pays nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct FourD;

/// The exports object once built: `require("4D")` and `globalThis["4D"]`
/// must be the same object whichever is reached first.
struct Exports(JsObject);

impl NativeModule for FourD {
    fn specifiers(&self) -> &[&'static str] {
        &["4D"]
    }

    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        exports(ctx)
    }

    fn init(&self, ctx: &mut Context) -> JsResult<()> {
        let getter = op(ctx, get_global, "get 4D", 0);
        let setter = op(ctx, set_global, "set 4D", 1);
        ctx.global_object().define_property_or_throw(
            js_string!("4D"),
            PropertyDescriptor::builder()
                .get(getter)
                .set(setter)
                .enumerable(false)
                .configurable(true),
            ctx,
        )?;
        Ok(())
    }
}

fn exports(ctx: &mut Context) -> JsResult<JsObject> {
    if let Some(Exports(obj)) = ctx.get_data::<Exports>() {
        return Ok(obj.clone());
    }
    let ops = JsObject::with_object_proto(ctx.intrinsics());
    let new = op(ctx, request::op_fourd_new, "new", 2);
    ops.set(js_string!("op_fourd_new"), new, true, ctx)?;
    let install = op(ctx, shared::op_fourd_install, "op_fourd_install", 1);
    ops.set(js_string!("op_fourd_install"), install, true, ctx)?;
    let obj = eval_facade_object(ctx, "4D", FACADE, ops)?;
    ctx.insert_data(Exports(obj.clone()));
    Ok(obj)
}

/// `globalThis["4D"]` on first read: loads the module, then replaces the
/// accessor with a plain data property so later reads cost nothing.
fn get_global(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let obj = exports(ctx)?;
    define_global(ctx, obj.clone().into())?;
    Ok(obj.into())
}

fn set_global(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    define_global(ctx, args.first().cloned().unwrap_or_default())?;
    Ok(JsValue::undefined())
}

fn define_global(ctx: &mut Context, value: JsValue) -> JsResult<()> {
    ctx.global_object().define_property_or_throw(
        js_string!("4D"),
        PropertyDescriptor::builder()
            .value(value)
            .writable(true)
            .enumerable(false)
            .configurable(true),
        ctx,
    )?;
    Ok(())
}
