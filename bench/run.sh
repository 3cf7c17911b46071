#!/usr/bin/env bash
# Load runs on loopback. Builds the CLI, starts fitcoach on free ports in a temp dir, drives
# bounded load and prints one line per scenario (and JSON to $OUT if set); everything it started
# or created is stopped and removed on exit, failed or not. See bench/README.md.
#   bench/run.sh [--cluster] [--soak DURATION] [seconds-per-scenario]   (default 30)
# Default: `fitcoach dev` (one process, SQLite). --cluster: `fitcoach serve catalog|video|plan|
# gateway` as four processes on three fresh PostgreSQL databases (127.0.0.1:5432, user postgres)
# and Redis db $BENCH_REDIS_DB (default 5) on 127.0.0.1:6379, flushed before and after.
# --soak DURATION: instead of the scenarios, start at $SOAK_RATE req/s (300) and the whole flow
# at $SOAK_FLOW_RATE people/s (1) for DURATION, sampling every process's /metrics into
# artifacts/bench/soak-<dev|cluster>.csv; fails unless goroutines and memory stay flat. The plan
# cache is cut to $SOAK_PLAN_CACHE_SIZE plans (50), so it is full after the warm-up minute
# rather than growing by design all along; what still grows after that is a leak.
set -euo pipefail
cd "$(dirname "$0")/.."
GOTOOLCHAIN="${GOTOOLCHAIN:-$(sed -n 's/^toolchain //p' go.work)}"
export GOTOOLCHAIN

mode=dev soak=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cluster) mode=cluster; shift ;;
    --soak) soak="${2:?--soak needs a duration, e.g. 10m}"; shift 2 ;;
    -*) echo "usage: bench/run.sh [--cluster] [--soak DURATION] [seconds]" >&2; exit 2 ;;
    *) break ;;
  esac
done
secs="${1:-30}"
redis_db="${BENCH_REDIS_DB:-5}"
pg=(psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)

tmp=$(mktemp -d)
pids=() dbs=() loadpid=""
cleanup() {
  for p in $loadpid "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  for d in "${dbs[@]}"; do "${pg[@]}" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" || true; done
  if [ "$mode" = cluster ]; then redis-cli -h 127.0.0.1 -n "$redis_db" FLUSHDB >/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# fail prints the processes' logs and exits.
fail() {
  echo "bench: $*" >&2
  for f in "$tmp"/*.log; do [ -e "$f" ] && { echo "== $f" >&2; tail -n 40 "$f" >&2; }; done
  exit 1
}

go build -o "$tmp/fitcoach" ./cmd/fitcoach
go build -o "$tmp/load" ./bench/load

# fg runs the load generator and waits for it in a way a signal interrupts (bash defers traps
# until a foreground command ends), so Ctrl-C stops a soak at once and still cleans up.
fg() {
  local rc=0
  "$tmp/load" "$@" &
  loadpid=$!
  wait "$loadpid" || rc=$?
  loadpid=""
  return "$rc"
}

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
http="127.0.0.1:$(port)"

# launch NAME ENV... -- ARGS...: runs the binary in the background, logging to $tmp/NAME.log.
launch() {
  local name=$1 env=()
  shift
  while [ "$1" != -- ]; do env+=("$1"); shift; done
  shift
  env "${env[@]}" "$tmp/fitcoach" "$@" >"$tmp/$name.log" 2>&1 &
  pids+=($!)
}

tuning=()
[ -n "$soak" ] && tuning=("PLAN_CACHE_SIZE=${SOAK_PLAN_CACHE_SIZE:-50}")

if [ "$mode" = dev ]; then
  grpc="127.0.0.1:$(port)"
  launch dev LOG_LEVEL=warn OPENAI_API_KEY= "${tuning[@]}" -- dev --data-dir "$tmp/data" --http-addr "$http" --grpc-addr "$grpc"
  metrics="dev=http://$http/metrics"
else
  "${pg[@]}" -c 'SELECT 1' >/dev/null || fail "--cluster needs PostgreSQL on 127.0.0.1:5432 (user postgres)"
  redis-cli -h 127.0.0.1 -n "$redis_db" FLUSHDB >/dev/null || fail "--cluster needs Redis on 127.0.0.1:6379"
  suffix=$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
  declare -A addr
  for svc in catalog video plan; do addr[$svc]="127.0.0.1:$(port)"; done
  # The load generator mints its tokens with the servers' secret: production has no /dev/token.
  FITCOACH_JWT_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
  export FITCOACH_JWT_SECRET
  common=(LOG_LEVEL=warn "FITCOACH_JWT_SECRET=$FITCOACH_JWT_SECRET" "FITCOACH_DATA_DIR=$tmp/data"
    "REDIS_URL=redis://127.0.0.1:6379/$redis_db"
    "CATALOG_ADDR=${addr[catalog]}" "VIDEO_ADDR=${addr[video]}" "PLAN_ADDR=${addr[plan]}"
    "MEDIA_DIR=$tmp/data/media" "MEDIA_BASE_URL=http://$http/media" OPENAI_API_KEY= FITCOACH_LOAD_STARTER=true
    "${tuning[@]}")
  metrics="gateway=http://$http/metrics"
  for svc in catalog video plan; do
    db="bench_${svc}_$suffix"
    "${pg[@]}" -c "CREATE DATABASE $db" || fail "cannot create database $db"
    dbs+=("$db")
    dsn="postgres://postgres@127.0.0.1:5432/$db?sslmode=disable"
    "$tmp/fitcoach" migrate "$svc" up --database-url "$dsn" >>"$tmp/migrate.log" 2>&1 || fail "migrate $svc"
    m="127.0.0.1:$(port)"
    launch "$svc" "${common[@]}" "DATABASE_URL=$dsn" "FITCOACH_METRICS_ADDR=$m" -- serve "$svc" --grpc-addr "${addr[$svc]}"
    metrics="$metrics,$svc=http://$m/metrics"
  done
  launch gateway "${common[@]}" -- serve gateway --http-addr "$http"
  grpc="${addr[plan]}"
fi

for _ in $(seq 300); do curl -fs "http://$http/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://$http/readyz" >/dev/null || fail "http://$http/readyz never answered 200"

if [ -n "$soak" ]; then
  mkdir -p artifacts/bench
  fg -base "http://$http" -soak "$soak" -rate "${SOAK_RATE:-300}" -flow-rate "${SOAK_FLOW_RATE:-1}" -c 64 \
    -metrics "$metrics" -samples "artifacts/bench/soak-$mode.csv"
  exit
fi

out="${OUT:-$tmp/results.jsonl}"
: >"$out"
run() {
  fg -base "http://$http" -grpc "$grpc" -json "$@" >"$tmp/result.json"
  tee -a "$out" <"$tmp/result.json"
}
run -scenario start -n $((secs * 1000)) -c 64 -rate 1000 -duration "$((secs + 5))s"
run -scenario start -n $((secs * 4000)) -c 16 -duration "${secs}s"
run -scenario start-grpc -n $((secs * 4000)) -c 16 -duration "${secs}s"
run -scenario exercises -n $((secs * 8000)) -c 16 -duration "${secs}s"
run -scenario flow -n 200 -c 8 -duration "${secs}s"
echo "results: $out"
