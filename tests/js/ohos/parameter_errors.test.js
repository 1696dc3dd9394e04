// Arguments netstack cannot parse give 401 "Parameter error" through the
// callback when one is recognisable (the last argument, if a function), else
// through the promise; nothing is thrown (as the conformance suites expect).
const assert = require("assert");
const { http, HTTP, promise } = require("./support.js");

const is401 = (e) => {
  assert.strictEqual(e.code, 401);
  assert.strictEqual(e.message, "Parameter error");
  return true;
};

test("a url that is not a string rejects the promise", async () => {
  const req = http.createHttp();
  await assert.rejects(req.request(undefined, { method: http.RequestMethod.GET }), is401);
  await assert.rejects(req.request(42), is401);
  await assert.rejects(req.requestInStream({}), is401);
  req.destroy();
});

test("with a callback, the callback gets it", async () => {
  const req = http.createHttp();
  const [err, data] = await promise((resolve) => req.requestInStream(undefined, (e, d) => resolve([e, d])));
  is401(err);
  assert.strictEqual(data, undefined);
  const err2 = await promise((resolve) => req.request(null, undefined, (e) => resolve(e)));
  is401(err2);
  req.destroy();
});

test("options of another type", async () => {
  const req = http.createHttp();
  await assert.rejects(req.request(HTTP + "/get", 5), is401);
  is401(await promise((resolve) => req.request(HTTP + "/get", "GET", (e) => resolve(e))));
  req.destroy();
});

test("extraData that cannot be a POST body", async () => {
  const req = http.createHttp();
  for (const extraData of ["", 42, true]) {
    await assert.rejects(req.request(HTTP + "/post", { method: http.RequestMethod.POST, extraData }), is401);
  }
  req.destroy();
});

test("a header value that cannot be sent", async () => {
  const req = http.createHttp();
  await assert.rejects(req.request(HTTP + "/get", { header: { "x-a": "line\nbreak" } }), is401);
  req.destroy();
});

test("nothing is thrown, and the error comes later", () => {
  const req = http.createHttp();
  let called = false;
  const r = req.request(undefined, () => { called = true; });
  assert.strictEqual(r, undefined);
  assert.strictEqual(called, false);
});

test("undefined options count as none", async () => {
  const req = http.createHttp();
  const data = await req.request(HTTP + "/get", undefined);
  assert.strictEqual(data.responseCode, 200);
  const data2 = await req.request(HTTP + "/get", null);
  assert.strictEqual(data2.responseCode, 200);
  req.destroy();
});

test("values the engine cannot convert are a 401 too, never thrown", async () => {
  const req = http.createHttp();
  const cyclic = {};
  cyclic.self = cyclic;
  const cases = [
    { header: { "x-a": Symbol("s") } },
    { method: http.RequestMethod.POST, extraData: cyclic },
    { method: http.RequestMethod.POST, extraData: { n: 1n } },
  ];
  for (const options of cases) {
    await assert.rejects(req.request(HTTP + "/post", options), is401);
    const err = await promise((resolve) => req.request(HTTP + "/post", options, (e) => resolve(e)));
    is401(err);
  }
  req.destroy();
});

test("what a getter of the options throws is thrown as it is", () => {
  const req = http.createHttp();
  const options = { get header() { throw new RangeError("from a getter"); } };
  assert.throws(() => req.request(HTTP + "/get", options), /from a getter/);
  req.destroy();
});
