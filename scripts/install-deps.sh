#!/usr/bin/env bash
# Installs what qtickets-ingest needs from Debian's packages, only when missing.
# Idempotent: a second run installs nothing.
set -euo pipefail
need=()
# The operations checks: tmux (the progress bar seen in a pseudo-terminal), prometheus (its
# promtool checks the alert rules and the textfile), systemd (systemd-analyze verifies the units).
ops_packages="tmux prometheus systemd"
# The cluster suite (scripts/cluster.sh): one ZooKeeper from Debian's package (its jar and a
# Java runtime; no service is enabled, the script runs it in its own folder).
cluster_packages="zookeeper"
for pkg in clickhouse-server clickhouse-client zlib1g-dev libdeflate-dev libcurl4-openssl-dev libjemalloc-dev tzdata curl python3 time $ops_packages $cluster_packages; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ${#need[@]} -gt 0 ]; then
    echo "install-deps: installing ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# chDB: a current ClickHouse engine (26.x) in-process, behind scripts/chdb-server.py, so the
# tests check every statement against today's server too (~180 MB, PyPI only).
if ! python3 -c 'import chdb.session' 2>/dev/null; then
    echo "install-deps: installing chdb-core (PyPI)"
    if ! python3 -m pip --version >/dev/null 2>&1; then
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
    fi
    python3 -m pip install -q chdb-core 2>/dev/null || python3 -m pip install -q --break-system-packages chdb-core
    need+=(chdb-core)
fi
if [ ${#need[@]} -eq 0 ]; then
    echo "install-deps: everything present"
else
    echo "install-deps: done"
fi
