#!/usr/bin/env bash
# Start/stop the benchmark nginx on 127.0.0.1 (a free port; `server.sh port` prints it).
#   bench/server.sh start   # (re)generates bench/www, starts nginx, waits until it answers
#   bench/server.sh stop
#   bench/server.sh status
# Own config (bench/nginx.conf), own prefix, pid and logs under /tmp/bench-nginx:
# it does not touch or conflict with a system nginx.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN=/tmp/bench-nginx
PIDFILE="$RUN/nginx.pid"
# The port: BENCH_PORT if set, else the one a previous start chose, else a free one.
PORTFILE="$RUN/port"
if [ -n "${BENCH_PORT:-}" ]; then PORT="$BENCH_PORT"
elif [ -f "$PORTFILE" ]; then PORT="$(cat "$PORTFILE")"
else PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi
CONF="$RUN/nginx.conf"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

gen_www() {
    local www="$BENCH/www"
    mkdir -p "$www"
    # Deterministic content (random bytes would also do; size is what matters).
    [ "$(stat -c %s "$www/1k.bin" 2>/dev/null)" = 1024 ]     || head -c 1024    /dev/urandom > "$www/1k.bin"
    [ "$(stat -c %s "$www/64k.bin" 2>/dev/null)" = 65536 ]   || head -c 65536   /dev/urandom > "$www/64k.bin"
    [ "$(stat -c %s "$www/1m.bin" 2>/dev/null)" = 1048576 ]  || head -c 1048576 /dev/urandom > "$www/1m.bin"
    cat > "$www/small.json" <<'JSON'
{"id":42,"name":"bench","tags":["alpha","beta","gamma"],"active":true,"score":12.5,"owner":{"id":7,"login":"octo"},"items":[1,2,3,4,5,6,7,8],"note":"a small JSON document of about 200 bytes"}
JSON
    chmod -R a+rX "$www"
}

is_running() {
    [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

start() {
    if is_running; then
        echo "bench nginx already running (pid $(cat "$PIDFILE"))"
        return 0
    fi
    mkdir -p "$RUN"
    gen_www
    echo "$PORT" > "$PORTFILE"
    sed "s/__PORT__/$PORT/" "$BENCH/nginx.conf" > "$CONF"
    "$NGINX" -t -q -p "$BENCH/" -c "$CONF" -e "$RUN/error.log"
    "$NGINX" -p "$BENCH/" -c "$CONF" -e "$RUN/error.log"
    for _ in $(seq 1 50); do
        if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/small.json" 2>/dev/null; then
            echo "bench nginx up on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"
            return 0
        fi
        sleep 0.1
    done
    echo "bench nginx did not come up; see $RUN/error.log" >&2
    return 1
}

stop() {
    if is_running; then
        local pid
        pid="$(cat "$PIDFILE")"
        kill -QUIT "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"
        echo "bench nginx stopped"
    else
        echo "bench nginx not running"
    fi
    rm -f "$PIDFILE" "$PORTFILE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) if is_running; then echo "running (pid $(cat "$PIDFILE"))"; else echo "stopped"; exit 1; fi ;;
    port) echo "$PORT" ;;
    *) echo "usage: $0 start|stop|restart|status|port" >&2; exit 2 ;;
esac
