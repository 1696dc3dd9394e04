// TextDecoder / TextEncoder as the WHATWG Encoding standard (and node) has them.
const assert = require("assert");

const bytes = (...b) => new Uint8Array(b);

test("stream: a character split across chunks is kept for the next call", () => {
  const d = new TextDecoder();
  const euro = bytes(0xe2, 0x82, 0xac);
  let text = d.decode(euro.subarray(0, 1), { stream: true });
  text += d.decode(euro.subarray(1, 2), { stream: true });
  text += d.decode(euro.subarray(2), { stream: true });
  text += d.decode();
  assert.strictEqual(text, "€");
  // A stream cut short ends with U+FFFD, and the decoder starts afresh.
  assert.strictEqual(d.decode(euro.subarray(0, 2), { stream: true }) + d.decode(), "\ufffd");
  assert.strictEqual(d.decode(bytes(0x41)), "A");
});

test("fatal: malformed input is a TypeError", () => {
  const d = new TextDecoder("utf-8", { fatal: true });
  assert.strictEqual(d.fatal, true);
  assert.throws(() => d.decode(bytes(0xff)), TypeError);
  assert.throws(() => d.decode(bytes(0xe2, 0x82)), TypeError); // cut short at the end
  assert.strictEqual(d.decode(bytes(0xe2, 0x82, 0xac)), "€");
  assert.strictEqual(new TextDecoder().decode(bytes(0x61, 0xff, 0x62)), "a\ufffdb");
});

test("every WHATWG label, and the encoding's name", () => {
  assert.strictEqual(new TextDecoder().encoding, "utf-8");
  assert.strictEqual(new TextDecoder("latin1").encoding, "windows-1252");
  // The standard's (and browsers', deno's) windows-1252: node 20 decodes 0x80 as U+0080.
  assert.strictEqual(new TextDecoder("latin1").decode(bytes(0xe9, 0x80)), "é€");
  assert.strictEqual(new TextDecoder(" Shift_JIS ").decode(bytes(0x82, 0xa0)), "あ");
  assert.strictEqual(new TextDecoder("gbk").decode(bytes(0xc4, 0xe3)), "你");
  assert.strictEqual(new TextDecoder("utf-16le").decode(bytes(0x41, 0, 0x3d, 0xd8, 0x00, 0xde)), "A😀");
  assert.strictEqual(new TextDecoder("utf-16be").decode(bytes(0, 0x41)), "A");
  assert.throws(() => new TextDecoder("nope"), RangeError);
  assert.throws(() => new TextDecoder("replacement"), RangeError);
});

test("the BOM is dropped unless ignoreBOM", () => {
  const withBom = bytes(0xef, 0xbb, 0xbf, 0x41);
  assert.strictEqual(new TextDecoder().decode(withBom), "A");
  const keep = new TextDecoder("utf-8", { ignoreBOM: true });
  assert.strictEqual(keep.ignoreBOM, true);
  assert.strictEqual(keep.decode(withBom), "\ufeffA");
});

test("ArrayBuffer, typed arrays and DataView are all read at their window", () => {
  const buf = bytes(0x78, 0x68, 0x69, 0x78).buffer;
  const d = new TextDecoder();
  assert.strictEqual(d.decode(buf), "xhix");
  assert.strictEqual(d.decode(new Uint8Array(buf, 1, 2)), "hi");
  assert.strictEqual(d.decode(new DataView(buf, 1, 2)), "hi");
  assert.strictEqual(d.decode(), "");
  assert.throws(() => d.decode("text"), TypeError);
});

test("TextEncoder: encode and encodeInto", () => {
  const e = new TextEncoder();
  assert.strictEqual(e.encoding, "utf-8");
  assert.deepStrictEqual([...e.encode("a€")], [0x61, 0xe2, 0x82, 0xac]);
  assert.deepStrictEqual([...e.encode("\ud800")], [0xef, 0xbf, 0xbd]);
  assert.strictEqual(e.encode().length, 0);
  const into = new Uint8Array(4);
  // "b" does not fit after the 3 bytes of €: whole characters only.
  assert.deepStrictEqual(e.encodeInto("a€b", into), { read: 2, written: 4 });
  assert.deepStrictEqual([...into], [0x61, 0xe2, 0x82, 0xac]);
  const window = new Uint8Array(new ArrayBuffer(6), 2, 3);
  assert.deepStrictEqual(e.encodeInto("😀", window), { read: 0, written: 0 });
  assert.deepStrictEqual(e.encodeInto("ok😀", window), { read: 2, written: 2 });
  assert.deepStrictEqual([...new Uint8Array(window.buffer)], [0, 0, 0x6f, 0x6b, 0, 0]);
});
