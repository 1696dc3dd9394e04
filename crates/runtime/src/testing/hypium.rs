//! `@ohos/hypium`: OpenHarmony's test framework as its suites import it,
//! with `expect` and its matchers, native.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::native_function::NativeFunctionPointer;
use boa_engine::object::builtins::{JsMap, JsPromise};
use boa_engine::object::{FunctionObjectBuilder, JsObject, ObjectInitializer};
use boa_engine::property::Attribute;
use boa_engine::{
    js_string, Context, Finalize, JsData, JsError, JsNativeError, JsResult, JsString, JsValue,
    NativeFunction, Trace,
};

use super::deep::{deep_equal, show, tag_of};
use super::harness::{forgive, hypium_registration, Harness, Record};
use super::modules::{error_class, make_error};
use crate::event_loop::mark_handled;
use crate::host::Host;

/// What `expect(actual)` returns: the matchers live on its prototype.
#[derive(Trace, Finalize, JsData)]
struct Expectation {
    actual: JsValue,
    /// The test that called `expect()`: a failure is recorded against it.
    #[unsafe_ignore_trace]
    owner: Option<Rc<Record>>,
    #[unsafe_ignore_trace]
    not: Cell<bool>,
    #[unsafe_ignore_trace]
    label: RefCell<Option<String>>,
}

/// The matcher prototype and the `AssertException` class of a context.
struct ExpectParts {
    proto: JsObject,
    exception: JsObject,
}

fn parts(ctx: &mut Context) -> JsResult<(JsObject, JsObject)> {
    if let Some(p) = ctx.get_data::<ExpectParts>() {
        return Ok((p.proto.clone(), p.exception.clone()));
    }
    let proto = JsObject::with_object_proto(ctx.intrinsics());
    for (name, f, len) in MATCHERS {
        let f = FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(*f))
            .name(JsString::from(*name))
            .length(*len)
            .build();
        proto.set(JsString::from(*name), f, false, ctx)?;
    }
    let exception = error_class(ctx, "AssertException", exception_ctor)?;
    ctx.insert_data(ExpectParts {
        proto: proto.clone(),
        exception: exception.clone(),
    });
    Ok((proto, exception))
}

fn exception_ctor(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let message = match args.first() {
        Some(m) if !m.is_undefined() => m.to_string(ctx)?.to_std_string_escaped(),
        _ => String::new(),
    };
    Ok(exception(ctx, &message)?.into())
}

fn exception(ctx: &mut Context, message: &str) -> JsResult<JsObject> {
    let (_, class) = parts(ctx)?;
    let proto = class.get(js_string!("prototype"), ctx)?;
    make_error(ctx, proto.as_object().as_ref(), message)
}

/// The `expect` function (hypium's export and the test-file global).
pub(crate) fn expect_function(ctx: &mut Context) -> JsObject {
    FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(expect))
        .name(js_string!("expect"))
        .length(1)
        .build()
        .into()
}

fn expect(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let (proto, _) = parts(ctx)?;
    let e = Expectation {
        actual: args.first().cloned().unwrap_or_default(),
        owner: Harness::get(ctx).running(),
        not: Cell::new(false),
        label: RefCell::new(None),
    };
    Ok(JsObject::from_proto_and_data(Some(proto), e).into())
}

/// What a matcher needs of its expectation, copied out of the object.
struct State {
    actual: JsValue,
    owner: Option<Rc<Record>>,
    not: bool,
    label: Option<String>,
}

fn state(this: &JsValue) -> JsResult<State> {
    this.as_object()
        .and_then(|o| {
            o.downcast_ref::<Expectation>().map(|e| State {
                actual: e.actual.clone(),
                owner: e.owner.clone(),
                not: e.not.get(),
                label: e.label.borrow().clone(),
            })
        })
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message("a matcher must be called on what expect() returns")
                .into()
        })
}

fn arg(args: &[JsValue], i: usize) -> JsValue {
    args.get(i).cloned().unwrap_or_default()
}

