#!/usr/bin/env bash
# The PDF benchmark of issue 10: renders the Parkinson sample form (nanbyo-006-2403, three
# pages) N times as the server does per request (evaluate + present + render) and prints the
# median and p99 time per PDF and its size, beside the targets (< 20 ms, < 150 KB). Release
# build, one thread. Not part of the tests.
#
#   benches/pdf.sh            # 500 renders
#   N=2000 benches/pdf.sh
#   OUT=/tmp/pdfs benches/pdf.sh   # also writes full, masked, draft and key-only PDFs there
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-500}
args=("$N")
if [ -n "${OUT:-}" ]; then
    args+=(--out "$OUT")
fi
cargo run --quiet --release -j2 -p nsdb-pdf --example pdf_bench -- "${args[@]}"
