// W1 for jsrun through @ohos.net.http, promise form: N GETs of /1k.bin, at most C in flight.
const { http } = require("@kit.NetworkKit");
const N = Number(process.env.N || 20000), C = Number(process.env.C || 64);
const url = (process.env.BENCH_URL || "http://127.0.0.1:18080") + "/1k.bin";
let next = 0, ok = 0, bytes = 0, errors = 0;
async function worker() {
  while (next < N) {
    next++;
    try {
      const r = await http.createHttp().request(url);
      bytes += r.result.byteLength;
      if (r.responseCode === 200) ok++;
    } catch (e) { errors++; }
  }
}
const t0 = performance.now();
Promise.all(Array.from({ length: C }, worker)).then(() => {
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ runtime: "jsrun-ohos", workload: "W1", n: N, c: C, seconds: +seconds.toFixed(4),
    rps: +(N / seconds).toFixed(1), ok, errors, bytes }));
});
