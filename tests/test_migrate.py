"""migrate.py: once-only versioned files, checksummed repeatables, drift, rollback, plan, locking."""

import asyncio
import re
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg
import pytest
from conftest import ROOT, apply_package

import migrate


def config_of(package: Path, *overrides: str) -> migrate.Config:
    return migrate.load_config(package / "migrate.toml", overrides, environ={})


def ledger(db) -> dict[str, tuple[str, int]]:
    with db.connect() as conn:
        rows = conn.execute("SELECT file, checksum, times_applied FROM migrations.applied_files").fetchall()
    return {f: (c, n) for f, c, n in rows}


def run_cli(*args: str, url: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "migrate.py"), "--database-url", url, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def first_run(config: migrate.Config) -> list[str]:
    """What a first apply returns: the required packages' files by their shown names, then the package's own."""
    required = [f.shown for package in config.packages()[:-1] for f in migrate.discover(package)]
    return required + [f.path for f in migrate.discover(config)]


def test_first_run_applies_every_file_once_and_records_it(empty_db):
    applied = apply_package(empty_db.url)
    files = [f.path for f in migrate.discover(migrate.load_config())]
    assert applied == first_run(migrate.load_config())
    assert [p for p in applied if p.startswith("shim/sql/")], "the shim's own package came first"
    recorded = ledger(empty_db)
    assert set(recorded) == set(files) and {n for _, n in recorded.values()} == {1}
    with empty_db.connect() as conn:
        row = conn.execute(
            "SELECT applied_by, duration_ms >= 0, length(checksum) FROM migrations.applied_files LIMIT 1"
        ).fetchone()
    assert row[1] and row[2] == 64 and row[0]


def test_second_run_applies_nothing(db):
    before = ledger(db)
    assert apply_package(db.url) == []
    assert ledger(db) == before


def test_status_lists_each_file_as_applied(db):
    result = run_cli("status", "--exit-code", url=db.url)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()[:-1]
    assert lines and all(line.startswith("applied") for line in lines)


def test_status_exit_code_when_something_is_pending(empty_db):
    result = run_cli("status", "--exit-code", url=empty_db.url)
    assert result.returncode == 3 and "pending" in result.stdout


def test_plan_prints_rendered_sql_and_writes_nothing(empty_db):
    result = run_cli("plan", url=empty_db.url)
    assert result.returncode == 0, result.stderr
    assert "extensions.vector(384)" in result.stdout and "{{" not in result.stdout
    assert "-- (migrate runs it as zava_owner, owner_role, once that role exists)" in result.stdout
    with empty_db.connect() as conn:
        assert conn.execute("SELECT to_regnamespace('migrations'), to_regnamespace('retail')").fetchone() == (
            None,
            None,
        )


def test_dry_run_checks_everything_and_keeps_nothing(empty_db):
    said: list[str] = []
    applied = asyncio.run(migrate.apply(empty_db.url, migrate.load_config(), dry_run=True, log=said.append))
    assert len(applied) > 10
    # One transaction: the locks its files took were all held to the end, and the DBA is told how many, how long.
    held = re.match(r"dry run: everything rolled back \(it held (\d+) tables or indexes exclusively for ", said[-1])
    assert held and int(held[1]) > 10, said[-1]
    with empty_db.connect() as conn:
        assert conn.execute("SELECT to_regnamespace('migrations'), to_regnamespace('retail')").fetchone() == (
            None,
            None,
        )


def test_changed_versioned_file_is_drift_and_refused(db, package):
    target = package / "sql/schema/0200_stores.sql"
    target.write_text(target.read_text() + "\n-- an innocent-looking edit\n")
    with pytest.raises(migrate.MigrationError, match=r"drift: .*schema/0200_stores\.sql"):
        apply_package(db.url, config_of(package))
    result = run_cli("--config", str(package / "migrate.toml"), "status", url=db.url)
    assert "drift    versioned  sql/schema/0200_stores.sql" in result.stdout


def test_changed_repeatable_file_is_reapplied(db, package):
    target = package / "sql/functions/0100_identity.sql"
    target.write_text(target.read_text().replace("'The stores the caller may see", "'Stores the caller may see"))
    assert apply_package(db.url, config_of(package)) == ["functions/0100_identity.sql"]
    assert ledger(db)["functions/0100_identity.sql"][1] == 2
    with db.connect() as conn:
        assert (
            conn.execute("SELECT obj_description('retail.get_user_store_list'::regproc)")
            .fetchone()[0]
            .startswith("Stores the caller")
        )


