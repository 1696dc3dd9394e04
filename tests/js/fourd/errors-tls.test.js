// Certificates are validated unless validateTLSCertificate is false.
const assert = require("assert");
const { run, env, codes } = require("./_support.js");

test("a self-signed certificate fails with 60", async () => {
  const { request, calls } = await run(env.TESTSERVER_SELF_SIGNED + "/get");
  assert.deepStrictEqual(calls, ["onError:error", "onTerminate:terminate"]);
  assert.deepStrictEqual(codes(request), [60]);
});

test("an expired certificate fails with 60", async () => {
  const { request } = await run(env.TESTSERVER_EXPIRED + "/get");
  assert.deepStrictEqual(codes(request), [60]);
});

test("validateTLSCertificate: false accepts both", async () => {
  for (const base of [env.TESTSERVER_SELF_SIGNED, env.TESTSERVER_EXPIRED]) {
    const { request } = await run(base + "/get", { validateTLSCertificate: false });
    assert.strictEqual(request.errors, undefined, base);
    assert.strictEqual(request.response.status, 200);
  }
});

test("the test CA is trusted (--ca-file), so the normal listener works", async () => {
  const { request } = await run(env.TESTSERVER_HTTPS + "/get");
  assert.strictEqual(request.response.status, 200);
});
