// A failed request calls error({message}); a callback that throws stops
// execute(): requests still running get cancel(), and the exception comes
// out of execute(). A failure with no error callback comes out too.
const assert = require("assert");
const clientAsync = require("http/v4/clientAsync");
const HTTP = process.env.TESTSERVER_HTTP;

test("a refused connection calls error with a message naming the URL", () => {
  const c = clientAsync.getInstance();
  let err;
  c.getAsync("http://127.0.0.1:1/nothing", { success: () => assert.fail("no response"), error: (e) => { err = e; } });
  c.execute();
  assert.deepStrictEqual(Object.keys(err), ["message"]);
  assert.match(err.message, /^GET http:\/\/127\.0\.0\.1:1\/nothing failed: could not connect/);
});

test("a bad URL calls error, the other requests still succeed", () => {
  const c = clientAsync.getInstance();
  const seen = [];
  c.getAsync("not a url", { error: (e) => seen.push("error: " + /invalid URL/.test(e.message)) });
  c.getAsync(HTTP + "/get", { success: (r) => seen.push(r.statusCode) });
  c.execute();
  assert.deepStrictEqual(seen.sort(), [200, "error: true"]);
});

test("a throwing callback cancels the rest and is rethrown by execute()", () => {
  const c = clientAsync.getInstance();
  const seen = [];
  c.getAsync(HTTP + "/get", { success: () => { throw new Error("boom"); } });
  c.getAsync(HTTP + "/delay/5", {
    success: () => seen.push("success"),
    cancel: () => seen.push("cancel"),
  });
  assert.throws(() => c.execute(), /boom/);
  assert.deepStrictEqual(seen, ["cancel"]);
});

test("a failure without an error callback is thrown by execute()", () => {
  const c = clientAsync.getInstance();
  c.getAsync("http://127.0.0.1:1/", { success: () => {} });
  assert.throws(() => c.execute(), /could not connect/);
});

test("options apply to async requests: socketTimeout", () => {
  const c = clientAsync.getInstance();
  let message;
  c.getAsync(process.env.TESTSERVER_BAD + "/never", { error: (e) => { message = e.message; } }, { socketTimeout: 200 });
  c.execute();
  assert.match(message, /timed out/);
});

test("options apply to async requests: TLS and proxy", () => {
  const c = clientAsync.getInstance();
  const seen = {};
  const proxy = new URL(process.env.TESTSERVER_PROXY);
  c.getAsync(process.env.TESTSERVER_SELF_SIGNED + "/get",
    { success: (r) => { seen.trusted = r.statusCode; } }, { sslTrustAllEnabled: true });
  c.getAsync(process.env.TESTSERVER_SELF_SIGNED + "/get",
    { error: (e) => { seen.refused = /certificate/.test(e.message); } });
  c.getAsync(HTTP + "/get", {
    success: (r) => { seen.via = r.headers.some((h) => h.name.toLowerCase() === "via"); },
  }, { proxyHost: proxy.hostname, proxyPort: Number(proxy.port) });
  c.execute();
  assert.deepStrictEqual(seen, { trusted: 200, refused: true, via: true });
});
