// HttpResponse.header: lower-case trimmed names sorted like netstack's map,
// the last of repeated headers, set-cookie as an array; JSON.stringify sees
// every property of the response.
const assert = require("assert");
const { HTTP, fetch } = require("./support.js");

test("names are lower case and sorted", async () => {
  const d = await fetch(HTTP + "/response-headers?Zeta=1&Alpha=2");
  const keys = Object.keys(d.header);
  assert.deepStrictEqual(keys, [...keys].sort());
  assert.strictEqual(d.header.alpha, "2");
  assert.strictEqual(d.header.zeta, "1");
});

test("the last of repeated headers wins, set-cookie is an array", async () => {
  const d = await fetch(HTTP + "/response-headers?X-Rep=a&X-Rep=b&Set-Cookie=c1%3D1&Set-Cookie=c2%3D2");
  assert.strictEqual(d.header["x-rep"], "b");
  assert.deepStrictEqual(d.header["set-cookie"], ["c1=1", "c2=2"]);
});

test("the same object on every read, and it can be replaced", async () => {
  const d = await fetch(HTTP + "/get");
  assert.strictEqual(d.header, d.header);
  d.header = { mine: true };
  assert.deepStrictEqual(d.header, { mine: true });
});

test("JSON.stringify of the response has all six fields in netstack's order", async () => {
  const d = await fetch(HTTP + "/get");
  const o = JSON.parse(JSON.stringify(d));
  assert.deepStrictEqual(Object.keys(o), ["responseCode", "cookies", "header", "result", "resultType", "performanceTiming"]);
  assert.strictEqual(o.header["content-type"], "application/json");
});

test("the header of a redirected request is the final response's", async () => {
  const d = await fetch(HTTP + "/redirect/1");
  assert.strictEqual(d.header.location, undefined);
  assert.strictEqual(d.responseCode, 200);
});
