//! Running what was registered: suites in mocha/hypium order, each test
//! between its hooks, one wait on the event loop per test or hook call.

use std::rc::Rc;
use std::time::{Duration, Instant};

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::object::{FunctionObjectBuilder, JsObject};
use boa_engine::{
    js_string, Context, Finalize, JsData, JsError, JsNativeError, JsResult, JsString, JsValue,
    NativeFunction, Trace,
};

use super::harness::{Harness, Hook, HookKind, Record, Style, Tree};
use super::report::{Reporter, Status};
use crate::event_loop::{mark_handled, LoopExit, EXIT_MARKER};
use crate::host::Host;

/// What a run selects and how long a call may take.
pub(crate) struct Plan {
    timeout: f64,
    filter: Option<String>,
    only: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Run,
    Skip,
    Todo,
    /// Filtered out, or not `only` when something is: not even listed.
    Hidden,
}

/// Why a test failed.
enum Failure {
    /// What it threw or rejected with (or a failed assertion it caught).
    Thrown(JsValue),
    /// A beforeEach/afterEach hook failed.
    Hook(&'static str, JsValue),
    /// Timed out, never finished, or an uncaught error was reported.
    Message(String),
}

/// Runs everything registered so far (and what tests register meanwhile).
///
/// # Errors
/// The uncatchable error of `process.exit()`.
pub(crate) fn run_all(ctx: &mut Context) -> JsResult<()> {
    let h = Harness::get(ctx);
    loop {
        let tree = h.take_tree();
        if tree.is_empty() {
            return Ok(());
        }
        let plan = Plan {
            timeout: h.timeout_ms.get(),
            filter: h.filter.borrow().clone(),
            only: tree.suites.iter().any(|s| s.flags.only)
                || tree.tests.iter().any(|t| t.flags.only),
        };
        run_suite(&tree, 0, &plan, ctx)?;
    }
}

/// A run outside `jsrun test`: the lines, the closing line, and exit code 1
/// if anything failed.
pub(crate) fn run_standalone(ctx: &mut Context) -> JsResult<()> {
    run_all(ctx)?;
    let reporter = Reporter::of(ctx)?;
    reporter.summary_line();
    if reporter.counts().failed > 0 {
        let host = Host::get(ctx)?;
        if host.exit_code.get().is_none_or(|c| c == 0) {
            host.exit_code.set(Some(1));
        }
    }
    Ok(())
}

fn full_name(path: &[String], name: &str) -> String {
    let mut s = path.join(" > ");
    if !s.is_empty() {
        s.push_str(" > ");
    }
    s.push_str(name);
    s
}

fn mode(tree: &Tree, test: usize, plan: &Plan) -> Mode {
    let t = &tree.tests[test];
    let suite = &tree.suites[t.suite];
    if let Some(f) = &plan.filter {
        if !full_name(&suite.path, &t.name).contains(f.as_str()) {
            return Mode::Hidden;
        }
    }
    let (mut only, mut skip) = (t.flags.only, t.flags.skip);
    let mut s = Some(t.suite);
    while let Some(i) = s {
        only |= tree.suites[i].flags.only;
        skip |= tree.suites[i].flags.skip;
        s = tree.suites[i].parent;
    }
    if plan.only && !only {
        Mode::Hidden
    } else if t.flags.todo {
        Mode::Todo
    } else if skip {
        Mode::Skip
    } else {
        Mode::Run
    }
}

fn has_work(tree: &Tree, suite: usize, plan: &Plan) -> bool {
    let s = &tree.suites[suite];
    s.tests.iter().any(|&t| mode(tree, t, plan) == Mode::Run)
        || s.suites.iter().any(|&c| has_work(tree, c, plan))
}

fn report(
    ctx: &mut Context,
    status: Status,
    path: &[String],
    name: &str,
    ms: f64,
    details: Option<&str>,
) -> JsResult<()> {
    Reporter::of(ctx)?.test(status, path, name, ms, details);
    Ok(())
}

/// Lists the skipped and todo tests of a suite that has nothing to run.
fn report_skipped(tree: &Tree, suite: usize, plan: &Plan, ctx: &mut Context) -> JsResult<()> {
    let s = &tree.suites[suite];
    for &t in &s.tests {
        let status = match mode(tree, t, plan) {
            Mode::Skip => Status::Skipped,
            Mode::Todo => Status::Todo,
            _ => continue,
        };
        report(ctx, status, &s.path, &tree.tests[t].name, 0.0, None)?;
    }
    for &c in &s.suites {
        report_skipped(tree, c, plan, ctx)?;
    }
    Ok(())
}

/// mocha and hypium order: beforeAll, the suite's own tests, its child
/// suites, afterAll.
fn run_suite(tree: &Tree, suite: usize, plan: &Plan, ctx: &mut Context) -> JsResult<()> {
    if !has_work(tree, suite, plan) {
        return report_skipped(tree, suite, plan, ctx);
    }
    let start = Instant::now();
    let s = &tree.suites[suite];
    match run_hooks(tree, suite, HookKind::BeforeAll, plan, ctx)? {
        Some(err) => {
            let text = hook_text("beforeAll", &err, ctx);
            fail_all(tree, suite, plan, &text, ctx)?;
        }
        None => {
            for &t in &s.tests {
                run_test(tree, t, plan, ctx)?;
            }
            for &c in &s.suites {
                run_suite(tree, c, plan, ctx)?;
            }
        }
    }
    if let Some(err) = run_hooks(tree, suite, HookKind::AfterAll, plan, ctx)? {
        let text = hook_text("afterAll", &err, ctx);
        report(
            ctx,
            Status::Failed,
            &s.path,
            "afterAll hook",
            ms_since(start),
            Some(&text),
        )?;
    }
    Ok(())
}

fn fail_all(tree: &Tree, suite: usize, plan: &Plan, text: &str, ctx: &mut Context) -> JsResult<()> {
    let s = &tree.suites[suite];
    for &t in &s.tests {
        let (status, details) = match mode(tree, t, plan) {
            Mode::Run => (Status::Failed, Some(text)),
            Mode::Skip => (Status::Skipped, None),
            Mode::Todo => (Status::Todo, None),
            Mode::Hidden => continue,
        };
        report(ctx, status, &s.path, &tree.tests[t].name, 0.0, details)?;
    }
    for &c in &s.suites {
        fail_all(tree, c, plan, text, ctx)?;
    }
    Ok(())
}

/// Runs a suite's beforeAll or afterAll hooks; the first failure, if any.
fn run_hooks(
    tree: &Tree,
    suite: usize,
    kind: HookKind,
    plan: &Plan,
    ctx: &mut Context,
) -> JsResult<Option<JsValue>> {
    let s = &tree.suites[suite];
    let h = Harness::get(ctx);
    for hook in s.hooks(kind) {
        let record = Rc::new(Record {
            path: s.path.clone(),
            ..Record::default()
        });
        h.push_record(record.clone());
        let result = invoke(&hook.func, hook.style, &record, plan.timeout, ctx);
        h.pop_record();
        let failure = match result? {
            Some(Failure::Thrown(v) | Failure::Hook(_, v)) => Some(v),
            Some(Failure::Message(m)) => Some(JsValue::from(JsString::from(m.as_str()))),
            None => record.failures.borrow().first().cloned(),
        };
        if failure.is_some() {
            return Ok(failure);
        }
    }
    Ok(None)
}

fn hook_text(kind: &str, err: &JsValue, ctx: &mut Context) -> String {
    let text = match err.as_string() {
        Some(s) => s.to_std_string_escaped(),
        None => failure_text(err, ctx),
    };
    format!("{kind} hook failed: {text}")
}

fn run_test(tree: &Tree, test: usize, plan: &Plan, ctx: &mut Context) -> JsResult<bool> {
    let t = &tree.tests[test];
    let path = &tree.suites[t.suite].path;
    match mode(tree, test, plan) {
        Mode::Hidden => return Ok(true),
        Mode::Skip => {
            report(ctx, Status::Skipped, path, &t.name, 0.0, None)?;
            return Ok(true);
        }
        Mode::Todo => {
            report(ctx, Status::Todo, path, &t.name, 0.0, None)?;
            return Ok(true);
        }
        Mode::Run => {}
    }
    // The suites from the outermost down: beforeEach runs in that order,
    // afterEach in the reverse one.
    let mut chain = Vec::new();
    let mut s = Some(t.suite);
    while let Some(i) = s {
        chain.push(i);
        s = tree.suites[i].parent;
    }
    chain.reverse();
    let pick = |kind: HookKind, suites: &mut dyn Iterator<Item = &usize>| -> Vec<&Hook> {
        suites
            .flat_map(|&i| tree.suites[i].hooks(kind))
            .filter(|h| h.names.as_ref().is_none_or(|n| n.contains(&t.name)))
            .collect()
    };
    let before = pick(HookKind::BeforeEach, &mut chain.iter());
    let after = pick(HookKind::AfterEach, &mut chain.iter().rev());
    let case = Case {
        name: &t.name,
        path,
        func: t.func.as_ref(),
        style: t.style,
        timeout: t.timeout,
    };
    run_case(&case, plan.timeout, &before, &after, ctx)
}

/// One test to run: a registered one or a subtest.
struct Case<'a> {
    name: &'a str,
    path: &'a [String],
    func: Option<&'a JsObject>,
    style: Style,
    timeout: Option<f64>,
}

