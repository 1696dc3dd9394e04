// success(response, context): context is options.context (a JSON string is
// parsed, as Dirigible carries it as JSON), else null.
const assert = require("assert");
const clientAsync = require("http/v4/clientAsync");
const HTTP = process.env.TESTSERVER_HTTP;

test("context values reach success", () => {
  const c = clientAsync.getInstance();
  const got = {};
  const obj = { id: 1 };
  c.getAsync(HTTP + "/get", { success: (r, ctx) => { got.none = ctx; } });
  c.getAsync(HTTP + "/get", { success: (r, ctx) => { got.json = ctx; } }, { context: "{\"a\":[1,2]}" });
  c.getAsync(HTTP + "/get", { success: (r, ctx) => { got.text = ctx; } }, { context: "plain words" });
  c.getAsync(HTTP + "/get", { success: (r, ctx) => { got.obj = ctx; } }, { context: obj });
  c.execute();
  assert.strictEqual(got.none, null);
  assert.deepStrictEqual(got.json, { a: [1, 2] });
  assert.strictEqual(got.text, "plain words");
  assert.strictEqual(got.obj, obj);
});
