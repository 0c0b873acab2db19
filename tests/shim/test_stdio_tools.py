"""The generated tools over real stdio with the SDK's client: schemas, identities, errors, limits.

Tests that only read (or undo what they write) share one database and one server process per argument list
(`servers`); a test that changes the catalog takes a fresh clone (shim_db, login_url) and its own server."""

import asyncio

import pytest
from mcp.shared.exceptions import MCPError
from mcp_clients import SharedStdio, stdio_session, tool_error

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
TACOMA = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"
GOOD_ECHO = {
    "an_int": 7,
    "a_number": 2.5,
    "a_text": "héllo 'quoted' \"x\"",
    "an_id": SEATTLE,
    "a_day": "2025-02-28",
    "a_moment": "2025-02-28T10:11:12+02:00",
    "a_flag": True,
    "some_ints": [1, 2, 3],
    "a_doc": {"k": ["v", 1]},
    "a_grain": "month",
}
POOL_OF_ONE = ("--pool-min", "1", "--pool-max", "1")


@pytest.fixture(scope="module")
async def servers(module_login_url):
    shared = SharedStdio(module_login_url)
    yield shared
    await shared.aclose()


async def test_tools_are_the_executable_api_functions_with_schemas(servers):
    s = await servers.session("--identity", SEATTLE)
    tools = {t.name: t for t in (await s.list_tools()).tools}
    fixture_tools = {
        "add_customer",
        "echo_types",
        "fail_with",
        "first_day",
        "many_rows",
        "orders_by_store",
        "sleep_for",
        "whoami",
    }
    assert fixture_tools <= set(tools) and "get_store_performance" in tools  # the package's own tools too
    assert "hidden_from_requests" not in tools  # no request role may execute it
    echo = tools["echo_types"].input_schema
    assert echo["properties"]["an_int"] == {
        "type": "integer",
        "minimum": -(2**31),
        "maximum": 2**31 - 1,
        "description": "An integer.",
    }
    assert echo["properties"]["an_id"] == {"type": "string", "format": "uuid"}
    assert echo["properties"]["a_day"] == {"type": "string", "format": "date"}
    assert echo["properties"]["a_moment"] == {"type": "string", "format": "date-time"}
    assert echo["properties"]["a_flag"] == {"type": "boolean"}
    assert echo["properties"]["a_number"] == {"type": "number"}
    assert echo["properties"]["some_ints"]["items"]["type"] == "integer"
    assert echo["properties"]["a_doc"] == {"type": "object"}
    assert echo["properties"]["a_grain"] == {"type": "string", "enum": ["day", "month", "year"]}
    assert echo["properties"]["a_percent"] == {
        "type": "integer",
        "minimum": 0,
        "maximum": 100,
        "description": "A percentage, between 0 and 100.",
    }
    assert set(echo["required"]) == set(GOOD_ECHO)  # defaults make a_percent, a_big, a_real optional
    assert echo["additionalProperties"] is False
    who = tools["whoami"]
    assert (
        who.description
        == "Who the call runs as.\n\nReturns the identity, the database role and how many stores it sees."
    )
    rows = who.output_schema["properties"]["rows"]["items"]["properties"]
    nullable_string = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert rows == {
        "identity": nullable_string,
        "role_name": nullable_string,
        "store_count": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
    }
    assert tools["orders_by_store"].input_schema["required"] == []
    assert tools["first_day"].output_schema["properties"]["result"] == nullable_string
    assert who.annotations.read_only_hint is True and who.annotations.destructive_hint is False
    assert tools["add_customer"].annotations.read_only_hint is False


async def test_values_round_trip_through_every_type(servers):
    s = await servers.session("--identity", SEATTLE)
    result = await s.call_tool("echo_types", {**GOOD_ECHO, "a_big": 2**62, "a_real": 0.1})
    assert not result.is_error, result.content
    echoed = result.structured_content["result"]
    assert echoed == {
        **GOOD_ECHO,
        "a_moment": "2025-02-28T08:11:12+00:00",
        "a_percent": 50,
        "a_big": 2**62,
        "a_real": 0.1,
    }


