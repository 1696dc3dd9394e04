// body: text, blob (ArrayBuffer, typed array, DataView) or object (JSON);
// the content type follows the body unless the headers set one.
const assert = require("assert");
const { run, env } = require("./_support.js");

const post = (body, extra = {}) =>
  run(env.TESTSERVER_HTTP + "/anything", Object.assign({ method: "POST", body }, extra))
    .then(({ request }) => request.response.body);

test("text is sent as text/plain in UTF-8", async () => {
  const echo = await post("héllo");
  assert.strictEqual(echo.data, "héllo");
  assert.strictEqual(echo.headers["content-type"], "text/plain; charset=UTF-8");
  assert.strictEqual(echo.bodyLength, 6);
});

test("an object is sent as JSON", async () => {
  const echo = await post({ a: 1, list: [true, null], when: new Date(0) });
  assert.deepStrictEqual(echo.json, { a: 1, list: [true, null], when: "1970-01-01T00:00:00.000Z" });
  assert.match(echo.headers["content-type"], /^application\/json/);
});

test("bytes are sent as they are", async () => {
  const u8 = new Uint8Array([0, 1, 2, 250, 251, 252, 253]);
  for (const body of [u8.buffer, u8, u8.subarray(3), new DataView(u8.buffer, 1, 2)]) {
    const echo = await post(body);
    assert.strictEqual(echo.headers["content-type"], "application/octet-stream");
    assert.strictEqual(echo.bodyLength, body.byteLength);
  }
});

test("a content-type header wins over the inferred one", async () => {
  const echo = await post("a=1&b=2", { headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  assert.strictEqual(echo.headers["content-type"], "application/x-www-form-urlencoded");
  assert.deepStrictEqual(echo.form, { a: "1", b: "2" });
});

test("an empty text sends no body", async () => {
  const echo = await post("");
  assert.strictEqual(echo.bodyLength, 0);
  assert.strictEqual(echo.headers["content-type"], undefined);
});

test("PUT with a body", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/put", { method: "put", body: "x" });
  assert.strictEqual(request.response.status, 200);
  assert.strictEqual(request.response.body.method, "PUT");
  assert.strictEqual(request.method, "put");
});

test("a lone surrogate in a text body is sent as U+FFFD", async () => {
  const echo = await post("a\ud800b");
  assert.strictEqual(echo.data, "a\ufffdb");
  assert.strictEqual(echo.bodyLength, 5);
});
