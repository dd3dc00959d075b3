#!/bin/sh
# fetch-echarts.sh: re-fetch the vendored echarts from the npm registry and
# verify it against the pinned checksums.
#
# The pinned version is templates/static/vendor/echarts/VERSION and the
# pinned sha256 sums of the vendored files are in SHA256SUMS next to it.
#
#   fetch-echarts.sh            fetch the pinned version, verify every file
#                               against SHA256SUMS, then install the files.
#   fetch-echarts.sh --check    fetch and verify only; also check that the
#                               files in the tree match. Changes nothing.
#   fetch-echarts.sh --pin 5.x.y
#                               vendor another 5.x version: fetch it, install
#                               it, and rewrite VERSION and SHA256SUMS.
#                               Review the diff before committing.
#
# Needs sh, tar, sha256sum (or shasum) and either npm or curl. The tarball
# comes from the npm registry ($NPM_REGISTRY, default
# https://registry.npmjs.org); with npm, `npm pack` also checks the
# tarball against the registry's integrity hash.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
vendor="$root/templates/static/vendor/echarts"
registry="${NPM_REGISTRY:-https://registry.npmjs.org}"
registry="${registry%/}"

# The files taken from the package: "path-in-package vendored-name".
files='dist/echarts.min.js echarts.min.js
LICENSE LICENSE
NOTICE NOTICE
licenses/LICENSE-d3 LICENSE-d3'

die() { echo "fetch-echarts: $*" >&2; exit 1; }

sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum "$@"
	else
		shasum -a 256 "$@"
	fi
}

mode=install
version=$(tr -d ' \n\r\t' <"$vendor/VERSION")
case "${1:-}" in
"") ;;
--check) mode=check ;;
--pin)
	mode=pin
	version="${2:-}"
	[ -n "$version" ] || die "usage: $0 --pin 5.x.y"
	;;
-h | --help)
	sed -n '2,/^set -eu/s/^# \{0,1\}//p' "$0"
	exit 0
	;;
*) die "unknown argument $1 (want --check or --pin VERSION)" ;;
esac
case "$version" in
5.[0-9]*.[0-9]*) ;;
*) die "version $version: go-echarts v2 targets echarts 5; want 5.x.y" ;;
esac
case "$version" in
*[!0-9.]*) die "version $version: want a release version like 5.6.0" ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

tgz="$tmp/echarts-$version.tgz"
echo "fetch-echarts: fetching echarts@$version from $registry" >&2
if command -v npm >/dev/null 2>&1; then
	(cd "$tmp" && npm pack --silent --registry "$registry/" "echarts@$version" >/dev/null) ||
		die "npm pack echarts@$version failed"
else
	curl -fsSL -o "$tgz" "$registry/echarts/-/echarts-$version.tgz" ||
		die "download of echarts@$version failed"
fi
[ -f "$tgz" ] || die "no tarball $tgz"
mkdir "$tmp/package" "$tmp/out"
tar -xzf "$tgz" -C "$tmp"

got=$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$tmp/package/package.json" | head -n 1)
[ "$got" = "$version" ] || die "package.json says version $got, want $version"

echo "$files" | while read -r src dst; do
	[ -f "$tmp/package/$src" ] || die "package has no $src"
	cp "$tmp/package/$src" "$tmp/out/$dst"
done

if [ "$mode" = pin ]; then
	(cd "$tmp/out" && sha256 echarts.min.js LICENSE LICENSE-d3 NOTICE) >"$tmp/out/SHA256SUMS"
	echo "$version" >"$tmp/out/VERSION"
else
	(cd "$tmp/out" && sha256 -c "$vendor/SHA256SUMS" >/dev/null) ||
		die "echarts@$version from the registry does not match $vendor/SHA256SUMS"
	echo "fetch-echarts: echarts@$version matches SHA256SUMS" >&2
fi

if [ "$mode" = check ]; then
	(cd "$vendor" && sha256 -c SHA256SUMS >/dev/null) ||
		die "the vendored files in $vendor do not match SHA256SUMS"
	echo "fetch-echarts: vendored files match SHA256SUMS" >&2
	exit 0
fi

mkdir -p "$vendor"
for f in echarts.min.js LICENSE LICENSE-d3 NOTICE; do
	cp "$tmp/out/$f" "$vendor/$f"
done
if [ "$mode" = pin ]; then
	cp "$tmp/out/SHA256SUMS" "$tmp/out/VERSION" "$vendor/"
	echo "fetch-echarts: pinned echarts@$version; now update EchartsVersion in generator/chart/vendor.go and pinnedSHA256 in generator/chart/vendor_test.go" >&2
fi
echo "fetch-echarts: installed echarts@$version into $vendor" >&2