async def test_two_store_identities_get_their_own_answers(servers, module_login_url):
    seattle = await servers.session("--identity", SEATTLE)
    async with stdio_session(module_login_url, "--identity", TACOMA) as tacoma:
        a = (await seattle.call_tool("orders_by_store", {})).structured_content["rows"]
        b = (await tacoma.call_tool("orders_by_store", {})).structured_content["rows"]
    assert a == [{"store_name": "Zava Retail Seattle", "orders": 3, "revenue": 75}]
    assert b == [{"store_name": "Zava Retail Tacoma", "orders": 3, "revenue": 75}]


async def test_head_office_sees_every_store(module_login_url):
    async with stdio_session(module_login_url, "--identity", HEAD_OFFICE) as s:
        rows = (await s.call_tool("orders_by_store", {"min_orders": 1})).structured_content["rows"]
    assert len(rows) == 8


async def test_compact_text_names_columns_once(servers):
    s = await servers.session("--identity", SEATTLE)
    result = await s.call_tool("whoami", {})
    assert result.content[0].text == (
        '{"columns":["identity","role_name","store_count"],"rows":[["' + SEATTLE + '","zava_store_manager",1]],'
        '"row_count":1}'
    )


@pytest.mark.parametrize("identity", [None, "not-a-uuid", "ffffffff-ffff-ffff-ffff-ffffffffffff"])
async def test_no_or_unknown_identity_is_an_authorization_error(module_login_url, identity):
    args = ["--identity", identity] if identity else []
    async with stdio_session(module_login_url, *args) as s:
        result = await s.call_tool("whoami", {})
    assert result.is_error and tool_error(result)["code"] == "AUTHORIZATION_ERROR"


def _bad(**changes):
    return {**GOOD_ECHO, **changes}


WRONG_ARGUMENTS = [
    (_bad(an_int="7"), "an_int"),
    (_bad(an_int=1.5), "an_int"),
    (_bad(an_int=2**40), "an_int"),
    (_bad(a_number="many"), "a_number"),
    (_bad(a_text=5), "a_text"),
    (_bad(an_id="not-a-uuid"), "an_id"),
    (_bad(a_day="28/02/2025"), "a_day"),
    (_bad(a_day="2025-02-30"), "a_day"),
    (_bad(a_moment="yesterday"), "a_moment"),
    (_bad(a_flag="yes"), "a_flag"),
    (_bad(some_ints=[1, "two"]), "some_ints.1"),
    (_bad(some_ints=3), "some_ints"),
    (_bad(a_doc=[1, 2]), "a_doc"),
    (_bad(a_grain="week"), "a_grain"),
    (_bad(a_percent=101), "a_percent"),
    (_bad(a_big=2**64), "a_big"),
    (_bad(unexpected=1), "unexpected"),
    ({k: v for k, v in GOOD_ECHO.items() if k != "a_day"}, "a_day"),
]
SQLSTATE_CODES = [
    ("22023", "VALIDATION_ERROR"),
    ("22P02", "VALIDATION_ERROR"),
    ("42501", "AUTHORIZATION_ERROR"),
    ("P0002", "NOT_FOUND"),
    ("23505", "CONSTRAINT_VIOLATION"),
    ("42P01", "QUERY_ERROR"),
    ("53200", "RESOURCE_LIMIT"),
    ("40001", "RETRYABLE_CONFLICT"),
    ("XX000", "DATABASE_ERROR"),
]


async def test_every_wrong_argument_is_a_validation_error_naming_the_field(servers):
    """One server for all cases (a server start costs a second); each case is checked and reported."""
    wrong = []
    s = await servers.session("--identity", SEATTLE)
    for arguments, field in WRONG_ARGUMENTS:
        result = await s.call_tool("echo_types", arguments)
        error = tool_error(result)
        if not (result.is_error and error.get("code") == "VALIDATION_ERROR" and error.get("field") == field):
            wrong.append((field, error or result.content))
    assert not wrong


