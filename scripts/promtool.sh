#!/usr/bin/env bash
# The Prometheus alert rules of deploy/monitoring: `promtool check rules` (syntax, PromQL,
# templates) and `promtool test rules` (alerts_test.yml: each alert fires on the series that
# should page and stays quiet on healthy ones). promtool is the version tools/go.mod pins as a
# Go tool, built by the go command from the module cache: no download outside the module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
GOTOOLCHAIN="${GOTOOLCHAIN:-$(sed -n 's/^toolchain //p' go.work)}"
export GOTOOLCHAIN
promtool() { go tool promtool "$@"; }

rules=deploy/monitoring/alerts.yml
promtool check rules "$rules"
# test rules resolves rule_files against the test file's directory.
promtool test rules deploy/monitoring/alerts_test.yml
