// minTLSVersion (default "TLSv1_2") and certificatesFolder.
const assert = require("assert");
const { run, env, codes } = require("./_support.js");

test("minTLSVersion values of the document are accepted", async () => {
  for (const v of ["TLSv1_0", "TLSv1_1", "TLSv1_2", "TLSv1_3", "TLSv1_2 "]) {
    const { request } = await run(env.TESTSERVER_HTTPS + "/get", { minTLSVersion: v });
    assert.strictEqual(request.errors, undefined, v);
    assert.strictEqual(request.response.status, 200);
  }
});

test("certificatesFolder that does not exist fails with 58", async () => {
  const { request } = await run(env.TESTSERVER_HTTPS + "/get", { certificatesFolder: env.TESTSERVER_TMP + "/no-such-folder" });
  assert.deepStrictEqual(codes(request), [58]);
});

test("the mTLS listener refuses a client without a certificate", async () => {
  const { request, calls } = await run(env.TESTSERVER_MTLS + "/get");
  assert.ok(calls.includes("onError:error"));
  assert.strictEqual(request.errors.length, 1);
});

test("a certificatesFolder without cert.pem/key.pem sends no certificate", async () => {
  const dir = env.TESTSERVER_CA.replace(/\/[^/]*$/, "");
  const { request } = await run(env.TESTSERVER_HTTPS + "/get", { certificatesFolder: dir });
  assert.strictEqual(request.errors, undefined, JSON.stringify(request.errors));
  assert.strictEqual(request.response.status, 200);
});

test("minTLSVersion TLSv1_3 refuses a TLS 1.2-only server (59); TLSv1_2 accepts it", async () => {
  if (!env.TESTSERVER_TLS12) return; // the harness did not start that listener
  const strict = await run(env.TESTSERVER_TLS12 + "/get", { minTLSVersion: "TLSv1_3" });
  assert.deepStrictEqual(codes(strict.request), [59]);
  const lax = await run(env.TESTSERVER_TLS12 + "/get", { minTLSVersion: "TLSv1_2" });
  assert.strictEqual(lax.request.response.status, 200);
});
