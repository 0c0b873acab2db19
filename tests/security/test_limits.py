"""Every limit of the edge and of a call, hit on purpose, and another caller served meanwhile.

The edge: size, nesting, encoding and shape of a message, over HTTP (with and without a token) and stdio. A call:
its time (answered within the statement timeout plus a small margin, never run twice), its database session (the
backend stops when the server is gone). Fair sharing: sessions and concurrent calls per identity, sessions in all;
an idle session closed, a busy one kept. Readiness: its own connection, saturation beside it.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
import time
import uuid

import httpx
import psycopg
import pytest
from conftest import FIXTURES, Database
from identity import HEAD_OFFICE, STORE_MANAGERS
from mcp_clients import RawHttp, RawStdio, http_server, tool_error

from shim.auth import mint_token
from shim.edge import DEFAULT_LIMITS

SECRET = uuid.uuid4().hex * 2
SEATTLE = STORE_MANAGERS["Zava Retail Seattle"]
TACOMA = STORE_MANAGERS["Zava Retail Tacoma"]
# The module's server counts sessions and calls per identity for its whole life: each fairness test takes
# identities no other test of the module uses.
OTHERS = ("Bellevue", "Spokane", "Everett", "Redmond", "Kirkland", "Online")
BELLEVUE, SPOKANE, EVERETT, REDMOND, KIRKLAND, ONLINE = (STORE_MANAGERS[f"Zava Retail {name}"] for name in OTHERS)
VERSION = "2025-06-18"

DEEP = 100_000
# Each: (what, raw bytes of one message). Every one is refused with a JSON-RPC error, never a 5xx or a dead process.
HOSTILE = [
    ("deep array", b'{"jsonrpc":"2.0","id":1,"method":"ping","params":' + b"[" * DEEP + b"]" * DEEP + b"}"),
    ("deep object", b'{"jsonrpc":"2.0","id":1,"method":"ping","params":' + b'{"a":' * DEEP + b"1" + b"}" * DEEP + b"}"),
    (
        "deep _meta",
        b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami","_meta":'
        + b'{"a":' * 40
        + b"1"
        + b"}" * 40
        + b"}}",
    ),
    (
        "deep in a cancel",
        b'{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":'
        + b"[" * 5000
        + b"]" * 5000
        + b"}}",
    ),
    ("unclosed brackets", b"[" * 200_000),
    (
        "huge integer",
        b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"first_day","arguments":'
        b'{"year":' + b"9" * 50_000 + b"}}}",
    ),
    (
        "huge float",
        b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"first_day","arguments":{"year":1e999}}}',
    ),
    ("NaN", b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"first_day","arguments":{"year":NaN}}}'),
    (
        "lone surrogate",
        b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo_types","arguments":{"t":"\\ud800"}}}',
    ),
    ("invalid UTF-8", b'{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"\xc3\x28"}}'),
    ("batch", b'[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]'),
    ("not JSON-RPC", b'{"id":1,"method":"ping"}'),
]


@pytest.fixture(scope="module")
def limits_db(pg_server, template_db):
    name = f"zava_limits_{uuid.uuid4().hex[:10]}"
    with pg_server.janitor(name, template_dbname=template_db.name):
        db = Database(pg_server, name)
        with db.connect() as conn:
            conn.execute((FIXTURES / "tenant_rows.sql").read_text())
            conn.execute((FIXTURES / "shim_api.sql").read_text())
        yield db


def login(db: Database) -> str:
    return db.server.url(db.name, user="zava_mcp")


class Http(RawHttp):
    def __init__(self, base: str, identity: str | None = SEATTLE):
        super().__init__(base, mint_token(SECRET, identity) if identity else None)


@pytest.fixture(scope="module")
def server(limits_db, tmp_path_factory):
    with http_server(
        login(limits_db),
        "--jwt-secret",
        SECRET,
        "--log-level",
        "WARNING",
        "--max-sessions-per-identity",
        "3",
        "--pool-max",
        "4",
        "--max-calls-per-identity",
        "2",
        "--pool-timeout-s",
        "1.5",
        "--lock-timeout-ms",
        "1000",
        "--max-result-mb",
        "2",
        tmp_path=tmp_path_factory.mktemp("limits"),
    ) as s:
        yield s


def served(client: Http) -> float:
    """Seconds a plain call took: the server still answers a well-behaved caller."""
    started = time.monotonic()
    answer = client.call("whoami", {}, request_id=7)
    assert not answer["result"]["isError"], answer
    return time.monotonic() - started


@pytest.mark.parametrize("authenticated", [True, False], ids=["token", "no-token"])
@pytest.mark.parametrize(("what", "body"), HOSTILE, ids=[what for what, _ in HOSTILE])
def test_hostile_message_over_http_gets_a_json_rpc_error(server, what, body, authenticated):
    client = Http(server.base, SEATTLE if authenticated else None)
    response = client.post(body)
    assert response.status_code in (400, 413), (what, response.status_code, response.text[:200])
    error = response.json()["error"]
    assert error["code"] in (-32700, -32600) and len(response.content) < 1000, error


def test_oversized_body_is_413_before_authentication(server):
    body = b'{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"' + b"x" * DEFAULT_LIMITS.max_bytes + b'"}}'
    for identity in (SEATTLE, None):
        response = Http(server.base, identity).post(body)
        assert response.status_code == 413 and response.json()["error"]["code"] == -32600
        # The server stops reading at the limit; it said "message of 4,444,160 bytes" of a larger message.
        assert response.json()["error"]["message"] == f"message is over the {DEFAULT_LIMITS.max_bytes}-byte limit"


def test_after_every_hostile_message_the_server_still_serves(server):
    client = Http(server.base)
    client.initialize()
    for _, body in HOSTILE:
        client.post(body)
        client.post(body, client.session)
    assert served(client) < 2
    assert not [line for line in server.log.read_text().splitlines() if "Traceback" in line]


def test_hostile_lines_over_stdio_are_answered_and_the_server_keeps_serving(limits_db):
    raw = RawStdio(login(limits_db), SEATTLE)
    try:
        assert raw.initialize()["result"]["protocolVersion"] == VERSION
        for what, body in HOSTILE:
            raw.process.stdin.write(body + b"\n")
            raw.process.stdin.flush()
            answer = raw.receive()
            assert "error" in answer and answer["error"]["code"] in (-32700, -32600), (what, answer)
            assert raw.call(100, "whoami", {})["result"]["isError"] is False, what
        # A line over the size limit: answered, its tail skipped, the next line served.
        huge = b'{"jsonrpc":"2.0","id":5,"method":"ping","params":{"x":"' + b"x" * (5 * 2**20) + b'"}}\n'
        raw.process.stdin.write(huge)
        raw.process.stdin.flush()
        too_long = raw.receive()
        assert too_long["error"]["code"] == -32600 and "limit" in too_long["error"]["message"]
        assert raw.call(101, "whoami", {})["result"]["isError"] is False
        assert raw.process.poll() is None
    finally:
        raw.close()


def test_a_timed_out_call_is_answered_in_time_and_never_run_twice(limits_db, tmp_path):
    """The statement timeout is 500 ms; the call sleeps 4 s. It is answered QUERY_TIMEOUT within the timeout plus
    2 s, and the function ran once (a retry of a read-only call would run it again: 3 runs, 12 s)."""
    with http_server(login(limits_db), "--jwt-secret", SECRET, "--statement-timeout-ms", "500", tmp_path=tmp_path) as s:
        client = Http(s.base)
        client.initialize()
        started = time.monotonic()
        answer = client.call("sleep_for", {"seconds": 4})
        elapsed = time.monotonic() - started
        assert tool_error(answer["result"])["code"] == "QUERY_TIMEOUT" and elapsed < 0.5 + 2, elapsed
        print(f"\nfigure: timed-out call answered after {elapsed:.2f} s (statement timeout 0.5 s)")
        assert tool_error(answer["result"]).get("hint"), "a timeout says how to narrow the request"
        calls = [e for e in s.logs() if e.get("msg") in ("tool call", "slow tool call") and e["tool"] == "sleep_for"]
        assert len(calls) == 1 and served(client) < 2


def test_an_answer_past_the_result_limit_is_refused_small_and_others_are_served(server):
    """--max-result-mb is 2 here: a query whose answer is ~6 MB (rows read as text, nested) is RESOURCE_LIMIT, in an
    error of a few hundred bytes, before the answer is copied into a reply; a small answer is served."""
    client = Http(server.base)
    client.initialize()
    nested = (
        "SELECT (u, u, u, u, u, u, u, u, u, u)::text AS v FROM (SELECT (t, t, t, t, t, t, t, t, t, t)::text AS u"
        " FROM (SELECT (p, p, p, p, p, p, p, p, p, p)::text AS t FROM retail.products AS p, retail.products AS q,"
        " retail.products AS r) AS x) AS y"
    )
    answer = client.call("execute_sales_query", {"postgresql_query": nested})
    error = tool_error(answer["result"])
    assert error["code"] == "RESOURCE_LIMIT" and "over the server's limit of 2 MB" in error["message"], error
    assert len(json.dumps(answer)) < 2000 and error["hint"]
    one = client.call("execute_sales_query", {"postgresql_query": "SELECT (p)::text AS v FROM retail.products AS p"})
    assert not one["result"]["isError"], one
    other = Http(server.base, TACOMA)
    other.initialize()
    assert served(other) < 1


def test_a_call_waiting_on_a_lock_is_told_to_try_again(server, limits_db):
    """A migration holds a table the call reads: the call waits --lock-timeout-ms (1 s here), then
    RETRYABLE_CONFLICT with a hint to try again. It used to wait out the statement timeout (30 s) and read as
    QUERY_TIMEOUT, "narrow the request". A call that needs no such lock is served meanwhile."""
    client, other = Http(server.base), Http(server.base, TACOMA)
    client.initialize()
    other.initialize()
    with limits_db.connect() as migration:
        migration.execute("LOCK TABLE retail.orders IN ACCESS EXCLUSIVE MODE")  # held until the block ends
        started = time.monotonic()
        answer = client.call("orders_by_store", {})
        elapsed = time.monotonic() - started
        assert served(other) < 1
        migration.rollback()
    error = tool_error(answer["result"])
    assert (error["code"], error["sqlstate"]) == ("RETRYABLE_CONFLICT", "55P03"), error
    assert "try again" in error["hint"] and 0.9 < elapsed < 3, (error, elapsed)
    assert not client.call("orders_by_store", {})["result"]["isError"]  # and again once the lock is gone


async def test_the_backstop_answers_when_postgresql_does_not_end_the_statement(limits_db):
    """A pooler that drops statement_timeout (or work PostgreSQL does not interrupt): the client-side backstop
    answers at the timeout plus 1 s, drops the connection at once instead of waiting for a cancel, and the call is
    not retried; the backend's work ends soon after (client_connection_check_interval)."""
    import asyncpg

    from shim.calls import CallSettings, Executor
    from shim.catalog import load_tools
    from shim.database import reset_connection as _reset_connection

    pool = await asyncpg.create_pool(
        login(limits_db),
        min_size=1,
        max_size=2,
        reset=_reset_connection,
        server_settings={"statement_timeout": "0", "client_connection_check_interval": "200ms"},
    )
    executor = Executor(pool, CallSettings(statement_timeout_ms=300))
    try:
        async with pool.acquire() as conn:
            tools = await load_tools(conn, "api", embed_vectors=False)
        started = time.monotonic()
        with pytest.raises(Exception) as raised:
            await executor.run(tools["sleep_for"], {"seconds": 30}, SEATTLE)
        elapsed = time.monotonic() - started
        assert getattr(raised.value, "code", None) == "QUERY_TIMEOUT" and elapsed < 0.3 + 2, elapsed
        print(f"\nfigure: backstop answered after {elapsed:.2f} s (timeout 0.3 s, nothing in PostgreSQL)")
        with psycopg.connect(limits_db.url, autocommit=True) as admin:
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                running = admin.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%tool sleep_for%' AND state = 'active' "
                    "AND pid <> pg_backend_pid()"
                ).fetchone()[0]
                if not running:
                    break
                await asyncio.sleep(0.1)  # the event loop must run: it closes the dropped connection's socket
            assert running == 0, "the backend went on after its connection was dropped"
            print(f"figure: backend gone {time.monotonic() - started:.2f} s after the call began (it sleeps 30 s)")
        row = await executor.run(tools["whoami"], {}, SEATTLE)  # the pool replaced the dropped connection
        assert not row.is_error
    finally:
        await executor.queue.close()
        await pool.close()


