const assert = require("assert");

test("URL and URLSearchParams", () => {
  const u = new URL("http://example.com/a?x=1");
  u.searchParams.set("y", "a b");
  assert.strictEqual(u.href, "http://example.com/a?x=1&y=a+b");
  assert.deepStrictEqual([...new URLSearchParams("a=1&a=2&b=3").getAll("a")], ["1", "2"]);
});

test("TextEncoder and TextDecoder round-trip UTF-8", () => {
  const bytes = new TextEncoder().encode("añb€");
  assert.strictEqual(bytes.length, 7);
  assert.strictEqual(new TextDecoder().decode(bytes), "añb€");
});

test("process and performance", () => {
  assert.strictEqual(typeof process.env.TESTSERVER_HTTP, "string");
  assert.ok(Array.isArray(process.argv));
  const t = performance.now();
  assert.ok(t >= 0 && performance.now() >= t);
});

test("dynamic import of a built-in and of a file", async () => {
  const a = await import("assert");
  assert.strictEqual(typeof a.default.strictEqual, "function");
  const units = await import("./support/units.ts");
  assert.strictEqual(units.toFahrenheit(0), 32);
});
