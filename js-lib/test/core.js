// The test harness core: suites, tests and hooks as they are registered, the
// driver that runs them, and the failure record of the test now running.
// Evaluated once per runtime as `(function (ops, require, module, exports) {…})`.
//
// The driver is a generator: each test or hook call yields {promise, ms} and
// resumes with how waiting for it ended, {state, value}, state being
// "fulfilled", "rejected", "timeout", "idle" (nothing left that could settle it)
// or "error" (an uncaught error was reported meanwhile). The runner turns the
// event loop between steps, so callbacks never run beneath harness frames.
//
// ops.op_test_wait(promise, ms)      the same wait, nested (subtests, async describe bodies)
// ops.op_test_drive(generator)       drives a run to its end, nested (runs outside `jsrun test`)
// ops.op_test_report(status, path, name, ms, details)   one result line
// ops.op_test_inspect(value)         the runtime's inspector (node's util.inspect)
// ops.op_test_summary()              standalone runs: prints the closing line
"use strict";

// Built-ins captured now, so a test that replaces them cannot break the harness.
const ReflectApply = Reflect.apply;
const PromiseCtor = Promise;
const PromiseThen = Promise.prototype.then;
const ErrorCtor = Error;
const ObjectIs = Object.is;
const StringCtor = String;
const StringIncludes = String.prototype.includes;
const StringSplit = String.prototype.split;
const StringStartsWith = String.prototype.startsWith;
const StringTrim = String.prototype.trim;
const ArrayJoin = Array.prototype.join;
const ArrayIndexOf = Array.prototype.indexOf;
const ArraySplice = Array.prototype.splice;
const perf = globalThis.performance;
const perfNow = perf.now;
const setTimeoutFn = globalThis.setTimeout;
const queueMicrotaskFn = globalThis.queueMicrotask;
const GeneratorNext = Object.getPrototypeOf(function* () {}).prototype.next;
const { op_test_wait, op_test_drive, op_test_report, op_test_inspect, op_test_summary } = ops;

const DEFAULT_TIMEOUT = 10000;

const push = (list, v) => { list[list.length] = v; };
const join = (list, sep) => ReflectApply(ArrayJoin, list, [sep]);
const now = () => ReflectApply(perfNow, perf, []);
const isThenable = (v) => v !== null && (typeof v === "object" || typeof v === "function") &&
  typeof v.then === "function";

function newSuite(name, parent, flags) {
  const path = [];
  if (parent !== null) {
    for (let i = 0; i < parent.path.length; i++) push(path, parent.path[i]);
    push(path, name);
  }
  return {
    name, parent, path, tests: [], suites: [],
    beforeAll: [], afterAll: [], beforeEach: [], afterEach: [],
    skip: !!flags.skip, only: !!flags.only, ran: false,
  };
}

let root = newSuite("", null, {});
let current = root;        // where describe()/it()/hooks register
let running = null;        // {failures} of the test or hook now running
let runnerMode = false;    // under `jsrun test` the runner drives; else runs start by themselves
let timeout = DEFAULT_TIMEOUT;
let filter = null;
let scheduled = false;

// Outside `jsrun test` (a plain `jsrun file.js`), registered tests run by
// themselves once the script's synchronous part is over, as node does.
function scheduleStandalone() {
  if (scheduled || runnerMode) return;
  scheduled = true;
  setTimeoutFn(() => {
    scheduled = false;
    op_test_drive(run({}));
    op_test_summary();
  }, 0);
}

// ---- registration ---------------------------------------------------------

/** describe(name, [options], fn) for every flavour. */
function describe(name, options, fn, flags) {
  if (typeof options === "function") { fn = options; options = undefined; }
  flags = flags || {};
  if (options !== null && typeof options === "object") {
    if (options.skip) flags = { skip: true, only: flags.only };
    if (options.only) flags = { skip: flags.skip, only: true };
  }
  const suite = newSuite(StringCtor(name === undefined ? "<anonymous>" : name), current, flags);
  push(current.suites, suite);
  scheduleStandalone();
  if (typeof fn !== "function") return;
  const saved = current;
  current = suite;
  try {
    const r = ReflectApply(fn, undefined, [{ name: suite.name }]);
    if (isThenable(r)) {
      // An async describe body registers across awaits: wait for it here.
      const res = op_test_wait(toPromise(r), timeout);
      if (res.state === "rejected") throw res.value;
    }
  } finally {
    current = saved;
  }
}

