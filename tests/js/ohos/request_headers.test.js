// The request headers: names lower case, values stringified, curl's defaults
// (User-Agent libcurl-agent/1.0, Accept */*), and the content-type rules.
const assert = require("assert");
const { http, HTTP, fetch, echo } = require("./support.js");

test("curl's defaults", async () => {
  const h = echo(await fetch(HTTP + "/get")).headers;
  assert.strictEqual(h["user-agent"], "libcurl-agent/1.0");
  assert.strictEqual(h.accept, "*/*");
  assert.strictEqual(h["content-type"], undefined);
});

test("a user-agent or accept header replaces the default", async () => {
  const h = echo(await fetch(HTTP + "/get", { header: { "User-Agent": "mine/2", Accept: "text/plain" } })).headers;
  assert.strictEqual(h["user-agent"], "mine/2");
  assert.strictEqual(h.accept, "text/plain");
});

test("names are sent lower case and values stringified", async () => {
  const e = echo(await fetch(HTTP + "/get", { header: { "X-Num": 42, "X-Bool": true, "X-Obj": { a: 1 } } }));
  const raw = e.rawHeaders.map(([n]) => n);
  assert.ok(raw.includes("x-num") && !raw.includes("X-Num"), raw.join(","));
  assert.strictEqual(e.headers["x-num"], "42");
  assert.strictEqual(e.headers["x-bool"], "true");
  assert.strictEqual(e.headers["x-obj"], '{"a":1}');
});

test("a header object brings content-type: application/json to POST, PUT, DELETE and PATCH", async () => {
  for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
    const h = echo(await fetch(HTTP + "/anything", { method, header: { "x-a": "1" }, extraData: "{}" })).headers;
    assert.strictEqual(h["content-type"], "application/json", method);
  }
});

test("but not to GET", async () => {
  const h = echo(await fetch(HTTP + "/get", { header: { "x-a": "1" } })).headers;
  assert.strictEqual(h["content-type"], undefined);
});

test("the user's content-type wins", async () => {
  const h = echo(await fetch(HTTP + "/post", {
    method: http.RequestMethod.POST, header: { "Content-Type": "text/plain" }, extraData: "x",
  })).headers;
  assert.strictEqual(h["content-type"], "text/plain");
});

test("a body without any header gets curl's application/x-www-form-urlencoded", async () => {
  const e = echo(await fetch(HTTP + "/post", { method: http.RequestMethod.POST, extraData: "a=1&b=2" }));
  assert.strictEqual(e.headers["content-type"], "application/x-www-form-urlencoded");
  assert.deepStrictEqual(e.form, { a: "1", b: "2" });
});

test("a class instance works as the header object (its field names are the header names)", async () => {
  class Header {
    constructor(contentType) { this.contentType = contentType; }
  }
  const h = echo(await fetch(HTTP + "/get", { header: new Header("application/json") })).headers;
  assert.strictEqual(h.contenttype, "application/json");
});
