//! The built-in test modules (`assert`, `assert/strict`, `node:test`,
//! `@ohos/hypium`), the harness core they share, and its native ops.

use std::rc::Rc;
use std::time::{Duration, Instant};

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::builtins::{JsArray, JsPromise};
use boa_engine::object::{JsObject, ObjectInitializer};
use boa_engine::property::Attribute;
use boa_engine::{js_string, Context, JsError, JsNativeError, JsResult, JsString, JsValue};

use super::report::{Reporter, Status};
use crate::event_loop::{mark_handled, LoopExit, EXIT_MARKER};
use crate::host::Host;
use crate::modules::registry::{eval_facade, eval_facade_object, op, NativeModule};

const CORE_JS: &str = include_str!("../../../../js-lib/test/core.js");
const ASSERT_JS: &str = include_str!("../../../../js-lib/test/assert.js");
const NODE_TEST_JS: &str = include_str!("../../../../js-lib/test/node.js");
const HYPIUM_JS: &str = include_str!("../../../../js-lib/test/hypium.js");

/// The modules every runtime gets (a host may replace any of them by
/// registering a module with the same specifier).
pub(crate) fn builtin_modules() -> Vec<Rc<dyn NativeModule>> {
    vec![
        Rc::new(Assert),
        Rc::new(AssertStrict),
        Rc::new(NodeTest),
        Rc::new(Hypium),
    ]
}

/// The harness core of this context, compiled on first use.
struct CoreSlot(JsObject);

pub(crate) fn core(ctx: &mut Context) -> JsResult<JsObject> {
    if let Some(slot) = ctx.get_data::<CoreSlot>() {
        return Ok(slot.0.clone());
    }
    let ops = ObjectInitializer::new(ctx).build();
    for (name, f, len) in [
        (
            "op_test_wait",
            op_test_wait as boa_engine::native_function::NativeFunctionPointer,
            2,
        ),
        ("op_test_drive", op_test_drive, 1),
        ("op_test_report", op_test_report, 5),
        ("op_test_inspect", op_test_inspect, 1),
        ("op_test_summary", op_test_summary, 0),
    ] {
        let f = op(ctx, f, name, len);
        ops.set(JsString::from(name), f, false, ctx)?;
    }
    let core = eval_facade_object(ctx, "test/core", CORE_JS, ops)?;
    ctx.insert_data(CoreSlot(core.clone()));
    Ok(core)
}

/// A facade whose `ops` is `{ core }`.
fn with_core(ctx: &mut Context, name: &str, source: &str) -> JsResult<JsObject> {
    let core = core(ctx)?;
    let ops = ObjectInitializer::new(ctx)
        .property(js_string!("core"), core, Attribute::all())
        .build();
    let v = eval_facade(ctx, name, source, ops)?;
    v.as_object().ok_or_else(|| {
        JsNativeError::typ()
            .with_message(format!("facade {name} exported no object"))
            .into()
    })
}

/// `assert` and `node:assert`.
struct Assert;

impl NativeModule for Assert {
    fn specifiers(&self) -> &[&'static str] {
        &["assert"]
    }
    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        with_core(ctx, "assert", ASSERT_JS)
    }
}

/// `assert/strict` and `node:assert/strict`: `assert.strict`.
struct AssertStrict;

impl NativeModule for AssertStrict {
    fn specifiers(&self) -> &[&'static str] {
        &["assert/strict"]
    }
    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        let assert = crate::modules::require::require("assert", None, ctx)?;
        let strict = match assert.as_object() {
            Some(a) => a.get(js_string!("strict"), ctx)?,
            None => JsValue::undefined(),
        };
        strict.as_object().ok_or_else(|| {
            JsNativeError::typ()
                .with_message("assert.strict is missing")
                .into()
        })
    }
}

/// `node:test`.
struct NodeTest;

impl NativeModule for NodeTest {
    fn specifiers(&self) -> &[&'static str] {
        &["test"]
    }
    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        with_core(ctx, "test", NODE_TEST_JS)
    }
}

/// `@ohos/hypium`.
struct Hypium;

impl NativeModule for Hypium {
    fn specifiers(&self) -> &[&'static str] {
        &["@ohos/hypium"]
    }
    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        with_core(ctx, "@ohos/hypium", HYPIUM_JS)
    }
}

/// The deadline `ms` milliseconds from now; none for 0, negative or infinite.
pub(crate) fn deadline_after(ms: f64) -> Option<Instant> {
    if ms.is_nan() || ms <= 0.0 || ms.is_infinite() {
        return None;
    }
    Instant::now().checked_add(Duration::from_secs_f64(ms / 1000.0))
}

/// The uncatchable error `process.exit()` unwinds with.
pub(crate) fn exit_error() -> JsError {
    JsError::from(boa_engine::error::PanicError::new(EXIT_MARKER))
}

/// How waiting for a promise ended.
pub(crate) enum Waited {
    Fulfilled(JsValue),
    Rejected(JsValue),
    /// The deadline passed first.
    TimedOut,
    /// Nothing is left pending that could settle the promise.
    Idle,
    /// An uncaught error or unhandled rejection was reported meanwhile.
    Error,
}

