#!/usr/bin/env bash
# make bench: every benchmark the issues name, plus the load runs (fitcoach dev, then the four
# processes on PostgreSQL + Redis: bench/run.sh --cluster), as one markdown table of
# figures beside their targets. Writes artifacts/bench/results.md (and the raw outputs).
#   scripts/bench.sh [load-seconds]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"
out=artifacts/bench
mkdir -p "$out"
raw="$out/go-bench.txt"
: >"$raw"

# name regexp | package | target (ns) | what
benches=(
  "^BenchmarkValidatePlan\$|./services/plan/aiplan|350000|validate-plan: parse + every rule, 12-week plan (~80 KB)"
  "^BenchmarkAllowedColdSQLite\$|./services/catalog/whitelist|100000000|whitelist cold, 5,000 exercises / 100,000 clips (SQLite)"
  "^BenchmarkAllowedColdPostgres\$|./services/catalog/whitelist|100000000|whitelist cold, 5,000 exercises / 100,000 clips (PostgreSQL)"
  "^BenchmarkAllowedCached\$|./services/catalog/whitelist|20000|whitelist cached"
  "^BenchmarkListExercises\$|./services/catalog|2000000|ListExercises page of 50 of 5,000 via gRPC (SQLite)"
  "^BenchmarkBuildPlaylist\$/cold|./services/video/playlist|3000000|playlist, 10 exercises, 100,000 clips, cold candidates (SQLite)"
  "^BenchmarkBuildPlaylist\$/warm|./services/video/playlist|3000000|playlist, 10 exercises, 100,000 clips, warm"
  "^BenchmarkCreatePlanWithoutLLM\$|./services/plan|5000000|generation without the LLM call, 12 weeks (SQLite)"
  "^BenchmarkPlan12Weeks\$|./services/plan/planner|2000000|built-in planner, 12 weeks"
  "^BenchmarkTimeToPlan\$|./services/plan|30000000000|time to plan, 12 weeks, model streaming 50 tok/s"
)

fmt_ns() { awk -v n="$1" 'BEGIN{ if (n>=1e9) printf "%.2f s", n/1e9; else if (n>=1e6) printf "%.2f ms", n/1e6; else if (n>=1e3) printf "%.1f µs", n/1e3; else printf "%d ns", n }'; }

rows=()
for b in "${benches[@]}"; do
  IFS='|' read -r name pkg target what <<<"$b"
  benchtime=2s
  [[ "$name" == *TimeToPlan* || "$name" == *Cold* ]] && benchtime=5x
  res=$(go test -run '^$' -bench "$name" -benchtime "$benchtime" -count 3 -benchmem "$pkg" 2>&1 | tee -a "$raw" | awk '/^Benchmark/ {print $3}' | sort -n)
  if [ -z "$res" ]; then
    rows+=("| $what | $(fmt_ns "$target") | no result | ✗ |")
    continue
  fi
  median=$(echo "$res" | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  verdict="✓"; awk -v m="$median" -v t="$target" 'BEGIN{exit !(m>t)}' && verdict="✗"
  rows+=("| $what | ≤ $(fmt_ns "$target") | $(fmt_ns "$median") | $verdict |")
done

OUT="$out/load.jsonl" bench/run.sh "$secs" >"$out/load.txt" 2>&1 || { cat "$out/load.txt"; exit 1; }
cluster_ok=true
OUT="$out/load-cluster.jsonl" bench/run.sh --cluster "$secs" >"$out/load-cluster.txt" 2>&1 || cluster_ok=false
load_row() { # file scenario min-rps max-p99-ms what [rate]   (no min-rps: figures reported, only errors judged)
  local file=$1 line rps p99 errs verdict target
  shift
  if [ -n "${5:-}" ]; then
    line=$(grep "\"scenario\":\"$1\",\"rate\":$5," "$file" | tail -1)
  else
    line=$(grep "\"scenario\":\"$1\"," "$file" | grep -v '"rate"' | tail -1)
  fi
  rps=$(echo "$line" | sed 's/.*"throughput_rps":\([0-9.]*\).*/\1/')
  p99=$(echo "$line" | sed 's/.*"p99_ms":\([0-9.]*\).*/\1/')
  errs=$(echo "$line" | sed 's/.*"errors":\([0-9]*\).*/\1/')
  verdict="✓"
  [ -n "$2" ] && awk -v r="$rps" -v m="$2" 'BEGIN{exit !(r<m)}' && verdict="✗"
  [ -n "$3" ] && awk -v p="$p99" -v m="$3" 'BEGIN{exit !(p>m)}' && verdict="✗"
  [ "$errs" != "0" ] && verdict="✗"
  target="report"; [ -n "$2" ] && target="≥ $2 req/s"; [ -n "$3" ] && target="$target, p99 ≤ $3 ms"
  rows+=("| $4 | $target, 0 errors | $(printf '%.0f' "$rps") req/s, p99 ${p99} ms, ${errs} errors | $verdict |")
}
dev="$out/load.jsonl"
load_row "$dev" start 990 20 "load: POST …:start, 6-exercise day, open loop at 1,000 req/s, fitcoach dev, ${secs}s" 1000
load_row "$dev" start 1000 "" "load: POST …:start, closed loop (16 workers, capacity), fitcoach dev, ${secs}s"
load_row "$dev" exercises 3000 "" "load: GET /v1/exercises, fitcoach dev, ${secs}s"
cluster="$out/load-cluster.jsonl"
setup="four processes on PostgreSQL + Redis, ${secs}s"
if $cluster_ok; then
  load_row "$cluster" start "" "" "load: POST …:start, open loop at 1,000 req/s, $setup" 1000
  load_row "$cluster" start "" "" "load: POST …:start, closed loop (16 workers, capacity), $setup"
  load_row "$cluster" start-grpc "" "" "load: StartWorkout over gRPC straight to the plan service, closed loop, $setup"
  load_row "$cluster" exercises "" "" "load: GET /v1/exercises, $setup"
  load_row "$cluster" flow "" "" "load: whole flow, 200 new people, 8 at once (a request = a person), $setup"
else
  rows+=("| load: $setup | figures, 0 errors | the run failed: $out/load-cluster.txt | ✗ |")
fi
grpc=$(grep '"scenario":"start-grpc"' "$out/load.jsonl" | sed 's/.*"throughput_rps":\([0-9.]*\).*/\1/')
rest=$(grep '"scenario":"start",' "$out/load.jsonl" | grep -v '"rate"' | sed 's/.*"throughput_rps":\([0-9.]*\).*/\1/')
ratio=$(awk -v g="$grpc" -v r="$rest" 'BEGIN{printf "%.2f", g/r}')
rows+=("| gateway overhead on start: gRPC-direct throughput / REST throughput | report | ${ratio}× | – |")

{
  echo "# fitcoach benchmarks ($(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end)"
  echo
  echo "| what | target | measured (median of 3) | |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$out/results.md"