def test_failing_file_rolls_back_whole_and_names_file_line_and_sqlstate(db, package):
    (package / "sql/schema/9950_broken.sql").write_text(
        "CREATE TABLE retail.half_done (id int);\n\nINSERT INTO retail.half_done VALUES (1);\nSELECT 1 / 0;\n"
    )
    with pytest.raises(migrate.MigrationError) as failure:
        apply_package(db.url, config_of(package))
    message = str(failure.value)
    assert "sql/schema/9950_broken.sql:4" in message and "22012" in message
    with db.connect() as conn:
        assert conn.execute("SELECT to_regclass('retail.half_done')").fetchone()[0] is None
    assert "schema/9950_broken.sql" not in ledger(db)


def test_syntax_error_position_gives_the_line(db, package):
    (package / "sql/schema/9950_typo.sql").write_text("-- a comment\nCREATE TABLE retail.x (id int);\nSELEC 1;\n")
    with pytest.raises(migrate.MigrationError, match=r"9950_typo\.sql:3: SQLSTATE 42601"):
        apply_package(db.url, config_of(package))


def test_cli_failure_exits_non_zero_with_the_error(db, package):
    (package / "sql/schema/9950_missing.sql").write_text("SELECT * FROM retail.no_such_table;\n")
    result = run_cli("--config", str(package / "migrate.toml"), "apply", url=db.url)
    assert result.returncode == 1
    assert "9950_missing.sql:1: SQLSTATE 42P01" in result.stderr and "Traceback" not in result.stderr


def test_out_of_order_versioned_file_is_refused(db, package):
    (package / "sql/schema/0150_late.sql").write_text("SELECT 1;\n")
    with pytest.raises(migrate.MigrationError, match=r"out of order: schema/0150_late\.sql"):
        apply_package(db.url, config_of(package))


def test_drop_cascade_in_a_repeatable_file_is_refused(package):
    (package / "sql/policies/0900_dangerous.sql").write_text(
        "-- harmless comment: DROP nothing CASCADE\nDROP FUNCTION retail.get_user_store_list()\n    CASCADE;\n"
    )
    with pytest.raises(migrate.MigrationError, match=r"policies/0900_dangerous\.sql: DROP \.\.\. CASCADE"):
        migrate.discover(config_of(package))


def test_cascade_only_in_a_comment_is_fine(package):
    (package / "sql/policies/0900_ok.sql").write_text("-- never DROP ... CASCADE here\nSELECT 1;\n")
    assert any(f.path == "policies/0900_ok.sql" for f in migrate.discover(config_of(package)))


def test_undefined_template_variable_is_an_error(package):
    (package / "sql/schema/9950_var.sql").write_text("SELECT {{ no_such_variable }};\n")
    with pytest.raises(migrate.MigrationError, match=r"9950_var\.sql: template error: 'no_such_variable'"):
        migrate.discover(config_of(package))


def test_variables_from_file_env_and_cli_in_that_order(package):
    assert config_of(package).variables["embedding_dim"] == 384
    env = migrate.load_config(package / "migrate.toml", (), environ={"MIGRATE_VAR_EMBEDDING_DIM": "768"})
    assert env.variables["embedding_dim"] == 768
    cli = migrate.load_config(
        package / "migrate.toml", ["embedding_dim=1536"], environ={"MIGRATE_VAR_EMBEDDING_DIM": "768"}
    )
    assert cli.variables["embedding_dim"] == 1536
    rendered = {f.path: f.text for f in migrate.discover(cli)}
    assert "vector(1536)" in rendered["schema/0700_product_description_embeddings.sql"]


@pytest.mark.parametrize("value", ["1; DROP TABLE x", "Robert'); --", "a b", "1.5", "384\n", "zava\n--"])
def test_unsafe_variable_values_are_refused(package, value):
    with pytest.raises(migrate.MigrationError, match="only integers and identifiers"):
        config_of(package, f"embedding_dim={value}")


def test_a_variable_no_template_reads_is_refused_and_names_are_case_blind(package):
    for typo in (
        config_of(package, "embeding_dim=1536"),
        migrate.load_config(package / "migrate.toml", environ={"MIGRATE_VAR_EMBEDDING_DIMS": "1536"}),
    ):
        with pytest.raises(
            migrate.MigrationError, match=r"unknown variable\(s\) embedd?ing_dims?.*known: .*embedding_dim"
        ):
            migrate.check_variables(typo)
    upper = config_of(package, "EMBEDDING_DIM=1536")
    migrate.check_variables(upper)
    rendered = {f.path: f.text for f in migrate.discover(upper)}
    assert "vector(1536)" in rendered["schema/0700_product_description_embeddings.sql"]


