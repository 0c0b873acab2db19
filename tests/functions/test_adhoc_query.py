"""sql/functions/0300: the ad-hoc query tool runs one read-only SELECT as zava_sql_reader, under RLS, capped.
Every escape attempt fails with a typed error and changes nothing. Calls go through the server's dispatcher
(identity.call_tool), read-only as the server sends this tool."""

import psycopg
import pytest
from conftest import table_checksums
from identity import call_tool, call_tool_fails, server_login

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"
EASTSIDE = "5e0c2f1a-7b3d-4c8e-9a10-000000000101"  # a regional manager

# (attack, SQLSTATE it must fail with)
ESCAPES = [
    # stacked statements and breaking out of the wrapping subquery
    ("SELECT 1; DROP TABLE retail.orders", "42601"),
    ("SELECT 1; DELETE FROM retail.orders", "42601"),
    ("SELECT 1) AS q; DELETE FROM retail.orders; SELECT (1", "42601"),
    ("SELECT 1) AS q; COMMIT; DROP TABLE retail.orders; SELECT (1", "42601"),
    ("SELECT 1) AS q; SET ROLE postgres; SELECT (1", "42601"),
    ("SELECT 1 /*", "42601"),
    ("SELECT 1;;", "42601"),
    ("SELECT 1; SELECT 2", "42601"),
    ("SELECT 1; -- the rest\nDROP TABLE retail.orders", "42601"),
    ("SELECT ';'; DROP TABLE retail.orders;", "42601"),
    ("SELECT $$;$$; DELETE FROM retail.orders;", "42601"),
    ("SELECT $a$ $$ $a$; DELETE FROM retail.orders", "42601"),
    ("SELECT 1 /* ; */; DELETE FROM retail.orders", "42601"),
    ("SELECT E'\\'';' ; DELETE FROM retail.orders", "42601"),
    # what the SQL reader might read differently from PostgreSQL's lexer: refused, never guessed
    ("SELECT E'x'\n'\\'' , 1; DELETE FROM retail.orders --'", "42601"),
    ("SELECT 1 /* /* */ ; DELETE FROM retail.orders; */", "42601"),
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
    ("SELECT * FROM retail.orders FOR UPDATE", "42501"),
    ("SELECT * FROM retail.inventory FOR SHARE", "42501"),
    ("SELECT query_to_xml('DELETE FROM retail.orders', true, false, '')", "42501"),
    ("SELECT * INTO retail.copy_of_orders FROM retail.orders", "42601"),
    # identity and role changes
    ("SELECT set_config('mcp.identity', '00000000-0000-0000-0000-000000000000', true)", "42501"),
    ("SELECT set_config('role', 'zava_head_office', true)", "42501"),
    ("SELECT pg_catalog.set_config('role', 'postgres', false)", "42501"),
    ("SET ROLE zava_head_office", "42601"),
    ("RESET ROLE", "42601"),
    ("SET mcp.identity = '00000000-0000-0000-0000-000000000000'", "42601"),
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
    ("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r", "54001"),
    ("SELECT repeat('x', 1100000000)", "42501"),
    # empty and oversized
    ("", "22023"),
    ("   ", "22023"),
    ("SELECT 1 " + "-- padding\n" * 2000, "23514"),  # the parameter's domain, api.sql_text: at most 20,000 characters
]


@pytest.fixture(scope="module")
def login(seeded_db):
    # The statement timeout the server's pool gives its connections, shortened for the test.
    with server_login(seeded_db, statement_timeout="1s") as conn:
        yield conn


CALL = "SELECT api.execute_sales_query(($1)[1]::api.sql_text)"


def run(conn, identity, query):
    """The tool's result (the jsonb document) for `query`, called as the server calls this read-only tool."""
    [(result,)] = call_tool(conn, identity, CALL, [query])
    return result


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
    none = run(login, SEATTLE, "SELECT 1 AS a WHERE false")
    assert (none["columns"], none["rows"], none["row_count"]) == (["a"], [], 0)
    empty = run(login, SEATTLE, "SELECT")  # one row of no columns: an empty row, not null
    assert (empty["columns"], empty["rows"], empty["row_count"]) == ([], [[]], 1)


