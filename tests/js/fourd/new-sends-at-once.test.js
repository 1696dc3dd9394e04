// new() sends the request at once: no wait() is needed for it to complete.
const assert = require("assert");
const { HTTPRequest, env } = require("./_support.js");

test("the request completes without wait(), its callbacks run from the event loop", async () => {
  let response = null;
  const request = await new Promise((resolve) => {
    const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/get?sent=1", {
      onResponse(req) { response = req.response; },
      onTerminate(req) { resolve(req); },
    });
    // Nothing has run yet: callbacks never fire inside new().
    assert.strictEqual(r.terminated, false);
    assert.strictEqual(response, null);
  });
  assert.strictEqual(request.terminated, true);
  assert.strictEqual(response.status, 200);
  assert.deepStrictEqual(response.body.args, { sent: "1" });
});

test("new HTTPRequest(url, options) is the same as HTTPRequest.new(url, options)", () => {
  const r = new HTTPRequest(env.TESTSERVER_HTTP + "/get", {});
  assert.ok(r instanceof HTTPRequest);
  assert.strictEqual(Object.prototype.toString.call(r), "[object HTTPRequest]");
  r.wait();
  assert.strictEqual(r.response.status, 200);
});
