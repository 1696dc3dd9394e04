// certificatePinning: one pin or several (SHA-256 of the server's public
// key, base64); a mismatch is 2300060; pins of other algorithms are ignored.
const assert = require("assert");
const { HTTPS, env, fetch, failure, assertCode } = require("./support.js");

const pin = env.TESTSERVER_SPKI_SHA256;
const wrong = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

test("the right pin", async () => {
  const d = await fetch(HTTPS + "/get", { certificatePinning: { publicKeyHash: pin, hashAlgorithm: "SHA-256" } });
  assert.strictEqual(d.responseCode, 200);
});

test("one right pin among several", async () => {
  const d = await fetch(HTTPS + "/get", {
    certificatePinning: [
      { publicKeyHash: wrong, hashAlgorithm: "SHA-256" },
      { publicKeyHash: pin, hashAlgorithm: "SHA-256" },
    ],
  });
  assert.strictEqual(d.responseCode, 200);
});

test("a wrong pin is 2300060", async () => {
  assertCode(await failure(HTTPS + "/get", { certificatePinning: [{ publicKeyHash: wrong, hashAlgorithm: "SHA-256" }] }), 2300060);
});

test("pins of another algorithm are ignored", async () => {
  const d = await fetch(HTTPS + "/get", { certificatePinning: { publicKeyHash: wrong, hashAlgorithm: "SHA-1" } });
  assert.strictEqual(d.responseCode, 200);
});

test("pins do not apply to plain http", async () => {
  const d = await fetch(env.TESTSERVER_HTTP + "/get", { certificatePinning: { publicKeyHash: "Pin1", hashAlgorithm: "SHA-256" } });
  assert.strictEqual(d.responseCode, 200);
});
