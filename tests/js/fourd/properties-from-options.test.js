// The properties report what the options gave.
const assert = require("assert");
const { HTTPRequest, env } = require("./_support.js");

test("properties echo the options object", () => {
  const headers = { "X-One": "1" };
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/post", {
    method: "POST",
    headers,
    body: "hello",
    dataType: "text",
    encoding: "ISO-8859-1",
    protocol: "HTTP1",
    returnResponseBody: true,
    timeout: 12.5,
  });
  assert.strictEqual(r.method, "POST");
  assert.strictEqual(r.headers, headers);
  assert.strictEqual(r.dataType, "text");
  assert.strictEqual(r.encoding, "ISO-8859-1");
  assert.strictEqual(r.protocol, "HTTP1");
  assert.strictEqual(r.returnResponseBody, true);
  assert.strictEqual(r.timeout, 12.5);
  r.wait();
  assert.strictEqual(r.protocol, "HTTP1");
  assert.strictEqual(typeof r.response.body, "string");
  assert.strictEqual(JSON.parse(r.response.body).data, "hello");
});
