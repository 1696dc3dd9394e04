// priority 1..1000 is accepted (higher values go first when requests wait
// for a connection); out of range it is ignored, not an error.
const assert = require("assert");
const { HTTP, fetch } = require("./support.js");

test("in range and out of range", async () => {
  for (const priority of [1, 500, 1000, 0, 1001, -5]) {
    assert.strictEqual((await fetch(HTTP + "/get", { priority })).responseCode, 200, String(priority));
  }
});

test("many queued requests of mixed priority all complete", async () => {
  const all = [];
  for (let i = 0; i < 50; i++) all.push(fetch(HTTP + "/delay/0.01", { priority: (i % 10) * 100 + 1 }));
  const done = await Promise.all(all);
  assert.ok(done.every((d) => d.responseCode === 200));
});
