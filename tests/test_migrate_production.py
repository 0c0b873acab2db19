"""migrate.py on a busy production database: missing files, partial runs, lock waits, no-transaction files,
repeatables after versioned files, the history, the schema snapshot."""

import asyncio
import dataclasses
import difflib
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid

import psycopg
import pytest
from conftest import ROOT, apply_package
from test_migrate import config_of, ledger, run_cli

import migrate

TABLE_SCHEMAS = "functions/0290_api_table_schemas.sql"  # defines api.get_multiple_table_schemas


def run(db, config, *, log=None, dry_run=False) -> list[str]:
    return asyncio.run(migrate.apply(db.url, config, dry_run=dry_run, log=log if log is not None else (lambda *_: 0)))


def history(db) -> list[tuple[str, str, bool]]:
    with db.connect() as conn:
        return conn.execute("SELECT file, action, transactional FROM migrations.history ORDER BY id").fetchall()


def function_exists(db, name: str) -> bool:
    with db.connect() as conn:
        return conn.execute("SELECT count(*) FROM pg_proc WHERE proname = %s", (name,)).fetchone()[0] > 0


# ----- missing files and retirements ------------------------------------------------------------------------------


def test_a_deleted_file_is_missing_in_status_and_apply_refuses(db, package):
    (package / "sql" / TABLE_SCHEMAS).unlink()
    statuses = asyncio.run(migrate.status(db.url, config_of(package)))
    assert [(s.state, s.kind, s.path) for s in statuses if s.state != "applied"] == [
        ("missing", "repeatable", TABLE_SCHEMAS)
    ]
    cli = run_cli("--config", str(package / "migrate.toml"), "status", "--exit-code", url=db.url)
    assert cli.returncode == 3 and f"missing  repeatable sql/{TABLE_SCHEMAS}" in cli.stdout
    with pytest.raises(migrate.MigrationError, match=r"missing: .*0290_api_table_schemas\.sql.*retire"):
        run(db, config_of(package))
    assert function_exists(db, "get_multiple_table_schemas")  # nothing was touched


def test_a_missing_file_of_a_required_package_is_named_by_its_own_path(db, package):
    (package / "shim/sql/functions/0140_prompts.sql").unlink()
    cli = run_cli("--config", str(package / "migrate.toml"), "status", url=db.url)
    assert "missing  repeatable shim/sql/functions/0140_prompts.sql" in cli.stdout, cli.stdout
    with pytest.raises(
        migrate.MigrationError, match=r"missing: .*: shim/sql/functions/0140_prompts\.sql.*shim/sql/retired/"
    ):
        run(db, config_of(package))


def test_versioned_files_go_by_their_number_and_a_late_one_is_shown_and_refused(db, package):
    (package / "sql/schema/999_late.sql").write_text("SELECT 1;\n")
    late = [s for s in asyncio.run(migrate.status(db.url, config_of(package))) if s.path == "schema/999_late.sql"]
    assert [s.state for s in late] == ["late"]
    last = max(
        (f.name for f in (package / "sql/schema").glob("*.sql") if f.name != "999_late.sql"), key=migrate.version_key
    )
    with pytest.raises(
        migrate.MigrationError, match=rf"out of order: schema/999_late\.sql sort\(s\) before schema/{last}"
    ):
        run(db, config_of(package))
    (package / "sql/schema/999_late.sql").rename(package / "sql/schema/10000_next.sql")
    assert run(db, config_of(package))[0] == "schema/10000_next.sql"


