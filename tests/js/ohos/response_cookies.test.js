// HttpResponse.cookies: curl's cookie list for the request (Netscape
// cookie-file lines joined by \r\n), with the cookies of every hop.
const assert = require("assert");
const { HTTP, fetch } = require("./support.js");

const host = new URL(HTTP).hostname;

test("no cookies, an empty string", async () => {
  const d = await fetch(HTTP + "/get");
  assert.strictEqual(d.cookies, "");
});

test("cookies set along a redirect are listed", async () => {
  const d = await fetch(HTTP + "/cookies/set?flavour=oat&size=2");
  assert.strictEqual(d.responseCode, 200);
  const lines = d.cookies.split("\r\n");
  assert.deepStrictEqual(lines.sort(), [
    `${host}\tFALSE\t/\tFALSE\t0\tflavour\toat`,
    `${host}\tFALSE\t/\tFALSE\t0\tsize\t2`,
  ]);
});

test("attributes: domain, path, secure, httponly, expiry", async () => {
  const d = await fetch(HTTP + "/response-headers?Set-Cookie=" +
    encodeURIComponent("k=v; Domain=example.test; Path=/p; Secure; HttpOnly; Max-Age=100"));
  const [line] = d.cookies.split("\r\n");
  const f = line.split("\t");
  assert.strictEqual(f[0], "#HttpOnly_.example.test");
  assert.deepStrictEqual([f[1], f[2], f[3], f[5], f[6]], ["TRUE", "/p", "TRUE", "k", "v"]);
  const expires = Number(f[4]);
  const now = Date.now() / 1000;
  assert.ok(expires > now + 50 && expires < now + 150, String(expires));
});

test("an expired cookie is not listed", async () => {
  const d = await fetch(HTTP + "/response-headers?Set-Cookie=" + encodeURIComponent("gone=1; Max-Age=0"));
  assert.strictEqual(d.cookies, "");
});

test("without Path, the request path up to its last slash", async () => {
  const e = await fetch(HTTP + "/response-headers?Set-Cookie=" + encodeURIComponent("p=1"));
  assert.strictEqual(e.cookies, `${host}\tFALSE\t/\tFALSE\t0\tp\t1`);
});
