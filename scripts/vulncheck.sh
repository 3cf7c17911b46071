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

osv="$(vtool list -m -f '{{.Dir}}' golang.org/x/vulndb)/data/osv"
db="$root/.third_party/vulndb/$(vtool list -m -f '{{.Version}}' golang.org/x/vulndb)"
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
