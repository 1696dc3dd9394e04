// Bad arguments to the *Async functions throw a TypeError at once, and
// queue nothing.
const assert = require("assert");
const clientAsync = require("http/v4/clientAsync");
const HTTP = process.env.TESTSERVER_HTTP;

test("config must be an object", () => {
  const c = clientAsync.getInstance();
  assert.throws(() => c.getAsync(HTTP + "/get"), (e) => e instanceof TypeError && /config/.test(e.message));
  assert.throws(() => c.getAsync(HTTP + "/get", "x"), TypeError);
});

test("callbacks must be functions", () => {
  const c = clientAsync.getInstance();
  assert.throws(() => c.getAsync(HTTP + "/get", { success: 1 }), (e) => e instanceof TypeError && /config\.success/.test(e.message));
  assert.throws(() => c.getAsync(HTTP + "/get", { error: "x" }), (e) => e instanceof TypeError && /config\.error/.test(e.message));
  assert.throws(() => c.getAsync(HTTP + "/get", { cancel: {} }), (e) => e instanceof TypeError && /config\.cancel/.test(e.message));
});

test("bad options throw when queued, and nothing is queued", () => {
  const c = clientAsync.getInstance();
  let n = 0;
  assert.throws(() => c.getAsync(HTTP + "/get", { success: () => n++ }, { socketTimeout: "1" }), (e) =>
    e instanceof TypeError && /HttpOptions\.socketTimeout/.test(e.message));
  assert.throws(() => c.getAsync(7, { success: () => n++ }), (e) => e instanceof TypeError && /url/.test(e.message));
  c.execute();
  assert.strictEqual(n, 0);
});
