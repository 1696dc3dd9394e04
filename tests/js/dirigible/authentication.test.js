// Credentials come from the URL (user:password@host). Without
// authenticationEnabled they are sent at once as Basic; with it, the
// server's challenge is answered in a scheme of targetPreferredAuthSchemes.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

function withUser(url, user, pass) {
  return url.replace("http://", "http://" + user + ":" + pass + "@");
}

test("URL credentials are sent as Basic by default", () => {
  assert.strictEqual(client.get(withUser(HTTP, "u", "p") + "/basic-auth/u/p").statusCode, 200);
  assert.strictEqual(client.get(HTTP + "/basic-auth/u/p").statusCode, 401);
});

test("Digest needs authenticationEnabled", () => {
  const url = withUser(HTTP, "du", "dp") + "/digest-auth/auth/du/dp";
  assert.strictEqual(client.get(url).statusCode, 401);
  assert.strictEqual(client.get(url, { authenticationEnabled: true }).statusCode, 200);
});

test("targetPreferredAuthSchemes limits the schemes answered", () => {
  const url = withUser(HTTP, "du", "dp") + "/digest-auth/auth/du/dp/SHA-256";
  assert.strictEqual(client.get(url, { authenticationEnabled: true, targetPreferredAuthSchemes: ["Digest"] }).statusCode, 200);
  assert.strictEqual(client.get(url, { authenticationEnabled: true, targetPreferredAuthSchemes: ["Basic"] }).statusCode, 401);
});

test("Basic with authenticationEnabled answers the challenge", () => {
  const url = withUser(HTTP, "u", "p") + "/basic-auth/u/p";
  assert.strictEqual(client.get(url, { authenticationEnabled: true }).statusCode, 200);
});

test("wrong credentials give the 401 response, not an error", () => {
  const r = client.get(withUser(HTTP, "du", "bad") + "/digest-auth/auth/du/dp", { authenticationEnabled: true });
  assert.strictEqual(r.statusCode, 401);
});

test("scheme lists must be arrays of strings", () => {
  assert.throws(() => client.get(HTTP + "/get", { targetPreferredAuthSchemes: "Digest" }), (e) =>
    e instanceof TypeError && /targetPreferredAuthSchemes/.test(e.message));
  assert.throws(() => client.get(HTTP + "/get", { proxyPreferredAuthSchemes: [1] }), (e) =>
    e instanceof TypeError && /proxyPreferredAuthSchemes\[0\]/.test(e.message));
});
