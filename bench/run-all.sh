#!/usr/bin/env bash
# Runs the suite (bench/run.sh calls it after setup and the release build): starts the
# bench nginx on a free port (exported as BENCH_URL), measures startup (hyperfine) and the
# W1/W2/W3 throughput workloads (ROUNDS rounds, runtimes interleaved inside each
# round: A B C D, A B C D, ...), each run wrapped in /usr/bin/time for peak RSS and
# CPU time, stops nginx, and writes
#   results/DATE.jsonl   one JSON object per line (meta, startup, every run)
#   results/DATE.md      the table of medians (summarize.mjs)
#
# Env knobs:
#   ROUNDS=3                  rounds per throughput measurement
#   RUNTIMES="node deno bun rust-ceiling wrk"   which clients (JSRUN adds the jsrun variants)
#   WORKLOADS="W1 W2 W3"
#   WRK_DURATION=10s          wrk runs for a fixed time, not a fixed N
#   SKIP_STARTUP=1            skip the hyperfine part
#   N1 C1 / N2 C2 / N3 C3     override N and C of W1 / W2 / W3 (defaults 20000/64, 20000/64, 200/8)
#   NODE DENO BUN RUST_CEILING WRK   override binaries (see tools.sh)
#   JSRUN=/path/to/jsrun      run.sh sets it to the release binary, see below
#
# jsrun: with JSRUN=/path/to/jsrun, every jsrun variant in JSRUN_VARIANTS (default
# "ohos ohos-cb ohos-stream 4d dirigible") runs as runtime "jsrun-<variant>" with the
# script js/<workload>-<variant>.js when that file exists (W1 for every variant; W2 and
# W3 for ohos, 4d and dirigible), and startup runs `$JSRUN js/hello.js` as runtime
# "jsrun-ohos" (the binary is the same for every variant).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$BENCH"
source "$BENCH/tools.sh"

ROUNDS="${ROUNDS:-3}"
WORKLOADS="${WORKLOADS:-W1 W2 W3}"
RUNTIMES="${RUNTIMES:-node deno bun rust-ceiling wrk}"
JSRUN_NAME="${JSRUN_NAME:-jsrun}"
JSRUN_VARIANTS="${JSRUN_VARIANTS:-ohos ohos-cb ohos-stream 4d dirigible}"
if [ -n "${JSRUN:-}" ]; then
    for v in $JSRUN_VARIANTS; do RUNTIMES="$RUNTIMES $JSRUN_NAME-$v"; done
fi
WRK_DURATION="${WRK_DURATION:-10s}"

DATE="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p results
SCRATCH="results/scratch/$DATE"
mkdir -p "$SCRATCH"
OUT="results/$DATE.jsonl"
: > "$OUT"

[ -x "$RUST_CEILING" ] || (cd rust-ceiling && cargo build --release --target-dir target)

log() { echo "[run-all $(date +%H:%M:%S)] $*" >&2; }

wl_n() { case "$1" in W1) echo "${N1:-20000}" ;; W2) echo "${N2:-20000}" ;; W3) echo "${N3:-200}" ;; esac; }
wl_c() { case "$1" in W1) echo "${C1:-64}" ;; W2) echo "${C2:-64}" ;; W3) echo "${C3:-8}" ;; esac; }
wl_path() { case "$1" in W1) echo /1k.bin ;; W2) echo /echo ;; W3) echo /1m.bin ;; esac; }
lc() { echo "$1" | tr 'A-Z' 'a-z'; }

# Prints the command line (one word per line) for runtime $1, workload $2.
client_cmd() {
    local rt="$1" w="$2" s
    s="js/$(lc "$w")-fetch.mjs"
    case "$rt" in
        node) printf '%s\n' "$NODE" "$s" ;;
        deno) printf '%s\n' "$DENO" run -A "$s" ;;
        bun) printf '%s\n' "$BUN" "$s" ;;
        rust-ceiling) printf '%s\n' "$RUST_CEILING" "$w" ;;
        wrk) printf '%s\n' "$WRK" -t1 -c"$(wl_c "$w")" -d"$WRK_DURATION" -s wrk/report.lua "$BENCH_URL$(wl_path "$w")" ;;
        "$JSRUN_NAME"-*)
            s="js/$(lc "$w")-${rt#"$JSRUN_NAME"-}.js"
            [ -f "$s" ] || return 1
            printf '%s\n' "$JSRUN" "$s" ;;
        *) echo "unknown runtime $rt" >&2; return 1 ;;
    esac
}

hello_cmd() {
    case "$1" in
        node) echo "$NODE js/hello.js" ;;
        deno) echo "$DENO run js/hello.js" ;;
        bun) echo "$BUN js/hello.js" ;;
        rust-ceiling) echo "$RUST_CEILING hello" ;;
        "$JSRUN_NAME"-ohos) echo "$JSRUN js/hello.js" ;;
        *) return 1 ;;
    esac
}