def test_runs_as_the_reader_role_with_the_callers_identity(login):
    result = run(login, SEATTLE, "SELECT current_user, current_setting('mcp.identity')")
    assert result["rows"] == [["zava_sql_reader", SEATTLE]]


def test_refuses_a_read_write_transaction(login):
    """Sent as a write (read_only false), the tool refuses to run: it needs the read-only transaction."""
    call_tool_fails(login, SEATTLE, CALL, "25006", ["SELECT 1"], read_only=False)


def test_the_reader_role_cannot_be_used_by_requests_directly(seeded_db):
    with seeded_db.connect() as conn:
        row = conn.execute(
            "SELECT rolcanlogin, pg_has_role('zava_store_manager', 'zava_sql_reader', 'MEMBER') "
            "FROM pg_roles WHERE rolname = 'zava_sql_reader'"
        ).fetchone()
    assert row == (False, False)


# One statement, optionally followed by ";" and whitespace or comments: the ";" is read the way PostgreSQL's lexer
# reads the text, so one inside a literal, a quoted identifier or a comment is not the end.
TRAILING_SEMICOLON = [
    ("SELECT 1;", [[1]]),
    ("SELECT 1 ;  -- comment", [[1]]),
    ("SELECT 1; /* c */", [[1]]),
    ("SELECT 1;\n-- one\n/* two */\n", [[1]]),
    ("SELECT ';'", [[";"]]),
    ("SELECT ';';", [[";"]]),
    ("SELECT 1 -- ;", [[1]]),
    ("SELECT 1 /* ; */", [[1]]),
    ("SELECT $$;$$", [[";"]]),
    ("SELECT $x$ ; $$ ; $x$;", [[" ; $$ ; "]]),
    ('SELECT 1 AS ";";', [[1]]),
    ("SELECT E'\\';';", [["';"]]),
    ("SELECT 'it''s;' ;", [["it's;"]]),
]


@pytest.mark.parametrize(("query", "rows"), TRAILING_SEMICOLON)
def test_a_trailing_semicolon_is_accepted(login, query, rows):
    assert run(login, SEATTLE, query)["rows"] == rows


# What retail.adhoc_statement makes of the caller's text: the trailing ";" dropped, OFFSET 0 added to subqueries in
# FROM, JOIN, LATERAL and WITH (not to IN, EXISTS or ANY subqueries, nor to those with a LIMIT or OFFSET).
STATEMENTS = [
    ("SELECT 1;", "SELECT 1"),
    ("SELECT * FROM (SELECT 1) AS s", "SELECT * FROM (SELECT 1 OFFSET 0) AS s"),
    ("SELECT * FROM (SELECT 1 LIMIT 1) AS s", "SELECT * FROM (SELECT 1 LIMIT 1) AS s"),
    ("SELECT * FROM (SELECT 1 OFFSET 2) AS s;", "SELECT * FROM (SELECT 1 OFFSET 2) AS s"),
    ("WITH a AS (SELECT 1) SELECT * FROM a", "WITH a AS (SELECT 1 OFFSET 0) SELECT * FROM a"),
    ("WITH a (x) AS MATERIALIZED (VALUES (1)) TABLE a", "WITH a (x) AS MATERIALIZED (VALUES (1) OFFSET 0) TABLE a"),
    ("SELECT * FROM t, LATERAL (SELECT 2 -- c\n) AS l", "SELECT * FROM t, LATERAL (SELECT 2 -- c\n OFFSET 0) AS l"),
    (
        "SELECT 1 WHERE 1 IN (SELECT 1) AND EXISTS (SELECT 1) AND 1 = ANY (SELECT 1)",
        "SELECT 1 WHERE 1 IN (SELECT 1) AND EXISTS (SELECT 1) AND 1 = ANY (SELECT 1)",
    ),
    ("SELECT '(SELECT 1)', $$(SELECT 2)$$", "SELECT '(SELECT 1)', $$(SELECT 2)$$"),
    (
        'SELECT "(select 1)" FROM (SELECT 1 AS "(select 1)") AS s',
        'SELECT "(select 1)" FROM (SELECT 1 AS "(select 1)" OFFSET 0) AS s',
    ),
]


