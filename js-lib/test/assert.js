// `assert` / `node:assert`: node's assert module. Evaluated once per runtime as
// `(function (ops, require, module, exports) {…})`; `ops.core` is the harness
// core (js-lib/test/core.js): a failed assertion is recorded against the running
// test before it is thrown, so the test fails even if the script catches it.
"use strict";

const core = ops.core;
const ReflectApply = Reflect.apply;
const ReflectOwnKeys = Reflect.ownKeys;
const ObjectIs = Object.is;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectPrototypeToString = Object.prototype.toString;
const ObjectDefineProperty = Object.defineProperty;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const PromiseCtor = Promise;
const PromiseThen = Promise.prototype.then;
const PromiseResolve = Promise.resolve;
const ErrorCtor = Error;
const RegExpCtor = RegExp;
const RegExpTest = RegExp.prototype.test;
const StringSplit = String.prototype.split;
const StringCtor = String;
const ArrayIsArray = Array.isArray;
const ArrayJoin = Array.prototype.join;
const DateGetTime = Date.prototype.getTime;
const MapCtor = Map;
const SetCtor = Set;
const MapGet = Map.prototype.get;
const MapHas = Map.prototype.has;
const MapEntries = Map.prototype.entries;
const MapSize = ObjectGetOwnPropertyDescriptor(Map.prototype, "size").get;
const SetHas = Set.prototype.has;
const SetValues = Set.prototype.values;
const SetSize = ObjectGetOwnPropertyDescriptor(Set.prototype, "size").get;
const ArrayBufferCtor = ArrayBuffer;
const isView = ArrayBuffer.isView;
const Uint8ArrayCtor = Uint8Array;
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;
const isPrototypeOf = Object.prototype.isPrototypeOf;

const push = (list, v) => { list[list.length] = v; };
const join = (list, sep) => ReflectApply(ArrayJoin, list, [sep]);
const tag = (v) => ReflectApply(ObjectPrototypeToString, v, []);
const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");
const inspect = (v) => core.inspect(v);

// ---- AssertionError -------------------------------------------------------------

class AssertionError extends ErrorCtor {
  constructor(options) {
    const o = isObject(options) ? options : {};
    const generated = o.message === undefined || o.message === null;
    super(generated ? generateMessage(o) : StringCtor(o.message));
    ObjectDefineProperty(this, "name", { value: "AssertionError", writable: true, configurable: true });
    this.generatedMessage = generated;
    this.code = "ERR_ASSERTION";
    this.actual = o.actual;
    this.expected = o.expected;
    this.operator = o.operator;
  }
}

const HEADS = {
  strictEqual: "Expected values to be strictly equal:",
  deepStrictEqual: "Expected values to be strictly deep-equal:",
  deepEqual: "Expected values to be loosely deep-equal:",
  notStrictEqual: "Expected \"actual\" to be strictly unequal to:",
  notDeepStrictEqual: "Expected \"actual\" not to be strictly deep-equal to:",
  notDeepEqual: "Expected \"actual\" not to be loosely deep-equal to:",
};

function generateMessage(o) {
  const op = o.operator;
  const a = inspect(o.actual);
  const e = inspect(o.expected);
  if (op === "strictEqual" && a === e) {
    return `Values have same structure but are not reference-equal:\n\n${a}`;
  }
  if (op === "strictEqual" || op === "deepStrictEqual" || op === "deepEqual") {
    return `${HEADS[op]}\n${diff(a, e, op === "strictEqual" ? "!==" : null)}`;
  }
  if (op in HEADS) return `${HEADS[op]}\n\n${a}`;
  if (op === "==" || op === "!=") return `${a} ${op} ${e}`;
  return `${a} ${op} ${e}`;
}

/**
 * Both values as the inspector prints them: `a !== b` when both fit on one
 * line and `op` is given, else a line diff (`+` actual, `-` expected, as node
 * shows it).
 */
function diff(a, e, op) {
  const al = ReflectApply(StringSplit, a, ["\n"]);
  const el = ReflectApply(StringSplit, e, ["\n"]);
  if (al.length === 1 && el.length === 1) {
    return op !== null ? `\n${a} ${op} ${e}` : `+ actual - expected\n\n+ ${a}\n- ${e}`;
  }
  if (al.length * el.length > 40000) return `actual:\n${a}\n\nexpected:\n${e}`;
  // Longest common subsequence of lines, then a walk that prints it.
  const n = al.length, m = el.length;
  const lcs = [];
  for (let i = 0; i <= n; i++) { const row = []; for (let j = 0; j <= m; j++) row[j] = 0; lcs[i] = row; }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = al[i] === el[j] ? lcs[i + 1][j + 1] + 1
        : (lcs[i + 1][j] >= lcs[i][j + 1] ? lcs[i + 1][j] : lcs[i][j + 1]);
    }
  }
  const out = ["+ actual - expected", ""];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && al[i] === el[j]) { push(out, "  " + al[i]); i++; j++; }
    else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) { push(out, "+ " + al[i]); i++; }
    else { push(out, "- " + el[j]); j++; }
  }
  return join(out, "\n");
}

