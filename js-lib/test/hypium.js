// `@ohos/hypium`: OpenHarmony's test framework as its suites import it
// (describe, it(name, filter, fn), expect, hooks, TestType/Size/Level, Hypium).
// Evaluated once per runtime as `(function (ops, require, module, exports) {…})`;
// `ops.core` is the harness core (js-lib/test/core.js).
"use strict";

const core = ops.core;
const ReflectApply = Reflect.apply;
const ObjectFreeze = Object.freeze;
const ObjectPrototypeToString = Object.prototype.toString;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const PromiseCtor = Promise;
const PromiseRace = Promise.race;
const PromiseResolve = Promise.resolve;
const PromiseThen = Promise.prototype.then;
const ErrorCtor = Error;
const StringCtor = String;
const StringIndexOf = String.prototype.indexOf;
const MathAbs = Math.abs;
const ArrayIsArray = Array.isArray;
const ArrayIndexOf = Array.prototype.indexOf;
const MapCtor = Map;
const MapGet = Map.prototype.get;
const MapSet = Map.prototype.set;

const inspect = (v) => core.inspect(v);
const tag = (v) => ReflectApply(ObjectPrototypeToString, v, []);
const isThenable = (v) => v !== null && (typeof v === "object" || typeof v === "function") &&
  typeof v.then === "function";

/** What hypium throws for a failed expectation. */
class AssertException extends ErrorCtor {
  constructor(message) {
    super(message);
    this.name = "AssertException";
  }
}

let internals = null;
function assertInternals() {
  if (internals === null) internals = require("assert")[core.INTERNAL];
  return internals;
}

// ---- matchers: (actual, args) → {pass, what}; the message is `expect <actual> [not] <what>` ----

function constructorNames(v) {
  const names = [];
  for (let p = v === null || v === undefined ? null : ObjectGetPrototypeOf(Object(v)); p !== null; p = ObjectGetPrototypeOf(p)) {
    const c = p.constructor;
    if (typeof c === "function" && typeof c.name === "string") names[names.length] = c.name;
  }
  return names;
}

function thrownBy(fn) {
  if (typeof fn !== "function") throw new TypeError("actualValue is not a function");
  try {
    fn();
  } catch (e) {
    core.forgive(e);
    return { error: e };
  }
  return null;
}

function errorType(e) {
  return e !== null && typeof e === "object" && typeof e.name === "string" ? e.name : typeof e;
}

const matchers = {
  assertTrue: (a) => ({ pass: a === true, what: "to be true" }),
  assertFalse: (a) => ({ pass: a === false, what: "to be false" }),
  assertNull: (a) => ({ pass: a === null, what: "to be null" }),
  assertUndefined: (a) => ({ pass: a === undefined, what: "to be undefined" }),
  assertNaN: (a) => ({ pass: a !== a, what: "to be NaN" }), // eslint-disable-line no-self-compare
  assertNegUnlimited: (a) => ({ pass: a === -Infinity, what: "to be -Infinity" }),
  assertPosUnlimited: (a) => ({ pass: a === Infinity, what: "to be Infinity" }),
  assertEqual: (a, args) => ({ pass: a === args[0], what: `to equal ${inspect(args[0])}` }),
  assertDeepEquals: (a, args) => ({
    pass: assertInternals().isDeepEqual(a, args[0]),
    what: `to deep-equal ${inspect(args[0])}`,
  }),
  assertLarger: (a, args) => ({ pass: a > args[0], what: `to be larger than ${inspect(args[0])}` }),
  assertLess: (a, args) => ({ pass: a < args[0], what: `to be less than ${inspect(args[0])}` }),
  assertLargerOrEqual: (a, args) => ({ pass: a >= args[0], what: `to be larger than or equal to ${inspect(args[0])}` }),
  assertLessOrEqual: (a, args) => ({ pass: a <= args[0], what: `to be less than or equal to ${inspect(args[0])}` }),
  assertClose: (a, args) => {
    // hypium: |expected - actual| / |actual| < precision (exact match when actual is 0).
    const diff = MathAbs(args[0] - a);
    const base = MathAbs(a);
    const pass = base === 0 ? diff === 0 : diff / base < args[1];
    return { pass, what: `to be close to ${inspect(args[0])} (relative precision ${inspect(args[1])})` };
  },
  assertContain: (a, args) => {
    let pass = false;
    if (typeof a === "string") pass = ReflectApply(StringIndexOf, a, [StringCtor(args[0])]) >= 0;
    else if (ArrayIsArray(a)) {
      for (let i = 0; i < a.length && !pass; i++) pass = a[i] == args[0]; // eslint-disable-line eqeqeq
    }
    return { pass, what: `to contain ${inspect(args[0])}` };
  },
  assertInstanceOf: (a, args) => {
    // hypium compares Object.prototype.toString's tag; class names count too.
    const name = StringCtor(args[0]);
    const pass = tag(a) === `[object ${name}]` ||
      (a !== null && typeof a === "object" && ReflectApply(ArrayIndexOf, constructorNames(a), [name]) >= 0);
    return { pass, what: `to be an instance of ${name} (it is ${tag(a)})` };
  },
  assertThrowError: (a, args) => {
    const got = thrownBy(a);
    if (got === null) return { pass: false, what: "to throw an error" };
    const e = got.error;
    const message = e !== null && typeof e === "object" ? e.message : e;
    let pass;
    if (args.length >= 2) {
      pass = (args[0] === "" || errorType(e) === args[0]) && message === args[1];
    } else {
      // One argument: the message (hypium's JS versions) or the error type (its ArkTS ones).
      pass = message === args[0] || errorType(e) === args[0];
    }
    return {
      pass,
      what: `to throw ${args.length >= 2 ? `${args[0]}: ${args[1]}` : inspect(args[0])} (it threw ${errorType(e)}: ${inspect(message)})`,
    };
  },
  assertThrow: (a, args) => {
    const got = thrownBy(a);
    const message = got !== null && got.error !== null && typeof got.error === "object" ? got.error.message : undefined;
    return { pass: got !== null && message === args[0], what: `to throw ${inspect(args[0])}` };
  },
  assertFail: () => ({ pass: false, what: "to fail (assertFail)" }),
};

