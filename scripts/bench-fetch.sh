#!/usr/bin/env bash
# Fetch-only throughput: the QTickets client listing every order of a generated organiser from
# the in-process fake on loopback, no rate limit. Usage: scripts/bench-fetch.sh [orders] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product qtickets-bench-decode >&2
exec "$(swift build -c release --show-bin-path)/qtickets-bench-decode" fetch "${1:-100000}" "${2:-8}"
