// TextEncoder/TextDecoder and URL are set up the first time a script reads one of
// their names (start-up does not pay for them). What a script does to those names
// before that first read must be kept, as if they had been there all along.
const assert = require("assert");

test("a value assigned before the first read is kept; the rest of its group works", () => {
  globalThis.TextEncoder = 42;
  assert.strictEqual(TextEncoder, 42);
  assert.strictEqual(new TextDecoder().decode(new Uint8Array([104, 105])), "hi");
  assert.strictEqual(TextEncoder, 42);
});

test("a name redefined before the first read of its group is kept", () => {
  Object.defineProperty(globalThis, "URL", { value: "mine", writable: false, configurable: true });
  assert.strictEqual(URL, "mine");
  assert.strictEqual(new URLSearchParams("a=1&b=2").get("b"), "2");
  assert.strictEqual(URL, "mine");
});

test("the globals keep the order and attributes boa_runtime gives them", () => {
  const keys = Object.keys(globalThis);
  for (const name of ["TextDecoder", "TextEncoder", "URL", "atob", "structuredClone"]) {
    assert.ok(keys.includes(name), name);
  }
  assert.ok(keys.indexOf("TextDecoder") < keys.indexOf("btoa"));
  assert.ok(keys.indexOf("structuredClone") < keys.indexOf("URL"));
  const d = Object.getOwnPropertyDescriptor(globalThis, "TextDecoder");
  assert.ok(d.enumerable && d.configurable);
});

test("process.env is read on first use and then behaves as a plain object", () => {
  assert.strictEqual(typeof process.env.TESTSERVER_HTTP, "string");
  process.env.JSRUN_LAZY_TEST = "1";
  assert.strictEqual(process.env.JSRUN_LAZY_TEST, "1");
  const d = Object.getOwnPropertyDescriptor(process, "env");
  assert.ok(d.enumerable && d.configurable);
  process.env = { ONLY: "x" };
  assert.deepStrictEqual(Object.keys(process.env), ["ONLY"]);
});

