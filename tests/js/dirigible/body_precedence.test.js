// POST/PUT/PATCH bodies: data, then text, then params (form), then files
// (multipart). Params not used as the body go to the query string.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

test("data wins over text and params; params then go to the query", () => {
  const r = JSON.parse(client.post(HTTP + "/post", {
    data: [104, 105], text: "ignored", params: [{ name: "p", value: "1" }],
  }).text);
  assert.strictEqual(r.data, "hi");
  assert.deepStrictEqual(r.args, { p: "1" });
  assert.deepStrictEqual(r.form, {});
});

test("text wins over params", () => {
  const r = JSON.parse(client.put(HTTP + "/put", { text: "body", params: [{ name: "p", value: "1" }] }).text);
  assert.strictEqual(r.data, "body");
  assert.deepStrictEqual(r.args, { p: "1" });
});

test("params alone are a urlencoded form", () => {
  const r = JSON.parse(client.patch(HTTP + "/patch", {
    params: [{ name: "a", value: "x y" }, { name: "b", value: "é&" }],
  }).text);
  assert.deepStrictEqual(r.form, { a: "x y", b: "é&" });
  assert.deepStrictEqual(r.args, {});
  assert.match(r.headers["content-type"], /^application\/x-www-form-urlencoded; charset=UTF-8$/);
});

test("params win over files", () => {
  const r = JSON.parse(client.post(HTTP + "/post", {
    params: [{ name: "a", value: "1" }], files: [process.env.TESTSERVER_CA],
  }).text);
  assert.deepStrictEqual(r.form, { a: "1" });
  assert.deepStrictEqual(r.files, {});
});

test("files alone are sent as multipart/form-data parts named file", () => {
  const r = JSON.parse(client.post(HTTP + "/post", { files: [process.env.TESTSERVER_CA] }).text);
  assert.match(r.headers["content-type"], /^multipart\/form-data; boundary=/);
  assert.ok(r.files.file.indexOf("BEGIN CERTIFICATE") >= 0);
});

test("a missing file fails the request, naming the file", () => {
  assert.throws(() => client.post(HTTP + "/post", { files: ["/no/such/file.bin"] }), /\/no\/such\/file\.bin/);
});

test("a GET sends no body even with text", () => {
  const r = JSON.parse(client.get(HTTP + "/get", { text: "nope" }).text);
  assert.strictEqual(r.bodyLength, 0);
});
