// automaticRedirections (default true): up to 5 redirects are followed, the
// 6th redirect response is returned.
const assert = require("assert");
const { run, env } = require("./_support.js");

test("5 redirects are followed", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/redirect/5");
  assert.strictEqual(request.response.status, 200);
  assert.match(request.response.body.url, /\/get$/);
});

test("the 6th redirect response is returned, not an error", async () => {
  const { request, calls } = await run(env.TESTSERVER_HTTP + "/redirect/6");
  assert.deepStrictEqual(calls, ["onResponse:response", "onTerminate:terminate"]);
  assert.strictEqual(request.response.status, 302);
  assert.ok(request.response.headers.location);
});

test("a redirect loop ends at the 6th response too", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/redirect-loop");
  assert.strictEqual(request.errors, undefined);
  assert.strictEqual(request.response.status, 302);
});

test("automaticRedirections: false returns the first redirect", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/redirect/1", { automaticRedirections: false });
  assert.strictEqual(request.response.status, 302);
});
