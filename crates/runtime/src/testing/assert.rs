//! `assert`, `node:assert`, `assert/strict`: node's assert module, native.
//! A failed assertion is recorded against the running test before it is
//! thrown, so the test fails even if the script catches the error.

use boa_engine::native_function::NativeFunctionPointer;
use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::object::{FunctionObjectBuilder, JsObject};
use boa_engine::{
    js_string, Context, JsError, JsNativeError, JsResult, JsString, JsValue, NativeFunction,
};

use super::deep::{deep_equal, diff, show, tag_of};
use super::harness::{forgive, record};
use super::modules::{error_class, make_error};
use crate::host::Host;

/// The `AssertionError` class of this context.
struct AssertionErrorClass(JsObject);

fn class(ctx: &mut Context) -> JsResult<JsObject> {
    if let Some(c) = ctx.get_data::<AssertionErrorClass>() {
        return Ok(c.0.clone());
    }
    let c = error_class(ctx, "AssertionError", assertion_error_ctor)?;
    ctx.insert_data(AssertionErrorClass(c.clone()));
    Ok(c)
}

/// The module's exports: `assert` (loose) with `assert.strict` on it.
pub(crate) fn exports(ctx: &mut Context) -> JsResult<JsObject> {
    let loose = build(ctx, false)?;
    let strict = build(ctx, true)?;
    loose.set(js_string!("strict"), strict.clone(), false, ctx)?;
    strict.set(js_string!("strict"), strict.clone(), false, ctx)?;
    Ok(loose)
}

fn build(ctx: &mut Context, strict: bool) -> JsResult<JsObject> {
    let assert: JsObject = FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(ok))
        .name(js_string!("ok"))
        .length(2)
        .build()
        .into();
    let mut methods: Vec<(&str, NativeFunctionPointer, usize)> = vec![
        ("ok", ok, 2),
        ("fail", fail, 1),
        ("strictEqual", strict_equal, 3),
        ("notStrictEqual", not_strict_equal, 3),
        ("deepStrictEqual", deep_strict_equal, 3),
        ("notDeepStrictEqual", not_deep_strict_equal, 3),
        ("throws", throws, 3),
        ("doesNotThrow", does_not_throw, 3),
        ("rejects", rejects, 3),
        ("doesNotReject", does_not_reject, 3),
        ("match", matches, 3),
        ("doesNotMatch", does_not_match, 3),
        ("ifError", if_error, 1),
    ];
    if strict {
        methods.extend([
            ("equal", strict_equal as NativeFunctionPointer, 3),
            ("notEqual", not_strict_equal, 3),
            ("deepEqual", deep_strict_equal, 3),
            ("notDeepEqual", not_deep_strict_equal, 3),
        ]);
    } else {
        methods.extend([
            ("equal", equal as NativeFunctionPointer, 3),
            ("notEqual", not_equal, 3),
            ("deepEqual", deep_equal_loose, 3),
            ("notDeepEqual", not_deep_equal_loose, 3),
        ]);
    }
    for (name, f, len) in methods {
        let f = FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(f))
            .name(JsString::from(name))
            .length(len)
            .build();
        assert.set(JsString::from(name), f, false, ctx)?;
    }
    let class = class(ctx)?;
    assert.set(js_string!("AssertionError"), class, false, ctx)?;
    Ok(assert)
}

fn arg(args: &[JsValue], i: usize) -> JsValue {
    args.get(i).cloned().unwrap_or_default()
}

/// node's generated message for an operator.
fn generated(op: &str, actual: &JsValue, expected: &JsValue, ctx: &mut Context) -> String {
    let a = show(actual, ctx);
    let e = show(expected, ctx);
    match op {
        "strictEqual" if a == e => {
            format!("Values have same structure but are not reference-equal:\n\n{a}")
        }
        "strictEqual" => format!(
            "Expected values to be strictly equal:\n{}",
            diff(&a, &e, Some("!=="))
        ),
        "deepStrictEqual" => format!(
            "Expected values to be strictly deep-equal:\n{}",
            diff(&a, &e, None)
        ),
        "deepEqual" => format!(
            "Expected values to be loosely deep-equal:\n{}",
            diff(&a, &e, None)
        ),
        "notStrictEqual" => format!(
            "Expected \"actual\" to be strictly unequal to:{}",
            block(&e)
        ),
        "notDeepStrictEqual" => {
            format!(
                "Expected \"actual\" not to be strictly deep-equal to:{}",
                block(&e)
            )
        }
        "notDeepEqual" => format!(
            "Expected \"actual\" not to be loosely deep-equal to:{}",
            block(&e)
        ),
        "fail" => "Failed".to_owned(),
        op => format!("{a} {op} {e}"),
    }
}

