// Responses are decompressed automatically (gzip, deflate, br), as curl
// does with ACCEPT_ENCODING "".
const assert = require("assert");
const { HTTP, fetch, failure, assertCode } = require("./support.js");

for (const [path, flag] of [["/gzip", "gzipped"], ["/deflate", "deflated"], ["/brotli", "brotli"]]) {
  test(`${path} is decoded`, async () => {
    const d = await fetch(HTTP + path);
    const body = JSON.parse(d.result);
    assert.strictEqual(body[flag], true);
    assert.match(body.headers["accept-encoding"], /gzip/);
  });
}

test("a corrupt encoding is 2300061", async () => {
  const err = await failure(HTTP + "/bad-gzip");
  assertCode(err, 2300061);
  assert.strictEqual(err.message, "Invalid HTTP encoding format");
});
