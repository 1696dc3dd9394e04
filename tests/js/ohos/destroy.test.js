// destroy(): idempotent; a transfer in flight ends with 2300023; a request
// after destroy fails with 2300999; no event fires after it.
const assert = require("assert");
const { http, HTTP, BAD, assertCode, promise } = require("./support.js");

test("destroy twice is fine", () => {
  const req = http.createHttp();
  req.destroy();
  req.destroy();
});

test("a transfer in flight ends with 2300023 (promise)", async () => {
  const req = http.createHttp();
  const p = req.request(BAD + "/never");
  setTimeout(() => req.destroy(), 50);
  await assert.rejects(p, (e) => {
    assertCode(e, 2300023);
    assert.strictEqual(e.message, "Failed to write the received data to the disk or application");
    return true;
  });
});

test("destroy right after request() (callback)", async () => {
  const req = http.createHttp();
  const err = await promise((resolve) => {
    req.request(HTTP + "/delay/2", (e) => resolve(e));
    req.destroy();
  });
  assertCode(err, 2300023);
});

test("a stream in flight ends with 2300023 and no dataEnd", async () => {
  const req = http.createHttp();
  let ended = false;
  let chunks = 0;
  req.on("dataEnd", () => { ended = true; });
  req.on("dataReceive", () => {
    chunks++;
    req.destroy();
  });
  await assert.rejects(req.requestInStream(HTTP + "/stream-bytes/10000000"), (e) => e.code === 2300023);
  assert.strictEqual(ended, false);
  assert.strictEqual(chunks, 1);
});

test("a request after destroy fails with 2300999", async () => {
  const req = http.createHttp();
  req.destroy();
  await assert.rejects(req.request(HTTP + "/get"), (e) => {
    assertCode(e, 2300999);
    assert.strictEqual(e.message, "Unknown error");
    return true;
  });
  const err = await promise((resolve) => req.requestInStream(HTTP + "/get", (e) => resolve(e)));
  assertCode(err, 2300999);
});
