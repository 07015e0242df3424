#!/usr/bin/env bash
# The live-update benchmark of issue 9: `nsdb serve --demo` (release, embedded SQLite) and
# the demo clerk posting the whole パーキンソン病 臨個票 to POST /forms/entry/evaluate (what the
# entry screen's htmx sends after each change) REQUESTS times, one answer changed each time;
# prints p50/p90/p99 beside the target (well under 100 ms). Not part of the tests.
#
#   benches/live_update.sh
#   REQUESTS=5000 benches/live_update.sh
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-1000}
. benches/pg_cluster.sh

nice -n 10 cargo build --release -p nsdb -p nsdb-load
BIN="${CARGO_TARGET_DIR:-target}/release"
WORK=$(mktemp -d /tmp/nsdb-live.XXXXXX)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

port=$(free_port)
"$BIN/nsdb" serve --demo --data-dir "$WORK" --listen "127.0.0.1:$port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_for_server "$port" "$SERVER_PID" "$WORK/server.log"
echo "date $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN/nsdb-load" live --base-url "http://127.0.0.1:$port" --demo-logins "$WORK/demo-logins.json" --requests "$REQUESTS"
