"""The lean stdio path: raw JSON-RPC lines over the server's pipes, to see which path answered what."""

import time
import uuid
from queue import Empty

import pytest
from conftest import FIXTURES, Database
from mcp_clients import RawStdio, tool_error

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"


@pytest.fixture(scope="module")
def lean_db(pg_server, template_db):
    name = f"zava_lstdio_{uuid.uuid4().hex[:10]}"
    with pg_server.janitor(name, template_dbname=template_db.name):
        db = Database(pg_server, name)
        with db.connect() as conn:
            conn.execute((FIXTURES / "tenant_rows.sql").read_text())
            conn.execute((FIXTURES / "shim_api.sql").read_text())
        yield db


@pytest.fixture
def raw(lean_db):
    client = RawStdio(lean_db.server.url(lean_db.name, user="zava_mcp"), SEATTLE)
    client.send(
        {
            "jsonrpc": "2.0",
            "id": 0,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "raw", "version": "0"},
            },
        }
    )
    assert client.receive(timeout=60)["result"]["protocolVersion"] == "2025-06-18"
    client.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    yield client
    if client.process.poll() is None:
        client.process.kill()


def test_first_call_is_the_sdks_then_lean_with_the_same_answer(raw):
    first = raw.call(1, "orders_by_store", {})
    second = raw.call(2, "orders_by_store", {})
    bad = raw.call(3, "first_day", {"year": "x"})
    assert first["result"] == second["result"]
    assert second["result"]["structuredContent"]["rows"][0]["store_name"] == "Zava Retail Seattle"
    assert bad["result"]["isError"] is True
    assert tool_error(bad["result"])["code"] == "VALIDATION_ERROR"
    raw.close()
    assert raw.paths() == ["sdk", "lean", "lean"]


def test_lines_the_lean_path_does_not_take_reach_the_sdk(raw):
    raw.call(1, "whoami", {})
    raw.send({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "no_such_tool", "arguments": {}}})
    assert raw.receive()["error"]["message"] == "Unknown tool: no_such_tool"
    raw.send("{not json")  # answered -32700 with id null, by the one request reader both paths share
    assert raw.receive()["error"]["code"] == -32700
    raw.send({"jsonrpc": "2.0", "id": 3, "method": "ping"})
    assert raw.receive() == {"jsonrpc": "2.0", "id": 3, "result": {}}
    progress = {"name": "whoami", "arguments": {}, "_meta": {"progressToken": "p"}}
    raw.send({"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": progress})
    assert not raw.receive()["result"]["isError"]
    raw.close()
    assert raw.paths() == ["sdk", "sdk"]


def test_cancel_stops_a_lean_call_without_an_answer(raw, lean_db):
    def sleeping() -> int:
        with lean_db.connect() as conn:
            return conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'active' "
                "AND query LIKE '%%sleep_for%%' AND pid <> pg_backend_pid()",
                (lean_db.name,),
            ).fetchone()[0]

    raw.call(1, "whoami", {})
    raw.send(
        {
            "jsonrpc": "2.0",
            "id": 2,
            "method": "tools/call",
            "params": {"name": "sleep_for", "arguments": {"seconds": 20}},
        }
    )
    for _ in range(50):
        time.sleep(0.1)
        if sleeping():
            break
    assert sleeping() == 1
    raw.send({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 2}})
    for _ in range(50):
        time.sleep(0.1)
        if not sleeping():
            break
    assert sleeping() == 0
    assert raw.call(3, "first_day", {"year": 2020})["id"] == 3  # the next answer is the next call's
    with pytest.raises(Empty):
        raw.lines.get(timeout=0.5)
    raw.close()
    assert raw.paths() == ["sdk", "lean", "lean"]


def test_calls_asked_before_stdin_closes_are_answered(raw):
    raw.call(1, "whoami", {})
    for request_id in range(2, 12):
        raw.send(
            {"jsonrpc": "2.0", "id": request_id, "method": "tools/call", "params": {"name": "whoami", "arguments": {}}}
        )
    raw.process.stdin.close()
    answers = {raw.receive()["id"] for _ in range(10)}
    assert answers == set(range(2, 12))
    code = raw.process.wait(15)
    assert code == 0, raw.logs[-5:]