/** Records the error against the running test, then throws it. */
function raise(err) {
  throw core.record(err);
}

function fail3(actual, expected, message, operator) {
  if (message instanceof ErrorCtor) raise(message);
  raise(new AssertionError({ actual, expected, message, operator }));
}

// ---- deep equality (node's rules) -------------------------------------------------

function isDeepEqual(a, b, strict, memo) {
  if (strict ? ObjectIs(a, b) : (a == b || (a !== a && b !== b))) return true; // eslint-disable-line eqeqeq
  if (!isObject(a) || !isObject(b)) return false;
  if (strict && ObjectGetPrototypeOf(a) !== ObjectGetPrototypeOf(b)) return false;
  const ta = tag(a);
  if (ta !== tag(b)) return false;
  if (ArrayIsArray(a) !== ArrayIsArray(b)) return false;
  // A pair already under comparison is assumed equal (cycles).
  for (let i = 0; i < memo.length; i++) if (memo[i][0] === a && memo[i][1] === b) return true;
  push(memo, [a, b]);
  try {
    return compareObjects(a, b, ta, strict, memo);
  } finally {
    memo.length -= 1;
  }
}

function compareObjects(a, b, ta, strict, memo) {
  if (ta === "[object Date]") {
    if (ReflectApply(DateGetTime, a, []) !== ReflectApply(DateGetTime, b, [])) return false;
  } else if (ta === "[object RegExp]") {
    if (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (a instanceof ErrorCtor || b instanceof ErrorCtor) {
    if (a.message !== b.message || a.name !== b.name) return false;
  } else if (isView(a)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8ArrayCtor(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8ArrayCtor(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  } else if (a instanceof ArrayBufferCtor) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8ArrayCtor(a), y = new Uint8ArrayCtor(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  } else if (ta === "[object Number]" || ta === "[object String]" || ta === "[object Boolean]") {
    if (!ObjectIs(a.valueOf(), b.valueOf())) return false;
  }
  if (a instanceof MapCtor) {
    if (!(b instanceof MapCtor) || !mapsEqual(a, b, strict, memo)) return false;
  } else if (a instanceof SetCtor) {
    if (!(b instanceof SetCtor) || !setsEqual(a, b, strict, memo)) return false;
  }
  const ka = ownKeys(a, strict, isView(a)), kb = ownKeys(b, strict, isView(b));
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (ObjectGetOwnPropertyDescriptor(b, k) === undefined ||
      !ReflectApply(propertyIsEnumerable, b, [k])) return false;
    if (!isDeepEqual(a[k], b[k], strict, memo)) return false;
  }
  return true;
}

function ownKeys(o, strict, skipIndexes) {
  const out = [];
  const keys = ReflectOwnKeys(o);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (!ReflectApply(propertyIsEnumerable, o, [k])) continue;
    if (typeof k === "symbol" && !strict) continue;
    if (skipIndexes && typeof k === "string" && /^(0|[1-9][0-9]*)$/.test(k)) continue;
    push(out, k);
  }
  return out;
}

function mapsEqual(a, b, strict, memo) {
  if (ReflectApply(MapSize, a, []) !== ReflectApply(MapSize, b, [])) return false;
  const it = ReflectApply(MapEntries, a, []);
  for (let step = it.next(); !step.done; step = it.next()) {
    const k = step.value[0], v = step.value[1];
    if (!isObject(k) && ReflectApply(MapHas, b, [k])) {
      if (!isDeepEqual(v, ReflectApply(MapGet, b, [k]), strict, memo)) return false;
      continue;
    }
    let found = false;
    const it2 = ReflectApply(MapEntries, b, []);
    for (let s2 = it2.next(); !s2.done && !found; s2 = it2.next()) {
      found = isDeepEqual(k, s2.value[0], strict, memo) && isDeepEqual(v, s2.value[1], strict, memo);
    }
    if (!found) return false;
  }
  return true;
}

function setsEqual(a, b, strict, memo) {
  if (ReflectApply(SetSize, a, []) !== ReflectApply(SetSize, b, [])) return false;
  const it = ReflectApply(SetValues, a, []);
  for (let step = it.next(); !step.done; step = it.next()) {
    const v = step.value;
    if (!isObject(v) && ReflectApply(SetHas, b, [v])) continue;
    let found = false;
    const it2 = ReflectApply(SetValues, b, []);
    for (let s2 = it2.next(); !s2.done && !found; s2 = it2.next()) found = isDeepEqual(v, s2.value, strict, memo);
    if (!found) return false;
  }
  return true;
}

// ---- expected-error matching (throws, rejects) --------------------------------------

/** null if `err` matches `expected` (class, RegExp, validator or object), else why not. */
function mismatch(err, expected) {
  if (expected === undefined) return null;
  if (expected instanceof RegExpCtor) {
    return ReflectApply(RegExpTest, expected, [StringCtor(err)]) ? null
      : `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(StringCtor(err))}`;
  }
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && err instanceof expected) return null;
    if (expected === ErrorCtor || ReflectApply(isPrototypeOf, ErrorCtor, [expected])) {
      return `The error is expected to be an instance of "${expected.name}". Received ${inspect(err)}`;
    }
    return ReflectApply(expected, {}, [err]) === true ? null
      : `The ${expected.name ? `"${expected.name}" ` : ""}validation function is expected to return "true". Received ${inspect(err)}`;
  }
  if (isObject(expected)) {
    const keys = ReflectOwnKeys(expected);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const want = expected[k];
      const got = isObject(err) ? err[k] : undefined;
      if (want instanceof RegExpCtor && typeof got === "string") {
        if (!ReflectApply(RegExpTest, want, [got])) return `${StringCtor(k)}: ${inspect(got)} does not match ${inspect(want)}`;
      } else if (!isDeepEqual(got, want, true, [])) {
        return `Expected values to be strictly deep-equal at "${StringCtor(k)}":\n${diff(inspect(got), inspect(want), "!==")}`;
      }
    }
    return null;
  }
  return null;
}