async def test_sqlstates_become_typed_errors_with_message_detail_and_hint(servers):
    wrong = []
    s = await servers.session("--identity", SEATTLE)
    for sqlstate, code in SQLSTATE_CODES:
        result = await s.call_tool("fail_with", {"state": sqlstate, "msg": "it failed"})
        want = {"code": code, "message": "it failed", "detail": "a detail", "hint": "a hint", "sqlstate": sqlstate}
        if not result.is_error or tool_error(result) != want:
            wrong.append((sqlstate, tool_error(result)))
    assert not wrong


async def test_database_rejection_of_a_value_is_a_validation_error(servers):
    s = await servers.session("--identity", SEATTLE)
    result = await s.call_tool("first_day", {"year": 0})
    assert result.is_error and tool_error(result)["code"] == "VALIDATION_ERROR"
    assert "Traceback" not in result.content[0].text and "SELECT" not in result.content[0].text


async def test_statement_timeout_is_query_timeout_and_the_server_keeps_serving(module_login_url):
    async with stdio_session(module_login_url, "--identity", SEATTLE, "--statement-timeout-ms", "300") as s:
        slow = await s.call_tool("sleep_for", {"seconds": 5})
        after = await s.call_tool("whoami", {})
    assert slow.is_error and tool_error(slow)["code"] == "QUERY_TIMEOUT"
    assert not after.is_error


async def test_row_cap_truncates_and_says_so(module_login_url):
    async with stdio_session(module_login_url, "--identity", SEATTLE, "--row-cap", "100") as s:
        result = await s.call_tool("many_rows", {"n": 5000})
        small = await s.call_tool("many_rows", {"n": 100})
    assert result.structured_content["row_count"] == 100 and result.structured_content["truncated"] is True
    assert '"truncated":"only the first 100 rows are shown"' in result.content[0].text
    assert small.structured_content["truncated"] is False


async def test_writes_obey_rls_with_check(servers, module_shim_db):
    """On the shared database: the customers it adds are deleted at the end, whatever happened."""
    with module_shim_db.connect() as conn:
        stores = dict(conn.execute("SELECT store_name, store_id::text FROM retail.stores").fetchall())
        assert not conn.execute("SELECT 1 FROM retail.customers WHERE email LIKE '__@example.com'").fetchall()
    s = await servers.session("--identity", SEATTLE)
    try:
        own = await s.call_tool(
            "add_customer",
            {"first_name": "A", "last_name": "B", "email": "ab@example.com", "store_id": stores["Zava Retail Seattle"]},
        )
        other = await s.call_tool(
            "add_customer",
            {"first_name": "C", "last_name": "D", "email": "cd@example.com", "store_id": stores["Zava Retail Tacoma"]},
        )
        assert not own.is_error
        assert other.is_error and tool_error(other)["code"] == "AUTHORIZATION_ERROR"
        with module_shim_db.connect() as conn:
            added = conn.execute("SELECT email FROM retail.customers WHERE email LIKE '__@example.com'").fetchall()
        assert {r[0] for r in added} == {"ab@example.com"}
    finally:
        with module_shim_db.connect() as conn:
            conn.execute("DELETE FROM retail.customers WHERE email LIKE '__@example.com'")


async def test_unknown_tool_is_a_protocol_error(servers):
    s = await servers.session("--identity", SEATTLE)
    with pytest.raises(MCPError, match="Unknown tool: no_such_tool"):
        await s.call_tool("no_such_tool", {})
    assert not (await s.call_tool("whoami", {})).is_error


async def test_cancel_stops_the_query_in_postgres(module_login_url, module_shim_db):
    def sleeping() -> int:
        with module_shim_db.connect() as conn:
            return conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'active' "
                "AND query LIKE '%%sleep_for%%' AND pid <> pg_backend_pid()",
                (module_shim_db.name,),
            ).fetchone()[0]

    async with stdio_session(module_login_url, "--identity", SEATTLE, "--statement-timeout-ms", "60000") as s:
        call = asyncio.create_task(s.call_tool("sleep_for", {"seconds": 30}))
        for _ in range(50):
            await asyncio.sleep(0.1)
            if sleeping():
                break
        assert sleeping() == 1
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        for _ in range(50):
            await asyncio.sleep(0.1)
            if not sleeping():
                break
        assert sleeping() == 0
        assert not (await s.call_tool("whoami", {})).is_error