def test_statements_end_when_the_server_is_killed(limits_db, tmp_path):
    """kill -9 of the server: its running statements stop within client_connection_check_interval (2 s), not
    when they would have finished."""
    with http_server(login(limits_db), "--jwt-secret", SECRET, tmp_path=tmp_path) as s:
        client = Http(s.base)
        client.initialize()
        threading.Thread(target=lambda: _quietly(client.call, "sleep_for", {"seconds": 25}), daemon=True).start()
        with psycopg.connect(limits_db.url, autocommit=True) as admin:
            active = (
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%tool sleep_for%' AND state = 'active' "
                "AND pid <> pg_backend_pid()"
            )
            assert _wait_for(lambda: admin.execute(active).fetchone()[0] == 1, 10)
            os.kill(s.process.pid, signal.SIGKILL)
            killed = time.monotonic()
            assert _wait_for(lambda: admin.execute(active).fetchone()[0] == 0, 10)
            assert time.monotonic() - killed < 5
            print(f"\nfigure: backend stopped {time.monotonic() - killed:.2f} s after kill -9 of the server")


def lean_session(base: str, identity: str) -> Http:
    """A session whose tools/call requests take the fast path: the SDK has served it a tools request."""
    client = Http(base, identity)
    assert client.initialize().status_code == 200
    assert client.post(b'{"jsonrpc":"2.0","id":9,"method":"tools/list"}', client.session).status_code == 200
    return client


