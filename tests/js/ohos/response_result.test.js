// HttpResponse.result: an ArrayBuffer for application/octet-stream and image
// types, else a UTF-8 string (JSON stays a string), unless expectDataType
// says otherwise; OBJECT falls back above 65536 bytes or when parsing fails.
const assert = require("assert");
const { http, HTTP, fetch } = require("./support.js");
const T = http.HttpDataType;

test("JSON is a string by default", async () => {
  const d = await fetch(HTTP + "/json");
  assert.strictEqual(d.resultType, T.STRING);
  assert.strictEqual(typeof d.result, "string");
  assert.ok(JSON.parse(d.result));
});

test("octet-stream is an ArrayBuffer", async () => {
  const d = await fetch(HTTP + "/bytes/1024");
  assert.strictEqual(d.resultType, T.ARRAY_BUFFER);
  assert.ok(d.result instanceof ArrayBuffer);
  assert.strictEqual(d.result.byteLength, 1024);
});

test("images are ArrayBuffers", async () => {
  const d = await fetch(HTTP + "/image/png");
  assert.strictEqual(d.resultType, T.ARRAY_BUFFER);
  const sig = new Uint8Array(d.result, 0, 4);
  assert.deepStrictEqual([...sig], [0x89, 0x50, 0x4e, 0x47]);
});

test("text of other types is a string", async () => {
  const d = await fetch(HTTP + "/html");
  assert.strictEqual(d.resultType, T.STRING);
  assert.ok(d.result.includes("<html"));
});

test("expectDataType STRING and ARRAY_BUFFER are obeyed", async () => {
  const s = await fetch(HTTP + "/bytes/10", { expectDataType: T.STRING });
  assert.strictEqual(s.resultType, T.STRING);
  assert.strictEqual(typeof s.result, "string");
  const b = await fetch(HTTP + "/json", { expectDataType: T.ARRAY_BUFFER });
  assert.strictEqual(b.resultType, T.ARRAY_BUFFER);
  assert.ok(b.result instanceof ArrayBuffer && b.result.byteLength > 0);
});

test("expectDataType OBJECT parses JSON", async () => {
  const d = await fetch(HTTP + "/get?k=v", { expectDataType: T.OBJECT });
  assert.strictEqual(d.resultType, T.OBJECT);
  assert.strictEqual(d.result.args.k, "v");
});

test("OBJECT falls back when the body is not JSON", async () => {
  const d = await fetch(HTTP + "/html", { expectDataType: T.OBJECT });
  assert.strictEqual(d.resultType, T.STRING);
  assert.strictEqual(typeof d.result, "string");
});

test("OBJECT falls back above 65536 bytes", async () => {
  const big = JSON.stringify({ s: "x".repeat(70000) });
  const d = await fetch(HTTP + "/anything", { method: http.RequestMethod.POST, extraData: big, expectDataType: T.OBJECT });
  assert.strictEqual(d.resultType, T.STRING);
  const small = await fetch(HTTP + "/anything", { method: http.RequestMethod.POST, extraData: "{}", expectDataType: T.OBJECT });
  assert.strictEqual(small.resultType, T.OBJECT);
});

test("an unknown expectDataType is ignored", async () => {
  const d = await fetch(HTTP + "/json", { expectDataType: 3 });
  assert.strictEqual(d.resultType, T.STRING);
});

test("invalid UTF-8 becomes U+FFFD", async () => {
  const d = await fetch(HTTP + "/base64/_w==?ct=text/plain");
  assert.strictEqual(d.result, "\ufffd");
});

test("HEAD and 204 have an empty string", async () => {
  const h = await fetch(HTTP + "/get", { method: http.RequestMethod.HEAD });
  assert.strictEqual(h.result, "");
  const n = await fetch(HTTP + "/status/204");
  assert.strictEqual(n.responseCode, 204);
  assert.strictEqual(n.result, "");
});