# ---- meta -------------------------------------------------------------------
ver() { "$@" 2>&1 | head -1 | tr -d '"\\' || true; }
printf '{"kind":"meta","date":"%s","host":"%s","kernel":"%s","nproc":%s,"cpu":"%s","loadavg":"%s","node":"%s","deno":"%s","bun":"%s","wrk":"%s","hyperfine":"%s","nginx":"%s","rustc":"%s","jsrun":"%s","rounds":%s,"pinning":"none"}\n' \
    "$DATE" "$(hostname)" "$(uname -r)" "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$(ver "$NODE" --version)" "$(ver "$DENO" --version)" "$(ver "$BUN" --version)" \
    "$(ver "$WRK" -v | cut -d' ' -f1-2)" "$(ver "$HYPERFINE" --version)" "$(ver nginx -v)" \
    "$(ver rustc --version)" "${JSRUN:-}" "$ROUNDS" >> "$OUT"

# ---- nginx ------------------------------------------------------------------
# A server started by hand before (bench/README.md) is used and left running.
STARTED_SERVER=0
if ! "$BENCH/server.sh" status >/dev/null 2>&1; then
    "$BENCH/server.sh" start >&2
    STARTED_SERVER=1
fi
stop_server() { if [ "$STARTED_SERVER" = 1 ]; then "$BENCH/server.sh" stop >&2 || true; fi; }
trap stop_server EXIT
BENCH_URL="${BENCH_URL:-http://127.0.0.1:$("$BENCH/server.sh" port)}"
export BENCH_URL

# ---- startup ----------------------------------------------------------------
if [ -z "${SKIP_STARTUP:-}" ]; then
    for rt in $RUNTIMES; do
        cmd="$(hello_cmd "$rt")" || continue
        log "startup $rt: $cmd"
        "$HYPERFINE" -N --warmup 3 --runs 20 --style none \
            --export-json "$SCRATCH/startup-$rt.json" "$cmd" > "$SCRATCH/startup-$rt.txt" 2>&1 || {
            log "startup $rt failed (see $SCRATCH/startup-$rt.txt)"; continue; }
        "$NODE" -e '
            const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results[0];
            const ms = (x) => +(x * 1000).toFixed(2);
            console.log(JSON.stringify({kind: "startup", runtime: process.argv[2], command: r.command,
              mean_ms: ms(r.mean), stddev_ms: ms(r.stddev), median_ms: ms(r.median),
              min_ms: ms(r.min), max_ms: ms(r.max), runs: r.times.length}));
        ' "$SCRATCH/startup-$rt.json" "$rt" >> "$OUT"
    done
fi

# ---- throughput + memory, interleaved --------------------------------------------
for round in $(seq 1 "$ROUNDS"); do
    for w in $WORKLOADS; do
        for rt in $RUNTIMES; do
            mapfile -t cmd < <(client_cmd "$rt" "$w" || true)
            [ "${#cmd[@]}" -gt 0 ] || continue
            tag="$SCRATCH/r$round-$w-$rt"
            log "round $round $w $rt: ${cmd[*]}"
            sleep 0.5
            rc=0
            N="$(wl_n "$w")" C="$(wl_c "$w")" WORKLOAD="$w" \
            WRK_VERSION="$("$WRK" -v 2>&1 | head -1 | cut -d' ' -f2)" \
                "$GNU_TIME" -f '%M %U %S %e' -o "$tag.time" "${cmd[@]}" > "$tag.out" 2> "$tag.err" || rc=$?
            line="$(grep '^{' "$tag.out" | tail -1 || true)"
            read -r rss_kb user_s sys_s wall_s < <(grep -E '^[0-9]+ ' "$tag.time" | tail -1) || true
            if [ -z "$line" ] || [ "$rc" -ne 0 ]; then
                log "  FAILED rc=$rc (see $tag.err)"
                printf '{"kind":"run","runtime":"%s","workload":"%s","round":%s,"failed":true,"rc":%s}\n' \
                    "$rt" "$w" "$round" "$rc" >> "$OUT"
                continue
            fi
            line="${line%\}},\"kind\":\"run\",\"label\":\"$rt\",\"round\":$round,\"maxrss_kb\":${rss_kb:-0},\"cpu_user_s\":${user_s:-0},\"cpu_sys_s\":${sys_s:-0},\"wall_s\":${wall_s:-0}}"
            echo "$line" >> "$OUT"
            log "  $line"
        done
    done
done

stop_server
trap - EXIT

"$NODE" summarize.mjs "$OUT" | tee "results/$DATE.md"
log "wrote $OUT and results/$DATE.md"
