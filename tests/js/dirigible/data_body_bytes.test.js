// options.data is the body as bytes: an array of byte numbers (Java's signed
// bytes too), a Uint8Array or an ArrayBuffer.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

function bytesEcho(options) {
  const r = client.post(HTTP + "/anything", options);
  return JSON.parse(r.text);
}

test("an array of bytes, negative ones as Java has them", () => {
  const r = bytesEcho({ data: [0x41, -1, 0x42], contentType: "application/octet-stream" });
  assert.strictEqual(r.bodyLength, 3);
  assert.strictEqual(r.headers["content-type"], "application/octet-stream");
});

test("data without contentType is application/octet-stream", () => {
  const r = bytesEcho({ data: new Uint8Array([1, 2, 3, 4]) });
  assert.strictEqual(r.bodyLength, 4);
  assert.strictEqual(r.headers["content-type"], "application/octet-stream");
});

test("an ArrayBuffer and a sub-view send exactly their bytes", () => {
  const buf = new Uint8Array([65, 66, 67, 68, 69]).buffer;
  assert.strictEqual(bytesEcho({ data: buf, contentType: "text/plain" }).data, "ABCDE");
  assert.strictEqual(bytesEcho({ data: new Uint8Array(buf, 1, 3), contentType: "text/plain" }).data, "BCD");
});

test("a byte out of range is a TypeError naming the element", () => {
  assert.throws(() => client.post(HTTP + "/post", { data: [1, 300] }), (e) =>
    e instanceof TypeError && /HttpOptions\.data\[1\]/.test(e.message));
});

test("a string as data is a TypeError", () => {
  assert.throws(() => client.post(HTTP + "/post", { data: "abc" }), TypeError);
});
