// The deprecated headerReceive event is an AsyncCallback: (err, header).
const assert = require("assert");
const { http, HTTP } = require("./support.js");

test("headerReceive gets (undefined, header), before headersReceive", async () => {
  const req = http.createHttp();
  const seen = [];
  req.on("headerReceive", (err, header) => seen.push(["old", err, header["content-type"]]));
  req.on("headersReceive", (header) => seen.push(["new", header["content-type"]]));
  await req.request(HTTP + "/json");
  req.destroy();
  assert.deepStrictEqual(seen, [["old", undefined, "application/json"], ["new", "application/json"]]);
});

test("off('headerReceive') stops it", async () => {
  const req = http.createHttp();
  let n = 0;
  req.on("headerReceive", () => n++);
  req.off("headerReceive");
  await req.request(HTTP + "/get");
  req.destroy();
  assert.strictEqual(n, 0);
});