def test_a_value_a_template_cannot_compute_with_is_an_error_naming_the_file(package):
    with pytest.raises(migrate.MigrationError, match=r"sql/functions/0310_search_products\.sql: template error: TypeE"):
        migrate.discover(config_of(package, "search_similarity_percent=null"))


def test_lock_options_out_of_range_are_usage_errors(db):
    for option in (("--lock-retries", "-1"), ("--lock-timeout-ms", "0")):
        result = run_cli(*option, "status", url=db.url)
        assert result.returncode == 2 and "expected an integer of at least" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_two_concurrent_runs_serialise(empty_db):
    """Both finish; every file is applied exactly once; one of them waited for the lock."""
    logs: list[list[str]] = [[], []]

    async def both():
        config = migrate.load_config()
        return await asyncio.gather(*(migrate.apply(empty_db.url, config, log=logs[i].append) for i in range(2)))

    first, second = asyncio.run(both())
    assert sorted([len(first), len(second)]) == [0, len(first_run(migrate.load_config()))]
    assert {n for _, n in ledger(empty_db).values()} == {1}
    assert any("waiting for another migrate run" in line for log in logs for line in log)


def test_lock_is_held_while_a_run_is_in_progress(empty_db):
    """A run holding the lock blocks a second one until it releases it."""

    async def scenario():
        holder = await asyncpg.connect(empty_db.url)
        await holder.execute("SELECT pg_advisory_lock($1, hashtext('migrations'))", migrate.LOCK_NAMESPACE)
        run = asyncio.create_task(migrate.apply(empty_db.url, migrate.load_config(), log=lambda *_: None))
        await asyncio.sleep(0.5)
        blocked = not run.done()
        await holder.execute("SELECT pg_advisory_unlock_all()")
        await holder.close()
        return blocked, await run

    blocked, applied = asyncio.run(scenario())
    assert blocked and applied


def test_statement_starts_handles_quotes_dollar_quotes_and_comments():
    sql = (
        "-- lead; comment\nSELECT 'a;b';\n/* block; */ CREATE FUNCTION f() RETURNS int AS $x$ SELECT 1; $x$ "
        'LANGUAGE sql;\nSELECT "we;ird" FROM t;'
    )
    starts = migrate.statement_starts(sql)
    assert [sql[s : s + 6] for s in starts] == ["SELECT", "CREATE", "SELECT"]
    escaped = "SELECT 1 WHERE x <> E'it\\'s; odd';\nSELECT e'\\\\';\nSELECT type 'a;b';"
    assert [escaped[s : s + 8] for s in migrate.statement_starts(escaped)] == ["SELECT 1", "SELECT e", "SELECT t"]


# ----- owner_role: the role repeatable files run as ---------------------------------------------------------------


def owner_of(db, sql: str) -> str:
    with db.connect() as conn:
        return conn.execute(sql).fetchone()[0]


def test_repeatable_files_run_as_the_owner_role_and_versioned_ones_as_the_migrating_user(db, package):
    (package / "sql/functions/9990_probe.sql").write_text(
        "CREATE OR REPLACE FUNCTION retail.probe() RETURNS text LANGUAGE sql AS $$ SELECT current_user::text $$;\n"
        "COMMENT ON FUNCTION retail.probe() IS 'probe';\n"
    )
    (package / "sql/schema/9990_probe.sql").write_text("CREATE TABLE retail.probe AS SELECT current_user AS who;\n")
    run_as = owner_of(db, "SELECT current_user")
    apply_package(db.url, config_of(package))
    assert owner_of(db, "SELECT proowner::regrole::text FROM pg_proc WHERE proname = 'probe'") == "zava_owner"
    assert owner_of(db, "SELECT relowner::regrole::text FROM pg_class WHERE oid = 'retail.probe'::regclass") == run_as
    assert owner_of(db, "SELECT who FROM retail.probe") == run_as
    # The ledger rows were written after RESET ROLE: zava_owner could not have (migrations is not its schema).
    assert owner_of(db, "SELECT applied_by FROM migrations.applied_files WHERE file = 'functions/9990_probe.sql'") == (
        run_as
    )