/**
 * Registers a test. `style` says how the function is called:
 * "node": fn(t) or fn(t, done) when it declares two parameters (node:test);
 * "done": fn() or fn(done) when it declares one (hypium, mocha).
 */
function addTest(name, options, fn, style, flags) {
  if (typeof options === "function") { fn = options; options = undefined; }
  flags = flags || {};
  const test = {
    name: StringCtor(name === undefined ? "<anonymous>" : name),
    suite: current, fn, style,
    skip: !!flags.skip, only: !!flags.only, todo: !!flags.todo, timeout: undefined,
  };
  if (options !== null && typeof options === "object") {
    if (options.skip) test.skip = true;
    if (options.only) test.only = true;
    if (options.todo) test.todo = true;
    if (typeof options.timeout === "number") test.timeout = options.timeout;
  }
  if (typeof fn !== "function") test.todo = true;
  push(current.tests, test);
  scheduleStandalone();
}

function addHook(kind, fn, style, names) {
  if (typeof fn !== "function") throw new TypeError(`${kind}() expects a function`);
  push(current[kind], { fn, style, names });
}

// ---- failure records --------------------------------------------------------

/** Records a failed assertion against the running test; the caller throws it. */
function record(err, owner) {
  const rec = owner === undefined ? running : owner;
  if (rec !== null) push(rec.failures, err);
  return err;
}

/** Withdraws a recorded failure that an assertion expected (assert.throws). */
function forgive(err) {
  if (running === null) return;
  const i = ReflectApply(ArrayIndexOf, running.failures, [err]);
  if (i >= 0) ReflectApply(ArraySplice, running.failures, [i, 1]);
}

function currentRecord() { return running; }

// ---- running ----------------------------------------------------------------

function toPromise(v) {
  return new PromiseCtor((resolve) => resolve(v));
}

/** One step of a run, for the runner: {done} or {done, promise, ms}. */
function step(gen, input) {
  const r = ReflectApply(GeneratorNext, gen, [input]);
  return r.done ? { done: true } : { done: false, promise: r.value.promise, ms: r.value.ms };
}

/** Runs a generator of the driver to its end right here (subtests). */
function drain(gen) {
  let input;
  for (;;) {
    const r = ReflectApply(GeneratorNext, gen, [input]);
    if (r.done) return r.value;
    input = op_test_wait(r.value.promise, r.value.ms);
  }
}

/** Calls a test or hook function; returns null, or {error} if it failed. */
function* invoke(fn, style, arg, ms) {
  const usesDone = style === "node" ? fn.length >= 2 : fn.length >= 1;
  const promise = new PromiseCtor((resolve, reject) => {
    let called = false;
    const done = (err) => {
      if (called) return;
      called = true;
      if (err !== undefined && err !== null && err !== false) reject(err);
      else resolve();
    };
    // Called from a microtask, so that the test's own code (and what it
    // throws or leaves unhandled) runs with no harness frame beneath it.
    queueMicrotaskFn(() => {
      try {
        if (!usesDone) {
          resolve(ReflectApply(fn, undefined, style === "node" ? [arg] : []));
          return;
        }
        const r = ReflectApply(fn, undefined, style === "node" ? [arg, done] : [done]);
        // hypium awaits the function too: a rejection ends the test before done().
        if (isThenable(r)) ReflectApply(PromiseThen, r, [undefined, done]);
      } catch (e) {
        reject(e);
      }
    });
  });
  const res = yield { promise, ms };
  switch (res.state) {
    case "fulfilled": return null;
    case "rejected": return { error: res.value };
    case "timeout":
      return { error: new ErrorCtor(`timed out after ${ms} ms` + (usesDone ? " (done() was not called)" : "")) };
    case "idle":
      return {
        error: new ErrorCtor(usesDone
          ? "done() was never called, and nothing is left pending that could call it"
          : "the returned promise never settled, and nothing is left pending that could settle it"),
      };
    default:
      return { error: new ErrorCtor("an uncaught error or unhandled rejection was reported while it ran (printed on stderr)") };
  }
}

