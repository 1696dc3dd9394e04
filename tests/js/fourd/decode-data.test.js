// response.body is decoded (gzip, deflate, br); onData chunks only with
// decodeData: true.
const assert = require("assert");
const { run, env, bytesOf } = require("./_support.js");

test("response.body of a gzip response is decoded", async () => {
  for (const path of ["/gzip", "/deflate", "/brotli"]) {
    const { request } = await run(env.TESTSERVER_HTTP + path);
    assert.strictEqual(typeof request.response.body, "object", path);
  }
});

test("decodeData: true decodes the onData chunks", async () => {
  const chunks = [];
  await run(env.TESTSERVER_HTTP + "/gzip", { decodeData: true, onData(req, e) { chunks.push(...bytesOf(e.data)); } });
  assert.strictEqual(JSON.parse(String.fromCharCode(...chunks)).gzipped, true);
});

test("decodeData: false (the default) leaves the chunks as sent", async () => {
  const chunks = [];
  await run(env.TESTSERVER_HTTP + "/gzip", { onData(req, e) { chunks.push(...bytesOf(e.data)); } });
  assert.deepStrictEqual(chunks.slice(0, 2), [0x1f, 0x8b]);
});
