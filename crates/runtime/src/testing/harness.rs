//! Registration: the suites, tests and hooks a file declares (through the
//! globals, `node:test` or `@ohos/hypium`), and the failure records of the
//! tests that are running. All native: a test file compiles no harness JS.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use boa_engine::job::{NativeJob, TimeoutJob};
use boa_engine::object::{FunctionObjectBuilder, JsObject};
use boa_engine::property::PropertyDescriptor;
use boa_engine::{js_string, Context, JsNativeError, JsResult, JsString, JsValue, NativeFunction};

/// How a test or hook function is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// node:test: `fn(t)`, or `fn(t, done)` when it declares two parameters.
    Node,
    /// hypium and mocha: `fn()`, or `fn(done)` when it declares one.
    Done,
}

/// `.skip`, `.only`, `.todo`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Flags {
    pub(crate) skip: bool,
    pub(crate) only: bool,
    pub(crate) todo: bool,
}

const SKIP: Flags = Flags {
    skip: true,
    only: false,
    todo: false,
};
const ONLY: Flags = Flags {
    skip: false,
    only: true,
    todo: false,
};
const TODO: Flags = Flags {
    skip: false,
    only: false,
    todo: true,
};

/// The four hook lists of a suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HookKind {
    BeforeAll,
    AfterAll,
    BeforeEach,
    AfterEach,
}

pub(crate) struct Test {
    pub(crate) name: String,
    pub(crate) suite: usize,
    pub(crate) func: Option<JsObject>,
    pub(crate) style: Style,
    pub(crate) flags: Flags,
    pub(crate) timeout: Option<f64>,
}

pub(crate) struct Hook {
    pub(crate) func: JsObject,
    pub(crate) style: Style,
    /// hypium's `beforeItSpecified(names, fn)`: only for these tests.
    pub(crate) names: Option<Vec<String>>,
}

pub(crate) struct Suite {
    pub(crate) parent: Option<usize>,
    /// Names from the outermost suite down to this one.
    pub(crate) path: Vec<String>,
    pub(crate) tests: Vec<usize>,
    pub(crate) suites: Vec<usize>,
    pub(crate) hooks: [Vec<Hook>; 4],
    pub(crate) flags: Flags,
}

impl Suite {
    pub(crate) fn hooks(&self, kind: HookKind) -> &[Hook] {
        &self.hooks[kind as usize]
    }
}

/// What a file registered; suite 0 is the file's root suite.
pub(crate) struct Tree {
    pub(crate) suites: Vec<Suite>,
    pub(crate) tests: Vec<Test>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            suites: vec![Suite {
                parent: None,
                path: Vec::new(),
                tests: Vec::new(),
                suites: Vec::new(),
                hooks: Default::default(),
                flags: Flags::default(),
            }],
            tests: Vec::new(),
        }
    }
}

impl Tree {
    pub(crate) fn is_empty(&self) -> bool {
        self.tests.is_empty() && self.suites.len() == 1
    }
}

/// The test (or hook) now running: its failed assertions, and what
/// node's `t` noted about it.
#[derive(Default)]
pub(crate) struct Record {
    /// Suite path plus the test's name (subtests hang below it).
    pub(crate) path: Vec<String>,
    pub(crate) failures: RefCell<Vec<JsValue>>,
    pub(crate) skipped: Cell<bool>,
    pub(crate) note: RefCell<Option<String>>,
    pub(crate) diagnostics: RefCell<Vec<String>>,
}

/// The harness state of one runtime.
pub(crate) struct Harness {
    pub(crate) tree: RefCell<Tree>,
    /// The suite `describe()`/`it()` register into.
    current: Cell<usize>,
    /// The running test on top (subtests above their parent).
    records: RefCell<Vec<Rc<Record>>>,
    pub(crate) timeout_ms: Cell<f64>,
    pub(crate) filter: RefCell<Option<String>>,
    /// Under `jsrun test` the runner drives; otherwise a run starts by itself.
    pub(crate) runner: Cell<bool>,
    scheduled: Cell<bool>,
}

/// The default per-test timeout, in milliseconds.
pub(crate) const DEFAULT_TIMEOUT_MS: f64 = 10_000.0;

impl Harness {
    /// The harness of this context, created on first use.
    pub(crate) fn get(ctx: &mut Context) -> Rc<Harness> {
        if let Some(h) = ctx.get_data::<Rc<Harness>>() {
            return h.clone();
        }
        let h = Rc::new(Harness {
            tree: RefCell::default(),
            current: Cell::new(0),
            records: RefCell::default(),
            timeout_ms: Cell::new(DEFAULT_TIMEOUT_MS),
            filter: RefCell::default(),
            runner: Cell::new(false),
            scheduled: Cell::new(false),
        });
        ctx.insert_data(h.clone());
        h
    }

