// proxyAuthentication, through jsrun's `proxy` option (4D takes the proxy
// from the system; jsrun from HTTP_PROXY/HTTPS_PROXY or this option).
const assert = require("assert");
const { run, env, codes } = require("./_support.js");

test("a proxy that wants credentials gets them", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/get?through=proxy", {
    proxy: env.TESTSERVER_PROXY_AUTH,
    proxyAuthentication: { name: "proxyuser", password: "proxypass", method: "basic" },
  });
  assert.strictEqual(request.response.status, 200);
  assert.deepStrictEqual(request.response.body.args, { through: "proxy" });
});

test("without them the proxy's 407 is the response", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/get", { proxy: env.TESTSERVER_PROXY_AUTH });
  assert.strictEqual(request.response.status, 407);
});

test("https through the proxy (CONNECT) with credentials", async () => {
  const { request } = await run(env.TESTSERVER_HTTPS + "/get", {
    proxy: env.TESTSERVER_PROXY_AUTH,
    proxyAuthentication: { name: "proxyuser", password: "proxypass" },
  });
  assert.strictEqual(request.errors, undefined, JSON.stringify(request.errors));
  assert.strictEqual(request.response.status, 200);
});

test("a bad proxy option is a wrong option (43)", async () => {
  const { request } = await run(env.TESTSERVER_HTTP + "/get", { proxy: "socks5://127.0.0.1:1" });
  assert.deepStrictEqual(codes(request), [43]);
});
