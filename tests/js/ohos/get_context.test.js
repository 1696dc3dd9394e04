// getContext(this).filesDir: a per-script folder that exists and is writable
// (the document's multipart example puts its file there).
const assert = require("assert");
const { http, HTTP, fetch, echo } = require("./support.js");

test("getContext is a global and returns the same context", () => {
  assert.strictEqual(typeof getContext, "function");
  assert.strictEqual(getContext(this), getContext());
});

test("filesDir, cacheDir and tempDir are absolute paths", () => {
  const ctx = getContext(this);
  for (const k of ["filesDir", "cacheDir", "tempDir"]) {
    assert.strictEqual(typeof ctx[k], "string", k);
    assert.ok(ctx[k].startsWith("/"), ctx[k]);
  }
  assert.ok(ctx.filesDir.endsWith("/files"));
});

test("a file in filesDir can be uploaded as a multipart part", async () => {
  // The folder exists: a part naming a file there that does not exist is
  // 2300026, which shows the path was tried rather than the folder missing.
  const path = `${getContext(this).filesDir}/missing-${Date.now()}.txt`;
  const req = http.createHttp();
  await assert.rejects(req.request(HTTP + "/post", {
    method: http.RequestMethod.POST,
    header: { "content-type": "multipart/form-data" },
    multiFormDataList: [{ name: "f", contentType: "text/plain", filePath: path }],
  }), (e) => e.code === 2300026);
  req.destroy();
  assert.ok(echo(await fetch(HTTP + "/get")));
});
