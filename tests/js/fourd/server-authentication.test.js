// serverAuthentication: {name, password, method: "basic" | "digest" | "auto"}.
const assert = require("assert");
const { run, env } = require("./_support.js");

const auth = (path, method) =>
  run(env.TESTSERVER_HTTP + path, { serverAuthentication: { name: "user", password: "passwd", method } })
    .then(({ request }) => request.response);

test("basic", async () => {
  const r = await auth("/basic-auth/user/passwd", "basic");
  assert.strictEqual(r.status, 200);
  assert.strictEqual(r.body.authenticated, true);
});

test("digest, MD5 and SHA-256", async () => {
  assert.strictEqual((await auth("/digest-auth/auth/user/passwd", "digest")).status, 200);
  assert.strictEqual((await auth("/digest-auth/auth/user/passwd/SHA-256", "digest")).status, 200);
});

test("auto answers whichever the server asks (the default method)", async () => {
  assert.strictEqual((await auth("/basic-auth/user/passwd", "auto")).status, 200);
  assert.strictEqual((await auth("/digest-auth/auth/user/passwd", undefined)).status, 200);
});

test("digest credentials do not answer a basic challenge", async () => {
  assert.strictEqual((await auth("/basic-auth/user/passwd", "digest")).status, 401);
});

test("wrong password: the 401 is the response", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/basic-auth/user/passwd", {
    serverAuthentication: { name: "user", password: "nope" },
  });
  assert.strictEqual(request.response.status, 401);
});
