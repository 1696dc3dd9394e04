// expectContinueEnabled sends "Expect: 100-continue" with a body.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

test("the Expect header is sent only when asked", () => {
  const on = JSON.parse(client.post(HTTP + "/post", { text: "payload", expectContinueEnabled: true }).text);
  assert.strictEqual(on.headers["expect"], "100-continue");
  assert.strictEqual(on.data, "payload");
  const off = JSON.parse(client.post(HTTP + "/post", { text: "payload" }).text);
  assert.strictEqual(off.headers["expect"], undefined);
});
