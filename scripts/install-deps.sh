#!/usr/bin/env bash
# Installs what qtickets-ingest needs from Debian's packages, only when missing.
# Idempotent: a second run installs nothing.
set -euo pipefail
need=()
# The operations checks: tmux (the progress bar seen in a pseudo-terminal), prometheus (its
# promtool checks the alert rules and the textfile), systemd (systemd-analyze verifies the units).
ops_packages="tmux prometheus systemd"
for pkg in clickhouse-server clickhouse-client zlib1g-dev libcurl4-openssl-dev libjemalloc-dev tzdata curl python3 time $ops_packages; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -eq 0 ]; then
    echo "install-deps: everything present"
    exit 0
fi
echo "install-deps: installing ${need[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "install-deps: done"
