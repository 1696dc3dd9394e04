// contentCompressionEnabled sends Accept-Encoding and decodes gzip,
// deflate and br answers; off by default (Dirigible's default).
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

test("off by default: no Accept-Encoding is sent", () => {
  const r = JSON.parse(client.get(HTTP + "/headers").text);
  assert.strictEqual(r.headers["accept-encoding"], undefined);
});

test("on: Accept-Encoding is sent and the answers decoded", () => {
  const h = JSON.parse(client.get(HTTP + "/headers", { contentCompressionEnabled: true }).text);
  assert.match(h.headers["accept-encoding"], /gzip/);
  assert.strictEqual(JSON.parse(client.get(HTTP + "/gzip", { contentCompressionEnabled: true }).text).gzipped, true);
  assert.strictEqual(JSON.parse(client.get(HTTP + "/deflate", { contentCompressionEnabled: true }).text).deflated, true);
  assert.strictEqual(JSON.parse(client.get(HTTP + "/brotli", { contentCompressionEnabled: true }).text).brotli, true);
});

test("a corrupt gzip body is a transport error", () => {
  assert.throws(() => client.get(HTTP + "/bad-gzip", { contentCompressionEnabled: true }), (e) =>
    !(e instanceof TypeError) && /bad-gzip/.test(e.message));
});
