#!/usr/bin/env bash
# The main job: builds jsrun and the test server, starts the server on free ports,
# and runs one of the documents' examples against it, as written.
#
#   bash examples/run.sh            # the @ohos.net.http document's main example
#   bash examples/run.sh ohos/05_request_promise.ts
#   bash examples/run.sh dirigible | fourd | mychat
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
cargo build --quiet -p jsrun-cli -p jsrun-testserver
BIN="$CARGO_TARGET_DIR/debug"

# The test server answers for the documents' public host names; --connect-to sends
# their connections to it, --ca-file trusts its CA.
INFO="$(mktemp)"
"$BIN/testserver" --tls-name services.odata.org --tls-name www.google.com --tls-name httpbin.org \
    --until-stdin-closes > "$INFO" < <(sleep infinity) &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$INFO"' EXIT
for _ in $(seq 1 100); do [ -s "$INFO" ] && break; sleep 0.1; done
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$INFO"; }
HTTP_PORT="$(field http | sed 's/.*://')"
HTTPS_PORT="$(field https | sed 's/.*://')"
CA="$(field ca)"
[ -n "$HTTP_PORT" ] && [ -n "$HTTPS_PORT" ] && [ -n "$CA" ] || { echo "the test server did not start" >&2; exit 1; }

which="${1:-ohos/01_example.ts}"
case "$which" in
    dirigible) args=(--connect-to "services.odata.org:443:127.0.0.1:$HTTPS_PORT" --ca-file "$CA" examples/dirigible/northwind.js) ;;
    fourd) args=(--connect-to "www.google.com:443:127.0.0.1:$HTTPS_PORT" --ca-file "$CA" examples/fourd/request.js) ;;
    mychat) args=(--connect-to "httpbin.org:443:127.0.0.1:$HTTPS_PORT" --ca-file "$CA" examples/mychat/PostMessageAsync.js) ;;
    ohos/*) args=(--connect-to "example.test:80:127.0.0.1:$HTTP_PORT" "examples/$which") ;;
    *) echo "usage: bash examples/run.sh [ohos/FILE.ts|dirigible|fourd|mychat]" >&2; exit 2 ;;
esac
echo "+ jsrun ${args[*]}" >&2
JSRUN_DATA_DIR="${JSRUN_DATA_DIR:-$(mktemp -d)}" "$BIN/jsrun" "${args[@]}"
