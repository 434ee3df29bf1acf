# Hocvien LMS — the two set-up commands are `make demo` and `make test`.
# Each installs what it needs (virtualenv, pinned Python packages, missing
# Debian packages) and is safe to run again.

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
# pip's notes about this machine's extra package indexes are noise here.
QUIET_PIP := sed '/^WARNING: Location/d'
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL pass creates and drops its own database (test_hocvien).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
PYTEST_ARGS ?=
# Tests outside the browser run in this many processes (pytest-xdist; each
# has its own test database); browser tests run alone, one Chromium at a time.
TEST_WORKERS ?= 2

# Debian packages: gettext compiles translations; ffmpeg transcodes lectures;
# Pango and Noto fonts let WeasyPrint print schedules and sign-in sheets;
# Chromium drives browser tests (and the H5P page benchmark); espeak-ng and
# DejaVu make benchmark clips.
DEBIAN_RUNTIME := gettext ffmpeg libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core
DEBIAN_TEST := $(DEBIAN_RUNTIME) chromium
DEBIAN_BENCH := ffmpeg chromium espeak-ng fonts-dejavu-core fontconfig

.PHONY: demo test bench lint fmt messages lock run install clean-venv

$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  deploy/ensure-debian-packages python3-venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }

$(INSTALLED): $(PY) pyproject.toml requirements/constraints.txt
	$(PIP) install --quiet --upgrade pip 2>&1 | $(QUIET_PIP)
	$(PIP) install --quiet -c requirements/constraints.txt -e ".[dev]" 2>&1 | $(QUIET_PIP)
	@touch $@

install: $(INSTALLED)

messages: install
	@deploy/ensure-debian-packages $(DEBIAN_RUNTIME)
	@$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0

demo: install messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py collectstatic --noinput -v 0
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py load_demo_data
	@deploy/run-demo $(HOST) $(PORT)

run: install messages
	$(PY) manage.py migrate --noinput -v 0
	@deploy/run-demo $(HOST) $(PORT)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

fmt: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install messages
	@deploy/ensure-debian-packages $(DEBIAN_TEST)
	$(MAKE) --no-print-directory lint
	DJANGO_SETTINGS_MODULE=lms.site.settings.test $(PY) manage.py makemigrations --check --dry-run -v 1
	@echo "=== Test suite on SQLite ==="
	$(VENV)/bin/pytest -m "not browser" -n $(TEST_WORKERS) $(PYTEST_ARGS)
	$(VENV)/bin/pytest -m browser $(PYTEST_ARGS)
	@echo "=== Test suite on PostgreSQL ($(TEST_DATABASE_URL)) ==="
	@$(PY) deploy/check-database "$(TEST_DATABASE_URL)"
	DATABASE_URL=$(TEST_DATABASE_URL) $(VENV)/bin/pytest -m "not browser" -n $(TEST_WORKERS) $(PYTEST_ARGS)
	DATABASE_URL=$(TEST_DATABASE_URL) $(VENV)/bin/pytest -m browser $(PYTEST_ARGS)

bench: install messages
	@deploy/ensure-debian-packages $(DEBIAN_BENCH)
	@echo "Options: make bench BENCH_ARGS=\"--people 100000 --postgres URL --watch --transcode\""
	$(VENV)/bin/python -m bench $(BENCH_ARGS)

# Regenerate the pinned versions from pyproject.toml in a clean virtualenv.
lock:
	rm -rf /tmp/hocvien-lock && $(PYTHON) -m venv /tmp/hocvien-lock
	/tmp/hocvien-lock/bin/pip install --quiet -e ".[dev]"
	{ echo "# Pinned versions for a reproducible install: make lock regenerates it."; \
	  /tmp/hocvien-lock/bin/pip freeze --exclude-editable | grep -v '^-e'; } > requirements/constraints.txt

clean-venv:
	rm -rf $(VENV)
