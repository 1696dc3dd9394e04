// requestInStream in its three forms resolves with the response code; the
// body arrives as dataReceive chunks (ArrayBuffers) and dataEnd.
const assert = require("assert");
const { http, HTTP, promise } = require("./support.js");

function collect(req) {
  const chunks = [];
  req.on("dataReceive", (buf) => chunks.push(buf));
  return chunks;
}

function total(chunks) {
  return chunks.reduce((n, b) => {
    assert.ok(b instanceof ArrayBuffer);
    return n + b.byteLength;
  }, 0);
}

test("promise form resolves with the code", async () => {
  const req = http.createHttp();
  const chunks = collect(req);
  const code = await req.requestInStream(HTTP + "/bytes/300000");
  req.destroy();
  assert.strictEqual(code, 200);
  assert.strictEqual(total(chunks), 300000);
});

test("callback form", async () => {
  const req = http.createHttp();
  const chunks = collect(req);
  const [err, code] = await promise((resolve) => req.requestInStream(HTTP + "/bytes/1000", (e, c) => resolve([e, c])));
  req.destroy();
  assert.strictEqual(err, undefined);
  assert.strictEqual(code, 200);
  assert.strictEqual(total(chunks), 1000);
});

test("options + callback form", async () => {
  const req = http.createHttp();
  const chunks = collect(req);
  const [err, code] = await promise((resolve) =>
    req.requestInStream(HTTP + "/status/404", { method: http.RequestMethod.GET }, (e, c) => resolve([e, c])));
  req.destroy();
  assert.strictEqual(err, undefined);
  assert.strictEqual(code, 404);
  assert.ok(Array.isArray(chunks));
});

test("the streamed bytes are the body's bytes", async () => {
  const req = http.createHttp();
  const chunks = collect(req);
  await req.requestInStream(HTTP + "/range/100");
  req.destroy();
  const bytes = [];
  for (const c of chunks) bytes.push(...new Uint8Array(c));
  assert.strictEqual(String.fromCharCode(...bytes.slice(0, 5)), "abcde");
  assert.strictEqual(bytes.length, 100);
});

test("errors reject with a BusinessError", async () => {
  const req = http.createHttp();
  await assert.rejects(req.requestInStream("http://"), (e) => e.code === 2300003);
});
