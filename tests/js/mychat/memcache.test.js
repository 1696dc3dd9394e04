// MemCacheSet/Get/Exists/Delete: values are strings; entries expire after
// their TTL (seconds; default 300 s).
const assert = require("assert");
const m = require("mychat");

test("set, get, exists, delete", () => {
  const key = "memcache-test-" + m.CreateGUIDString();
  assert.strictEqual(m.MemCacheExists(key), false);
  assert.strictEqual(m.MemCacheGet(key), "");
  assert.strictEqual(m.MemCacheSet(key, "value"), true);
  assert.strictEqual(m.MemCacheExists(key), true);
  assert.strictEqual(m.MemCacheGet(key), "value");
  m.MemCacheSet(key, "replaced");
  assert.strictEqual(m.MemCacheGet(key), "replaced");
  assert.strictEqual(m.MemCacheDelete(key), true);
  assert.strictEqual(m.MemCacheDelete(key), false);
  assert.strictEqual(m.MemCacheExists(key), false);
});

test("an entry disappears after its TTL", () => {
  const key = "memcache-ttl-" + m.CreateGUIDString();
  m.MemCacheSet(key, "short", 1);
  m.MemCacheSet(key + "-long", "long", 60);
  assert.strictEqual(m.MemCacheExists(key), true);
  m.ScriptSleep(1100);
  assert.strictEqual(m.MemCacheExists(key), false);
  assert.strictEqual(m.MemCacheGet(key), "");
  assert.strictEqual(m.MemCacheGet(key + "-long"), "long");
});

test("numbers are stored as text, objects are refused", () => {
  const key = "memcache-types-" + m.CreateGUIDString();
  m.MemCacheSet(key, 42);
  assert.strictEqual(m.MemCacheGet(key), "42");
  assert.throws(() => m.MemCacheSet(key, { a: 1 }), (e) => e instanceof TypeError && /AValue/.test(e.message));
  assert.throws(() => m.MemCacheGet(undefined), (e) => e instanceof TypeError && /AKey/.test(e.message));
  assert.throws(() => m.MemCacheSet(key, "v", "10"), TypeError);
});

test("long values round-trip", () => {
  const key = "memcache-long-" + m.CreateGUIDString();
  const value = "ж".repeat(100000);
  m.MemCacheSet(key, value);
  assert.strictEqual(m.MemCacheGet(key), value);
  m.MemCacheDelete(key);
});

test("a lone surrogate becomes U+FFFD and does not meet an escaped look-alike", () => {
  const key = "memcache-surrogate-" + m.CreateGUIDString();
  m.MemCacheSet(key + "\ud800", "a\udfffb");
  assert.strictEqual(m.MemCacheGet(key + "\ud800"), "a\ufffdb");
  assert.strictEqual(m.MemCacheExists(key + "\\uD800"), false);
  m.MemCacheDelete(key + "\ud800");
});
