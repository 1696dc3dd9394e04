// clientCert: PEM (cert + key), DER and P12 are presented to a server that
// asks; a missing file is 2300058 (even when the server does not ask); an
// empty certPath is ignored.
const assert = require("assert");
const { http, HTTPS, env, fetch, failure, assertCode, echo } = require("./support.js");

const MTLS = env.TESTSERVER_MTLS;

test("PEM", async () => {
  const e = echo(await fetch(MTLS + "/get", {
    clientCert: { certPath: env.TESTSERVER_CLIENT_CERT_PEM, keyPath: env.TESTSERVER_CLIENT_KEY_PEM, certType: http.CertType.PEM },
  }));
  assert.ok(e.clientCertCn);
});

test("DER", async () => {
  const e = echo(await fetch(MTLS + "/get", {
    clientCert: { certPath: env.TESTSERVER_CLIENT_CERT_DER, keyPath: env.TESTSERVER_CLIENT_KEY_DER, certType: http.CertType.DER },
  }));
  assert.ok(e.clientCertCn);
});

test("P12 with its password", async () => {
  const e = echo(await fetch(MTLS + "/get", {
    clientCert: { certPath: env.TESTSERVER_CLIENT_P12, keyPath: "", certType: http.CertType.P12, keyPassword: "p12pass" },
  }));
  assert.ok(e.clientCertCn);
});

test("a missing certificate file is 2300058", async () => {
  const err = await failure(HTTPS + "/anything", {
    clientCert: { certPath: "aaa", keyPath: "aaa", keyPassword: "123", certType: http.CertType.P12 },
  });
  assertCode(err, 2300058);
  assert.strictEqual(err.message, "Local SSL certificate error");
});

test("an empty certPath is ignored", async () => {
  const d = await fetch(HTTPS + "/anything", {
    clientCert: { certPath: "", keyPath: "", keyPassword: "123", certType: http.CertType.P12 },
  });
  assert.strictEqual(d.responseCode, 200);
});

test("a wrong P12 password is 2300058", async () => {
  assertCode(await failure(MTLS + "/get", {
    clientCert: { certPath: env.TESTSERVER_CLIENT_P12, keyPath: "", certType: http.CertType.P12, keyPassword: "nope" },
  }), 2300058);
});

test("a plain http URL ignores clientCert", async () => {
  const d = await fetch(env.TESTSERVER_HTTP + "/get", { clientCert: { certPath: "/missing", keyPath: "/missing" } });
  assert.strictEqual(d.responseCode, 200);
});
