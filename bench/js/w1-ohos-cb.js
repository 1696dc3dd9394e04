// W1 for jsrun through @ohos.net.http, callback form: each completion starts the next request.
const { http } = require("@kit.NetworkKit");
const N = Number(process.env.N || 20000), C = Number(process.env.C || 64);
const url = (process.env.BENCH_URL || "http://127.0.0.1:18080") + "/1k.bin";
let started = 0, done = 0, ok = 0, bytes = 0, errors = 0;
const t0 = performance.now();
function finish() {
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ runtime: "jsrun-ohos-cb", workload: "W1", n: N, c: C, seconds: +seconds.toFixed(4),
    rps: +(N / seconds).toFixed(1), ok, errors, bytes }));
}
function onDone(err, r) {
  if (err) errors++;
  else { bytes += r.result.byteLength; if (r.responseCode === 200) ok++; }
  done++;
  if (started < N) launch();
  else if (done === N) finish();
}
function launch() {
  started++;
  http.createHttp().request(url, onDone);
}
for (let i = 0; i < C && started < N; i++) launch();