def test_past_the_server_wide_session_limit_new_sessions_are_refused_and_open_ones_served(limits_db, tmp_path):
    """--max-sessions 3 (each identity may open 32): a fourth session is refused with 503 and a JSON-RPC error, the
    three open ones keep being served, and closing one makes room."""
    with http_server(login(limits_db), "--jwt-secret", SECRET, "--max-sessions", "3", tmp_path=tmp_path) as s:
        holders = [lean_session(s.base, identity) for identity in (SEATTLE, TACOMA, BELLEVUE)]
        refused = Http(s.base, SPOKANE).initialize()
        assert refused.status_code == 503 and "Too many open sessions" in refused.json()["error"]["message"]
        assert max(served(holder) for holder in holders) < 1
        holders[0].http.delete(holders[0].url, headers={**holders[0].headers, **holders[0].session})
        assert Http(s.base, SPOKANE).initialize().status_code == 200


def test_calls_keep_a_session_open_and_it_closes_once_idle(limits_db, tmp_path):
    """--session-idle-s 3: fast-path calls for longer than the idle time keep a session open (each restarts its
    countdown when it ends); 3 s without one close it, while another session is served."""
    flags = ("--embedder", "none", "--session-idle-s", "3", "--pool-timeout-s", "0.2", "--statement-timeout-ms", "300")
    with http_server(login(limits_db), "--jwt-secret", SECRET, *flags, tmp_path=tmp_path) as s:
        client = lean_session(s.base, SEATTLE)
        before = s.lean_calls()
        for _ in range(10):
            assert not client.call("whoami", {})["result"]["isError"]
            time.sleep(0.5)
        assert s.lean_calls() == before + 10
        time.sleep(2)
        other = lean_session(s.base, TACOMA)
        served(other)
        time.sleep(1.5)
        assert client.post(b'{"jsonrpc":"2.0","id":3,"method":"tools/list"}', client.session).status_code == 404
        assert served(other) < 1


