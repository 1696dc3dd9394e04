// execute() sends every queued request at once: a quick request queued
// after a slow one completes first.
const assert = require("assert");
const clientAsync = require("http/v4/clientAsync");
const HTTP = process.env.TESTSERVER_HTTP;

test("requests run at the same time, callbacks in completion order", () => {
  const c = clientAsync.getInstance();
  const order = [];
  c.getAsync(HTTP + "/delay/1", { success: () => order.push("slow") });
  c.getAsync(HTTP + "/get", { success: () => order.push("quick") });
  c.execute();
  assert.deepStrictEqual(order, ["quick", "slow"]);
});

test("timers keep running while execute() waits", () => {
  const c = clientAsync.getInstance();
  const order = [];
  setTimeout(() => order.push("timer"), 10);
  c.getAsync(HTTP + "/delay/0.5", { success: () => order.push("response") });
  c.execute();
  assert.deepStrictEqual(order, ["timer", "response"]);
});