@pytest.mark.parametrize(("query", "statement"), STATEMENTS)
def test_the_statement_that_runs(seeded_db, query, statement):
    with seeded_db.connect() as conn:
        assert conn.execute("SELECT statement FROM retail.adhoc_statement(%s)", (query,)).fetchone()[0] == statement


def test_subqueries_give_the_same_rows_with_offset_zero(login):
    query = (
        "WITH per_store AS (SELECT store_id, count(*) AS n FROM retail.orders GROUP BY store_id) "
        "SELECT s.store_name, p.n FROM per_store AS p JOIN (SELECT * FROM retail.stores) AS s USING (store_id);"
    )
    assert run(login, HEAD_OFFICE, query)["row_count"] == 8


# Other stores' totals through the server's own bookkeeping: row estimates, statistics, sizes, physical row
# positions, other sessions, earlier calls on the same pooled connection. Each must fail with 42501.
TOTALS = [
    "SELECT reltuples FROM pg_class WHERE relname = 'orders'",
    "SELECT c.relpages FROM pg_catalog.pg_class AS c WHERE c.relname = 'order_items'",
    "SELECT relallvisible, relallfrozen FROM pg_class",
    "SELECT * FROM pg_class",
    "SELECT c FROM pg_class AS c",
    "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'orders'",
    "SELECT n_tup_ins, seq_tup_read FROM pg_stat_all_tables",
    "SELECT * FROM pg_stat_xact_user_tables",
    "SELECT heap_blks_read FROM pg_statio_user_tables",
    "SELECT idx_tup_read FROM pg_stat_user_indexes",
    "SELECT tup_inserted FROM pg_stat_database",
    "SELECT * FROM pg_stat_io",
    "SELECT * FROM pg_stat_wal",
    "SELECT * FROM pg_stat_checkpointer",
    "SELECT pg_stat_get_live_tuples('retail.orders'::regclass)",
    "SELECT pg_stat_get_tuples_inserted('retail.order_items'::regclass)",
    "SELECT pg_relation_size('retail.orders')",
    "SELECT pg_total_relation_size('retail.orders')",
    "SELECT pg_table_size('retail.order_items')",
    "SELECT pg_indexes_size('retail.orders')",
    "SELECT pg_database_size(current_database())",
    "SELECT pg_tablespace_size('pg_default')",
    "SELECT usename, pid, query FROM pg_stat_activity",
    "SELECT pid, relation FROM pg_locks",
    "SELECT * FROM pg_prepared_xacts",
    "SELECT * FROM pg_stat_progress_vacuum",
    "SELECT pg_current_wal_lsn()",
    "SELECT txid_current()",
    "SELECT pg_current_snapshot()",
    "SELECT next_xid FROM pg_control_checkpoint()",
    "SELECT max(ctid) FROM retail.orders",
    "SELECT xmin FROM retail.orders",
    "SELECT * FROM retail.orders WHERE ctid = '(0,1)'",
    "SELECT * FROM pg_statistic",
    "SELECT * FROM pg_statistic_ext_data",
    "SELECT name, generic_plans + custom_plans FROM pg_prepared_statements",  # a pooled connection's earlier calls
]


@pytest.mark.parametrize("query", TOTALS)
def test_no_totals_of_other_stores(login, query):
    with pytest.raises(psycopg.Error) as failure:
        run(login, SEATTLE, query)
    assert failure.value.sqlstate == "42501", str(failure.value)