def test_a_call_longer_than_the_idle_time_keeps_its_session(limits_db, tmp_path):
    """--session-idle-s 1 against calls of up to 4 s: each call holds its session, as the SDK does for its own
    requests, so a 2-second call does not lose it; the countdown starts again when the call ends."""
    flags = ("--embedder", "none", "--session-idle-s", "1", "--statement-timeout-ms", "4000")
    with http_server(login(limits_db), "--jwt-secret", SECRET, *flags, tmp_path=tmp_path) as s:
        client = lean_session(s.base, SEATTLE)
        before = s.lean_calls()
        assert not client.call("sleep_for", {"seconds": 2})["result"]["isError"]
        assert not client.call("whoami", {})["result"]["isError"]
        assert s.lean_calls() == before + 2
        time.sleep(2)
        assert client.post(b'{"jsonrpc":"2.0","id":3,"method":"tools/list"}', client.session).status_code == 404


def test_one_identity_at_its_session_limit_does_not_stop_another(server):
    hoarder = [Http(server.base, BELLEVUE) for _ in range(4)]
    answers = [client.initialize() for client in hoarder]
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    refused = answers[3]
    assert refused.status_code == 429 and "too many open sessions" in refused.json()["error"]["message"]
    assert "limit is 3" in refused.json()["error"]["message"]
    other = Http(server.base, SPOKANE)
    assert other.initialize().status_code == 200
    latency = served(other)
    assert latency < 1
    print(f"\nfigure: other identity served in {latency * 1000:.0f} ms while one holds its 3 sessions")
    # Closing one session frees its place.
    hoarder[0].http.delete(hoarder[0].url, headers={**hoarder[0].headers, **hoarder[0].session})
    assert Http(server.base, BELLEVUE).initialize().status_code == 200


