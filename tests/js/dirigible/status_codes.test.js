// 4xx and 5xx are responses; a 204 (Dirigible issue #473) and a HEAD answer
// have neither text nor data and do not crash.
const assert = require("assert");
const client = require("http/v4/client");
const clientAsync = require("http/v4/clientAsync");
const HTTP = process.env.TESTSERVER_HTTP;

test("204 has neither text nor data", () => {
  const r = client.get(HTTP + "/status/204");
  assert.strictEqual(r.statusCode, 204);
  assert.strictEqual(r.statusMessage, "No Content");
  assert.strictEqual(r.text, undefined);
  assert.strictEqual(r.data, undefined);
  assert.strictEqual(r.binary, false);
});

test("204 through clientAsync calls success", () => {
  const c = clientAsync.getInstance();
  let code;
  c.deleteAsync(HTTP + "/status/204", { success: (r) => { code = r.statusCode; } });
  c.execute();
  assert.strictEqual(code, 204);
});

test("4xx and 5xx are returned with their bodies", () => {
  const nf = client.get(HTTP + "/status/404?body=missing");
  assert.strictEqual(nf.statusCode, 404);
  assert.strictEqual(nf.statusMessage, "Not Found");
  const se = client.post(HTTP + "/status/503", { text: "x" });
  assert.strictEqual(se.statusCode, 503);
});

test("HEAD has no body", () => {
  const r = client.head(HTTP + "/get");
  assert.strictEqual(r.statusCode, 200);
  assert.strictEqual(r.text, undefined);
  assert.strictEqual(r.data, undefined);
  assert.ok(r.headers.some((h) => h.name.toLowerCase() === "content-length"));
});

test("TRACE, PUT, PATCH and DELETE reach the server with their method", () => {
  assert.strictEqual(JSON.parse(client.trace(HTTP + "/anything").text).method, "TRACE");
  assert.strictEqual(JSON.parse(client.put(HTTP + "/put", { text: "a" }).text).method, "PUT");
  assert.strictEqual(JSON.parse(client.patch(HTTP + "/patch", { text: "a" }).text).method, "PATCH");
  assert.strictEqual(JSON.parse(client.delete(HTTP + "/delete").text).method, "DELETE");
});
