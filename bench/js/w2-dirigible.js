// W2 for jsrun through http/v4/clientAsync: N POSTs of 1 KiB JSON to /echo, in batches
// of C queued requests, each batch execute()d.
const clientAsync = require("http/v4/clientAsync");
const N = Number(process.env.N || 20000), C = Number(process.env.C || 64);
const url = (process.env.BENCH_URL || "http://127.0.0.1:18080") + "/echo";
// The same 1024 bytes as w2-fetch.mjs, sent as application/json without a charset.
const payload = JSON.stringify({ data: "x".repeat(1024 - 11) });
const options = { text: payload, contentType: "application/json", characterEncodingEnabled: false };
let ok = 0, bytes = 0, errors = 0;
const c = clientAsync.getInstance();
// The answer is application/json, so it arrives as text.
const cb = { success(r) { if (r.statusCode === 200) ok++; bytes += (r.text !== undefined ? r.text.length : r.data.length); }, error() { errors++; } };
const t0 = performance.now();
for (let sent = 0; sent < N; ) {
  const k = Math.min(C, N - sent);
  for (let i = 0; i < k; i++) c.postAsync(url, cb, options);
  c.execute(); sent += k;
}
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ runtime: "jsrun-dirigible", workload: "W2", n: N, c: C, seconds: +seconds.toFixed(4),
  rps: +(N / seconds).toFixed(1), ok, errors, bytes }));
