// Text-like answers (text/*, anything with json, xml types) fill `text`,
// decoded with their charset; others fill `data` with a Uint8Array;
// options.binary puts every body in `data`.
const assert = require("assert");
const client = require("http/v4/client");
const HTTP = process.env.TESTSERVER_HTTP;

function ct(type) {
  return HTTP + "/response-headers?Content-Type=" + encodeURIComponent(type);
}

test("text-like types give text", () => {
  for (const type of ["text/plain", "text/html; charset=utf-8", "text/csv", "application/json",
    "application/problem+json", "application/xml", "application/atom+xml", "application/xhtml+xml"]) {
    const r = client.get(ct(type));
    assert.strictEqual(r.binary, false, type);
    assert.strictEqual(typeof r.text, "string", type);
    assert.strictEqual(r.data, undefined, type);
  }
});

test("other types give data as a Uint8Array", () => {
  const r = client.get(HTTP + "/image/png");
  assert.strictEqual(r.binary, true);
  assert.strictEqual(r.text, undefined);
  assert.ok(r.data instanceof Uint8Array);
  assert.deepStrictEqual(Array.from(r.data.slice(0, 4)), [0x89, 0x50, 0x4e, 0x47]);
});

test("an answer without Content-Type is data", () => {
  const r = client.get(HTTP + "/bytes/16");
  assert.strictEqual(r.binary, true);
  assert.strictEqual(r.data.length, 16);
});

test("binary: true puts a JSON answer in data", () => {
  const r = client.get(HTTP + "/json", { binary: true });
  assert.strictEqual(r.binary, true);
  assert.strictEqual(r.text, undefined);
  const text = new TextDecoder().decode(r.data);
  assert.ok(JSON.parse(text));
});

test("text is decoded with the charset of the answer", () => {
  const r = client.get(HTTP + "/charset/windows-1251?text=" + encodeURIComponent("привет"));
  assert.strictEqual(r.text, "привет");
  const l = client.get(HTTP + "/charset/iso-8859-1?text=" + encodeURIComponent("café"));
  assert.strictEqual(l.text, "café");
});

test("without a charset, characterEncoding decodes the text", () => {
  // 0xE9 is é in windows-1252 and not valid UTF-8.
  const url = HTTP + "/base64/" + "Y2Fm6Q==" + "?ct=text/plain";
  assert.strictEqual(client.get(url).text, "caf\uFFFD");
  assert.strictEqual(client.get(url, { characterEncoding: "windows-1252" }).text, "café");
});

test("binary must be a boolean", () => {
  assert.throws(() => client.get(HTTP + "/get", { binary: 1 }), (e) =>
    e instanceof TypeError && /HttpOptions\.binary/.test(e.message));
});
