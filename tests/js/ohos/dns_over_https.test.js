// dnsOverHttps: the request's names are resolved through the given DoH
// endpoint (the test server's /dns-query knows `*.test`, the system resolver
// does not); a value that cannot work falls back to ordinary resolution.
const assert = require("assert");
const { HTTP, HTTPS, fetch, failure, assertCode, echo } = require("./support.js");

const port = new URL(HTTP).port;
const DOH = `${HTTPS}/dns-query`;
const target = `http://service.test:${port}/get`;

test("without DoH the .test name does not resolve", async () => {
  assertCode(await failure(target), 2300006);
});

test("a name only the DoH endpoint knows is resolved through it", async () => {
  const d = await fetch(target, { dnsOverHttps: DOH });
  assert.strictEqual(d.responseCode, 200);
  assert.strictEqual(echo(d).headers.host, `service.test:${port}`);
});

test("the callback form resolves through DoH too", async () => {
  const { http } = require("./support.js");
  const req = http.createHttp();
  const d = await new Promise((resolve, reject) =>
    req.request(target, { dnsOverHttps: DOH }, (err, data) => (err ? reject(err) : resolve(data))));
  req.destroy();
  assert.strictEqual(d.responseCode, 200);
});

test("a name the DoH endpoint says does not exist is 2300006", async () => {
  assertCode(await failure(`http://unknown.invalid:${port}/get`, { dnsOverHttps: DOH }), 2300006);
});

test("an unreachable DoH endpoint falls back", async () => {
  const d = await fetch(`http://localhost:${port}/get`, { dnsOverHttps: "https://nothing.invalid/dns-query" });
  assert.strictEqual(d.responseCode, 200);
});

test("a DoH endpoint over plain http is not used and falls back", async () => {
  const d = await fetch(`http://localhost:${port}/get`, { dnsOverHttps: `${HTTP}/dns-query` });
  assert.strictEqual(d.responseCode, 200);
});

test("a value that is not a URL falls back", async () => {
  const d = await fetch(`http://localhost:${port}/get`, { dnsOverHttps: "not a url" });
  assert.strictEqual(d.responseCode, 200);
});

test("a DoH endpoint that answers something else than DNS falls back", async () => {
  const d = await fetch(`http://localhost:${port}/get`, { dnsOverHttps: `${HTTPS}/json` });
  assert.strictEqual(d.responseCode, 200);
});

test("a dnsOverHttps of the wrong type is ignored", async () => {
  const d = await fetch(`http://localhost:${port}/get`, { dnsOverHttps: 42 });
  assert.strictEqual(d.responseCode, 200);
});