def test_one_identity_at_its_call_limit_does_not_stop_another(server):
    """Pool of 4, 2 calls per identity: one identity's third and fourth concurrent calls wait, then get SERVER_BUSY
    naming the limit; another identity's calls meanwhile take their usual time."""
    sessions = [Http(server.base, EVERETT) for _ in range(2)]  # the identity may hold 3: calls, not sessions, run out
    for client in sessions:
        client.initialize()
    other = Http(server.base, REDMOND)
    other.initialize()
    results: list = []
    threads = [
        threading.Thread(
            target=lambda c=c, n=n: results.append(_quietly(c.call, "sleep_for", {"seconds": 3}, n)), daemon=True
        )
        for n, c in enumerate(sessions * 2, start=10)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    latencies = [served(other) for _ in range(5)]
    for thread in threads:
        thread.join(30)
    codes = sorted(tool_error(r["result"]).get("code", "OK") for r in results)
    assert codes == ["OK", "OK", "SERVER_BUSY", "SERVER_BUSY"], codes
    busy = next(tool_error(r["result"]) for r in results if tool_error(r["result"]))
    assert "this identity" in busy["message"] and "limit is 2" in busy["message"]
    assert max(latencies) < 1, latencies
    print(f"\nfigure: other identity's calls while one is at its call cap: max {max(latencies) * 1000:.0f} ms")


def test_readiness_reports_saturation_apart_from_reachability(server):
    """All four connections busy (two identities, two calls each) and a fifth call waiting: readiness stays 200,
    says the pool is saturated, and the metric shows the waiting call."""
    identities = [KIRKLAND, KIRKLAND, ONLINE, ONLINE]
    clients = [Http(server.base, i) for i in identities]
    for client in clients:
        client.initialize()
    threads = [
        threading.Thread(target=lambda c=c: _quietly(c.call, "sleep_for", {"seconds": 2}), daemon=True)
        for c in clients[:4]
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    waiter = Http(server.base, HEAD_OFFICE)
    waiter.initialize()
    waiting = threading.Thread(target=lambda: _quietly(waiter.call, "whoami", {}), daemon=True)
    waiting.start()
    time.sleep(0.3)
    ready = httpx.get(f"{server.base}/health/ready", timeout=5)
    metrics = httpx.get(f"{server.base}/metrics", timeout=5).text
    for thread in [*threads, waiting]:
        thread.join(10)
    assert ready.status_code == 200, ready.text
    assert ready.json()["pool"]["in_use"] == 4 and ready.json()["pool"]["saturated"] is True, ready.json()
    assert "mcp_db_pool_waiting_calls 1.0" in metrics


def _quietly(function, *args):
    try:
        return function(*args)
    except Exception as exc:  # a call cut short by the test's end
        text = json.dumps({"error": {"code": repr(exc)}})
        return {"result": {"isError": True, "content": [{"type": "text", "text": text}]}}


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
