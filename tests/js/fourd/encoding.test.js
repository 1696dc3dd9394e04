// encoding: the charset of a text body (default UTF-8), ignored when the
// headers set a content type.
const assert = require("assert");
const { run, env } = require("./_support.js");

const post = (options) =>
  run(env.TESTSERVER_HTTP + "/anything", Object.assign({ method: "POST", body: "é€" }, options))
    .then(({ request }) => request.response.body);

test("windows-1252 encodes é€ in two bytes", async () => {
  const echo = await post({ encoding: "windows-1252" });
  assert.strictEqual(echo.bodyLength, 2);
  assert.strictEqual(echo.headers["content-type"], "text/plain; charset=windows-1252");
});

test("UTF-8 by default (5 bytes)", async () => {
  const echo = await post({});
  assert.strictEqual(echo.bodyLength, 5);
});

test("a content-type header decides instead of encoding", async () => {
  const echo = await post({ encoding: "windows-1252", headers: { "content-type": "text/plain" } });
  assert.strictEqual(echo.bodyLength, 5, "UTF-8, as the header names no charset");
  const latin = await post({ headers: { "content-type": "text/plain; charset=windows-1252" } });
  assert.strictEqual(latin.bodyLength, 2);
});

test("an unknown encoding is a wrong option (43)", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/anything", { method: "POST", body: "x", encoding: "klingon" });
  assert.strictEqual(request.errors[0].errCode, 43);
});
