# The two commands: `make demo` runs the product, `make test` passes every test. Both install what they need.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# This machine's pip config names local wheel folders that may be absent; its warnings say nothing of ours.
QUIET_PIP := 2>&1 | { grep -v '^WARNING: Location' || true; }
VENV := .venv
STAMP := .make
# The .po files themselves: a folder's date does not change when a file in it is edited.
EXT_SOURCES := $(shell find src style schema jupyterlab_catalyst/locale -type f 2>/dev/null) package.json tsconfig.json
SERVER_SOURCES := $(shell find server/src server/migrations -type f 2>/dev/null) server/package.json server/tsconfig.json

.PHONY: demo test bench lint clean install
.DEFAULT_GOAL := demo

## Run the product: a local JupyterHub with the extension, the service on PGlite and four demo users.
demo: install $(STAMP)/r-kernel
	@bash demo/run.sh

## Every test: lint and types, jest, the service on PGlite and PostgreSQL, a real hub, galata in Chromium.
test: install $(STAMP)/ui-tests $(STAMP)/chromium $(STAMP)/r-kernel
	@bash scripts/test.sh

## Benchmarks (numbers go to bench/README.md by hand after a run).
bench: install
	@bash bench/run.sh

install: $(STAMP)/extension-installed $(STAMP)/server-built $(STAMP)/demo-npm

$(STAMP):
	@mkdir -p $(STAMP)

$(STAMP)/venv: demo/requirements.txt | $(STAMP)
	@echo "==> Python environment ($(VENV)): JupyterLab, JupyterHub"
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	@$(VENV)/bin/pip install -q --upgrade pip $(QUIET_PIP)
	@$(VENV)/bin/pip install -q -r demo/requirements.txt $(QUIET_PIP)
	@touch $@

$(STAMP)/root-npm: package-lock.json | $(STAMP)
	@echo "==> npm ci (extension)"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP)/extension-built: $(STAMP)/root-npm $(EXT_SOURCES)
	@echo "==> building the JupyterLab extension"
	@npm run --silent build:prod
	@touch $@

$(STAMP)/extension-installed: $(STAMP)/venv $(STAMP)/extension-built pyproject.toml $(shell find jupyterlab_catalyst -name '*.py')
	@echo "==> installing the extension into $(VENV)"
	@$(VENV)/bin/pip install -q --no-deps --force-reinstall . $(QUIET_PIP)
	@touch $@

$(STAMP)/server-npm: server/package-lock.json | $(STAMP)
	@echo "==> npm ci (service)"
	@npm --prefix server ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP)/server-built: $(STAMP)/server-npm $(SERVER_SOURCES)
	@echo "==> building the companion service"
	@npm --prefix server run --silent build
	@touch $@

$(STAMP)/demo-npm: demo/package-lock.json | $(STAMP)
	@echo "==> npm ci (configurable-http-proxy)"
	@npm --prefix demo ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP)/ui-tests: ui-tests/package-lock.json | $(STAMP)
	@echo "==> npm ci (galata UI tests)"
	@npm --prefix ui-tests ci --no-audit --no-fund --loglevel=error
	@touch $@

# R and IRkernel come from Debian (no CRAN): about 30 packages, 46 MB installed, ~25 s here.
# The kernelspec goes into the venv, so the demo hub and the UI tests offer "R" next to Python.
IRKERNEL_SPEC := /usr/lib/R/site-library/IRkernel/kernelspec
R_PACKAGES := r-base-core r-cran-irkernel
$(STAMP)/r-kernel: $(STAMP)/venv
	@test -f $(IRKERNEL_SPEC)/kernel.json || { echo "==> installing R and IRkernel from Debian"; \
	  export DEBIAN_FRONTEND=noninteractive; APT="apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends"; \
	  $$APT $(R_PACKAGES) >/dev/null || { apt-get update -qq && $$APT $(R_PACKAGES) >/dev/null; }; }
	@mkdir -p $(VENV)/share/jupyter/kernels/ir
	@cp $(IRKERNEL_SPEC)/kernel.json $(IRKERNEL_SPEC)/logo-* $(VENV)/share/jupyter/kernels/ir/
	@touch $@

$(STAMP)/chromium: | $(STAMP)
	@command -v chromium >/dev/null || { echo "==> installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@touch $@

clean:
	rm -rf $(STAMP) lib jupyterlab_catalyst/labextension server/dist .demo