def test_a_repeatable_file_may_still_switch_role_itself(db):
    """sql/functions/0160 and 0165 create the rollup maintainer's functions as zava_rollup_writer."""
    assert owner_of(db, "SELECT proowner::regrole::text FROM pg_proc WHERE proname = 'fold_sales_changes'") == (
        "zava_rollup_writer"
    )
    assert owner_of(db, "SELECT proowner::regrole::text FROM pg_proc WHERE proname = 'store_filter'") == "zava_owner"


def _minimal_package(root: Path, owner: str) -> Path:
    """A package whose first versioned file creates its owner role, with a retirement and a repeatable file that
    record who ran them."""
    (root / "sql/schema").mkdir(parents=True)
    (root / "sql/functions").mkdir()
    (root / "sql/retired/functions").mkdir(parents=True)
    (root / "migrate.toml").write_text(f'[migrate]\nsql_dir = "sql"\nowner_role = "{owner}"\n')
    (root / "sql/schema/0100_owner.sql").write_text(
        f"CREATE ROLE {owner} NOLOGIN;\nGRANT {owner} TO current_user;\nCREATE SCHEMA probe AUTHORIZATION {owner};\n"
    )
    (root / "sql/retired/functions/0050_old.sql").write_text(
        "CREATE TABLE public.retirement_ran AS SELECT current_user::text AS who;\n"
    )
    (root / "sql/functions/0100_new.sql").write_text(
        "CREATE TABLE IF NOT EXISTS probe.repeatable_ran AS SELECT current_user::text AS who;\n"
    )
    return root / "migrate.toml"


def test_before_the_owner_role_exists_a_file_runs_as_the_migrating_user(empty_db, tmp_path):
    """On an empty database a retirement runs first, before the versioned file that creates the owner role: it runs
    as the migrating user; the repeatable files, after every versioned file, as the owner."""
    owner = f"zava_probe_owner_{uuid.uuid4().hex[:8]}"
    config = migrate.load_config(_minimal_package(tmp_path, owner), environ={})
    try:
        applied = apply_package(empty_db.url, config)
        assert applied == ["retired/functions/0050_old.sql", "schema/0100_owner.sql", "functions/0100_new.sql"]
        run_as = owner_of(empty_db, "SELECT current_user")
        assert owner_of(empty_db, "SELECT who FROM public.retirement_ran") == run_as
        assert owner_of(empty_db, "SELECT who FROM probe.repeatable_ran") == owner
        assert owner_of(empty_db, "SELECT relowner::regrole::text FROM pg_class WHERE relname = 'repeatable_ran'") == (
            owner
        )
    finally:
        with empty_db.connect(autocommit=True) as conn:
            if conn.execute("SELECT to_regrole(%s)", (owner,)).fetchone()[0]:
                conn.execute(f"DROP OWNED BY {owner}")
                conn.execute(f"DROP ROLE {owner}")


def test_a_repeatable_file_refuses_to_run_without_the_owner_role(empty_db, tmp_path):
    toml = _minimal_package(tmp_path, "zava_no_such_owner")
    (tmp_path / "sql/schema/0100_owner.sql").write_text("CREATE SCHEMA probe;\n")
    with pytest.raises(migrate.MigrationError, match=r"0100_new\.sql: owner_role 'zava_no_such_owner' does not exist"):
        apply_package(empty_db.url, migrate.load_config(toml, environ={}))
    assert "functions/0100_new.sql" not in ledger(empty_db)


@pytest.mark.parametrize("value", ["Zava Owner", "x; DROP ROLE y", "1abc"])
def test_an_owner_role_that_is_no_plain_name_is_refused(tmp_path, value):
    (tmp_path / "migrate.toml").write_text(f'[migrate]\nowner_role = "{value}"\n')
    with pytest.raises(migrate.MigrationError, match="owner_role"):
        migrate.load_config(tmp_path / "migrate.toml", environ={})


@pytest.mark.parametrize("command", ["status", "apply"])
def test_an_empty_database_url_is_a_usage_error_not_a_throw_away_server(command, tmp_path):
    """--database-url "" (an unset shell variable) started an embedded server in the package directory, migrated it
    and exited 0 (an outside DBA)."""
    cli = run_cli(command, url="", cwd=tmp_path)
    assert cli.returncode == 2 and "--database-url is empty" in cli.stderr, cli.stderr
