// "If you omit the scheme part, an https request is sent."
const assert = require("assert");
const { run, env } = require("./_support.js");

test("host:port/path without a scheme goes over TLS", async () => {
  const hostPort = env.TESTSERVER_HTTPS.replace(/^https:\/\//, "");
  const { request, calls } = await run(hostPort + "/get?via=noscheme");
  assert.deepStrictEqual(calls, ["onResponse:response", "onTerminate:terminate"]);
  assert.strictEqual(request.url, "https://" + hostPort + "/get?via=noscheme");
  assert.strictEqual(request.response.status, 200);
  assert.match(request.response.body.url, /^https:\/\//);
});

test("the same host with http:// is not TLS", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/get");
  assert.match(request.response.body.url, /^http:\/\//);
});
