// usingProtocol: HTTP1_1 forces HTTP/1.1; HTTP2 is negotiated over TLS;
// HTTP3 falls back to what is available.
const assert = require("assert");
const { http, HTTPS, fetch, echo } = require("./support.js");

test("HTTP1_1 over TLS", async () => {
  const e = echo(await fetch(HTTPS + "/get", { usingProtocol: http.HttpProtocol.HTTP1_1 }));
  assert.strictEqual(e.protocol, "HTTP/1.1");
});

test("HTTP2 over TLS", async () => {
  const e = echo(await fetch(HTTPS + "/get", { usingProtocol: http.HttpProtocol.HTTP2 }));
  assert.strictEqual(e.protocol, "HTTP/2.0");
});

test("HTTP3 falls back", async () => {
  const d = await fetch(HTTPS + "/get", { usingProtocol: http.HttpProtocol.HTTP3 });
  assert.strictEqual(d.responseCode, 200);
});
