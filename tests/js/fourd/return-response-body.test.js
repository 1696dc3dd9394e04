// returnResponseBody: false keeps the body out of response.body; without
// onData that is an error.
const assert = require("assert");
const { run, env, codes } = require("./_support.js");

test("false without onData is an error (43), nothing is sent", async () => {
  const { request, calls } = await run(env.TESTSERVER_HTTP + "/get", { returnResponseBody: false });
  assert.deepStrictEqual(calls, ["onError:error", "onTerminate:terminate"]);
  assert.deepStrictEqual(codes(request), [43]);
  assert.match(request.errors[0].message, /onData/);
});

test("false with onData: chunks arrive, response.body stays undefined", async () => {
  let bytes = 0;
  const { request } = await run(env.TESTSERVER_HTTP + "/bytes/3000", {
    returnResponseBody: false,
    onData(req, event) { bytes += event.data.byteLength; },
  });
  assert.strictEqual(bytes, 3000);
  assert.strictEqual(request.response.status, 200);
  assert.strictEqual(request.response.body, undefined);
  assert.strictEqual(request.returnResponseBody, false);
});