// Promise matchers are async: they look at the promise's state one turn later.
const PENDING = {};
function promiseState(p) {
  return new PromiseCtor((resolve) => {
    const race = ReflectApply(PromiseRace, PromiseCtor, [[p, ReflectApply(PromiseResolve, PromiseCtor, [PENDING])]]);
    ReflectApply(PromiseThen, race, [
      (v) => resolve(v === PENDING ? { state: "pending" } : { state: "resolved", value: v }),
      (e) => resolve({ state: "rejected", value: e }),
    ]);
  });
}

function errorMatches(e, args) {
  const message = e !== null && typeof e === "object" ? e.message : undefined;
  if (args.length === 1) {
    if (typeof args[0] === "function") return e instanceof args[0] || errorType(e) === args[0].name;
    return message === args[0];
  }
  return (typeof args[0] !== "function" || e instanceof args[0] || errorType(e) === args[0].name) &&
    message === args[1];
}

const promiseMatchers = {
  assertPromiseIsPending: (s) => ({ pass: s.state === "pending", what: "to be pending" }),
  assertPromiseIsResolved: (s) => ({ pass: s.state === "resolved", what: `to be resolved (it is ${s.state})` }),
  assertPromiseIsRejected: (s) => ({ pass: s.state === "rejected", what: `to be rejected (it is ${s.state})` }),
  assertPromiseIsResolvedWith: (s, args) => ({
    pass: s.state === "resolved" && (args.length === 0 || assertInternals().isDeepEqual(s.value, args[0])),
    what: `to be resolved with ${inspect(args[0])} (it is ${s.state}${s.state === "pending" ? "" : ` with ${inspect(s.value)}`})`,
  }),
  assertPromiseIsRejectedWith: (s, args) => ({
    pass: s.state === "rejected" && (args.length === 0 || assertInternals().isDeepEqual(s.value, args[0])),
    what: `to be rejected with ${inspect(args[0])} (it is ${s.state}${s.state === "pending" ? "" : ` with ${inspect(s.value)}`})`,
  }),
  assertPromiseIsRejectedWithError: (s, args) => ({
    pass: s.state === "rejected" && errorMatches(s.value, args),
    what: `to be rejected with the error ${inspect(args.length === 1 ? args[0] : [args[0], args[1]])}` +
      ` (it is ${s.state}${s.state === "pending" ? "" : ` with ${inspect(s.value)}`})`,
  }),
};