/// Runs a test between its hooks, reports it, and says whether it passed.
fn run_case(
    case: &Case<'_>,
    default_timeout: f64,
    before: &[&Hook],
    after: &[&Hook],
    ctx: &mut Context,
) -> JsResult<bool> {
    let start = Instant::now();
    let ms = case.timeout.unwrap_or(default_timeout);
    let mut path = case.path.to_vec();
    path.push(case.name.to_owned());
    let record = Rc::new(Record {
        path,
        ..Record::default()
    });
    let h = Harness::get(ctx);
    h.push_record(record.clone());
    let result = run_calls(case, ms, &record, before, after, ctx);
    h.pop_record();
    let mut failure = result?;
    if failure.is_none() {
        // A failed assertion counts even when the test caught what it threw.
        failure = record
            .failures
            .borrow()
            .first()
            .cloned()
            .map(Failure::Thrown);
    }
    if failure.is_none() && record.skipped.get() {
        let note = record.note.borrow().clone();
        report(
            ctx,
            Status::Skipped,
            case.path,
            case.name,
            0.0,
            note.as_deref(),
        )?;
        return Ok(true);
    }
    let details = failure.as_ref().map(|f| match f {
        Failure::Thrown(v) => failure_text(v, ctx),
        Failure::Hook(kind, v) => hook_text(kind, v, ctx),
        Failure::Message(m) => m.clone(),
    });
    let status = if details.is_some() {
        Status::Failed
    } else {
        Status::Passed
    };
    report(
        ctx,
        status,
        case.path,
        case.name,
        ms_since(start),
        details.as_deref(),
    )?;
    for note in record.diagnostics.borrow().iter() {
        report(ctx, Status::Note, case.path, case.name, 0.0, Some(note))?;
    }
    Ok(details.is_none())
}