function anyOnly(suite) {
  if (suite.only) return true;
  for (let i = 0; i < suite.tests.length; i++) if (suite.tests[i].only) return true;
  for (let i = 0; i < suite.suites.length; i++) if (anyOnly(suite.suites[i])) return true;
  return false;
}

function fullName(test) {
  const parts = [];
  for (let i = 0; i < test.suite.path.length; i++) push(parts, test.suite.path[i]);
  push(parts, test.name);
  return join(parts, " > ");
}

// "run", "skip", "todo" or "hidden" (filtered out: not reported at all).
function mode(test, plan) {
  if (plan.filter !== null && !ReflectApply(StringIncludes, fullName(test), [plan.filter])) return "hidden";
  let inOnly = test.only;
  let skip = test.skip;
  for (let s = test.suite; s !== null; s = s.parent) {
    if (s.only) inOnly = true;
    if (s.skip) skip = true;
  }
  if (plan.only && !inOnly) return "hidden";
  if (test.todo) return "todo";
  return skip ? "skip" : "run";
}

function hasWork(suite, plan) {
  for (let i = 0; i < suite.tests.length; i++) if (mode(suite.tests[i], plan) === "run") return true;
  for (let i = 0; i < suite.suites.length; i++) if (hasWork(suite.suites[i], plan)) return true;
  return false;
}

function report(status, path, name, start, error) {
  const ms = now() - start;
  op_test_report(status, path, name, ms, error === null ? undefined : describeFailure(error.error));
}

function pathOf(test) {
  const p = [];
  for (let i = 0; i < test.suite.path.length; i++) push(p, test.suite.path[i]);
  push(p, test.name);
  return p;
}

/** node:test's TestContext `t` (name, skip, todo, diagnostic, subtests). */
function testContext(test, plan) {
  const t = {
    name: test.name,
    fullName: fullName(test),
    skipped: false,
    note: undefined,
    notes: [],
    skip(message) { t.skipped = true; t.note = message; },
    todo(message) { t.skipped = true; t.note = message; },
    diagnostic(message) { push(t.notes, StringCtor(message)); },
    // A subtest runs to its end right here (the loop turns meanwhile) and
    // reports its own line; its failure fails the parent too.
    test(name, options, fn) {
      if (typeof options === "function") { fn = options; options = undefined; }
      const sub = {
        name: StringCtor(name), suite: { path: pathOf(test), parent: test.suite },
        fn, style: "node", skip: false, only: false, todo: typeof fn !== "function", timeout: undefined,
      };
      if (options !== null && typeof options === "object") {
        if (options.skip) sub.skip = true;
        if (options.todo) sub.todo = true;
        if (typeof options.timeout === "number") sub.timeout = options.timeout;
      }
      const parent = running;
      const ok = drain(runOne(sub, plan, false));
      running = parent;
      if (!ok && parent !== null) push(parent.failures, new ErrorCtor(`subtest '${sub.name}' failed`));
      return toPromise(undefined);
    },
  };
  return t;
}

/** The beforeEach (outermost first) or afterEach (innermost first) hooks of a test. */
function hooksFor(test, kind) {
  const chain = [];
  for (let s = test.suite; s !== null; s = s.parent) push(chain, s);
  const hooks = [];
  for (let k = 0; k < chain.length; k++) {
    const s = chain[kind === "beforeEach" ? chain.length - 1 - k : k];
    for (let j = 0; j < s[kind].length; j++) {
      const h = s[kind][j];
      if (h.names === undefined || ReflectApply(ArrayIndexOf, h.names, [test.name]) >= 0) push(hooks, h);
    }
  }
  return hooks;
}

/**
 * Runs one test between its beforeEach and afterEach hooks (none for
 * subtests), reports it, and says whether it passed.
 */
