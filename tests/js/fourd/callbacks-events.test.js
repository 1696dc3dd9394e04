// Every callback gets (request, event); event.data is set only in onData.
const assert = require("assert");
const { HTTPRequest, env, bytesOf } = require("./_support.js");

test("event.type names the callback; event.data is the chunk in onData only", () => {
  const events = [];
  const record = (req, event) => events.push({ type: event.type, data: event.data });
  const request = HTTPRequest.new(env.TESTSERVER_HTTP + "/range/26", {
    onHeaders: record,
    onData: record,
    onResponse: record,
    onTerminate: record,
  });
  request.wait();
  const types = events.map((e) => e.type);
  assert.strictEqual(types[0], "headers");
  assert.deepStrictEqual(types.slice(-2), ["response", "terminate"]);
  for (const e of events) {
    if (e.type === "data") assert.ok(e.data instanceof ArrayBuffer);
    else assert.strictEqual(e.data, undefined);
  }
  const all = events.filter((e) => e.type === "data").flatMap((e) => bytesOf(e.data));
  assert.strictEqual(String.fromCharCode(...all), "abcdefghijklmnopqrstuvwxyz");
});

test("plain functions get this = the options object", () => {
  let self = null;
  const options = { onTerminate() { self = this; } };
  HTTPRequest.new(env.TESTSERVER_HTTP + "/get", options).wait();
  assert.strictEqual(self, options);
});
