#!/usr/bin/env bash
# Runs every Go fuzz target for a bounded time each (default 20s): fuzz.sh [DURATION].
set -euo pipefail
cd "$(dirname "$0")/.."
dur="${1:-20s}"
found=0
while IFS= read -r file; do
  dir=$(dirname "$file")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$file" | sed 's/^func //'); do
    found=1
    echo "fuzz $dir $target ($dur)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$dur" "./$dir"
  done
done < <(git ls-files '*_test.go' | xargs grep -l '^func Fuzz' || true)
[ "$found" = 1 ] || echo "no fuzz targets yet"
