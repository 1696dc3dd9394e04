// A bad URL ends with onError (never a throw): 3 for a malformed URL, 1 for
// a scheme other than http/https.
const assert = require("assert");
const { HTTPRequest, run, codes } = require("./_support.js");

test("malformed URLs give 3", async () => {
  for (const url of ["http://", "", "http://[::1", "http://exa mple.com/"]) {
    const { request, calls } = await run(url);
    assert.deepStrictEqual(calls, ["onError:error", "onTerminate:terminate"], url);
    assert.deepStrictEqual(codes(request), [3], url);
  }
});

test("another scheme gives 1", async () => {
  const { request } = await run("ftp://127.0.0.1/file");
  assert.deepStrictEqual(codes(request), [1]);
});

test("a URL that is not a text gives 3", async () => {
  for (const url of [undefined, 42, {}]) {
    const { request } = await run(url);
    assert.deepStrictEqual(codes(request), [3]);
  }
});

test("errors are filled at once, callbacks come later", () => {
  let called = false;
  const r = HTTPRequest.new("http://", { onError() { called = true; } });
  assert.deepStrictEqual(codes(r), [3]);
  assert.strictEqual(called, false);
  r.wait();
  assert.strictEqual(called, true);
});