def test_a_retirement_drops_what_the_file_created_and_the_ledger_says_so(db, package):
    (package / "sql" / TABLE_SCHEMAS).unlink()
    retirement = package / "sql/retired" / TABLE_SCHEMAS
    retirement.parent.mkdir(parents=True, exist_ok=True)
    retirement.write_text("SET LOCAL ROLE zava_owner;\nDROP FUNCTION api.get_multiple_table_schemas;\n")
    applied = run(db, config_of(package))
    assert applied[0] == f"retired/{TABLE_SCHEMAS}"
    assert not function_exists(db, "get_multiple_table_schemas")
    recorded = ledger(db)
    assert TABLE_SCHEMAS not in recorded and f"retired/{TABLE_SCHEMAS}" in recorded
    assert (f"retired/{TABLE_SCHEMAS}", "retired", True) in history(db)
    statuses = asyncio.run(migrate.status(db.url, config_of(package)))
    assert {s.state for s in statuses} == {"applied"}
    assert run(db, config_of(package)) == []


def test_a_retirement_beside_the_file_it_retires_is_refused(package):
    retirement = package / "sql/retired" / TABLE_SCHEMAS
    retirement.parent.mkdir(parents=True, exist_ok=True)
    retirement.write_text("SELECT 1;\n")
    with pytest.raises(migrate.MigrationError, match=r"retires a file that is still there"):
        migrate.discover(config_of(package))


# A file that held several tools was split into one file per tool; its old path is retired by a comment-only file.
SPLITS = {
    "functions/0270_api_inventory.sql": [
        "functions/0270_api_low_stock.sql",
        "functions/0272_api_inventory_value.sql",
        "functions/0274_api_stockout_risk.sql",
    ],
    "functions/0280_api_trends.sql": [
        "functions/0280_api_seasonal_trend.sql",
        "functions/0282_api_category_growth.sql",
    ],
}
SPLIT_TOOLS = ["get_low_stock", "get_inventory_value", "get_stockout_risk", "get_seasonal_trend", "get_category_growth"]


def tools_and_grants(db) -> dict[str, tuple[int, str]]:
    with db.connect() as conn:
        rows = conn.execute(
            "SELECT proname, oid::int, proacl::text FROM pg_proc WHERE pronamespace = 'api'::regnamespace "
            "AND proname = ANY(%s)",
            (SPLIT_TOOLS,),
        ).fetchall()
    return {name: (oid, acl) for name, oid, acl in rows}


def test_a_database_of_the_old_layout_moves_to_one_file_per_tool(empty_db, package, tmp_path):
    """The layout before the split (one file for several tools) applied first, then the package as it is: the
    retirements record the old paths as retired, nothing is missing, and the tools keep their oids and grants."""
    old = tmp_path / "old"
    shutil.copytree(package, old)
    shutil.rmtree(old / "sql/retired")
    for old_path, new_paths in SPLITS.items():
        (old / "sql" / old_path).write_text("\n".join((package / "sql" / p).read_text() for p in new_paths))
        for p in new_paths:
            (old / "sql" / p).unlink()
    run(empty_db, migrate.load_config(old / "migrate.toml", environ={}))
    assert set(SPLITS) <= set(ledger(empty_db))
    before = tools_and_grants(empty_db)
    assert sorted(before) == sorted(SPLIT_TOOLS)

    # Without the retirements the old paths would be missing, and apply would refuse.
    bare = tmp_path / "bare"
    shutil.copytree(package, bare)
    shutil.rmtree(bare / "sql/retired")
    statuses = asyncio.run(migrate.status(empty_db.url, config_of(bare)))
    assert sorted(s.path for s in statuses if s.state == "missing") == sorted(SPLITS)

    applied = run(empty_db, config_of(package))
    retired = [p for p in applied if p.startswith("retired/")]
    assert applied[: len(retired)] == retired, "retirements run first"
    assert [p for p in retired if p.removeprefix("retired/") in SPLITS] == [f"retired/{p}" for p in sorted(SPLITS)]
    assert {p for new_paths in SPLITS.values() for p in new_paths} <= set(applied)
    recorded = ledger(empty_db)
    assert not set(SPLITS) & set(recorded) and {f"retired/{p}" for p in SPLITS} <= set(recorded)
    assert {s.state for s in asyncio.run(migrate.status(empty_db.url, config_of(package)))} == {"applied"}
    assert tools_and_grants(empty_db) == before
    assert run(empty_db, config_of(package)) == []


