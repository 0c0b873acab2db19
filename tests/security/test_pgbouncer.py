"""The shim behind PgBouncer in transaction pooling mode: unchanged, and still isolated. Also the reason identity
must be transaction-local: a session-level setting leaks between PgBouncer's clients.

The tests start their own PgBouncer (Debian's 1.18 here: no prepared statements in transaction mode, so the shim
runs with statement_cache_size 0) on a free port with their own config, never a system one. `make test` installs
it first (`make pgbouncer`); without it these tests fail, naming that target: they never skip. To leave them out
on purpose, deselect them (`-k 'not pgbouncer'`)."""

import asyncio
import json
import shutil
import tempfile
import time
from pathlib import Path

import asyncpg
import pytest

import devdb
from shim.app import Shim
from shim.config import Settings

POOL_SIZE = 2  # server connections per database: every test's calls share these
IDENTITIES = {
    "f47ac10b-58cc-4372-a567-0e02b2c3d479": {"Zava Retail Seattle"},
    "a1b2c3d4-e5f6-7890-abcd-ef1234567890": {"Zava Retail Tacoma"},
    "5e0c2f1a-7b3d-4c8e-9a10-000000000102": {"Zava Retail Tacoma", "Zava Retail Spokane"},
}
# whoami (tests/fixtures/shim_api.sql): each identity's role and how many stores it sees.
WHO = {
    "f47ac10b-58cc-4372-a567-0e02b2c3d479": ("zava_store_manager", 1),
    "a1b2c3d4-e5f6-7890-abcd-ef1234567890": ("zava_store_manager", 1),
    "5e0c2f1a-7b3d-4c8e-9a10-000000000102": ("zava_regional_manager", 2),
    "00000000-0000-0000-0000-000000000000": ("zava_head_office", 8),
}
SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"


@pytest.fixture(scope="module")
def bouncer(pg_server):
    """A PgBouncer of the tests' own in transaction mode, in front of every database of the test server (as the
    server's login, zava_mcp): bouncer(db) is the URL of db through it."""
    if not Path(devdb.PGBOUNCER).exists():
        pytest.fail(
            "pgbouncer is not installed: run `make pgbouncer` (make test runs it first; it installs Debian's package"
            " as root), or deselect these tests with -k 'not pgbouncer'",
            pytrace=False,
        )
    folder = Path(tempfile.mkdtemp(prefix="zava-pgbouncer-"))
    try:
        try:
            process, port = devdb.start_pgbouncer(folder, pg_server.host, pg_server.port, "zava_mcp", POOL_SIZE)
        except RuntimeError as exc:
            pytest.fail(str(exc), pytrace=False)
        try:
            yield lambda db: f"postgresql://zava_mcp@127.0.0.1:{port}/{db.name}"
        finally:
            process.terminate()
            process.wait(10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def shim_behind(bouncer, db, **settings) -> Shim:
    """The shim with its calls through PgBouncer, and LISTEN (schema changes) on a direct connection: LISTEN needs
    a session of its own, which transaction pooling does not give."""
    direct = db.server.url(db.name, user="zava_mcp")
    return Shim(
        Settings(
            database_url=bouncer(db),
            listen_database_url=direct,
            statement_cache_size=0,
            pool_min=4,
            pool_max=4,
            **settings,
        )
    )


def server_connections(db, settle_s: float = 5.0) -> int:
    """The database's backends logged in as zava_mcp, but for the shim's direct LISTEN connection (terminated by
    stop(), its backend may not have exited yet): with the shim stopped, those PgBouncer keeps. Counted again for up
    to settle_s while over the pool's size: under a loaded machine's make test a connection stop() closed was still a
    backend (3 against 2) a moment later."""
    deadline = time.monotonic() + settle_s
    while True:
        with db.connect() as conn:
            count = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND usename = 'zava_mcp'"
                " AND query NOT LIKE 'LISTEN %%'",
                (db.name,),
            ).fetchone()[0]
        if count <= POOL_SIZE or time.monotonic() > deadline:
            return count
        time.sleep(0.1)


