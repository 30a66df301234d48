#!/usr/bin/env bash
# Writer benchmark, side by side in one run on the same 1M rows × 12 columns:
#   1. BatchingInserter with compression off   vs  curl --data-binary @file (same RowBinary bytes)
#   2. BatchingInserter with gzip level 1      vs  gzip -1 | curl (Content-Encoding: gzip)
# plus the encoder alone, and the peak RSS of the writer's 1M-row insert (/usr/bin/time -v).
# Targets: writer >= 0.8x curl's rows/s in both pairs; peak RSS <= 100 MB.
#
#   scripts/bench-writer.sh [ROWS]       (default 1000000; starts the local ClickHouse if needed)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rows="${1:-1000000}"

command -v /usr/bin/time >/dev/null 2>&1 || [ -x /usr/bin/time ] || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends time >/dev/null
}

echo "== building qtickets-bench-writer (release)" >&2
swift build -c release --product qtickets-bench-writer >&2
bin="$(swift build -c release --show-bin-path)/qtickets-bench-writer"

envfile="$(scripts/clickhouse.sh start)"
set -a
# shellcheck disable=SC1090
. "$envfile"
set +a
db="${CLICKHOUSE_DB:-zakaz}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# SQL as the etl_writer user (headers, never the URL).
ch() {
    curl -sS --fail-with-body "$CLICKHOUSE_HOST/?database=$db" \
        -H "X-ClickHouse-User: $CLICKHOUSE_USER" -H "X-ClickHouse-Key: $CLICKHOUSE_PASSWORD" --data-binary "$1"
}
curl -sS --fail-with-body "$CLICKHOUSE_HOST/?user=default" --data-binary "CREATE DATABASE IF NOT EXISTS $db" >/dev/null
mapfile -t sql < <("$bin" ddl)
ddl="$(printf '%s\n' "${sql[@]:0:${#sql[@]}-1}")"
insert="${sql[-1]}"
table="$db.${insert#INSERT INTO $db.}"; table="${table%% *}"   # the table SaleRow declares
reset_table() { ch "DROP TABLE IF EXISTS $table" >/dev/null; ch "$ddl" >/dev/null; }
count_rows() { ch "SELECT count() FROM $table"; }
now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
kv() { sed -n "s/^$1=//p" "$2"; }
insert_url="$CLICKHOUSE_HOST/?database=$db&query=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$insert")"

echo "== generating $rows rows of RowBinary for curl" >&2
"$bin" generate "$rows" "$work/rows.bin"
raw_bytes=$(stat -c %s "$work/rows.bin")

echo "== encoder alone" >&2
"$bin" encode "$rows" > "$work/encode.txt"

run_curl_plain() {
    reset_table
    local t0 t1; t0=$(now)
    curl -sS --fail-with-body "$insert_url" -H "X-ClickHouse-User: $CLICKHOUSE_USER" \
        -H "X-ClickHouse-Key: $CLICKHOUSE_PASSWORD" --data-binary @"$work/rows.bin" >/dev/null
    t1=$(now)
    [ "$(count_rows)" = "$rows" ] || { echo "curl plain: row count mismatch" >&2; exit 1; }
    python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1"
}

run_curl_gzip() {
    reset_table
    local t0 t1; t0=$(now)
    gzip -1 -c "$work/rows.bin" | curl -sS --fail-with-body "$insert_url" -H "X-ClickHouse-User: $CLICKHOUSE_USER" \
        -H "X-ClickHouse-Key: $CLICKHOUSE_PASSWORD" -H "Content-Encoding: gzip" --data-binary @- >/dev/null
    t1=$(now)
    [ "$(count_rows)" = "$rows" ] || { echo "curl gzip: row count mismatch" >&2; exit 1; }
    python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1"
}

# The writer generates, encodes, batches and sends the rows itself (timed inside, from the
# first append to finish()); /usr/bin/time adds the peak RSS of the whole process.
run_writer() {
    reset_table
    /usr/bin/time -v "$bin" insert "$rows" "$1" > "$work/writer-$1.txt" 2> "$work/time-$1.txt"
    [ "$(count_rows)" = "$rows" ] || { echo "writer $1: row count mismatch" >&2; exit 1; }
    kv insert_seconds "$work/writer-$1.txt"
}

# The machine is shared and noisy: run the four measurements $reps times, interleaved, and
# compare medians.
reps="${BENCH_REPS:-3}"
median() { python3 -c "import sys, statistics; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
cps=(); wps=(); cgs=(); wgs=(); rss_plain=0; rss_gzip=0
rss_kb() { sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/time-$1.txt"; }
for rep in $(seq 1 "$reps"); do
    echo "== round $rep/$reps: curl plain, writer plain, curl gzip -1, writer gzip 1" >&2
    cps+=("$(run_curl_plain)")
    wps+=("$(run_writer none)"); r=$(rss_kb none); [ "$r" -gt "$rss_plain" ] && rss_plain=$r
    cgs+=("$(run_curl_gzip)")
    wgs+=("$(run_writer gzip:1)"); r=$(rss_kb gzip:1); [ "$r" -gt "$rss_gzip" ] && rss_gzip=$r
done
reset_table
curl_plain_s=$(median "${cps[@]}"); writer_plain_s=$(median "${wps[@]}")
curl_gzip_s=$(median "${cgs[@]}"); writer_gzip_s=$(median "${wgs[@]}")
rss_plain_mb=$(( rss_plain / 1024 ))
rss_gzip_mb=$(( rss_gzip / 1024 ))

cp=$(rate "$rows" "$curl_plain_s"); wp=$(rate "$rows" "$writer_plain_s")
cg=$(rate "$rows" "$curl_gzip_s"); wg=$(rate "$rows" "$writer_gzip_s")
cat <<REPORT

Writer benchmark: $rows rows x 12 columns, median of $reps interleaved rounds, $(( raw_bytes / 1000000 )) MB of RowBinary, ClickHouse $(ch "SELECT version()") on loopback
  encoder alone:            $(printf '%.0f' "$(kv encode_mb_per_s "$work/encode.txt")") MB/s, $(printf '%.0f' "$(kv encode_rows_per_s "$work/encode.txt")") rows/s
  no compression:  curl    $(printf '%6.2f' "$curl_plain_s") s  $cp rows/s
                   writer  $(printf '%6.2f' "$writer_plain_s") s  $wp rows/s   ratio writer/curl = $(ratio "$wp" "$cp")  ($(kv insert_batches "$work/writer-none.txt") batches)
  gzip level 1:    curl    $(printf '%6.2f' "$curl_gzip_s") s  $cg rows/s   (gzip -1 | curl)
                   writer  $(printf '%6.2f' "$writer_gzip_s") s  $wg rows/s   ratio writer/curl = $(ratio "$wg" "$cg")  ($(kv insert_batches "$work/writer-gzip:1.txt") batches, $(kv insert_sent_bytes "$work/writer-gzip:1.txt") bytes sent)
  peak RSS of the writer's insert: $rss_plain_mb MB (no compression), $rss_gzip_mb MB (gzip 1)   target <= 100 MB
  (each writer run generates its rows, encodes, batches and sends them: one process, timed from the first append to finish())
REPORT
