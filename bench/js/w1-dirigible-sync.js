// W1 for jsrun through the synchronous http/v4/client: the API blocks, so one
// request at a time (c is 1 whatever C says). Run it with
// JSRUN_VARIANTS="dirigible dirigible-sync" bench/run-all.sh.
const client = require("http/v4/client");
const N = Number(process.env.N || 20000);
const url = (process.env.BENCH_URL || "http://127.0.0.1:18080") + "/1k.bin";
let ok = 0, bytes = 0, errors = 0;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  try {
    const r = client.get(url, { binary: true });
    if (r.statusCode === 200) ok++;
    bytes += r.data.length;
  } catch (e) {
    errors++;
  }
}
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ runtime: "jsrun-dirigible-sync", workload: "W1", n: N, c: 1, seconds: +seconds.toFixed(4),
  rps: +(N / seconds).toFixed(1), ok, errors, bytes }));
