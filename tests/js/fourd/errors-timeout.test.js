// timeout (seconds) bounds the whole request: errCode 28.
const assert = require("assert");
const { HTTPRequest, run, env, codes } = require("./_support.js");

test("a response slower than timeout fails with 28", async () => {
  const { request, calls } = await run(env.TESTSERVER_HTTP + "/delay/5", { timeout: 0.3 });
  assert.deepStrictEqual(calls, ["onError:error", "onTerminate:terminate"]);
  assert.deepStrictEqual(codes(request), [28]);
  assert.strictEqual(request.timeout, 0.3);
});

test("wait() without a time on a server that never answers returns when timeout fires", () => {
  const r = HTTPRequest.new(env.TESTSERVER_BAD + "/never", { timeout: 0.3 });
  r.wait();
  assert.strictEqual(r.terminated, true);
  assert.deepStrictEqual(codes(r), [28]);
});

test("a body that stops mid-way is cut by the timeout too", () => {
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/drip?numbytes=10&duration=5", { timeout: 0.5 });
  r.wait();
  assert.deepStrictEqual(codes(r), [28]);
  assert.strictEqual(r.response.status, 200, "the status had arrived");
});