def test_column_statistics_of_tenant_tables_stay_hidden(login, seeded_db):
    tenant_tables = ["stores", "customers", "inventory", "orders", "order_items"]
    with seeded_db.connect() as conn:  # the planner's statistics exist, for the admin
        conn.execute("ANALYZE retail.orders")
        assert conn.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'orders'").fetchone()[0] > 0
    for query in (
        "SELECT tablename, attname, n_distinct, most_common_vals::text FROM pg_stats WHERE schemaname = 'retail'",
        "SELECT tablename FROM pg_stats_ext WHERE schemaname = 'retail'",
    ):
        seen = {row[0] for row in run(login, SEATTLE, query)["rows"]}
        assert not seen & set(tenant_tables)


def test_names_and_shapes_stay_readable(login):
    """Schema information is the same for every store: what api.get_multiple_table_schemas tells anyway."""
    result = run(
        login,
        SEATTLE,
        "SELECT c.relname, c.relkind, count(a.attname) FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid "
        "WHERE c.relnamespace = 'retail'::regnamespace AND c.relname = 'orders' AND a.attnum > 0 GROUP BY 1, 2",
    )
    assert result["row_count"] == 1 and result["rows"][0][:2] == ["orders", "r"]


def test_the_reader_holds_column_grants_only(seeded_db):
    """A table-level grant would admit ctid and xmin again; every retail table the reader reads, column by column."""
    with seeded_db.connect() as conn:
        table_grants = conn.execute(
            "SELECT c.relname FROM pg_class AS c CROSS JOIN LATERAL aclexplode(c.relacl) AS a "
            "WHERE c.relnamespace = 'retail'::regnamespace AND c.relkind IN ('r', 'p') "
            "AND a.grantee = 'zava_sql_reader'::regrole"
        ).fetchall()
        unreadable = conn.execute(
            "SELECT c.relname, a.attname FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid "
            "WHERE c.relnamespace = 'retail'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 "
            "AND NOT a.attisdropped AND has_any_column_privilege('zava_sql_reader', c.oid, 'SELECT') "
            "AND NOT has_column_privilege('zava_sql_reader', c.oid, a.attnum, 'SELECT')"
        ).fetchall()
    assert table_grants == [] and sorted(unreadable) == [("customers", "email"), ("customers", "phone")]


def test_monitoring_and_the_package_roles_keep_what_the_reader_lost(seeded_db):
    with seeded_db.connect() as conn:
        rows = conn.execute(
            """
            SELECT r.role,
                   has_column_privilege(r.role, 'pg_catalog.pg_class', 'reltuples', 'SELECT'),
                   has_function_privilege(r.role, 'pg_catalog.pg_stat_get_activity(integer)', 'EXECUTE'),
                   has_function_privilege(r.role, 'pg_catalog.pg_relation_size(regclass)', 'EXECUTE'),
                   has_function_privilege(r.role, 'pg_catalog.array_agg(anynonarray)', 'EXECUTE'),
                   has_function_privilege(r.role, 'pg_catalog.repeat(text, integer)', 'EXECUTE'),
                   has_column_privilege(r.role, 'pg_catalog.pg_class', 'relname', 'SELECT')
            FROM unnest(ARRAY['zava_sql_reader', 'pg_read_all_stats', 'pg_monitor', 'zava_mcp', 'zava_owner',
                              'zava_store_manager', 'zava_regional_manager', 'zava_head_office']) AS r(role)
            ORDER BY 1
            """
        ).fetchall()
    assert {r[0]: r[1:] for r in rows} == {
        "zava_sql_reader": (False, False, False, False, False, True),
        "pg_read_all_stats": (True, True, True, False, False, True),
        "pg_monitor": (True, True, True, True, True, True),
        "zava_mcp": (False, False, False, True, True, True),
        "zava_owner": (False, False, False, True, True, True),
        "zava_store_manager": (False, False, False, True, True, True),
        "zava_regional_manager": (False, False, False, True, True, True),
        "zava_head_office": (False, False, False, True, True, True),
    }


