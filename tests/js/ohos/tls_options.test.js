// tlsOptions: 'system' keeps the defaults; {tlsVersionMin, tlsVersionMax,
// cipherSuites} is obeyed within what rustls has (TLS 1.2 and 1.3); asking
// for at most TLS 1.0/1.1 fails clearly with 2300059. remoteValidation
// 'system' validates as usual.
const assert = require("assert");
const { http, HTTPS, env, fetch, failure, assertCode } = require("./support.js");
const V = http.TlsVersion;

test("'system'", async () => {
  const d = await fetch(HTTPS + "/get", { tlsOptions: "system", remoteValidation: "system" });
  assert.strictEqual(d.responseCode, 200);
});

test("TLS 1.2 to 1.3 with cipher suites", async () => {
  const d = await fetch(HTTPS + "/get", {
    tlsOptions: {
      tlsVersionMin: V.TLS_V_1_2,
      tlsVersionMax: V.TLS_V_1_3,
      cipherSuites: ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"],
    },
  });
  assert.strictEqual(d.responseCode, 200);
});

test("TLS 1.3 only against a TLS 1.2-only server fails with 2300059", async () => {
  const err = await failure(env.TESTSERVER_TLS12 + "/get", { tlsOptions: { tlsVersionMin: V.TLS_V_1_3, tlsVersionMax: V.TLS_V_1_3 } });
  assertCode(err, 2300059);
});

test("TLS 1.2 only reaches the TLS 1.2 server", async () => {
  const d = await fetch(env.TESTSERVER_TLS12 + "/get", { tlsOptions: { tlsVersionMin: V.TLS_V_1_2, tlsVersionMax: V.TLS_V_1_2 } });
  assert.strictEqual(d.responseCode, 200);
});

test("a maximum of TLS 1.1 is not available: 2300059", async () => {
  const err = await failure(HTTPS + "/get", { tlsOptions: { tlsVersionMin: V.TLS_V_1_0, tlsVersionMax: V.TLS_V_1_1 } });
  assertCode(err, 2300059);
  assert.strictEqual(err.message, "The specified SSL cipher cannot be used");
});

test("min above max keeps the defaults", async () => {
  const d = await fetch(HTTPS + "/get", { tlsOptions: { tlsVersionMin: V.TLS_V_1_3, tlsVersionMax: V.TLS_V_1_2 } });
  assert.strictEqual(d.responseCode, 200);
});

test("remoteValidation 'skip' accepts an untrusted server", async () => {
  const d = await fetch(env.TESTSERVER_SELF_SIGNED + "/get", { remoteValidation: "skip" });
  assert.strictEqual(d.responseCode, 200);
});
