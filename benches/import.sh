#!/usr/bin/env bash
# The 一括登録 benchmark of issue 10: `nsdb serve --demo` (release) on the embedded SQLite
# database and then on a throw-away PostgreSQL cluster; on each, the demo clerk uploads FILES
# files of FORMS Parkinson 臨個票 of new patients, each timed from the upload to its job's end
# (the server's finished_at, same machine clock) plus the reading of its report,
# and in the same run the same rows are copied by raw multi-row INSERTs (same tables, same
# indexes, as many transactions) — see benches/load/src/import.rs. Not part of the tests.
#
#   benches/import.sh                      # both databases, 5 files × 4,000 forms
#   BACKENDS=sqlite FILES=2 benches/import.sh
#
# Targets: ≥ 5,000 forms/s on each database; ≥ 50 % of the raw INSERT of the same rows.
set -euo pipefail
cd "$(dirname "$0")/.."

FILES=${FILES:-5}
FORMS=${FORMS:-4000}
BACKENDS=${BACKENDS:-"sqlite postgres"}

. benches/pg_cluster.sh

nice -n 10 cargo build --release -p nsdb -p nsdb-load
BIN="${CARGO_TARGET_DIR:-target}/release"

WORK=$(mktemp -d /tmp/nsdb-import.XXXXXX)
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
cleanup() {
    stop_server
    pg_cluster_stop "$WORK"
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "date $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for backend in $BACKENDS; do
    data="$WORK/$backend"
    mkdir -p "$data"
    args=(--data-dir "$data")
    case "$backend" in
    sqlite) url="sqlite://$data/demo.sqlite3" ;;
    postgres)
        pg_cluster_start "$WORK"
        url="$DB_URL"
        args+=(--database-url "$DB_URL" --data-key-file "$WORK/data-key.json")
        ;;
    *) echo "unknown backend $backend" >&2; exit 1 ;;
    esac
    port=$(free_port)
    "$BIN/nsdb" serve --demo "${args[@]}" --listen "127.0.0.1:$port" >"$WORK/server-$backend.log" 2>&1 &
    SERVER_PID=$!
    wait_for_server "$port" "$SERVER_PID" "$WORK/server-$backend.log"
    echo
    echo "== $backend =="
    "$BIN/nsdb-load" import --base-url "http://127.0.0.1:$port" --demo-logins "$data/demo-logins.json" \
        --database-url "$url" --files "$FILES" --forms "$FORMS"
    stop_server
    pg_cluster_stop "$WORK"
done
