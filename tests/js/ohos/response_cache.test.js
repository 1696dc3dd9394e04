// createHttpResponseCache: once on, fresh responses are served without a
// connection (tcpTiming 0), stale ones are revalidated with their ETag,
// no-store is never kept, usingCache: false bypasses; flush and delete work
// in both forms.
const assert = require("assert");
const { http, HTTP, fetch, promise } = require("./support.js");

const served = (d) => Number(d.header["x-served-count"]);
const unique = () => `${Date.now()}-${Math.random().toString(16).slice(2)}`;

test("before createHttpResponseCache nothing is cached", async () => {
  const url = `${HTTP}/cache/60?t=${unique()}`;
  const a = await fetch(url);
  const b = await fetch(url);
  assert.notStrictEqual(served(a), served(b));
});

test("a fresh response is served from the cache, without a connection", async () => {
  http.createHttpResponseCache();
  const url = `${HTTP}/cache/60?t=${unique()}`;
  const a = await fetch(url);
  const b = await fetch(url);
  assert.strictEqual(b.responseCode, 200);
  assert.strictEqual(served(b), served(a), "the second answer is the stored one");
  assert.strictEqual(b.result, a.result);
  assert.strictEqual(b.performanceTiming.tcpTiming, 0);
  assert.strictEqual(b.performanceTiming.dnsTiming, 0);
});

test("usingCache: false goes to the server", async () => {
  http.createHttpResponseCache();
  const url = `${HTTP}/cache/60?t=${unique()}`;
  const a = await fetch(url);
  const b = await fetch(url, { usingCache: false });
  assert.notStrictEqual(served(b), served(a));
});

test("no-store is never kept", async () => {
  http.createHttpResponseCache();
  const url = `${HTTP}/response-headers?Cache-Control=no-store&t=${unique()}`;
  const a = await fetch(url);
  const b = await fetch(url);
  assert.notStrictEqual(served(b), served(a));
});

test("a stale response with an ETag is revalidated (304 → the stored body)", async () => {
  http.createHttpResponseCache();
  const url = `${HTTP}/response-headers?ETag=%22v1%22&Cache-Control=no-cache&t=${unique()}`;
  const a = await fetch(url);
  const b = await fetch(url);
  assert.strictEqual(b.responseCode, 200);
  assert.strictEqual(b.result, a.result);
  assert.ok(served(b) > served(a), "the server was asked");
});

test("requestInStream is answered from the cache too", async () => {
  http.createHttpResponseCache();
  const url = `${HTTP}/cache/60?t=${unique()}`;
  await fetch(url);
  const req = http.createHttp();
  let bytes = 0;
  req.on("dataReceive", (b) => { bytes += b.byteLength; });
  assert.strictEqual(await req.requestInStream(url), 200);
  req.destroy();
  assert.ok(bytes > 0);
});

test("flush and delete, promise and callback forms", async () => {
  const cache = http.createHttpResponseCache(1024 * 1024);
  assert.strictEqual(await cache.flush(), undefined);
  const [err] = await promise((resolve) => cache.flush((e, v) => resolve([e, v])));
  assert.strictEqual(err, undefined);
  assert.strictEqual(await cache.delete(), undefined);
  const [err2] = await promise((resolve) => cache.delete((e) => resolve([e])));
  assert.strictEqual(err2, undefined);
});

test("after delete nothing is cached until a new cache is created", async () => {
  const cache = http.createHttpResponseCache();
  await cache.delete();
  const url = `${HTTP}/cache/60?t=${unique()}`;
  const a = await fetch(url);
  const b = await fetch(url);
  assert.notStrictEqual(served(b), served(a));
  http.createHttpResponseCache();
  const c = await fetch(url);
  const d = await fetch(url);
  assert.strictEqual(served(d), served(c));
  await http.createHttpResponseCache().delete();
});
