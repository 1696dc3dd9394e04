// wait(seconds) returns when the time is up, the request still running.
const assert = require("assert");
const { HTTPRequest, env } = require("./_support.js");

test("wait(0.2) on a 5 s response returns with the request unfinished", () => {
  const calls = [];
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/delay/5", {
    onResponse() { calls.push("response"); },
    onTerminate() { calls.push("terminate"); },
  });
  r.wait(0.2);
  assert.strictEqual(r.terminated, false);
  assert.strictEqual(r.response, undefined);
  assert.deepStrictEqual(calls, []);
  r.terminate();
  r.wait();
  assert.deepStrictEqual(calls, ["terminate"]);
  assert.strictEqual(r.terminated, true);
});
