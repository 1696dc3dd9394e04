// getAsync & co. only queue; execute() sends them and returns after every
// callback has run; closures work; the queue is emptied by execute().
const assert = require("assert");
const clientAsync = require("http/v4/clientAsync");
const HTTP = process.env.TESTSERVER_HTTP;

test("nothing is sent before execute()", () => {
  const c = clientAsync.getInstance();
  let called = false;
  c.getAsync(HTTP + "/get", { success: () => { called = true; } });
  assert.strictEqual(called, false);
  c.execute();
  assert.strictEqual(called, true);
});

test("every callback has run when execute() returns, with its own closure", () => {
  const c = clientAsync.getInstnace();
  const seen = [];
  for (let i = 0; i < 20; i++) {
    c.getAsync(HTTP + "/get?i=" + i, {
      success: function (response) {
        seen.push([i, JSON.parse(response.text).args.i]);
      },
    });
  }
  c.execute();
  assert.strictEqual(seen.length, 20);
  for (const [i, echoed] of seen) assert.strictEqual(String(i), echoed);
});

test("every method has its Async form", () => {
  const c = clientAsync.getInstance();
  const methods = [];
  const cb = { success: (r) => methods.push(r.statusCode === 200 && r.text ? JSON.parse(r.text).method : "HEAD") };
  c.getAsync(HTTP + "/anything", cb);
  c.postAsync(HTTP + "/anything", cb, { text: "a" });
  c.putAsync(HTTP + "/anything", cb, { text: "a" });
  c.patchAsync(HTTP + "/anything", cb, { text: "a" });
  c.deleteAsync(HTTP + "/anything", cb);
  c.headAsync(HTTP + "/get", cb);
  c.traceAsync(HTTP + "/anything", cb);
  c.execute();
  assert.deepStrictEqual(methods.sort(), ["DELETE", "GET", "HEAD", "PATCH", "POST", "PUT", "TRACE"]);
});

test("a second execute() does not send again", () => {
  const c = clientAsync.getInstance();
  let n = 0;
  c.getAsync(HTTP + "/get", { success: () => n++ });
  c.execute();
  c.execute();
  assert.strictEqual(n, 1);
});

test("execute() with nothing queued returns at once", () => {
  clientAsync.getInstance().execute();
});

test("4xx and 5xx go to success", () => {
  const c = clientAsync.getInstance();
  const codes = [];
  const cb = { success: (r) => codes.push(r.statusCode), error: () => codes.push("error") };
  c.getAsync(HTTP + "/status/404", cb);
  c.getAsync(HTTP + "/status/500", cb);
  c.execute();
  assert.deepStrictEqual(codes.sort(), [404, 500]);
});

test("callbacks are called on the config object", () => {
  const c = clientAsync.getInstance();
  const config = { hits: 0, success() { this.hits++; } };
  c.getAsync(HTTP + "/get", config);
  c.execute();
  assert.strictEqual(config.hits, 1);
});

test("a callback may queue and execute more requests", () => {
  const c = clientAsync.getInstance();
  const order = [];
  c.getAsync(HTTP + "/get?n=1", {
    success: () => {
      order.push(1);
      c.getAsync(HTTP + "/get?n=2", { success: () => order.push(2) });
      c.execute();
      order.push(3);
    },
  });
  c.execute();
  assert.deepStrictEqual(order, [1, 2, 3]);
});

test("the aliases are the same modules", () => {
  assert.strictEqual(require("http/clientAsync"), clientAsync);
  assert.strictEqual(require("http/client"), require("http/v4/client"));
});
