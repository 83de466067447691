# Two commands for a newcomer: `make run` (site with demo data) and `make test`.
# Everything installs from uv.lock into .venv; only Python 3.11+ is needed beforehand.

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# uv must never fetch an interpreter of its own: use the Python this machine has.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install install-site run demo test lint format check admin clean bench

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

UV_PYTHON_ARG = --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"

# Everything, the dev group's test and lint tools too: for `make test`, `lint` and the rest.
$(VENV)/.installed: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen $(UV_PYTHON_ARG)
	touch $@ $(VENV)/.installed-site

# Only what the site needs to run (no dev group): for `make run`. --inexact leaves the dev
# tools of an earlier `make test` installed instead of removing them.
$(VENV)/.installed-site: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --no-dev --inexact $(UV_PYTHON_ARG)
	touch $@

install: $(VENV)/.installed ## Install the locked dependencies, dev tools too, into .venv

install-site: $(VENV)/.installed-site ## Install only what the site needs to run into .venv

demo: install-site ## Migrate, then load the demo data set (once) into DATABASE_URL's database
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo

run: demo ## Serve the site with the demo data at http://$(HOST):$(PORT)/
	$(MANAGE) runserver $(HOST):$(PORT)

# No statement timeout for the test run: creating and dropping the test database waits for
# a checkpoint, which on a busy machine can outlast production's 10 s (DB_STATEMENT_TIMEOUT).
# The suite runs in one process per core (pytest-xdist; each has its own test database);
# PYTEST_WORKERS=0 runs it in this one. Fast inner loop, without the browser and slow tests:
#   make test PYTEST_ARGS='-m "not browser and not slow"'
PYTEST_WORKERS ?= auto
test: export DB_STATEMENT_TIMEOUT ?= 0
test: install ## Run the test suite against DATABASE_URL's database (SQLite by default; PYTEST_ARGS, PYTEST_WORKERS)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

bench: install ## Factbase against Datasette under load on DATABASE_URL's data (BENCH_ARGS: options)
	$(UV) sync --frozen --group bench
	$(MANAGE) bench_compare --settings=bench.settings $(BENCH_ARGS)

lint: install ## ruff lint and format check, and the import layers (docs/architecture.md)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and no missing migration
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

admin: install ## Create an admin login
	$(MANAGE) createsuperuser

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .ruff_cache staticfiles
