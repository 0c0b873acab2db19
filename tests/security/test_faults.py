"""Faults: the database going away under load and coming back, pool exhaustion, migrate killed mid-file."""

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import pytest
from conftest import ROOT, apply_package
from mcp_clients import http_server, http_session, tool_error

import devdb
import migrate
import seed
from shim.app import Shim
from shim.auth import mint_token
from shim.config import Settings
from shim.errors import ToolError

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
SLEEP_QUERY = {"postgresql_query": "SELECT pg_sleep(2) AS slept"}


async def test_pool_exhaustion_fails_fast_and_clearly(seeded_db):
    """Ten two-second calls on two connections with a one-second acquire timeout: two run, eight are told the
    server is busy within about a second; nothing hangs."""
    url = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    shim = Shim(Settings(database_url=url, pool_min=2, pool_max=2, max_calls_per_identity=2, pool_timeout_s=1))
    await shim.start()
    try:
        tool = shim.tools["execute_sales_query"]
        started = time.perf_counter()
        results = await asyncio.wait_for(
            asyncio.gather(*(shim.call(tool, SLEEP_QUERY, SEATTLE, str(i)) for i in range(10))), timeout=15
        )
        elapsed = time.perf_counter() - started
    finally:
        await shim.stop()
    codes = sorted(r.error_code or "OK" for r in results)
    assert codes == ["OK"] * 2 + ["SERVER_BUSY"] * 8
    assert elapsed < 6


async def test_callers_waiting_for_a_connection_are_served_in_arrival_order(seeded_db):
    """With every connection taken, a released one goes to the caller that has waited longest, even when a newcomer
    asks at that very moment (asyncpg's pool alone lets the newcomer take it); a caller that gives up waiting leaves
    the line and keeps no place in it."""
    url = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    shim = Shim(Settings(database_url=url, pool_min=1, pool_max=1, pool_timeout_s=0.5))
    await shim.start()
    try:
        calls = shim.database.executor.queue
        holding = await calls.acquire()
        first = asyncio.create_task(calls.acquire())
        await asyncio.sleep(0.05)
        assert not first.done()

        await calls.release(holding)
        newcomer = asyncio.create_task(calls.acquire())  # asks before the waiting caller has run again
        done, _ = await asyncio.wait({first, newcomer}, timeout=2, return_when=asyncio.FIRST_COMPLETED)
        assert done == {first}
        await asyncio.sleep(0.05)
        assert not newcomer.done()

        await calls.release(first.result())
        second = await asyncio.wait_for(newcomer, timeout=2)

        with pytest.raises(ToolError) as busy:  # the pool is taken: the caller gives up after 0.5 s
            await calls.acquire()
        assert busy.value.code == "SERVER_BUSY"
        await calls.release(second)
        third = await asyncio.wait_for(calls.acquire(), timeout=1)  # no place was kept for the one that left
        assert await third.fetchval("SELECT 1") == 1
        await calls.release(third)
        assert not calls.queue.locked()
    finally:
        await shim.stop()


@pytest.fixture
def own_postgres():
    """A PostgreSQL of its own, migrated and seeded: this test stops and starts it."""
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    pgdata = Path(tempfile.mkdtemp(prefix="zava-fault-", dir=base)) / "pgdata"
    try:
        admin = devdb.start(pgdata=pgdata, database="faults")
        apply_package(admin)
        asyncio.run(seed.seed(admin, "small", log=lambda *_: None))
        yield pgdata, admin
    finally:
        devdb.stop(pgdata)
        shutil.rmtree(pgdata.parent, ignore_errors=True)


async def test_database_restart_under_load(own_postgres, tmp_path):
    pgdata, admin = own_postgres
    secret = uuid.uuid4().hex * 2
    login = devdb.with_user(admin, "zava_mcp")
    outcomes: list[tuple[float, str]] = []
    with http_server(login, "--jwt-secret", secret, "--log-level", "WARNING", tmp_path=tmp_path) as server:
        ready_url = f"{server.base}/health/ready"
        async with http_session(server.mcp_url, mint_token(secret, SEATTLE)) as session:

            async def load(seconds: float):
                end = time.monotonic() + seconds
                while time.monotonic() < end:
                    result = await session.call_tool("get_current_utc_date", {})
                    code = tool_error(result).get("code", "OK")
                    outcomes.append((time.monotonic(), code))
                    await asyncio.sleep(0.05)

            await load(1)
            assert httpx.get(ready_url).status_code == 200
            devdb.stop(pgdata)
            stopped_at = time.monotonic()
            await load(2)
            not_ready = httpx.get(ready_url)
            devdb.start(pgdata=pgdata, database="faults")
            restarted_at = time.monotonic()
            ready_after = None  # readiness checks on its own connection: back as soon as the database is
            while ready_after is None and time.monotonic() < restarted_at + 10:
                if httpx.get(ready_url, timeout=5).status_code == 200:
                    ready_after = time.monotonic() - restarted_at
                time.sleep(0.05)
            deadline = restarted_at + 15
            while time.monotonic() < deadline:
                await load(0.5)
                if outcomes[-1][1] == "OK" and httpx.get(ready_url).status_code == 200:
                    break
            recovered_at = next(t for t, code in outcomes if t > restarted_at and code == "OK")
    during = {code for t, code in outcomes if stopped_at + 0.5 < t < restarted_at}
    assert not_ready.status_code == 503 and not_ready.json()["status"] == "not ready"
    assert during and during <= {"DATABASE_UNAVAILABLE", "SERVER_BUSY"}, during
    assert outcomes[-1][1] == "OK" and recovered_at - restarted_at < 10
    assert ready_after is not None and ready_after < 1, ready_after
    print(f"\nfigure: ready {ready_after:.2f} s after the database was back; calls {recovered_at - restarted_at:.2f} s")


def test_migrate_killed_mid_file_leaves_nothing_and_the_next_run_completes(empty_db, tmp_path):
    package = tmp_path / "package"
    shutil.copytree(ROOT / "sql", package / "sql")
    shutil.copytree(ROOT / "shim" / "sql", package / "shim" / "sql")
    shutil.copy(ROOT / "migrate.toml", package / "migrate.toml")
    slow = package / "sql/schema/9990_slow.sql"
    slow.write_text("CREATE TABLE public.half_done (id int);\nSELECT pg_sleep(30);\n")
    config = package / "migrate.toml"
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "migrate.py"), "--config", str(config), "--database-url", empty_db.url, "apply"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    with empty_db.connect(autocommit=True) as conn:
        while time.monotonic() < deadline:  # wait until the slow file is running
            running = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%%pg_sleep(30)%%' "
                "AND state = 'active' AND pid <> pg_backend_pid()"
            ).fetchone()[0]
            if running:
                break
            time.sleep(0.1)
        assert running
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        with conn.transaction():
            assert conn.execute("SELECT to_regclass('public.half_done')").fetchone()[0] is None
            recorded = {r[0] for r in conn.execute("SELECT file FROM migrations.applied_files")}
        assert "schema/9990_slow.sql" not in recorded and "schema/0100_roles.sql" in recorded
    slow.write_text("CREATE TABLE public.half_done (id int);\n")
    started = time.monotonic()
    applied = asyncio.run(migrate.apply(empty_db.url, migrate.load_config(config, environ={}), log=lambda *_: None))
    assert applied[0] == "schema/9990_slow.sql" and time.monotonic() - started < 10  # the lock was freed promptly
    statuses = asyncio.run(migrate.status(empty_db.url, migrate.load_config(config, environ={})))
    assert {s.state for s in statuses} == {"applied"}
