#!/usr/bin/env bash
# The benchmark suite in one command: installs the tools (nginx, wrk, hyperfine from
# Debian; deno and bun from npm; the bare hyper client), builds jsrun in release mode,
# runs every workload through jsrun's APIs and through node, deno, bun, the bare hyper
# client and wrk, interleaved over ROUNDS rounds, and writes bench/RESULTS.md.
# Knobs: see run-all.sh (ROUNDS, WORKLOADS, RUNTIMES, JSRUN_VARIANTS, N1/C1 …).
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
bash "$BENCH/setup.sh"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
(cd "$ROOT" && cargo build --release -p jsrun-cli)
export JSRUN="${JSRUN:-$CARGO_TARGET_DIR/release/jsrun}"
cd "$BENCH"
bash "$BENCH/run-all.sh" | tee "$BENCH/RESULTS.md.tmp"
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bash bench/run.sh\` ($(date -u +%Y-%m-%d)); workloads and method in \`bench/README.md\`."
  echo
  cat "$BENCH/RESULTS.md.tmp"
} > "$BENCH/RESULTS.md"
rm -f "$BENCH/RESULTS.md.tmp"
echo "wrote $BENCH/RESULTS.md"
