// W3 for jsrun through http/v4/clientAsync: N GETs of /1m.bin (1 MiB) in batches of C
// queued requests, each batch execute()d; `binary: true` puts every body in a Uint8Array.
const clientAsync = require("http/v4/clientAsync");
const N = Number(process.env.N || 200), C = Number(process.env.C || 8);
const url = (process.env.BENCH_URL || "http://127.0.0.1:18080") + "/1m.bin";
const options = { binary: true };
let ok = 0, bytes = 0, errors = 0;
const c = clientAsync.getInstance();
const cb = { success(r) { if (r.statusCode === 200) ok++; bytes += r.data.byteLength; }, error() { errors++; } };
const t0 = performance.now();
for (let sent = 0; sent < N; ) {
  const k = Math.min(C, N - sent);
  for (let i = 0; i < k; i++) c.getAsync(url, cb, options);
  c.execute(); sent += k;
}
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ runtime: "jsrun-dirigible", workload: "W3", n: N, c: C, seconds: +seconds.toFixed(4),
  rps: +(N / seconds).toFixed(1), ok, mbps: +(bytes / 1e6 / seconds).toFixed(1), errors, bytes }));
