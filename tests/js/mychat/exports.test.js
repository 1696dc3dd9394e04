// Every script function is exported under its original name, and
// Object.assign(globalThis, require("mychat")) makes them globals.
const assert = require("assert");
const mychat = require("mychat");

const NAMES = ["HTTPSendPostMessageAsync", "MemCacheExists", "MemCacheGet", "MemCacheSet", "MemCacheDelete",
  "CreateGUIDString", "JSONSetString", "JSONGetString", "JSONValid", "mLogScript", "ScriptSleep"];

test("the functions and CRLF are exported", () => {
  for (const name of NAMES) assert.strictEqual(typeof mychat[name], "function", name);
  assert.strictEqual(mychat.CRLF, "\r\n");
});

test("Object.assign makes them globals", () => {
  Object.assign(globalThis, require("mychat"));
  for (const name of NAMES) assert.strictEqual(globalThis[name], mychat[name], name);
  assert.strictEqual(globalThis.CRLF, "\r\n");
});

test("import works too", async () => {
  const m = await import("mychat");
  assert.strictEqual(m.default.CreateGUIDString, mychat.CreateGUIDString);
});
