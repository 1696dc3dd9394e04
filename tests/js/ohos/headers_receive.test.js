// headersReceive fires once per header block (once per redirect hop), before
// the callback, in both modes, with a header object like HttpResponse.header.
const assert = require("assert");
const { http, HTTP } = require("./support.js");

test("once per hop, before the response", async () => {
  const req = http.createHttp();
  const seen = [];
  req.on("headersReceive", (h) => seen.push(h.location === undefined ? "final" : "redirect"));
  const data = await req.request(HTTP + "/redirect/2");
  seen.push("response");
  req.destroy();
  assert.strictEqual(data.responseCode, 200);
  assert.deepStrictEqual(seen, ["redirect", "redirect", "final", "response"]);
});

test("in stream mode too", async () => {
  const req = http.createHttp();
  let n = 0;
  req.on("headersReceive", () => n++);
  await req.requestInStream(HTTP + "/redirect/1");
  req.destroy();
  assert.strictEqual(n, 2);
});

test("the header object has lower-case names", async () => {
  const req = http.createHttp();
  let header;
  req.on("headersReceive", (h) => { header = h; });
  await req.request(HTTP + "/response-headers?X-Mixed-Case=Yes");
  req.destroy();
  assert.strictEqual(header["x-mixed-case"], "Yes");
  assert.strictEqual(header["X-Mixed-Case"], undefined);
  assert.strictEqual(header["content-type"], "application/json");
});

test("a listener added right after request() still fires", async () => {
  const req = http.createHttp();
  const p = req.request(HTTP + "/get");
  let fired = false;
  req.on("headersReceive", () => { fired = true; });
  await p;
  req.destroy();
  assert.ok(fired);
});

test("the same function registered twice fires once", async () => {
  const req = http.createHttp();
  let n = 0;
  const f = () => n++;
  req.on("headersReceive", f);
  req.on("headersReceive", f);
  await req.request(HTTP + "/get");
  req.destroy();
  assert.strictEqual(n, 1);
});
