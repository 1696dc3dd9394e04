// connectionRequestTimeout (ms) bounds the wait for a connection when every
// connection the client may open to an origin is busy (the engine allows 256
// per origin), as Apache's "time to lease a connection from the pool" does.
// It does not count connecting, nor the wait for the answer.
const assert = require("assert");
const client = require("http/v4/client");
const clientAsync = require("http/v4/clientAsync");
const HTTP = process.env.TESTSERVER_HTTP;
const BAD = process.env.TESTSERVER_BAD;
const PER_ORIGIN = 256;

test("a request waiting for a busy origin's connection fails when the time is up", () => {
  const c = clientAsync.getInstance();
  const blockers = { failed: 0, succeeded: 0 };
  // Every connection to the origin hangs on /never until its socketTimeout.
  for (let i = 0; i < PER_ORIGIN; i++) {
    c.getAsync(BAD + "/never", {
      success: () => { blockers.succeeded++; },
      error: () => { blockers.failed++; },
    }, { socketTimeout: 800 });
  }
  let message;
  c.getAsync(BAD + "/after", {
    success: () => { message = "answered"; },
    error: (e) => { message = e.message; },
  }, { connectionRequestTimeout: 200, socketTimeout: 800 });
  c.execute();
  assert.match(message, /no connection free within 200 ms/);
  assert.ok(message.indexOf("GET " + BAD + "/after failed:") === 0, message);
  assert.strictEqual(blockers.failed, PER_ORIGIN, "the blockers ended by their socketTimeout");
  assert.strictEqual(blockers.succeeded, 0);
  // The pool is usable again once they are gone.
  const r = client.get(BAD + "/after", { connectionRequestTimeout: 200, binary: true });
  assert.strictEqual(r.statusCode, 200);
});

test("a free origin is not affected, however short the limit", () => {
  const r = client.get(HTTP + "/get", { connectionRequestTimeout: 1 });
  assert.strictEqual(r.statusCode, 200);
});
