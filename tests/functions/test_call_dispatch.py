"""shim/sql/functions/0100_call_tool.sql: one statement per call, under the identity's role, leaving nothing behind;
and sql/functions/0106_call_dispatch_previous.sql, the previous release's statement, for one release."""

import hashlib

import psycopg
import pytest
from identity import server_login

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"
DISPATCH = "SELECT rows_json, compact_json, row_count FROM mcp.call_tool(%s, auth.request_role(%s), %s, %s, %s)"


@pytest.fixture
def login(tenant_db):
    with server_login(tenant_db) as conn:
        conn.autocommit = True  # as the server sends it: the statement is its own transaction
        yield conn


def call(conn, identity, statement, arguments=(), read_only=True):
    return conn.execute(DISPATCH, (identity, identity, statement, list(arguments), read_only)).fetchone()


def test_the_call_runs_as_the_identitys_role_with_its_rows(login):
    statement = (
        "SELECT current_user::text, pg_catalog.current_setting('mcp.identity'), "
        "(SELECT count(DISTINCT store_id) FROM retail.orders)"
    )
    assert call(login, SEATTLE, statement) == ("zava_store_manager", SEATTLE, 1)
    assert call(login, HEAD_OFFICE, statement) == ("zava_head_office", HEAD_OFFICE, 8)


def test_the_previous_releases_statement_still_works_during_an_upgrade(login):
    """A server started before the shim's own package sends auth.call_tool with the old setting's name first: while
    it runs on during `migrate`, its calls still run as the identity (in mcp.identity, the setting the policies
    read), not as nobody and not as everybody."""
    previous = (
        "SELECT rows_json, compact_json FROM auth.call_tool('app.current_rls_user_id', %s, auth.request_role(%s), "
        "'SELECT pg_catalog.count(DISTINCT store_id)::text, pg_catalog.current_setting(''mcp.identity''), 1::bigint "
        "FROM retail.orders', '{}', true)"
    )
    for identity, stores in ((SEATTLE, 1), (HEAD_OFFICE, 8)):
        assert login.execute(previous, (identity, identity)).fetchone() == (str(stores), identity)
    with pytest.raises(psycopg.Error) as refused:
        login.execute(previous, ("not-a-user", "not-a-user"))
    assert refused.value.sqlstate == "28000"


def test_nothing_survives_the_statement(login):
    call(login, SEATTLE, "SELECT 'x'::text, NULL::text, 1::bigint")
    after = login.execute(
        "SELECT current_user::text, pg_catalog.current_setting('mcp.identity', true), "
        "pg_catalog.current_setting('transaction_read_only')"
    ).fetchone()
    assert after in (("zava_mcp", None, "off"), ("zava_mcp", "", "off"))


def test_the_call_statement_is_prepared_once_per_session_and_holds_no_identity(login):
    """The plan of a call statement is cached (one PREPARE per session and statement text), so the only thing a call
    leaves on the connection is that statement: the server's text, no identity, no role, no argument."""
    statement = "SELECT ($1)[1], pg_catalog.current_setting('mcp.identity'), 1::bigint"
    for identity in (SEATTLE, HEAD_OFFICE, SEATTLE):
        assert call(login, identity, statement, ["an argument"])[:2] == ("an argument", identity)
    prepared = login.execute(
        "SELECT name, statement FROM pg_catalog.pg_prepared_statements WHERE name LIKE 'mcp\\_call\\_%'"
    ).fetchall()
    assert len(prepared) == 1
    name, text = prepared[0]
    assert name == "mcp_call_" + hashlib.md5(statement.encode()).hexdigest()
    assert statement in text
    assert SEATTLE not in text and HEAD_OFFICE not in text and "an argument" not in text


def test_a_cached_plan_is_planned_again_for_each_role(login):
    """Row-level security is planned for the role that runs the statement: a plan cached under head office (every
    store) must not serve a store manager, however often the two alternate on one connection (past the five custom
    plans after which PostgreSQL may switch to a generic plan)."""
    statement = "SELECT current_user::text, NULL::text, (SELECT count(DISTINCT store_id) FROM retail.orders)"
    for _ in range(8):
        assert call(login, HEAD_OFFICE, statement) == ("zava_head_office", None, 8)
        assert call(login, HEAD_OFFICE, statement) == ("zava_head_office", None, 8)
        assert call(login, SEATTLE, statement) == ("zava_store_manager", None, 1)


