# fitcoach: every target runs from a fresh clone with only Go installed (and PostgreSQL/Redis
# on loopback for the integration tests).
SHELL := /bin/bash
GO ?= go
# Every build and test uses the patched release go.work names (the go command downloads it once
# from the module proxy), whatever GOTOOLCHAIN the machine sets.
export GOTOOLCHAIN := $(shell sed -n 's/^toolchain //p' go.work)
MODULES := ./pkg/... ./services/catalog/... ./services/video/... ./services/plan/... ./gateway/... ./cmd/fitcoach/... ./deploy/... ./bench/... ./faults/...

.PHONY: all build generate generate-check lint vulncheck test test-deps test-go test-short bench protos

all: build

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/fitcoach ./cmd/fitcoach

protos:
	./scripts/fetch-protos.sh

generate: protos
	$(GO) tool buf format -w
	$(GO) tool buf generate
	./scripts/generate-ent.sh
	cd services/plan && $(GO) run ./internal/rivergen

# Fails when committed generated code differs from what the generators produce now.
generate-check: generate
	@if [ -n "$$(git status --porcelain -- pkg/gen gateway/openapi proto services/*/ent services/*/migrations)" ]; then \
		git status --porcelain -- pkg/gen gateway/openapi proto services/*/ent services/*/migrations; \
		echo "generated code is stale: run 'make generate' and commit"; exit 1; fi

lint: protos
	$(GO) tool buf lint
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^pkg/gen/')); if [ -n "$$out" ]; then echo "gofmt:"; echo "$$out"; exit 1; fi
	$(GO) vet $(MODULES)

# govulncheck over every module, offline (scripts/vulncheck.sh says how the database is built).
vulncheck:
	./scripts/vulncheck.sh

# Every test: Go unit, integration (PostgreSQL, Redis, S3 server) and end-to-end, then the
# browser test of the web client.
test: test-go test-web

# What the Go tests need beyond Go, installed (versitygw, pinned) and checked first, so no test
# skips for a missing tool; it names any local service that is down (CI=true fails on it).
test-deps:
	./scripts/install-test-deps.sh

test-go: test-deps
	$(GO) test -count=1 -timeout 30m $(MODULES)

test-short:
	$(GO) test -short -count=1 $(MODULES)

bench:
	./scripts/bench.sh

# The web client's build and browser test (npm, Chromium) live beside its sources; included
# last so `all` stays the default target.
include gateway/web/web.mk
