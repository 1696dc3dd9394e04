// Redirects are followed (relative Location too), at most 30 by default or
// maxRedirects; one more is 2300047.
const assert = require("assert");
const { http, HTTP, fetch, failure, assertCode, echo } = require("./support.js");

test("followed to the end, relative locations included", async () => {
  const d = await fetch(HTTP + "/relative-redirect/3");
  assert.strictEqual(d.responseCode, 200);
  assert.strictEqual(echo(d).path, "/get");
});

test("30 redirects are followed, the 31st is an error", async () => {
  assert.strictEqual((await fetch(HTTP + "/redirect/30")).responseCode, 200);
  const err = await failure(HTTP + "/redirect/31");
  assertCode(err, 2300047);
  assert.strictEqual(err.message, "The number of redirections reaches the maximum allowed");
});

test("maxRedirects lowers the limit", async () => {
  assert.strictEqual((await fetch(HTTP + "/redirect/2", { maxRedirects: 2 })).responseCode, 200);
  assertCode(await failure(HTTP + "/redirect/3", { maxRedirects: 2 }), 2300047);
});

test("a redirect loop ends with 2300047", async () => {
  assertCode(await failure(HTTP + "/redirect-loop"), 2300047);
});

test("a POST answered with 302 continues as GET without the body", async () => {
  const e = echo(await fetch(HTTP + "/redirect-to?url=/anything&status_code=302", {
    method: http.RequestMethod.POST, extraData: "x",
  }));
  assert.strictEqual(e.method, "GET");
  assert.strictEqual(e.bodyLength, 0);
});
