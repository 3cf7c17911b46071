#!/usr/bin/env bash
# Brings third-party .proto files into .third_party/proto (gitignored) from the Go module
# cache, at pinned versions, so generation and buf lint run offline and nothing is hand-copied.
set -euo pipefail
cd "$(dirname "$0")/.."

# protovalidate's validate.proto; keep in step with buf.build/go/protovalidate in pkg/go.mod.
PROTOVALIDATE_VERSION=v1.2.2

dest=.third_party/proto
dir=$(GOFLAGS=-mod=mod GOWORK=off go mod download -json "github.com/bufbuild/protovalidate@${PROTOVALIDATE_VERSION}" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "fetch-protos: protovalidate ${PROTOVALIDATE_VERSION} not found" >&2; exit 1; }
mkdir -p "$dest/buf/validate"
install -m 0644 "$dir/proto/protovalidate/buf/validate/validate.proto" "$dest/buf/validate/validate.proto"
