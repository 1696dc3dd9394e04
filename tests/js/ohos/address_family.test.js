// addressFamily: ONLY_V4 / ONLY_V6 restrict what a name resolves to.
const assert = require("assert");
const { http, HTTP, env, fetch, failure } = require("./support.js");

const port = new URL(HTTP).port;

test("ONLY_V4 reaches the IPv4 listener through localhost", async () => {
  const d = await fetch(`http://localhost:${port}/get`, { addressFamily: http.AddressFamily.ONLY_V4 });
  assert.strictEqual(d.responseCode, 200);
});

test("ONLY_V6 for a name with only an IPv4 listener behind it does not reach it", async () => {
  if (!env.TESTSERVER_HTTP_V6) return; // no IPv6 loopback on this machine
  const err = await failure(`http://localhost:${port}/get`, { addressFamily: http.AddressFamily.ONLY_V6 });
  assert.ok([2300007, 2300006].includes(err.code), JSON.stringify(err));
});

test("DEFAULT", async () => {
  const d = await fetch(`http://localhost:${port}/get`, { addressFamily: http.AddressFamily.DEFAULT });
  assert.strictEqual(d.responseCode, 200);
});
