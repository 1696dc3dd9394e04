// http://user:password@host… sends Basic credentials.
const assert = require("assert");
const { run, env } = require("./_support.js");

test("user:password@ in the URL authenticates", async () => {
  const url = env.TESTSERVER_HTTP.replace("://", "://john:smith@") + "/basic-auth/john/smith";
  const { request } = await run(url);
  assert.strictEqual(request.response.status, 200);
  assert.strictEqual(request.response.body.authenticated, true);
  assert.strictEqual(request.response.body.user, "john");
});

test("wrong credentials in the URL get the server's 401 as a response", async () => {
  const url = env.TESTSERVER_HTTP.replace("://", "://john:wrong@") + "/basic-auth/john/smith";
  const { request, calls } = await run(url);
  assert.strictEqual(request.response.status, 401);
  assert.deepStrictEqual(calls, ["onResponse:response", "onTerminate:terminate"]);
});
