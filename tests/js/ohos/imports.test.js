// Every specifier the module family answers to, through require().
const assert = require("assert");

test("@ohos.net.http exports createHttp and the enums", () => {
  const http = require("@ohos.net.http");
  assert.strictEqual(typeof http.createHttp, "function");
  assert.strictEqual(typeof http.createHttpResponseCache, "function");
  assert.strictEqual(http.RequestMethod.GET, "GET");
});

test("@kit.NetworkKit exports http (the same module) and connection", () => {
  const kit = require("@kit.NetworkKit");
  assert.strictEqual(kit.http, require("@ohos.net.http"));
  assert.strictEqual(kit.connection, require("@ohos.net.connection"));
});

test("@kit.BasicServicesKit and @ohos.base export BusinessError", () => {
  const { BusinessError } = require("@kit.BasicServicesKit");
  assert.strictEqual(BusinessError, require("@ohos.base").BusinessError);
  const e = new BusinessError(2300006, "Failed to resolve the host name");
  assert.ok(e instanceof Error);
  assert.strictEqual(e.code, 2300006);
  assert.strictEqual(e.message, "Failed to resolve the host name");
});

test("@kit.ArkTS exports JSON with parse, stringify, has and remove", () => {
  const { JSON: ArkJSON } = require("@kit.ArkTS");
  const o = ArkJSON.parse('{"a":1,"b":2}');
  assert.strictEqual(ArkJSON.stringify(o), '{"a":1,"b":2}');
  assert.strictEqual(ArkJSON.has(o, "a"), true);
  ArkJSON.remove(o, "a");
  assert.strictEqual(ArkJSON.has(o, "a"), false);
});

test("createHttp returns a new HttpRequest each time", () => {
  const { http } = require("@kit.NetworkKit");
  const a = http.createHttp();
  const b = http.createHttp();
  assert.notStrictEqual(a, b);
  assert.ok(a instanceof http.HttpRequest);
  for (const m of ["request", "requestInStream", "on", "off", "once", "destroy"]) {
    assert.strictEqual(typeof a[m], "function", m);
  }
  a.destroy();
  b.destroy();
});
