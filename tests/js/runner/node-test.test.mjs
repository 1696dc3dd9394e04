// node:test as an ES module: test/describe/it, hooks, the TestContext, subtests,
// the (t, done) form, skip and todo, per-test timeouts.
import test, { describe, it, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert";

const events = [];

test("a top-level test gets node's TestContext", (t) => {
  assert.strictEqual(t.name, "a top-level test gets node's TestContext");
  assert.strictEqual(typeof t.diagnostic, "function");
  t.diagnostic("a diagnostic line");
});

test("an async test is awaited", async () => {
  const v = await new Promise((resolve) => setTimeout(() => resolve(42), 5));
  assert.strictEqual(v, 42);
});

test("a test with two parameters gets done", (t, done) => {
  setTimeout(() => {
    assert.ok(t);
    done();
  }, 1);
});

test("subtests run inside their parent", async (t) => {
  let ran = 0;
  await t.test("first subtest", () => { ran++; });
  await t.test("second subtest", async () => { await null; ran++; });
  assert.strictEqual(ran, 2);
});

test("with options: a timeout of its own", { timeout: 5000 }, async () => {
  await new Promise((resolve) => setTimeout(resolve, 1));
});

test.skip("a skipped test does not run", () => {
  throw new Error("must not run");
});

test.todo("a todo test is reported, not run");

test("t.skip() marks a running test skipped", (t) => {
  t.skip("not today");
});

describe("a suite with hooks", () => {
  before(() => events.push("before"));
  beforeEach(() => events.push("beforeEach"));
  afterEach(() => events.push("afterEach"));
  after(() => events.push("after"));

  it("first", () => events.push("first"));
  it("second", () => events.push("second"));

  describe("a nested suite", () => {
    beforeEach(() => events.push("inner beforeEach"));
    it("inner", () => events.push("inner"));
  });
});

describe("after the suite", () => {
  it("saw the hooks in mocha's order", () => {
    assert.deepStrictEqual(events, [
      "before",
      "beforeEach", "first", "afterEach",
      "beforeEach", "second", "afterEach",
      "beforeEach", "inner beforeEach", "inner", "afterEach",
      "after",
    ]);
  });
});

describe.skip("a skipped suite", () => {
  it("does not run", () => { throw new Error("must not run"); });
});
