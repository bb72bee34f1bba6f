# One Team — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
PYTEST_ARGS ?=

.PHONY: help install run test test-sqlite test-services lint format lock bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@test -n "$(PYTHON)" || exit 1
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements/dev.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9"
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements/dev.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

oneteam/static/oneteam/oneteam.css: node_modules/.installed scripts/build-frontend.mjs $(wildcard frontend/*.scss)
	npm run --silent build

# The scheduler's annealing loop in C (oneteam/scheduling/kernel.py loads it with ctypes). Without
# a C compiler the scheduler runs its pure-Python loop instead, about 25 times slower.
KERNEL := oneteam/scheduling/libkernel.so
# Built into a temporary file and moved into place, so a failed build never leaves an older
# library behind (it is removed instead). The library carries a hash of the source it was built
# from; kernel.py loads it only when that matches the _kernel.c beside it.
$(KERNEL): oneteam/scheduling/_kernel.c
	@rm -f $@.tmp
	@if $(CC) -O2 -shared -fPIC -DKERNEL_SOURCE_SHA=\"$$(sha256sum $< | cut -c1-16)\" -o $@.tmp $< -lm; \
	then mv -f $@.tmp $@; \
	else rm -f $@ $@.tmp; echo "!! $(CC) failed: the scheduler will use its pure-Python annealing (slower)." >&2; fi

install: $(VENV)/.installed oneteam/static/oneteam/oneteam.css $(KERNEL) ## Set up: Python venv, locked packages, front-end build, static files, the scheduler's C kernel
	$(BIN)/oneteam collectstatic --noinput --verbosity 0

run: install ## Set up, migrate, load the demo if the database is empty, serve on http://127.0.0.1:8000
	$(BIN)/oneteam migrate --noinput
	$(BIN)/oneteam demo --if-empty
	@echo
	@echo "  One Team is running at http://$(HOST):$(PORT)/"
	@echo "  Sign in as a demo member:    member@demo.oneteam.localhost"
	@echo "  Sign in as the demo organiser: organiser@demo.oneteam.localhost"
	@echo "  The sign-in code arrives in the development mailbox: http://$(HOST):$(PORT)/dev/mail/"
	@echo "  Grid builds run in a background worker (oneteam db_worker), started beside the server."
	@echo
# The worker runs background jobs (e.g. building the grid); it stops when the server does.
	PORT=$(PORT) $(BIN)/oneteam db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	PORT=$(PORT) $(BIN)/uvicorn oneteam.asgi:application --host $(HOST) --port $(PORT) --timeout-graceful-shutdown 5

test: install ## Set up and run every test (CI=true adds the PostgreSQL and Redis suites, required)
	scripts/ensure-chromium
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-services

test-sqlite:
	@echo "== Test suite on SQLite =="
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-services:
	@if scripts/services-reachable "$(PG_URL)" "$(REDIS_TEST_URL)"; then \
		echo "== Test suite on PostgreSQL and Redis ($(PG_URL), $(REDIS_TEST_URL)) =="; \
		DATABASE_URL="$(PG_URL)" REDIS_URL="$(REDIS_TEST_URL)" $(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true but PostgreSQL ($(PG_URL)) or Redis ($(REDIS_TEST_URL)) cannot be reached: failing." >&2; exit 1; \
	else \
		echo; echo "!! SKIPPED: the PostgreSQL and Redis suites (services not reachable; CI=true makes this an error)."; \
	fi

lint: $(VENV)/.installed ## Check the code: ruff (lint, format) and mypy (types, with django-stubs)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: $(VENV)/.installed ## Re-compile the dependency locks after editing pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.12 --universal -q -o requirements/dev.lock
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.12 --universal -q -o requirements/base.lock

bench: install ## Run the benchmarks (results in docs/benchmarks.md)
	@for script in bench/bench_*.py; do echo "== $$script =="; $(BIN)/python $$script || exit 1; done

clean: ## Remove the venv, node_modules, built static files and var/ (the database too)
	rm -rf $(VENV) node_modules oneteam/static/vendor oneteam/static/oneteam/oneteam.css var
