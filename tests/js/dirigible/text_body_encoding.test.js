// A text body: contentType (default text/plain) with "; charset=" +
// characterEncoding (default UTF-8) when characterEncodingEnabled (default
// true), the text encoded in that charset.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

function echo(options) {
  return JSON.parse(client.post(HTTP + "/post", options).text);
}

test("defaults: text/plain; charset=UTF-8, UTF-8 bytes", () => {
  const r = echo({ text: "héllo" });
  assert.strictEqual(r.headers["content-type"], "text/plain; charset=UTF-8");
  assert.strictEqual(r.bodyLength, 6);
  assert.strictEqual(r.data, "héllo");
});

test("contentType is used with the charset added", () => {
  const r = echo({ text: "{\"a\":1}", contentType: "application/json" });
  assert.strictEqual(r.headers["content-type"], "application/json; charset=UTF-8");
  assert.deepStrictEqual(r.json, { a: 1 });
});

test("characterEncodingEnabled false sends the type without charset", () => {
  const r = echo({ text: "x", contentType: "application/json", characterEncodingEnabled: false });
  assert.strictEqual(r.headers["content-type"], "application/json");
});

test("characterEncoding changes the bytes and the charset", () => {
  const r = echo({ text: "привет", characterEncoding: "windows-1251" });
  assert.strictEqual(r.headers["content-type"], "text/plain; charset=windows-1251");
  assert.strictEqual(r.bodyLength, 6);
});

test("a charset already in contentType is kept as is", () => {
  const r = echo({ text: "x", contentType: "text/csv; charset=ISO-8859-1" });
  assert.strictEqual(r.headers["content-type"], "text/csv; charset=ISO-8859-1");
});

test("an unknown characterEncoding is a TypeError naming it", () => {
  assert.throws(() => echo({ text: "x", characterEncoding: "klingon" }), (e) =>
    e instanceof TypeError && /HttpOptions\.characterEncoding/.test(e.message));
});

test("a lone surrogate in the text is sent as U+FFFD", () => {
  const r = echo({ text: "a\udc00b" });
  assert.strictEqual(r.data, "a\ufffdb");
  assert.strictEqual(r.bodyLength, 5);
});
