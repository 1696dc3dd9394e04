// HttpRequestOptions are read from any object: own data properties, getters
// (own or inherited, as netstack's HasNamedProperty/GetNamedProperty see
// them) and proxies.
const assert = require("assert");
const { http, HTTP, fetch, echo } = require("./support.js");

test("own data properties of a plain object", async () => {
  const e = echo(await fetch(HTTP + "/anything", { method: "PUT", extraData: "plain", header: { "x-kind": "data" } }));
  assert.strictEqual(e.method, "PUT");
  assert.strictEqual(e.data, "plain");
  assert.strictEqual(e.headers["x-kind"], "data");
});

test("own getters on a plain object are called", async () => {
  let calls = 0;
  const options = {
    get method() { calls++; return http.RequestMethod.POST; },
    get extraData() { calls++; return "from a getter"; },
  };
  const e = echo(await fetch(HTTP + "/post", options));
  assert.strictEqual(e.method, "POST");
  assert.strictEqual(e.data, "from a getter");
  assert.strictEqual(calls, 2);
});

test("getters inherited from a class are seen", async () => {
  class Options {
    get method() { return "PATCH"; }
    get extraData() { return "inherited"; }
  }
  const e = echo(await fetch(HTTP + "/anything", new Options()));
  assert.strictEqual(e.method, "PATCH");
  assert.strictEqual(e.data, "inherited");
});

test("a proxy is read through its traps", async () => {
  const seen = [];
  const options = new Proxy({ method: "DELETE", extraData: "proxied" }, {
    get(target, key, receiver) { seen.push(key); return Reflect.get(target, key, receiver); },
  });
  const e = echo(await fetch(HTTP + "/anything", options));
  assert.strictEqual(e.method, "DELETE");
  assert.strictEqual(e.data, "proxied");
  assert.ok(seen.includes("method") && seen.includes("extraData"), `traps saw ${seen}`);
});

test("a getter that throws makes request() throw its exception", () => {
  const options = { get method() { throw new Error("no method for you"); } };
  assert.throws(() => http.createHttp().request(HTTP + "/get", options), /no method for you/);
});
