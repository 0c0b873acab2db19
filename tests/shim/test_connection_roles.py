"""Calls keep to connections of their role (shim/calls.py CallQueue): PostgreSQL re-plans every statement that
row-level security shaped when the role running it changes on a connection, so a call goes to an idle connection
whose last call ran as the same role where there is one. Which connection ran a call is told by the database:
api.backend_pid() is the backend's pid."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from shim.app import Shim
from shim.config import Settings

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"  # zava_store_manager
REGIONAL = "5e0c2f1a-7b3d-4c8e-9a10-000000000101"  # zava_regional_manager
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"  # zava_head_office
TACOMA = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"  # zava_store_manager
BACKEND_PID = """
SET ROLE zava_owner;
CREATE FUNCTION api.backend_pid() RETURNS integer LANGUAGE sql STABLE AS 'SELECT pg_backend_pid()';
COMMENT ON FUNCTION api.backend_pid() IS 'The pid of the backend that ran the call.';
GRANT EXECUTE ON FUNCTION api.backend_pid() TO zava_api_caller;
RESET ROLE;
"""


@pytest.fixture
def login(shim_db, login_url) -> str:
    with shim_db.connect() as conn:
        conn.execute(BACKEND_PID)
    return login_url


async def backend(shim: Shim, identity: str) -> int:
    result = await shim.call(shim.tools["backend_pid"], {}, identity, uuid.uuid4().hex)
    assert not result.is_error, result.content_text
    return result.to_call_tool_result().structured_content["result"]


async def test_each_role_keeps_to_a_connection_of_its_own(login):
    shim = Shim(Settings(database_url=login, pool_min=1, pool_max=3))
    await shim.start()
    # The schema listener's first catalog read holds a connection for a while: three roles, three connections.
    await asyncio.wait_for(shim.registry.listening.wait(), 10)
    try:
        pids: dict[str, set[int]] = {SEATTLE: set(), REGIONAL: set(), HEAD_OFFICE: set(), TACOMA: set()}
        for round_number in range(5):
            for identity in (SEATTLE, REGIONAL, HEAD_OFFICE, TACOMA):
                pid = await backend(shim, identity)
                if round_number >= 2:  # the first calls learn each identity's role and open the connections
                    pids[identity].add(pid)
        # Seattle and Tacoma are both store managers: one role, one connection; each other role one of its own.
        assert all(len(seen) == 1 for seen in pids.values()), pids
        assert pids[SEATTLE] == pids[TACOMA]
        assert len(pids[SEATTLE] | pids[REGIONAL] | pids[HEAD_OFFICE]) == 3, pids
        choices = shim.database.executor.queue.choices
        assert choices["same role"] >= 12, choices
    finally:
        await shim.stop()


async def test_more_roles_than_connections_share_them_and_every_call_is_answered(login):
    shim = Shim(Settings(database_url=login, pool_min=1, pool_max=1))
    await shim.start()
    try:
        answers = await asyncio.gather(*(backend(shim, i) for i in (SEATTLE, REGIONAL, HEAD_OFFICE) * 4))
        assert len(set(answers)) == 1  # the one connection ran every call, each as its own role
        whoami = await shim.call(shim.tools["whoami"], {}, HEAD_OFFICE, uuid.uuid4().hex)
        assert whoami.to_call_tool_result().structured_content["rows"][0]["role_name"] == "zava_head_office"
        assert shim.database.executor.queue.choices["other role"] > 0
    finally:
        await shim.stop()


async def test_connections_the_queue_keeps_are_still_closed_when_idle(login, shim_db):
    shim = Shim(Settings(database_url=login, pool_min=0, pool_max=3, pool_idle_s=0.3))
    await shim.start()

    def backends() -> int:
        with shim_db.connect() as conn:
            return conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND usename = 'zava_mcp'"
                " AND query NOT LIKE 'LISTEN %%' AND application_name <> 'mcp-shim-jobs'",
                (shim_db.name,),
            ).fetchone()[0]

    try:
        await asyncio.gather(*(backend(shim, i) for i in (SEATTLE, REGIONAL, HEAD_OFFICE)))
        assert backends() >= 1
        deadline = time.monotonic() + 10
        while backends():  # kept, then closed after 0.3 s of idleness
            assert time.monotonic() < deadline, "idle connections stayed open"
            await asyncio.sleep(0.1)
        assert await backend(shim, SEATTLE) > 0  # and a new call opens one again
    finally:
        await shim.stop()
