#!/usr/bin/env bash
# Checks every systemd unit in configs/systemd/ (or in DIR) with `systemd-analyze verify`, in a
# scratch root so that it works in a container without a running systemd: the root holds the
# units, the distribution's own units (sysinit.target & co.), and stand-ins for the binaries the
# units start (verify checks that ExecStart= is executable). Template units are checked as an
# instance (`name@example.service`). Any output at all (an unknown key, a bad value, a missing
# unit) fails the check: systemd-analyze only warns about many mistakes and still exits 0.
#
#   scripts/check-units.sh [DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
units="${1:-$root/configs/systemd}"
command -v systemd-analyze >/dev/null || { echo "check-units: systemd-analyze missing (scripts/install-deps.sh installs systemd)" >&2; exit 1; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/etc/systemd/system" "$scratch/usr/lib/systemd"
cp -r /lib/systemd/system "$scratch/usr/lib/systemd/"
cp "$units"/*.service "$units"/*.timer "$scratch/etc/systemd/system/"

names=()
for file in "$units"/*.service "$units"/*.timer; do
    name="$(basename "$file")"
    case "$name" in *@.*) name="${name/@./@example.}" ;; esac
    names+=("$name")
    # A stand-in for every absolute executable the unit starts.
    { grep -hoE '^Exec[A-Za-z]*=[-@:+!]*(/[^ ]+)' "$file" || true; } | sed -E 's/^[^=]+=[-@:+!]*//' | while read -r exe; do
        mkdir -p "$scratch$(dirname "$exe")"
        printf '#!/bin/sh\n' > "$scratch$exe"
        chmod +x "$scratch$exe"
    done
done

output="$(systemd-analyze verify --man=no --root="$scratch" "${names[@]}" 2>&1)" && status=0 || status=$?
if [ "$status" -ne 0 ] || [ -n "$output" ]; then
    echo "$output" | sed "s|$scratch||g" >&2
    echo "check-units: FAILED (${names[*]})" >&2
    exit 1
fi
echo "check-units: ${#names[@]} units verified (${names[*]})"
