#!/usr/bin/env bash
# Issue 10's scale benchmark: one table, release build, the fake API and the scripts' ClickHouse.
#
# For each size (orders over one year of history, 400 events), the fake serves, each time as a
# fresh process that has served nothing yet (same seed, sizes and `--now`: the same organiser;
# `fresh_fake` says why):
#   - the whole backfill (fetch, decode, transform, insert, recompute) under /usr/bin/time -v:
#     wall, CPU, peak RSS, API requests and bytes on the wire, CPU µs per order; the fake
#     records every request it answers (`--request-log`);
#   - the reference: the same requests (those answered 200) replayed against the same fake,
#     as the client sends them, decoded with the product's fast decoders and dropped
#     (`qtickets-bench-decode replay`): what fetching exactly those pages costs at the least;
#   - both again with the source on a core of its own, as a real API runs on its own hardware:
#     the fake pinned to CPU 0, the ingester, the replay and ClickHouse to CPU 1 (restored to
#     every CPU afterwards, also on exit);
#   - the fake's own peak RSS, the largest of its four processes (it derives orders from their
#     index: flat in the size);
#   - where the unpinned wall goes: the CPU seconds of the fake, the ingester and ClickHouse
#     during the run, and of the fake and the replay during the reference, with the machine's
#     idle CPU seconds in each (when every process shares two CPUs, a ratio above 1 is mostly
#     the ingester's and ClickHouse's CPU taken from the fake).
# Then, at the first size: the same backfill with the fake limited to R requests/s (wall
# against requests / R, rejections), and the 24-hour run's ClickHouse seconds on a one-year
# and a five-year warehouse (RecomputeScaleBenchmark, system.query_log).
#
# Databases: scripts/bench-e2e.sh's (the scripts' ClickHouse lets the writer use only those).
# Usage: scripts/bench-scale.sh [sizes, default "100000 1000000 5000000"] [R, default 20]
#   QT_SCALE_ROUNDS=N: unpinned run + reference pairs per size above 200k orders (default 3; the median pair is shown).
#   QT_SCALE_SMALL_ROUNDS=N: the same for sizes up to 200k orders (default 7).
#   QT_SCALE_SKIP_WAREHOUSE=1: leave out the 1y/5y measurement.
#   QT_SCALE_CLICKHOUSE_ON_DISK=1: ClickHouse's data in the repository (.local/clickhouse), not tmpfs.
#
# Why ClickHouse's data is on tmpfs by default (a server of its own, stopped at the end): on
# this machine's ext4, creating a part's files after many were deleted costs the kernel time in
# inode allocation (`find_inode_bit` -> `recently_deleted`) that grows from run to run: the same
# 100k backfill cost ClickHouse 0.6 s, then 1.6 s, then 2.6 s of CPU in three runs in a row, 90%
# of it system time, and the pinned ratio followed it (1.25, 1.54, 1.90). On tmpfs it is 0.47 s
# every time. The ratio is about the ingester and its source, not this disk.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
sizes="${1:-100000 1000000 5000000}"
limit="${2:-20}"
concurrency="${QT_SCALE_CONCURRENCY:-4}"  # the default QTICKETS_API_CONCURRENCY
rounds="${QT_SCALE_ROUNDS:-3}"  # unpinned run + reference pairs per size; the median is shown
# Sizes up to 200k orders: more pairs. Their walls are under 2 s, where one scheduling hiccup of a
# tenth of a second moves the ratio by 0.05 (100k, five pairs of one build: 1.23 to 1.28), and a
# pair costs seconds.
small_rounds="${QT_SCALE_SMALL_ROUNDS:-7}"

