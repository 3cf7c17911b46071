#!/usr/bin/env bash
# Installs what the integration tests need beyond Go: a real S3-compatible server (versitygw)
# standing in for Cloudflare R2. Pinned; idempotent.
set -euo pipefail
VERSITYGW_VERSION=v1.8.0
export PATH="$PATH:$(go env GOPATH)/bin"
if ! command -v versitygw >/dev/null 2>&1; then
  GOFLAGS=-mod=mod GOWORK=off go install "github.com/versity/versitygw/cmd/versitygw@${VERSITYGW_VERSION}"
fi
