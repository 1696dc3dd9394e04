// "You can exit a wait() by calling terminate() from a callback."
const assert = require("assert");
const { HTTPRequest, env } = require("./_support.js");

test("terminate() in onHeaders of an endless body ends wait()", () => {
  const calls = [];
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/endless", {
    onHeaders(req) { calls.push("headers"); req.terminate(); },
    onData() { calls.push("data"); },
    onResponse() { calls.push("response"); },
    onError() { calls.push("error"); },
    onTerminate() { calls.push("terminate"); },
  });
  r.wait();
  assert.deepStrictEqual(calls, ["headers", "terminate"]);
  assert.strictEqual(r.terminated, true);
  assert.strictEqual(r.response.status, 200);
  assert.strictEqual(r.response.body, undefined);
  assert.strictEqual(r.errors, undefined, "terminate() is not an error");
});

test("terminate() from a timer ends wait() on a request that never answers", () => {
  const calls = [];
  const r = HTTPRequest.new(env.TESTSERVER_BAD + "/never", {
    onHeaders() { calls.push("headers"); },
    onTerminate() { calls.push("terminate"); },
  });
  setTimeout(() => r.terminate(), 50);
  r.wait();
  assert.deepStrictEqual(calls, ["terminate"]);
  assert.strictEqual(r.terminated, true);
});
