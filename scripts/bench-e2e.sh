#!/usr/bin/env bash
# End-to-end benchmark: qtickets-ingest against the fake API serving a generated organiser
# (default 100k orders), into the local ClickHouse.
#
#   1. unthrottled: wall time, orders/s, tickets/s, CPU seconds, peak RSS, requests sent;
#   2. with the fake limited to R requests/s and the ingester configured just under it:
#      wall time against requests/R (the floor any client obeying the limit has), and the
#      number of requests the fake rejected (should be 0).
#
# Usage: scripts/bench-e2e.sh [orders] [R]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
orders="${1:-100000}"
limit="${2:-50}"

scripts/install-deps.sh >/dev/null
chenv="$(scripts/clickhouse.sh start)"
swift build -c release --product qtickets-ingest >/dev/null
swift build -c release --product qtickets-fake >/dev/null
bin="$(swift build -c release --show-bin-path)"
work="$root/.local/bench-e2e"
rm -rf "$work"; mkdir -p "$work"
# shellcheck disable=SC1090
. "$chenv"

start_fake() { # args: extra fake flags
    "$bin/qtickets-fake" serve --port 0 --token bench-token --seed 1 --events 200 --orders "$orders" \
        --history-hours 8760 --now "$now" "$@" > "$work/fake.out" 2> "$work/fake.log" &
    fake_pid=$!
    for _ in $(seq 1 600); do grep -q '^QTICKETS_API_BASE_URL=' "$work/fake.out" 2>/dev/null && break; sleep 0.1; done
    base="$(grep -m1 '^QTICKETS_API_BASE_URL=' "$work/fake.out" | cut -d= -f2-)"
}

run_ingest() { # args: db rps concurrency [extra ingest flags]
    cat > "$work/env" <<ENV
QTICKETS_API_BASE_URL=$base
QTICKETS_API_TOKEN=bench-token
CLICKHOUSE_DB=$1
QTICKETS_API_RPS=$2
QTICKETS_API_CONCURRENCY=$3
ENV
    /usr/bin/time -v -o "$work/time.txt" "$bin/qtickets-ingest" --envfile "$chenv" --envfile "$work/env" --since-hours 8761 "${@:4}" > "$work/ingest.out" 2> "$work/ingest.log"
    wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    cpu=$(awk '/User time|System time/ {s+=$NF} END {print s}' "$work/time.txt")
    rss=$(awk '/Maximum resident set size/ {print int($NF/1024)}' "$work/time.txt")
    requests=$(grep -o 'requests=[0-9]*' "$work/ingest.log" | tail -1 | cut -d= -f2)
    tickets=$(curl -s -H "X-ClickHouse-User: $CLICKHOUSE_USER" -H "X-ClickHouse-Key: $CLICKHOUSE_PASSWORD" "$CLICKHOUSE_HOST/" --data-binary "SELECT count() FROM $1.fact_qtickets_tickets FINAL")
    status=$(grep -o 'status=[a-z]*' "$work/ingest.log" | tail -1)
}

calc() { python3 -c "print($1)"; }
now=$(date +%s)
echo "== generating and serving $orders orders (unthrottled)"
start_fake
run_ingest bench_e2e_fetch 100000 16 --dry-run
pages=$(curl -s "${base%/api/rest/v1}/__fake/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["byRoute"].get("orders", 0))')
printf 'fetch only (--dry-run): %s wall %.2f s, cpu %.2f s, peak RSS %s MB, requests %s, order pages/s %.0f, orders/s %.0f\n' \
    "$status" "$wall" "$cpu" "$rss" "$requests" "$(calc "$pages / $wall")" "$(calc "$orders / $wall")"
run_ingest bench_e2e_free 100000 16
kill "$fake_pid"; wait "$fake_pid" 2>/dev/null || true
printf 'unthrottled: %s wall %.2f s, cpu %.2f s, peak RSS %s MB, requests %s, orders/s %.0f, tickets/s %.0f\n' \
    "$status" "$wall" "$cpu" "$rss" "$requests" "$(calc "$orders / $wall")" "$(calc "$tickets / $wall")"

echo "== the same organiser behind a server-side limit of $limit requests/s"
start_fake --server-rps "$limit"
rps=$(calc "$limit * 0.9")
run_ingest bench_e2e_limited "$rps" 8
rejected=$(curl -s "${base%/api/rest/v1}/__fake/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("rejectedByRateLimit","?"))' 2>/dev/null || echo "?")
kill "$fake_pid"; wait "$fake_pid" 2>/dev/null || true
floor=$(calc "$requests / $limit")
printf 'limited to %s req/s (ingester at %.1f): %s wall %.2f s, requests %s, requests/R %.2f s, ratio %.2f, rejected %s\n' \
    "$limit" "$rps" "$status" "$wall" "$requests" "$floor" "$(calc "$wall / $floor")" "$rejected"