@pytest.mark.parametrize("identity", [SEATTLE, EASTSIDE, HEAD_OFFICE])
@pytest.mark.parametrize(
    "query",
    [
        "SELECT email FROM retail.customers",
        "SELECT phone FROM retail.customers WHERE phone IS NOT NULL",
        "SELECT * FROM retail.customers",
        "SELECT c FROM retail.customers AS c",
        "SELECT o.order_id FROM retail.orders AS o JOIN retail.customers AS c USING (customer_id) "
        "WHERE c.email LIKE 'a%'",
    ],
)
def test_contact_details_are_not_readable_ad_hoc(login, identity, query):
    """get_top_customers masks an email for everyone but the customer's own store manager; an outside analyst read
    every store's emails and phones through the ad-hoc tool instead. No caller reads them there now, not even by a
    filter, and the error says which columns to name."""
    failure = call_tool_fails(login, identity, CALL, "42501", [query])
    assert "email or phone" in failure.diag.message_hint and "name the columns" in failure.diag.message_hint


def test_the_other_customer_columns_and_the_schema_tool_agree(login):
    result = run(
        login, HEAD_OFFICE, "SELECT customer_id, first_name, last_name, primary_store_id FROM retail.customers"
    )
    assert result["row_count"] > 0
    [(schemas,)] = call_tool(login, HEAD_OFFICE, "SELECT api.get_multiple_table_schemas(ARRAY['customers'])")
    assert [c["name"] for c in schemas[0]["columns"]] == [
        "customer_id",
        "first_name",
        "last_name",
        "primary_store_id",
        "created_at",
    ]


@pytest.mark.parametrize(
    ("query", "columns", "rows"),
    [
        ("SELECT 1 AS q", ["q"], [[1]]),
        ("SELECT ROW(1, 'a') AS q, 42 AS answer", ["q", "answer"], [[{"f1": 1, "f2": "a"}, 42]]),
        ("SELECT 7 AS r, 8 AS q", ["r", "q"], [[7, 8]]),
    ],
)
def test_a_column_named_like_the_wrapping_alias_is_a_column(login, query, columns, rows):
    """The tool wraps the query as a subquery; a column named after its alias was taken for the whole row (an
    outside client author: "SELECT 1 AS q" failed naming row_to_json(integer), and a q of a row type replaced
    every column)."""
    result = run(login, SEATTLE, query)
    assert (result["columns"], result["rows"]) == (columns, rows)


@pytest.mark.parametrize("query", ["SELECT 1; SELECT 2", "DELETE FROM retail.orders", "SELEC 1"])
def test_a_syntax_error_says_what_the_tool_takes(login, query):
    """A second statement or a write is a syntax error inside the wrapping subquery; PostgreSQL's bare "syntax error
    at or near" did not say that the tool takes exactly one SELECT (an outside client author)."""
    failure = call_tool_fails(login, SEATTLE, CALL, "42601", [query])
    assert "exactly one SELECT" in failure.diag.message_hint


@pytest.mark.parametrize(
    ("query", "columns"),
    [
        (
            "SELECT store_id, count(*) AS orders FROM retail.orders WHERE order_date > '2100-01-01' GROUP BY 1",
            ["store_id", "orders"],
        ),
        ("WITH x AS (SELECT 1 AS v) SELECT v, v AS w FROM x WHERE v > 5 ORDER BY v LIMIT 3", ["v", "w"]),
        ("SELECT 1 AS a, 2 AS a WHERE false", ["a", "a"]),
        ("SELECT FROM retail.stores WHERE false", []),
    ],
)
def test_an_empty_result_still_names_its_columns(login, query, columns):
    """An empty result came back with "columns": [], so a client could not tell what the query returns (an analyst
    and a client author, from outside). The names come from the query stopped before its first row."""
    result = run(login, SEATTLE, query)
    assert (result["columns"], result["rows"], result["row_count"]) == (columns, [], 0)
