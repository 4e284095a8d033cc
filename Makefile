# Learning Hub. `make run` and `make test` are all a fresh machine with python3 needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
# Where the SQLite database, uploads and the demo's marker live (as in hub/settings/base.py).
VAR := $(or $(HUB_VAR_DIR),var)
# The port make run serves on.
PORT ?= 8000
export PATH := $(CURDIR)/$(BIN):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help install lock audit faults migrate demo run test test-scale lint format check bench bench-dashboard bench-pages bench-drip bench-idle-tick bench-answers bench-exports

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock $(wildcard locale/*/LC_MESSAGES/django.po)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev,postgres,redis,browser]"
	$(MANAGE) compile_translations
	touch $@

install: $(STAMP) ## Create .venv and install the hub with the locked dependency versions

lock: ## Re-resolve dependencies from pyproject.toml and rewrite requirements.lock
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e ".[dev,postgres,redis,browser]"
	{ echo "# Exact versions for make install (used as pip constraints). Regenerate with"; \
	  echo "# make lock after changing dependencies in pyproject.toml."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable; } > requirements.lock
	rm -rf .venv-lock

audit: install ## Known vulnerabilities in requirements.lock (pip-audit; says so when it can't reach the data)
	.ci/audit

migrate: install ## Apply database migrations (SQLite under var/ unless DATABASE_URL is set)
	mkdir -p $(VAR)
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo hub (safe to run again)
	$(MANAGE) load_demo_hub
	touch $(VAR)/.demo-loaded

run: migrate ## Install, migrate, load the demo once, and serve the hub with its scheduler
	test -f $(VAR)/.demo-loaded || $(MAKE) --no-print-directory demo
	$(MANAGE) setup_schedules
	@test ! -f $(VAR)/demo-admin.txt || cat $(VAR)/demo-admin.txt
	@echo "Serving on http://127.0.0.1:$(PORT)/ (PORT=... to change it); Ctrl-C stops it."
	@# Ctrl-C ends honcho with status 130: a stop asked for, not an error to report.
	@trap : INT; WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:$(PORT)} \
		$(BIN)/honcho -f Procfile.dev start -p $(PORT) || test $$? -eq 130

test: install ## Run the whole test suite (installs Debian's Chromium and Postfix's smtp-sink for the browser and bench tests when root)
	.ci/chromium
	.ci/smtp-sink >/dev/null || echo "No smtp-sink: the drip bench's smtp-sink tests will be skipped." >&2
	$(BIN)/pytest $(PYTEST_ARGS)

test-scale: install ## Run the suite on the scale path: PostgreSQL and Redis (starts local servers; installs them as root if missing)
	DATABASE_URL=$$(.ci/postgres) REDIS_URL=$$(.ci/redis) $(BIN)/pytest --create-db -m "not browser" $(PYTEST_ARGS)

lint: install ## ruff check, format check and the import layering (lint-imports; contracts in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and the missing-migrations check
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

faults: install ## Fault injection: kill -9 mid-drain (SQLite) and two qclusters on PostgreSQL (not a test)
	DATABASE_URL=$$(.ci/postgres) .ci/faults/run

bench-pages: install ## Page latency under gunicorn against a bare Wagtail page (not a test)
	$(BIN)/python bench/pages.py

bench-drip: install ## Drain 20,000 due drip emails into Postfix's smtp-sink, then aiosmtpd, vs raw smtplib over as many connections and a naive loop, on SQLite then PostgreSQL (DRIP_ARGS="--learners 100000 --sink smtp-sink")
	env -u DATABASE_URL $(BIN)/python bench/drip_throughput.py --smtp-sink=$$(.ci/smtp-sink) $(DRIP_ARGS)
	$(BIN)/python bench/drip_throughput.py --smtp-sink=$$(.ci/smtp-sink) --database-url $$(.ci/postgres) $(DRIP_ARGS)

bench-idle-tick: install ## Time one idle drip tick over 1,000,000 planned deliveries, on SQLite then PostgreSQL
	env -u DATABASE_URL $(BIN)/python bench/idle_tick.py
	$(BIN)/python bench/idle_tick.py --database-url $$(.ci/postgres)

bench-answers: install ## 50 learners at once answering from their email links through gunicorn: p95 of the confirm POST vs 100 ms and a bare page, one answer per delivery, on SQLite then PostgreSQL
	env -u DATABASE_URL $(BIN)/python bench/answers.py
	$(BIN)/python bench/answers.py --database-url $$(.ci/postgres)

bench-dashboard: install ## Time the cohort dashboard for 10,000 learners on SQLite (not a test)
	$(BIN)/python bench/dashboard.py

bench-exports: install ## Export 280,000 deliveries as CSV and XLSX through the report view: seconds and peak memory vs iterating the rows, on SQLite then PostgreSQL
	env -u DATABASE_URL $(BIN)/python bench/exports.py
	$(BIN)/python bench/exports.py --database-url $$(.ci/postgres)

bench: bench-dashboard bench-pages bench-drip bench-idle-tick bench-answers bench-exports ## Run every benchmark under bench/
