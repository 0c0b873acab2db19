"""Read replicas (--database-replica-url): a real streaming hot standby of the test server (pg_basebackup + standby,
devdb.start_replica) takes the read-only calls; writes, and reads while it is late or down, go to the primary.

Which server answered is told by the database itself: api.served_by_replica() is pg_is_in_recovery() of the server
that ran the call."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from conftest import Server, _server_from_url

import devdb
from shim.app import Shim
from shim.config import Settings

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"
SERVED_BY = """
SET ROLE zava_owner;
CREATE FUNCTION api.served_by_replica() RETURNS boolean LANGUAGE sql STABLE AS 'SELECT pg_is_in_recovery()';
COMMENT ON FUNCTION api.served_by_replica() IS 'Whether a replica (a server in recovery) ran the call.';
GRANT EXECUTE ON FUNCTION api.served_by_replica() TO zava_api_caller;
RESET ROLE;
"""


@pytest.fixture(scope="module")
def replica(pg_server: Server):
    """A streaming replica of the whole test server, for this module (its tests stop and start it)."""
    if os.environ.get("DATABASE_URL"):
        pytest.skip("replicas are made of the embedded test server only (DATABASE_URL names another server)")
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    pgdata = Path(tempfile.mkdtemp(prefix="zava-replica-", dir=base)) / "pgdata"
    port = pg_server.port + 1  # its socket is in its own directory: any port will do
    server = _server_from_url(devdb.start_replica(pg_server.url("postgres"), pgdata, port))
    try:
        yield server, pgdata, port
    finally:
        devdb.stop(pgdata)
        shutil.rmtree(pgdata.parent, ignore_errors=True)


def replayed(db, replica_server: Server, timeout: float = 60) -> None:
    """Wait until the replica has replayed everything the primary has written so far (this database included). The
    insert position: with synchronous_commit off (the test server's) a commit may not be written out yet. The other
    test worker's clones are in that WAL too (CREATE DATABASE logs every page of its template), so catching up may take
    longer than any one test: 10 s once did not suffice in a clean clone's run."""
    with db.connect() as conn:
        position = conn.execute("SELECT pg_current_wal_insert_lsn()::text").fetchone()[0]
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(replica_server.url("postgres"), autocommit=True) as conn:
                query = "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn"
                if conn.execute(query, (position,)).fetchone()[0]:
                    return
        except psycopg.OperationalError:
            pass
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


@pytest.fixture
def served(shim_db, replica):
    """(primary login URL, replica login URL, replica admin URL) of a clone with api.served_by_replica()."""
    replica_server, _, _ = replica
    with shim_db.connect() as conn:
        conn.execute(SERVED_BY)
    replayed(shim_db, replica_server)
    login = shim_db.server.url(shim_db.name, user="zava_mcp")
    return login, replica_server.url(shim_db.name, user="zava_mcp"), replica_server.url(shim_db.name)


async def call(shim: Shim, tool: str, identity: str = SEATTLE, **arguments):
    result = await shim.call(shim.tools[tool], arguments, identity, uuid.uuid4().hex)
    return result


async def value(shim: Shim, tool: str, identity: str = SEATTLE, **arguments):
    result = await call(shim, tool, identity, **arguments)
    assert not result.is_error, result.content_text
    return result.to_call_tool_result().structured_content


async def until(predicate, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


def usable(shim: Shim) -> bool:
    """The replica passed the monitor's last check. The first check runs at start, within CHECK_TIMEOUT_S (1 s) for
    two connections and two queries; on a loaded machine (the suite in two processes) it can miss that and the
    replica joins one interval later, so tests about routing wait for it."""
    return shim.database.replicas.replicas[0].usable


def started(login: str, replica_login: str, replica_max_lag_ms: int = 60000, **settings) -> Shim:
    """A server with the replica. The lag limit is generous but where lag is the subject: the whole suite writes on
    the primary meanwhile, so the replica may well be a second behind."""
    return Shim(
        Settings(
            database_url=login, database_replica_url=replica_login, replica_max_lag_ms=replica_max_lag_ms, **settings
        )
    )


async def test_reads_go_to_the_replica_and_writes_to_the_primary(served, shim_db):
    login, replica_login, _ = served
    with shim_db.connect() as conn:
        store = conn.execute("SELECT store_id::text FROM retail.stores WHERE rls_user_id = %s", (SEATTLE,)).fetchone()[
            0
        ]
    shim = started(login, replica_login)
    await shim.start()
    try:
        await until(lambda: usable(shim), timeout=15)
        assert await value(shim, "served_by_replica") == {"result": True}
        [me] = (await value(shim, "whoami"))["rows"]
        assert me == {"identity": SEATTLE, "role_name": "zava_store_manager", "store_count": 1}
        # VOLATILE: the primary (a replica would refuse the INSERT as a read-only transaction)
        added = await value(
            shim, "add_customer", first_name="Ada", last_name="Replica", email="ada@example.com", store_id=store
        )
        assert uuid.UUID(added["result"])
        metrics = shim.metrics.render(None).decode()
        assert 'mcp_replica_calls_total{replica="replica0"} 2.0' in metrics
        assert 'mcp_replica_usable{replica="replica0"} 1.0' in metrics
        ready, state = await shim.ready()
        # The lag is measured, not zero: the suite (and the fold job) write on the primary meanwhile.
        [replica] = state["replicas"]
        assert ready and isinstance(replica.pop("lag_ms"), int)
        assert replica == {"name": "replica0", "usable": True, "why_not": None}
    finally:
        await shim.stop()


async def test_tenants_are_isolated_on_the_replica_exactly_as_on_the_primary(served):
    login, replica_login, _ = served
    on_replica, on_primary = started(login, replica_login), Shim(Settings(database_url=login))
    await on_replica.start()
    await on_primary.start()
    try:
        await until(lambda: usable(on_replica), timeout=15)
        for identity, stores in ((SEATTLE, 1), (HEAD_OFFICE, 8)):
            assert await value(on_replica, "served_by_replica", identity) == {"result": True}
            got = (await value(on_replica, "orders_by_store", identity))["rows"]
            assert len(got) == stores
            assert got == (await value(on_primary, "orders_by_store", identity))["rows"]
        assert [r["store_name"] for r in (await value(on_replica, "orders_by_store"))["rows"]] == [
            "Zava Retail Seattle"
        ]
        unknown = await call(on_replica, "orders_by_store", "ffffffff-ffff-4fff-8fff-ffffffffffff")
        assert unknown.error_code == "AUTHORIZATION_ERROR"
    finally:
        await on_replica.stop()
        await on_primary.stop()


async def test_a_replica_further_behind_than_the_limit_is_skipped_until_it_catches_up(served, shim_db):
    login, replica_login, replica_admin = served
    shim = started(login, replica_login, replica_max_lag_ms=300)
    await shim.start()
    replica = shim.database.replicas.replicas[0]
    # Caught up first: paused behind every primary position the monitor sampled, its lag would be "unknown" (still
    # skipped, but not the "> 300 ms" asserted below). The server's first fold at start can write WAL (pruning).
    await until(lambda: replica.usable and replica.lag_s == 0, timeout=15)
    with psycopg.connect(replica_admin, autocommit=True) as standby:
        try:
            standby.execute("SELECT pg_wal_replay_pause()")
            with shim_db.connect() as conn:  # WAL the paused replica does not replay
                conn.execute("INSERT INTO retail.categories (category_name) VALUES ('Written after the pause')")
            await until(lambda: not replica.usable)
            assert replica.why_not.startswith("behind the primary by") and "limit 300 ms" in replica.why_not
            assert await value(shim, "served_by_replica") == {"result": False}  # answered by the primary
            ready, state = await shim.ready()
            assert ready and state["replicas"][0]["usable"] is False and state["replicas"][0]["lag_ms"] > 300
            assert 'mcp_replica_fallbacks_total{reason="no replica usable"} 1.0' in shim.metrics.render(None).decode()
        finally:
            standby.execute("SELECT pg_wal_replay_resume()")
        await until(lambda: replica.usable, timeout=15)
        assert await value(shim, "served_by_replica") == {"result": True}
    await shim.stop()


async def test_a_replica_that_stops_mid_call_gives_a_retryable_error_then_the_primary_answers(served, replica):
    login, replica_login, _ = served
    _, pgdata, port = replica
    shim = started(login, replica_login)
    await shim.start()
    try:
        await until(lambda: usable(shim), timeout=15)
        slow = asyncio.create_task(call(shim, "sleep_for", seconds=5))
        await asyncio.sleep(0.5)
        await asyncio.to_thread(devdb.stop, pgdata)  # fast shutdown: the running call's backend is ended
        lost = await asyncio.wait_for(slow, timeout=5)
        assert lost.error_code == "DATABASE_UNAVAILABLE"
        assert "retry" in lost.content_text
        # No wait for the monitor: the very next read is answered, by the primary.
        assert await value(shim, "served_by_replica") == {"result": False}
        assert (await value(shim, "whoami"))["rows"][0]["identity"] == SEATTLE
        await until(lambda: "unreachable" in shim.database.replicas.replicas[0].why_not)
    finally:
        await asyncio.to_thread(devdb.start_replica, "unused", pgdata, port)
    try:
        await until(lambda: shim.database.replicas.replicas[0].usable, timeout=15)
        assert await value(shim, "served_by_replica") == {"result": True}
    finally:
        await shim.stop()
