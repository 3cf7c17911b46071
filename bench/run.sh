#!/usr/bin/env bash
# Load run against `fitcoach dev` on loopback: builds the CLI, starts it on free ports in a
# temp dir, drives bounded load and prints one line per scenario (and JSON to $OUT if set).
#   bench/run.sh [seconds-per-scenario]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT

go build -o "$tmp/fitcoach" ./cmd/fitcoach
go build -o "$tmp/load" ./bench/load

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
http="127.0.0.1:$(port)"; grpc="127.0.0.1:$(port)"
LOG_LEVEL=warn OPENAI_API_KEY= "$tmp/fitcoach" dev --data-dir "$tmp/data" --http-addr "$http" --grpc-addr "$grpc" >"$tmp/dev.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fs "http://$http/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://$http/readyz" >/dev/null || { cat "$tmp/dev.log"; exit 1; }

out="${OUT:-$tmp/results.jsonl}"
: >"$out"
run() { "$tmp/load" -base "http://$http" -grpc "$grpc" -json "$@" | tee -a "$out"; }
run -scenario start -n $((secs * 1000)) -c 64 -rate 1000 -duration "$((secs + 5))s"
run -scenario start -n $((secs * 4000)) -c 16 -duration "${secs}s"
run -scenario start-grpc -n $((secs * 4000)) -c 16 -duration "${secs}s"
run -scenario exercises -n $((secs * 8000)) -c 16 -duration "${secs}s"
run -scenario flow -n 200 -c 8 -duration "${secs}s"
echo "results: $out"
