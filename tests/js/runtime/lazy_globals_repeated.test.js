// Lazily set-up globals (see lazy_globals.test.js) read again and again from one place.
const assert = require("assert");

// Boa 0.22 caches a property read per place in the code; a getter that swapped
// itself for a data property made the second call from the same place fail.
test("lazy globals read from the same place in a function many times", () => {
  process.env = { SOME_VAR: "set" };
  const home = () => process.env.SOME_VAR;
  const host = (u) => new URL(u).host;
  const enc = () => new TextEncoder().encode("abc").length;
  const qs = () => new URLSearchParams("k=v").get("k");
  for (let i = 0; i < 3; i++) {
    assert.strictEqual(typeof home(), "string");
    assert.strictEqual(host(`http://h${i}.test/`), `h${i}.test`);
    assert.strictEqual(enc(), 3);
    assert.strictEqual(qs(), "v");
  }
});

test("assigning URLSearchParams replaces it for later reads", () => {
  const read = () => URLSearchParams;
  const original = read();
  globalThis.URLSearchParams = 7;
  assert.strictEqual(read(), 7);
  globalThis.URLSearchParams = original;
  assert.strictEqual(new (read())("a=b").get("a"), "b");
});
