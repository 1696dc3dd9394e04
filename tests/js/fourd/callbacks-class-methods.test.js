// The document's way: an options class whose methods are the callbacks.
const assert = require("assert");
const { HTTPRequest, env } = require("./_support.js");

class MyHttpRequestOptions {
  constructor(method, headers, body) {
    this.method = method;
    this.headers = headers;
    this.body = body;
    this.seen = [];
  }
  onResponse(request, event) { this.seen.push(["response", event.type, request.response.status, this]); }
  onError(request, event) { this.seen.push(["error", event.type]); }
  onTerminate(request, event) { this.seen.push(["terminate", event.type, request]); }
}

test("methods of a class instance are called with this = the options object", () => {
  const options = new MyHttpRequestOptions("GET", { field1: "value1" }, "");
  const request = HTTPRequest.new(env.TESTSERVER_HTTP + "/headers", options);
  request.wait();
  assert.strictEqual(options.seen.length, 2);
  const [response, terminate] = options.seen;
  assert.deepStrictEqual(response.slice(0, 3), ["response", "response", 200]);
  assert.strictEqual(response[3], options);
  assert.deepStrictEqual(terminate.slice(0, 2), ["terminate", "terminate"]);
  assert.strictEqual(terminate[2], request, "the first argument is the request");
  assert.strictEqual(request.response.body.headers.field1, "value1");
});

test("an inherited callback and a shadowed one", () => {
  class Base { onResponse() { this.who = "base"; } }
  class Derived extends Base { constructor() { super(); this.method = "GET"; } onTerminate() { this.done = true; } }
  const options = new Derived();
  options.onResponse = function () { this.who = "own"; };
  HTTPRequest.new(env.TESTSERVER_HTTP + "/get", options).wait();
  assert.strictEqual(options.who, "own");
  assert.strictEqual(options.done, true);
});
