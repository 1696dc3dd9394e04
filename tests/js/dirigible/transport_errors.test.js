// A request that gets no response throws an Error (not a TypeError) whose
// message names the method, the URL and what failed.
const assert = require("assert");
const client = require("http/v4/client");
const BAD = process.env.TESTSERVER_BAD;

function failsWith(url, pattern) {
  let err;
  try {
    client.get(url);
  } catch (e) {
    err = e;
  }
  assert.ok(err, url + " should fail");
  assert.ok(err instanceof Error && !(err instanceof TypeError), String(err));
  assert.ok(err.message.indexOf("GET " + url) === 0, err.message);
  assert.match(err.message, pattern);
}

test("connection refused", () => failsWith("http://127.0.0.1:1/x", /could not connect/));
test("a server that closes without a byte", () => failsWith(BAD + "/empty", /empty reply|connection closed|failed to receive/));
test("a server that sends garbage", () => failsWith(BAD + "/garbage", /invalid server response|failed to receive/));
test("a body cut short", () => failsWith(BAD + "/cut-body", /cut short|failed to receive/));
test("a broken chunked body", () => failsWith(BAD + "/bad-chunked", /.+/));
test("an unknown host", () => failsWith("http://no-such-host.invalid/", /could not resolve host/));
test("a URL that does not parse", () => failsWith("http://[broken/", /invalid URL/));
test("a scheme other than http(s)", () => failsWith("ftp://127.0.0.1/file", /unsupported protocol/));
test("an empty URL", () => failsWith("", /invalid URL/));

test("a body larger than 512 MiB fails before it is read", () => {
  failsWith(process.env.TESTSERVER_HTTP + "/bytes/600000000", /response too large/);
});

test("a URL that is not a string is a TypeError", () => {
  assert.throws(() => client.get(42), (e) => e instanceof TypeError && /url must be a string/.test(e.message));
  assert.throws(() => client.get(), (e) => e instanceof TypeError && /url/.test(e.message));
});
