// A server that is not there: onError with errCode 7, then onTerminate.
const assert = require("assert");
const { run, codes } = require("./_support.js");

test("connection refused", async () => {
  const { request, calls } = await run("http://127.0.0.1:1/get", { onHeaders() {} });
  assert.deepStrictEqual(calls, ["onHeaders:headers", "onError:error", "onTerminate:terminate"]);
  assert.deepStrictEqual(codes(request), [7]);
  const [e] = request.errors;
  assert.strictEqual(e.componentSignature, "HTCL");
  assert.match(e.message, /connect/);
  assert.strictEqual(request.response, undefined);
  assert.strictEqual(request.terminated, true);
  assert.strictEqual(request.errors, request.errors, "the same collection on every read");
});
