// resumeFrom/resumeTo send a Range (1..4 GiB each, from < to); out of range
// or from >= to, no Range is sent.
const assert = require("assert");
const { HTTP, fetch, echo } = require("./support.js");

const range = async (opts) => echo(await fetch(HTTP + "/anything", opts)).headers.range;

test("from and to", async () => {
  assert.strictEqual(await range({ resumeFrom: 10, resumeTo: 20 }), "bytes=10-20");
});

test("from only, to only", async () => {
  assert.strictEqual(await range({ resumeFrom: 5 }), "bytes=5-");
  assert.strictEqual(await range({ resumeTo: 7 }), "bytes=-7");
});

test("out of range or from >= to: no Range", async () => {
  assert.strictEqual(await range({ resumeFrom: 0 }), undefined);
  assert.strictEqual(await range({ resumeFrom: 4294967297 }), undefined);
  assert.strictEqual(await range({ resumeFrom: 9999, resumeTo: 333 }), undefined);
  assert.strictEqual(await range({ resumeFrom: 5, resumeTo: 5 }), undefined);
  assert.strictEqual(await range({ resumeTo: -3 }), undefined);
});

test("the server answers 206 with the part", async () => {
  const d = await fetch(HTTP + "/range/26", { resumeFrom: 2, resumeTo: 4 });
  assert.strictEqual(d.responseCode, 206);
  assert.strictEqual(String.fromCharCode(...new Uint8Array(d.result)), "cde");
});