fn run_calls(
    case: &Case<'_>,
    ms: f64,
    record: &Rc<Record>,
    before: &[&Hook],
    after: &[&Hook],
    ctx: &mut Context,
) -> JsResult<Option<Failure>> {
    let mut failure = None;
    for hook in before {
        if let Some(f) = invoke(&hook.func, hook.style, record, ms, ctx)? {
            failure = Some(as_hook("beforeEach", f));
            break;
        }
    }
    if failure.is_none() {
        if let Some(func) = case.func {
            failure = invoke(func, case.style, record, ms, ctx)?;
        }
    }
    for hook in after {
        let f = invoke(&hook.func, hook.style, record, ms, ctx)?;
        if failure.is_none() {
            failure = f.map(|f| as_hook("afterEach", f));
        }
    }
    Ok(failure)
}

fn as_hook(kind: &'static str, f: Failure) -> Failure {
    match f {
        Failure::Thrown(v) => Failure::Hook(kind, v),
        Failure::Message(m) => Failure::Message(format!("{kind} hook failed: {m}")),
        other => other,
    }
}

fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// Calls a test or hook function and waits for it to finish.
fn invoke(
    func: &JsObject,
    style: Style,
    record: &Rc<Record>,
    ms: f64,
    ctx: &mut Context,
) -> JsResult<Option<Failure>> {
    let declared = func
        .get(js_string!("length"), ctx)?
        .as_number()
        .unwrap_or(0.0);
    let uses_done = match style {
        Style::Node => declared >= 2.0,
        Style::Done => declared >= 1.0,
    };
    let mut args = Vec::with_capacity(2);
    if style == Style::Node {
        args.push(test_context(record, ctx)?.into());
    }
    let (promise, resolvers) = JsPromise::new_pending(ctx);
    let called = if uses_done {
        let done = done_function(&resolvers.resolve, &resolvers.reject, ctx);
        args.push(done.clone().into());
        func.call(&JsValue::undefined(), &args, ctx)
            .and_then(|r| on_rejection(&r, &done, ctx))
    } else {
        func.call(&JsValue::undefined(), &args, ctx)
            .and_then(|r| resolvers.resolve.call(&JsValue::undefined(), &[r], ctx))
    };
    if let Err(e) = called {
        if Host::get(ctx)?.exit_requested.get() {
            return Err(e);
        }
        let v = e.into_opaque(ctx)?;
        resolvers.reject.call(&JsValue::undefined(), &[v], ctx)?;
    }
    Ok(match wait_for(&promise, deadline_after(ms), true, ctx)? {
        Waited::Fulfilled(_) => None,
        Waited::Rejected(v) => Some(Failure::Thrown(v)),
        Waited::TimedOut => Some(Failure::Message(format!(
            "timed out after {ms} ms{}",
            if uses_done { " (done() was not called)" } else { "" }
        ))),
        Waited::Idle => Some(Failure::Message(if uses_done {
            "done() was never called, and nothing is left pending that could call it".into()
        } else {
            "its promise never settled, and nothing is left pending that could settle it".into()
        })),
        Waited::Error => Some(Failure::Message(
            "an uncaught error or unhandled rejection was reported while it ran (printed on stderr)".into(),
        )),
    })
}