/// ` value` after a colon, or the value on lines of its own.
fn block(shown: &str) -> String {
    if shown.contains('\n') {
        format!("\n\n{shown}")
    } else {
        format!(" {shown}")
    }
}

/// Builds an `AssertionError` (message given or generated from the operator).
fn assertion_error(
    actual: &JsValue,
    expected: &JsValue,
    operator: &str,
    message: Option<String>,
    ctx: &mut Context,
) -> JsResult<JsObject> {
    let generated_message = message.is_none();
    let message = match message {
        Some(m) => m,
        None => generated(operator, actual, expected, ctx),
    };
    let class = class(ctx)?;
    let proto = class.get(js_string!("prototype"), ctx)?;
    let err = make_error(ctx, proto.as_object().as_ref(), &message)?;
    err.set(
        js_string!("generatedMessage"),
        generated_message,
        false,
        ctx,
    )?;
    err.set(js_string!("code"), js_string!("ERR_ASSERTION"), false, ctx)?;
    err.set(js_string!("actual"), actual.clone(), false, ctx)?;
    err.set(js_string!("expected"), expected.clone(), false, ctx)?;
    err.set(js_string!("operator"), JsString::from(operator), false, ctx)?;
    Ok(err)
}

/// `new AssertionError({ message, actual, expected, operator })`.
fn assertion_error_ctor(
    new_target: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let options = args.first().and_then(JsValue::as_object);
    let get = |key: &str, ctx: &mut Context| -> JsResult<JsValue> {
        match &options {
            Some(o) => o.get(JsString::from(key), ctx),
            None => Ok(JsValue::undefined()),
        }
    };
    let message = get("message", ctx)?;
    let actual = get("actual", ctx)?;
    let expected = get("expected", ctx)?;
    let operator = get("operator", ctx)?;
    let operator = if operator.is_undefined() {
        String::new()
    } else {
        operator.to_string(ctx)?.to_std_string_escaped()
    };
    let message = if message.is_undefined() || message.is_null() {
        None
    } else {
        Some(message.to_string(ctx)?.to_std_string_escaped())
    };
    let err = assertion_error(&actual, &expected, &operator, message, ctx)?;
    // A subclass: its own prototype.
    if let Some(target) = new_target.as_object() {
        if !JsObject::equals(&target, &class(ctx)?) {
            if let Some(p) = target.get(js_string!("prototype"), ctx)?.as_object() {
                err.set_prototype(Some(p));
            }
        }
    }
    Ok(err.into())
}

fn is_error(v: &JsValue, ctx: &mut Context) -> JsResult<bool> {
    match v.as_object() {
        Some(o) => Ok(tag_of(&o, ctx)? == "[object Error]"),
        None => Ok(false),
    }
}

/// Records `err` against the running test, then throws it.
fn raise(err: JsValue, ctx: &mut Context) -> JsResult<JsValue> {
    record(&err, None, ctx);
    Err(JsError::from_opaque(err))
}

/// Fails with an `AssertionError`; a `message` that is an Error is thrown
/// instead, as node does.
fn fail_with(
    actual: &JsValue,
    expected: &JsValue,
    operator: &str,
    message: &JsValue,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    if is_error(message, ctx)? {
        return raise(message.clone(), ctx);
    }
    let text = if message.is_undefined() {
        None
    } else {
        Some(message.to_string(ctx)?.to_std_string_escaped())
    };
    let err = assertion_error(actual, expected, operator, text, ctx)?;
    raise(err.into(), ctx)
}

/// As `fail_with`, with a message made here unless the caller gave one.
fn fail_text(
    actual: &JsValue,
    expected: &JsValue,
    operator: &str,
    message: &JsValue,
    text: impl FnOnce(&mut Context) -> String,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    if message.is_undefined() {
        let m = JsValue::from(JsString::from(text(ctx).as_str()));
        fail_with(actual, expected, operator, &m, ctx)
    } else {
        fail_with(actual, expected, operator, message, ctx)
    }
}

fn ok(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let value = arg(args, 0);
    if value.to_boolean() {
        return Ok(JsValue::undefined());
    }
    let message = arg(args, 1);
    let shown = value.clone();
    fail_text(
        &value,
        &JsValue::from(true),
        "==",
        &message,
        |ctx| {
            format!(
                "The expression evaluated to a falsy value:\n\n  assert.ok({})",
                show(&shown, ctx)
            )
        },
        ctx,
    )
}

