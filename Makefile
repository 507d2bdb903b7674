# Reproduction kit for "Anatomy of a Machine Learning Ecosystem" (Laufer, Oderinwale, Kleinberg, 2025).
# Pipeline: setup -> figures -> check; test stands apart. `make help` lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Settings read by src/settings.ts (see README "Settings"); pass them as `make figures DATASET=demo`.
export DATASET HF_DATA REFERENCE SEED DATA_DIR FIGURES_DIR ARXIV_ONLINE
export JUPYTER_PATH := $(CURDIR)/jupyter
export JUPYTER_CONFIG_PATH := $(CURDIR)/jupyter/config
export PYDEVD_DISABLE_FILE_VALIDATION := 1

# Jupyter from Debian; the python3 on PATH may lack it, so the runner always uses /usr/bin/python3.
PYTHON := /usr/bin/python3
APT_PACKAGES := jupyter-notebook jupyter-nbconvert python3-nbclient python3-nbconvert jupyter-client \
	python3-ipykernel python3-nbformat fonts-dejavu-core python3-sklearn chromium
# NB=40 (or NB="30-resemblance 40") picks notebooks by number or name; NOTEBOOKS= takes paths.
NOTEBOOKS ?= $(if $(NB),$(sort $(foreach n,$(NB),$(wildcard notebooks/$(n)*.ipynb))),$(sort $(wildcard notebooks/*.ipynb)))
# Where `make figures` writes the executed notebooks.
NB_OUT ?= build/notebooks
# each notebook's last run time per dataset: make figures starts the longest first
NB_TIMES ?= build/notebooks/durations.json
# Non-empty at 10x scale, where memory sets the defaults below.
AT_10X := $(filter synthetic-10x,$(DATASET))
# Notebooks run at once by `make figures` (each in its own kernel); 1 at 10x scale keeps memory within the machine.
JOBS ?= $(if $(AT_10X),1,2)
# 1: the kernels of `make figures` back buffers of 2 MB and more with transparent huge pages (README "Opening the
# notebooks"); 0 at 10x scale, where the 10% more resident memory would not fit beside the largest kernels.
HUGE_PAGES ?= $(if $(AT_10X),0,1)
TSX := node --import tsx
# tslab ships its own TypeScript whose `tsc` may win the node_modules/.bin link, so name the pinned one.
TSC := node node_modules/typescript/bin/tsc
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: help setup git-filter report crawl data figures check test typecheck lint format docs wasm unit lint-notebooks strip notebook bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: node_modules/.installed git-filter ## install what is missing: Debian packages (Jupyter, fonts, scikit-learn, Chromium), npm packages, the notebook filter
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "setup: apt-get install $$missing"; mkdir -p build; \
	  if ! { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; } > build/apt.log 2>&1; then \
	    cat build/apt.log; echo "setup: apt-get failed (log above, also in build/apt.log)"; exit 1; fi; \
	else echo "setup: Debian packages present"; fi

# Saved notebooks reach git without outputs or kernel metadata (tools/nbstrip.cjs, .gitattributes).
git-filter:
	@if git rev-parse --git-dir >/dev/null 2>&1; then git config filter.nbstrip.clean "node tools/nbstrip.cjs"; fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

crawl: ## crawl a fresh Hub snapshot (listing, then cards) into data/crawl, resumable (HUB_URL, HF_TOKEN, CARD_CONCURRENCY)
	$(TSX) tools/crawl.ts

data: ## download the paper's dataset (5.2 GB; resumable, sha256-verified), convert it to data/ai_ecosystem_withmodelcards.parquet
	$(TSX) tools/download_data.ts

figures: ## run every notebook headless through the tslab kernel; writes figures/ and build/notebooks/
	@$(TSX) tools/describe_dataset.ts
	@node tools/build_kit.cjs
	@$(PYTHON) tools/run_notebooks.py --jobs $(JOBS) $(if $(filter 1,$(HUGE_PAGES)),--huge-pages) --out $(NB_OUT) --times $(NB_TIMES) $(NOTEBOOKS)

check: figures ## run the notebooks, then fail if figures/ differs from the committed copy
	@$(TSX) tools/check_figures.ts figures

test: typecheck lint lint-notebooks unit ## type check, format and lint, notebook hygiene, unit and real-data tests

typecheck: ## type check src/, test/, tools/ and bench/
	$(TSC) -p . --noEmit

# Biome's paths: named, so that it never walks into notebooks/kit (a link to build/kit, absent before the first build).
BIOME_PATHS := src test tools bench jupyter $(wildcard *.json)

lint: ## check formatting (120 columns) and lint rules with Biome; `make format` fixes what it can
	@node_modules/.bin/biome check --reporter=summary $(BIOME_PATHS)

format: ## format and apply safe lint fixes in place
	node_modules/.bin/biome check --write $(BIOME_PATHS)

report: ## the reproduction report from the last make figures run: build/report/index.html (claims ledger, notebooks, figures)
	@$(TSX) tools/report.ts

docs: ## API reference of kit.* with TypeDoc -> build/docs/index.html (fails on any warning)
	@node_modules/.bin/typedoc --logLevel Warn

wasm: ## compile the WebAssembly sources (src/**/*.wat) into the modules beside them (src/**/*Wasm.ts)
	@node tools/build_wasm.cjs

unit: ## node's test runner over test/*.test.ts: one line per file and the totals; the full TAP in build/test/results.tap
	@mkdir -p build/test
	@$(TSX) --test --test-reporter=./tools/test-summary.cjs --test-reporter-destination=stdout \
	  --test-reporter=tap --test-reporter-destination=build/test/results.tap test/*.test.ts

lint-notebooks: ## fail if what git stores of a notebook holds outputs or kernel metadata
	@node tools/nbstrip.cjs --check notebooks/*.ipynb

strip: ## remove outputs and kernel metadata from the notebooks in place
	@node tools/nbstrip.cjs --write notebooks/*.ipynb

# JupyterLab when it is installed, else the classic Notebook (Debian 12 ships only the classic one); UI=notebook forces it.
UI ?= $(if $(shell command -v jupyter-lab 2>/dev/null),lab,notebook)

notebook: ## serve the notebooks with the project kernel on http://127.0.0.1:8888 (PORT=, UI=lab|notebook)
	@node tools/build_kit.cjs
	jupyter $(UI) --no-browser --ip=127.0.0.1 --port=$${PORT:-8888} --notebook-dir=$(CURDIR) $(if $(SUDO),,--allow-root)

bench: ## time each pipeline stage on synthetic-full; writes bench/results.json and bench/results.md
	$(TSX) bench/run.ts

clean: ## remove build products (executed notebooks, non-default figures)
	rm -rf build