# ----- every committed file announced ------------------------------------------------------------------------------


def test_each_committed_file_is_announced_even_when_a_later_one_fails(db, package):
    (package / "sql/schema/9990_note.sql").write_text(
        "SET LOCAL ROLE zava_owner;\nALTER TABLE retail.stores ADD COLUMN note text;\n"
    )
    (package / "sql/schema/9991_broken.sql").write_text("SELECT 1 / 0;\n")
    with psycopg.connect(db.url, autocommit=True) as listener:
        listener.execute("LISTEN mcp_schema_changed")
        with pytest.raises(migrate.MigrationError, match="9991_broken"):
            run(db, config_of(package))
        payloads = [n.payload for n in listener.notifies(timeout=2, stop_after=5)]
    assert payloads == ["migrate schema/9990_note.sql"], payloads
    assert "schema/9990_note.sql" in ledger(db) and "schema/9991_broken.sql" not in ledger(db)
    # Re-running applies nothing of the good file again, and refuses the broken one again.
    with pytest.raises(migrate.MigrationError, match="9991_broken"):
        run(db, config_of(package))


# ----- lock waits --------------------------------------------------------------------------------------------------


def _blocker(db, seconds: float, started: threading.Event, done: threading.Event | None = None):
    """A slow report: a transaction reading retail.stores (ACCESS SHARE) for `seconds`, or until `done` is set."""
    with psycopg.connect(db.url, application_name="slow-report") as conn:
        conn.execute("SELECT count(*) FROM retail.stores")
        started.set()
        (done or threading.Event()).wait(seconds)
        conn.rollback()


def test_a_lock_wait_gives_up_in_time_names_the_blocker_and_readers_are_not_held(db, package):
    (package / "sql/schema/9990_note.sql").write_text(
        "SET LOCAL ROLE zava_owner;\nALTER TABLE retail.stores ADD COLUMN note text;\n"
    )
    config = config_of(package)
    config = type(config)(**{**config.__dict__, "lock_timeout_ms": 300, "lock_retries": 2})
    started, migrate_ended = threading.Event(), threading.Event()
    # Up to 6 s, longer than migrate may wait; let go once migrate has given up (nothing to wait for after that).
    blocker = threading.Thread(target=_blocker, args=(db, 6, started, migrate_ended))
    blocker.start()
    started.wait(10)
    logs: list[str] = []
    outcome: dict = {}

    def migrate_now():
        try:
            run(db, config, log=logs.append)
        except migrate.MigrationError as exc:
            outcome["error"] = str(exc)

    migrating = threading.Thread(target=migrate_now)
    began = time.monotonic()
    migrating.start()
    # Meanwhile every reader of the table is served within about the lock timeout, never held for the whole wait.
    waits, seen_as = [], set()
    with psycopg.connect(db.url, autocommit=True) as reader, psycopg.connect(db.url, autocommit=True) as watcher:
        while migrating.is_alive():
            waiting = "SELECT application_name FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            seen_as |= {r[0] for r in watcher.execute(waiting).fetchall()}
            t = time.monotonic()
            reader.execute("SELECT count(*) FROM retail.stores")
            waits.append(time.monotonic() - t)
            time.sleep(0.05)
    migrating.join()
    elapsed = time.monotonic() - began
    migrate_ended.set()
    blocker.join()
    assert "error" in outcome, logs
    assert "slow-report" in outcome["error"] and "pid " in outcome["error"] and "3 time(s)" in outcome["error"]
    # pg_cancel_backend does nothing to a transaction left idle (an outside DBA tried the advice it gave)
    assert "end it with pg_terminate_backend" in outcome["error"]
    assert sum("retrying" in line and "slow-report" in line for line in logs) == 2, logs
    assert elapsed < 5, elapsed  # three 0.3 s waits and two short pauses, not the blocker's 6 s
    assert max(waits) < 1.0, max(waits)
    assert "migrate" in seen_as  # migrate's session says who it is
    assert "schema/9990_note.sql" not in ledger(db)


