// wait() called from the request's own onResponse/onTerminate returns at
// once (the request ends when that callback returns), even while other
// requests are still running.
const assert = require("assert");
const { HTTPRequest, env } = require("./_support.js");

test("wait() in onResponse and onTerminate does not wait for other requests", () => {
  const slow = HTTPRequest.new(env.TESTSERVER_HTTP + "/delay/3");
  const seen = [];
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/get", {
    onResponse(req) { req.wait(); seen.push("response:" + slow.terminated); },
    onTerminate(req) { req.wait(); seen.push("terminate:" + slow.terminated); },
  });
  r.wait();
  assert.deepStrictEqual(seen, ["response:false", "terminate:false"]);
  slow.terminate();
});

test("wait() in onHeaders (streaming) waits for the rest of the same request", () => {
  const seen = [];
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/stream-bytes/2000?chunk_size=500", {
    onHeaders(req) { req.wait(); seen.push("headers returned, terminated " + req.terminated); },
    onData() { seen.push("data"); },
    onTerminate() { seen.push("terminate"); },
  });
  r.wait();
  assert.strictEqual(seen[seen.length - 1], "headers returned, terminated true");
  assert.ok(seen.includes("terminate"));
});
