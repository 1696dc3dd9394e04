// serverAuthentication: {credential: {username, password}, authenticationType}
// answers Basic and Digest challenges; a user:password@ URL works too.
const assert = require("assert");
const { HTTP, fetch } = require("./support.js");

const auth = (type, password = "pw") => ({
  serverAuthentication: { credential: { username: "user", password }, authenticationType: type },
});

test("basic", async () => {
  assert.strictEqual((await fetch(HTTP + "/basic-auth/user/pw", auth("basic"))).responseCode, 200);
});

test("digest, MD5 and SHA-256", async () => {
  assert.strictEqual((await fetch(HTTP + "/digest-auth/auth/user/pw", auth("digest"))).responseCode, 200);
  assert.strictEqual((await fetch(HTTP + "/digest-auth/auth/user/pw/SHA-256", auth("digest"))).responseCode, 200);
});

test("auto answers whatever the server asks", async () => {
  assert.strictEqual((await fetch(HTTP + "/digest-auth/auth/user/pw", auth("auto"))).responseCode, 200);
  assert.strictEqual((await fetch(HTTP + "/basic-auth/user/pw", auth("auto"))).responseCode, 200);
});

test("wrong credentials get the 401 response", async () => {
  assert.strictEqual((await fetch(HTTP + "/basic-auth/user/pw", auth("basic", "bad"))).responseCode, 401);
});

test("credentials in the URL", async () => {
  const url = HTTP.replace("://", "://user:pw@") + "/basic-auth/user/pw";
  assert.strictEqual((await fetch(url)).responseCode, 200);
});
