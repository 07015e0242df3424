#!/usr/bin/env bash
# The test command of NSDB: formatting, lints, and every test of the workspace, first on the
# embedded SQLite and then on a throw-away PostgreSQL cluster.
#
#   bash scripts/test.sh
#
# On a fresh Debian 12 machine with only the Rust toolchain, run as root: missing system
# packages (PostgreSQL; Chromium + ChromeDriver and xmllint for the browser and XSD tests)
# are installed with apt-get first. Extra arguments are passed to both `cargo test` runs
# (e.g. `bash scripts/test.sh -- --test-threads 4`).
set -euo pipefail

cd "$(dirname "$0")/.."

START=$(date +%s)
phase() {
    local now
    now=$(date +%s)
    printf '\n==== [%4ss] %s ====\n' "$((now - START))" "$*"
}

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: need root (or sudo) to run: $*" >&2
        exit 1
    fi
}

postgres_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
        echo "$dir"
    fi
}

# ---------------------------------------------------------------------------------------
phase "system packages"
missing=()
[ -n "$(postgres_bin)" ] || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# pdftotext, pdftoppm and pdfinfo: the PDF tests read the printed forms back with them.
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "all present (postgresql, chromium, chromium-driver, libxml2-utils, poppler-utils)"
fi
PG_BIN=$(postgres_bin)
if [ -z "$PG_BIN" ]; then
    echo "error: PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin" >&2
    exit 1
fi

if command -v rustup >/dev/null 2>&1; then
    for component in rustfmt clippy; do
        if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
            rustup component add "$component"
        fi
    done
fi
cargo --version
# A clean build gains nothing from incremental compilation, whose caches doubled the disk the
# build needs (set CARGO_INCREMENTAL=1 to keep them between local runs).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

# ---------------------------------------------------------------------------------------
phase "cargo fmt --all -- --check"
cargo fmt --all -- --check

phase "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

# ---------------------------------------------------------------------------------------
# Every test run's output is also kept, to print one total at the end.
TEST_LOG=$(mktemp /tmp/nsdb-test-log.XXXXXX)
trap 'rm -f "$TEST_LOG"' EXIT

phase "cargo test --workspace (SQLite)"
env -u NSDB_TEST_DATABASE_URL cargo test --workspace "$@" 2>&1 | tee -a "$TEST_LOG"

# ---------------------------------------------------------------------------------------
phase "throw-away PostgreSQL cluster ($PG_BIN)"
PG_DIR=$(mktemp -d /tmp/nsdb-test-pg.XXXXXX)
PG_STARTED=0
if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PG_DIR"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi
cleanup() {
    if [ "$PG_STARTED" = 1 ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR" "$TEST_LOG"
}
trap cleanup EXIT

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PG_PORT=""
for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! port_in_use "$candidate"; then
        PG_PORT=$candidate
        break
    fi
done
[ -n "$PG_PORT" ] || { echo "error: no free port found" >&2; exit 1; }

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; exit 1; }
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 1; }
PG_STARTED=1
echo "PostgreSQL listening on 127.0.0.1:$PG_PORT (data in $PG_DIR)"

# Only the black-box suite reaches the database backend (the store's own tests run on
# SQLite files of their own). `--workspace` keeps the features of the first run's build: with
# `-p nsdb` Cargo resolved other features and built everything a second time.
phase "cargo test --workspace --test it (PostgreSQL)"
NSDB_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres" cargo test --workspace --test it "$@" 2>&1 | tee -a "$TEST_LOG"

phase "all tests passed"
# The sum of every `test result:` line of both runs (SQLite and PostgreSQL).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;?$/) p += $i; if ($(i+1) ~ /^failed;?$/) f += $i } }
     END { printf "total: %d passed, %d failed\n", p, f }' "$TEST_LOG"
