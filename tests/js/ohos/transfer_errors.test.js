// Every transfer failure the document lists that can happen here, from a
// real failure, with the document's code and message.
const assert = require("assert");
const { http, HTTP, HTTPS, BAD, env, failure, assertCode } = require("./support.js");

async function expectCode(url, code, message, options) {
  const err = await failure(url, options);
  assertCode(err, code);
  assert.strictEqual(err.message, message);
}

test("2300001 unsupported protocol", () => expectCode("ws://127.0.0.1/", 2300001, "Unsupported protocol"));
test("2300003 bad URL", () => expectCode("http://[::1", 2300003, "Invalid URL format or missing URL"));
test("2300003 empty URL", () => expectCode("", 2300003, "Invalid URL format or missing URL"));
test("2300006 host name", () => expectCode("http://no-such-host.invalid/", 2300006, "Failed to resolve the host name"));
test("2300007 connection refused", () => expectCode("http://127.0.0.1:1/", 2300007, "Failed to connect to the server"));
test("2300008 not HTTP", () => expectCode(BAD + "/garbage", 2300008, "Invalid server response"));
test("2300018 body cut short", () => expectCode(BAD + "/cut-body", 2300018, "Transferred a partial file"));
test("2300052 nothing returned", () => expectCode(BAD + "/empty", 2300052, "The server returned nothing (no header or data)"));
test("2300056 a response head too large to receive", () =>
  expectCode(BAD + "/huge-header", 2300056, "Failed to receive data from the peer"));
test("2300055 the server resets while the body is sent", () =>
  expectCode(BAD + "/reset", 2300055, "Failed to send data to the peer", { method: "POST", extraData: "x".repeat(8 * 1024 * 1024) }));
test("2300008 a broken chunked body", () => expectCode(BAD + "/bad-chunked", 2300008, "Invalid server response"));
test("2300008 an answer without a status line", () => expectCode(BAD + "/http09", 2300008, "Invalid server response"));
test("2300060 self-signed", () => expectCode(env.TESTSERVER_SELF_SIGNED + "/get", 2300060, "Invalid SSL peer certificate or SSH remote key"));
test("2300060 expired", () => expectCode(env.TESTSERVER_EXPIRED + "/get", 2300060, "Invalid SSL peer certificate or SSH remote key"));

test("errors are plain {code, message} objects", async () => {
  const err = await failure(HTTP.replace(/:\d+$/, ":1") + "/");
  assert.deepStrictEqual(Object.keys(err), ["code", "message"]);
  assert.strictEqual(JSON.stringify(err), '{"code":2300007,"message":"Failed to connect to the server"}');
});

test("2300016 HTTP/2 framing error (TLS negotiated h2, then HTTP/1.1 text)", () =>
  expectCode(env.TESTSERVER_BAD_H2 + "/get", 2300016, "Error in the HTTP2 framing layer", {
    usingProtocol: http.HttpProtocol.HTTP2,
  }));
