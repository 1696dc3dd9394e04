// W2 for jsrun through the 4D HTTPRequest class: N POSTs of 1 KiB JSON to /echo,
// callbacks keep C requests in flight.
const { HTTPRequest } = require("4D");
const N = Number(process.env.N || 20000), C = Number(process.env.C || 64);
const url = (process.env.BENCH_URL || "http://127.0.0.1:18080") + "/echo";
// The same 1024 bytes as w2-fetch.mjs; the header's content type wins over 4D's text/plain.
const payload = JSON.stringify({ data: "x".repeat(1024 - 11) });
const headers = { "content-type": "application/json" };
let started = 0, done = 0, ok = 0, bytes = 0, errors = 0;
const t0 = performance.now();
function finish() {
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ runtime: "jsrun-4d", workload: "W2", n: N, c: C, seconds: +seconds.toFixed(4),
    rps: +(N / seconds).toFixed(1), ok, errors, bytes }));
}
function launch() {
  started++;
  HTTPRequest.new(url, {
    method: "POST", headers, body: payload, dataType: "text",
    onResponse(req) { ok += req.response.status === 200 ? 1 : 0; bytes += req.response.body.length; },
    onError() { errors++; },
    onTerminate() { done++; if (started < N) launch(); else if (done === N) finish(); },
  });
}
for (let i = 0; i < C && started < N; i++) launch();
