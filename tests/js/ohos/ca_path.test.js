// caPath adds trust roots for the request; a path that does not exist
// falls back to the preset roots rather than failing.
const assert = require("assert");
const { HTTPS, env, fetch, failure, assertCode } = require("./support.js");

test("a caPath that does not exist falls back", async () => {
  const d = await fetch(HTTPS + "/get", { caPath: "/path/to/cacert.pem" });
  assert.strictEqual(d.responseCode, 200);
});

test("the test CA as caPath validates the server", async () => {
  const d = await fetch(HTTPS + "/get", { caPath: env.TESTSERVER_CA });
  assert.strictEqual(d.responseCode, 200);
});

test("a caPath does not make an untrusted server trusted", async () => {
  assertCode(await failure(env.TESTSERVER_SELF_SIGNED + "/get", { caPath: env.TESTSERVER_CA }), 2300060);
});

test("a caPath file that is not a certificate is 2300077", async () => {
  // This fixture's own source is a file that holds no certificate.
  const err = await failure(HTTPS + "/get", { caPath: __filename });
  assertCode(err, 2300077);
  assert.strictEqual(err.message, "The SSL CA certificate does not exist or is inaccessible");
});
