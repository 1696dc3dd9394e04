// options.headers: [{name, value}] (or an object map); a name given again
// replaces the earlier value; a Content-Type header wins over contentType.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

test("headers are sent", () => {
  const r = JSON.parse(client.get(HTTP + "/headers", { headers: [{ name: "X-One", value: "1" }] }).text);
  assert.strictEqual(r.headers["x-one"], "1");
});

test("a repeated name replaces the earlier one, whatever its case", () => {
  const r = JSON.parse(client.get(HTTP + "/anything", {
    headers: [{ name: "X-Dup", value: "first" }, { name: "x-dup", value: "second" }],
  }).text);
  const sent = r.rawHeaders.filter((h) => h[0].toLowerCase() === "x-dup");
  assert.strictEqual(sent.length, 1);
  assert.strictEqual(sent[0][1], "second");
});

test("an object map works too", () => {
  const r = JSON.parse(client.get(HTTP + "/headers", { headers: { "X-Map": "yes" } }).text);
  assert.strictEqual(r.headers["x-map"], "yes");
});

test("a Content-Type header wins over contentType", () => {
  const r = JSON.parse(client.post(HTTP + "/post", {
    text: "a", contentType: "text/html", headers: [{ name: "Content-Type", value: "text/x-mine" }],
  }).text);
  assert.strictEqual(r.headers["content-type"], "text/x-mine");
});

test("a header value with a line break fails the request", () => {
  assert.throws(() => client.get(HTTP + "/get", { headers: [{ name: "X-Bad", value: "a\r\nInjected: 1" }] }), /X-Bad/i);
});

test("a header without a string name is a TypeError", () => {
  assert.throws(() => client.get(HTTP + "/get", { headers: [{ value: "x" }] }), (e) =>
    e instanceof TypeError && /HttpOptions\.headers\[0\]\.name/.test(e.message));
});
