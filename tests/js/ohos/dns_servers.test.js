// dnsServers (up to three, used for the request's names); bogus values fall
// back to the system resolver rather than fail (dnsOverHttps: dns_over_https.test.js).
const assert = require("assert");
const { HTTP, env, fetch, failure, assertCode, echo } = require("./support.js");

const port = new URL(HTTP).port;

test("a name is resolved by the given DNS server", async () => {
  const d = await fetch(`http://service.test:${port}/get`, { dnsServers: [env.TESTSERVER_DNS] });
  assert.strictEqual(echo(d).headers.host, `service.test:${port}`);
});

test("a name the server does not know is 2300006", async () => {
  assertCode(await failure(`http://unknown.invalid:${port}/get`, { dnsServers: [env.TESTSERVER_DNS] }), 2300006);
});

test("entries that are not addresses are skipped", async () => {
  const d = await fetch(`http://service.test:${port}/get`, { dnsServers: ["bogus", "", env.TESTSERVER_DNS] });
  assert.strictEqual(d.responseCode, 200);
});

test("only bogus entries fall back to the system resolver", async () => {
  const d = await fetch(`http://localhost:${port}/get`, { dnsServers: ["not-an-ip", "999.1.1.1"] });
  assert.strictEqual(d.responseCode, 200);
});
