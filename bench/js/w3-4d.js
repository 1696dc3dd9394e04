// W3 for jsrun through the 4D HTTPRequest class: N GETs of /1m.bin (1 MiB), callbacks
// keep C requests in flight; the body arrives as an ArrayBuffer (dataType "blob").
const { HTTPRequest } = require("4D");
const N = Number(process.env.N || 200), C = Number(process.env.C || 8);
const url = (process.env.BENCH_URL || "http://127.0.0.1:18080") + "/1m.bin";
let started = 0, done = 0, ok = 0, bytes = 0, errors = 0;
const t0 = performance.now();
function finish() {
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ runtime: "jsrun-4d", workload: "W3", n: N, c: C, seconds: +seconds.toFixed(4),
    rps: +(N / seconds).toFixed(1), ok, mbps: +(bytes / 1e6 / seconds).toFixed(1), errors, bytes }));
}
function launch() {
  started++;
  HTTPRequest.new(url, {
    dataType: "blob",
    onResponse(req) { ok += req.response.status === 200 ? 1 : 0; bytes += req.response.body.byteLength; },
    onError() { errors++; },
    onTerminate() { done++; if (started < N) launch(); else if (done === N) finish(); },
  });
}
for (let i = 0; i < C && started < N; i++) launch();