/// hypium awaits a function that takes `done` too: its rejection ends the
/// test before `done()` is called.
fn on_rejection(result: &JsValue, done: &JsFunction, ctx: &mut Context) -> JsResult<JsValue> {
    if let Some(obj) = result.as_object() {
        let then = obj.get(js_string!("then"), ctx)?;
        if let Some(then) = then.as_callable() {
            then.call(result, &[JsValue::undefined(), done.clone().into()], ctx)?;
        }
    }
    Ok(JsValue::undefined())
}

/// `done(err?)`: a truthy argument fails the test with it (mocha).
fn done_function(resolve: &JsFunction, reject: &JsFunction, ctx: &mut Context) -> JsFunction {
    let f = NativeFunction::from_copy_closure_with_captures(
        |_, args, (resolve, reject): &(JsFunction, JsFunction), ctx| {
            let err = args.first().cloned().unwrap_or_default();
            if err.to_boolean() {
                reject.call(&JsValue::undefined(), &[err], ctx)
            } else {
                resolve.call(&JsValue::undefined(), &[], ctx)
            }
        },
        (resolve.clone(), reject.clone()),
    );
    FunctionObjectBuilder::new(ctx.realm(), f)
        .name(js_string!("done"))
        .length(1)
        .build()
}

// ---- node's TestContext `t` ------------------------------------------------------

