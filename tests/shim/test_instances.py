"""Several instances, one endpoint, no sticky sessions: `--workers N` (N processes on one port, SO_REUSEPORT) and
separate instances with `--stateless-http` behind any balancer. Any instance answers any request, a catalog change
reaches the listen streams of every instance (each hears the database's NOTIFY), and with CACHE_URL they share one
result cache and empty it together."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from pathlib import Path

import httpx
import pytest
from mcp.client import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from mcp_clients import http_server
from test_cache_and_defaults import redis_url as shared_redis  # a fixture: a real redis-server for this module

from shim import cli
from shim.auth import mint_token

redis_url = shared_redis

SECRET = "instances-secret"
SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
MODERN = "2026-07-28"


def bearer() -> str:
    return "Bearer " + mint_token(SECRET, SEATTLE)


def modern_call(base: str, name: str, arguments: dict | None = None) -> dict:
    """One 2026-07-28 tools/call on a connection of its own (no session, no state kept anywhere)."""
    body = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {
            "name": name,
            "arguments": arguments or {},
            "_meta": {
                "io.modelcontextprotocol/protocolVersion": MODERN,
                "io.modelcontextprotocol/clientCapabilities": {},
            },
        },
    }
    headers = {
        "Authorization": bearer(),
        "mcp-protocol-version": MODERN,
        "mcp-method": "tools/call",
        "mcp-name": name,
        "Accept": "application/json, text/event-stream",
    }
    with httpx.Client(timeout=10) as client:  # a new connection: the kernel may hand it to any worker
        response = client.post(f"{base}/mcp", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["result"]


def worker_pids(base: str, tries: int = 60) -> set[int]:
    pids = set()
    for _ in range(tries):
        with httpx.Client(timeout=5) as client:
            pids.add(client.get(f"{base}/health/live").json()["pid"])
    return pids


def children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                found.add(int(entry))
    return found


def exited(pid: int) -> bool:
    """The process is gone or a zombie (its sockets closed either way)."""
    try:
        return "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
    except FileNotFoundError:
        return True


def test_workers_share_one_port_and_a_dead_worker_is_replaced(login_url, tmp_path):
    with http_server(login_url, "--jwt-secret", SECRET, "--workers", "2", tmp_path=tmp_path) as server:
        workers = children(server.process.pid)
        assert len(workers) == 2
        seen = worker_pids(server.base)
        assert seen == workers, "both workers take connections on the one port"
        for _ in range(6):  # each call on a new connection, whichever worker takes it
            result = modern_call(server.base, "whoami")
            assert result["structuredContent"]["rows"][0]["identity"] == SEATTLE

        victim = seen.pop()
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 20
        # A connection queued on the victim's socket in the instant before it closes is reset (SO_REUSEPORT gives
        # each worker its own queue): the claim is about calls once it is gone, so wait for its exit (or zombie).
        while not exited(victim):
            assert time.monotonic() < deadline, "the killed worker did not exit"
            time.sleep(0.01)
        while True:  # the supervisor starts a replacement; meanwhile the other worker serves
            assert modern_call(server.base, "whoami")["structuredContent"]["rows"][0]["identity"] == SEATTLE
            replaced = children(server.process.pid)
            if len(replaced) == 2 and victim not in replaced and worker_pids(server.base, 30) == replaced:
                break
            assert time.monotonic() < deadline, "the dead worker was not replaced"
            time.sleep(0.3)
        workers = replaced
    for pid in workers:  # stopping the supervisor stops its workers
        assert exited(pid)


def test_workers_end_with_a_supervisor_killed_outright(login_url, tmp_path):
    """SIGKILL forwards nothing: the workers used to live on, serving the port, with nobody to stop them."""
    with http_server(login_url, "--jwt-secret", SECRET, "--workers", "2", tmp_path=tmp_path) as server:
        workers = children(server.process.pid)
        assert len(workers) == 2
        server.process.kill()
        deadline = time.monotonic() + 20
        while not all(exited(pid) for pid in workers):
            assert time.monotonic() < deadline, "a worker outlived its supervisor"
            time.sleep(0.1)


def test_a_refused_worker_stops_the_supervisor_with_its_exit_code(login_url, tmp_path):
    """A worker refused at start (here: the database is unreachable, exit 5) is not restarted in a loop."""
    bad_url = login_url.replace("/zava_", "/no_such_database_")
    with http_server(bad_url, "--jwt-secret", SECRET, "--workers", "2", tmp_path=tmp_path, ready=False) as server:
        assert server.process.wait(60) == 5


async def listen_for_a_change(base: str, changed: asyncio.Event, ready: asyncio.Event) -> None:
    """A 2026-07-28 client of the official SDK, listening for tools/list_changed on one instance."""
    async with (
        create_mcp_http_client(headers={"Authorization": bearer()}) as http,
        Client(streamable_http_client(f"{base}/mcp", http_client=http), mode=MODERN) as client,
        client.listen(tools_list_changed=True) as subscription,
    ):
        ready.set()
        async for _event in subscription:
            names = {tool.name for tool in (await client.list_tools()).tools}
            if "added_everywhere" in names:
                changed.set()
                return


async def test_two_instances_answer_alike_share_the_cache_and_hear_every_change(
    login_url, shim_db, tmp_path, redis_url
):
    common = ("--jwt-secret", SECRET, "--stateless-http", "--cache-url", redis_url)
    with (
        http_server(login_url, *common, tmp_path=tmp_path) as first,
        http_server(login_url, *common, tmp_path=tmp_path) as second,
    ):
        instances = [first.base, second.base]
        # A client alternating between them: each answers, with the same rows.
        answers = [modern_call(instances[i % 2], "orders_by_store")["structuredContent"] for i in range(4)]
        assert answers[0]["rows"] and all(a == answers[0] for a in answers)

        # A handshake-era client without a session: initialize on one, call on the other.
        legacy = {"Authorization": bearer(), "Accept": "application/json, text/event-stream"}
        init = {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "t", "version": "1"},
            },
        }
        response = httpx.post(f"{first.base}/mcp", json=init, headers=legacy, timeout=10)
        assert response.status_code == 200 and "mcp-session-id" not in response.headers
        call = {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "whoami", "arguments": {}}}
        headers = {**legacy, "mcp-protocol-version": "2025-06-18"}
        response = httpx.post(f"{second.base}/mcp", json=call, headers=headers, timeout=10)
        assert response.status_code == 200, response.text
        assert SEATTLE in response.text

        # One shared result cache: an answer computed by the first is a hit on the second.
        def hits(base: str) -> float:
            text = httpx.get(f"{base}/metrics", timeout=5).text
            line = [x for x in text.splitlines() if x.startswith('mcp_cache_hits_total{tool="get_store_performance"}')]
            return float(line[0].split()[-1]) if line else 0.0

        quarter = {"period_start": "2025-01-01", "period_end": "2025-03-31"}
        cached = modern_call(first.base, "get_store_performance", quarter)
        assert modern_call(second.base, "get_store_performance", quarter) == cached
        assert hits(second.base) == 1

        # A catalog change reaches listen streams on both instances, and both serve the new tool.
        changed = [asyncio.Event(), asyncio.Event()]
        ready = [asyncio.Event(), asyncio.Event()]
        listeners = [
            asyncio.create_task(listen_for_a_change(b, c, r)) for b, c, r in zip(instances, changed, ready, strict=True)
        ]
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in ready)), timeout=15)
        with shim_db.connect(autocommit=True) as conn:
            conn.execute("SET ROLE zava_owner")
            conn.execute("CREATE FUNCTION api.added_everywhere() RETURNS integer LANGUAGE sql STABLE AS 'SELECT 7'")
            conn.execute("COMMENT ON FUNCTION api.added_everywhere() IS 'Added while two instances serve.'")
            conn.execute("GRANT EXECUTE ON FUNCTION api.added_everywhere() TO zava_api_caller")
            conn.execute("NOTIFY mcp_schema_changed")
        try:
            await asyncio.wait_for(asyncio.gather(*(c.wait() for c in changed)), timeout=15)
        finally:
            for task in listeners:
                task.cancel()
            await asyncio.gather(*listeners, return_exceptions=True)
        for base in instances:
            assert modern_call(base, "added_everywhere")["structuredContent"] == {"result": 7}
        # ... and the change emptied the shared cache for both: the second computes the quarter again.
        modern_call(second.base, "get_store_performance", quarter)
        assert hits(second.base) == 1


@pytest.mark.parametrize("flags", [("--workers", "0"), ("--workers", "2", "--stdio", "--identity", SEATTLE)])
def test_worker_counts_that_make_no_sense_are_usage_errors(login_url, flags, capsys, monkeypatch):
    monkeypatch.setattr(cli, "setup_logging", lambda level: None)  # its handler would outlive capsys's stream
    assert cli.main(["--database-url", login_url, "--jwt-secret", SECRET, *flags]) == cli.EXIT_USAGE
    assert "--workers must be at least 1, and 1 with --stdio" in capsys.readouterr().err


def test_a_sessionless_server_promises_handshake_clients_no_list_changed(login_url, tmp_path):
    """Without sessions no notification reaches a handshake-era client, so a sessionless server does not announce
    tools or prompts listChanged to one (an outside client author waited for it); a server with sessions does. Both
    answer resources/templates/list (clients ask whenever resources are offered; it was -32601)."""
    initialize = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}},
    }
    headers = {"Authorization": bearer(), "Accept": "application/json, text/event-stream"}

    def answer(response: httpx.Response) -> dict:
        assert response.status_code == 200, response.text
        if response.headers["content-type"].startswith("application/json"):
            return response.json()
        return [json.loads(x[5:]) for x in response.text.splitlines() if x.startswith("data:")][-1]

    for flags, announced in ((("--stateless-http",), False), ((), True)):
        with (
            http_server(login_url, "--jwt-secret", SECRET, *flags, tmp_path=tmp_path) as server,
            httpx.Client(timeout=10) as client,
        ):
            hello = client.post(f"{server.base}/mcp", json=initialize, headers=headers)
            capabilities = answer(hello)["result"]["capabilities"]
            assert capabilities["tools"].get("listChanged", False) is announced, (flags, capabilities)
            assert capabilities["prompts"].get("listChanged", False) is announced, (flags, capabilities)
            session = {"mcp-protocol-version": "2025-06-18", **headers}
            if "mcp-session-id" in hello.headers:
                session["mcp-session-id"] = hello.headers["mcp-session-id"]
                note = {"jsonrpc": "2.0", "method": "notifications/initialized"}
                client.post(f"{server.base}/mcp", json=note, headers=session)
            listed = client.post(
                f"{server.base}/mcp",
                json={"jsonrpc": "2.0", "id": 2, "method": "resources/templates/list", "params": {}},
                headers=session,
            )
            assert answer(listed)["result"]["resourceTemplates"] == [], listed.text
