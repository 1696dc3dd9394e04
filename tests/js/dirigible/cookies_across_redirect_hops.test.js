// With redirectsEnabled, a cookie set by a redirect response is sent on the
// next hop of the same chain (the client's cookie store is consulted on
// every hop, as Apache HttpClient's is): /cookies/set?… answers 302 to
// /cookies with Set-Cookie, and /cookies echoes the cookies it received.
const assert = require("assert");
const client = require("http/v4/client");
const clientAsync = require("http/v4/clientAsync");
const HTTP = process.env.TESTSERVER_HTTP;

test("the synchronous client sends a redirect's cookies on the next hop", () => {
  const r = client.get(HTTP + "/cookies/set?hop=sync&second=2", { redirectsEnabled: true });
  assert.strictEqual(r.statusCode, 200);
  const seen = JSON.parse(r.text).cookies;
  assert.strictEqual(seen.hop, "sync");
  assert.strictEqual(seen.second, "2");
});

test("an async client sends a redirect's cookies on the next hop", () => {
  const c = clientAsync.getInstance();
  let seen;
  c.getAsync(HTTP + "/cookies/set?hop=async", {
    success: (r) => { seen = JSON.parse(r.text).cookies; },
    error: (e) => { throw new Error(e.message); },
  }, { redirectsEnabled: true });
  c.execute();
  assert.strictEqual(seen.hop, "async");
});

test("ignoreCookies sends nothing on the next hop either", () => {
  const c = clientAsync.getInstance();
  let seen;
  c.getAsync(HTTP + "/cookies/set?hop=ignored", {
    success: (r) => { seen = JSON.parse(r.text).cookies; },
  }, { redirectsEnabled: true, cookieSpec: "ignoreCookies" });
  c.execute();
  assert.deepStrictEqual(seen, {});
});

test("a script's Cookie header is sent with the stored ones after a redirect", () => {
  const c = clientAsync.getInstance();
  let seen;
  c.getAsync(HTTP + "/cookies/set?hop=merged", {
    success: (r) => { seen = JSON.parse(r.text).cookies; },
  }, { redirectsEnabled: true, headers: [{ name: "Cookie", value: "mine=given" }] });
  c.execute();
  assert.strictEqual(seen.mine, "given");
  assert.strictEqual(seen.hop, "merged");
});

test("without redirectsEnabled the 302 is returned and its cookie kept for later", () => {
  const c = clientAsync.getInstance();
  let status, seen;
  c.getAsync(HTTP + "/cookies/set?hop=later", { success: (r) => { status = r.statusCode; } });
  c.execute();
  c.getAsync(HTTP + "/cookies", { success: (r) => { seen = JSON.parse(r.text).cookies; } });
  c.execute();
  assert.strictEqual(status, 302);
  assert.strictEqual(seen.hop, "later");
});
