// dataSendProgress {sendSize, totalSize} fires while a body is sent, in
// both modes; never for a GET.
const assert = require("assert");
const { http, HTTP } = require("./support.js");

const body = "x".repeat(200000);

test("a POST reports its progress up to the body size", async () => {
  const req = http.createHttp();
  const progress = [];
  req.on("dataSendProgress", (p) => progress.push(p));
  const data = await req.request(HTTP + "/post", { method: http.RequestMethod.POST, extraData: body });
  req.destroy();
  assert.strictEqual(data.responseCode, 200);
  assert.ok(progress.length > 0);
  const last = progress[progress.length - 1];
  assert.deepStrictEqual(Object.keys(last), ["sendSize", "totalSize"]);
  assert.strictEqual(last.totalSize, body.length);
  assert.strictEqual(last.sendSize, body.length);
});

test("in stream mode too", async () => {
  const req = http.createHttp();
  let last;
  req.on("dataSendProgress", (p) => { last = p; });
  await req.requestInStream(HTTP + "/post", { method: http.RequestMethod.POST, extraData: "abc" });
  req.destroy();
  assert.deepStrictEqual(last, { sendSize: 3, totalSize: 3 });
});

test("a listener added right after request() still sees the progress", async () => {
  const req = http.createHttp();
  let last;
  const pending = req.request(HTTP + "/post", { method: http.RequestMethod.POST, extraData: "abcd" });
  req.on("dataSendProgress", (p) => { last = p; });
  const data = await pending;
  req.destroy();
  assert.strictEqual(data.responseCode, 200);
  assert.deepStrictEqual(last, { sendSize: 4, totalSize: 4 });
});

test("none once the listener is gone", async () => {
  const req = http.createHttp();
  let n = 0;
  const listener = () => n++;
  req.on("dataSendProgress", listener);
  req.off("dataSendProgress", listener);
  const data = await req.request(HTTP + "/post", { method: http.RequestMethod.POST, extraData: body });
  req.destroy();
  assert.strictEqual(data.responseCode, 200);
  assert.strictEqual(n, 0);
});

test("never for a GET", async () => {
  const req = http.createHttp();
  let n = 0;
  req.on("dataSendProgress", () => n++);
  await req.request(HTTP + "/get", { extraData: "q=1" });
  req.destroy();
  assert.strictEqual(n, 0);
});
