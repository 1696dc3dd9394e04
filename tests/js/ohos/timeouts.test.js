// readTimeout is the time for the whole request (curl's TIMEOUT_MS), 0 none;
// a timeout is 2300028.
const assert = require("assert");
const { HTTP, BAD, fetch, failure, assertCode } = require("./support.js");

test("readTimeout bounds the whole request", async () => {
  const err = await failure(HTTP + "/delay/3", { readTimeout: 200 });
  assertCode(err, 2300028);
  assert.strictEqual(err.message, "Operation timeout");
});

test("it counts a slow body too, not just silence", async () => {
  assertCode(await failure(BAD + "/slow-body?delay_ms=50&size=40", { readTimeout: 300 }), 2300028);
});

test("a server that never answers times out", async () => {
  assertCode(await failure(BAD + "/never", { readTimeout: 150 }), 2300028);
});

test("a request that finishes in time is not affected", async () => {
  const d = await fetch(HTTP + "/delay/0.1", { readTimeout: 5000, connectTimeout: 5000 });
  assert.strictEqual(d.responseCode, 200);
});

test("0 means no timeout", async () => {
  const d = await fetch(HTTP + "/delay/0.2", { readTimeout: 0, connectTimeout: 0 });
  assert.strictEqual(d.responseCode, 200);
});