def error_of(result) -> dict:
    assert result.is_error, result.content_text
    return json.loads(result.content_text)["error"]


def test_session_level_identity_leaks_through_pgbouncer(bouncer, seeded_db):
    """What the sample did (set_config(..., false)) hands one client's identity to the next; ours does not."""

    async def scenario():
        a = await asyncpg.connect(bouncer(seeded_db), statement_cache_size=0)
        b = await asyncpg.connect(bouncer(seeded_db), statement_cache_size=0)
        await a.execute("SELECT set_config('mcp.identity', 'leaked-identity', false)")
        seen_session = {await b.fetchval("SELECT current_setting('mcp.identity', true)") for _ in range(6)}
        async with a.transaction():
            await a.execute("SELECT set_config('mcp.identity', 'local-identity', true)")
        seen_local = {await b.fetchval("SELECT current_setting('mcp.identity', true)") for _ in range(6)}
        await a.close()
        await b.close()
        return seen_session, seen_local

    seen_session, seen_local = asyncio.run(scenario())
    assert "leaked-identity" in seen_session  # another client sees it: session state is shared
    assert "local-identity" not in seen_local  # transaction-local state ends with the transaction


async def test_the_shim_is_isolated_behind_pgbouncer(bouncer, seeded_db):
    """300 concurrent ad-hoc queries from three identities over PgBouncer's two server connections: each answer
    holds exactly the caller's stores."""
    shim = shim_behind(bouncer, seeded_db)
    await shim.start()
    try:
        tool = shim.tools["execute_sales_query"]
        query = {
            "postgresql_query": "SELECT DISTINCT s.store_name FROM retail.orders AS o "
            "JOIN retail.stores AS s USING (store_id)"
        }
        calls = [identity for _ in range(100) for identity in IDENTITIES]
        results = await asyncio.gather(*(shim.call(tool, query, identity, "b") for identity in calls))
        performance = await shim.call(
            shim.tools["get_store_performance"],
            {"period_start": "2025-01-01", "period_end": "2025-03-31"},
            "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
            "b",
        )
    finally:
        await shim.stop()
    results = [r.to_call_tool_result() for r in results]
    performance = performance.to_call_tool_result()
    for identity, result in zip(calls, results, strict=True):
        assert not result.is_error, result.content[0].text
        assert {row[0] for row in result.structured_content["result"]["rows"]} == IDENTITIES[identity]
    assert [r["store"] for r in performance.structured_content["rows"]] == ["Zava Retail Tacoma"]
    assert 1 <= server_connections(seeded_db) <= POOL_SIZE  # the shim's four connections went through PgBouncer


async def test_identities_alternate_on_shared_server_connections_and_leave_nothing(bouncer, shim_db):
    """Four identities (store managers, a regional manager, head office) alternating, 200 calls on two server
    connections: each call runs as its caller's role and identity. Afterwards a plain client of the same PgBouncer,
    on each server connection, is the login with no identity and none of the settings a call left (SET work_mem in
    leave_session_state): nothing of a call survives it."""
    shim = shim_behind(bouncer, shim_db)
    await shim.start()
    try:
        left = await shim.call(shim.tools["leave_session_state"], {}, SEATTLE, "w")  # SET work_mem, not LOCAL
        calls = [identity for _ in range(50) for identity in WHO]
        results = await asyncio.gather(*(shim.call(shim.tools["whoami"], {}, i, "w") for i in calls))
    finally:
        await shim.stop()
    assert json.loads(left.structured_text) == {"result": "64MB"}
    for identity, result in zip(calls, results, strict=True):
        assert not result.is_error, result.content_text
        (row,) = json.loads(result.structured_text)["rows"]
        assert (row["identity"], row["role_name"], row["store_count"]) == (identity, *WHO[identity])
    assert 1 <= server_connections(shim_db) <= POOL_SIZE

    clients = [await asyncpg.connect(bouncer(shim_db), statement_cache_size=0) for _ in range(POOL_SIZE)]
    try:
        transactions = [c.transaction() for c in clients]
        for t in transactions:  # both open at once: each holds its own server connection
            await t.start()
        seen = [
            await c.fetchrow(
                "SELECT pg_backend_pid() AS pid, current_user::text AS role, session_user::text AS login,"
                " current_setting('mcp.identity', true) AS identity,"
                " current_setting('work_mem') AS work_mem, current_setting('application_name') AS application_name"
            )
            for c in clients
        ]
        for t in transactions:
            await t.rollback()
    finally:
        for c in clients:
            await c.close()
    assert len({s["pid"] for s in seen}) == POOL_SIZE
    assert [(s["role"], s["login"], s["identity"] or None) for s in seen] == [("zava_mcp", "zava_mcp", None)] * 2
    assert not {s["work_mem"] for s in seen} & {"64MB"} and "left-behind" not in {s["application_name"] for s in seen}


