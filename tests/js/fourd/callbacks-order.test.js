// onHeaders once, onData 0..n, onResponse (no error), onTerminate once.
const assert = require("assert");
const { run, env } = require("./_support.js");

test("a streamed body: onHeaders, onData chunks, onResponse, onTerminate", async () => {
  let received = 0;
  const { request, calls } = await run(env.TESTSERVER_HTTP + "/stream-bytes/50000?chunk_size=10000", {
    onHeaders(req) {
      assert.strictEqual(req.response.status, 200, "the status is known in onHeaders");
      assert.strictEqual(req.response.body, undefined, "the body is not");
    },
    onData(req, event) { received += event.data.byteLength; },
  });
  assert.strictEqual(calls[0], "onHeaders:headers");
  assert.deepStrictEqual(calls.slice(-2), ["onResponse:response", "onTerminate:terminate"]);
  const data = calls.slice(1, -2);
  assert.ok(data.length >= 1);
  assert.ok(data.every((c) => c === "onData:data"));
  assert.strictEqual(received, 50000);
  assert.strictEqual(request.response.body.byteLength, 50000, "the body is kept too");
});

test("an empty body: no onData", async () => {
  const { calls } = await run(env.TESTSERVER_HTTP + "/status/204", {
    onHeaders() {},
    onData() {},
  });
  assert.deepStrictEqual(calls, ["onHeaders:headers", "onResponse:response", "onTerminate:terminate"]);
});

test("redirects: onHeaders fires once, for the final response", async () => {
  let status = 0;
  const { calls } = await run(env.TESTSERVER_HTTP + "/redirect/3", {
    onHeaders(req) { status = req.response.status; },
  });
  assert.deepStrictEqual(calls, ["onHeaders:headers", "onResponse:response", "onTerminate:terminate"]);
  assert.strictEqual(status, 200);
});

test("an error: onHeaders, onError, onTerminate and no onResponse", async () => {
  const { request, calls } = await run(env.TESTSERVER_BAD + "/garbage", { onHeaders() {} });
  assert.deepStrictEqual(calls, ["onHeaders:headers", "onError:error", "onTerminate:terminate"]);
  assert.strictEqual(request.response, undefined);
});
