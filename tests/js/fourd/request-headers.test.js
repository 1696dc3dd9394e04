// headers: name → value; a collection value sends the header once per item.
const assert = require("assert");
const { run, env } = require("./_support.js");

test("headers are sent, a collection repeats the header", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/anything", {
    headers: { "X-One": "1", "X-Multi": ["a", "b", "c"], "X-Number": 42 },
  });
  const echo = request.response.body;
  assert.strictEqual(echo.headers["x-one"], "1");
  assert.strictEqual(echo.headers["x-number"], "42");
  const multi = echo.rawHeaders.filter(([name]) => name.toLowerCase() === "x-multi").map(([, v]) => v);
  assert.deepStrictEqual(multi, ["a", "b", "c"]);
});

test("an invalid header name is a wrong option (43)", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/get", { headers: { "bad name": "x" } });
  assert.strictEqual(request.errors[0].errCode, 43);
});
