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
cluster_started=0
cleanup() {
    if [ "$cluster_started" = 1 ]; then scripts/cluster.sh stop || true; fi
    if [ "$started" = 1 ]; then scripts/clickhouse.sh stop; fi
}
trap cleanup EXIT

swift build --build-tests
swift test --skip-build --disable-xctest "$@"

# The cluster suite (README "Running on a ClickHouse cluster"): two 18.16 replicas and one
# ZooKeeper (scripts/cluster.sh), as its own step, with the cluster's env file as the tests'
# ClickHouse; stopped again if this script started it. The run lock's contention tests run
# there too (quorum-written claims read with sequential consistency, half of the contenders
# through replica 2). The whole suite runs it; a filtered run only with QT_CLUSTER_TESTS=1 (0
# skips it).
if [ "${QT_CLUSTER_TESTS:-$([ $# -eq 0 ] && echo 1 || echo 0)}" = 1 ]; then
    if ! scripts/cluster.sh status >/dev/null 2>&1; then cluster_started=1; fi
    cluster_env="$(scripts/cluster.sh start)"
    # First and on their own: the cluster suite stops a replica and ZooKeeper under whatever
    # else runs beside it, and leaves them recovering.
    QT_CLUSTER_ENV="$cluster_env" QT_CLICKHOUSE_ENV="$cluster_env" swift test --skip-build --disable-xctest --filter RunLockContentionTests
    QT_CLUSTER_ENV="$cluster_env" QT_CLICKHOUSE_ENV="$cluster_env" swift test --skip-build --disable-xctest --filter ClusterTests
fi

# The whole suite (no arguments) also builds the release tarball and runs its packed binary
# (scripts/release.sh, scripts/check-release.sh): a static release build takes several
# minutes on 2 cores, so a filtered run skips it (QT_RELEASE_CHECK=1 forces it, 0 skips it).
if [ "${QT_RELEASE_CHECK:-$([ $# -eq 0 ] && echo 1 || echo 0)}" = 1 ]; then
    tarball="$(scripts/release.sh | tail -1)"
    scripts/check-release.sh "$tarball"
fi
