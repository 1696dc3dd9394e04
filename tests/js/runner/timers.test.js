// Tests that wait on the event loop: timers, microtasks, intervals; and a
// test's leftover timer does not break the next test.
const assert = require("node:assert");

test("setTimeout order and microtasks", async () => {
  const seen = [];
  await new Promise((resolve) => {
    setTimeout(() => { seen.push("t2"); resolve(); }, 2);
    setTimeout(() => seen.push("t1"), 1);
    queueMicrotask(() => seen.push("micro"));
    Promise.resolve().then(() => seen.push("then"));
  });
  assert.deepStrictEqual(seen, ["micro", "then", "t1", "t2"]);
});

test("an interval runs until cleared", (t, done) => {
  let n = 0;
  const id = setInterval(() => {
    n += 1;
    if (n === 3) {
      clearInterval(id);
      assert.strictEqual(n, 3);
      done();
    }
  }, 1);
});

test("a timer left behind by a test", () => {
  setTimeout(() => {}, 20);
});

test("does not disturb the next one", async () => {
  await new Promise((resolve) => setTimeout(resolve, 1));
});
