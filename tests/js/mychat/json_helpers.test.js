// JSONSetString returns the new JSON text (new names first, as MyChat's
// output shows; existing ones replaced in place); JSONGetString(json, name,
// ref) writes ref.value and returns 0; codes 1 (not JSON), 2 (not an
// object), 3 (no such name). JSONValid is true only for valid JSON.
const assert = require("assert");
const m = require("mychat");

test("JSONSetString builds the document's body", () => {
  let s = "{}";
  s = m.JSONSetString(s, "event", "user_login");
  s = m.JSONSetString(s, "request_id", "{ID}");
  assert.strictEqual(s, "{\"request_id\":\"{ID}\",\"event\":\"user_login\"}");
});

test("an existing name is replaced where it is; other values are kept", () => {
  const s = m.JSONSetString("{\"a\":1,\"b\":[true],\"c\":\"x\"}", "b", "new");
  assert.strictEqual(s, "{\"a\":1,\"b\":\"new\",\"c\":\"x\"}");
});

test("escaping, empty text, odd names", () => {
  assert.strictEqual(m.JSONSetString("", "q", "say \"hi\"\n"), "{\"q\":\"say \\\"hi\\\"\\n\"}");
  const s = m.JSONSetString("{}", "__proto__", "p");
  assert.strictEqual(s, "{\"__proto__\":\"p\"}");
});

test("JSONSetString error codes", () => {
  assert.strictEqual(m.JSONSetString("{broken", "a", "b"), 1);
  assert.strictEqual(m.JSONSetString("[1,2]", "a", "b"), 2);
  assert.strictEqual(m.JSONSetString("\"text\"", "a", "b"), 2);
});

test("the var form updates ref.value and returns 0", () => {
  const ref = { value: "{}" };
  assert.strictEqual(m.JSONSetString(ref, "k", "v"), 0);
  assert.strictEqual(ref.value, "{\"k\":\"v\"}");
  const bad = { value: "nope" };
  assert.strictEqual(m.JSONSetString(bad, "k", "v"), 1);
  assert.strictEqual(bad.value, "nope");
});

test("JSONGetString reads strings and other values as JSON text", () => {
  const json = "{\"s\":\"text\",\"n\":42,\"o\":{\"x\":[1]},\"z\":null}";
  const ref = { value: "" };
  assert.strictEqual(m.JSONGetString(json, "s", ref), 0);
  assert.strictEqual(ref.value, "text");
  assert.strictEqual(m.JSONGetString(json, "n", ref), 0);
  assert.strictEqual(ref.value, "42");
  assert.strictEqual(m.JSONGetString(json, "o", ref), 0);
  assert.strictEqual(ref.value, "{\"x\":[1]}");
  assert.strictEqual(m.JSONGetString(json, "z", ref), 0);
  assert.strictEqual(ref.value, "null");
});

test("JSONGetString error codes leave ref.value empty", () => {
  const ref = { value: "old" };
  assert.strictEqual(m.JSONGetString("{oops", "a", ref), 1);
  assert.strictEqual(ref.value, "");
  assert.strictEqual(m.JSONGetString("[]", "a", ref), 2);
  assert.strictEqual(m.JSONGetString("{\"b\":1}", "a", ref), 3);
  assert.strictEqual(m.JSONGetString("{\"b\":1}", "a"), 3, "ref is optional");
  assert.throws(() => m.JSONGetString("{}", "a", "not an object"), TypeError);
});

test("JSONValid", () => {
  for (const ok of ["{}", "[]", "0", "\"s\"", "null", " {\"a\": [1, 2.5e3]} "]) assert.strictEqual(m.JSONValid(ok), true, ok);
  for (const bad of ["", "{", "{a:1}", "'s'", "[1,]", "undefined", "NaN"]) assert.strictEqual(m.JSONValid(bad), false, bad);
  assert.strictEqual(m.JSONValid(undefined), false);
  assert.strictEqual(m.JSONValid(42), false);
});
