// extraData of a GET-like request is the query: a string is appended as
// given, an object as k=v pairs percent-encoded outside A-Za-z0-9-._~,
// after an existing query.
const assert = require("assert");
const { http, HTTP, fetch, echo } = require("./support.js");

test("a string is appended", async () => {
  const e = echo(await fetch(HTTP + "/get", { extraData: "a=1&b=two" }));
  assert.deepStrictEqual(e.args, { a: "1", b: "two" });
});

test("an object becomes k=v&... with percent-encoding", async () => {
  const data = await fetch(HTTP + "/get", { extraData: { q: "a b/c", "x y": "é", n: 5 } });
  const e = echo(data);
  assert.ok(e.url.endsWith("/get?q=a%20b%2Fc&x%20y=%C3%A9&n=5"), e.url);
  assert.deepStrictEqual(e.args, { q: "a b/c", "x y": "é", n: "5" });
});

test("an existing query is kept", async () => {
  const e = echo(await fetch(HTTP + "/get?first=1", { extraData: { second: "2" } }));
  assert.deepStrictEqual(e.args, { first: "1", second: "2" });
});

test("HEAD, OPTIONS and TRACE treat extraData as a query too, and send no body", async () => {
  const e = echo(await fetch(HTTP + "/anything", { method: http.RequestMethod.TRACE, extraData: "t=1" }));
  assert.strictEqual(e.method, "TRACE");
  assert.deepStrictEqual(e.args, { t: "1" });
  assert.strictEqual(e.bodyLength, 0);
});

test("an ArrayBuffer is not appended", async () => {
  const e = echo(await fetch(HTTP + "/get", { extraData: new ArrayBuffer(4) }));
  assert.deepStrictEqual(e.args, {});
});
