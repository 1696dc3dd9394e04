// A client keeps the cookies servers set and sends them back on later
// requests (cookieSpec default); cookieSpec "ignoreCookies" neither keeps
// nor sends them. Each clientAsync instance has its own cookies.
const assert = require("assert");
const client = require("http/v4/client");
const clientAsync = require("http/v4/clientAsync");
const HTTP = process.env.TESTSERVER_HTTP;

function cookiesSeen(options) {
  return JSON.parse(client.get(HTTP + "/cookies", options).text).cookies;
}

test("a Set-Cookie answer is sent back by the same client", () => {
  const set = client.get(HTTP + "/cookies/set?flavour=oat");
  assert.strictEqual(set.statusCode, 302);
  assert.strictEqual(cookiesSeen().flavour, "oat");
});

test("ignoreCookies does not send stored cookies", () => {
  client.get(HTTP + "/cookies/set?kept=1");
  assert.strictEqual(cookiesSeen({ cookieSpec: "ignoreCookies" }).kept, undefined);
  assert.strictEqual(cookiesSeen({ cookieSpec: "standard" }).kept, "1");
});

test("ignoreCookies does not store them either", () => {
  client.get(HTTP + "/cookies/set?never=1", { cookieSpec: "ignoreCookies" });
  assert.strictEqual(cookiesSeen().never, undefined);
});

test("cookies set along a followed redirect chain are kept", () => {
  const r = client.get(HTTP + "/cookies/set?chain=yes", { redirectsEnabled: true });
  assert.strictEqual(r.statusCode, 200);
  assert.strictEqual(cookiesSeen().chain, "yes");
});

test("a deleted cookie is no longer sent", () => {
  client.get(HTTP + "/cookies/set?gone=1");
  client.get(HTTP + "/cookies/delete?gone");
  assert.strictEqual(cookiesSeen().gone, undefined);
});

test("a Cookie header from the script wins", () => {
  client.get(HTTP + "/cookies/set?mine=stored");
  const seen = cookiesSeen({ headers: [{ name: "Cookie", value: "mine=given" }] });
  assert.strictEqual(seen.mine, "given");
});

test("async clients keep their own cookies", () => {
  const a = clientAsync.getInstance();
  const b = clientAsync.getInstance();
  a.getAsync(HTTP + "/cookies/set?who=a", {});
  a.execute();
  let seenA, seenB;
  a.getAsync(HTTP + "/cookies", { success: (r) => { seenA = JSON.parse(r.text).cookies; } });
  b.getAsync(HTTP + "/cookies", { success: (r) => { seenB = JSON.parse(r.text).cookies; } });
  a.execute();
  b.execute();
  assert.strictEqual(seenA.who, "a");
  assert.strictEqual(seenB.who, undefined);
});

test("an unknown cookieSpec is a TypeError", () => {
  assert.throws(() => client.get(HTTP + "/get", { cookieSpec: "chocolate" }), (e) =>
    e instanceof TypeError && /HttpOptions\.cookieSpec/.test(e.message));
});
