#!/usr/bin/env bash
# The load benchmark of issue 9, end to end: a throw-away PostgreSQL cluster, FORMS generated
# forms, `nsdb serve` (release) on it, USERS concurrent clerks opening, saving and searching
# for DURATION seconds over loopback, then the report (latencies beside the targets, and a
# save's median against a bare INSERT + COMMIT on the same database). Not part of the tests.
#
#   benches/forms_load.sh                                   # 1,000,000 forms, 200 users, 60 s
#   FORMS=100000 USERS=50 DURATION=30 benches/forms_load.sh # a quicker try
#
# Settings (environment): FORMS (1000000), USERS (200), DURATION (60 s measured), WARMUP
# (10 s), THINK_MS (1000: mean think time between a user's steps), INSTITUTIONS (default
# one per 1,000 forms), BASELINE_CONCURRENCY (1), PG_SHARED_BUFFERS (2GB); KEEP=1 keeps the
# directory with the (stopped) cluster, the logs and the log-ins for a look afterwards.
#
# The cluster keeps PostgreSQL's durable defaults (fsync, synchronous_commit): a commit
# waits for its WAL flush, in the benchmark as in production, baseline included. Needs the
# PostgreSQL server binaries (apt-get install postgresql) and free disk: ≈ 10 GB at
# 1,000,000 forms.
set -euo pipefail

cd "$(dirname "$0")/.."

FORMS=${FORMS:-1000000}
USERS=${USERS:-200}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-10}
THINK_MS=${THINK_MS:-1000}
BASELINE_CONCURRENCY=${BASELINE_CONCURRENCY:-1}
PG_SHARED_BUFFERS=${PG_SHARED_BUFFERS:-2GB}

START=$(date +%s)
phase() {
    printf '\n==== [%4ss] %s ====\n' "$(($(date +%s) - START))" "$*"
}

. benches/pg_cluster.sh

phase "build (release)"
nice -n 10 cargo build --release -p nsdb -p nsdb-load
BIN="${CARGO_TARGET_DIR:-target}/release"

WORK=$(mktemp -d /tmp/nsdb-load.XXXXXX)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    pg_cluster_stop "$WORK"
    if [ "${KEEP:-0}" = 1 ]; then
        echo "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

phase "throw-away PostgreSQL cluster"
pg_cluster_start "$WORK" max_connections=300 "shared_buffers=$PG_SHARED_BUFFERS" max_wal_size=1GB
echo "PostgreSQL $(psql_do -c 'SHOW server_version') on 127.0.0.1:$PG_PORT (fsync $(psql_do -c 'SHOW fsync'), synchronous_commit $(psql_do -c 'SHOW synchronous_commit'), shared_buffers $PG_SHARED_BUFFERS)"

phase "generate $FORMS forms for $USERS users"
"$BIN/nsdb-load" generate --database-url "$DB_URL" --data-key-file "$WORK/data-key.json" \
    --forms "$FORMS" --users "$USERS" ${INSTITUTIONS:+--institutions "$INSTITUTIONS"} \
    --out "$WORK/logins.json"

phase "VACUUM (ANALYZE): statistics and visibility as on a database in service"
psql_do -c 'VACUUM (ANALYZE)'
psql_do -F ' ' -c "SELECT 'database ' || pg_size_pretty(pg_database_size('postgres'))"
psql_do -F ' ' -c "SELECT relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid)) FROM pg_stat_user_tables WHERE relname IN ('patients', 'forms', 'form_revisions', 'accounts', 'organizations') ORDER BY relname"

phase "nsdb serve (release)"
APP_PORT=$(free_port)
"$BIN/nsdb" serve --database-url "$DB_URL" --data-key-file "$WORK/data-key.json" \
    --data-dir "$WORK/nsdb-data" --listen "127.0.0.1:$APP_PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_for_server "$APP_PORT" "$SERVER_PID" "$WORK/server.log"
echo "listening on 127.0.0.1:$APP_PORT (log: $WORK/server.log)"

phase "run: $USERS users, ${WARMUP} s warm-up + ${DURATION} s measured"
echo "date $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN/nsdb-load" run --base-url "http://127.0.0.1:$APP_PORT" --logins "$WORK/logins.json" \
    --database-url "$DB_URL" --users "$USERS" --duration "$DURATION" --warmup "$WARMUP" \
    --think-ms "$THINK_MS" --baseline-concurrency "$BASELINE_CONCURRENCY"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
