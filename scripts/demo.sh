#!/usr/bin/env bash
# The README's first command: a real ingestion on local defaults.
#
# Installs what is missing, starts a private ClickHouse, serves a generated organiser from the
# project's fake QTickets API on loopback, runs `qtickets-ingest --since-hours 720` against
# both, and prints the operators' three runbook queries. ClickHouse keeps running afterwards
# (`scripts/clickhouse.sh stop` stops it); the fake stops with this script.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/install-deps.sh
chenv="$(scripts/clickhouse.sh start)"
echo "== building (release; the first build takes several minutes)"
swift build -c release --product qtickets-ingest
swift build -c release --product qtickets-fake
bin="$(swift build -c release --show-bin-path)"

demo="$root/.local/demo"
mkdir -p "$demo"
token="demo-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
"$bin/qtickets-fake" serve --port 0 --token "$token" --seed 42 --events 40 --orders 20000 --history-hours 720 \
    > "$demo/fake.out" 2> "$demo/fake.log" &
fake_pid=$!
trap 'kill $fake_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q '^QTICKETS_API_BASE_URL=' "$demo/fake.out" 2>/dev/null && break; sleep 0.1; done
base="$(grep -m1 '^QTICKETS_API_BASE_URL=' "$demo/fake.out" | cut -d= -f2-)"
[ -n "$base" ] || { echo "the fake QTickets API did not start; see $demo/fake.log" >&2; exit 1; }

cat > "$demo/.env.qtickets_api" <<ENV
QTICKETS_API_BASE_URL=$base
QTICKETS_API_TOKEN=$token
TZ=Europe/Moscow
ORG_NAME=demo-organiser
QTICKETS_API_RPS=200
QTICKETS_API_CONCURRENCY=8
ENV
echo "== qtickets-ingest --envfile $chenv --envfile $demo/.env.qtickets_api --since-hours 720"
"$bin/qtickets-ingest" --envfile "$chenv" --envfile "$demo/.env.qtickets_api" --since-hours 720

# shellcheck disable=SC1090
. "$chenv"
query() {
    echo
    echo "== $1"
    curl -sS --fail-with-body -H "X-ClickHouse-User: $CLICKHOUSE_USER" -H "X-ClickHouse-Key: $CLICKHOUSE_PASSWORD" \
        "$CLICKHOUSE_HOST/" --data-binary "$1 FORMAT PrettyCompactMonoBlock"
}
query "SELECT count(), max(sale_ts) FROM $CLICKHOUSE_DB.fact_qtickets_sales_daily"
query "SELECT city, sum(tickets_left) FROM $CLICKHOUSE_DB.fact_qtickets_inventory_latest GROUP BY city ORDER BY city"
query "SELECT * FROM $CLICKHOUSE_DB.meta_job_runs WHERE job = 'qtickets_api' ORDER BY started_at DESC LIMIT 5"
