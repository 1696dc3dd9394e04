// globalThis["4D"] is the module object, so 4D code reads as written.
const assert = require("assert");

test('globalThis["4D"] is require("4D") and has HTTPRequest.new', () => {
  const mod = require("4D");
  assert.strictEqual(globalThis["4D"], mod);
  assert.strictEqual(typeof mod.HTTPRequest, "function");
  assert.strictEqual(typeof mod.HTTPRequest.new, "function");
  assert.strictEqual(globalThis["4D"].HTTPRequest, mod.HTTPRequest);
});

test('globalThis["4D"] can be replaced like any global', () => {
  const saved = globalThis["4D"];
  globalThis["4D"] = 42;
  assert.strictEqual(globalThis["4D"], 42);
  globalThis["4D"] = saved;
  assert.strictEqual(globalThis["4D"], require("4D"));
});