def test_a_lock_wait_that_ends_is_retried_and_applies(db, package):
    (package / "sql/schema/9990_note.sql").write_text(
        "SET LOCAL ROLE zava_owner;\nALTER TABLE retail.stores ADD COLUMN note text;\n"
    )
    config = config_of(package)
    config = type(config)(**{**config.__dict__, "lock_timeout_ms": 300, "lock_retries": 5})
    started = threading.Event()
    blocker = threading.Thread(target=_blocker, args=(db, 1, started))
    blocker.start()
    started.wait(10)
    logs: list[str] = []
    applied = run(db, config, log=logs.append)
    blocker.join()
    assert "schema/9990_note.sql" in applied and any("retrying" in line for line in logs)


# ----- no-transaction files ----------------------------------------------------------------------------------------


def test_a_no_transaction_file_runs_create_index_concurrently(db, package):
    (package / "sql/schema/9990_orders_by_day.sql").write_text(
        "-- migrate: no-transaction\n-- CREATE INDEX CONCURRENTLY cannot run in a transaction block.\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_by_day_idx ON retail.orders (order_date, store_id);\n"
    )
    config = config_of(package)
    assert "schema/9990_orders_by_day.sql" not in run(db, config, dry_run=True)  # skipped by the dry run
    applied = run(db, config)
    assert "schema/9990_orders_by_day.sql" in applied
    with db.connect() as conn:
        valid = conn.execute(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'retail.orders_by_day_idx'::regclass"
        ).fetchone()[0]
        transactional = conn.execute(
            "SELECT transactional FROM migrations.applied_files WHERE file = 'schema/9990_orders_by_day.sql'"
        ).fetchone()[0]
    assert valid and transactional is False
    assert ("schema/9990_orders_by_day.sql", "applied", False) in history(db)


def test_a_no_transaction_file_with_more_than_one_statement_is_refused(package):
    (package / "sql/schema/9990_mixed.sql").write_text(
        "-- migrate: no-transaction\nCREATE INDEX CONCURRENTLY i ON retail.orders (order_date);\nSELECT 1;\n"
    )
    with pytest.raises(migrate.MigrationError, match=r"9990_mixed\.sql: a no-transaction file holds exactly one"):
        migrate.discover(config_of(package))


def test_the_directive_only_counts_in_the_header(package):
    (package / "sql/schema/9990_later.sql").write_text("SELECT 1;\n-- migrate: no-transaction\nSELECT 2;\n")
    later = next(f for f in migrate.discover(config_of(package)) if f.path == "schema/9990_later.sql")
    assert later.transactional


# ----- repeatables after versioned files ---------------------------------------------------------------------------


def test_what_a_versioned_file_dropped_of_a_repeatable_comes_back(db, package):
    (package / "sql/schema/9990_rework.sql").write_text(
        "SET LOCAL ROLE zava_owner;\nDROP FUNCTION api.get_current_utc_date() CASCADE;\n"
    )
    applied = run(db, config_of(package))
    repeatables = [f.path for f in migrate.discover(config_of(package)) if f.kind == "repeatable"]
    assert applied == ["schema/9990_rework.sql", *repeatables]
    assert function_exists(db, "get_current_utc_date")
    assert {(f, a) for f, a, _ in history(db)} >= {(p, "reapplied") for p in repeatables}
    assert run(db, config_of(package)) == []