function* runOne(test, plan, withHooks) {
  const m = withHooks ? mode(test, plan) : (test.todo ? "todo" : test.skip ? "skip" : "run");
  if (m === "hidden") return true;
  if (m !== "run") {
    op_test_report(m, test.suite.path, test.name, 0, undefined);
    return true;
  }
  const start = now();
  const ms = test.timeout !== undefined ? test.timeout : plan.timeout;
  const rec = { failures: [] };
  running = rec;
  let failure = null;
  const before = withHooks ? hooksFor(test, "beforeEach") : [];
  for (let i = 0; i < before.length && failure === null; i++) {
    failure = yield* invoke(before[i].fn, before[i].style, testContext(test, plan), ms);
    if (failure !== null) failure = { error: hookError("beforeEach", failure.error) };
  }
  const t = testContext(test, plan);
  if (failure === null) failure = yield* invoke(test.fn, test.style, t, ms);
  const after = withHooks ? hooksFor(test, "afterEach") : [];
  for (let i = 0; i < after.length; i++) {
    const f = yield* invoke(after[i].fn, after[i].style, testContext(test, plan), ms);
    if (f !== null && failure === null) failure = { error: hookError("afterEach", f.error) };
  }
  running = null;
  // A failed assertion counts even when the test caught what it threw.
  if (failure === null && rec.failures.length > 0) failure = { error: rec.failures[0] };
  if (failure === null && t.skipped) {
    op_test_report("skip", test.suite.path, test.name, 0, t.note === undefined ? undefined : StringCtor(t.note));
    return true;
  }
  report(failure === null ? "ok" : "FAIL", test.suite.path, test.name, start, failure);
  for (let i = 0; i < t.notes.length; i++) op_test_report("note", test.suite.path, test.name, 0, t.notes[i]);
  return failure === null;
}

function hookError(kind, error) {
  if (error !== null && typeof error === "object" && typeof error.message === "string") {
    try { error.message = `${kind} hook failed: ${error.message}`; } catch (_) { /* frozen */ }
    return error;
  }
  return new ErrorCtor(`${kind} hook failed: ${inspect(error)}`);
}

function* runHooks(suite, kind, plan) {
  const list = suite[kind];
  for (let i = 0; i < list.length; i++) {
    const rec = { failures: [] };
    running = rec;
    let f = yield* invoke(list[i].fn, list[i].style, { name: suite.name }, plan.timeout);
    running = null;
    if (f === null && rec.failures.length > 0) f = { error: rec.failures[0] };
    if (f !== null) return f;
  }
  return null;
}

function failAll(suite, plan, failure) {
  for (let i = 0; i < suite.tests.length; i++) {
    const t = suite.tests[i];
    const m = mode(t, plan);
    if (m === "run") report("FAIL", t.suite.path, t.name, now(), failure);
    else if (m !== "hidden") op_test_report(m, t.suite.path, t.name, 0, undefined);
  }
  for (let i = 0; i < suite.suites.length; i++) failAll(suite.suites[i], plan, failure);
}

function reportSkipped(suite, plan) {
  for (let i = 0; i < suite.tests.length; i++) {
    const t = suite.tests[i];
    const m = mode(t, plan);
    if (m === "skip" || m === "todo") op_test_report(m, t.suite.path, t.name, 0, undefined);
  }
  for (let i = 0; i < suite.suites.length; i++) reportSkipped(suite.suites[i], plan);
}

// mocha and hypium order: beforeAll, the suite's own tests, its child suites, afterAll.
function* runSuite(suite, plan) {
  if (!hasWork(suite, plan)) {
    reportSkipped(suite, plan);
    return;
  }
  const start = now();
  const before = yield* runHooks(suite, "beforeAll", plan);
  if (before !== null) {
    failAll(suite, plan, { error: hookError("beforeAll", before.error) });
  } else {
    // Indexes, not iterators: tests registered while running are picked up too.
    for (let i = 0; i < suite.tests.length; i++) yield* runOne(suite.tests[i], plan, true);
    for (let i = 0; i < suite.suites.length; i++) yield* runSuite(suite.suites[i], plan);
  }
  const after = yield* runHooks(suite, "afterAll", plan);
  if (after !== null) report("FAIL", suite.path, "afterAll hook", start, { error: hookError("afterAll", after.error) });
}

/** A run of everything registered so far, as a generator of waits. */
function* run(options) {
  if (typeof options.timeout === "number") timeout = options.timeout;
  if (typeof options.filter === "string") filter = options.filter;
  const suite = root;
  root = newSuite("", null, {});
  current = root;
  const plan = { timeout, filter, only: anyOnly(suite) };
  yield* runSuite(suite, plan);
}

