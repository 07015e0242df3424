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

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "error: PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
    exit 1
fi

phase "build (release)"
nice -n 10 cargo build --release -p nsdb -p nsdb-load
BIN="${CARGO_TARGET_DIR:-target}/release"

WORK=$(mktemp -d /tmp/nsdb-load.XXXXXX)
PG_STARTED=0
SERVER_PID=""
if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$WORK"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "$PG_STARTED" = 1 ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then
        echo "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local candidate
    for _ in $(seq 1 50); do
        candidate=$((20000 + RANDOM % 40000))
        if ! port_in_use "$candidate"; then
            echo "$candidate"
            return
        fi
    done
    echo "error: no free port found" >&2
    exit 1
}

phase "throw-away PostgreSQL cluster ($PG_BIN)"
PG_PORT=$(free_port)
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C \
    >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; exit 1; }
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/postgres.log" -w -t 120 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$WORK -c max_connections=300 -c shared_buffers=$PG_SHARED_BUFFERS -c max_wal_size=1GB" \
    start >/dev/null || { cat "$WORK/postgres.log" >&2; exit 1; }
PG_STARTED=1
DB_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
psql_do() { "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -At "$@"; }
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
for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$APP_PORT/api/v1/health" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        cat "$WORK/server.log" >&2
        exit 1
    fi
    sleep 0.5
done
echo "listening on 127.0.0.1:$APP_PORT (log: $WORK/server.log)"

phase "run: $USERS users, ${WARMUP} s warm-up + ${DURATION} s measured"
echo "date $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN/nsdb-load" run --base-url "http://127.0.0.1:$APP_PORT" --logins "$WORK/logins.json" \
    --database-url "$DB_URL" --users "$USERS" --duration "$DURATION" --warmup "$WARMUP" \
    --think-ms "$THINK_MS" --baseline-concurrency "$BASELINE_CONCURRENCY"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
