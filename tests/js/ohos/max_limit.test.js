// maxLimit: 5 MiB by default, at most 100 MiB; a larger body fails with
// 2300023 without being buffered.
const assert = require("assert");
const { HTTP, fetch, failure, assertCode } = require("./support.js");

const MiB = 1024 * 1024;

test("5 MiB pass by default, one byte more fails", async () => {
  assert.strictEqual((await fetch(HTTP + "/bytes/" + 5 * MiB)).result.byteLength, 5 * MiB);
  assertCode(await failure(HTTP + "/bytes/" + (5 * MiB + 1)), 2300023);
});

test("a smaller maxLimit", async () => {
  assert.strictEqual((await fetch(HTTP + "/bytes/100", { maxLimit: 100 })).result.byteLength, 100);
  assertCode(await failure(HTTP + "/bytes/101", { maxLimit: 100 }), 2300023);
});

test("a chunked body without length is stopped too", async () => {
  assertCode(await failure(HTTP + "/stream-bytes/5000", { maxLimit: 1000 }), 2300023);
});

test("maxLimit above 100 MiB is clamped to 100 MiB", async () => {
  assertCode(await failure(HTTP + "/bytes/" + (100 * MiB + 1), { maxLimit: 4000 * MiB }), 2300023);
});
