// proxyHost/proxyPort send the request through an HTTP proxy; credentials
// for it go in proxyHost as user:password@host.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

function hostPort(url) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

test("the request goes through the proxy", () => {
  const p = hostPort(process.env.TESTSERVER_PROXY);
  const r = client.get(HTTP + "/get", { proxyHost: p.host, proxyPort: p.port });
  assert.strictEqual(r.statusCode, 200);
  const via = r.headers.find((h) => h.name.toLowerCase() === "via");
  assert.ok(via && /jsrun-testproxy/.test(via.value), "answer came through the proxy");
  const direct = client.get(HTTP + "/get");
  assert.ok(!direct.headers.some((h) => h.name.toLowerCase() === "via"));
});

test("a proxy that wants credentials gets them from proxyHost", () => {
  const p = hostPort(process.env.TESTSERVER_PROXY_AUTH);
  const refused = client.get(HTTP + "/get", { proxyHost: p.host, proxyPort: p.port });
  assert.strictEqual(refused.statusCode, 407);
  const r = client.get(HTTP + "/get", { proxyHost: "proxyuser:proxypass@" + p.host, proxyPort: p.port });
  assert.strictEqual(r.statusCode, 200);
});

test("a dead proxy is a transport error naming the request", () => {
  assert.throws(() => client.get(HTTP + "/get", { proxyHost: "127.0.0.1", proxyPort: 1 }), (e) =>
    !(e instanceof TypeError) && /could not connect/.test(e.message) && e.message.indexOf("/get") >= 0);
});

test("proxyPort out of range is a TypeError", () => {
  assert.throws(() => client.get(HTTP + "/get", { proxyHost: "127.0.0.1", proxyPort: 70000 }), (e) =>
    e instanceof TypeError && /HttpOptions\.proxyPort/.test(e.message));
});
