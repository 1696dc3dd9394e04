// off(type) removes every listener of the type, off(type, cb) that one;
// once(type, cb) fires a single time (header events only).
const assert = require("assert");
const { http, HTTP } = require("./support.js");

test("off(type) removes all", async () => {
  const req = http.createHttp();
  let n = 0;
  req.on("headersReceive", () => n++);
  req.on("headersReceive", () => n++);
  req.off("headersReceive");
  await req.request(HTTP + "/get");
  req.destroy();
  assert.strictEqual(n, 0);
});

test("off(type, cb) removes only cb", async () => {
  const req = http.createHttp();
  const seen = [];
  const a = () => seen.push("a");
  const b = () => seen.push("b");
  req.on("headersReceive", a);
  req.on("headersReceive", b);
  req.off("headersReceive", a);
  await req.request(HTTP + "/get");
  req.destroy();
  assert.deepStrictEqual(seen, ["b"]);
});

test("once fires on the first header block only", async () => {
  const req = http.createHttp();
  let n = 0;
  req.once("headersReceive", () => n++);
  await req.request(HTTP + "/redirect/2");
  await req.request(HTTP + "/get");
  req.destroy();
  assert.strictEqual(n, 1);
});

test("on/off with arguments of the wrong type throw 401", () => {
  const req = http.createHttp();
  assert.throws(() => req.on(1, () => {}), (e) => e.code === "401");
  assert.throws(() => req.on("headersReceive", "nope"), (e) => e.code === "401");
  assert.throws(() => req.off(null), (e) => e.code === "401");
  req.destroy();
});

test("off of an event with no listener is harmless", () => {
  const req = http.createHttp();
  req.off("dataEnd");
  req.off("dataEnd", () => {});
  req.destroy();
});

test("on after off(type) listens again", async () => {
  const req = http.createHttp();
  let n = 0;
  req.on("headersReceive", () => n++);
  req.off("headersReceive");
  req.on("headersReceive", () => n++);
  await req.request(HTTP + "/get");
  req.destroy();
  assert.strictEqual(n, 1);
});

test("listeners leave no enumerable trace on the request", () => {
  const req = http.createHttp();
  req.on("dataReceive", () => {});
  assert.deepStrictEqual(Object.keys(req), []);
  assert.strictEqual(JSON.stringify(req), "{}");
  req.destroy();
});

test("a listener is called with the value only", async () => {
  const req = http.createHttp();
  let args;
  req.on("headersReceive", function (...a) {
    args = a;
  });
  await req.request(HTTP + "/get");
  req.destroy();
  assert.strictEqual(args.length, 1);
  assert.strictEqual(typeof args[0], "object");
});

test("on after off(type, cb), on several requests in a row", async () => {
  // Each round runs the same code again (Boa's inline caches then hit).
  for (let round = 0; round < 3; round++) {
    const req = http.createHttp();
    const seen = [];
    const a = () => seen.push("a");
    req.on("headersReceive", a);
    req.on("headersReceive", () => seen.push("b"));
    req.off("headersReceive", a);
    req.on("headersReceive", () => seen.push("c"));
    await req.request(HTTP + "/get");
    req.destroy();
    assert.deepStrictEqual(seen, ["b", "c"]);
  }
});
