// multiFormDataList, used when content-type is multipart/form-data: data or
// filePath parts; a missing file is 2300026 unless data is set.
const assert = require("assert");
const { http, HTTP, env, fetch, failure, assertCode, echo } = require("./support.js");

const post = (list) => ({
  method: http.RequestMethod.POST,
  header: { "content-type": "multipart/form-data" },
  multiFormDataList: list,
});

test("data parts: string, object (as JSON), ArrayBuffer", async () => {
  const e = echo(await fetch(HTTP + "/post", post([
    { name: "text", contentType: "text/plain", data: "hello" },
    { name: "obj", contentType: "application/json", data: { a: 1 } },
    { name: "bin", contentType: "application/octet-stream", data: new Uint8Array([65, 66]).buffer, remoteFileName: "b.bin" },
  ])));
  assert.match(e.headers["content-type"], /^multipart\/form-data; boundary=/);
  assert.strictEqual(e.form.text, "hello");
  assert.strictEqual(e.form.obj, '{"a":1}');
  assert.strictEqual(e.files.bin, "AB");
});

test("a missing filePath is 2300026", async () => {
  const err = await failure(HTTP + "/post", post([{ name: "f", contentType: "text/plain", filePath: "/no/such/file.txt" }]));
  assertCode(err, 2300026);
  assert.strictEqual(err.message, "Failed to open or read local data from the file or application");
});

test("data wins over a missing filePath", async () => {
  const e = echo(await fetch(HTTP + "/post", post([
    { name: "f", contentType: "text/plain", data: "inline", filePath: "/no/such/file.txt" },
  ])));
  assert.strictEqual(e.form.f, "inline");
});

test("a file part is read from disk, named after the file or remoteFileName", async () => {
  const path = env.TESTSERVER_CA; // any readable file will do
  const e = echo(await fetch(HTTP + "/post", post([
    { name: "up", contentType: "text/plain", filePath: path, remoteFileName: "ca.txt" },
  ])));
  assert.match(e.files.up, /BEGIN CERTIFICATE/);
});

test("parts without a name, or without data and filePath, are skipped", async () => {
  const e = echo(await fetch(HTTP + "/post", post([
    { name: "", contentType: "text/plain", data: "x" },
    { name: "empty", contentType: "text/plain" },
    { name: "kept", contentType: "text/plain", data: "y" },
  ])));
  assert.deepStrictEqual(Object.keys(e.form), ["kept"]);
});

test("without the multipart content-type the list is ignored", async () => {
  const e = echo(await fetch(HTTP + "/post", {
    method: http.RequestMethod.POST,
    extraData: "plain",
    multiFormDataList: [{ name: "x", contentType: "text/plain", data: "y" }],
  }));
  assert.strictEqual(e.data, "plain");
});
