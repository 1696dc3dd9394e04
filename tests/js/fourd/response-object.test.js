// response: body, headers (lower-case names, repeats as a collection),
// status, statusText, rawHeaders.
const assert = require("assert");
const { run, env } = require("./_support.js");

test("status, statusText, headers and rawHeaders", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/response-headers?X-Custom-Name=one&X-Rep=a&X-Rep=b");
  const r = request.response;
  assert.strictEqual(r.status, 200);
  assert.strictEqual(r.statusText, "OK");
  assert.strictEqual(r.headers["x-custom-name"], "one");
  assert.deepStrictEqual(r.headers["x-rep"], ["a", "b"]);
  assert.strictEqual(r.headers["X-Custom-Name"], undefined, "names are lower case");
  assert.strictEqual(r.headers, r.headers, "built once");
  assert.strictEqual(typeof r.rawHeaders, "object");
  assert.deepStrictEqual(Object.keys(r), ["body", "headers", "status", "statusText", "rawHeaders"]);
  const names = Object.keys(r.rawHeaders).map((n) => n.toLowerCase());
  assert.ok(names.includes("x-custom-name"));
  assert.deepStrictEqual(JSON.parse(JSON.stringify(r)).headers["x-rep"], ["a", "b"]);
});

test("4xx and 5xx are responses, not errors", async () => {
  for (const code of [404, 500, 503]) {
    const { request, calls } = await run(env.TESTSERVER_HTTP + "/status/" + code);
    assert.deepStrictEqual(calls, ["onResponse:response", "onTerminate:terminate"]);
    assert.strictEqual(request.response.status, code);
    assert.strictEqual(request.errors, undefined);
  }
});

test("the properties of response can be replaced", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/get");
  request.response.headers = "mine";
  assert.strictEqual(request.response.headers, "mine");
});
