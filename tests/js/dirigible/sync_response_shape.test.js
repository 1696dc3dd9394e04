// client.get returns Dirigible's HttpResponse: statusCode, statusMessage,
// protocol, headers as [{name, value}], JSON bodies in `text`.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

test("a JSON answer comes back as text with the documented fields", () => {
  const r = client.get(HTTP + "/get");
  assert.strictEqual(r.statusCode, 200);
  assert.strictEqual(r.statusMessage, "OK");
  assert.strictEqual(r.protocol, "HTTP/1.1");
  assert.strictEqual(r.binary, false);
  assert.strictEqual(r.data, undefined);
  assert.strictEqual(typeof r.text, "string");
  assert.strictEqual(JSON.parse(r.text).method, "GET");
});

test("headers are an array of {name, value} with repeats kept", () => {
  const r = client.get(HTTP + "/response-headers?X-Twice=one&X-Twice=two");
  assert.ok(Array.isArray(r.headers));
  const twice = r.headers.filter((h) => h.name.toLowerCase() === "x-twice").map((h) => h.value);
  assert.deepStrictEqual(twice, ["one", "two"]);
  for (const h of r.headers) {
    assert.deepStrictEqual(Object.keys(h), ["name", "value"]);
  }
});

test("the response survives JSON.stringify with every field", () => {
  const r = JSON.parse(JSON.stringify(client.get(HTTP + "/json")));
  assert.deepStrictEqual(Object.keys(r).sort(), ["binary", "headers", "protocol", "statusCode", "statusMessage", "text"]);
});

test("HTTP/2 over TLS is reported as HTTP/2", () => {
  const r = client.get(process.env.TESTSERVER_HTTPS + "/get");
  assert.strictEqual(r.statusCode, 200);
  assert.strictEqual(r.protocol, "HTTP/2");
});

test("headers read twice are the same array; they can be replaced", () => {
  const r = client.get(HTTP + "/get");
  assert.deepStrictEqual(Object.keys(r), ["statusCode", "statusMessage", "data", "text", "binary", "protocol", "headers"]);
  const first = r.headers;
  assert.strictEqual(r.headers, first);
  assert.ok(first.some((h) => h.name === "content-type" && h.value === "application/json"));
  r.headers = "mine";
  assert.strictEqual(r.headers, "mine");
  const s = client.get(HTTP + "/get");
  s.headers = [];
  assert.deepStrictEqual(s.headers, []);
});

test("a frozen response still shows its headers", () => {
  const r = Object.freeze(client.get(HTTP + "/get"));
  assert.ok(r.headers.length > 0);
  assert.ok(r.headers.length > 0);
  assert.ok(JSON.parse(JSON.stringify(r)).headers.length > 0);
});
