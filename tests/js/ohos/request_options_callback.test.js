// request(url, options, callback).
const assert = require("assert");
const { http, HTTP, echo, promise } = require("./support.js");

test("options apply and the callback gets the response", async () => {
  const req = http.createHttp();
  const [err, data] = await promise((resolve) =>
    req.request(HTTP + "/anything", { method: http.RequestMethod.PUT, extraData: "hi" }, (e, d) => resolve([e, d])));
  req.destroy();
  assert.strictEqual(err, undefined);
  const e = echo(data);
  assert.strictEqual(e.method, "PUT");
  assert.strictEqual(e.data, "hi");
});

test("a callback of another type is a parameter error, through the promise", async () => {
  const req = http.createHttp();
  await assert.rejects(req.request(HTTP + "/get", {}, 42), (e) => {
    assert.deepStrictEqual(e, { code: 401, message: "Parameter error" });
    return true;
  });
  req.destroy();
});
