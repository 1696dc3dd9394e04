// HTTPSendPostMessageAsync returns at once a key
// httppost_async{guid}ddmmyyyyhhnnsszzz; the entry appears only later.
const assert = require("assert");
const { HTTPSendPostMessageAsync, MemCacheExists, ScriptSleep } = require("mychat");
const HTTP = process.env.TESTSERVER_HTTP;

function pad(n, w) { return String(n).padStart(w, "0"); }

test("the key has the document's form and the current date", () => {
  const before = new Date();
  const key = HTTPSendPostMessageAsync(HTTP + "/post", "{}", "", 3000);
  const after = new Date();
  const m = /^httppost_async\{[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\}(\d{2})(\d{2})(\d{4})(\d{2})(\d{2})(\d{2})(\d{3})$/.exec(key);
  assert.ok(m, key);
  const stamp = m.slice(1).join("");
  const fmt = (d) => pad(d.getDate(), 2) + pad(d.getMonth() + 1, 2) + pad(d.getFullYear(), 4) +
    pad(d.getHours(), 2) + pad(d.getMinutes(), 2) + pad(d.getSeconds(), 2) + pad(d.getMilliseconds(), 3);
  const key2 = (d) => fmt(d).slice(4, 8) + fmt(d).slice(2, 4) + fmt(d).slice(0, 2) + fmt(d).slice(8);
  const asSortable = stamp.slice(4, 8) + stamp.slice(2, 4) + stamp.slice(0, 2) + stamp.slice(8);
  assert.ok(key2(before) <= asSortable && asSortable <= key2(after), stamp);
  for (let i = 0; i < 50 && !MemCacheExists(key); i++) ScriptSleep(100);
});

test("the key is returned before the request has run", () => {
  const key = HTTPSendPostMessageAsync(HTTP + "/post", "x", "", 3000);
  assert.strictEqual(MemCacheExists(key), false);
  for (let i = 0; i < 50 && !MemCacheExists(key); i++) ScriptSleep(100);
  assert.strictEqual(MemCacheExists(key), true);
});

test("two calls give two keys", () => {
  const a = HTTPSendPostMessageAsync(HTTP + "/post", "", "", 3000);
  const b = HTTPSendPostMessageAsync(HTTP + "/post", "", "", 3000);
  assert.notStrictEqual(a, b);
  for (let i = 0; i < 50 && !(MemCacheExists(a) && MemCacheExists(b)); i++) ScriptSleep(100);
});
