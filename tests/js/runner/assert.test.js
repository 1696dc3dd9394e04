// node's assert module, through the runner: every assertion that should pass,
// and the errors of those that should not (checked with assert.throws, which
// withdraws the failure it expected).
const assert = require("assert");
const { AssertionError } = assert;

describe("assert: passing assertions", () => {
  it("ok and assert()", () => {
    assert(true);
    assert.ok(1);
    assert.ok("x");
  });

  it("equal / notEqual are loose, strictEqual / notStrictEqual are not", () => {
    assert.equal(1, "1");
    assert.equal(NaN, NaN);
    assert.notEqual(1, 2);
    assert.strictEqual(NaN, NaN);
    assert.notStrictEqual(1, "1");
  });

  it("deepEqual and deepStrictEqual", () => {
    assert.deepEqual({ a: 1 }, { a: "1" });
    assert.deepStrictEqual({ a: [1, { b: 2 }], c: new Date(0) }, { a: [1, { b: 2 }], c: new Date(0) });
    assert.deepStrictEqual(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]]));
    assert.deepStrictEqual(new Set([1, 2, 3]), new Set([3, 2, 1]));
    assert.deepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]));
    assert.deepStrictEqual(/a/g, /a/g);
    const cyc1 = { n: 1 }; cyc1.self = cyc1;
    const cyc2 = { n: 1 }; cyc2.self = cyc2;
    assert.deepStrictEqual(cyc1, cyc2);
    assert.notDeepStrictEqual({ a: 1 }, { a: "1" });
    assert.notDeepStrictEqual([1, 2], [1, 2, 3]);
    assert.notDeepStrictEqual(Object.create(null), {});
  });

  it("throws with a class, a RegExp, an object or a validator", () => {
    const boom = () => { throw new TypeError("bad thing"); };
    assert.throws(boom);
    assert.throws(boom, TypeError);
    assert.throws(boom, /bad/);
    assert.throws(boom, { name: "TypeError", message: "bad thing" });
    assert.throws(boom, { message: /thing$/ });
    assert.throws(boom, (e) => e instanceof TypeError && e.message === "bad thing");
    assert.doesNotThrow(() => 1);
  });

  it("rejects and doesNotReject", async () => {
    await assert.rejects(Promise.reject(new RangeError("r")), RangeError);
    await assert.rejects(async () => { throw new Error("later"); }, { message: "later" });
    await assert.doesNotReject(Promise.resolve(1));
    await assert.doesNotReject(async () => 2);
  });

  it("match and doesNotMatch", () => {
    assert.match("hello world", /wor/);
    assert.doesNotMatch("hello", /bye/);
  });

  it("strict mode and the node: prefix", () => {
    const strict = require("node:assert").strict;
    assert.strictEqual(strict, require("assert/strict"));
    assert.throws(() => strict.equal(1, "1"), AssertionError);
    assert.throws(() => strict.deepEqual({ a: 1 }, { a: "1" }), AssertionError);
  });
});

describe("assert: failures", () => {
  it("AssertionError carries actual, expected, operator and code", () => {
    assert.throws(() => assert.strictEqual(1, 2), (e) => {
      assert.ok(e instanceof AssertionError);
      assert.ok(e instanceof Error);
      assert.strictEqual(e.name, "AssertionError");
      assert.strictEqual(e.code, "ERR_ASSERTION");
      assert.strictEqual(e.actual, 1);
      assert.strictEqual(e.expected, 2);
      assert.strictEqual(e.operator, "strictEqual");
      assert.strictEqual(e.generatedMessage, true);
      assert.match(e.message, /Expected values to be strictly equal:\n\n1 !== 2/);
      return true;
    });
  });

  it("deepStrictEqual shows a line diff of both values", () => {
    const big = (x) => ({ id: 1, items: [1, 2, x], label: "a label long enough to make the inspector break lines" });
    assert.throws(() => assert.deepStrictEqual(big(3), big(4)), (e) => {
      assert.match(e.message, /^Expected values to be strictly deep-equal:\n\+ actual - expected\n/);
      assert.match(e.message, /\n\+ +items: \[ 1, 2, 3 \],\n- +items: \[ 1, 2, 4 \],/);
      return true;
    });
  });

  it("messages, custom messages and Error messages", () => {
    assert.throws(() => assert.ok(0), { message: /falsy value/, operator: "==" });
    assert.throws(() => assert.equal(1, 2, "custom text"), { message: "custom text", generatedMessage: false });
    assert.throws(() => assert.fail(), { message: "Failed", operator: "fail" });
    assert.throws(() => assert.fail(new RangeError("mine")), RangeError);
    assert.throws(() => assert.notStrictEqual(1, 1), { operator: "notStrictEqual" });
    assert.throws(() => assert.notDeepStrictEqual([1], [1]), { operator: "notDeepStrictEqual" });
    assert.throws(() => assert.match("abc", /x/), { operator: "match" });
    assert.throws(() => assert.doesNotMatch("abc", /b/), { operator: "doesNotMatch" });
    assert.throws(() => assert.doesNotThrow(() => { throw new Error("oops"); }), /Got unwanted exception.\nActual message: "oops"/);
  });

  it("throws fails when nothing is thrown or the error does not match", () => {
    assert.throws(() => assert.throws(() => {}), { message: "Missing expected exception." });
    assert.throws(() => assert.throws(() => { throw new Error("x"); }, TypeError), AssertionError);
    assert.throws(() => assert.throws(() => { throw new Error("x"); }, /y/), AssertionError);
  });

  it("rejects fails when the promise resolves", async () => {
    await assert.rejects(assert.rejects(Promise.resolve(1)), { message: "Missing expected rejection." });
    await assert.rejects(assert.doesNotReject(Promise.reject(new Error("no"))), /Got unwanted rejection/);
  });

  it("new AssertionError({...}) works as in node", () => {
    const e = new AssertionError({ actual: 1, expected: 2, operator: "strictEqual" });
    assert.strictEqual(e.message, "Expected values to be strictly equal:\n\n1 !== 2");
    assert.strictEqual(new AssertionError({ message: "m" }).message, "m");
  });
});
