// http://[::1]:port/… (an IPv6 literal with a port).
const assert = require("assert");
const { run, env } = require("./_support.js");

test("an IPv6 literal with a port is reached", async () => {
  if (!env.TESTSERVER_HTTP_V6) return; // no IPv6 loopback on this machine
  const { request } = await run(env.TESTSERVER_HTTP_V6 + "/get?v6=1");
  assert.strictEqual(request.response.status, 200);
  assert.deepStrictEqual(request.response.body.args, { v6: "1" });
  assert.match(request.url, /^http:\/\/\[::1\]:\d+\/get\?v6=1$/);
});
