// response.body follows dataType; "auto" goes by the MIME type: object for
// JSON, text for text-like types, a blob (ArrayBuffer) otherwise.
const assert = require("assert");
const { run, env, bytesOf } = require("./_support.js");

const body = (path, dataType) =>
  run(env.TESTSERVER_HTTP + path, dataType ? { dataType } : {}).then(({ request }) => request.response.body);

test("auto: JSON is parsed", async () => {
  const b = await body("/json");
  assert.strictEqual(typeof b, "object");
  assert.ok(b.slideshow);
});

test("auto: HTML, XML and text are text", async () => {
  assert.match(await body("/html"), /<html/i);
  assert.match(await body("/xml"), /<\?xml/);
  assert.strictEqual(await body("/response-headers?Content-Type=text/plain&x=1"), await body("/response-headers?Content-Type=text/plain&x=1"));
  assert.strictEqual(typeof (await body("/robots.txt")), "string");
});

test("auto: images and octet streams are blobs", async () => {
  const png = await body("/image/png");
  assert.ok(png instanceof ArrayBuffer);
  assert.deepStrictEqual(bytesOf(png).slice(0, 4), [0x89, 0x50, 0x4e, 0x47]);
  const bin = await body("/bytes/100");
  assert.ok(bin instanceof ArrayBuffer);
  assert.strictEqual(bin.byteLength, 100);
});

test("text: JSON stays text", async () => {
  const t = await body("/json", "text");
  assert.strictEqual(typeof t, "string");
  assert.ok(JSON.parse(t).slideshow);
});

test("blob: anything as an ArrayBuffer", async () => {
  const b = await body("/json", "blob");
  assert.ok(b instanceof ArrayBuffer);
  assert.strictEqual(b.byteLength > 10, true);
});

test("object: JSON parsed whatever the type; not JSON falls back to text", async () => {
  const o = await body("/base64/eyJhIjoxfQ==?ct=text/plain", "object");
  assert.deepStrictEqual(o, { a: 1 });
  const t = await body("/html", "object");
  assert.strictEqual(typeof t, "string");
});

test("text is decoded with the response charset", async () => {
  const t = await body("/charset/windows-1251?text=" + encodeURIComponent("привет"), "text");
  assert.strictEqual(t, "привет");
});

test("an empty body", async () => {
  assert.strictEqual(await body("/status/204", "text"), "");
  const b = await body("/status/204", "blob");
  assert.strictEqual(b.byteLength, 0);
});