scripts/install-deps.sh >/dev/null
ch_on_tmpfs=""
if [ -z "${QT_CH_DIR:-}" ] && [ -z "${QT_SCALE_CLICKHOUSE_ON_DISK:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export QT_CH_DIR=/dev/shm/qtickets-bench-clickhouse
    ch_on_tmpfs=1
fi
chenv="$(scripts/clickhouse.sh start)"
for product in qtickets-ingest qtickets-fake qtickets-bench-decode; do
    swift build -c release --product "$product" >/dev/null 2>&1 || swift build -c release --product "$product" >&2
done
bin="$(swift build -c release --show-bin-path)"
work="$root/.local/bench-scale"
rm -rf "$work"; mkdir -p "$work"
# shellcheck disable=SC1090
. "$chenv"
now=$(date +%s)

all_cpus="0-$(($(nproc) - 1))"
# The scripts' ClickHouse (scripts/clickhouse.sh keeps its PID there): moved to CPU 1 for the
# pinned measurement, back to every CPU afterwards, also when the script stops early.
ch_pidfile="${QT_CH_DIR:-$root/.local/clickhouse}/server.pid"
ch_pid="$(cat "$ch_pidfile" 2>/dev/null || true)"
fake_pid=""
cleanup() {
    if [ -n "$ch_pid" ]; then taskset -a -p -c "$all_cpus" "$ch_pid" >/dev/null 2>&1 || true; fi
    if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; fi
    if [ -n "$ch_on_tmpfs" ]; then scripts/clickhouse.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
pinning=1
if [ "$(nproc)" -lt 2 ] || ! command -v taskset >/dev/null || [ -z "$ch_pid" ]; then pinning=""; fi

calc() { python3 -c "print($1)"; }
clk_tck=$(getconf CLK_TCK)
# CPU seconds a process has used so far (user + system, every thread).
cpu_of() { if [ -n "$1" ] && [ -r "/proc/$1/stat" ]; then awk -v t="$clk_tck" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; else echo 0; fi; }
# CPU seconds every CPU of the machine has spent idle so far (idle + iowait).
idle_cpu() { awk -v t="$clk_tck" '/^cpu / {printf "%.2f", ($5 + $6) / t}' /proc/stat; }
chq() { curl -sS -H "X-ClickHouse-User: $CLICKHOUSE_USER" -H "X-ClickHouse-Key: $CLICKHOUSE_PASSWORD" "$CLICKHOUSE_HOST/" --data-binary "$1"; }

start_fake() { # args: orders, extra fake flags
    "$bin/qtickets-fake" serve --port 0 --token bench-token --seed 1 --events 400 --orders "$1" \
        --history-hours 8760 --now "$now" --max-per-page 1000 "${@:2}" > "$work/fake.out" 2> "$work/fake.log" &
    fake_pid=$!
    for _ in $(seq 1 3000); do grep -q '^QTICKETS_API_BASE_URL=' "$work/fake.out" 2>/dev/null && break; sleep 0.1; done
    base="$(grep -m1 '^QTICKETS_API_BASE_URL=' "$work/fake.out" | cut -d= -f2-)"
}

stop_fake() { # sets fake_rss (MB, the fake's peak), fake_peak (the largest of a size) and rejected
    fake_rss=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$fake_pid/status")
    if [ "$fake_rss" -gt "${fake_peak:-0}" ]; then fake_peak=$fake_rss; fi
    rejected=$(curl -s "${base%/api/rest/v1}/__fake/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("rejectedByRateLimit","?"))' 2>/dev/null || echo "?")
    kill "$fake_pid"; wait "$fake_pid" 2>/dev/null || true
    fake_pid=""
}

# A fake that has served nothing yet, for each run and each reference: the fake caches, per
# distinct `where`, the running counts of the orders it matches (one scan of every order), so a
# replay right after the run found every count the run had paid for. Measured at 1M orders: the
# same 1,760 requests cost the fake 22.0 CPU-s on a fresh fake and 19.8 on the one that had
# served them (13.0 s against 11.8 s of wall). Every fake is started with the same seed, sizes
# and `--now`: the same organiser, order for order. Args: orders, [request log, emptied first].
fresh_fake() {
    if [ -n "$fake_pid" ]; then stop_fake; fi
    if [ -n "${2:-}" ]; then
        : > "$2"
        start_fake "$1" --request-log "$2"
    else
        start_fake "$1"
    fi
}

# Until ClickHouse has no merge left from the run before (at most 30 s), and a second more: the
# run measured next, not its reference, would pay for them.
quiet_clickhouse() {
    for _ in $(seq 1 30); do
        [ "$(chq "SELECT count() FROM system.merges" 2>/dev/null | tr -d '[:space:]')" = "0" ] && break
        sleep 1
    done
    sleep 1
}

run_ingest() { # args: db rps concurrency [CPU list the ingester is pinned to]
    cat > "$work/env" <<ENV
QTICKETS_API_BASE_URL=$base
QTICKETS_API_TOKEN=bench-token
CLICKHOUSE_DB=$1
QTICKETS_API_RPS=$2
QTICKETS_API_BURST=1
QTICKETS_API_CONCURRENCY=$3
ENV
    chq "DROP DATABASE IF EXISTS $1" >/dev/null
    quiet_clickhouse
    local pin=()
    if [ -n "${4:-}" ]; then pin=(taskset -c "$4"); fi
    local ch_before fake_before idle_before
    ch_before=$(cpu_of "$ch_pid"); fake_before=$(cpu_of "$fake_pid"); idle_before=$(idle_cpu)
    /usr/bin/time -v -o "$work/time.txt" "${pin[@]}" "$bin/qtickets-ingest" --envfile "$chenv" --envfile "$work/env" \
        --since-hours 8761 > "$work/ingest.out" 2> "$work/ingest.log" || true
    ch_cpu=$(calc "$(cpu_of "$ch_pid") - $ch_before")
    fake_cpu=$(calc "$(cpu_of "$fake_pid") - $fake_before")
    idle=$(calc "$(idle_cpu) - $idle_before")
    wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    cpu=$(awk '/User time|System time/ {s+=$NF} END {print s}' "$work/time.txt")
    rss=$(awk '/Maximum resident set size/ {print int($NF/1024)}' "$work/time.txt")
    summary=$(grep 'ingestion run finished' "$work/ingest.log" | tail -1)
    field() { echo "$summary" | grep -o "$1=[^ ]*" | head -1 | cut -d= -f2; }
    requests=$(field requests); wire=$(field api_bytes_wire); status=$(field status); orders_read=$(field orders)
}

replay() { # args: request log [CPU list]; sets replay_seconds, replay_cpu, replay_fake_cpu, replay_idle
    local pin=()
    if [ -n "${2:-}" ]; then pin=(taskset -c "$2"); fi
    local fake_before idle_before
    fake_before=$(cpu_of "$fake_pid"); idle_before=$(idle_cpu)
    /usr/bin/time -f '%U %S' -o "$work/replay.time" "${pin[@]}" "$bin/qtickets-bench-decode" replay "$base" bench-token "$1" "$concurrency" > "$work/replay.out"
    replay_fake_cpu=$(calc "$(cpu_of "$fake_pid") - $fake_before")
    replay_idle=$(calc "$(idle_cpu) - $idle_before")
    replay_cpu=$(awk '{print $1 + $2}' "$work/replay.time")
    local replayed
    replayed=$(grep -o 'requests=[0-9]*' "$work/replay.out" | cut -d= -f2)
    [ "$replayed" = "$requests" ] || echo "note: the run made $requests requests, $replayed were replayed (answered 200)" >&2
    replay_seconds=$(grep -o 'seconds=[0-9.]*' "$work/replay.out" | cut -d= -f2)
}

rows=()
accounting=()
by_round=()
for n in $sizes; do
    echo "== $n orders" >&2
    log="$work/requests-$n.log"
    fake_peak=0
    # The unpinned run and its reference, `rounds` times (each pair on fresh fakes): on two
    # shared cores one pair's ratio moves by several hundredths from run to run (100k orders,
    # five runs this round: 1.24 to 1.34), so the table shows the median pair and the rounds
    # line every pair's ratio.
    results=()
    size_rounds=$rounds
    if [ "$n" -le 200000 ]; then size_rounds=$small_rounds; fi
    for round in $(seq 1 "$size_rounds"); do
        if [ "$size_rounds" -gt 1 ]; then echo "   round $round of $size_rounds" >&2; fi
        fresh_fake "$n" "$log"
        run_ingest bench_e2e_free 1000000 "$concurrency"
        fresh_fake "$n"
        replay "$log"
        same=$replay_seconds
        # Where the unpinned wall goes: every process shares the machine's CPUs, so the run's wall
        # follows the CPU the fake, the ingester and ClickHouse need, against the fake's and the
        # replay's, plus the CPU time nobody used (idle).
        account="$(printf '| %s | %.1f + %.1f + %.1f = %.1f | %.1f | %.1f + %.1f = %.1f | %.1f | %.2f | %.2f |' \
            "$n" "$fake_cpu" "$cpu" "$ch_cpu" "$(calc "$fake_cpu + $cpu + $ch_cpu")" "$idle" \
            "$replay_fake_cpu" "$replay_cpu" "$(calc "$replay_fake_cpu + $replay_cpu")" "$replay_idle" \
            "$(calc "($fake_cpu + $cpu + $ch_cpu) / ($replay_fake_cpu + $replay_cpu)")" "$(calc "$wall / $same")")"
        cp "$work/ingest.log" "$work/ingest-$n-$round.log"
        row=$(printf '| %s | %s | %.1f | %.1f | %s | %s | %.1f | %.2f | %.1f | %.2f |' \
            "$n" "$status" "$wall" "$cpu" "$rss" "$requests" "$(calc "${wire:-0} / 1e6")" "$(calc "$cpu * 1e6 / $n")" \
            "$same" "$(calc "$wall / $same")")
        results+=("$(calc "$wall / $same")"$'\t'"$account"$'\t'"$row")
    done
    median=$(printf '%s\n' "${results[@]}" | sort -t$'\t' -k1,1g | sed -n "$(((size_rounds + 1) / 2))p")
    accounting+=("$(printf '%s' "$median" | cut -f2)")
    row=$(printf '%s' "$median" | cut -f3)
    by_round+=("$n: $(printf '%s\n' "${results[@]}" | cut -f1 | xargs printf '%.3f ' | sed 's/ $//') (median $(printf '%.3f' "$(printf '%s' "$median" | cut -f1)"))")
    if [ -n "$pinning" ]; then
        echo "== $n orders, the fake on CPU 0, the ingester, the replay and ClickHouse on CPU 1" >&2
        fresh_fake "$n" "$log"
        taskset -a -p -c 0 "$fake_pid" >/dev/null
        taskset -a -p -c 1 "$ch_pid" >/dev/null
        run_ingest bench_e2e_free 1000000 "$concurrency" 1
        fresh_fake "$n"
        taskset -a -p -c 0 "$fake_pid" >/dev/null
        replay "$log" 1
        pinned_same=$replay_seconds
        # The fake's CPU per run: what its core did for the run against the same requests replayed.
        pinned_fake="$(printf '%.1f / %.1f' "$fake_cpu" "$replay_fake_cpu")"
        taskset -a -p -c "$all_cpus" "$ch_pid" >/dev/null
        pinned_status=""
        if [ "$status" != "$(echo "$row" | cut -d'|' -f3 | tr -d ' ')" ]; then pinned_status=" ($status)"; fi
        # What CPU 1 did meanwhile: the ingester's CPU plus ClickHouse's. Near the wall time,
        # the run waits for that core, not for the source.
        row+=$(printf ' %.1f%s | %.1f | %.2f | %.1f + %.1f |' "$wall" "$pinned_status" "$pinned_same" "$(calc "$wall / $pinned_same")" "$cpu" "$ch_cpu")
        row+=" $pinned_fake |"
    else
        row+=" n/a | n/a | n/a | n/a | n/a |"
    fi
    stop_fake
    rows+=("$row $fake_peak |")
done

first=${sizes%% *}
echo "== $first orders behind a server-side limit of $limit requests/s" >&2
start_fake "$first" --server-rps "$limit"
# The client half a request per second under the limit: its token bucket (burst 1) then
# grants at most R in any second, with 0.5/R s of slack for loopback jitter.
client_rps=$(calc "$limit - 0.5")
run_ingest bench_e2e_limited "$client_rps" "$concurrency"
stop_fake
floor=$(calc "$requests / $limit")
limited=$(printf 'limited to %s req/s (client at %s, burst 1): %s, wall %.1f s, %s requests, requests / R %.1f s, ratio %.3f (goal <= 1.05), rejected %s' \
    "$limit" "$client_rps" "$status" "$wall" "$requests" "$floor" "$(calc "$wall / $floor")" "$rejected")

warehouse="(skipped: QT_SCALE_SKIP_WAREHOUSE)"
if [ -z "${QT_SCALE_SKIP_WAREHOUSE:-}" ]; then
    echo "== the 24-hour run on a one-year and a five-year warehouse" >&2
    QT_SCALE_BENCH=1 QT_RELEASE_CHECK=0 scripts/test.sh --filter "RecomputeScaleBenchmark" > "$work/warehouse.log" 2>&1 || true
    warehouse=$(grep -E '^[15] y \||5-year / 1-year' "$work/warehouse.log" | tail -3 | tr '\n' ';' | sed 's/;$//' || true)
    [ -n "$warehouse" ] || warehouse="(no result: see $work/warehouse.log)"
fi

echo
echo "qtickets-ingest at scale ($(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM; concurrency $concurrency; ClickHouse data on ${ch_on_tmpfs:+tmpfs }${QT_CH_DIR:-$root/.local/clickhouse})"
echo
echo "| orders | status | wall s | CPU s | peak RSS MB | requests | MB on the wire | CPU µs/order | same requests s | wall / same requests | pinned: wall s | pinned: same requests s | pinned: ratio | pinned: CPU 1 busy s (ingester + ClickHouse) | pinned: CPU 0 busy s (the fake: run / same requests) | fake peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "Unpinned (every process on the same $(nproc) CPUs), CPU seconds, the median round ($small_rounds rounds up to 200k orders, $rounds above):"
echo
echo "| orders | run: fake + ingester + ClickHouse | run: idle | same requests: fake + replay | same requests: idle | CPU ratio | wall ratio |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${accounting[@]}"
echo
echo "Unpinned wall / same requests, each round: $(printf '%s; ' "${by_round[@]}" | sed 's/; $//')"
echo
echo "$limited"
echo "24-hour run, ClickHouse time, one-year vs five-year warehouse (same daily rate): $warehouse"