    /// Takes what was registered so far, leaving an empty tree.
    pub(crate) fn take_tree(&self) -> Tree {
        self.current.set(0);
        std::mem::take(&mut *self.tree.borrow_mut())
    }

    pub(crate) fn push_record(&self, r: Rc<Record>) {
        self.records.borrow_mut().push(r);
    }

    pub(crate) fn pop_record(&self) {
        self.records.borrow_mut().pop();
    }

    /// The record of the test running now, if any.
    pub(crate) fn running(&self) -> Option<Rc<Record>> {
        self.records.borrow().last().cloned()
    }
}

/// Records a failed assertion against `owner` (default: the running test)
/// before the caller throws it: catching the error does not hide it.
pub(crate) fn record(err: &JsValue, owner: Option<Rc<Record>>, ctx: &mut Context) {
    let owner = owner.or_else(|| Harness::get(ctx).running());
    if let Some(r) = owner {
        r.failures.borrow_mut().push(err.clone());
    }
}

/// Withdraws a recorded failure that an assertion expected (`assert.throws`).
pub(crate) fn forgive(err: &JsValue, ctx: &mut Context) {
    if let Some(r) = Harness::get(ctx).running() {
        r.failures.borrow_mut().retain(|f| !f.strict_equals(err));
    }
}

// ---- registration functions -----------------------------------------------------

/// What a registration function registers.
#[derive(Clone, Copy, Debug)]
enum What {
    Suite,
    Test(Style),
    /// Global `it`: `it(name, fn)` or hypium's `it(name, filter, fn)`.
    It,
    Hook(HookKind, Style),
    /// hypium's `beforeItSpecified(names, fn)` / `afterItSpecified`.
    Specified(HookKind),
}

fn callable(v: Option<&JsValue>) -> Option<JsObject> {
    v.and_then(JsValue::as_object).filter(JsObject::is_callable)
}

fn options_object(v: Option<&JsValue>) -> Option<JsObject> {
    v.and_then(JsValue::as_object).filter(|o| !o.is_callable())
}

fn name_of(v: Option<&JsValue>, func: Option<&JsObject>, ctx: &mut Context) -> JsResult<String> {
    match v {
        Some(v) if !v.is_undefined() && !v.is_callable() => {
            Ok(v.to_string(ctx)?.to_std_string_escaped())
        }
        _ => {
            let n = match func {
                Some(f) => f.get(js_string!("name"), ctx)?,
                None => JsValue::undefined(),
            };
            Ok(match n.as_string() {
                Some(s) if !s.is_empty() => s.to_std_string_escaped(),
                _ => "<anonymous>".to_owned(),
            })
        }
    }
}

/// `{ skip, only, todo, timeout }` of node's options object.
fn apply_options(
    opts: Option<&JsObject>,
    mut flags: Flags,
    ctx: &mut Context,
) -> JsResult<(Flags, Option<f64>)> {
    let Some(o) = opts else {
        return Ok((flags, None));
    };
    flags.skip |= o.get(js_string!("skip"), ctx)?.to_boolean();
    flags.only |= o.get(js_string!("only"), ctx)?.to_boolean();
    flags.todo |= o.get(js_string!("todo"), ctx)?.to_boolean();
    let t = o.get(js_string!("timeout"), ctx)?;
    let timeout = t.as_number().filter(|n| !n.is_nan());
    Ok((flags, timeout))
}

