// Redirects are not followed unless redirectsEnabled; maxRedirects,
// relativeRedirectsAllowed and circularRedirectsAllowed shape the chain.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

test("by default a redirect is returned as it is", () => {
  const r = client.get(HTTP + "/redirect/1");
  assert.strictEqual(r.statusCode, 302);
  assert.ok(r.headers.some((h) => h.name.toLowerCase() === "location"));
});

test("redirectsEnabled follows to the end", () => {
  const r = client.get(HTTP + "/redirect/3", { redirectsEnabled: true });
  assert.strictEqual(r.statusCode, 200);
  assert.strictEqual(JSON.parse(r.text).path, "/get");
});

test("more redirects than maxRedirects throw", () => {
  assert.throws(() => client.get(HTTP + "/redirect/3", { redirectsEnabled: true, maxRedirects: 2 }),
    (e) => !(e instanceof TypeError) && /too many redirects/.test(e.message) && e.message.indexOf(HTTP + "/redirect/3") >= 0);
  const r = client.get(HTTP + "/redirect/2", { redirectsEnabled: true, maxRedirects: 2 });
  assert.strictEqual(r.statusCode, 200);
});

test("a relative Location is refused when relativeRedirectsAllowed is false", () => {
  assert.throws(() => client.get(HTTP + "/relative-redirect/1", { redirectsEnabled: true, relativeRedirectsAllowed: false }),
    /relative redirect/);
  const ok = client.get(HTTP + "/absolute-redirect/1", { redirectsEnabled: true, relativeRedirectsAllowed: false });
  assert.strictEqual(ok.statusCode, 200);
  const rel = client.get(HTTP + "/relative-redirect/1", { redirectsEnabled: true });
  assert.strictEqual(rel.statusCode, 200);
});

test("a redirect loop fails at once unless circularRedirectsAllowed", () => {
  assert.throws(() => client.get(HTTP + "/redirect-cycle/a", { redirectsEnabled: true }), /redirect loop/);
  assert.throws(() => client.get(HTTP + "/redirect-cycle/a",
    { redirectsEnabled: true, circularRedirectsAllowed: true, maxRedirects: 5 }), /more than 5 redirects/);
});

test("303 after POST turns into a GET", () => {
  const r = client.post(HTTP + "/redirect-to?url=/get&status_code=303", { text: "x", redirectsEnabled: true });
  assert.strictEqual(r.statusCode, 200);
  assert.strictEqual(JSON.parse(r.text).method, "GET");
});

test("maxRedirects must be a number", () => {
  assert.throws(() => client.get(HTTP + "/get", { maxRedirects: "3" }), (e) =>
    e instanceof TypeError && /HttpOptions\.maxRedirects/.test(e.message));
});
