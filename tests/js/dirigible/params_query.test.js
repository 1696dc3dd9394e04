// For GET-like methods, options.params become the query string,
// percent-encoded, joined with & to a query the URL already has.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

test("params are percent-encoded into the query", () => {
  const r = client.get(HTTP + "/get", {
    params: [{ name: "$format", value: "json" }, { name: "q", value: "a b&c=d/é" }],
  });
  const echo = JSON.parse(r.text);
  assert.strictEqual(echo.url, HTTP + "/get?%24format=json&q=a%20b%26c%3Dd%2F%C3%A9");
  assert.deepStrictEqual(echo.args, { $format: "json", q: "a b&c=d/é" });
});

test("an existing query is kept and extended with &", () => {
  const r = client.get(HTTP + "/get?x=1", { params: [{ name: "y", value: "2" }] });
  assert.deepStrictEqual(JSON.parse(r.text).args, { x: "1", y: "2" });
});

test("numbers and booleans as values are sent as their text", () => {
  const r = client.get(HTTP + "/get", { params: [{ name: "n", value: 42 }, { name: "b", value: true }] });
  assert.deepStrictEqual(JSON.parse(r.text).args, { n: "42", b: "true" });
});

test("an object map is accepted for params", () => {
  const r = client.get(HTTP + "/get", { params: { a: "1", b: "x y" } });
  assert.deepStrictEqual(JSON.parse(r.text).args, { a: "1", b: "x y" });
});

test("params go to the query for DELETE too", () => {
  const r = client.delete(HTTP + "/delete", { params: [{ name: "id", value: "7" }] });
  assert.deepStrictEqual(JSON.parse(r.text).args, { id: "7" });
});
