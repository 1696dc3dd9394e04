// An OpenHarmony-style hypium suite, imported and registered the way their
// suites are: `export default function xTest() { describe(...) }`.
import {
  describe, beforeAll, beforeEach, afterEach, afterAll, beforeItSpecified, afterItSpecified, it, expect,
  TestType, Size, Level, DEFAULT, Hypium, AssertException,
} from "@ohos/hypium";

export default function hypiumTest() {
  describe("HypiumMatchers", () => {
    let calls = [];

    beforeAll(() => { calls.push("beforeAll"); });
    beforeEach(() => { calls.push("beforeEach"); });
    afterEach(() => { calls.push("afterEach"); });
    afterAll(() => { calls.push("afterAll"); });

    it("equality and truth", 0, () => {
      expect(1 + 1).assertEqual(2);
      expect("a").not().assertEqual("b");
      expect(true).assertTrue();
      expect(false).assertFalse();
      expect(null).assertNull();
      expect(undefined).assertUndefined();
      expect({ a: [1, 2] }).assertDeepEquals({ a: [1, 2] });
      expect({ a: 1 }).not().assertDeepEquals({ a: 2 });
    });

    it("numbers", TestType.FUNCTION | Size.SMALLTEST | Level.LEVEL0, () => {
      expect(3).assertLarger(2);
      expect(2).assertLess(3);
      expect(3).assertLargerOrEqual(3);
      expect(3).assertLessOrEqual(3);
      expect(NaN).assertNaN();
      expect(-Infinity).assertNegUnlimited();
      expect(Infinity).assertPosUnlimited();
      expect(100).assertClose(101, 0.05);
      expect(100).not().assertClose(120, 0.05);
    });

    it("contain and instanceOf", 0, () => {
      expect("hello world").assertContain("world");
      expect([1, 2, 3]).assertContain(2);
      expect([1, 2, 3]).not().assertContain(5);
      expect("s").assertInstanceOf("String");
      expect(1).assertInstanceOf("Number");
      expect({}).assertInstanceOf("Object");
      expect([]).assertInstanceOf("Array");
      expect(() => 1).assertInstanceOf("Function");
      expect(true).assertInstanceOf("Boolean");
      expect(new Date()).assertInstanceOf("Date");
      expect(/x/).assertInstanceOf("RegExp");
      expect(new Error("e")).assertInstanceOf("Error");
      expect(new Map()).assertInstanceOf("Map");
      expect(new Set()).assertInstanceOf("Set");
      expect(Promise.resolve()).assertInstanceOf("Promise");
      expect(new ArrayBuffer(1)).assertInstanceOf("ArrayBuffer");
      expect([]).not().assertInstanceOf("String");
    });

    it("thrown errors", 0, () => {
      expect(() => { throw new TypeError("bad input"); }).assertThrowError("bad input");
      expect(() => { throw new TypeError("bad input"); }).assertThrowError("TypeError");
      expect(() => { throw new TypeError("bad input"); }).assertThrowError("TypeError", "bad input");
      expect(() => 1).not().assertThrowError("anything");
      // A failing expect inside assertThrowError is what it expected: no failure.
      expect(() => expect(1).assertEqual(2)).assertThrowError("AssertException");
    });

    it("promises", 0, async () => {
      const pending = new Promise(() => {});
      await expect(pending).assertPromiseIsPending();
      await expect(Promise.resolve(7)).assertPromiseIsResolved();
      await expect(Promise.resolve(7)).assertPromiseIsResolvedWith(7);
      await expect(Promise.reject(new Error("no"))).assertPromiseIsRejected();
      await expect(Promise.reject(8)).assertPromiseIsRejectedWith(8);
      await expect(Promise.reject(new RangeError("out"))).assertPromiseIsRejectedWithError(RangeError, "out");
      await expect(Promise.reject(new RangeError("out"))).assertPromiseIsRejectedWithError("out");
      await expect(Promise.resolve(1)).not().assertPromiseIsRejected();
    });

    it("the done callback ends the test", 0, (done) => {
      setTimeout(() => {
        expect(calls.length > 0).assertTrue();
        done();
      }, 5);
    });

    it("an async function with done waits for done", 0, async (done) => {
      await null;
      setTimeout(done, 5);
    });

    it("hooks ran in hypium's order", 0, () => {
      expect(calls[0]).assertEqual("beforeAll");
      // Each test so far: beforeEach, (test), afterEach; this one: beforeEach.
      const tail = calls.slice(1);
      for (let i = 0; i + 1 < tail.length; i += 2) {
        expect(tail[i]).assertEqual("beforeEach");
        expect(tail[i + 1]).assertEqual("afterEach");
      }
      expect(tail[tail.length - 1]).assertEqual("beforeEach");
    });
  });

  describe("HypiumEnums", () => {
    it("TestType, Size and Level carry hypium's values", 0, () => {
      expect(DEFAULT).assertEqual(0);
      expect(TestType.FUNCTION).assertEqual(1);
      expect(TestType.PERFORMANCE).assertEqual(2);
      expect(TestType.RESILIENCE).assertEqual(1 << 10);
      expect(Size.SMALLTEST).assertEqual(1 << 16);
      expect(Size.LARGETEST).assertEqual(1 << 18);
      expect(Level.LEVEL0).assertEqual(1 << 24);
      expect(Level.LEVEL4).assertEqual(1 << 28);
    });

    it("message() labels a failure, and the error is an AssertException", 0, () => {
      expect(() => expect(1).message("the count").assertEqual(2)).assertThrowError("AssertException");
      let caught = null;
      try {
        expect(1).message("the count").assertEqual(2);
      } catch (e) {
        caught = e;
      }
      // Caught on purpose above: withdraw it the way assertThrowError does.
      expect(() => { throw caught; }).assertThrowError("AssertException", "the count: expect 1 to equal 2");
      expect(caught instanceof AssertException).assertTrue();
      expect(caught instanceof Error).assertTrue();
      expect(() => { throw new Error("exact"); }).assertThrow("exact");
    });

    it("Hypium keeps a context and custom assertions", 0, () => {
      Hypium.set("key", "value");
      expect(Hypium.get("key")).assertEqual("value");
      Hypium.registerAssert(function assertEven(actual) {
        return { pass: actual % 2 === 0, message: "expected an even number" };
      });
      expect(4).assertEven();
      expect(3).not().assertEven();
    });

    it("Hypium.hypiumTest calls the suite function", 0, () => {
      let called = false;
      Hypium.hypiumTest({}, {}, () => { called = true; });
      expect(called).assertTrue();
      Hypium.unregisterAssert("assertEven");
      expect(typeof expect(1).assertEven).assertEqual("undefined");
    });
  });

  describe("HypiumSpecifiedHooks", () => {
    const seen = [];
    beforeItSpecified(["second"], () => { seen.push("before second"); });
    afterItSpecified("second", () => { seen.push("after second"); });
    it("first", 0, () => { seen.push("first"); });
    it("second", 0, () => { seen.push("second"); });
    it("third", 0, () => {
      expect(seen).assertDeepEquals(["first", "before second", "second", "after second"]);
    });
  });
}
