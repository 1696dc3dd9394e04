// A script that replaces URLSearchParams before anything compiled it: URL's
// searchParams still uses the real class (it once recursed until the stack
// overflowed, reading the replaced global).
const assert = require("assert");

test("URL.prototype.searchParams works after URLSearchParams was replaced", () => {
  globalThis.URLSearchParams = 5;
  assert.strictEqual(new URL("http://x.test/?q=1").searchParams.get("q"), "1");
  assert.strictEqual(URLSearchParams, 5);
});

test("process.env can be replaced before it is first read", () => {
  process.env = { ONLY: "x" };
  const read = () => process.env.ONLY;
  assert.strictEqual(read(), "x");
  assert.strictEqual(read(), "x");
});
