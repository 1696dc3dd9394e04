// socketTimeout (ms without a byte) and connectTimeout (ms to connect) end
// a request with an error; 0 means none.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;
const BAD = process.env.TESTSERVER_BAD;

test("socketTimeout ends a server that never answers", () => {
  assert.throws(() => client.get(BAD + "/never", { socketTimeout: 200 }), (e) =>
    !(e instanceof TypeError) && /timed out/.test(e.message) && e.message.indexOf(BAD + "/never") >= 0);
});

test("socketTimeout is idle time: a slow but steady body completes", () => {
  const r = client.get(BAD + "/slow-body?delay_ms=50&size=6", { socketTimeout: 2000, binary: true });
  assert.strictEqual(r.statusCode, 200);
  assert.strictEqual(r.data.length, 6);
});

test("socketTimeout applies to a slow answer from a normal server", () => {
  assert.throws(() => client.get(HTTP + "/delay/3", { socketTimeout: 200 }), /timed out/);
});

test("connectTimeout 0 and negative mean no limit", () => {
  assert.strictEqual(client.get(HTTP + "/get", { connectTimeout: 0, socketTimeout: -1 }).statusCode, 200);
});

test("connectTimeout ends a connection that never gets set up", () => {
  // The misbehaving server accepts TCP but never answers a TLS handshake,
  // which is part of setting up a connection.
  const url = BAD.replace("http:", "https:") + "/never";
  assert.throws(() => client.get(url, { connectTimeout: 300 }), (e) =>
    !(e instanceof TypeError) && /connect timeout/.test(e.message) && e.message.indexOf(url) >= 0);
});

test("timeouts must be numbers", () => {
  for (const name of ["connectTimeout", "socketTimeout", "connectionRequestTimeout"]) {
    assert.throws(() => client.get(HTTP + "/get", { [name]: "100" }), (e) =>
      e instanceof TypeError && e.message.indexOf("HttpOptions." + name) >= 0);
  }
});