/// Passes, or records and throws `expect <actual> [not] <what>`. The text
/// is made only on failure.
fn finish(
    s: &State,
    pass: bool,
    what: impl FnOnce(&mut Context) -> String,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    if pass != s.not {
        return Ok(JsValue::undefined());
    }
    let head = s
        .label
        .as_ref()
        .map(|l| format!("{l}: "))
        .unwrap_or_default();
    let not = if s.not { "not " } else { "" };
    let text = format!("{head}expect {} {not}{}", show(&s.actual, ctx), what(ctx));
    let err: JsValue = exception(ctx, &text)?.into();
    if let Some(owner) = &s.owner {
        owner.failures.borrow_mut().push(err.clone());
    }
    Err(JsError::from_opaque(err))
}

fn m_not(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    if let Some(o) = this.as_object() {
        if let Some(e) = o.downcast_ref::<Expectation>() {
            e.not.set(true);
        }
    }
    Ok(this.clone())
}

fn m_message(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let text = arg(args, 0).to_string(ctx)?.to_std_string_escaped();
    if let Some(o) = this.as_object() {
        if let Some(e) = o.downcast_ref::<Expectation>() {
            *e.label.borrow_mut() = Some(text);
        }
    }
    Ok(this.clone())
}

macro_rules! simple {
    ($name:ident, $what:literal, |$a:ident| $pass:expr) => {
        fn $name(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
            let s = state(this)?;
            let $a = &s.actual;
            let pass = $pass;
            finish(&s, pass, |_| $what.to_owned(), ctx)
        }
    };
}

simple!(m_true, "to be true", |a| a
    .strict_equals(&JsValue::from(true)));
simple!(m_false, "to be false", |a| a
    .strict_equals(&JsValue::from(false)));
simple!(m_null, "to be null", |a| a.is_null());
simple!(m_undefined, "to be undefined", |a| a.is_undefined());
simple!(m_nan, "to be NaN", |a| a
    .as_number()
    .is_some_and(f64::is_nan));
simple!(m_neg_inf, "to be -Infinity", |a| a.as_number()
    == Some(f64::NEG_INFINITY));
simple!(m_pos_inf, "to be Infinity", |a| a.as_number()
    == Some(f64::INFINITY));
simple!(m_fail, "to fail (assertFail)", |a| {
    let _ = a;
    false
});

macro_rules! against {
    ($name:ident, $verb:literal, |$a:ident, $e:ident, $ctx:ident| $pass:expr) => {
        fn $name(this: &JsValue, args: &[JsValue], $ctx: &mut Context) -> JsResult<JsValue> {
            let s = state(this)?;
            let $e = arg(args, 0);
            let $a = &s.actual;
            let pass = $pass;
            finish(
                &s,
                pass,
                |ctx| format!(concat!($verb, " {}"), show(&$e, ctx)),
                $ctx,
            )
        }
    };
}

against!(m_equal, "to equal", |a, e, ctx| a.strict_equals(&e));
against!(m_deep_equals, "to deep-equal", |a, e, ctx| deep_equal(
    a, &e, true, ctx
)?);
against!(m_larger, "to be larger than", |a, e, ctx| a.gt(&e, ctx)?);
against!(m_less, "to be less than", |a, e, ctx| a.lt(&e, ctx)?);
against!(m_larger_eq, "to be larger than or equal to", |a, e, ctx| a
    .ge(&e, ctx)?);
against!(m_less_eq, "to be less than or equal to", |a, e, ctx| a
    .le(&e, ctx)?);
against!(m_contain, "to contain", |a, e, ctx| contains(a, &e, ctx)?);

