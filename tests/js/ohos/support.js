// Helpers shared by the @ohos.net.http fixtures (required, not a test file).
const assert = require("assert");
const http = require("@ohos.net.http");

const env = process.env;
const HTTP = env.TESTSERVER_HTTP;
const HTTPS = env.TESTSERVER_HTTPS;
const BAD = env.TESTSERVER_BAD;

// One request on a fresh HttpRequest, promise form; the request is destroyed after.
function fetch(url, options) {
  const req = http.createHttp();
  const p = options === undefined ? req.request(url) : req.request(url, options);
  return p.then(
    (data) => { req.destroy(); return data; },
    (err) => { req.destroy(); throw err; },
  );
}

// The error a request fails with (the promise must reject).
async function failure(url, options) {
  try {
    const data = await fetch(url, options);
    assert.fail(`expected a failure, got HTTP ${data.responseCode}`);
  } catch (err) {
    if (err && err.code === "ERR_ASSERTION") throw err;
    return err;
  }
}

// Asserts a BusinessError {code, message} with this code.
function assertCode(err, code) {
  assert.ok(err !== undefined && err !== null, "expected an error");
  assert.strictEqual(err.code, code, `expected ${code}, got ${JSON.stringify(err)}`);
  assert.strictEqual(typeof err.message, "string");
}

// The test server's echo of the request (the JSON of /anything, /get, /post …).
function echo(data) {
  assert.strictEqual(typeof data.result, "string", "the echo is a string result");
  return JSON.parse(data.result);
}

// Calls fn(resolve) and returns the promise (for callback-style APIs).
function promise(fn) {
  return new Promise((resolve, reject) => fn(resolve, reject));
}

module.exports = { http, HTTP, HTTPS, BAD, env, fetch, failure, assertCode, echo, promise };
