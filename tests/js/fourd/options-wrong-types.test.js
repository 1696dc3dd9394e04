// An option of the wrong type or value never throws: the request ends with
// onHeaders, onError (errCode 43) and onTerminate, and sends nothing.
const assert = require("assert");
const { HTTPRequest, run, env, codes } = require("./_support.js");

const url = env.TESTSERVER_HTTP + "/get";

const cases = {
  method: [42, "", "GE T"],
  headers: ["x: y", 5, [["x", "y"]], { x: { nested: true } }],
  body: [Symbol("s"), function () {}],
  dataType: ["json", 3],
  encoding: [7],
  protocol: ["HTTP3", true],
  minTLSVersion: ["SSLv3", 1.2],
  timeout: ["5", -1, NaN, Infinity],
  automaticRedirections: ["yes", 1],
  decodeData: ["true"],
  returnResponseBody: [0],
  validateTLSCertificate: ["false"],
  serverAuthentication: ["user:pass", { name: "u", password: "p", method: "ntlm" }, { name: 5 }],
  proxyAuthentication: [12],
  certificatesFolder: [12],
};

for (const [name, values] of Object.entries(cases)) {
  test("wrong " + name, async () => {
    for (const value of values) {
      const { request, calls } = await run(url, { onHeaders() {}, [name]: value });
      assert.deepStrictEqual(codes(request), [43], name + " = " + String(value));
      assert.strictEqual(calls[calls.length - 1], "onTerminate:terminate");
      assert.ok(calls.includes("onError:error"));
      assert.ok(!calls.includes("onResponse:response"));
      assert.strictEqual(request.errors[0].componentSignature, "HTCL");
      assert.ok(calls.includes("onHeaders:headers"));
      assert.match(request.errors[0].message, new RegExp(name));
    }
  });
}

test("a wrong timeout is named by its value", async () => {
  for (const [value, text] of [[-1, "-1"], [NaN, "NaN"], [Infinity, "Infinity"], ["5", "string"]]) {
    const { request } = await run(url, { timeout: value });
    assert.strictEqual(request.errors[0].message,
      "option timeout must be a finite number of seconds, 0 or more, not " + text);
  }
});

test("a callback that is not a function", () => {
  const calls = [];
  const r = HTTPRequest.new(url, {
    onResponse: "not a function",
    onError(req, event) { calls.push(event.type); },
    onTerminate(req, event) { calls.push(event.type); },
  });
  r.wait();
  assert.deepStrictEqual(calls, ["error", "terminate"]);
  assert.deepStrictEqual(codes(r), [43]);
  assert.match(r.errors[0].message, /onResponse/);
});

test("options that are not an object", async () => {
  for (const options of ["GET", 5, true]) {
    const r = HTTPRequest.new(url, options);
    assert.deepStrictEqual(codes(r), [43]);
    r.wait();
    assert.strictEqual(r.terminated, true);
  }
});

test("null and undefined options are no options", () => {
  for (const options of [null, undefined]) {
    const r = HTTPRequest.new(url, options).wait();
    assert.strictEqual(r.response.status, 200);
  }
});

test("an option set to undefined or null takes its default", async () => {
  const { request } = await run(url, { method: undefined, headers: null, timeout: undefined, body: null });
  assert.strictEqual(request.errors, undefined);
  assert.strictEqual(request.method, "GET");
  assert.strictEqual(request.response.status, 200);
});
