"""Calls keep to connections of their role (shim/connections.py CallQueue): PostgreSQL re-plans every statement that
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
from shim.connections import IDLE_FOR_ANY_ROLE_S

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"  # zava_store_manager
REGIONAL = "5e0c2f1a-7b3d-4c8e-9a10-000000000101"  # zava_regional_manager
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"  # zava_head_office
TACOMA = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"  # zava_store_manager
BACKEND_PID = """
SET ROLE zava_owner;
CREATE FUNCTION api.backend_pid() RETURNS integer LANGUAGE sql STABLE AS 'SELECT pg_backend_pid()';
COMMENT ON FUNCTION api.backend_pid() IS 'The pid of the backend that ran the call.';
GRANT EXECUTE ON FUNCTION api.backend_pid() TO zava_api_caller;
CREATE FUNCTION api.backend_pid_after(seconds double precision) RETURNS integer LANGUAGE sql STABLE
AS 'SELECT pg_backend_pid() FROM pg_sleep(seconds)';
COMMENT ON FUNCTION api.backend_pid_after(double precision) IS 'The backend''s pid, after a sleep.';
GRANT EXECUTE ON FUNCTION api.backend_pid_after(double precision) TO zava_api_caller;
RESET ROLE;
"""


@pytest.fixture
def login(shim_db, login_url) -> str:
    with shim_db.connect() as conn:
        conn.execute(BACKEND_PID)
    return login_url


async def backend(shim: Shim, identity: str, after_s: float = 0) -> int:
    tool, arguments = ("backend_pid_after", {"seconds": after_s}) if after_s else ("backend_pid", {})
    result = await shim.call(shim.tools[tool], arguments, identity, uuid.uuid4().hex)
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


async def two_roles_on_two_connections(login: str, **settings) -> tuple[Shim, dict[str, int]]:
    """A started server with a pool of two: the store managers' connection and head office's."""
    shim = Shim(Settings(database_url=login, pool_min=1, pool_max=2, max_calls_per_identity=4, **settings))
    await shim.start()
    await asyncio.wait_for(shim.registry.listening.wait(), 10)
    for _ in range(2):  # the first calls learn each identity's role
        pids = {identity: await backend(shim, identity) for identity in (SEATTLE, TACOMA, HEAD_OFFICE)}
    assert pids[SEATTLE] == pids[TACOMA] != pids[HEAD_OFFICE]
    return shim, pids


async def test_a_call_waits_for_a_connection_of_its_role_rather_than_take_anothers(login):
    shim, pids = await two_roles_on_two_connections(login)
    queue = shim.database.executor.queue
    try:
        before = queue.choices["other role"]
        # Three slow calls per role at once on two connections: each role's calls queue for its own connection
        # while the other's may be idle, and none switches a connection's role.
        calls = [backend(shim, identity, 0.2) for _ in range(3) for identity in (HEAD_OFFICE, SEATTLE, TACOMA)]
        answers = await asyncio.gather(*calls)
        assert set(answers[0::3]) == {pids[HEAD_OFFICE]}, (answers, pids, queue.choices)
        assert set(answers[1::3]) | set(answers[2::3]) == {pids[SEATTLE]}, answers
        assert queue.choices["other role"] == before, queue.choices
        assert queue.choices["waited for its role"] >= 2, queue.choices
    finally:
        await shim.stop()


async def test_a_connection_idle_for_long_goes_to_any_role_rather_than_a_call_waiting(login):
    shim, pids = await two_roles_on_two_connections(login)
    queue = shim.database.executor.queue
    try:
        await asyncio.sleep(IDLE_FOR_ANY_ROLE_S * 1.5)  # head office's connection: idle, its role not calling
        before = queue.choices["other role"]
        # Two store managers' slow calls at once: the second takes head office's idle connection instead of
        # waiting for the first (traffic moved from one role to another must not queue behind itself).
        answers = await asyncio.gather(backend(shim, SEATTLE, 0.3), backend(shim, TACOMA, 0.3))
        assert sorted(answers) == sorted([pids[SEATTLE], pids[HEAD_OFFICE]]), (answers, pids, queue.choices)
        assert queue.choices["other role"] == before + 1, queue.choices
    finally:
        await shim.stop()


async def test_a_caller_waiting_for_its_role_chooses_again_when_that_roles_connection_is_lost(login, shim_db):
    shim, pids = await two_roles_on_two_connections(login, pool_timeout_s=30)
    try:
        slow = asyncio.create_task(shim.call(shim.tools["sleep_for"], {"seconds": 20}, HEAD_OFFICE, "slow"))
        # The store managers' connection busy too: an idle one would be taken instead of waiting.
        other = asyncio.create_task(shim.call(shim.tools["sleep_for"], {"seconds": 3}, SEATTLE, "other"))
        await asyncio.sleep(0.5)
        waiting = asyncio.create_task(backend(shim, HEAD_OFFICE))  # waits for head office's one connection
        await asyncio.sleep(0.5)
        assert not waiting.done()
        with shim_db.connect() as conn:  # that connection is lost: the caller waiting for it must not wait on
            conn.execute("SELECT pg_terminate_backend(%s)", (pids[HEAD_OFFICE],))
        assert (await slow).error_code == "DATABASE_UNAVAILABLE"
        pid = await asyncio.wait_for(waiting, 10)  # a new connection, long before the pool's 30 s deadline
        assert pid not in (pids[HEAD_OFFICE], pids[SEATTLE])
        assert not (await other).is_error
    finally:
        await shim.stop()


async def test_connections_the_queue_keeps_are_still_closed_when_idle(login, shim_db):
    shim = Shim(Settings(database_url=login, pool_min=0, pool_max=3, pool_idle_s=0.3))
    await shim.start()

    def backends() -> int:
        with shim_db.connect() as conn:
            return conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND usename = 'zava_mcp'"
                " AND application_name NOT IN ('mcp-shim-jobs', 'mcp-shim listener', 'mcp-shim probe')",
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


async def test_a_call_waits_for_its_role_only_so_long_then_takes_anothers(login):
    """Waiting for a connection of one's role costs about one call when calls are short; behind one store manager's
    long calls every other store manager waited the pool's whole deadline and failed SERVER_BUSY while head office's
    connection sat idle between calls (an outside probe). After ROLE_WAIT_S the caller takes another role's."""
    shim, pids = await two_roles_on_two_connections(login, pool_timeout_s=5)
    queue = shim.database.executor.queue
    try:
        long_call = asyncio.create_task(backend(shim, SEATTLE, 4))  # holds the store managers' connection
        await asyncio.sleep(0.3)
        await backend(shim, HEAD_OFFICE)  # head office's connection: just used, so not idle for long
        before = queue.choices["other role"]
        began = time.monotonic()
        pid = await backend(shim, TACOMA)  # a store manager too: it may not wait for Seattle's long call
        waited = time.monotonic() - began
        assert pid == pids[HEAD_OFFICE], (pid, pids, queue.choices)
        assert queue.choices["other role"] == before + 1, queue.choices
        assert waited < 2, waited  # ROLE_WAIT_S (0.5 s) and the call, not the 4 s call nor the 5 s deadline
        assert await long_call == pids[SEATTLE]
    finally:
        await shim.stop()
