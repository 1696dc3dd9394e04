// Servers that misbehave: each ends with onError and its errCode, quickly.
const assert = require("assert");
const { run, env, codes } = require("./_support.js");

for (const [path, code] of [
  ["/cut-body", 18],
  ["/garbage", 8],
  ["/empty", 52],
  ["/bad-chunked", 8],
  ["/close-after-headers", 18],
]) {
  test(path + " gives " + code, async () => {
    const { request, calls } = await run(env.TESTSERVER_BAD + path, { timeout: 10 });
    assert.deepStrictEqual(calls, ["onError:error", "onTerminate:terminate"]);
    assert.deepStrictEqual(codes(request), [code]);
  });
}

test("a 1 MiB header is refused (56)", async () => {
  const { request } = await run(env.TESTSERVER_BAD + "/huge-header", { timeout: 10 });
  assert.deepStrictEqual(codes(request), [56]);
});
