#!/usr/bin/env bash
# Installs what the integration tests need beyond Go and checks that it is there: a real
# S3-compatible server (versitygw, pinned) standing in for Cloudflare R2, put where `go install`
# puts binaries ($(go env GOBIN), else $(go env GOPATH)/bin), which is where
# services/video/s3test looks first. Idempotent: a binary of the pinned version is kept.
# Then reports the local services the integration tests use; under CI=true a missing one fails
# here, at once, rather than as many failing tests later. `make test` and .ci/run run it.
set -euo pipefail
cd "$(dirname "$0")/.."
GOTOOLCHAIN="${GOTOOLCHAIN:-$(sed -n 's/^toolchain //p' go.work)}"
export GOTOOLCHAIN

VERSITYGW_MODULE=github.com/versity/versitygw
VERSITYGW_VERSION=v1.8.0

bindir="$(go env GOBIN)"
[ -n "$bindir" ] || bindir="$(go env GOPATH | cut -d: -f1)/bin"
bin="$bindir/versitygw"
pinned() { # the binary is there and was built from the pinned module version
  [ -x "$bin" ] && go version -m "$bin" 2>/dev/null |
    grep -Eq "^[[:space:]]+mod[[:space:]]+${VERSITYGW_MODULE}[[:space:]]+${VERSITYGW_VERSION}([[:space:]]|$)"
}
if ! pinned; then
  echo "install-test-deps: installing versitygw ${VERSITYGW_VERSION} into $bindir"
  GOFLAGS=-mod=mod GOWORK=off go install "${VERSITYGW_MODULE}/cmd/versitygw@${VERSITYGW_VERSION}"
  if ! pinned; then
    echo "install-test-deps: versitygw ${VERSITYGW_VERSION} is not at $bin after go install" >&2
    exit 1
  fi
fi
echo "install-test-deps: versitygw ${VERSITYGW_VERSION} at $bin"

# The services and server binaries the integration tests expect on this machine (README: "The
# two commands"). Missing ones make those tests skip locally and fail under CI=true.
missing=()
reachable() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
reachable 127.0.0.1 5432 || missing+=("PostgreSQL on 127.0.0.1:5432")
reachable 127.0.0.1 6379 || missing+=("Redis on 127.0.0.1:6379")
if ! command -v pg_ctl >/dev/null 2>&1 && ! compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; then
  missing+=("PostgreSQL server binaries (pg_ctl, initdb) for faults/")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  for m in "${missing[@]}"; do echo "install-test-deps: not found: $m" >&2; done
  if [ "${CI:-}" = true ]; then
    echo "install-test-deps: CI=true needs all of them" >&2
    exit 1
  fi
  echo "install-test-deps: the tests that need them will SKIP (CI=true fails them instead)" >&2
fi
