#!/usr/bin/env bash
# The whole test suite, as CI runs it: install what is missing, start a private ClickHouse,
# build, run every test (unit tests, the real ClickHouse, the fake QTickets API over loopback),
# stop ClickHouse again if this script started it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/install-deps.sh
started=0
if ! scripts/clickhouse.sh status >/dev/null 2>&1; then started=1; fi
QT_CLICKHOUSE_ENV="$(scripts/clickhouse.sh start)"
export QT_CLICKHOUSE_ENV
if [ "$started" = 1 ]; then trap 'scripts/clickhouse.sh stop' EXIT; fi

swift build --build-tests
swift test --skip-build --disable-xctest "$@"
