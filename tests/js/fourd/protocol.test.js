// protocol: "auto" (the default) reports the version used; "HTTP1" forces
// HTTP/1.1; jsrun's "HTTP2" asks for HTTP/2 over TLS.
const assert = require("assert");
const { run, env } = require("./_support.js");

test("auto over TLS negotiates HTTP/2 with this server", async () => {
  const { request } = await run(env.TESTSERVER_HTTPS + "/get");
  assert.strictEqual(request.protocol, "HTTP2");
});

test("HTTP1 stays on HTTP/1.1", async () => {
  const { request } = await run(env.TESTSERVER_HTTPS + "/get", { protocol: "HTTP1" });
  assert.strictEqual(request.protocol, "HTTP1");
  assert.strictEqual(request.response.status, 200);
});

test("HTTP2 over TLS", async () => {
  const { request } = await run(env.TESTSERVER_HTTPS + "/get", { protocol: "HTTP2" });
  assert.strictEqual(request.response.status, 200);
  assert.strictEqual(request.protocol, "HTTP2");
});

test("auto over plain http is HTTP/1.1", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/get", { protocol: "auto" });
  assert.strictEqual(request.protocol, "HTTP1");
});
