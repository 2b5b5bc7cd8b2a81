# 劳模数字展馆 — the commands a newcomer needs. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run setup demo synthetic test lint bench clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更新版本")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed, so a second `make run` is fast.
$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	@touch $@ $(VENV)/.installed

# axe-core and the Nu Html Checker for the browser suite (tests/e2e), pinned in its package-lock.json. No install
# scripts: vnu-jar's would download a Java runtime, and the system's is used instead. Without npm the browser
# checks that need these fail and say so (the whole suite skips itself where Chromium is missing).
E2E_NODE := tests/e2e/node_modules/.installed
$(E2E_NODE): tests/e2e/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tests/e2e --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: axe-core and vnu-jar for tests/e2e are not installed (apt-get install nodejs npm)"; fi

setup: $(VENV)/.installed ## Install, migrate, load demo content, build the search index, create the admin account
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin

run: setup ## Set everything up and serve the site on http://127.0.0.1:8000
	@echo "劳模数字展馆：http://$(HOST):$(PORT)/  管理后台：http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

demo: $(VENV)/.installed ## Load (or top up) the demo content only
	$(MANAGE) load_demo

synthetic: $(VENV)/.installed ## Add 13,058 labelled synthetic honorees for scale
	$(MANAGE) generate_synthetic --honorees 13058
	$(MANAGE) layout_walls

lint: $(VENV)/.installed-test ## ruff (rules and format), the import contract, template indentation, Django's checks, missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=site:. $(BIN)/lint-imports --no-cache
	$(BIN)/djhtml --check $$(git ls-files '*.html' | grep -v '^tests/')
	DJANGO_SETTINGS_MODULE=laomo.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=laomo.settings.test $(MANAGE) makemigrations --check --dry-run

# NO_LINT=1 skips the linters (CI's PostgreSQL leg: they ran on the SQLite leg and do not depend on the database).
# One pytest worker per core, at most four (each loads the demo into its own test database); a test file stays on
# one worker, so its module fixtures (live servers, prepared databases) are made once. TEST_WORKERS=0: one process.
TEST_WORKERS ?= auto
test: $(if $(NO_LINT),$(VENV)/.installed-test,lint) $(E2E_NODE) ## Install test requirements and run linters and the whole test suite (browser tests included)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses 4 --dist loadfile

clean: ## Remove the virtualenv, the local database and uploads
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm var staticfiles

bench: $(VENV)/.installed-test ## Benchmark: import time and page latency under gunicorn (SQLite; PostgreSQL too when it answers)
	@command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || sudo apt-get install -y -qq wrk)
	@command -v chromium >/dev/null || (apt-get install -y -qq chromium >/dev/null 2>&1 || sudo apt-get install -y -qq chromium)  # bench_phone.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/bench_search.py | tee bench/results/search-$$(date +%Y-%m-%d-%H%M).md
	$(BIN)/python bench/bench_walls.py | tee bench/results/walls-$$(date +%Y-%m-%d-%H%M).md
	$(BIN)/python bench/bench_admin.py || echo "bench_admin: the story editor missed its target (< 1 s at 13,058 records): see bench/results/admin-*.md"
	$(BIN)/python bench/compare_bakerydemo.py  # skips with a message when no bakerydemo checkout is given (--bakerydemo PATH)
	$(BIN)/python bench/load64.py || echo "load64: a page missed the target (p99 < 500 ms, no error): see bench/results/load64-*.md"
	$(BIN)/python bench/bench_cache_keys.py  # cached page p50 under 4 clients sending random query strings
	$(BIN)/python bench/bench_interviews.py  # the interview page and segment search at 200 interviews × 30 segments
	$(BIN)/python bench/bench_phone.py || echo "bench_phone: a page missed LCP < 2.5 s or 150 KB before images on a throttled phone: see bench/results/phone-*.md"
	@if command -v pg_isready >/dev/null && pg_isready -h 127.0.0.1 -p 5432 -q; then \
	  createdb -h 127.0.0.1 -U postgres laomo_bench_$$$$ && \
	  BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/laomo_bench_$$$$ $(BIN)/python bench/run.py; \
	  dropdb -h 127.0.0.1 -U postgres --if-exists laomo_bench_$$$$; \
	else echo "PostgreSQL variant skipped: nothing answers on 127.0.0.1:5432"; fi