def test_a_statement_prepared_by_another_session_or_dropped_is_prepared_again(login):
    """Through PgBouncer in transaction mode a call may land on a server connection that never saw the statement, or
    one whose statements DISCARD ALL removed: the dispatcher prepares it there."""
    statement = "SELECT 'again'::text, NULL::text, 1::bigint"
    assert call(login, SEATTLE, statement)[0] == "again"
    login.execute("DEALLOCATE ALL")
    assert call(login, SEATTLE, statement)[0] == "again"


@pytest.mark.parametrize("sqlstate", ["26000", "42601"])
def test_a_tools_own_error_with_the_missing_statement_codes_stays_the_tools(tenant_db, login, sqlstate):
    """The dispatcher prepares a statement when executing it fails as a missing one would (26000, or 42601 as
    RETURN QUERY reports it); a tool that raises either itself gets its own error back, prepared or not, and the
    statement is not prepared twice."""
    with tenant_db.connect() as admin:
        admin.execute(
            "CREATE FUNCTION public.fails_as_tool() RETURNS text LANGUAGE plpgsql AS $$BEGIN "
            f"RAISE EXCEPTION 'the tool''s own' USING ERRCODE = '{sqlstate}'; END$$"
        )
        admin.execute("GRANT EXECUTE ON FUNCTION public.fails_as_tool() TO zava_store_manager")
    statement = "SELECT public.fails_as_tool(), NULL::text, 1::bigint"
    for _ in range(3):
        with pytest.raises(psycopg.Error, match="the tool's own") as raised:
            call(login, SEATTLE, statement)
        assert raised.value.sqlstate == sqlstate
    prepared = login.execute("SELECT count(*) FROM pg_catalog.pg_prepared_statements WHERE name LIKE 'mcp\\_call\\_%'")
    assert prepared.fetchone() == (1,)


@pytest.mark.parametrize("identity", [None, "", "not-a-uuid", "ffffffff-ffff-ffff-ffff-ffffffffffff"])
def test_an_identity_without_a_role_runs_nothing(login, identity):
    with pytest.raises(psycopg.errors.InvalidAuthorizationSpecification, match="not recognised"):
        call(login, identity, "SELECT pg_catalog.pg_sleep(5)::text, NULL::text, 1::bigint")


def test_read_only_calls_cannot_write(login):
    write = "WITH w AS (UPDATE retail.stores SET store_name = store_name RETURNING 1) SELECT '', '', count(*) FROM w"
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        call(login, HEAD_OFFICE, write, read_only=True)


def test_arguments_are_data_not_sql(login):
    hostile = "'); DROP TABLE retail.stores; --"
    statement = "SELECT ($1)[1], ($1)[2], pg_catalog.cardinality($1)::bigint"
    assert call(login, SEATTLE, statement, [hostile, None]) == (hostile, None, 2)
    stores = "SELECT count(*)::text, NULL::text, 1::bigint FROM retail.stores"
    assert call(login, HEAD_OFFICE, stores)[0] == "8"


def test_session_state_is_reset_after_the_call(login):
    """Whatever a tool left on the session (a SET, a LISTEN) must not reach the next caller of the connection; here
    the login leaves it, as a tool's function would."""
    login.execute("SET work_mem = '7MB'")
    login.execute("LISTEN leftover")
    call(login, SEATTLE, "SELECT 'x'::text, NULL::text, 1::bigint")
    assert login.execute("SELECT current_setting('work_mem')").fetchone()[0] != "7MB"
    assert login.execute("SELECT pg_catalog.pg_listening_channels()").fetchall() == []


def test_the_dispatcher_runs_with_the_callers_rights_and_only_the_login_may_call_it(admin):
    row = admin.execute(
        "SELECT p.prosecdef, p.proconfig, "
        "has_function_privilege('zava_store_manager', p.oid, 'EXECUTE'), "
        "has_function_privilege('zava_sql_reader', p.oid, 'EXECUTE'), "
        "has_function_privilege('zava_mcp', p.oid, 'EXECUTE') "
        "FROM pg_proc AS p WHERE p.oid = 'mcp.call_tool(text,text,text,text[],boolean)'::regprocedure"
    ).fetchone()
    assert row == (False, None, False, False, True)