#[derive(Trace, Finalize, JsData)]
struct TestContext {
    #[unsafe_ignore_trace]
    record: Rc<Record>,
}

/// The prototype of every `t` in this context, built once.
struct ContextProto(JsObject);

fn test_context(record: &Rc<Record>, ctx: &mut Context) -> JsResult<JsObject> {
    let proto = match ctx.get_data::<ContextProto>() {
        Some(p) => p.0.clone(),
        None => {
            let p = JsObject::with_object_proto(ctx.intrinsics());
            let methods: [(
                &str,
                boa_engine::native_function::NativeFunctionPointer,
                usize,
            ); 4] = [
                ("skip", t_skip, 1),
                ("todo", t_skip, 1),
                ("diagnostic", t_diagnostic, 1),
                ("test", t_test, 3),
            ];
            for (name, f, len) in methods {
                let f = FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(f))
                    .name(JsString::from(name))
                    .length(len)
                    .build();
                p.set(JsString::from(name), f, false, ctx)?;
            }
            ctx.insert_data(ContextProto(p.clone()));
            p
        }
    };
    let (path, name) = match record.path.split_last() {
        Some((name, path)) => (path, name.as_str()),
        None => (&[][..], ""),
    };
    let t = JsObject::from_proto_and_data(
        Some(proto),
        TestContext {
            record: record.clone(),
        },
    );
    t.set(js_string!("name"), JsString::from(name), false, ctx)?;
    let full = full_name(path, name);
    t.set(
        js_string!("fullName"),
        JsString::from(full.as_str()),
        false,
        ctx,
    )?;
    Ok(t)
}

fn record_of(this: &JsValue) -> JsResult<Rc<Record>> {
    this.as_object()
        .and_then(|o| o.downcast_ref::<TestContext>().map(|t| t.record.clone()))
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message("not a TestContext (call it as t.method())")
                .into()
        })
}

fn opt_string(v: Option<&JsValue>, ctx: &mut Context) -> JsResult<Option<String>> {
    match v {
        Some(v) if !v.is_undefined() => Ok(Some(v.to_string(ctx)?.to_std_string_escaped())),
        _ => Ok(None),
    }
}

/// `t.skip(message)`, `t.todo(message)`: the test keeps running, and is
/// listed as skipped unless it fails.
fn t_skip(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let record = record_of(this)?;
    record.skipped.set(true);
    *record.note.borrow_mut() = opt_string(args.first(), ctx)?;
    Ok(JsValue::undefined())
}

/// `t.diagnostic(message)`: printed as `# message` after the test's line.
fn t_diagnostic(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let record = record_of(this)?;
    let text = opt_string(args.first(), ctx)?.unwrap_or_default();
    record.diagnostics.borrow_mut().push(text);
    Ok(JsValue::undefined())
}

/// `t.test(name, [options], fn)`: a subtest, run to its end right here (the
/// loop turns meanwhile); its failure fails the parent.
fn t_test(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let parent = record_of(this)?;
    let (func, opts) = match args.get(1).and_then(JsValue::as_object) {
        Some(f) if f.is_callable() => (Some(f), None),
        other => (
            args.get(2)
                .and_then(JsValue::as_object)
                .filter(JsObject::is_callable),
            other,
        ),
    };
    let name = opt_string(args.first(), ctx)?.unwrap_or_else(|| "<anonymous>".into());
    let mut skip = func.is_none();
    let mut timeout = None;
    if let Some(o) = &opts {
        skip |= o.get(js_string!("skip"), ctx)?.to_boolean()
            || o.get(js_string!("todo"), ctx)?.to_boolean();
        timeout = o.get(js_string!("timeout"), ctx)?.as_number();
    }
    let ok = if skip {
        report(ctx, Status::Skipped, &parent.path, &name, 0.0, None)?;
        true
    } else {
        let case = Case {
            name: &name,
            path: &parent.path,
            func: func.as_ref(),
            style: Style::Node,
            timeout,
        };
        let default = Harness::get(ctx).timeout_ms.get();
        run_case(&case, default, &[], &[], ctx)?
    };
    if !ok {
        let err = JsNativeError::error()
            .with_message(format!("subtest '{name}' failed"))
            .into_opaque(ctx);
        parent.failures.borrow_mut().push(err.into());
    }
    Ok(JsPromise::resolve(JsValue::undefined(), ctx)?.into())
}

