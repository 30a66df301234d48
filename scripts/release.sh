#!/usr/bin/env bash
# Builds the release tarball: dist/qtickets-ingest-VERSION-linux-x86_64.tar.gz and its .sha256.
#
# The binary is built with the Swift standard library and Foundation linked statically
# (--static-swift-stdlib), so a server needs no Swift toolchain: `ldd` must show no libswift*,
# Foundation, Dispatch or ICU library (the script fails if it does). The git commit is stamped
# into the binary (`qtickets-ingest --version`). Packed beside it: the systemd units, the sample
# configuration, the schema, the Prometheus alert rules (with their promtool tests) and the
# README. The build has a folder of its own (.build-release) so it never disturbs the debug
# and demo builds; on 2 cores a first build takes several minutes.
#
#   scripts/release.sh            prints the tarball's path on its last line
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/install-deps.sh >&2

commit="$(git rev-parse --short=12 HEAD)"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then commit="$commit-dirty"; fi
scratch="$root/.build-release"
build=(swift build -c release --static-swift-stdlib --scratch-path "$scratch" -Xcc "-DQT_BUILD_COMMIT=$commit")
echo "== release build of commit $commit (static Swift standard library)" >&2
"${build[@]}" --product qtickets-ingest >&2
binary="$("${build[@]}" --show-bin-path)/qtickets-ingest"

# No Swift runtime may be needed at run time.
libraries="$(ldd "$binary" || true)"
if echo "$libraries" | grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|libicu|not found' >&2; then
    echo "release: the binary still needs the libraries above; it must link the Swift runtime statically" >&2
    exit 1
fi

stamp="$("$binary" --version)"
version="${stamp%% *}"
if [ "$stamp" != "$version (commit $commit)" ]; then
    echo "release: --version says '$stamp', expected '$version (commit $commit)'" >&2
    exit 1
fi

name="qtickets-ingest-$version-linux-x86_64"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
package="$stage/$name"
mkdir -p "$package/bin" "$package/systemd" "$package/config" "$package/prometheus"
cp "$binary" "$package/bin/qtickets-ingest"
if command -v strip >/dev/null; then strip "$package/bin/qtickets-ingest"; fi
cp configs/systemd/*.service configs/systemd/*.timer "$package/systemd/"
cp configs/.env.qtickets_api.sample configs/schema.sql "$package/config/"
cp configs/prometheus/*.yml "$package/prometheus/"
cp README.md "$package/"
printf '%s\n' "$stamp" > "$package/VERSION"

mkdir -p dist
tarball="dist/$name.tar.gz"
# Reproducible metadata: sorted names, root-owned, the commit's time.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$(git log -1 --format=%ct)" \
    -C "$stage" -czf "$tarball" "$name"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "release: $(du -h "$tarball" | cut -f1) $(cat "dist/$name.tar.gz.sha256")" >&2
echo "$root/$tarball"
