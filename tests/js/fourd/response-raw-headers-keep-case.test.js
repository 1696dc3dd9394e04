// response.rawHeaders has the header names with the case the server sent
// them in (4D 19 R8); response.headers has the same fields with lower-case
// names. The misbehaving server writes its default answer by hand:
// "Content-Type: text/plain", "Content-Length: 2", "Connection: close".
const assert = require("assert");
const { run, env } = require("./_support.js");

test("rawHeaders keeps the names as the server wrote them, in order", async () => {
  const { request } = await run(env.TESTSERVER_BAD + "/any-other-path");
  const r = request.response;
  assert.strictEqual(r.status, 200);
  assert.strictEqual(r.body, "ok");
  assert.deepStrictEqual(r.rawHeaders, {
    "Content-Type": "text/plain",
    "Content-Length": "2",
    "Connection": "close",
  });
  assert.deepStrictEqual(Object.keys(r.rawHeaders), ["Content-Type", "Content-Length", "Connection"]);
  assert.deepStrictEqual(r.headers, {
    "content-type": "text/plain",
    "content-length": "2",
    "connection": "close",
  });
  assert.strictEqual(r.rawHeaders["content-type"], undefined);
});

test("rawHeaders is seen by JSON.stringify and built once", async () => {
  const { request } = await run(env.TESTSERVER_BAD + "/another");
  const r = request.response;
  assert.strictEqual(r.rawHeaders, r.rawHeaders);
  assert.strictEqual(JSON.parse(JSON.stringify(r)).rawHeaders["Content-Type"], "text/plain");
});

test("a hyper server's lower-case names stay lower case, repeats become a collection", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/response-headers?X-Rep=a&X-Rep=b");
  const raw = request.response.rawHeaders;
  assert.deepStrictEqual(raw["x-rep"], ["a", "b"]);
  assert.strictEqual(raw["content-type"], "application/json");
});

test("with onHeaders and onData the raw names are there too", async () => {
  let seenInHeaders;
  const { request } = await run(env.TESTSERVER_BAD + "/streamed", {
    onHeaders(req) { seenInHeaders = Object.keys(req.response.rawHeaders); },
    onData() {},
  });
  assert.deepStrictEqual(seenInHeaders, ["Content-Type", "Content-Length", "Connection"]);
  assert.strictEqual(request.response.rawHeaders["Connection"], "close");
});
