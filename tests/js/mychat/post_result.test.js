// The request runs while the script sleeps in ScriptSleep; on completion
// the cache holds the response body under the key. Headers are
// "Name: value" lines separated by CRLF.
const assert = require("assert");
const m = require("mychat");
const HTTP = process.env.TESTSERVER_HTTP;

function waitFor(key) {
  for (let i = 0; i < 50; i++) {
    if (m.MemCacheExists(key)) return m.MemCacheGet(key);
    m.ScriptSleep(100);
  }
  assert.fail("no cache entry for " + key);
}

test("the body, the headers and the method reach the server; the reply lands in the cache", () => {
  const body = m.JSONSetString("{}", "event", "user_login");
  const key = m.HTTPSendPostMessageAsync(HTTP + "/post", body,
    "Content-Type: application/json" + m.CRLF + "Accept: application/json" + m.CRLF + "X-Trace: a:b:c", 3000);
  const echo = JSON.parse(waitFor(key));
  assert.strictEqual(echo.method, "POST");
  assert.strictEqual(echo.data, "{\"event\":\"user_login\"}");
  assert.deepStrictEqual(echo.json, { event: "user_login" });
  assert.strictEqual(echo.headers["content-type"], "application/json");
  assert.strictEqual(echo.headers["accept"], "application/json");
  assert.strictEqual(echo.headers["x-trace"], "a:b:c");
  assert.strictEqual(echo.headers["user-agent"], "Mozilla/4.0 (compatible; Synapse)");
});

test("no headers at all is fine; UTF-8 bodies are sent as UTF-8", () => {
  const key = m.HTTPSendPostMessageAsync(HTTP + "/post", "привет", "", 3000);
  const echo = JSON.parse(waitFor(key));
  assert.strictEqual(echo.data, "привет");
  assert.strictEqual(echo.bodyLength, 12);
});

test("the request also completes while the script waits on a timer", async () => {
  const key = m.HTTPSendPostMessageAsync(HTTP + "/post", "t", "", 3000);
  for (let i = 0; i < 50 && !m.MemCacheExists(key); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.strictEqual(JSON.parse(m.MemCacheGet(key)).data, "t");
});

test("several requests run at once", () => {
  const keys = [];
  for (let i = 0; i < 5; i++) keys.push(m.HTTPSendPostMessageAsync(HTTP + "/delay/1", "", "", 5000));
  // All five answer after one second each; waiting for the last one is enough
  // to see them all, as they were running together.
  const last = keys[keys.length - 1];
  waitFor(last);
  for (const k of keys) {
    for (let i = 0; i < 50 && !m.MemCacheExists(k); i++) m.ScriptSleep(100);
    assert.ok(m.MemCacheExists(k), k);
  }
});

test("an error status keeps its body", () => {
  const key = m.HTTPSendPostMessageAsync(HTTP + "/status/500?body=oops", "", "", 3000);
  assert.strictEqual(waitFor(key), "oops");
});
