// Every property of the document, with the document's defaults.
const assert = require("assert");
const { HTTPRequest, env } = require("./_support.js");

test("a request without options reports the defaults", () => {
  const url = env.TESTSERVER_HTTP + "/get";
  const r = HTTPRequest.new(url);
  assert.strictEqual(r.dataType, "auto");
  assert.strictEqual(r.encoding, "UTF-8");
  assert.strictEqual(r.errors, undefined);
  assert.deepStrictEqual(r.headers, {});
  assert.strictEqual(r.headers, r.headers, "the same headers object on every read");
  assert.strictEqual(r.method, "GET");
  assert.strictEqual(r.protocol, "auto");
  assert.strictEqual(r.response, undefined, "no status yet");
  assert.strictEqual(r.returnResponseBody, true);
  assert.strictEqual(r.terminated, false);
  assert.strictEqual(r.timeout, undefined);
  assert.strictEqual(r.url, url);
  assert.strictEqual(typeof r.wait, "function");
  assert.strictEqual(typeof r.terminate, "function");

  assert.strictEqual(r.wait(), r, "wait() returns the request");
  assert.strictEqual(r.terminated, true);
  assert.strictEqual(r.errors, undefined);
  assert.strictEqual(r.protocol, "HTTP1", "auto reports the version used");
  assert.strictEqual(r.response.status, 200);
  assert.strictEqual(r.response, r.response, "the same response object on every read");
});

test("JSON.stringify(request) shows the properties", () => {
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/get", { timeout: 5 }).wait();
  const json = JSON.parse(JSON.stringify(r));
  assert.strictEqual(json.method, "GET");
  assert.strictEqual(json.timeout, 5);
  assert.strictEqual(json.terminated, true);
  assert.strictEqual(json.response.status, 200);
  assert.strictEqual(typeof json.response.headers, "object");
});
