// The enums of the document, with netstack's values.
const assert = require("assert");
const { http } = require("@kit.NetworkKit");

test("RequestMethod values are the method names", () => {
  for (const m of ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT"]) {
    assert.strictEqual(http.RequestMethod[m], m);
  }
});

test("ResponseCode has the document's codes", () => {
  const codes = {
    OK: 200, CREATED: 201, ACCEPTED: 202, NOT_AUTHORITATIVE: 203, NO_CONTENT: 204, RESET: 205,
    PARTIAL: 206, MULT_CHOICE: 300, MOVED_PERM: 301, MOVED_TEMP: 302, SEE_OTHER: 303,
    NOT_MODIFIED: 304, USE_PROXY: 305, BAD_REQUEST: 400, UNAUTHORIZED: 401, PAYMENT_REQUIRED: 402,
    FORBIDDEN: 403, NOT_FOUND: 404, BAD_METHOD: 405, NOT_ACCEPTABLE: 406, PROXY_AUTH: 407,
    CLIENT_TIMEOUT: 408, CONFLICT: 409, GONE: 410, LENGTH_REQUIRED: 411, PRECON_FAILED: 412,
    ENTITY_TOO_LARGE: 413, REQ_TOO_LONG: 414, UNSUPPORTED_TYPE: 415, RANGE_NOT_SATISFIABLE: 416,
    INTERNAL_ERROR: 500, NOT_IMPLEMENTED: 501, BAD_GATEWAY: 502, UNAVAILABLE: 503,
    GATEWAY_TIMEOUT: 504, VERSION: 505,
  };
  assert.deepStrictEqual({ ...http.ResponseCode }, codes);
});

test("HttpDataType, HttpProtocol and CertType", () => {
  assert.deepStrictEqual({ ...http.HttpDataType }, { STRING: 0, OBJECT: 1, ARRAY_BUFFER: 2 });
  assert.deepStrictEqual({ ...http.HttpProtocol }, { HTTP1_1: 0, HTTP2: 1, HTTP3: 2 });
  assert.deepStrictEqual({ ...http.CertType }, { PEM: "PEM", DER: "DER", P12: "P12" });
});

test("the newer enums: TlsVersion and AddressFamily", () => {
  assert.deepStrictEqual(Object.keys(http.TlsVersion), ["TLS_V_1_0", "TLS_V_1_1", "TLS_V_1_2", "TLS_V_1_3"]);
  assert.deepStrictEqual({ ...http.AddressFamily }, { DEFAULT: "DEFAULT", ONLY_V4: "ONLY_V4", ONLY_V6: "ONLY_V6" });
});

test("the enums cannot be changed", () => {
  assert.ok(Object.isFrozen(http.RequestMethod));
  assert.ok(Object.isFrozen(http.ResponseCode));
});
