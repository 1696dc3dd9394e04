// Summarizes a results/DATE.jsonl written by run-all.sh into markdown tables.
//   node summarize.mjs results/DATE.jsonl [more.jsonl ...]
// Several files (passes) are pooled: medians over all their rounds, startup =
// median of the passes' hyperfine means.
// Medians over rounds: W1/W2 in requests/s, W3 in MB/s (10^6 bytes of body),
// peak RSS of the W1 and W3 runs in MiB (issue 8 bounds both), CPU (user+sys) per
// W1 and W2 request in microseconds (steadier than the rates on a shared VM),
// startup = hyperfine mean in ms.
import { readFileSync } from "node:fs";

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: node summarize.mjs results/DATE.jsonl");
  process.exit(2);
}
const recs = files.flatMap((f) =>
  readFileSync(f, "utf8").split("\n").filter((l) => l.trim().startsWith("{")).map((l) => JSON.parse(l)));

const median = (xs) => {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, d = 0) => (x === undefined || Number.isNaN(x) ? "–" : x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }));

const meta = recs.filter((r) => r.kind === "meta");
// "label" is the runtime name run-all.sh used (the script's own "runtime" may differ,
// e.g. a JSRUN host running the .mjs scripts unchanged).
const runs = recs.filter((r) => r.kind === "run" && !r.failed).map((r) => ({ ...r, runtime: r.label ?? r.runtime }));
const failed = recs.filter((r) => r.kind === "run" && r.failed);
const startup = recs.filter((r) => r.kind === "startup");

const order = ["node", "deno", "bun", "rust-ceiling", "wrk", "jsrun-ohos", "jsrun-ohos-cb", "jsrun-ohos-stream", "jsrun-4d", "jsrun-dirigible", "jsrun-dirigible-sync"];
const runtimes = [...new Set([...runs.map((r) => r.runtime), ...startup.map((r) => r.runtime)])]
  .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));

const sel = (rt, w) => runs.filter((r) => r.runtime === rt && r.workload === w);
const med = (rt, w, f) => median(sel(rt, w).map(f).filter((x) => x !== undefined && !Number.isNaN(x)));

const out = [];
for (const m of meta) {
  out.push(`Run ${m.date} on ${m.host}: ${m.nproc} cores (${m.cpu}), kernel ${m.kernel}, load at start ${m.loadavg}, ${m.rounds} rounds, pinning: ${m.pinning}.`);
}
const versions = [...new Set(meta.map((m) =>
  `Versions: node ${m.node}; ${m.deno}; bun ${m.bun}; ${m.wrk}; ${m.hyperfine}; ${m.nginx}; ${m.rustc}${m.jsrun ? "; JSRUN=" + m.jsrun : ""}.`))];
out.push(...versions, "");
const lo = (rt, w, f) => { const xs = sel(rt, w).map(f); return xs.length ? Math.min(...xs) : undefined; };
const hi = (rt, w, f) => { const xs = sel(rt, w).map(f); return xs.length ? Math.max(...xs) : undefined; };
const cellMMM = (rt, w, f, d = 0) => {
  const m = med(rt, w, f);
  if (m === undefined) return "–";
  return `${fmt(m, d)} (${fmt(lo(rt, w, f), d)}–${fmt(hi(rt, w, f), d)})`;
};
const rps = (r) => r.rps, mbps = (r) => r.mbps;
// CPU (user + sys) per request of workload w, in microseconds.
const cpuPerReq = (rt, w) => fmt(med(rt, w, (r) => ((r.cpu_user_s + r.cpu_sys_s) / r.n) * 1e6), 1);
out.push("Medians over rounds, with (min–max):");
out.push("");
out.push("| runtime | W1 req/s | W2 req/s | W3 MB/s | startup ms (mean / median) | W1 peak RSS MiB | W3 peak RSS MiB | W1 CPU µs/req | W2 CPU µs/req |");
out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const rt of runtimes) {
  const st = startup.filter((s) => s.runtime === rt);
  const stCell = st.length ? `${fmt(median(st.map((s) => s.mean_ms)), 2)} / ${fmt(median(st.map((s) => s.median_ms)), 2)}` : "–";
  out.push(`| ${rt} | ${cellMMM(rt, "W1", rps)} | ${cellMMM(rt, "W2", rps)} | ${cellMMM(rt, "W3", mbps, 1)} | ${stCell} | ` +
    `${fmt(med(rt, "W1", (r) => r.maxrss_kb / 1024), 1)} | ${fmt(med(rt, "W3", (r) => r.maxrss_kb / 1024), 1)} | ` +
    `${cpuPerReq(rt, "W1")} | ${cpuPerReq(rt, "W2")} |`);
}
// Ratios against the peers, for the targets of issue 8.
const peers = ["node", "deno", "bun"].filter((p) => runtimes.includes(p));
const best = (w, f) => Math.max(...peers.map((p) => med(p, w, f) ?? 0));
const jsruns = runtimes.filter((r) => r.startsWith("jsrun"));
if (jsruns.length && peers.length) {
  out.push("");
  out.push("jsrun against the fastest of node/deno/bun (and the bare hyper client), by median:");
  out.push("");
  out.push("| runtime | W1 ÷ best peer | W2 ÷ best peer | W3 ÷ best peer | W1 ÷ deno | W1 ÷ hyper | W2 ÷ hyper | W3 ÷ hyper |");
  out.push("|---|---:|---:|---:|---:|---:|---:|---:|");
  const ratio = (a, b) => (a === undefined || !b ? "–" : (a / b).toFixed(2));
  for (const rt of jsruns) {
    out.push(`| ${rt} | ${ratio(med(rt, "W1", rps), best("W1", rps))} | ${ratio(med(rt, "W2", rps), best("W2", rps))} | ` +
      `${ratio(med(rt, "W3", mbps), best("W3", mbps))} | ${ratio(med(rt, "W1", rps), med("deno", "W1", rps))} | ` +
      `${ratio(med(rt, "W1", rps), med("rust-ceiling", "W1", rps))} | ${ratio(med(rt, "W2", rps), med("rust-ceiling", "W2", rps))} | ` +
      `${ratio(med(rt, "W3", mbps), med("rust-ceiling", "W3", mbps))} |`);
  }
}
out.push("");
out.push("Per-round values (rps for W1/W2, MB/s for W3), in run order:");
out.push("");
out.push("| runtime | W1 | W2 | W3 |");
out.push("|---|---|---|---|");
for (const rt of runtimes) {
  const cell = (w, f) => sel(rt, w).sort((a, b) => a.round - b.round).map((r) => fmt(f(r))).join(" / ") || "–";
  out.push(`| ${rt} | ${cell("W1", (r) => r.rps)} | ${cell("W2", (r) => r.rps)} | ${cell("W3", (r) => r.mbps)} |`);
}
const bad = runs.filter((r) => r.ok !== r.n || (r.errors ?? 0) > 0);
out.push("");
if (bad.length || failed.length) {
  out.push("Problems:");
  for (const r of bad) out.push(`- ${r.runtime} ${r.workload} round ${r.round}: ok ${r.ok}/${r.n}, errors ${r.errors}`);
  for (const r of failed) out.push(`- ${r.runtime} ${r.workload} round ${r.round}: FAILED rc=${r.rc}`);
} else {
  out.push("All runs: every request answered 200, no client errors.");
}
out.push("wrk runs for a fixed time (its n is what it managed); its RSS/CPU columns are wrk's own.");
console.log(out.join("\n"));
