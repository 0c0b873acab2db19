"""The shim behind PgBouncer in transaction pooling mode: unchanged, and still isolated. Also the reason identity
must be transaction-local: a session-level setting leaks between PgBouncer's clients."""

import asyncio
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import asyncpg
import pytest

from shim.app import Shim
from shim.config import Settings

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
pytestmark = pytest.mark.skipif(
    not Path(PGBOUNCER).exists(), reason="pgbouncer not installed (make soak installs Debian's package)"
)
IDENTITIES = {
    "f47ac10b-58cc-4372-a567-0e02b2c3d479": {"Zava Retail Seattle"},
    "a1b2c3d4-e5f6-7890-abcd-ef1234567890": {"Zava Retail Tacoma"},
    "5e0c2f1a-7b3d-4c8e-9a10-000000000102": {"Zava Retail Tacoma", "Zava Retail Spokane"},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def bouncer(seeded_db):
    folder = Path(tempfile.mkdtemp(prefix="zava-pgbouncer-"))
    folder.chmod(0o777)
    port = free_port()
    server = seeded_db.server
    (folder / "pgbouncer.ini").write_text(f"""
[databases]
zava = host={server.host} port={server.port} dbname={seeded_db.name} user=zava_mcp

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = any
pool_mode = transaction
default_pool_size = 2
max_client_conn = 100
ignore_startup_parameters = jit,work_mem,statement_timeout,extra_float_digits,client_connection_check_interval
logfile = {folder}/pgbouncer.log
pidfile = {folder}/pgbouncer.pid
""")
    user = ["-u", "embedded_postgres"] if os.geteuid() == 0 else []  # PgBouncer refuses to run as root
    process = subprocess.Popen(
        [PGBOUNCER, *user, str(folder / "pgbouncer.ini")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    try:
        yield f"postgresql://zava_mcp@127.0.0.1:{port}/zava"
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


def test_session_level_identity_leaks_through_pgbouncer(bouncer):
    """What the sample did (set_config(..., false)) hands one client's identity to the next; ours does not."""

    async def scenario():
        a = await asyncpg.connect(bouncer, statement_cache_size=0)
        b = await asyncpg.connect(bouncer, statement_cache_size=0)
        await a.execute("SELECT set_config('app.current_rls_user_id', 'leaked-identity', false)")
        seen_session = {await b.fetchval("SELECT current_setting('app.current_rls_user_id', true)") for _ in range(6)}
        async with a.transaction():
            await a.execute("SELECT set_config('app.current_rls_user_id', 'local-identity', true)")
        seen_local = {await b.fetchval("SELECT current_setting('app.current_rls_user_id', true)") for _ in range(6)}
        await a.close()
        await b.close()
        return seen_session, seen_local

    seen_session, seen_local = asyncio.run(scenario())
    assert "leaked-identity" in seen_session  # another client sees it: session state is shared
    assert "local-identity" not in seen_local  # transaction-local state ends with the transaction


async def test_the_shim_is_isolated_behind_pgbouncer(bouncer, seeded_db):
    direct = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    shim = Shim(
        Settings(database_url=bouncer, listen_database_url=direct, statement_cache_size=0, pool_min=4, pool_max=4)
    )
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