fn fail(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let message = arg(args, 0);
    let u = JsValue::undefined();
    fail_with(&u, &u, "fail", &message, ctx)
}

macro_rules! comparison {
    ($name:ident, $op:literal, |$a:ident, $e:ident, $ctx:ident| $passes:expr) => {
        fn $name(_: &JsValue, args: &[JsValue], $ctx: &mut Context) -> JsResult<JsValue> {
            let ($a, $e) = (arg(args, 0), arg(args, 1));
            if $passes {
                return Ok(JsValue::undefined());
            }
            fail_with(&$a, &$e, $op, &arg(args, 2), $ctx)
        }
    };
}

comparison!(
    strict_equal,
    "strictEqual",
    |a, e, ctx| JsValue::same_value(&a, &e)
);
comparison!(not_strict_equal, "notStrictEqual", |a, e, ctx| {
    !JsValue::same_value(&a, &e)
});
comparison!(equal, "==", |a, e, ctx| loose_equal(&a, &e, ctx)?);
comparison!(not_equal, "!=", |a, e, ctx| !loose_equal(&a, &e, ctx)?);
comparison!(deep_strict_equal, "deepStrictEqual", |a, e, ctx| {
    deep_equal(&a, &e, true, ctx)?
});
comparison!(not_deep_strict_equal, "notDeepStrictEqual", |a, e, ctx| {
    !deep_equal(&a, &e, true, ctx)?
});
comparison!(deep_equal_loose, "deepEqual", |a, e, ctx| deep_equal(
    &a, &e, false, ctx
)?);
comparison!(not_deep_equal_loose, "notDeepEqual", |a, e, ctx| {
    !deep_equal(&a, &e, false, ctx)?
});

fn loose_equal(a: &JsValue, e: &JsValue, ctx: &mut Context) -> JsResult<bool> {
    let nan = |v: &JsValue| v.as_number().is_some_and(f64::is_nan);
    Ok((nan(a) && nan(e)) || a.equals(e, ctx)?)
}

/// `throws(fn, "message")` means `throws(fn, undefined, "message")`.
fn expected_and_message(args: &[JsValue]) -> (JsValue, JsValue) {
    let expected = arg(args, 1);
    if expected.is_string() {
        (JsValue::undefined(), expected)
    } else {
        (expected, arg(args, 2))
    }
}

