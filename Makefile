# The DBA's door. Every target installs what it needs first. With DATABASE_URL unset, the database is the
# embedded PostgreSQL 18 + pgvector kept in .pgdata/ (started on demand, reused).
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
ARGS ?=

.PHONY: help install db-start db-stop db-url migrate status plan lint test clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

install: $(STAMP) ## create .venv and install the package with its dev tools

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

db-start: $(STAMP) ## start (or reuse) the embedded PostgreSQL and print its URL
	@$(PY) devdb.py start

db-stop: $(STAMP) ## stop the embedded PostgreSQL
	@$(PY) devdb.py stop

db-url: $(STAMP) ## print the database URL in use (DATABASE_URL or the embedded server)
	@$(PY) devdb.py url

migrate: $(STAMP) ## apply pending SQL files (ARGS="--dry-run" to roll everything back)
	$(PY) migrate.py apply $(ARGS)

status: $(STAMP) ## list every SQL file as applied, pending, changed or drift
	$(PY) migrate.py status $(ARGS)

plan: $(STAMP) ## print the rendered SQL that migrate would run; runs nothing
	$(PY) migrate.py plan

lint: $(STAMP) ## sqlfluff on sql/, ruff on the Python
	$(VENV)/bin/sqlfluff lint sql
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint ## lint, then the test suite against a temporary database cloned per test
	$(VENV)/bin/pytest $(ARGS)

clean: ## stop the embedded server and remove .pgdata, caches and the venv
	-test -x $(PY) && $(PY) devdb.py stop
	rm -rf .pgdata .pytest_cache .ruff_cache $(VENV) *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