/// Runs the loop until `promise` settles, `deadline` passes, or (when
/// `stop_on_error`) an uncaught error is reported.
///
/// # Errors
/// The uncatchable `process.exit()` error when the script exits.
pub(crate) fn wait_for(
    promise: &JsPromise,
    deadline: Option<Instant>,
    stop_on_error: bool,
    ctx: &mut Context,
) -> JsResult<Waited> {
    let host = Host::get(ctx)?;
    mark_handled(promise, ctx);
    let before = host.error_count();
    let pending = |p: &JsPromise| matches!(p.state(), PromiseState::Pending);
    let exit = host.run_until(ctx, deadline, &mut |_| {
        !pending(promise) || (stop_on_error && host.error_count() != before)
    });
    if exit == LoopExit::Exit {
        return Err(exit_error());
    }
    if stop_on_error && host.error_count() != before {
        return Ok(Waited::Error);
    }
    Ok(match promise.state() {
        PromiseState::Fulfilled(v) => Waited::Fulfilled(v),
        PromiseState::Rejected(v) => Waited::Rejected(v),
        PromiseState::Pending if exit == LoopExit::Idle => Waited::Idle,
        PromiseState::Pending => Waited::TimedOut,
    })
}

/// Waits for one step of a test run: until the test's promise settles, its
/// time is up, or an uncaught error is reported (which fails the test at
/// once). Returns `{state, value}` for the driver.
fn wait_step(promise: &JsValue, ms: &JsValue, ctx: &mut Context) -> JsResult<JsValue> {
    let promise = promise
        .as_object()
        .and_then(|o| JsPromise::from_object(o).ok())
        .ok_or_else(|| JsNativeError::typ().with_message("a test step must be a promise"))?;
    let ms = if ms.is_undefined() {
        0.0
    } else {
        ms.to_number(ctx)?
    };
    let (state, value) = match wait_for(&promise, deadline_after(ms), true, ctx)? {
        Waited::Fulfilled(v) => ("fulfilled", v),
        Waited::Rejected(v) => ("rejected", v),
        Waited::TimedOut => ("timeout", JsValue::undefined()),
        Waited::Idle => ("idle", JsValue::undefined()),
        Waited::Error => ("error", JsValue::undefined()),
    };
    Ok(ObjectInitializer::new(ctx)
        .property(js_string!("state"), js_string!(state), Attribute::all())
        .property(js_string!("value"), value, Attribute::all())
        .build()
        .into())
}

/// Drives a run (the generator `core.run()` returns) to its end: the harness
/// yields a promise per test or hook call; the loop turns here, between
/// steps, so no harness frame sits beneath the test's callbacks.
///
/// # Errors
/// An error of the harness itself, or `process.exit()`'s.
pub(crate) fn drive(generator: &JsValue, ctx: &mut Context) -> JsResult<()> {
    let core = core(ctx)?;
    let step = core.get(js_string!("step"), ctx)?;
    let step = step
        .as_callable()
        .ok_or_else(|| JsNativeError::typ().with_message("the harness has no step()"))?;
    let mut input = JsValue::undefined();
    loop {
        let next = step.call(&core.clone().into(), &[generator.clone(), input], ctx)?;
        let Some(next) = next.as_object() else {
            return Ok(());
        };
        if next.get(js_string!("done"), ctx)?.to_boolean() {
            return Ok(());
        }
        let promise = next.get(js_string!("promise"), ctx)?;
        let ms = next.get(js_string!("ms"), ctx)?;
        input = wait_step(&promise, &ms, ctx)?;
    }
}

/// `op_test_wait(promise, ms)` → `{state, value}`: one step, nested in the
/// JS that asks (subtests, async `describe` bodies).
fn op_test_wait(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let promise = args.first().cloned().unwrap_or_default();
    let ms = args.get(1).cloned().unwrap_or_default();
    wait_step(&promise, &ms, ctx)
}

/// `op_test_drive(generator)`: a whole run, nested (outside `jsrun test`,
/// where a timer starts it).
fn op_test_drive(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    drive(&args.first().cloned().unwrap_or_default(), ctx)?;
    Ok(JsValue::undefined())
}

fn string_arg(args: &[JsValue], i: usize, ctx: &mut Context) -> JsResult<Option<String>> {
    match args.get(i) {
        Some(v) if !v.is_undefined() && !v.is_null() => {
            Ok(Some(v.to_string(ctx)?.to_std_string_escaped()))
        }
        _ => Ok(None),
    }
}

/// `op_test_report(status, suitePath, name, ms, details)`: one result line.
fn op_test_report(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let status = string_arg(args, 0, ctx)?.unwrap_or_default();
    let mut path = Vec::new();
    if let Some(list) = args.get(1).and_then(JsValue::as_object) {
        let list = JsArray::from_object(list)?;
        for i in 0..list.length(ctx)? {
            path.push(list.get(i, ctx)?.to_string(ctx)?.to_std_string_escaped());
        }
    }
    let name = string_arg(args, 2, ctx)?.unwrap_or_default();
    let ms = match args.get(3) {
        Some(v) => v.to_number(ctx)?,
        None => 0.0,
    };
    let details = string_arg(args, 4, ctx)?;
    let status = match status.as_str() {
        "ok" => Status::Passed,
        "FAIL" => Status::Failed,
        "skip" => Status::Skipped,
        "todo" => Status::Todo,
        _ => Status::Note,
    };
    Reporter::of(ctx)?.test(status, &path, &name, ms, details.as_deref());
    Ok(JsValue::undefined())
}

/// `op_test_inspect(value)`: the runtime's inspector, deep enough for diffs.
fn op_test_inspect(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let v = args.first().cloned().unwrap_or_default();
    let text = crate::internal::inspect(&v, 6, ctx)?;
    Ok(JsString::from(text.as_str()).into())
}

/// `op_test_summary()`: outside `jsrun test`, the closing line of a run; a
/// failed test makes the process exit 1.
fn op_test_summary(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let reporter = Reporter::of(ctx)?;
    reporter.summary_line();
    if reporter.counts().failed > 0 {
        let host = Host::get(ctx)?;
        if host.exit_code.get().is_none_or(|c| c == 0) {
            host.exit_code.set(Some(1));
        }
    }
    Ok(JsValue::undefined())
}
