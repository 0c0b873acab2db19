"""sql/functions/0300: the ad-hoc query tool runs one read-only SELECT as zava_sql_reader, under RLS, capped.
Every escape attempt fails with a typed error and changes nothing."""

import contextlib

import psycopg
import pytest
from conftest import table_checksums
from identity import server_login

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"

# (attack, SQLSTATE it must fail with)
ESCAPES = [
    # stacked statements and breaking out of the wrapping subquery
    ("SELECT 1; DROP TABLE retail.orders", "42601"),
    ("SELECT 1; DELETE FROM retail.orders", "42601"),
    ("SELECT 1) AS q; DELETE FROM retail.orders; SELECT (1", "42P11"),
    ("SELECT 1) AS q; COMMIT; DROP TABLE retail.orders; SELECT (1", "42P11"),
    ("SELECT 1) AS q; SET ROLE postgres; SELECT (1", "42P11"),
    ("SELECT 1 /*", "42601"),
    ("SELECT 1) AS q --", "42601"),
    # writes and DDL
    ("DELETE FROM retail.orders", "42601"),
    ("UPDATE retail.inventory SET stock_level = 0", "42601"),
    ("INSERT INTO retail.stores (store_name, location, rls_user_id) VALUES ('x', 'y', gen_random_uuid())", "42601"),
    ("DROP TABLE retail.orders", "42601"),
    ("CREATE TABLE retail.x (id int)", "42601"),
    ("TRUNCATE retail.orders", "42601"),
    ("WITH d AS (DELETE FROM retail.orders RETURNING *) SELECT * FROM d", "0A000"),
    ("WITH u AS (UPDATE retail.inventory SET stock_level = 0 RETURNING 1) SELECT * FROM u", "0A000"),
    ("SELECT * FROM retail.orders FOR UPDATE", "25006"),
    ("SELECT * FROM retail.inventory FOR SHARE", "25006"),
    ("SELECT query_to_xml('DELETE FROM retail.orders', true, false, '')", "0A000"),
    ("SELECT * INTO retail.copy_of_orders FROM retail.orders", "42601"),
    # identity and role changes
    ("SELECT set_config('app.current_rls_user_id', '00000000-0000-0000-0000-000000000000', true)", "42501"),
    ("SELECT set_config('role', 'zava_head_office', true)", "42501"),
    ("SELECT pg_catalog.set_config('role', 'postgres', false)", "42501"),
    ("SET ROLE zava_head_office", "42601"),
    ("RESET ROLE", "42601"),
    ("SET app.current_rls_user_id = '00000000-0000-0000-0000-000000000000'", "42601"),
    ("SELECT * FROM query_to_xml('SELECT set_config(''role'', ''zava_head_office'', true)', true, false, '')", "42501"),
    # privilege probes
    ("SELECT * FROM retail.managers", "42501"),
    ("SELECT * FROM retail.manager_stores", "42501"),
    ("SELECT * FROM migrations.applied_files", "42501"),
    ("SELECT api.get_current_utc_date()", "42501"),
    ("SELECT auth.request_role('00000000-0000-0000-0000-000000000000')", "42501"),
    ("SELECT pg_read_file('/etc/passwd')", "42501"),
    ("SELECT pg_ls_dir('.')", "42501"),
    ("SELECT * FROM pg_read_binary_file('postgresql.conf')", "42501"),
    ("SELECT lo_import('/etc/passwd')", "42501"),
    ("SELECT lo_create(0)", "42501"),
    ("SELECT pg_advisory_lock(42)", "42501"),
    ("SELECT pg_try_advisory_xact_lock(42)", "42501"),
    ("SELECT pg_notify('mcp_schema_changed', 'x')", "42501"),
    ("SELECT pg_terminate_backend(pid) FROM pg_stat_activity", "42501"),
    ("SELECT pg_reload_conf()", "42501"),
    ("SELECT dblink('host=localhost', 'SELECT 1')", "42883"),
    ("COPY retail.orders TO PROGRAM 'cat > /tmp/x'", "42601"),
    ("SELECT * FROM retail.orders) AS q, LATERAL (SELECT pg_sleep(0)) AS z --\n", "42601"),
    # resource exhaustion
    ("SELECT pg_sleep(10)", "57014"),
    ("SELECT count(*) FROM generate_series(1, 1000000000)", "57014"),
    ("SELECT count(*) FROM retail.order_items a, retail.order_items b, retail.order_items c", "57014"),
    ("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r", "57014"),
    ("SELECT repeat('x', 1100000000)", "54000"),
    # empty and oversized
    ("", "22023"),
    ("   ", "22023"),
    ("SELECT 1 " + "-- padding\n" * 2000, "22023"),
]


