# Shared by the benchmark scripts (sourced, not run): free ports and a throw-away PostgreSQL
# cluster with the durable defaults (fsync, synchronous_commit on).
#
#   pg_cluster_start DIR [extra postgres -c options…]   # sets PG_BIN, PG_PORT, DB_URL
#   pg_cluster_stop DIR
#   psql_do -c 'SQL'

PG_STARTED=0

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

if [ "$(id -u)" = 0 ]; then
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

pg_cluster_start() {
    local dir=$1
    shift
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
        echo "error: PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
        exit 1
    fi
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$dir"
    fi
    PG_PORT=$(free_port)
    as_pg "$PG_BIN/initdb" -D "$dir/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    local options="-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$dir"
    for option in "$@"; do
        options="$options -c $option"
    done
    as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -l "$dir/postgres.log" -w -t 120 -o "$options" \
        start >/dev/null || { cat "$dir/postgres.log" >&2; exit 1; }
    PG_STARTED=1
    DB_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
}

pg_cluster_stop() {
    if [ "$PG_STARTED" = 1 ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$1/pg" -m fast -w stop >/dev/null 2>&1 || true
        PG_STARTED=0
    fi
}

psql_do() { "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -At "$@"; }

# Waits until the server at port $1 (pid $2, log $3) answers its health check.
wait_for_server() {
    for _ in $(seq 1 120); do
        if curl -fsS "http://127.0.0.1:$1/api/v1/health" >/dev/null 2>&1; then
            return
        fi
        if ! kill -0 "$2" 2>/dev/null; then
            cat "$3" >&2
            exit 1
        fi
        sleep 0.5
    done
    echo "error: the server did not answer in 60 s" >&2
    exit 1
}
