// Certificates are checked (with --ca-file roots); sslTrustAllEnabled
// accepts any certificate for that request.
const assert = require("assert");
const client = require("http/v4/client");

test("a trusted certificate works", () => {
  assert.strictEqual(client.get(process.env.TESTSERVER_HTTPS + "/get").statusCode, 200);
});

test("a self-signed certificate fails unless sslTrustAllEnabled", () => {
  const url = process.env.TESTSERVER_SELF_SIGNED + "/get";
  assert.throws(() => client.get(url), (e) => /certificate/.test(e.message) && e.message.indexOf(url) >= 0);
  assert.strictEqual(client.get(url, { sslTrustAllEnabled: true }).statusCode, 200);
});

test("an expired certificate fails unless sslTrustAllEnabled", () => {
  const url = process.env.TESTSERVER_EXPIRED + "/get";
  assert.throws(() => client.get(url), /certificate/);
  assert.strictEqual(client.get(url, { sslTrustAllEnabled: true }).statusCode, 200);
});

test("sslTrustAllEnabled must be a boolean", () => {
  assert.throws(() => client.get(process.env.TESTSERVER_HTTPS + "/get", { sslTrustAllEnabled: "yes" }), (e) =>
    e instanceof TypeError && /sslTrustAllEnabled/.test(e.message));
});
