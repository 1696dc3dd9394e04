// terminate() aborts the request and fires onTerminate only.
const assert = require("assert");
const { HTTPRequest, env } = require("./_support.js");

test("terminate() right after new(): onTerminate once, then terminated", async () => {
  const calls = [];
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/delay/2", {
    onHeaders() { calls.push("headers"); },
    onResponse() { calls.push("response"); },
    onError() { calls.push("error"); },
    onTerminate(req, event) { calls.push("terminate:" + event.type); },
  });
  r.terminate();
  r.terminate(); // a second call changes nothing
  assert.strictEqual(r.terminated, false, "terminated becomes true after onTerminate has run");
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepStrictEqual(calls, ["terminate:terminate"]);
  assert.strictEqual(r.terminated, true);
  r.terminate();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepStrictEqual(calls, ["terminate:terminate"], "nothing after terminated");
});

test("terminate() after the end does nothing", () => {
  let terminates = 0;
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/get", { onTerminate() { terminates++; } });
  r.wait();
  r.terminate();
  r.wait();
  assert.strictEqual(terminates, 1);
  assert.strictEqual(r.response.status, 200);
});

test("terminate() inside onResponse: onTerminate still fires exactly once", () => {
  const calls = [];
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/get", {
    onResponse(req) { calls.push("response"); req.terminate(); },
    onTerminate() { calls.push("terminate"); },
  });
  r.wait();
  assert.deepStrictEqual(calls, ["response", "terminate"]);
});