/** The object expect() returns: matchers on its prototype, state on itself. */
function Expectation(actual, owner) {
  this.actual = actual;
  this.owner = owner;
  this.isNot = false;
  this.label = undefined;
}

function fail(e, what) {
  const head = e.label === undefined ? "" : `${e.label}: `;
  const text = `${head}expect ${inspect(e.actual)} ${e.isNot ? "not " : ""}${what}`;
  throw core.record(new AssertException(text), e.owner);
}

const proto = Expectation.prototype;
proto.not = function not() { this.isNot = true; return this; };
proto.message = function message(text) { this.label = StringCtor(text); return this; };
for (const name in matchers) {
  const m = matchers[name];
  proto[name] = function (...args) {
    const r = m(this.actual, args);
    if (r.pass === this.isNot) fail(this, r.what);
  };
}
for (const name in promiseMatchers) {
  const m = promiseMatchers[name];
  proto[name] = async function (...args) {
    if (!isThenable(this.actual)) fail(this, "to be a promise");
    const s = await promiseState(this.actual);
    const r = m(s, args);
    if (r.pass === this.isNot) fail(this, r.what);
  };
}

/** A matcher from Hypium.registerAssert: fn(actual, ...args) → {pass, message}. */
function addCustom(fn) {
  const name = fn.name;
  proto[name] = function (...args) {
    const r = ReflectApply(fn, undefined, [this.actual, ...args]);
    const pass = r !== null && typeof r === "object" ? !!r.pass : !!r;
    if (pass === this.isNot) {
      fail(this, r !== null && typeof r === "object" && r.message ? `(${name}: ${r.message})` : `to pass ${name}`);
    }
  };
}

/**
 * expect(actual): a failed matcher is recorded against the test that called
 * expect() before it throws, so catching the error does not hide it.
 */
function expect(actual) {
  return new Expectation(actual, core.currentRecord());
}

const TestType = ObjectFreeze({
  FUNCTION: 1, PERFORMANCE: 1 << 1, POWER: 1 << 2, RELIABILITY: 1 << 3, SECURITY: 1 << 4,
  GLOBAL: 1 << 5, COMPATIBILITY: 1 << 6, USER: 1 << 7, STANDARD: 1 << 8, SAFETY: 1 << 9,
  RESILIENCE: 1 << 10,
});
const Size = ObjectFreeze({ SMALLTEST: 1 << 16, MEDIUMTEST: 1 << 17, LARGETEST: 1 << 18 });
const Level = ObjectFreeze({ LEVEL0: 1 << 24, LEVEL1: 1 << 25, LEVEL2: 1 << 26, LEVEL3: 1 << 27, LEVEL4: 1 << 28 });

const context = new MapCtor();
/** What suites touch of hypium's Hypium class; the runner does the rest. */
const Hypium = {
  context,
  hypiumTest(delegator, args, testsuite) { if (typeof testsuite === "function") testsuite(); },
  setData() {},
  setTimeConfig() {},
  set(key, value) { ReflectApply(MapSet, context, [key, value]); },
  get(key) { return ReflectApply(MapGet, context, [key]); },
  registerAssert(fn) { if (typeof fn === "function" && fn.name !== "") addCustom(fn); },
  unregisterAssert(fn) {
    const name = typeof fn === "function" ? fn.name : StringCtor(fn);
    if (!(name in matchers) && !(name in promiseMatchers)) delete proto[name];
  },
};

const hook = (kind) => (fn) => core.addHook(kind, fn, "done");
const specified = (kind) => (names, fn) =>
  core.addHook(kind, fn, "done", ArrayIsArray(names) ? names : [StringCtor(names)]);

module.exports = {
  describe: (name, fn) => core.describe(name, fn),
  xdescribe: (name, fn) => core.describe(name, fn, undefined, { skip: true }),
  it: (name, filter, fn) => core.it(name, filter, fn),
  xit: (name, filter, fn) => core.it(name, filter, fn, { skip: true }),
  expect,
  beforeAll: hook("beforeAll"),
  afterAll: hook("afterAll"),
  beforeEach: hook("beforeEach"),
  afterEach: hook("afterEach"),
  beforeItSpecified: specified("beforeEach"),
  afterItSpecified: specified("afterEach"),
  AssertException,
  DEFAULT: 0,
  TestType,
  Size,
  Level,
  Hypium,
};