fn register(what: What, flags: Flags, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let h = Harness::get(ctx);
    match what {
        What::Suite => {
            let (func, opts) = match callable(args.get(1)) {
                Some(f) => (Some(f), None),
                None => (callable(args.get(2)), options_object(args.get(1))),
            };
            let name = name_of(args.first(), func.as_ref(), ctx)?;
            let (flags, _) = apply_options(opts.as_ref(), flags, ctx)?;
            describe(&h, name, func, flags, ctx)?;
        }
        What::Test(_) | What::It => {
            let style = match what {
                What::Test(s) => s,
                _ => Style::Done,
            };
            let (func, opts) = if let Some(f) = callable(args.first()) {
                (Some(f), None)
            } else if let Some(f) = callable(args.get(1)) {
                (Some(f), None)
            } else {
                // test(name, options, fn), or hypium's it(name, filter, fn): the
                // filter number means nothing here.
                (callable(args.get(2)), options_object(args.get(1)))
            };
            let name = name_of(args.first(), func.as_ref(), ctx)?;
            let (mut flags, timeout) = apply_options(opts.as_ref(), flags, ctx)?;
            if func.is_none() {
                flags.todo = true;
            }
            let mut tree = h.tree.borrow_mut();
            let suite = h.current.get().min(tree.suites.len() - 1);
            let idx = tree.tests.len();
            tree.tests.push(Test {
                name,
                suite,
                func,
                style,
                flags,
                timeout,
            });
            tree.suites[suite].tests.push(idx);
        }
        What::Hook(kind, style) => {
            let func = callable(args.first())
                .ok_or_else(|| JsNativeError::typ().with_message("a hook expects a function"))?;
            add_hook(&h, kind, func, style, None);
        }
        What::Specified(kind) => {
            let func = callable(args.get(1))
                .ok_or_else(|| JsNativeError::typ().with_message("a hook expects a function"))?;
            let mut names = Vec::new();
            match args.first().and_then(JsValue::as_object) {
                Some(list) if list.is_array() => {
                    let len = list.get(js_string!("length"), ctx)?.to_length(ctx)?;
                    for i in 0..len {
                        names.push(list.get(i, ctx)?.to_string(ctx)?.to_std_string_escaped());
                    }
                }
                _ => {
                    let v = args.first().cloned().unwrap_or_default();
                    names.push(v.to_string(ctx)?.to_std_string_escaped());
                }
            }
            add_hook(&h, kind, func, Style::Done, Some(names));
        }
    }
    schedule_standalone(&h, ctx);
    Ok(JsValue::undefined())
}

fn add_hook(h: &Harness, kind: HookKind, func: JsObject, style: Style, names: Option<Vec<String>>) {
    let mut tree = h.tree.borrow_mut();
    let suite = h.current.get().min(tree.suites.len() - 1);
    tree.suites[suite].hooks[kind as usize].push(Hook { func, style, names });
}

/// Registers a suite and runs its body with the suite as the current one.
fn describe(
    h: &Harness,
    name: String,
    func: Option<JsObject>,
    flags: Flags,
    ctx: &mut Context,
) -> JsResult<()> {
    let idx = {
        let mut tree = h.tree.borrow_mut();
        let parent = h.current.get().min(tree.suites.len() - 1);
        let mut path = tree.suites[parent].path.clone();
        path.push(name);
        let idx = tree.suites.len();
        tree.suites.push(Suite {
            parent: Some(parent),
            path,
            tests: Vec::new(),
            suites: Vec::new(),
            hooks: Default::default(),
            flags,
        });
        tree.suites[parent].suites.push(idx);
        idx
    };
    let Some(func) = func else { return Ok(()) };
    let saved = h.current.replace(idx);
    let result = func.call(&JsValue::undefined(), &[], ctx);
    let result = match result {
        // An async body registers across its awaits: wait for it here.
        Ok(v) if v.as_promise().is_some() => {
            super::driver::wait_settled(&v, h.timeout_ms.get(), ctx).map(drop)
        }
        other => other.map(drop),
    };
    h.current.set(saved);
    result
}

/// Outside `jsrun test`, the first registration starts a run once the
/// script's synchronous part is over (a zero-delay timer), as node does.
fn schedule_standalone(h: &Harness, ctx: &mut Context) {
    if h.runner.get() || h.scheduled.replace(true) {
        return;
    }
    let job = TimeoutJob::new(
        NativeJob::new(|ctx| {
            Harness::get(ctx).scheduled.set(false);
            super::driver::run_standalone(ctx)?;
            Ok(JsValue::undefined())
        }),
        0,
    );
    ctx.enqueue_job(job.into());
}

// ---- the functions scripts see ------------------------------------------------------

fn registrar(ctx: &mut Context, name: &str, what: What, flags: Flags, len: usize) -> JsObject {
    let f = NativeFunction::from_copy_closure(move |_, args, ctx| register(what, flags, args, ctx));
    FunctionObjectBuilder::new(ctx.realm(), f)
        .name(JsString::from(name))
        .length(len)
        .build()
        .into()
}

/// A registration function with `.skip`, `.only` and `.todo`.
fn with_variants(ctx: &mut Context, name: &str, what: What, len: usize) -> JsResult<JsObject> {
    let base = registrar(ctx, name, what, Flags::default(), len);
    for (variant, flags) in [("skip", SKIP), ("only", ONLY), ("todo", TODO)] {
        let f = registrar(ctx, name, what, flags, len);
        base.set(JsString::from(variant), f, false, ctx)?;
    }
    Ok(base)
}

