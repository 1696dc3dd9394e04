// request(url, options?) returns a promise of the HttpResponse.
const assert = require("assert");
const { http, HTTP, echo, assertCode } = require("./support.js");

test("without options", async () => {
  const req = http.createHttp();
  const p = req.request(HTTP + "/get");
  assert.ok(p instanceof Promise);
  const data = await p;
  req.destroy();
  assert.strictEqual(data.responseCode, 200);
  assert.strictEqual(echo(data).method, "GET");
});

test("with options", async () => {
  const req = http.createHttp();
  const data = await req.request(HTTP + "/anything", { method: http.RequestMethod.DELETE });
  req.destroy();
  assert.strictEqual(echo(data).method, "DELETE");
});

test("a failure rejects with a BusinessError", async () => {
  const req = http.createHttp();
  await assert.rejects(req.request("ftp://127.0.0.1/"), (e) => {
    assertCode(e, 2300001);
    assert.strictEqual(e.message, "Unsupported protocol");
    return true;
  });
});

test("HTTP error statuses resolve", async () => {
  const req = http.createHttp();
  const data = await req.request(HTTP + "/status/503");
  req.destroy();
  assert.strictEqual(data.responseCode, http.ResponseCode.UNAVAILABLE);
});
