# Clipping Archive: `make run` to try it, `make test` to check it. See README.md.

PYTHON3 ?= python3
VENV := .venv
PYTHON := $(VENV)/bin/python
# Stamps, rewritten only when pyproject.toml changes, so a second `make` skips the install:
# what running the site needs (`make run`, `make serve`), and the test extra on top of it
# (`make test`, `make lint`), so that `make test` after `make run` adds only the extra.
INSTALLED_RUNTIME := $(VENV)/.installed-runtime
INSTALLED_TEST := $(VENV)/.installed-test
INSTALLED_BENCH := $(VENV)/.installed-bench

HOST ?= 127.0.0.1
PORT ?= 8000
FIXTURE ?= karabakh-2016
PYTEST_ARGS ?=
WORKERS ?= 2
# `make serve` keeps the secret key it generates here (git-ignored with .venv/), unless
# DJANGO_SECRET_KEY is set.
SECRET_KEY_FILE := $(VENV)/secret_key

.DEFAULT_GOAL := help
# `make -j test` would otherwise lint and run both suites at once.
.NOTPARALLEL:

.PHONY: help install test-packages run serve lint test test-sqlite test-postgres bench clean

help:
	@echo "make run    create .venv, install what the site needs, migrate, load the $(FIXTURE) fixture, serve on http://$(HOST):$(PORT)/"
	@echo "make serve  the same, in the production configuration: collectstatic, gunicorn on http://$(HOST):$(PORT)/"
	@echo "make test   create .venv, install the test extra too, lint with ruff, run pytest on SQLite (and on PostgreSQL if TEST_DATABASE_URL is set)"
	@echo "make bench  generate (or reuse) a large archive, load its pages under gunicorn beside a floor and Datasette, print the table (BENCH_SIZE=small for a quick run)"
	@echo "make clean  remove .venv and caches (keeps db.sqlite3)"

$(PYTHON):
	$(PYTHON3) -m venv $(VENV)

$(INSTALLED_RUNTIME): pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --disable-pip-version-check --quiet -e .
	@touch $@

$(INSTALLED_TEST): $(INSTALLED_RUNTIME)
	$(PYTHON) -m pip install --disable-pip-version-check --quiet -e ".[test]"
	@touch $@

$(INSTALLED_BENCH): $(INSTALLED_RUNTIME)
	$(PYTHON) -m pip install --disable-pip-version-check --quiet -e ".[bench]"
	@touch $@

install: $(INSTALLED_TEST)

# Debian packages installed with apt-get when missing (as root, or through sudo):
# $(call debian_packages,COMMAND:PACKAGE ...,what needs them).
define debian_packages
	@missing=""; \
	for pair in $(1); do \
		command -v "$${pair%%:*}" >/dev/null || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
		elif command -v sudo >/dev/null; then sudo="sudo"; \
		else echo "$(2) the Debian packages$$missing: install them as root." >&2; exit 1; fi; \
		echo "==> installing Debian packages:$$missing"; \
		$$sudo apt-get update -qq \
			&& $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
endef

# Debian packages the tests run: Chromium for the browser tests (Playwright drives it), Java
# for the HTML checker, Redis for the page cache shared by several servers.
test-packages:
	$(call debian_packages,chromium:chromium java:default-jre-headless redis-server:redis-server,The tests need)

run: $(INSTALLED_RUNTIME)
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py load_missing $(FIXTURE)
	$(PYTHON) manage.py setup_roles
	DJANGO_DEBUG=1 $(PYTHON) manage.py runserver $(HOST):$(PORT)

$(SECRET_KEY_FILE): | $(PYTHON)
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# Production settings (debugging off, a real secret key, hashed and compressed static files
# served by WhiteNoise, gunicorn with gunicorn.conf.py's threaded workers), but over plain HTTP on
# loopback: DJANGO_HTTPS=0 unless set.
serve: $(INSTALLED_RUNTIME) $(SECRET_KEY_FILE)
	@export DJANGO_DEBUG=0 DJANGO_HTTPS="$${DJANGO_HTTPS:-0}" \
		DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}" \
	&& set -x \
	&& $(PYTHON) manage.py migrate --noinput \
	&& $(PYTHON) manage.py load_missing $(FIXTURE) \
	&& $(PYTHON) manage.py collectstatic --noinput --verbosity 0 \
	&& exec $(VENV)/bin/gunicorn archive_site.wsgi:application --config gunicorn.conf.py \
		--bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

lint: $(INSTALLED_TEST)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint test-sqlite test-postgres

# Always SQLite, whatever DATABASE_URL says: pytest-django uses an in-memory database. Never
# production settings: a DJANGO_SECRET_KEY in the shell would turn on the HTTPS redirect.
test-sqlite: $(INSTALLED_TEST) test-packages
	@echo "==> pytest on SQLite"
	env -u DATABASE_URL -u DJANGO_SECRET_KEY -u DJANGO_HTTPS $(VENV)/bin/pytest $(PYTEST_ARGS)

# pytest-django creates (and drops) a test_<name> database next to the one the URL names.
test-postgres: $(INSTALLED_TEST) test-packages
	@if [ -z "$$TEST_DATABASE_URL" ]; then \
		echo "==> TEST_DATABASE_URL is not set: skipping the PostgreSQL run"; \
	else \
		DATABASE_URL="$$TEST_DATABASE_URL" DJANGO_SETTINGS_MODULE=archive_site.settings \
			$(PYTHON) -c 'from django.db import connection as c; \
			print("==> pytest on", c.vendor, "at", c.settings_dict["HOST"], c.settings_dict["PORT"])' \
			&& DATABASE_URL="$$TEST_DATABASE_URL" env -u DJANGO_SECRET_KEY -u DJANGO_HTTPS \
				$(VENV)/bin/pytest $(PYTEST_ARGS); \
	fi

# Figures, not tests: see README.md, "Performance". The archive is generated once per size
# under bench/data/ (or in DATABASE_URL's database), then reused.
bench: $(INSTALLED_BENCH)
	$(call debian_packages,wrk:wrk,The benchmark needs)
	$(PYTHON) -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