fn hook_fn(ctx: &mut Context, name: &str, kind: HookKind, style: Style) -> JsObject {
    registrar(ctx, name, What::Hook(kind, style), Flags::default(), 1)
}

fn define(
    obj: &JsObject,
    name: &str,
    value: impl Into<JsValue>,
    ctx: &mut Context,
) -> JsResult<()> {
    obj.define_property_or_throw(
        JsString::from(name),
        PropertyDescriptor::builder()
            .value(value)
            .writable(true)
            .enumerable(false)
            .configurable(true),
        ctx,
    )?;
    Ok(())
}

/// The globals of a file under `jsrun test`: describe, it, test, expect,
/// the hooks in both spellings, xdescribe, xit.
pub(crate) fn install_globals(ctx: &mut Context) -> JsResult<()> {
    let global = ctx.global_object();
    let describe = with_variants(ctx, "describe", What::Suite, 2)?;
    define(&global, "describe", describe, ctx)?;
    let it = with_variants(ctx, "it", What::It, 3)?;
    define(&global, "it", it, ctx)?;
    let test = with_variants(ctx, "test", What::Test(Style::Node), 3)?;
    define(&global, "test", test, ctx)?;
    let xdescribe = registrar(ctx, "xdescribe", What::Suite, SKIP, 2);
    define(&global, "xdescribe", xdescribe, ctx)?;
    let xit = registrar(ctx, "xit", What::It, SKIP, 3);
    define(&global, "xit", xit, ctx)?;
    for (name, kind) in [
        ("beforeAll", HookKind::BeforeAll),
        ("before", HookKind::BeforeAll),
        ("afterAll", HookKind::AfterAll),
        ("after", HookKind::AfterAll),
        ("beforeEach", HookKind::BeforeEach),
        ("afterEach", HookKind::AfterEach),
    ] {
        let f = hook_fn(ctx, name, kind, Style::Done);
        define(&global, name, f, ctx)?;
    }
    let expect = super::hypium::expect_function(ctx);
    define(&global, "expect", expect, ctx)?;
    Ok(())
}

/// `node:test`'s exports: `test` itself, with `it`, `describe`, `suite`
/// and the hooks as properties.
pub(crate) fn node_test_exports(ctx: &mut Context) -> JsResult<JsObject> {
    let test = with_variants(ctx, "test", What::Test(Style::Node), 3)?;
    let describe = with_variants(ctx, "describe", What::Suite, 2)?;
    test.set(js_string!("test"), test.clone(), false, ctx)?;
    test.set(js_string!("it"), test.clone(), false, ctx)?;
    test.set(js_string!("describe"), describe.clone(), false, ctx)?;
    test.set(js_string!("suite"), describe, false, ctx)?;
    for (name, kind) in [
        ("before", HookKind::BeforeAll),
        ("after", HookKind::AfterAll),
        ("beforeEach", HookKind::BeforeEach),
        ("afterEach", HookKind::AfterEach),
    ] {
        let f = hook_fn(ctx, name, kind, Style::Node);
        test.set(JsString::from(name), f, false, ctx)?;
    }
    Ok(test)
}

/// hypium's registration functions, set on its exports object.
pub(crate) fn hypium_registration(exports: &JsObject, ctx: &mut Context) -> JsResult<()> {
    let items: [(&str, What, Flags, usize); 4] = [
        ("describe", What::Suite, Flags::default(), 2),
        ("xdescribe", What::Suite, SKIP, 2),
        ("it", What::It, Flags::default(), 3),
        ("xit", What::It, SKIP, 3),
    ];
    for (name, what, flags, len) in items {
        let f = registrar(ctx, name, what, flags, len);
        exports.set(JsString::from(name), f, false, ctx)?;
    }
    for (name, kind) in [
        ("beforeAll", HookKind::BeforeAll),
        ("afterAll", HookKind::AfterAll),
        ("beforeEach", HookKind::BeforeEach),
        ("afterEach", HookKind::AfterEach),
    ] {
        let f = hook_fn(ctx, name, kind, Style::Done);
        exports.set(JsString::from(name), f, false, ctx)?;
    }
    for (name, kind) in [
        ("beforeItSpecified", HookKind::BeforeEach),
        ("afterItSpecified", HookKind::AfterEach),
    ] {
        let f = registrar(ctx, name, What::Specified(kind), Flags::default(), 2);
        exports.set(JsString::from(name), f, false, ctx)?;
    }
    Ok(())
}
