// Two (and more) concurrent requests on one HttpRequest object all succeed.
const assert = require("assert");
const { http, HTTP, echo } = require("./support.js");

test("two concurrent requests on one HttpRequest", async () => {
  const req = http.createHttp();
  const [a, b] = await Promise.all([req.request(HTTP + "/get?n=1"), req.request(HTTP + "/get?n=2")]);
  req.destroy();
  assert.strictEqual(echo(a).args.n, "1");
  assert.strictEqual(echo(b).args.n, "2");
});

test("a hundred in flight, mixed forms", async () => {
  const req = http.createHttp();
  const all = [];
  for (let i = 0; i < 100; i++) {
    if (i % 2) all.push(req.request(HTTP + "/get?i=" + i).then((d) => echo(d).args.i));
    else all.push(new Promise((resolve, reject) =>
      req.request(HTTP + "/get?i=" + i, (e, d) => (e ? reject(e) : resolve(echo(d).args.i)))));
  }
  const got = await Promise.all(all);
  req.destroy();
  assert.deepStrictEqual(got, Array.from({ length: 100 }, (_, i) => String(i)));
});
