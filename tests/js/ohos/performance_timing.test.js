// performanceTiming: ten numbers in ms, measured; tcpTiming is 0 when the
// request reused a pooled connection.
const assert = require("assert");
const { HTTP, fetch } = require("./support.js");

const FIELDS = ["dnsTiming", "firstReceiveTiming", "firstSendTiming", "redirectTiming", "responseBodyTiming",
  "responseHeaderTiming", "tcpTiming", "tlsTiming", "totalFinishTiming", "totalTiming"];

test("ten numeric fields, ordered and consistent", async () => {
  const t = (await fetch(HTTP + "/delay/0.05")).performanceTiming;
  assert.deepStrictEqual(Object.keys(t), FIELDS);
  for (const f of FIELDS) assert.strictEqual(typeof t[f], "number", f);
  assert.ok(t.firstReceiveTiming >= 50, `waited for the server: ${t.firstReceiveTiming}`);
  assert.ok(t.firstSendTiming <= t.firstReceiveTiming);
  assert.ok(t.responseHeaderTiming <= t.responseBodyTiming);
  assert.ok(t.totalFinishTiming <= t.totalTiming);
});

test("redirectTiming counts the hops before the last", async () => {
  const t = (await fetch(HTTP + "/redirect/2")).performanceTiming;
  assert.ok(t.redirectTiming > 0);
});

test("a reused connection has tcpTiming 0", async () => {
  // Sequential requests to one origin: the second takes the first's connection.
  await fetch(HTTP + "/get?warm=1");
  const t = (await fetch(HTTP + "/get?warm=2")).performanceTiming;
  assert.strictEqual(t.tcpTiming, 0);
  assert.strictEqual(t.dnsTiming, 0);
});
