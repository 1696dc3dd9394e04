// A reply that is not JSON is stored as it came: JSONValid tells it apart,
// as the document's example does.
const assert = require("assert");
const m = require("mychat");
const HTTP = process.env.TESTSERVER_HTTP;

test("an HTML reply is kept as text and is not valid JSON", () => {
  const key = m.HTTPSendPostMessageAsync(HTTP + "/anything/../html", "", "", 3000);
  for (let i = 0; i < 50 && !m.MemCacheExists(key); i++) m.ScriptSleep(100);
  const r = m.MemCacheGet(key);
  assert.ok(r.length > 0);
  assert.strictEqual(m.JSONValid(r), false);
  assert.strictEqual(m.JSONGetString(r, "data", { value: "" }), 1);
});

test("a reply in another charset is decoded", () => {
  const key = m.HTTPSendPostMessageAsync(HTTP + "/charset/windows-1251?text=" + encodeURIComponent("привет"), "", "", 3000);
  for (let i = 0; i < 50 && !m.MemCacheExists(key); i++) m.ScriptSleep(100);
  assert.strictEqual(m.MemCacheGet(key), "привет");
});
