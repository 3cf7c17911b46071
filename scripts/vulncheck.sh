#!/usr/bin/env bash
# govulncheck over every module of go.work (tests included) against the Go vulnerability
# database, offline. vuln.go.dev cannot be reached from CI, so the database is built from the OSV
# files of the golang.org/x/vulndb module (the version tools/vuln/go.mod pins; bump it to take
# newer advisories) with that repository's own indexdb command, once per version, under
# .third_party/vulndb/. Exits non-zero when code calls a vulnerable symbol.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
GOTOOLCHAIN="${GOTOOLCHAIN:-$(sed -n 's/^toolchain //p' go.work)}"
export GOTOOLCHAIN
vtool() { GOWORK=off go -C "$root/tools/vuln" "$@"; }

# The pinned version is read from go.mod; `go list -m` does not download, so the module is
# fetched explicitly (a no-op when it is already in the module cache) and its Dir taken from
# that download.
mod=golang.org/x/vulndb
if ! version="$(vtool list -m -f '{{.Version}}' "$mod")" || [ -z "$version" ]; then
  echo "vulncheck: cannot read the version of $mod that tools/vuln/go.mod pins" >&2
  exit 1
fi
if ! json="$(vtool mod download -json "$mod@$version")"; then
  echo "vulncheck: go mod download $mod@$version failed:" >&2
  echo "$json" >&2
  exit 1
fi
dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$json")"
osv="$dir/data/osv"
if [ -z "$dir" ] || [ ! -d "$osv" ]; then
  echo "vulncheck: $mod@$version is not in the module cache ($(go env GOMODCACHE)) after 'go mod download'; no OSV files at '$osv'" >&2
  exit 1
fi
db="$root/.third_party/vulndb/$version"
if [ ! -f "$db/index/db.json" ]; then
  echo "vulncheck: indexing $(ls "$osv" | wc -l) advisories into $db"
  rm -rf "$db.tmp"
  vtool tool indexdb -vulns "$osv" -out "$db.tmp"
  mv "$db.tmp" "$db"
fi

govulncheck="$(vtool tool -n govulncheck)"
# Every workspace module but the code generators in tools/, as one scan so shared packages are
# analysed once; patterns are relative to pkg/, whose go.mod govulncheck starts from.
mapfile -t modules < <(sed -n 's/^[[:space:]]*\.\/\([^[:space:]]*\)$/\1/p' go.work | grep -vx tools)
patterns=()
for m in "${modules[@]}"; do patterns+=("../$m/..."); done
cd pkg
"$govulncheck" -db "file://$db" -test "${patterns[@]}"