/// Calls `fn`; what it threw, if anything. An error a harness assertion
/// recorded is withdrawn: the caller expected it.
fn thrown_by(f: &JsValue, ctx: &mut Context) -> JsResult<Option<JsValue>> {
    let Some(f) = f.as_callable() else {
        return Err(JsNativeError::typ()
            .with_message(format!(
                "The \"fn\" argument must be of type function. Received {}",
                show(f, ctx)
            ))
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

fn regexp_test(re: &JsObject, input: &JsValue, ctx: &mut Context) -> JsResult<bool> {
    let test = re.get(js_string!("test"), ctx)?;
    match test.as_callable() {
        Some(t) => Ok(t
            .call(&re.clone().into(), std::slice::from_ref(input), ctx)?
            .to_boolean()),
        None => Ok(false),
    }
}

fn is_regexp(v: &JsValue, ctx: &mut Context) -> JsResult<Option<JsObject>> {
    match v.as_object() {
        Some(o) if tag_of(&o, ctx)? == "[object RegExp]" => Ok(Some(o)),
        _ => Ok(None),
    }
}

/// `None` if `err` matches `expected` (a class, RegExp, validation function
/// or object of properties), else why not.
pub(crate) fn mismatch(
    err: &JsValue,
    expected: &JsValue,
    ctx: &mut Context,
) -> JsResult<Option<String>> {
    if expected.is_undefined() {
        return Ok(None);
    }
    if let Some(re) = is_regexp(expected, ctx)? {
        let text = JsValue::from(err.to_string(ctx)?);
        return Ok((!regexp_test(&re, &text, ctx)?).then(|| {
            format!(
                "The input did not match the regular expression {}. Input:\n\n{}",
                show(expected, ctx),
                show(&text, ctx)
            )
        }));
    }
    if let Some(f) = expected.as_callable() {
        let has_proto = f.get(js_string!("prototype"), ctx)?.is_object();
        if has_proto && err.instance_of(expected, ctx)? {
            return Ok(None);
        }
        let error_ctor: JsObject = ctx.intrinsics().constructors().error().constructor();
        let mut p = Some(f.clone());
        let mut is_error_class = false;
        while let Some(o) = p {
            if JsObject::equals(&o, &error_ctor) {
                is_error_class = true;
                break;
            }
            p = o.prototype();
        }
        let name = f
            .get(js_string!("name"), ctx)?
            .to_string(ctx)?
            .to_std_string_escaped();
        if is_error_class {
            return Ok(Some(format!(
                "The error is expected to be an instance of \"{name}\". Received {}",
                show(err, ctx)
            )));
        }
        let r = f.call(&JsValue::undefined(), std::slice::from_ref(err), ctx)?;
        return Ok((!r.strict_equals(&JsValue::from(true))).then(|| {
            format!(
                "The \"{name}\" validation function is expected to return \"true\". Received {}",
                show(err, ctx)
            )
        }));
    }
    let Some(want) = expected.as_object() else {
        return Ok(None);
    };
    for key in crate::modules::object_keys(&want, ctx)? {
        let w = want.get(key.clone(), ctx)?;
        let g = match err.as_object() {
            Some(o) => o.get(key.clone(), ctx)?,
            None => JsValue::undefined(),
        };
        let k = key.to_std_string_escaped();
        if let (Some(re), true) = (is_regexp(&w, ctx)?, g.is_string()) {
            if !regexp_test(&re, &g, ctx)? {
                return Ok(Some(format!(
                    "{k}: {} does not match {}",
                    show(&g, ctx),
                    show(&w, ctx)
                )));
            }
        } else if !deep_equal(&g, &w, true, ctx)? {
            let (gs, ws) = (show(&g, ctx), show(&w, ctx));
            return Ok(Some(format!(
                "Expected values to be strictly deep-equal at \"{k}\":\n{}",
                diff(&gs, &ws, Some("!=="))
            )));
        }
    }
    Ok(None)
}

fn message_of(v: &JsValue, ctx: &mut Context) -> String {
    if let Some(o) = v.as_object() {
        if let Ok(m) = o.get(js_string!("message"), ctx) {
            if let Some(s) = m.as_string() {
                return s.to_std_string_escaped();
            }
        }
    }
    show(v, ctx)
}

fn throws(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let (expected, message) = expected_and_message(args);
    let Some(err) = thrown_by(&arg(args, 0), ctx)? else {
        return fail_text(
            &JsValue::undefined(),
            &expected,
            "throws",
            &message,
            |_| "Missing expected exception.".to_owned(),
            ctx,
        );
    };
    match mismatch(&err, &expected, ctx)? {
        None => Ok(JsValue::undefined()),
        Some(why) => fail_text(&err, &expected, "throws", &message, |_| why, ctx),
    }
}

fn does_not_throw(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let (expected, message) = expected_and_message(args);
    let Some(err) = thrown_by(&arg(args, 0), ctx)? else {
        return Ok(JsValue::undefined());
    };
    if mismatch(&err, &expected, ctx)?.is_some() {
        // Not the kind of error the caller meant: let it through.
        return Err(JsError::from_opaque(err));
    }
    let actual = message_of(&err, ctx);
    let suffix = if message.is_undefined() {
        ".".to_owned()
    } else {
        format!(": {}", message.to_string(ctx)?.to_std_string_escaped())
    };
    let text = JsValue::from(JsString::from(
        format!("Got unwanted exception{suffix}\nActual message: \"{actual}\"").as_str(),
    ));
    fail_with(&err, &expected, "doesNotThrow", &text, ctx)
}

/// The promise `rejects`/`doesNotReject` watch: the argument, or what the
/// function returns.
fn promise_of(v: &JsValue, ctx: &mut Context) -> JsResult<Result<JsPromise, JsValue>> {
    let value = match v.as_callable() {
        Some(f) => match f.call(&JsValue::undefined(), &[], ctx) {
            Ok(r) => r,
            Err(e) => return Ok(Err(e.into_opaque(ctx)?)),
        },
        None => v.clone(),
    };
    let thenable = match value.as_object() {
        Some(o) => o.get(js_string!("then"), ctx)?.is_callable(),
        None => false,
    };
    if !thenable {
        let err = JsNativeError::typ()
            .with_message(format!(
                "The \"promiseFn\" argument must be a promise or a function returning one. Received {}",
                show(&value, ctx)
            ))
            .into_opaque(ctx);
        return Ok(Err(err.into()));
    }
    Ok(Ok(JsPromise::resolve(value, ctx)?))
}

fn handler(
    ctx: &mut Context,
    f: fn(&JsValue, &(JsValue, JsValue), &mut Context) -> JsResult<JsValue>,
    captures: (JsValue, JsValue),
) -> JsFunction {
    let native = NativeFunction::from_copy_closure_with_captures(
        move |_, args, caps: &(JsValue, JsValue), ctx| f(&arg(args, 0), caps, ctx),
        captures,
    );
    FunctionObjectBuilder::new(ctx.realm(), native)
        .length(1)
        .build()
}

fn watch(
    args: &[JsValue],
    on_ok: fn(&JsValue, &(JsValue, JsValue), &mut Context) -> JsResult<JsValue>,
    on_err: fn(&JsValue, &(JsValue, JsValue), &mut Context) -> JsResult<JsValue>,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let (expected, message) = expected_and_message(args);
    let promise = match promise_of(&arg(args, 0), ctx)? {
        Ok(p) => p,
        Err(sync_error) => {
            return Ok(JsPromise::reject(JsError::from_opaque(sync_error), ctx)?.into())
        }
    };
    let caps = (expected, message);
    let ok = handler(ctx, on_ok, caps.clone());
    let err = handler(ctx, on_err, caps);
    Ok(promise.then(Some(ok), Some(err), ctx)?.into())
}

fn rejects(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    watch(
        args,
        |_, (expected, message), ctx| {
            fail_text(
                &JsValue::undefined(),
                expected,
                "rejects",
                message,
                |_| "Missing expected rejection.".to_owned(),
                ctx,
            )
        },
        |reason, (expected, message), ctx| {
            forgive(reason, ctx);
            match mismatch(reason, expected, ctx)? {
                None => Ok(JsValue::undefined()),
                Some(why) => fail_text(reason, expected, "rejects", message, |_| why, ctx),
            }
        },
        ctx,
    )
}

fn does_not_reject(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    watch(
        args,
        |_, _, _| Ok(JsValue::undefined()),
        |reason, (expected, message), ctx| {
            forgive(reason, ctx);
            if mismatch(reason, expected, ctx)?.is_some() {
                return Err(JsError::from_opaque(reason.clone()));
            }
            let actual = message_of(reason, ctx);
            let suffix = if message.is_undefined() {
                ".".to_owned()
            } else {
                format!(": {}", message.to_string(ctx)?.to_std_string_escaped())
            };
            let text = JsValue::from(JsString::from(
                format!("Got unwanted rejection{suffix}\nActual message: \"{actual}\"").as_str(),
            ));
            fail_with(reason, expected, "doesNotReject", &text, ctx)
        },
        ctx,
    )
}

fn match_impl(args: &[JsValue], wanted: bool, ctx: &mut Context) -> JsResult<JsValue> {
    let (string, regexp, message) = (arg(args, 0), arg(args, 1), arg(args, 2));
    let Some(re) = is_regexp(&regexp, ctx)? else {
        return Err(JsNativeError::typ()
            .with_message("The \"regexp\" argument must be an instance of RegExp.")
            .into());
    };
    let op = if wanted { "match" } else { "doesNotMatch" };
    if !string.is_string() {
        return fail_text(
            &string,
            &regexp,
            op,
            &message,
            |ctx| {
                format!(
                    "The \"string\" argument must be of type string. Received {}",
                    show(&string, ctx)
                )
            },
            ctx,
        );
    }
    if regexp_test(&re, &string, ctx)? == wanted {
        return Ok(JsValue::undefined());
    }
    fail_text(
        &string,
        &regexp,
        op,
        &message,
        |ctx| {
            let verb = if wanted {
                "did not match"
            } else {
                "was expected to not match"
            };
            format!(
                "The input {verb} the regular expression {}. Input:\n\n{}",
                show(&regexp, ctx),
                show(&string, ctx)
            )
        },
        ctx,
    )
}

fn matches(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    match_impl(args, true, ctx)
}

fn does_not_match(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    match_impl(args, false, ctx)
}

fn if_error(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let value = arg(args, 0);
    if value.is_undefined() || value.is_null() {
        return Ok(JsValue::undefined());
    }
    let text = format!(
        "ifError got unwanted exception: {}",
        message_of(&value, ctx)
    );
    let err = assertion_error(&value, &JsValue::null(), "ifError", Some(text), ctx)?;
    raise(err.into(), ctx)
}
