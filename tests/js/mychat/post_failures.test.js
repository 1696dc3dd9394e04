// Bad URL, refused connection, timeout, bad header line: the key still
// appears, holding {"httppost_async_error":{"code","message","url"}}.
const assert = require("assert");
const m = require("mychat");
const HTTP = process.env.TESTSERVER_HTTP;

function errorEntry(url, body, headers, timeout) {
  const key = m.HTTPSendPostMessageAsync(url, body, headers, timeout);
  for (let i = 0; i < 50 && !m.MemCacheExists(key); i++) m.ScriptSleep(100);
  const entry = m.MemCacheGet(key);
  assert.ok(m.JSONValid(entry), entry);
  const ref = { value: "" };
  assert.strictEqual(m.JSONGetString(entry, "httppost_async_error", ref), 0, entry);
  const e = JSON.parse(ref.value);
  assert.deepStrictEqual(Object.keys(e), ["code", "message", "url"]);
  assert.strictEqual(e.url, url);
  return e;
}

test("a bad URL", () => {
  const e = errorEntry("not a url", "{}", "", 1000);
  assert.strictEqual(e.code, 3);
  assert.match(e.message, /invalid URL/);
});

test("a scheme other than http(s)", () => {
  assert.strictEqual(errorEntry("ftp://127.0.0.1/x", "", "", 1000).code, 1);
});

test("a refused connection", () => {
  const e = errorEntry("http://127.0.0.1:1/post", "{}", "", 1000);
  assert.strictEqual(e.code, 7);
  assert.match(e.message, /could not connect/);
});

test("an unknown host", () => {
  assert.strictEqual(errorEntry("http://no-such-host.invalid/post", "", "", 3000).code, 6);
});

test("the timeout is honoured", () => {
  const e = errorEntry(HTTP + "/delay/5", "{}", "", 300);
  assert.strictEqual(e.code, 28);
  assert.match(e.message, /timed out: total timeout of 300 ms/);
});

test("a server that never answers", () => {
  assert.strictEqual(errorEntry(process.env.TESTSERVER_BAD + "/never", "", "", 300).code, 28);
});

test("a server that sends garbage", () => {
  const e = errorEntry(process.env.TESTSERVER_BAD + "/garbage", "", "", 3000);
  assert.ok(e.code === 8 || e.code === 56, String(e.code));
});

test("a reply larger than 16 MiB is refused", () => {
  const e = errorEntry(HTTP + "/bytes/20000000", "", "", 5000);
  assert.strictEqual(e.code, 63);
  assert.match(e.message, /too large/);
});

test("a header line that is not Name: value", () => {
  const e = errorEntry(HTTP + "/post", "", "Content-Type: text/plain" + m.CRLF + "nonsense", 1000);
  assert.strictEqual(e.code, 43);
  assert.match(e.message, /nonsense/);
});

test("a password in the URL is not stored", () => {
  const key = m.HTTPSendPostMessageAsync("http://u:secret@127.0.0.1:1/", "", "", 1000);
  for (let i = 0; i < 50 && !m.MemCacheExists(key); i++) m.ScriptSleep(100);
  const entry = m.MemCacheGet(key);
  assert.ok(entry.indexOf("secret") < 0, entry);
});

test("wrong argument types are TypeErrors", () => {
  assert.throws(() => m.HTTPSendPostMessageAsync(42, "", "", 1000), (e) => e instanceof TypeError && /AURL/.test(e.message));
  assert.throws(() => m.HTTPSendPostMessageAsync(HTTP, {}, "", 1000), (e) => e instanceof TypeError && /ABody/.test(e.message));
  assert.throws(() => m.HTTPSendPostMessageAsync(HTTP, "", [], 1000), (e) => e instanceof TypeError && /AHeaders/.test(e.message));
  assert.throws(() => m.HTTPSendPostMessageAsync(HTTP, "", "", "1000"), (e) => e instanceof TypeError && /ATimeOut/.test(e.message));
});