async def test_alternating_identities_on_a_pool_of_one_never_leak(servers, module_login_url):
    """1,000 calls, two identities, one connection: every answer is the caller's own."""
    seattle = await servers.session("--identity", SEATTLE, *POOL_OF_ONE)
    async with stdio_session(module_login_url, "--identity", TACOMA, *POOL_OF_ONE) as tacoma:
        for i in range(500):
            for session, identity, store in (
                (seattle, SEATTLE, "Zava Retail Seattle"),
                (tacoma, TACOMA, "Zava Retail Tacoma"),
            ):
                tool = "whoami" if i % 2 else "orders_by_store"
                rows = (await session.call_tool(tool, {})).structured_content["rows"]
                if tool == "whoami":
                    assert rows == [{"identity": identity, "role_name": "zava_store_manager", "store_count": 1}]
                else:
                    assert [r["store_name"] for r in rows] == [store]


def test_overloaded_functions_are_refused_at_start(login_url, shim_db):
    import subprocess
    import sys

    from mcp_clients import SERVER

    with shim_db.connect() as conn:
        conn.execute(
            "SET ROLE zava_owner; CREATE FUNCTION api.first_day(year text) RETURNS date LANGUAGE sql "
            "IMMUTABLE AS 'SELECT make_date(year::int, 1, 1)'; "
            "GRANT EXECUTE ON FUNCTION api.first_day(text) TO zava_store_manager"
        )
    result = subprocess.run(
        [sys.executable, SERVER, "--stdio", "--database-url", login_url],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 3
    assert "overloaded" in result.stderr and "first_day(year integer), first_day(year text)" in result.stderr


def test_a_privileged_login_is_refused(module_shim_db):
    import subprocess
    import sys

    from mcp_clients import SERVER

    result = subprocess.run(
        [sys.executable, SERVER, "--stdio", "--database-url", module_shim_db.url],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    # Every reason to refuse a login, one test each: tests/shim/test_login_refusal.py
    assert result.returncode == 4 and "is a superuser" in result.stderr and "Traceback" not in result.stderr


async def test_a_new_function_appears_live_with_list_changed(login_url, shim_db):
    notified = asyncio.Event()

    async def on_message(message):
        if getattr(message, "method", None) == "notifications/tools/list_changed":
            notified.set()

    async with stdio_session(login_url, "--identity", SEATTLE, message_handler=on_message) as s:
        assert "brand_new" not in {t.name for t in (await s.list_tools()).tools}
        with shim_db.connect(autocommit=True) as conn:
            conn.execute("SET ROLE zava_owner")
            conn.execute("CREATE FUNCTION api.brand_new() RETURNS integer LANGUAGE sql STABLE AS 'SELECT 42'")
            conn.execute("COMMENT ON FUNCTION api.brand_new() IS 'Added while the server runs.'")
            conn.execute("GRANT EXECUTE ON FUNCTION api.brand_new() TO zava_store_manager")
            conn.execute("NOTIFY mcp_schema_changed")
        await asyncio.wait_for(notified.wait(), timeout=10)
        assert "brand_new" in {t.name for t in (await s.list_tools()).tools}
        assert (await s.call_tool("brand_new", {})).structured_content == {"result": 42}


async def test_nothing_of_a_call_survives_on_a_pool_of_one(servers):
    """Session-level settings a function leaves behind and a failed call's transaction are both gone before the
    next caller gets the (only) connection."""
    s = await servers.session("--identity", SEATTLE, *POOL_OF_ONE)
    assert (await s.call_tool("leave_session_state", {})).structured_content == {"result": "64MB"}
    settings = (await s.call_tool("session_settings", {})).structured_content["rows"][0]
    failed = await s.call_tool("fail_with", {"state": "22023", "msg": "boom"})
    who = (await s.call_tool("whoami", {})).structured_content["rows"][0]
    assert failed.is_error
    assert settings["work_mem"] == "4MB" and settings["application_name"] == "mcp-shim"
    assert who == {"identity": SEATTLE, "role_name": "zava_store_manager", "store_count": 1}
