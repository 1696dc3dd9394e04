//! Lazily compiled JS helpers of the runtime itself (the inspector), and the
//! formatting of uncaught errors.

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::object::ObjectInitializer;
use boa_engine::{
    js_string, Context, JsError, JsResult, JsValue, JsVariant, NativeFunction, Source,
};

const INSPECT_JS: &str = include_str!("../../../js-lib/internal/inspect.js");

struct Inspector(JsFunction);

fn inspector(ctx: &mut Context) -> JsResult<JsFunction> {
    if let Some(i) = ctx.get_data::<Inspector>() {
        return Ok(i.0.clone());
    }
    let native = ObjectInitializer::new(ctx)
        .function(
            NativeFunction::from_fn_ptr(promise_state),
            js_string!("promiseState"),
            1,
        )
        .build();
    let wrapped = format!("(function (native) {{{INSPECT_JS}\n}})");
    let factory = ctx.eval(Source::from_bytes(wrapped.as_bytes()))?;
    let factory = factory
        .as_callable()
        .ok_or_else(|| {
            JsError::from_opaque(js_string!("inspector did not compile to a function").into())
        })?
        .clone();
    let inspect = factory.call(&JsValue::undefined(), &[native.into()], ctx)?;
    let inspect = inspect
        .as_callable()
        .and_then(|o| JsFunction::from_object(o.clone()))
        .ok_or_else(|| {
            JsError::from_opaque(js_string!("inspector factory returned no function").into())
        })?;
    ctx.insert_data(Inspector(inspect.clone()));
    Ok(inspect)
}

fn promise_state(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let promise = args
        .first()
        .and_then(JsValue::as_object)
        .and_then(|o| JsPromise::from_object(o.clone()).ok());
    let (state, value) = match promise.map(|p| p.state()) {
        Some(PromiseState::Fulfilled(v)) => ("fulfilled", v),
        Some(PromiseState::Rejected(v)) => ("rejected", v),
        _ => ("pending", JsValue::undefined()),
    };
    let obj = ObjectInitializer::new(ctx)
        .property(
            js_string!("state"),
            js_string!(state),
            boa_engine::property::Attribute::all(),
        )
        .property(
            js_string!("value"),
            value,
            boa_engine::property::Attribute::all(),
        )
        .build();
    Ok(obj.into())
}

/// Inspects `value` as node's `util.inspect` would (to `depth` levels).
///
/// # Errors
/// Only if the inspector itself cannot be compiled; a value whose getters
/// throw is shown with a placeholder instead.
pub fn inspect(value: &JsValue, depth: u32, ctx: &mut Context) -> JsResult<String> {
    let f = inspector(ctx)?;
    let out = f.call(
        &JsValue::undefined(),
        &[value.clone(), JsValue::new(depth)],
        ctx,
    )?;
    Ok(match out.variant() {
        JsVariant::String(s) => s.to_std_string_escaped(),
        _ => String::new(),
    })
}

/// The message, JS stack and position of an uncaught error, as printed on
/// stderr: `Error: boom\n    at f (/path/x.js:3:9)\n…`.
pub fn describe_error(err: &JsError, ctx: &mut Context) -> String {
    let plain = err.to_string();
    let Ok(value) = err.clone().into_opaque(ctx) else {
        return plain;
    };
    let text = match inspect(&value, 2, ctx) {
        // An error without a stack (syntax errors) prints as `[Name: msg]`.
        Ok(text)
            if text.starts_with('[')
                && text.ends_with(']')
                && !text.contains('\n')
                && value.is_object() =>
        {
            text[1..text.len() - 1].to_owned()
        }
        Ok(text) if !text.is_empty() => text,
        _ => return plain,
    };
    // Boa adds a frame for the native caller of the script: not useful.
    let text = text.replace("\n    at  (native)", "");
    // A thrown non-Error value has no stack of its own: use the one Boa kept.
    if !text.contains("\n    at ") && plain.contains("\n    at ") {
        let at = plain.find("\n    at ").unwrap_or(plain.len());
        return format!("{text}{}", &plain[at..]);
    }
    text
}
