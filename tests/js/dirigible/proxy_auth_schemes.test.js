// With authenticationEnabled, proxyPreferredAuthSchemes decides how the
// proxy credentials of proxyHost (user:password@host) are used: only
// "Basic" sends them at once; only "Digest" sends nothing until the proxy
// challenges, and answers a Digest challenge only; both (or neither) answer
// whatever the proxy asks for. The test proxy asks for Basic.
// (A Digest proxy is tested in crates/modules/dirigible/tests/digest_proxy.rs.)
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;
const p = new URL(process.env.TESTSERVER_PROXY_AUTH);
const proxyHost = "proxyuser:proxypass@" + p.hostname;
const proxyPort = Number(p.port);

function through(schemes) {
  return client.get(HTTP + "/get", {
    proxyHost, proxyPort, authenticationEnabled: true, proxyPreferredAuthSchemes: schemes,
  });
}

test("Basic only: the credentials go at once", () => {
  assert.strictEqual(through(["Basic"]).statusCode, 200);
});

test("Digest only: a Basic challenge is not answered, the 407 is the response", () => {
  const r = through(["Digest"]);
  assert.strictEqual(r.statusCode, 407);
  const challenge = r.headers.find((h) => h.name === "proxy-authenticate");
  assert.ok(challenge && /^Basic/.test(challenge.value));
});

test("both schemes, or none named: the proxy's Basic challenge is answered", () => {
  assert.strictEqual(through(["Digest", "Basic"]).statusCode, 200);
  assert.strictEqual(through([]).statusCode, 200);
  assert.strictEqual(through(["NTLM"]).statusCode, 200);
});

test("without authenticationEnabled the credentials are sent as Basic whatever the list", () => {
  const r = client.get(HTTP + "/get", { proxyHost, proxyPort, proxyPreferredAuthSchemes: ["Digest"] });
  assert.strictEqual(r.statusCode, 200);
});