// ---- waiting -----------------------------------------------------------------------

/// The deadline `ms` milliseconds from now; none for 0, negative, infinite
/// or too far away to be represented (`1e300` is as good as no limit).
pub(crate) fn deadline_after(ms: f64) -> Option<Instant> {
    if ms.is_nan() || ms <= 0.0 {
        return None;
    }
    let wait = Duration::try_from_secs_f64(ms / 1000.0).ok()?;
    Instant::now().checked_add(wait)
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

/// Runs the event loop until `promise` settles, `deadline` passes, or (with
/// `stop_on_error`) an uncaught error is reported.
///
/// # Errors
/// The uncatchable error of `process.exit()`.
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
        return Err(JsError::from(boa_engine::error::PanicError::new(
            EXIT_MARKER,
        )));
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

/// Waits for a value that may be a promise (an async describe body, a
/// file's top-level await); a rejection is the error.
///
/// # Errors
/// The rejection, a timeout or a promise that can never settle.
pub(crate) fn wait_settled(value: &JsValue, ms: f64, ctx: &mut Context) -> JsResult<JsValue> {
    let Some(promise) = value.as_promise() else {
        return Ok(value.clone());
    };
    match wait_for(&promise, deadline_after(ms), false, ctx)? {
        Waited::Fulfilled(v) => Ok(v),
        Waited::Rejected(e) => Err(JsError::from_opaque(e)),
        Waited::TimedOut => Err(JsNativeError::error()
            .with_message(format!("did not finish within {ms} ms"))
            .into()),
        Waited::Idle | Waited::Error => Err(JsNativeError::error()
            .with_message("never finished: nothing is left pending that could finish it")
            .into()),
    }
}

// ---- failure text --------------------------------------------------------------------

/// `Name: message` and the stack frames outside native code and jsrun's own
/// modules; a thrown non-error is shown inspected.
pub(crate) fn failure_text(err: &JsValue, ctx: &mut Context) -> String {
    let inspected = |v: &JsValue, ctx: &mut Context| {
        crate::internal::inspect(v, 4, ctx).unwrap_or_else(|_| "<uninspectable>".into())
    };
    let Some(obj) = err.as_object() else {
        let shown = match err.as_string() {
            Some(s) => format!("'{}'", s.to_std_string_escaped()),
            None => inspected(err, ctx),
        };
        return format!("thrown: {shown}");
    };
    let get = |key: &str, ctx: &mut Context| -> Option<String> {
        obj.get(JsString::from(key), ctx)
            .ok()
            .and_then(|v| v.as_string().map(|s| s.to_std_string_escaped()))
    };
    let message = get("message", ctx);
    let stack = get("stack", ctx);
    if message.is_none() && stack.is_none() {
        return format!("thrown: {}", inspected(err, ctx));
    }
    let name = get("name", ctx).unwrap_or_else(|| "Error".into());
    let message = message.unwrap_or_default();
    let mut text = if message.is_empty() {
        name
    } else {
        format!("{name}: {message}")
    };
    for frame in stack.unwrap_or_default().lines().map(str::trim) {
        if frame.starts_with("at ") && !frame.ends_with("(native)") && !frame.contains("(jsrun:") {
            text.push_str("\n    ");
            text.push_str(frame);
        }
    }
    text
}
