# Clipping Archive: `make run` to try it, `make test` to check it. See README.md.

PYTHON3 ?= python3
VENV := .venv
PYTHON := $(VENV)/bin/python
# Rewritten only when pyproject.toml changes, so a second `make` skips the install.
INSTALLED := $(VENV)/.installed

HOST ?= 127.0.0.1
PORT ?= 8000
FIXTURE ?= karabakh-2016
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
# `make -j test` would otherwise lint and run both suites at once.
.NOTPARALLEL:

.PHONY: help install run lint test test-sqlite test-postgres clean

help:
	@echo "make run    create .venv, install, migrate, load the $(FIXTURE) fixture, serve on http://$(HOST):$(PORT)/"
	@echo "make test   create .venv, install, lint with ruff, run pytest on SQLite (and on PostgreSQL if TEST_DATABASE_URL is set)"
	@echo "make clean  remove .venv and caches (keeps db.sqlite3)"

$(PYTHON):
	$(PYTHON3) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --disable-pip-version-check --quiet -e ".[test]"
	@touch $@

install: $(INSTALLED)

run: $(INSTALLED)
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py load_missing $(FIXTURE)
	DJANGO_DEBUG=1 $(PYTHON) manage.py runserver $(HOST):$(PORT)

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint test-sqlite test-postgres

# Always SQLite, whatever DATABASE_URL says: pytest-django uses an in-memory database.
test-sqlite: $(INSTALLED)
	@echo "==> pytest on SQLite"
	env -u DATABASE_URL $(VENV)/bin/pytest $(PYTEST_ARGS)

# pytest-django creates (and drops) a test_<name> database next to the one the URL names.
test-postgres: $(INSTALLED)
	@if [ -z "$$TEST_DATABASE_URL" ]; then \
		echo "==> TEST_DATABASE_URL is not set: skipping the PostgreSQL run"; \
	else \
		DATABASE_URL="$$TEST_DATABASE_URL" DJANGO_SETTINGS_MODULE=archive_site.settings \
			$(PYTHON) -c 'from django.db import connection as c; \
			print("==> pytest on", c.vendor, "at", c.settings_dict["HOST"], c.settings_dict["PORT"])' \
			&& DATABASE_URL="$$TEST_DATABASE_URL" $(VENV)/bin/pytest $(PYTEST_ARGS); \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
