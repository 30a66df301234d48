#!/usr/bin/env bash
# Decoding throughput of realistic QTickets order pages: the reference decoder (JSONDecoder +
# models), the fast decoder and Python's json.loads on the same bytes, in the same run.
# Usage: scripts/bench-decode.sh [pages] [rounds] [fake|generator]
# (fake: pages served by the project's fake API; generator: the standalone page generator).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product qtickets-bench-decode >&2
exec "$(swift build -c release --show-bin-path)/qtickets-bench-decode" "${1:-200}" "${2:-3}" "${3:-fake}"
