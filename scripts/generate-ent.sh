#!/usr/bin/env bash
# Regenerates each service's ent client from its schema package.
set -euo pipefail
cd "$(dirname "$0")/.."
for svc in services/*/; do
  if [ -d "${svc}ent/schema" ]; then
    (cd "$svc" && go tool ent generate --feature sql/upsert,sql/execquery ./ent/schema)
  fi
done
