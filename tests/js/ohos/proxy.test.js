// usingProxy: false (the default) goes direct; an HttpProxy object names
// the proxy (http through it, https tunnelled with CONNECT); a proxy name
// that does not resolve is 2300005.
const assert = require("assert");
const { HTTP, HTTPS, env, fetch, failure, assertCode, echo } = require("./support.js");

const proxy = new URL(env.TESTSERVER_PROXY);
const proxyAuth = new URL(env.TESTSERVER_PROXY_AUTH);

test("http through an HttpProxy", async () => {
  const d = await fetch(HTTP + "/get?via=proxy", {
    usingProxy: { host: proxy.hostname, port: Number(proxy.port), exclusionList: [] },
  });
  assert.strictEqual(echo(d).args.via, "proxy");
});

test("https tunnelled through it", async () => {
  const d = await fetch(HTTPS + "/get", { usingProxy: { host: proxy.hostname, port: Number(proxy.port) } });
  assert.strictEqual(d.responseCode, 200);
});

test("a proxy with credentials", async () => {
  const opts = (password) => ({
    usingProxy: { host: proxyAuth.hostname, port: Number(proxyAuth.port), username: "proxyuser", password },
  });
  assert.strictEqual((await fetch(HTTP + "/get", opts("proxypass"))).responseCode, 200);
  assert.strictEqual((await fetch(HTTP + "/get", opts("wrong"))).responseCode, 407);
});

test("excluded hosts go direct", async () => {
  const host = new URL(HTTP).hostname;
  const d = await fetch(HTTP + "/get", { usingProxy: { host: "proxy.invalid", port: 3128, exclusionList: [host] } });
  assert.strictEqual(d.responseCode, 200);
});

test("a proxy name that does not resolve is 2300005", async () => {
  const err = await failure(HTTP + "/get", { usingProxy: { host: "host.invalid", port: 1, exclusionList: [""] } });
  assertCode(err, 2300005);
  assert.strictEqual(err.message, "Failed to resolve the proxy name");
});

test("usingProxy: false goes direct", async () => {
  assert.strictEqual((await fetch(HTTP + "/get", { usingProxy: false })).responseCode, 200);
});