def test_a_run_stopped_in_the_repeatable_pass_leaves_the_rest_owed(db, package):
    """The versioned file drops a policy a later repeatable file makes; the pass stops at a failing file before it.
    The next run still owes the rest their re-run (status says so) and brings the policy back."""
    policy = "sales_customer_total_head_office_select"
    (package / "sql/schema/9990_rework.sql").write_text(f"DROP POLICY {policy} ON retail.sales_customer_total;\n")
    (package / "sql/policies/0650_broken.sql").write_text("SELECT 1 / 0;\n")
    with pytest.raises(migrate.MigrationError, match="0650_broken"):
        run(db, config_of(package))
    (package / "sql/policies/0650_broken.sql").unlink()
    states = {s.path: s.state for s in asyncio.run(migrate.status(db.url, config_of(package)))}
    assert states["schema/9990_rework.sql"] == "applied" and states["policies/0700_sales_rollups.sql"] == "owed"
    assert states["functions/0100_identity.sql"] == "applied"  # re-run before the failure: nothing owed
    cli = run_cli("--config", str(package / "migrate.toml"), "status", "--exit-code", url=db.url)
    assert cli.returncode == 3 and "owed     repeatable sql/policies/0700_sales_rollups.sql" in cli.stdout
    assert "policies/0700_sales_rollups.sql" in run(db, config_of(package))
    with db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM pg_policy WHERE polname = %s", (policy,)).fetchone()[0] == 1
    assert run(db, config_of(package)) == []


def test_a_failing_line_is_found_under_the_files_role_and_lock_timeout(db, package):
    """PostgreSQL gives no position for these errors, so the file is re-run statement by statement to find the
    line: as the file ran (owner role, lock_timeout), or the first statement would fail there instead."""
    (package / "sql/functions/0999_probe.sql").write_text(
        "DO $$ BEGIN IF current_user <> 'zava_owner' OR current_setting('lock_timeout') = '0' THEN "
        "RAISE EXCEPTION 'not as the file ran'; END IF; END $$;\nSELECT 1 / 0;\n"
    )
    with pytest.raises(migrate.MigrationError, match=r"sql/functions/0999_probe\.sql:2: SQLSTATE 22012"):
        run(db, config_of(package))


def test_a_failing_line_of_a_templated_file_says_it_is_the_rendered_texts(db, package):
    target = package / "sql/functions/0310_search_products.sql"
    target.write_text(target.read_text() + "\nSELECT 1 / 0;\n")
    with pytest.raises(migrate.MigrationError, match=r"0310_search_products\.sql:\d+ \(line \d+ of the rendered text"):
        run(db, config_of(package))


def test_a_current_ledger_is_not_altered_so_its_readers_do_not_hold_a_run(db, package):
    outcome: list = []
    with psycopg.connect(db.url) as reader:
        reader.execute("SELECT count(*) FROM migrations.applied_files")  # ACCESS SHARE until the end of the test
        migrating = threading.Thread(target=lambda: outcome.append(run(db, config_of(package))), daemon=True)
        migrating.start()
        migrating.join(10)  # ALTER TABLE on the ledger would wait for the reader for as long as it reads
        with psycopg.connect(db.url, autocommit=True) as admin:  # whatever happened, let go
            admin.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'migrate'")
    migrating.join(10)
    assert outcome == [[]]


def test_an_index_a_no_transaction_file_left_invalid_is_not_recorded(db, package):
    (package / "sql/schema/9990_unique_online.sql").write_text(
        "-- migrate: no-transaction\n"
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS stores_online_unique ON retail.stores (is_online);\n"
    )
    with pytest.raises(migrate.MigrationError, match="23505"):  # seven stores are not online: the build fails
        run(db, config_of(package))
    # IF NOT EXISTS now finds the INVALID index and does nothing: that is no success either.
    with pytest.raises(migrate.MigrationError, match=r"left INVALID index\(es\) .*stores_online_unique"):
        run(db, config_of(package))
    assert "schema/9990_unique_online.sql" not in ledger(db)


def slow_run(db, package) -> tuple[subprocess.Popen, int | None]:
    """`migrate.py apply` of a file that sleeps 30 s, and its backend's pid once its statement runs (None: never)."""
    (package / "sql/schema/9990_slow.sql").write_text("SELECT pg_sleep(30);\n")
    cli = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "migrate.py"),
            "--database-url",
            db.url,
            "--config",
            str(package / "migrate.toml"),
            "apply",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with psycopg.connect(db.url, autocommit=True) as admin:
        for _ in range(100):
            pid = admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'migrate' AND query LIKE '%pg_sleep(30)%'"
            ).fetchone()
            if pid:
                return cli, pid[0]
            time.sleep(0.1)
    return cli, None