async def test_errors_and_timeouts_are_typed_behind_pgbouncer(bouncer, shim_db):
    """A database error keeps its code, SQLSTATE and hint through PgBouncer; an unknown identity is refused. PgBouncer
    drops the statement_timeout the shim sends at connect, so the shim's own backstop answers a call that outlives
    the timeout by a second: QUERY_TIMEOUT, not a hang; the next call is served."""
    shim = shim_behind(bouncer, shim_db, statement_timeout_ms=200)
    await shim.start()
    try:
        failed = await shim.call(shim.tools["fail_with"], {"state": "22023", "msg": "boom"}, SEATTLE, "e")
        unknown = await shim.call(shim.tools["whoami"], {}, "ffffffff-ffff-4fff-8fff-ffffffffffff", "e")
        started = time.monotonic()
        slow = await shim.call(shim.tools["sleep_for"], {"seconds": 3}, SEATTLE, "e")
        elapsed = time.monotonic() - started
        after = await shim.call(shim.tools["whoami"], {}, SEATTLE, "e")
    finally:
        await shim.stop()
    error = error_of(failed)
    assert (error["code"], error["sqlstate"], error["message"], error["hint"]) == (
        "VALIDATION_ERROR",
        "22023",
        "boom",
        "a hint",
    )
    assert error_of(unknown)["code"] == "AUTHORIZATION_ERROR"
    assert error_of(slow)["code"] == "QUERY_TIMEOUT" and elapsed < 0.2 + 1 + 1, elapsed
    assert json.loads(after.structured_text)["rows"][0]["identity"] == SEATTLE


async def test_a_catalog_change_reaches_the_shim_behind_pgbouncer(bouncer, shim_db):
    """LISTEN cannot go through transaction pooling (without --listen-database-url this test fails: the NOTIFY is
    never seen): the shim listens on a direct connection, reads the changed catalog through PgBouncer and serves
    the new tool through it."""
    shim = shim_behind(bouncer, shim_db)
    await shim.start()
    try:
        await asyncio.wait_for(shim.registry.listening.wait(), timeout=10)
        assert "brand_new" not in shim.tools
        with shim_db.connect(autocommit=True) as conn:
            conn.execute("SET ROLE zava_owner")
            conn.execute("CREATE FUNCTION api.brand_new() RETURNS integer LANGUAGE sql STABLE AS 'SELECT 42'")
            conn.execute("COMMENT ON FUNCTION api.brand_new() IS 'Added while the server runs.'")
            conn.execute("GRANT EXECUTE ON FUNCTION api.brand_new() TO zava_store_manager")
            conn.execute("NOTIFY mcp_schema_changed")
        deadline = time.monotonic() + 10
        while "brand_new" not in shim.tools and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        assert "brand_new" in shim.tools, "the catalog change never reached the shim"
        result = await shim.call(shim.tools["brand_new"], {}, SEATTLE, "c")
    finally:
        await shim.stop()
    assert json.loads(result.structured_text) == {"result": 42}
