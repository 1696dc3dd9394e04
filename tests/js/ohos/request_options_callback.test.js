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

test("a callback of another type is a parameter error", () => {
  const req = http.createHttp();
  assert.throws(() => req.request(HTTP + "/get", {}, 42), (e) => e.code === "401" && e.message === "Parameter error");
  req.destroy();
});
