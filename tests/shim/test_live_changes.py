"""The server while the database changes under it, as an outside operator probe tried it: a tool reshaped before
the catalog reload reaches the server, a cached call in flight across a reload, connections whose backends were
ended, a database that refuses new connections."""

from __future__ import annotations

import asyncio

import psycopg
import pytest
from mcp_clients import tool_error

from shim.app import Shim
from shim.config import Settings

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
SHAPE_A = """
CREATE OR REPLACE FUNCTION api.shape() RETURNS TABLE (n bigint, v text) LANGUAGE sql STABLE
AS $$ SELECT 7::bigint, 'seven' $$;
GRANT EXECUTE ON FUNCTION api.shape() TO zava_api_caller;
CREATE OR REPLACE FUNCTION api.slow_cached(tag text DEFAULT '') RETURNS TABLE (version text) LANGUAGE sql STABLE
AS $$ SELECT 'v1' FROM pg_sleep(1) $$;
COMMENT ON FUNCTION api.slow_cached(text) IS 'A slow answer, cached.
@cache 300';
GRANT EXECUTE ON FUNCTION api.slow_cached(text) TO zava_api_caller;
"""
SHAPE_B = """
DROP FUNCTION api.shape();
CREATE FUNCTION api.shape() RETURNS TABLE (store text, n bigint, v text) LANGUAGE sql STABLE
AS $$ SELECT 'Seattle', 8::bigint, 'eight' $$;
GRANT EXECUTE ON FUNCTION api.shape() TO zava_api_caller;
"""


@pytest.fixture
async def shim(shim_db):
    with shim_db.connect() as conn:
        conn.execute("SET ROLE zava_owner")
        conn.execute(SHAPE_A)
    shim = Shim(Settings(database_url=shim_db.server.url(shim_db.name, user="zava_mcp"), pool_min=0))
    await shim.start()
    await asyncio.wait_for(shim.registry.listening.wait(), 10)
    yield shim
    await shim.stop()


async def rows(shim, tool: str, **arguments):
    called = await asyncio.wait_for(shim.call(shim.tools[tool], arguments, SEATTLE, "t"), 30)  # fail, never hang
    result = called.to_call_tool_result()
    return {"error": tool_error(result)} if result.is_error else result.structured_content


def admin(shim_db, sql: str) -> None:
    with shim_db.connect(autocommit=True) as conn:
        conn.execute(sql)


async def test_a_tool_reshaped_before_the_reload_is_read_by_column_name(shim, shim_db):
    """Between a migration's commit and the reload, the server still holds the old column list. Positions labelled
    the new columns by the old names ({"n": "Seattle", "v": 8}); by name, each value is under its own name."""
    assert (await rows(shim, "shape"))["rows"] == [{"n": 7, "v": "seven"}]
    admin(shim_db, "SET ROLE zava_owner; " + SHAPE_B)  # no NOTIFY: the server has not reloaded
    assert (await rows(shim, "shape"))["rows"] == [{"n": 8, "v": "eight"}]


async def test_a_cached_call_in_flight_across_a_reload_does_not_put_its_answer_back(shim, shim_db):
    call = asyncio.ensure_future(rows(shim, "slow_cached", tag="x"))
    await asyncio.sleep(0.3)
    admin(shim_db, "NOTIFY mcp_schema_changed, 'test'")  # the reload empties the cache while the call runs
    for _ in range(50):
        if shim.cache.clears:
            break
        await asyncio.sleep(0.05)
    assert (await call)["rows"] == [{"version": "v1"}]
    assert shim.cache.clears and len(shim.cache) == 0  # its answer from before the change stayed out


async def test_connections_whose_backends_were_ended_are_not_handed_to_calls(shim, shim_db):
    await asyncio.gather(*(rows(shim, "whoami") for _ in range(4)))  # several connections kept
    admin(
        shim_db,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'zava_mcp' "
        f"AND datname = '{shim_db.name}' AND application_name = 'mcp-shim' AND state = 'idle'",
    )
    await asyncio.sleep(0.2)
    answers = [await rows(shim, "whoami") for _ in range(6)]
    assert [a.get("error") for a in answers] == [None] * 6, answers


async def test_a_database_refusing_connections_is_database_unavailable(shim, shim_db):
    elsewhere = shim_db.server.url("postgres")  # a database cannot refuse connections from inside itself
    with psycopg.connect(elsewhere, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{shim_db.name}" ALLOW_CONNECTIONS false')
    try:
        with psycopg.connect(elsewhere, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'zava_mcp' AND datname = %s",
                (shim_db.name,),
            )
        await asyncio.sleep(0.2)
        answer = await rows(shim, "whoami")
        assert answer["error"]["code"] == "DATABASE_UNAVAILABLE", answer
        assert "not currently accepting connections" in answer["error"].get("detail", ""), answer
    finally:
        with psycopg.connect(elsewhere, autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{shim_db.name}" ALLOW_CONNECTIONS true')
    assert (await rows(shim, "whoami")).get("error") is None


async def test_the_listener_is_back_at_once_when_its_connection_is_ended(shim, shim_db):
    """pg_terminate_backend of the schema listener: it used to notice only at its next keep-alive query (up to 5 s,
    changes unheard meanwhile); it now notices when the connection closes, and is listening again within ~1 s."""

    def listeners() -> set[int]:
        with shim_db.connect(autocommit=True) as conn:
            query = "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = 'mcp-shim listener'"
            return {pid for (pid,) in conn.execute(query, (shim_db.name,))}

    ended = listeners()
    assert len(ended) == 1
    shim.registry.listening.clear()
    admin(shim_db, f"SELECT pg_terminate_backend({ended.pop()})")
    began = asyncio.get_running_loop().time()
    await asyncio.wait_for(shim.registry.listening.wait(), 10)
    assert asyncio.get_running_loop().time() - began < 2.5
    assert len(listeners()) == 1
