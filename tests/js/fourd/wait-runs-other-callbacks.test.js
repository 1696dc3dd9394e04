// While wait() blocks, other requests' callbacks and timers run.
const assert = require("assert");
const { HTTPRequest, env } = require("./_support.js");

test("wait() on a slow request runs a fast request's callbacks and a timer", () => {
  const order = [];
  setTimeout(() => order.push("timer"), 10);
  HTTPRequest.new(env.TESTSERVER_HTTP + "/get", {
    onResponse() { order.push("fast response"); },
    onTerminate() { order.push("fast terminate"); },
  });
  const slow = HTTPRequest.new(env.TESTSERVER_HTTP + "/delay/0.3", {
    onTerminate() { order.push("slow terminate"); },
  });
  slow.wait();
  assert.strictEqual(order[order.length - 1], "slow terminate");
  assert.ok(order.includes("timer"));
  assert.ok(order.indexOf("fast response") < order.indexOf("fast terminate"));
  assert.ok(order.indexOf("fast terminate") < order.indexOf("slow terminate"));
  assert.strictEqual(slow.terminated, true);
});

test("wait() on a request already done returns at once", () => {
  const r = HTTPRequest.new(env.TESTSERVER_HTTP + "/get").wait();
  assert.strictEqual(r.wait(), r);
  assert.strictEqual(r.wait(0), r);
});
