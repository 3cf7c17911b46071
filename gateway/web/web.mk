# Web client (gateway/web): included from the root Makefile.
#   make web-build   rebuild gateway/web/dist from the sources (commit the result)
#   make web-check   fail when the committed dist differs from a fresh build of the sources
#   make test-web    browser test in Debian's Chromium against `fitcoach dev` (screenshots in artifacts/web/)
# A fresh clone needs none of this to run the client: dist/ is committed and embedded by Go.

WEB_DIR := gateway/web
CHROMIUM ?= /usr/bin/chromium

.PHONY: web-deps web-build web-check test-web

# npm ci installs exactly package-lock.json; node_modules is reused while the lock is unchanged.
# Node.js and npm must be there (package.json's engines); what npm ci installed is checked.
$(WEB_DIR)/node_modules/.package-lock.json: $(WEB_DIR)/package-lock.json $(WEB_DIR)/package.json
	@command -v node >/dev/null && command -v npm >/dev/null || { \
		echo "web: Node.js >= 20.19 and npm are needed (Debian: apt-get install nodejs npm)"; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || { \
		echo "web: Node.js >= 20.19 is needed, found $$(node --version)"; exit 1; }
	cd $(WEB_DIR) && npm ci --no-audit --no-fund
	@for f in .bin/tsc .bin/vite playwright-core/package.json axe-core/axe.min.js; do \
		[ -e $(WEB_DIR)/node_modules/$$f ] || { echo "web: npm ci did not install node_modules/$$f"; exit 1; }; done
	@touch $@

web-deps: $(WEB_DIR)/node_modules/.package-lock.json

web-build: web-deps
	cd $(WEB_DIR) && npm run build

web-check: web-deps
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	(cd $(WEB_DIR) && npx tsc --noEmit && npx vite build --logLevel warn --emptyOutDir --outDir "$$tmp/dist") && \
	if ! diff -r "$$tmp/dist" $(WEB_DIR)/dist >/dev/null; then \
		diff -r "$$tmp/dist" $(WEB_DIR)/dist | head -20; \
		echo "gateway/web/dist is stale: run 'make web-build' and commit it"; exit 1; fi

test-web: web-deps web-check
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "installing Debian's chromium"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { \
			echo "web: could not install chromium with apt-get (as root on Debian), or set CHROMIUM=/path/to/chromium"; exit 1; }; \
		[ -x $(CHROMIUM) ] || { echo "web: no Chromium at $(CHROMIUM) after apt-get install chromium; set CHROMIUM=/path/to/chromium"; exit 1; }; \
	fi
	cd $(WEB_DIR) && CHROMIUM_PATH=$(CHROMIUM) node tests/e2e.mjs