fn contains(a: &JsValue, e: &JsValue, ctx: &mut Context) -> JsResult<bool> {
    if let Some(s) = a.as_string() {
        let needle = e.to_string(ctx)?.to_std_string_escaped();
        return Ok(s.to_std_string_escaped().contains(&needle));
    }
    let Some(list) = a.as_object().filter(JsObject::is_array) else {
        return Ok(false);
    };
    let len = list.get(js_string!("length"), ctx)?.to_length(ctx)?;
    for i in 0..len {
        // hypium compares array items with ==.
        if list.get(i, ctx)?.equals(e, ctx)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// hypium's relative test: |expected − actual| / |actual| < precision.
fn m_close(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let s = state(this)?;
    let (e, p) = (arg(args, 0), arg(args, 1));
    let a = s.actual.to_number(ctx)?;
    let (en, pn) = (e.to_number(ctx)?, p.to_number(ctx)?);
    let diff = (en - a).abs();
    let pass = if a == 0.0 {
        diff == 0.0
    } else {
        diff / a.abs() < pn
    };
    finish(
        &s,
        pass,
        |ctx| {
            format!(
                "to be close to {} (relative precision {})",
                show(&e, ctx),
                show(&p, ctx)
            )
        },
        ctx,
    )
}

/// `Object.prototype.toString`'s tag, as hypium compares it; a class name
/// on the prototype chain counts too.
fn m_instance_of(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let s = state(this)?;
    let name = arg(args, 0).to_string(ctx)?.to_std_string_escaped();
    let tag = match s.actual.to_object(ctx) {
        Ok(o) => tag_of(&o, ctx)?,
        Err(_) => format!(
            "[object {}]",
            if s.actual.is_null() {
                "Null"
            } else {
                "Undefined"
            }
        ),
    };
    let mut pass = tag == format!("[object {name}]");
    if !pass {
        let mut p = s.actual.as_object().and_then(|o| o.prototype());
        while let Some(proto) = p {
            let ctor = proto.get(js_string!("constructor"), ctx)?;
            if let Some(c) = ctor.as_object() {
                if c.get(js_string!("name"), ctx)?
                    .as_string()
                    .is_some_and(|n| n.to_std_string_escaped() == name)
                {
                    pass = true;
                    break;
                }
            }
            p = proto.prototype();
        }
    }
    finish(
        &s,
        pass,
        |_| format!("to be an instance of {name} (it is {tag})"),
        ctx,
    )
}

fn error_name_and_message(e: &JsValue, ctx: &mut Context) -> JsResult<(String, JsValue)> {
    match e.as_object() {
        Some(o) => {
            let name = o.get(js_string!("name"), ctx)?;
            let name = match name.as_string() {
                Some(n) => n.to_std_string_escaped(),
                None => "Object".into(),
            };
            Ok((name, o.get(js_string!("message"), ctx)?))
        }
        None => Ok((e.type_of().to_owned(), e.clone())),
    }
}

/// What `fn` threw; a failure the harness recorded meanwhile is withdrawn.
fn thrown_by(f: &JsValue, ctx: &mut Context) -> JsResult<Option<JsValue>> {
    let Some(f) = f.as_callable() else {
        return Err(JsNativeError::typ()
            .with_message("actualValue is not a function")
            .into());
    };
    match f.call(&JsValue::undefined(), &[], ctx) {
        Ok(_) => Ok(None),
        Err(e) => {
            if Host::get(ctx)?.exit_requested.get() {
                return Err(e);
            }
            let v = e.into_opaque(ctx)?;
            forgive(&v, ctx);
            Ok(Some(v))
        }
    }
}

/// `assertThrowError(message or type)` or `assertThrowError(type, message)`.
fn m_throw_error(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let s = state(this)?;
    let Some(err) = thrown_by(&s.actual, ctx)? else {
        return finish(&s, false, |_| "to throw an error".to_owned(), ctx);
    };
    let (name, message) = error_name_and_message(&err, ctx)?;
    let want0 = arg(args, 0);
    let pass = if args.len() >= 2 {
        let type_ok = want0
            .as_string()
            .is_some_and(|t| t.is_empty() || t.to_std_string_escaped() == name);
        type_ok && message.strict_equals(&arg(args, 1))
    } else {
        // One argument: the message (hypium's JS versions) or the type name (its ArkTS ones).
        message.strict_equals(&want0)
            || want0
                .as_string()
                .is_some_and(|t| t.to_std_string_escaped() == name)
    };
    finish(
        &s,
        pass,
        |ctx| {
            let wanted = if args.len() >= 2 {
                format!("{}: {}", show(&want0, ctx), show(&arg(args, 1), ctx))
            } else {
                show(&want0, ctx)
            };
            format!(
                "to throw {wanted} (it threw {name}: {})",
                show(&message, ctx)
            )
        },
        ctx,
    )
}

/// hypium's basic `assertThrow(message)`.
fn m_throw(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let s = state(this)?;
    let want = arg(args, 0);
    let pass = match thrown_by(&s.actual, ctx)? {
        Some(err) => error_name_and_message(&err, ctx)?.1.strict_equals(&want),
        None => false,
    };
    finish(
        &s,
        pass,
        |ctx| format!("to throw {}", show(&want, ctx)),
        ctx,
    )
}

// ---- promise matchers: return a promise, rejected when the matcher fails ----

fn promise_matcher(
    this: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
    check: fn(&PromiseState, &[JsValue], &mut Context) -> JsResult<bool>,
    what: &str,
) -> JsResult<JsValue> {
    let s = state(this)?;
    let result = match s.actual.as_promise() {
        Some(p) => {
            mark_handled(&p, ctx);
            let st = p.state();
            let pass = check(&st, args, ctx)?;
            finish(
                &s,
                pass,
                |ctx| {
                    let now = match &st {
                        PromiseState::Pending => "pending".to_owned(),
                        PromiseState::Fulfilled(v) => format!("resolved with {}", show(v, ctx)),
                        PromiseState::Rejected(v) => format!("rejected with {}", show(v, ctx)),
                    };
                    let with = if args.is_empty() {
                        String::new()
                    } else {
                        let shown: Vec<String> = args.iter().map(|a| show(a, ctx)).collect();
                        format!(" {}", shown.join(", "))
                    };
                    format!("to be {what}{with} (it is {now})")
                },
                ctx,
            )
        }
        None => finish(&s, false, |_| "to be a promise".to_owned(), ctx),
    };
    Ok(match result {
        Ok(v) => JsPromise::resolve(v, ctx)?,
        Err(e) => JsPromise::reject(e, ctx)?,
    }
    .into())
}

fn error_matches(e: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<bool> {
    let (name, message) = error_name_and_message(e, ctx)?;
    let type_ok = |t: &JsValue, ctx: &mut Context| -> JsResult<bool> {
        match t.as_callable() {
            Some(c) => Ok(e.instance_of(t, ctx)?
                || c.get(js_string!("name"), ctx)?
                    .as_string()
                    .is_some_and(|n| n.to_std_string_escaped() == name)),
            None => Ok(true),
        }
    };
    let first = arg(args, 0);
    if args.len() == 1 {
        if first.is_callable() {
            return type_ok(&first, ctx);
        }
        return Ok(message.strict_equals(&first));
    }
    Ok(type_ok(&first, ctx)? && message.strict_equals(&arg(args, 1)))
}

macro_rules! promise_m {
    ($name:ident, $what:literal, |$st:ident, $args:ident, $ctx:ident| $pass:expr) => {
        fn $name(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
            fn check($st: &PromiseState, $args: &[JsValue], $ctx: &mut Context) -> JsResult<bool> {
                let _ = (&$args, &$ctx);
                Ok($pass)
            }
            promise_matcher(this, args, ctx, check, $what)
        }
    };
}

promise_m!(m_p_pending, "pending", |st, args, ctx| matches!(
    st,
    PromiseState::Pending
));
promise_m!(m_p_resolved, "resolved", |st, args, ctx| matches!(
    st,
    PromiseState::Fulfilled(_)
));
promise_m!(m_p_rejected, "rejected", |st, args, ctx| matches!(
    st,
    PromiseState::Rejected(_)
));
promise_m!(
    m_p_resolved_with,
    "resolved with",
    |st, args, ctx| match st {
        PromiseState::Fulfilled(v) => args.is_empty() || deep_equal(v, &arg(args, 0), true, ctx)?,
        _ => false,
    }
);
promise_m!(
    m_p_rejected_with,
    "rejected with",
    |st, args, ctx| match st {
        PromiseState::Rejected(v) => args.is_empty() || deep_equal(v, &arg(args, 0), true, ctx)?,
        _ => false,
    }
);
promise_m!(
    m_p_rejected_with_error,
    "rejected with the error",
    |st, args, ctx| match st {
        PromiseState::Rejected(v) => error_matches(v, args, ctx)?,
        _ => false,
    }
);

const MATCHERS: &[(&str, NativeFunctionPointer, usize)] = &[
    ("not", m_not, 0),
    ("message", m_message, 1),
    ("assertTrue", m_true, 0),
    ("assertFalse", m_false, 0),
    ("assertNull", m_null, 0),
    ("assertUndefined", m_undefined, 0),
    ("assertNaN", m_nan, 0),
    ("assertNegUnlimited", m_neg_inf, 0),
    ("assertPosUnlimited", m_pos_inf, 0),
    ("assertFail", m_fail, 0),
    ("assertEqual", m_equal, 1),
    ("assertDeepEquals", m_deep_equals, 1),
    ("assertLarger", m_larger, 1),
    ("assertLess", m_less, 1),
    ("assertLargerOrEqual", m_larger_eq, 1),
    ("assertLessOrEqual", m_less_eq, 1),
    ("assertContain", m_contain, 1),
    ("assertClose", m_close, 2),
    ("assertInstanceOf", m_instance_of, 1),
    ("assertThrowError", m_throw_error, 2),
    ("assertThrow", m_throw, 1),
    ("assertPromiseIsPending", m_p_pending, 0),
    ("assertPromiseIsResolved", m_p_resolved, 0),
    ("assertPromiseIsRejected", m_p_rejected, 0),
    ("assertPromiseIsResolvedWith", m_p_resolved_with, 1),
    ("assertPromiseIsRejectedWith", m_p_rejected_with, 1),
    (
        "assertPromiseIsRejectedWithError",
        m_p_rejected_with_error,
        2,
    ),
];

// ---- the module ------------------------------------------------------------------------

fn enum_object(ctx: &mut Context, items: &[(&str, i32)]) -> JsObject {
    let mut init = ObjectInitializer::new(ctx);
    for (name, value) in items {
        init.property(
            JsString::from(*name),
            *value,
            Attribute::READONLY | Attribute::ENUMERABLE,
        );
    }
    init.build()
}

/// `Hypium.registerAssert(fn)`: `fn(actual, ...args)` returns `{pass, message}`.
fn register_assert(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let Some(f) = args
        .first()
        .and_then(JsValue::as_object)
        .filter(JsObject::is_callable)
    else {
        return Ok(JsValue::undefined());
    };
    let name = f.get(js_string!("name"), ctx)?.to_string(ctx)?;
    if name.is_empty() {
        return Ok(JsValue::undefined());
    }
    let method = NativeFunction::from_copy_closure_with_captures(
        |this, args, f: &JsObject, ctx| {
            let s = state(this)?;
            let mut call_args = vec![s.actual.clone()];
            call_args.extend_from_slice(args);
            let r = f.call(&JsValue::undefined(), &call_args, ctx)?;
            let (pass, message) = match r.as_object() {
                Some(o) => (
                    o.get(js_string!("pass"), ctx)?.to_boolean(),
                    o.get(js_string!("message"), ctx)?,
                ),
                None => (r.to_boolean(), JsValue::undefined()),
            };
            let fname = f
                .get(js_string!("name"), ctx)?
                .to_string(ctx)?
                .to_std_string_escaped();
            finish(
                &s,
                pass,
                |ctx| match message.as_string() {
                    Some(m) => format!("({fname}: {})", m.to_std_string_escaped()),
                    None => {
                        let _ = ctx;
                        format!("to pass {fname}")
                    }
                },
                ctx,
            )
        },
        f.clone(),
    );
    let method = FunctionObjectBuilder::new(ctx.realm(), method)
        .name(name.clone())
        .build();
    let (proto, _) = parts(ctx)?;
    proto.set(name, method, false, ctx)?;
    Ok(JsValue::undefined())
}

fn unregister_assert(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let v = arg(args, 0);
    let name = match v.as_object() {
        Some(f) => f.get(js_string!("name"), ctx)?.to_string(ctx)?,
        None => v.to_string(ctx)?,
    };
    let builtin = MATCHERS.iter().any(|(n, _, _)| name == *n);
    if !builtin {
        let (proto, _) = parts(ctx)?;
        proto.delete_property_or_throw(name, ctx)?;
    }
    Ok(JsValue::undefined())
}

/// What suites touch of hypium's `Hypium` class; the runner does the rest.
fn hypium_object(ctx: &mut Context) -> JsResult<JsObject> {
    let context = JsMap::new(ctx);
    let map: JsObject = context.clone().into();
    let set = NativeFunction::from_copy_closure_with_captures(
        |_, args, map: &JsObject, ctx| {
            let m = JsMap::from_object(map.clone())?;
            m.set(arg(args, 0), arg(args, 1), ctx)
        },
        map.clone(),
    );
    let get = NativeFunction::from_copy_closure_with_captures(
        |_, args, map: &JsObject, ctx| {
            let m = JsMap::from_object(map.clone())?;
            m.get(arg(args, 0), ctx)
        },
        map.clone(),
    );
    let noop = || NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined()));
    let hypium_test = NativeFunction::from_fn_ptr(|_, args, ctx| {
        match args.get(2).and_then(JsValue::as_callable) {
            Some(suite) => suite.call(&JsValue::undefined(), &[], ctx),
            None => Ok(JsValue::undefined()),
        }
    });
    Ok(ObjectInitializer::new(ctx)
        .property(js_string!("context"), map, Attribute::all())
        .function(set, js_string!("set"), 2)
        .function(get, js_string!("get"), 1)
        .function(hypium_test, js_string!("hypiumTest"), 3)
        .function(noop(), js_string!("setData"), 1)
        .function(noop(), js_string!("setTimeConfig"), 1)
        .function(
            NativeFunction::from_fn_ptr(register_assert),
            js_string!("registerAssert"),
            1,
        )
        .function(
            NativeFunction::from_fn_ptr(unregister_assert),
            js_string!("unregisterAssert"),
            1,
        )
        .build())
}

/// The module's exports.
pub(crate) fn exports(ctx: &mut Context) -> JsResult<JsObject> {
    let exports = JsObject::with_object_proto(ctx.intrinsics());
    hypium_registration(&exports, ctx)?;
    let expect = expect_function(ctx);
    exports.set(js_string!("expect"), expect, false, ctx)?;
    let (_, exception) = parts(ctx)?;
    exports.set(js_string!("AssertException"), exception, false, ctx)?;
    exports.set(js_string!("DEFAULT"), 0, false, ctx)?;
    let test_type = enum_object(
        ctx,
        &[
            ("FUNCTION", 1),
            ("PERFORMANCE", 1 << 1),
            ("POWER", 1 << 2),
            ("RELIABILITY", 1 << 3),
            ("SECURITY", 1 << 4),
            ("GLOBAL", 1 << 5),
            ("COMPATIBILITY", 1 << 6),
            ("USER", 1 << 7),
            ("STANDARD", 1 << 8),
            ("SAFETY", 1 << 9),
            ("RESILIENCE", 1 << 10),
        ],
    );
    exports.set(js_string!("TestType"), test_type, false, ctx)?;
    let size = enum_object(
        ctx,
        &[
            ("SMALLTEST", 1 << 16),
            ("MEDIUMTEST", 1 << 17),
            ("LARGETEST", 1 << 18),
        ],
    );
    exports.set(js_string!("Size"), size, false, ctx)?;
    let level = enum_object(
        ctx,
        &[
            ("LEVEL0", 1 << 24),
            ("LEVEL1", 1 << 25),
            ("LEVEL2", 1 << 26),
            ("LEVEL3", 1 << 27),
            ("LEVEL4", 1 << 28),
        ],
    );
    exports.set(js_string!("Level"), level, false, ctx)?;
    let hypium = hypium_object(ctx)?;
    exports.set(js_string!("Hypium"), hypium, false, ctx)?;
    Ok(exports)
}
