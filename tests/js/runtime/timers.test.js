const assert = require("assert");

test("setTimeout fires in deadline order and clearTimeout cancels", async () => {
  const seen = [];
  await new Promise((resolve) => {
    setTimeout(() => seen.push("b"), 20);
    setTimeout(() => seen.push("a"), 5);
    const id = setTimeout(() => seen.push("never"), 10);
    clearTimeout(id);
    setTimeout(resolve, 40);
  });
  assert.deepStrictEqual(seen, ["a", "b"]);
});

test("setInterval repeats until cleared, with arguments", async () => {
  const seen = [];
  await new Promise((resolve) => {
    const id = setInterval((tag) => {
      seen.push(tag);
      if (seen.length === 3) {
        clearInterval(id);
        resolve();
      }
    }, 2, "tick");
  });
  assert.deepStrictEqual(seen, ["tick", "tick", "tick"]);
});

test("microtasks run before the next timer", async () => {
  const order = [];
  await new Promise((resolve) => {
    setTimeout(() => { order.push("timer"); resolve(); }, 0);
    queueMicrotask(() => order.push("microtask"));
    Promise.resolve().then(() => order.push("promise"));
  });
  assert.deepStrictEqual(order, ["microtask", "promise", "timer"]);
});
