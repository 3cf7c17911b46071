#!/usr/bin/env bash
# Runs CI (.ci/run) as a newcomer's machine would: a fresh clone of the committed HEAD, empty Go
# module and build caches, no Go tools installed, no node_modules, an empty npm cache, a
# temporary HOME and a PATH without the Go bin dirs, CI=true. Anything a step takes from an
# earlier run instead of installing it fails here. Prints each step's wall time (.ci/run's table,
# then this script's own) and removes everything it made, failed or interrupted.
#   scripts/ci-fresh.sh            (takes long: every module is downloaded and built again)
# Only uncommitted changes are not tested: commit first. GOFLAGS, GOPROXY, GOSUMDB and the other
# download settings stay as this machine has them; PostgreSQL, Redis and Chromium are machine
# services, which .ci/run starts or installs when missing.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
head="$(git -C "$repo" rev-parse HEAD)"
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "ci-fresh: uncommitted changes in $repo are not part of this run (it tests $head)" >&2
fi

# The machine's Go download settings, read before HOME changes (go env reads $HOME/.config/go/env).
for v in GOFLAGS GOPROXY GOSUMDB GONOSUMDB GONOPROXY GOPRIVATE GOINSECURE; do
  export "$v=$(go env "$v")"
done
real_home="$HOME"
old_gobins=("$HOME/go/bin" "$(go env GOPATH | cut -d: -f1)/bin")
[ -z "$(go env GOBIN)" ] || old_gobins+=("$(go env GOBIN)")

# The clone sits beside the repository (so ../shared resolves as it does for the repository);
# caches and HOME in /tmp.
clone="" scratch=""
cleanup() {
  local rc=$?
  local t=$SECONDS
  # The module cache is read-only by design; make it removable first.
  [ -z "$scratch" ] || { chmod -R u+w "$scratch" 2>/dev/null || true; rm -rf "$scratch"; }
  [ -z "$clone" ] || rm -rf "$clone"
  times+=("$(printf '%8s  %s' "$(fmt_secs $((SECONDS - t)))" "cleanup (clone, caches, HOME)")")
  printf '\n==> ci-fresh step times (wall clock)\n'
  printf '  %s\n' "${times[@]}"
  printf '  %8s  %s\n' "$(fmt_secs "$SECONDS")" "total (exit status $rc)"
  exit "$rc"
}
fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
times=()
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t=$SECONDS
clone="$(mktemp -d "$(dirname "$repo")/ci-fresh.XXXXXX")"
scratch="$(mktemp -d /tmp/ci-fresh.XXXXXX)"
git clone -q --no-checkout "$repo" "$clone"
git -C "$clone" checkout -q --detach "$head"
mkdir -p "$scratch"/{gomodcache,gocache,gobin,home,npm-cache}
times+=("$(printf '%8s  %s' "$(fmt_secs $((SECONDS - t)))" "fresh clone of $head")")

# PATH without any Go bin dir a previous run could have filled.
path=""
IFS=: read -ra entries <<<"$PATH"
for e in "${entries[@]}"; do
  skip=false
  for g in "${old_gobins[@]}"; do [ "$e" = "$g" ] && skip=true; done
  $skip || path="${path:+$path:}$e"
done

echo "ci-fresh: $clone at $head; GOMODCACHE, GOCACHE, GOBIN, HOME and the npm cache empty under $scratch"
t=$SECONDS
rc=0
(
  cd "$clone"
  export CI=true
  # TMPDIR stays: faults/ hands a temp dir to the postgres user, who cannot enter $scratch.
  export HOME="$scratch/home" PATH="$path"
  export GOMODCACHE="$scratch/gomodcache" GOCACHE="$scratch/gocache" GOBIN="$scratch/gobin"
  unset GOPATH GOENV
  # npm and git keep this machine's settings (registry, git identity) but none of its caches.
  [ ! -f "$real_home/.npmrc" ] || export npm_config_userconfig="$real_home/.npmrc"
  export npm_config_cache="$scratch/npm-cache"
  [ ! -f "$real_home/.gitconfig" ] || export GIT_CONFIG_GLOBAL="$real_home/.gitconfig"
  exec bash .ci/run
) || rc=$?
times+=("$(printf '%8s  %s' "$(fmt_secs $((SECONDS - t)))" "bash .ci/run (its own table is above), exit status $rc")")
exit "$rc"