// ---- failure text -------------------------------------------------------------

/** A value as node's util.inspect shows it inside a structure (strings quoted). */
function inspect(v) {
  if (typeof v === "string") return quote(v);
  try { return op_test_inspect(v); } catch (_) { return "<uninspectable>"; }
}

function quote(s) {
  let out = "'";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === "\\") out += "\\" + c;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else out += c;
  }
  return out + "'";
}

/** `Name: message` and the stack frames outside the harness. */
function describeFailure(err) {
  if (err === null || typeof err !== "object") return `thrown: ${inspect(err)}`;
  let head;
  let stack = "";
  try {
    const name = err.name === undefined ? "Error" : StringCtor(err.name);
    const message = err.message === undefined ? "" : StringCtor(err.message);
    head = message === "" ? name : `${name}: ${message}`;
    stack = typeof err.stack === "string" ? err.stack : "";
  } catch (_) {
    return inspect(err);
  }
  const lines = [head];
  const frames = ReflectApply(StringSplit, stack, ["\n"]);
  for (let i = 0; i < frames.length; i++) {
    const f = ReflectApply(StringTrim, frames[i], []);
    if (f === "" || !ReflectApply(StringStartsWith, f, ["at "])) continue;
    if (ReflectApply(StringIncludes, f, ["(jsrun:"]) || ReflectApply(StringIncludes, f, ["(native)"])) continue;
    push(lines, "    " + f);
  }
  return join(lines, "\n");
}

// ---- globals for test files ---------------------------------------------------

/** it(name, fn) or hypium's it(name, filter, fn): the function gets done() if it asks. */
function it(name, filter, fn, flags) {
  if (typeof filter === "function") return addTest(name, undefined, filter, "done", flags);
  return addTest(name, undefined, fn, "done", flags);
}

function installGlobals() {
  const g = globalThis;
  let hypium = null;
  const expect = (actual) => {
    if (hypium === null) hypium = require("@ohos/hypium");
    return hypium.expect(actual);
  };
  const define = (name, value) => {
    Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
  };
  const gd = (name, fn, flags) => describe(name, fn, undefined, flags);
  const describeG = (name, options, fn) => describe(name, options, fn);
  describeG.skip = (name, options, fn) => describe(name, options, fn, { skip: true });
  describeG.only = (name, options, fn) => describe(name, options, fn, { only: true });
  const itG = (name, filter, fn) => it(name, filter, fn);
  itG.skip = (name, filter, fn) => it(name, filter, fn, { skip: true });
  itG.only = (name, filter, fn) => it(name, filter, fn, { only: true });
  itG.todo = (name, filter, fn) => it(name, filter, fn, { todo: true });
  const testG = (name, options, fn) => addTest(name, options, fn, "node");
  testG.skip = (name, options, fn) => addTest(name, options, fn, "node", { skip: true });
  testG.only = (name, options, fn) => addTest(name, options, fn, "node", { only: true });
  testG.todo = (name, options, fn) => addTest(name, options, fn, "node", { todo: true });
  define("describe", describeG);
  define("it", itG);
  define("test", testG);
  define("xdescribe", (name, fn) => gd(name, fn, { skip: true }));
  define("xit", (name, filter, fn) => it(name, filter, fn, { skip: true }));
  define("expect", expect);
  for (const [name, kind] of [["beforeAll", "beforeAll"], ["before", "beforeAll"], ["afterAll", "afterAll"],
    ["after", "afterAll"], ["beforeEach", "beforeEach"], ["afterEach", "afterEach"]]) {
    define(name, (fn) => addHook(kind, fn, "done"));
  }
}

/** Called by the runner before a test file loads. */
function configure(options) {
  runnerMode = true;
  if (typeof options.timeout === "number") timeout = options.timeout;
  if (typeof options.filter === "string") filter = options.filter;
}

module.exports = {
  INTERNAL: Symbol("jsrun test internals"),
  describe, addTest, addHook, it, record, forgive, currentRecord, run, step, configure,
  installGlobals, inspect, DEFAULT_TIMEOUT,
};
