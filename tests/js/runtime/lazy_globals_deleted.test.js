// A global deleted before its group is set up stays deleted (see lazy_globals.test.js).
const assert = require("assert");

test("deleting one name of a lazily set-up group keeps it deleted", () => {
  delete globalThis.TextDecoder;
  assert.strictEqual(typeof TextEncoder, "function");
  assert.deepStrictEqual([...new TextEncoder().encode("é")], [0xc3, 0xa9]);
  assert.ok(!("TextDecoder" in globalThis));
});

test("URL works when first reached through URLSearchParams or new URL", () => {
  const u = new URL("http://example.com/p?q=1");
  assert.strictEqual(u.searchParams.get("q"), "1");
  assert.strictEqual(typeof URLSearchParams, "function");
});
