// extraData of POST, PUT, DELETE, PATCH (and any other method) is the body:
// a string as UTF-8, an ArrayBuffer (or view) as it is, an object as JSON.
const assert = require("assert");
const { http, HTTP, fetch, echo } = require("./support.js");

test("a string, UTF-8 encoded", async () => {
  const e = echo(await fetch(HTTP + "/post", { method: http.RequestMethod.POST, extraData: "héllo" }));
  assert.strictEqual(e.data, "héllo");
  assert.strictEqual(e.bodyLength, 6);
});

test("an ArrayBuffer as raw bytes", async () => {
  const bytes = new Uint8Array([0, 1, 2, 255]);
  const e = echo(await fetch(HTTP + "/upload", { method: http.RequestMethod.PUT, extraData: bytes.buffer }));
  assert.strictEqual(e.bodyLength, 4);
});

test("a typed array view sends only its bytes", async () => {
  const view = new Uint8Array([9, 9, 1, 2, 3, 9]).subarray(2, 5);
  const e = echo(await fetch(HTTP + "/upload", { method: http.RequestMethod.POST, extraData: view }));
  assert.strictEqual(e.bodyLength, 3);
});

test("an object as JSON", async () => {
  const e = echo(await fetch(HTTP + "/anything", {
    method: http.RequestMethod.PATCH,
    header: { "content-type": "application/json" },
    extraData: { a: [1, 2], b: "x" },
  }));
  assert.strictEqual(e.method, "PATCH");
  assert.deepStrictEqual(e.json, { a: [1, 2], b: "x" });
});

test("DELETE sends its body", async () => {
  const e = echo(await fetch(HTTP + "/delete", { method: http.RequestMethod.DELETE, extraData: "gone" }));
  assert.strictEqual(e.data, "gone");
});

test("a method of lower case is sent upper case", async () => {
  const e = echo(await fetch(HTTP + "/anything", { method: "post", extraData: "x" }));
  assert.strictEqual(e.method, "POST");
});
