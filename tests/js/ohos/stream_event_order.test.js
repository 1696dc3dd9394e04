// The order of a streamed request: headersReceive, then dataReceive
// interleaved with dataReceiveProgress, then dataEnd, then the result.
const assert = require("assert");
const { http, HTTP } = require("./support.js");

test("headers, data and progress, end, result", async () => {
  const req = http.createHttp();
  const seen = [];
  req.on("headersReceive", () => seen.push("headers"));
  req.on("dataReceive", () => seen.push("data"));
  req.on("dataReceiveProgress", (p) => seen.push("progress"));
  req.on("dataEnd", () => seen.push("end"));
  const code = await req.requestInStream(HTTP + "/bytes/200000");
  seen.push("result");
  req.destroy();
  assert.strictEqual(code, 200);
  assert.strictEqual(seen[0], "headers");
  assert.deepStrictEqual(seen.slice(-2), ["end", "result"]);
  const middle = seen.slice(1, -2);
  assert.ok(middle.includes("data") && middle.includes("progress"), middle.join(","));
  assert.ok(middle.every((s) => s === "data" || s === "progress"));
});

test("dataReceiveProgress reports receiveSize up to totalSize", async () => {
  const req = http.createHttp();
  const progress = [];
  req.on("dataReceiveProgress", (p) => progress.push(p));
  await req.requestInStream(HTTP + "/bytes/150000");
  req.destroy();
  assert.ok(progress.length > 0);
  const last = progress[progress.length - 1];
  assert.deepStrictEqual(Object.keys(last), ["receiveSize", "totalSize"]);
  assert.strictEqual(last.totalSize, 150000);
  assert.strictEqual(last.receiveSize, 150000);
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i].receiveSize >= progress[i - 1].receiveSize);
});

test("request() fires no data events", async () => {
  const req = http.createHttp();
  const seen = [];
  req.on("dataReceive", () => seen.push("data"));
  req.on("dataEnd", () => seen.push("end"));
  req.on("dataReceiveProgress", () => seen.push("progress"));
  const data = await req.request(HTTP + "/bytes/50000");
  req.destroy();
  assert.strictEqual(data.responseCode, 200);
  assert.deepStrictEqual(seen, []);
});

test("maxLimit does not apply to requestInStream", async () => {
  const req = http.createHttp();
  let n = 0;
  req.on("dataReceive", (b) => { n += b.byteLength; });
  const code = await req.requestInStream(HTTP + "/bytes/300000", { maxLimit: 1000 });
  req.destroy();
  assert.strictEqual(code, 200);
  assert.strictEqual(n, 300000);
});