function getThrown(fn) {
  if (typeof fn !== "function") {
    throw new TypeError(`The "fn" argument must be of type function. Received ${inspect(fn)}`);
  }
  try {
    fn();
  } catch (e) {
    // The harness expected this error: it no longer fails the test.
    core.forgive(e);
    return { error: e };
  }
  return null;
}

// throws(fn, "message") is throws(fn, undefined, "message").
const messageOnly = (expected) => typeof expected === "string";

// ---- the API --------------------------------------------------------------------

function ok(value, message) {
  if (!value) {
    fail3(value, true, message === undefined
      ? `The expression evaluated to a falsy value:\n\n  assert.ok(${inspect(value)})` : message, "==");
  }
}

function makeAssert(strictMode) {
  const assert = function assert(value, message) { ok(value, message); };
  assert.ok = ok;
  assert.fail = function fail(message) {
    if (message instanceof ErrorCtor) raise(message);
    raise(new AssertionError({ message: message === undefined ? "Failed" : message, operator: "fail" }));
  };
  assert.strictEqual = function strictEqual(actual, expected, message) {
    if (!ObjectIs(actual, expected)) fail3(actual, expected, message, "strictEqual");
  };
  assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
    if (ObjectIs(actual, expected)) fail3(actual, expected, message, "notStrictEqual");
  };
  assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
    if (!isDeepEqual(actual, expected, true, [])) fail3(actual, expected, message, "deepStrictEqual");
  };
  assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
    if (isDeepEqual(actual, expected, true, [])) fail3(actual, expected, message, "notDeepStrictEqual");
  };
  if (strictMode) {
    assert.equal = assert.strictEqual;
    assert.notEqual = assert.notStrictEqual;
    assert.deepEqual = assert.deepStrictEqual;
    assert.notDeepEqual = assert.notDeepStrictEqual;
  } else {
    assert.equal = function equal(actual, expected, message) {
      // eslint-disable-next-line eqeqeq
      if (!(actual == expected || (actual !== actual && expected !== expected))) fail3(actual, expected, message, "==");
    };
    assert.notEqual = function notEqual(actual, expected, message) {
      // eslint-disable-next-line eqeqeq
      if (actual == expected || (actual !== actual && expected !== expected)) fail3(actual, expected, message, "!=");
    };
    assert.deepEqual = function deepEqual(actual, expected, message) {
      if (!isDeepEqual(actual, expected, false, [])) fail3(actual, expected, message, "deepEqual");
    };
    assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
      if (isDeepEqual(actual, expected, false, [])) fail3(actual, expected, message, "notDeepEqual");
    };
  }
  assert.throws = function throws(fn, expected, message) {
    if (messageOnly(expected)) { message = expected; expected = undefined; }
    const got = getThrown(fn);
    if (got === null) {
      fail3(undefined, expected, message === undefined ? "Missing expected exception." : message, "throws");
    }
    const why = mismatch(got.error, expected);
    if (why !== null) fail3(got.error, expected, message === undefined ? why : message, "throws");
  };
  assert.doesNotThrow = function doesNotThrow(fn, expected, message) {
    if (messageOnly(expected)) { message = expected; expected = undefined; }
    const got = getThrown(fn);
    if (got === null) return;
    if (expected !== undefined && mismatch(got.error, expected) !== null) throw got.error;
    const text = isObject(got.error) && "message" in got.error ? got.error.message : inspect(got.error);
    fail3(got.error, expected, `Got unwanted exception${message === undefined ? "." : `: ${message}`}\nActual message: "${text}"`, "doesNotThrow");
  };
  assert.rejects = async function rejects(promiseOrFn, expected, message) {
    if (messageOnly(expected)) { message = expected; expected = undefined; }
    const got = await settle(promiseOrFn);
    if (!got.rejected) {
      fail3(undefined, expected, message === undefined ? "Missing expected rejection." : message, "rejects");
    }
    core.forgive(got.value);
    const why = mismatch(got.value, expected);
    if (why !== null) fail3(got.value, expected, message === undefined ? why : message, "rejects");
  };
  assert.doesNotReject = async function doesNotReject(promiseOrFn, expected, message) {
    if (messageOnly(expected)) { message = expected; expected = undefined; }
    const got = await settle(promiseOrFn);
    if (!got.rejected) return;
    core.forgive(got.value);
    if (expected !== undefined && mismatch(got.value, expected) !== null) throw got.value;
    const text = isObject(got.value) && "message" in got.value ? got.value.message : inspect(got.value);
    fail3(got.value, expected, `Got unwanted rejection${message === undefined ? "." : `: ${message}`}\nActual message: "${text}"`, "doesNotReject");
  };
  assert.match = function match(string, regexp, message) {
    if (!(regexp instanceof RegExpCtor)) throw new TypeError("The \"regexp\" argument must be an instance of RegExp.");
    if (typeof string !== "string" || !ReflectApply(RegExpTest, regexp, [string])) {
      fail3(string, regexp, message === undefined
        ? (typeof string !== "string"
          ? `The "string" argument must be of type string. Received ${inspect(string)}`
          : `The input did not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}`)
        : message, "match");
    }
  };
  assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
    if (!(regexp instanceof RegExpCtor)) throw new TypeError("The \"regexp\" argument must be an instance of RegExp.");
    if (typeof string !== "string" || ReflectApply(RegExpTest, regexp, [string])) {
      fail3(string, regexp, message === undefined
        ? (typeof string !== "string"
          ? `The "string" argument must be of type string. Received ${inspect(string)}`
          : `The input was expected to not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}`)
        : message, "doesNotMatch");
    }
  };
  assert.ifError = function ifError(value) {
    if (value !== null && value !== undefined) {
      raise(new AssertionError({ actual: value, expected: null, operator: "ifError",
        message: `ifError got unwanted exception: ${isObject(value) && "message" in value ? value.message : inspect(value)}` }));
    }
  };
  assert.AssertionError = AssertionError;
  return assert;
}

/** {rejected, value} of a promise, or of the promise a function returns. */
function settle(promiseOrFn) {
  let p = promiseOrFn;
  if (typeof p === "function") {
    try {
      p = p();
    } catch (e) {
      return new PromiseCtor((resolve) => resolve({ rejected: true, value: e }));
    }
  }
  if (!isObject(p) || typeof p.then !== "function") {
    return new PromiseCtor((_, reject) => reject(new TypeError(
      `The "promiseFn" argument must be a promise or a function returning one. Received ${inspect(p)}`)));
  }
  return new PromiseCtor((resolve) => {
    ReflectApply(PromiseThen, ReflectApply(PromiseResolve, PromiseCtor, [p]), [
      (value) => resolve({ rejected: false, value }),
      (value) => resolve({ rejected: true, value }),
    ]);
  });
}

const assert = makeAssert(false);
assert.strict = makeAssert(true);
assert.strict.strict = assert.strict;
// For hypium's expect (js-lib/test/expect.js), under a key scripts cannot name.
ObjectDefineProperty(assert, core.INTERNAL, {
  value: { isDeepEqual: (a, b) => isDeepEqual(a, b, true, []), diff, AssertionError },
});
module.exports = assert;
