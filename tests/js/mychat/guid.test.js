// CreateGUIDString gives Delphi's form: {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX},
// upper-case hex, a random (version 4) GUID.
const assert = require("assert");
const { CreateGUIDString } = require("mychat");

test("brace form, upper case, version 4", () => {
  const g = CreateGUIDString();
  assert.match(g, /^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
});

test("every call gives a new one", () => {
  const seen = new Set();
  for (let i = 0; i < 1000; i++) seen.add(CreateGUIDString());
  assert.strictEqual(seen.size, 1000);
});
