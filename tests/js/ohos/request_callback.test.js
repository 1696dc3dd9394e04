// request(url, callback): the callback gets (undefined, HttpResponse).
const assert = require("assert");
const { http, HTTP, echo, promise } = require("./support.js");

test("success calls back with err === undefined and the response", async () => {
  const req = http.createHttp();
  const [err, data] = await promise((resolve) => req.request(HTTP + "/get?a=1", (e, d) => resolve([e, d])));
  req.destroy();
  assert.strictEqual(err, undefined);
  assert.strictEqual(data.responseCode, 200);
  assert.strictEqual(data.resultType, http.HttpDataType.STRING);
  assert.deepStrictEqual(echo(data).args, { a: "1" });
});

test("the call itself returns undefined", () => {
  const req = http.createHttp();
  const r = req.request(HTTP + "/get", () => req.destroy());
  assert.strictEqual(r, undefined);
});

test("a failure calls back with (err, undefined)", async () => {
  const req = http.createHttp();
  const [err, data] = await promise((resolve) => req.request("http://", (e, d) => resolve([e, d])));
  assert.strictEqual(data, undefined);
  assert.strictEqual(err.code, 2300003);
  assert.strictEqual(err.message, "Invalid URL format or missing URL");
});