def test_a_session_ended_under_a_run_is_a_clear_error_not_a_traceback(db, package):
    cli, pid = slow_run(db, package)
    with psycopg.connect(db.url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    _, stderr = cli.communicate(timeout=60)
    assert pid and cli.returncode == 2, stderr
    assert "lost the database connection" in stderr and "Traceback" not in stderr
    assert "schema/9990_slow.sql" not in ledger(db)


def test_verify_finds_a_change_made_by_hand(db):
    assert run_cli("verify", url=db.url).returncode == 0
    with db.connect() as conn:
        conn.execute("DROP POLICY sales_customer_total_head_office_select ON retail.sales_customer_total")
        conn.commit()
    cli = run_cli("verify", url=db.url)
    assert cli.returncode == 3 and "-CREATE POLICY sales_customer_total_head_office_select" in cli.stdout, cli.stdout


@pytest.mark.parametrize(
    ("change", "undo", "seen"),
    [
        (
            "CREATE ROLE verify_intruder LOGIN BYPASSRLS IN ROLE zava_head_office",
            "DROP ROLE verify_intruder",
            "members verify_intruder, zava_mcp (no inherit)",
        ),
        ("GRANT zava_owner TO zava_mcp", "REVOKE zava_owner FROM zava_mcp", "members zava_mcp"),
        (
            "GRANT SET ON PARAMETER session_replication_role TO zava_owner",
            "REVOKE SET ON PARAMETER session_replication_role FROM zava_owner",
            "+-- GRANT SET ON PARAMETER session_replication_role TO zava_owner",
        ),
        (
            "ALTER DATABASE {db} SET row_security = off",
            "ALTER DATABASE {db} RESET row_security",
            "+-- ALTER DATABASE SET row_security=off",
        ),
        (
            "ALTER ROLE zava_mcp IN DATABASE {db} SET work_mem = '1GB'",
            "ALTER ROLE zava_mcp IN DATABASE {db} RESET work_mem",
            "+-- ALTER ROLE zava_mcp IN DATABASE SET work_mem=1GB",
        ),
        ("GRANT CREATE ON DATABASE {db} TO zava_mcp", "REVOKE CREATE ON DATABASE {db} FROM zava_mcp", "CREATE ON"),
    ],
    ids=["a login in a request role", "the login in the owner", "a parameter", "the database", "a role", "create"],
)
def test_verify_finds_rights_given_outside_the_schema(db, change, undo, seen):
    """An outside DBA gave these by hand and verify stayed clean: a new BYPASSRLS login member of head office read
    every store's orders. Roles, parameters and database settings are the cluster's: each is undone after."""
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(change.format(db=db.name))
        try:
            cli = run_cli("verify", url=db.url)
        finally:
            conn.execute(undo.format(db=db.name))
    assert cli.returncode == 3 and seen in cli.stdout, cli.stdout
    assert run_cli("verify", url=db.url).returncode == 0


def test_the_snapshot_holds_the_roles_the_schema_names():
    committed = (ROOT / migrate.SNAPSHOT.name).read_text()
    roles = committed.split("-- Roles the schema names", 1)[1]
    assert "-- zava_mcp: LOGIN NOINHERIT; member of zava_head_office (no inherit)" in roles
    assert "BYPASSRLS" not in roles and "SUPERUSER" not in roles


# ----- history, snapshot -------------------------------------------------------------------------------------------


def test_the_history_keeps_every_application_and_cannot_be_rewritten(db, package):
    target = package / "sql/functions/0100_identity.sql"
    original = target.read_text()
    for wording in ("Stores the caller may see", "The stores the caller sees"):
        target.write_text(original.replace("'The stores the caller may see", f"'{wording}", 1))
        run(db, config_of(package))
    rows = [r for r in history(db) if r[0] == "functions/0100_identity.sql"]
    assert [a for _, a, _ in rows] == ["applied", "reapplied", "reapplied"]
    with db.connect() as conn, pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState, match="append-only"):
        conn.execute("DELETE FROM migrations.history")


