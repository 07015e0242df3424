#!/usr/bin/env bash
# One save (updateForm) after the other on an idle `nsdb serve --demo` (release) on a
# throw-away PostgreSQL cluster, beside a bare single-row INSERT + COMMIT on the same
# database in the same run: the server's own cost of a save, without the queueing of the
# load benchmark (benches/forms_load.sh). Not part of the tests.
#
#   benches/save.sh                 # 1,000 saves
#   SAVES=5000 benches/save.sh
#
# Target (issue 9): a save's median ≤ 3 × the bare INSERT + COMMIT's median.
set -euo pipefail
cd "$(dirname "$0")/.."

SAVES=${SAVES:-1000}
. benches/pg_cluster.sh

nice -n 10 cargo build --release -p nsdb -p nsdb-load
BIN="${CARGO_TARGET_DIR:-target}/release"
WORK=$(mktemp -d /tmp/nsdb-save.XXXXXX)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    pg_cluster_stop "$WORK"
    rm -rf "$WORK"
}
trap cleanup EXIT

pg_cluster_start "$WORK"
mkdir -p "$WORK/data"
port=$(free_port)
"$BIN/nsdb" serve --demo --data-dir "$WORK/data" --database-url "$DB_URL" --data-key-file "$WORK/data-key.json" \
    --listen "127.0.0.1:$port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_for_server "$port" "$SERVER_PID" "$WORK/server.log"
echo "date $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN/nsdb-load" save --base-url "http://127.0.0.1:$port" --demo-logins "$WORK/data/demo-logins.json" \
    --database-url "$DB_URL" --saves "$SAVES"