@pytest.fixture(scope="module")
def login(seeded_db):
    with server_login(seeded_db) as conn:
        conn.execute("SET statement_timeout = '1s'")  # what the shim sets per call, shortened for the test
        conn.commit()
        yield conn


@contextlib.contextmanager
def read_only_call(conn, identity):
    """The shim's transaction for this @readonly tool: READ ONLY, identity and role transaction-local."""
    with conn.transaction(force_rollback=True):
        conn.execute("SET TRANSACTION READ ONLY")
        role = conn.execute("SELECT auth.request_role(%s)", (identity,)).fetchone()[0]
        conn.execute(
            "SELECT set_config('app.current_rls_user_id', %s, true), set_config('role', %s, true)", (identity, role)
        )
        yield


def run(conn, identity, query):
    with read_only_call(conn, identity):
        return conn.execute("SELECT api.execute_sales_query(%s)", (query,)).fetchone()[0]


def test_escape_corpus_is_large_enough():
    assert len(ESCAPES) >= 40 and len({q for q, _ in ESCAPES}) == len(ESCAPES)


def test_every_escape_fails_and_changes_nothing(login, seeded_db):
    before = table_checksums(seeded_db)
    wrong = []
    for query, sqlstate in ESCAPES:
        try:
            result = run(login, SEATTLE, query)
            wrong.append((query, "succeeded", str(result)[:80]))
        except psycopg.Error as exc:
            if exc.sqlstate != sqlstate:
                wrong.append((query, exc.sqlstate, str(exc).splitlines()[0]))
    assert not wrong
    assert table_checksums(seeded_db) == before
    with seeded_db.connect() as conn:  # nothing was created or left behind either
        assert conn.execute("SELECT to_regclass('retail.copy_of_orders'), to_regclass('retail.x')").fetchone() == (
            None,
            None,
        )


def test_rows_are_the_callers_only(login):
    seattle = run(login, SEATTLE, "SELECT DISTINCT store_id FROM retail.orders")
    everyone = run(login, HEAD_OFFICE, "SELECT DISTINCT store_id FROM retail.orders")
    assert seattle["row_count"] == 1 and everyone["row_count"] == 8


def test_result_shape_and_row_cap(login):
    small = run(login, SEATTLE, "SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, 'y'")
    assert small == {
        "columns": ["a", "b"],
        "rows": [[1, "x"], [2, "y"]],
        "row_count": 2,
        "truncated": False,
        "row_cap": 500,
    }
    big = run(login, SEATTLE, "SELECT * FROM retail.order_items")
    assert big["row_count"] == 500 and big["truncated"] is True and len(big["rows"]) == 500


def test_runs_as_the_reader_role_with_the_callers_identity(login):
    result = run(login, SEATTLE, "SELECT current_user, current_setting('app.current_rls_user_id')")
    assert result["rows"] == [["zava_sql_reader", SEATTLE]]


def test_refuses_a_read_write_transaction(login):
    with login.transaction(force_rollback=True):
        login.execute(
            "SELECT set_config('app.current_rls_user_id', %s, true), set_config('role', 'zava_store_manager', true)",
            (SEATTLE,),
        )
        with pytest.raises(psycopg.Error) as failure:
            login.execute("SELECT api.execute_sales_query('SELECT 1')")
    assert failure.value.sqlstate == "25006"


def test_the_reader_role_cannot_be_used_by_requests_directly(seeded_db):
    with seeded_db.connect() as conn:
        row = conn.execute(
            "SELECT rolcanlogin, pg_has_role('zava_store_manager', 'zava_sql_reader', 'MEMBER') "
            "FROM pg_roles WHERE rolname = 'zava_sql_reader'"
        ).fetchone()
    assert row == (False, False)