def test_the_committed_schema_snapshot_is_what_the_package_makes(empty_db):
    apply_package(empty_db.url)
    with empty_db.connect() as conn:
        migrator = conn.execute("SELECT current_user").fetchone()[0]
    dumped = migrate.normalised_dump(empty_db.url, migrator)
    committed = (ROOT / migrate.SNAPSHOT.name).read_text()
    if dumped != committed:
        diff = difflib.unified_diff(committed.splitlines(), dumped.splitlines(), "committed", "package", lineterm="")
        pytest.fail(
            f"{migrate.SNAPSHOT.name} is out of date: run `make snapshot` and commit it.\n" + "\n".join(list(diff)[:60])
        )


def test_args_reach_only_the_target_named_on_the_command_line():
    """`make bench ARGS=...` runs `migrate` first; migrate must not get bench's arguments."""
    dry = subprocess.run(
        ["make", "-n", "bench", "ARGS=--workload point"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout.splitlines()
    assert any(line.rstrip().endswith("migrate.py apply") for line in dry), dry
    assert any(line.endswith("bench/peers/run.py --workload point") for line in dry), dry
    migrate_only = subprocess.run(
        ["make", "-n", "migrate", "ARGS=--dry-run"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout
    assert "migrate.py apply --dry-run" in migrate_only


def test_an_overloaded_tool_left_by_an_upgrade_fails_the_migration_not_the_server(db, package):
    """An upgrade from before 12-05 kept the first api.semantic_search_products beside the current one: migrate said
    success and the server then refused to start (an outside DBA). Its file now drops that signature too, and any
    overload it did not foresee fails the migration, naming it."""
    with db.connect() as conn:
        conn.execute(
            "CREATE FUNCTION api.semantic_search_products(q extensions.vector, n integer, s double precision) "
            "RETURNS integer LANGUAGE sql AS 'SELECT 1'"
        )
        conn.execute(
            "CREATE FUNCTION api.get_measure_glossary(measure text) RETURNS integer LANGUAGE sql AS 'SELECT 1'"
        )
    (package / "sql/schema/10000_next.sql").write_text("SELECT 1;\n")  # any versioned file re-runs the repeatables
    with pytest.raises(migrate.MigrationError, match=r"overloaded functions.*api\.get_measure_glossary\(text\)"):
        run(db, config_of(package))
    with db.connect() as conn:
        conn.execute("DROP FUNCTION api.get_measure_glossary(text)")
    run(db, config_of(package))
    with db.connect() as conn:
        signatures = conn.execute(
            "SELECT oid::regprocedure::text FROM pg_proc WHERE proname = 'semantic_search_products'"
        ).fetchall()
    assert len(signatures) == 1, signatures


def test_a_cancelled_or_timed_out_file_is_not_run_again_to_find_its_line(db, package):
    """A failure without a position had the file re-run to find the failing line: after a DBA's pg_cancel_backend
    the file ran again, locks and all, for as long as the first time (an outside DBA). A cancel, a timeout or a
    deadlock is no line's fault: the file runs once (a sequence, which no rollback resets, counts the runs)."""
    with db.connect() as conn:
        conn.execute("CREATE SEQUENCE public.runs")
    (package / "sql/schema/10000_slow.sql").write_text(
        "SELECT nextval('public.runs');\nSET LOCAL statement_timeout = 200;\nSELECT pg_sleep(5);\n"
    )
    with pytest.raises(migrate.MigrationError, match=r"schema/10000_slow\.sql: SQLSTATE 57014"):
        run(db, config_of(package))
    with db.connect() as conn:
        assert conn.execute("SELECT last_value FROM public.runs").fetchone() == (1,)


def test_a_server_too_old_is_refused_before_anything_is_applied(pg_server, monkeypatch):
    """On PostgreSQL 15 the package failed at its 33rd file, after 32 had committed and six cluster-wide roles
    existed (an outside DBA). The version is checked first; here the bar is raised above this server's."""
    monkeypatch.setattr(migrate, "MIN_SERVER_VERSION", (99, 0))
    name = f"zava_old_{uuid.uuid4().hex[:8]}"
    with pg_server.janitor(name):
        url = pg_server.url(name)
        with pytest.raises(
            migrate.MigrationError, match=r"PostgreSQL [\d.]+ is too old: the package needs 16 or later"
        ):
            asyncio.run(migrate.apply(url, migrate.load_config(), log=lambda *_: None))
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT to_regnamespace('migrations'), to_regnamespace('retail')").fetchone() == (
                None,
                None,
            )


def test_an_interrupted_run_says_so_without_a_traceback(db, package):
    """Ctrl-C during a file printed a 38-line traceback (an outside DBA). It says what happened and exits 130; the
    file in progress is rolled back and not recorded."""
    cli, running = slow_run(db, package)
    cli.send_signal(signal.SIGINT)
    _, stderr = cli.communicate(timeout=60)
    assert running and cli.returncode == 130, stderr
    assert "migrate: interrupted" in stderr and "Traceback" not in stderr, stderr
    assert "schema/9990_slow.sql" not in ledger(db)


@pytest.mark.parametrize(
    "statement",
    ["COMMIT;", "commit work;", "ROLLBACK;", "BEGIN;", "START TRANSACTION;", "ABORT;", "PREPARE TRANSACTION 'x';"],
)
def test_a_file_that_ends_its_own_transaction_is_refused_before_it_runs(db, package, statement):
    """A COMMIT in a file committed what came before it; the file then failed, was reported rolled back, and the next
    run failed on "already exists" (an outside DBA). Such a file is refused, naming the line, and nothing runs."""
    (package / "sql/schema/9990_commits.sql").write_text(
        f"CREATE TABLE public.before_commit (id int);\n{statement}\nSELECT 1/0;\n"
    )
    with pytest.raises(migrate.MigrationError, match=r"schema/9990_commits\.sql:2: a file runs in one transaction"):
        run(db, config_of(package))
    with db.connect() as conn:
        assert conn.execute("SELECT to_regclass('public.before_commit')").fetchone() == (None,)


def test_savepoints_and_atomic_bodies_are_not_transaction_control(db, package):
    (package / "sql/schema/9990_fine.sql").write_text(
        "SAVEPOINT a;\nCREATE TABLE public.kept (id int);\nROLLBACK TO a;\nRELEASE a;\n"
        "CREATE FUNCTION public.one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n"
    )
    assert "schema/9990_fine.sql" in run(db, config_of(package))


def test_a_released_late_file_is_applied_when_the_dba_names_it(db, package):
    """Files 1100 and 1160 were added after 1110 and 1170 had shipped: a database migrated in between could never be
    upgraded, since "renumber the new file" is impossible for a released one (an outside DBA). --allow-late names a
    late file to apply anyway; another late file is still refused."""
    (package / "sql/schema/999_late.sql").write_text("CREATE TABLE public.late_one (id int);\n")
    (package / "sql/schema/998_also_late.sql").write_text("SELECT 1;\n")
    with pytest.raises(migrate.MigrationError, match=r"--allow-late schema/998_also_late\.sql"):
        run(db, config_of(package))
    both = dataclasses.replace(config_of(package), allow_late=("schema/999_late.sql",))
    with pytest.raises(migrate.MigrationError, match=r"out of order: schema/998_also_late\.sql sort"):
        run(db, both)
    (package / "sql/schema/998_also_late.sql").unlink()
    assert "schema/999_late.sql" in run(db, both)
    assert ("schema/999_late.sql", "applied", True) in history(db)
    assert run_cli("--config", str(package / "migrate.toml"), "status", url=db.url).returncode == 0
