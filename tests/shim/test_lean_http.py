"""The lean tools/call path answers exactly what the SDK would, and leaves everything it cannot prove valid to it."""

import asyncio
import json
import socket
import time
import uuid

import httpx
import jwt
import pytest
from conftest import FIXTURES, Database
from mcp_clients import http_server, http_session, tool_error

SECRET = "lean-secret-" + uuid.uuid4().hex
SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
TACOMA = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
MCP_HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
MODERN = "2026-07-28"
# One call of each kind of result: rows, a scalar, JSON of every argument type, an error from PostgreSQL, a
# validation error, an unknown identity's rows.
CALLS = [
    ("orders_by_store", {}),
    ("first_day", {"year": 2020}),
    (
        "echo_types",
        {
            "an_int": 7,
            "a_number": 1.25,
            "a_text": 'héllo "quoted" ✓',
            "an_id": SEATTLE,
            "a_day": "2024-02-29",
            "a_moment": "2024-02-29T12:00:00+00:00",
            "a_flag": True,
            "some_ints": [1, 2],
            "a_doc": {"k": [1, None]},
            "a_grain": "month",
        },
    ),
    ("fail_with", {"state": "22023", "msg": "bad input"}),
    ("first_day", {"year": "x"}),
    ("many_rows", {"n": 3}),
]


@pytest.fixture(scope="module")
def lean_db(pg_server, template_db):
    name = f"zava_lean_{uuid.uuid4().hex[:10]}"
    with pg_server.janitor(name, template_dbname=template_db.name):
        db = Database(pg_server, name)
        with db.connect() as conn:
            conn.execute((FIXTURES / "tenant_rows.sql").read_text())
            conn.execute((FIXTURES / "shim_api.sql").read_text())
        yield db


@pytest.fixture(scope="module")
def server(lean_db, tmp_path_factory):
    login = lean_db.server.url(lean_db.name, user="zava_mcp")
    with http_server(login, "--jwt-secret", SECRET, tmp_path=tmp_path_factory.mktemp("lean")) as s:
        yield s


def token(identity=SEATTLE, **claims):
    return jwt.encode({"sub": identity, "exp": int(time.time()) + 300, **claims}, SECRET, algorithm="HS256")


def open_session(server, bearer: str) -> str:
    """initialize + notifications/initialized + tools/list over raw HTTP; the session id."""
    headers = {**MCP_HEADERS, "Authorization": f"Bearer {bearer}"}
    init = {
        "jsonrpc": "2.0",
        "id": 0,
        "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}},
    }
    response = httpx.post(server.mcp_url, json=init, headers=headers, timeout=10)
    session = response.headers["mcp-session-id"]
    headers["mcp-session-id"] = session
    httpx.post(server.mcp_url, json={"jsonrpc": "2.0", "method": "notifications/initialized"}, headers=headers)
    httpx.post(server.mcp_url, json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, headers=headers, timeout=10)
    return session


def call(server, bearer, session, name, arguments, request_id=2, **extra_headers):
    headers = {**MCP_HEADERS, "Authorization": f"Bearer {bearer}", "mcp-session-id": session, **extra_headers}
    body = {
        "jsonrpc": "2.0",
        "id": request_id,
        "method": "tools/call",
        "params": {"name": name, "arguments": arguments},
    }
    return httpx.post(server.mcp_url, json=body, headers=headers, timeout=30)


def sdk_payload(response: httpx.Response) -> dict:
    """The JSON-RPC message of a response, whether JSON or a one-event SSE stream (the SDK's default)."""
    if response.headers["content-type"].startswith("application/json"):
        return response.json()
    data = [line[5:] for line in response.text.splitlines() if line.startswith("data:")]
    return json.loads(data[-1])


async def test_lean_answers_equal_the_sdks(server):
    """The same calls through the SDK (a session's first tools request is always the SDK's) and the lean path."""
    sdk, lean = [], []
    for name, arguments in CALLS:
        async with http_session(server.mcp_url, token()) as s:
            before = server.lean_calls()
            sdk.append(await s.call_tool(name, arguments))  # the first tools request of a session: the SDK's
            assert server.lean_calls() == before
            lean.append(await s.call_tool(name, arguments))
            assert server.lean_calls() == before + 1
    for (name, _), a, b in zip(CALLS, sdk, lean, strict=True):
        assert b.is_error == a.is_error, name
        assert b.structured_content == a.structured_content, name
        assert [c.text for c in b.content] == [c.text for c in a.content], name
    assert lean[0].structured_content["rows"] == [{"store_name": "Zava Retail Seattle", "orders": 3, "revenue": 75}]
    assert tool_error(lean[3])["code"] == "VALIDATION_ERROR"


def test_lean_reply_is_json_with_the_session_header(server):
    bearer = token()
    session = open_session(server, bearer)
    response = call(server, bearer, session, "first_day", {"year": 2021}, request_id="abc")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["mcp-session-id"] == session
    body = response.json()
    assert body["id"] == "abc" and body["result"]["structuredContent"] == {"result": "2021-01-01"}
    assert body["result"]["isError"] is False


def test_what_the_lean_path_cannot_prove_goes_to_the_sdk(server):
    bearer = token()
    session = open_session(server, bearer)
    other_principal = token(TACOMA)
    before = server.lean_calls()
    # Another principal's token on this session: the SDK answers as if the session did not exist.
    assert call(server, other_principal, session, "whoami", {}).status_code == 404
    # A forged token: 401 from the SDK's auth, with its challenge.
    forged = jwt.encode({"sub": SEATTLE, "exp": int(time.time()) + 300}, "wrong-" + SECRET, algorithm="HS256")
    rejected = call(server, forged, session, "whoami", {})
    assert rejected.status_code == 401 and "Bearer" in rejected.headers["www-authenticate"]
    # An expired token that was valid (and cached by the one verifier) a moment ago.
    expires = int(time.time()) + 3
    short = token(exp=expires)
    assert call(server, short, open_session(server, short), "whoami", {}).status_code == 200  # lean
    before += 1
    time.sleep(max(expires - time.time(), 0) + 0.5)
    assert call(server, short, session, "whoami", {}).status_code == 401
    # A Host the DNS-rebinding protection refuses, and an unknown session.
    assert call(server, bearer, session, "whoami", {}, host="evil.example:80").status_code == 421
    assert call(server, bearer, "no-such-session", "whoami", {}).status_code == 404
    # An unknown tool: the SDK's protocol error.
    unknown = sdk_payload(call(server, bearer, session, "no_such_tool", {}))
    assert unknown["error"]["message"] == "Unknown tool: no_such_tool"
    assert server.lean_calls() == before


def test_a_session_takes_the_lean_path_only_after_the_sdk_served_it(server):
    bearer = token()
    headers = {**MCP_HEADERS, "Authorization": f"Bearer {bearer}"}
    init = {
        "jsonrpc": "2.0",
        "id": 0,
        "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}},
    }
    session = httpx.post(server.mcp_url, json=init, headers=headers, timeout=10).headers["mcp-session-id"]
    before = server.lean_calls()
    first = call(server, bearer, session, "first_day", {"year": 2022})
    second = call(server, bearer, session, "first_day", {"year": 2022})
    assert first.headers["content-type"].startswith("text/event-stream")  # the SDK's SSE answer
    assert second.headers["content-type"] == "application/json"
    assert sdk_payload(first)["result"] == second.json()["result"]
    assert server.lean_calls() == before + 1


def modern_call(server, bearer, name, arguments, *, meta=None, **header_overrides):
    meta = (
        meta
        if meta is not None
        else {
            "io.modelcontextprotocol/protocolVersion": MODERN,
            "io.modelcontextprotocol/clientCapabilities": {},
        }
    )
    headers = {
        **MCP_HEADERS,
        "Authorization": f"Bearer {bearer}",
        "mcp-protocol-version": MODERN,
        "mcp-method": "tools/call",
        "mcp-name": name,
        **header_overrides,
    }
    body = {
        "jsonrpc": "2.0",
        "id": 9,
        "method": "tools/call",
        "params": {"name": name, "arguments": arguments, "_meta": meta},
    }
    return httpx.post(server.mcp_url, json=body, headers=headers, timeout=30)


def test_2026_07_28_calls_are_answered_like_the_sdk(server):
    before = server.lean_calls()
    lean = modern_call(server, token(), "orders_by_store", {})
    assert lean.status_code == 200 and lean.headers["content-type"] == "application/json"
    result = lean.json()["result"]
    assert result["resultType"] == "complete"
    assert result["_meta"]["io.modelcontextprotocol/serverInfo"]["name"] == "postgres-mcp-shim"
    assert result["structuredContent"]["rows"][0]["store_name"] == "Zava Retail Seattle"
    assert server.lean_calls() == before + 1
    # A routing header that disagrees with the body, and a missing envelope: the SDK's errors.
    mismatch = modern_call(server, token(), "orders_by_store", {}, **{"mcp-name": "whoami"})
    assert mismatch.status_code == 400 and mismatch.json()["error"]["code"] == -32020
    bare = modern_call(server, token(), "orders_by_store", {}, meta={})
    assert bare.status_code == 400 and bare.json()["error"]["code"] == -32602
    assert server.lean_calls() == before + 1


def sleeping_queries(db) -> int:
    with db.connect() as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'active' "
            "AND query LIKE '%%sleep_for%%' AND pid <> pg_backend_pid()",
            (db.name,),
        ).fetchone()[0]


def until(condition, seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def test_cancelling_a_lean_call_answers_it_and_stops_the_query(server, lean_db):
    bearer = token()
    session = open_session(server, bearer)
    call(server, bearer, session, "first_day", {"year": 2020})  # the session is lean from here on

    def sleeping() -> int:
        return sleeping_queries(lean_db)

    async def scenario():
        headers = {**MCP_HEADERS, "Authorization": f"Bearer {bearer}", "mcp-session-id": session}
        body = {
            "jsonrpc": "2.0",
            "id": 77,
            "method": "tools/call",
            "params": {"name": "sleep_for", "arguments": {"seconds": 20}},
        }
        async with httpx.AsyncClient(timeout=30) as client:
            pending = asyncio.create_task(client.post(server.mcp_url, json=body, headers=headers))
            for _ in range(50):
                await asyncio.sleep(0.1)
                if await asyncio.to_thread(sleeping):
                    break
            cancel = {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 77}}
            assert (await client.post(server.mcp_url, json=cancel, headers=headers)).status_code == 202
            return await asyncio.wait_for(pending, 10)

    started = time.monotonic()
    answer = asyncio.run(scenario())
    assert time.monotonic() - started < 10
    assert answer.json() == {"jsonrpc": "2.0", "id": 77, "error": {"code": -32800, "message": "Request cancelled"}}
    for _ in range(50):
        if not sleeping():
            break
        time.sleep(0.1)
    assert sleeping() == 0


@pytest.mark.parametrize("kind", ["session", "sessionless"])
def test_a_client_hanging_up_mid_call_stops_its_query(server, lean_db, kind):
    """Nobody can read the answer any more: the lean path cancels the call, as the SDK's path does (it did not, and the
    query ran on for its whole statement timeout, holding a connection)."""
    bearer, before = token(), server.lean_calls()
    message = {"jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": {"name": "sleep_for", "arguments": {}}}
    message["params"]["arguments"]["seconds"] = 20
    headers = {**MCP_HEADERS, "Authorization": f"Bearer {bearer}"}
    if kind == "session":
        headers["mcp-session-id"] = session = open_session(server, bearer)
        call(server, bearer, session, "first_day", {"year": 2020})  # the session is lean from here on
        before += 1
    else:
        headers |= {"mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": "sleep_for"}
        message["params"]["_meta"] = {
            "io.modelcontextprotocol/protocolVersion": MODERN,
            "io.modelcontextprotocol/clientCapabilities": {},
        }
    body = json.dumps(message).encode()
    host, port = server.base.removeprefix("http://").split(":")
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(
            f"POST /mcp HTTP/1.1\r\nHost: {host}:{port}\r\n{head}Content-Length: {len(body)}\r\n\r\n".encode() + body
        )
        assert until(lambda: sleeping_queries(lean_db) == 1)
    assert until(lambda: sleeping_queries(lean_db) == 0), "the query ran on after its client hung up"
    assert until(lambda: server.lean_calls() == before + 1)  # the lean path had it


def test_ending_the_session_mid_call_cancels_its_lean_call(server, lean_db):
    bearer = token()
    session = open_session(server, bearer)
    call(server, bearer, session, "first_day", {"year": 2020})  # the session is lean from here on
    headers = {**MCP_HEADERS, "Authorization": f"Bearer {bearer}", "mcp-session-id": session}

    async def scenario():
        async with httpx.AsyncClient(timeout=30) as client:
            pending = asyncio.create_task(
                asyncio.to_thread(call, server, bearer, session, "sleep_for", {"seconds": 20})
            )
            assert await asyncio.to_thread(until, lambda: sleeping_queries(lean_db) == 1)
            other = {**headers, "Authorization": f"Bearer {token(TACOMA)}"}
            assert (await client.delete(server.mcp_url, headers=other)).status_code >= 400  # not its session
            assert sleeping_queries(lean_db) == 1
            assert (await client.delete(server.mcp_url, headers=headers)).status_code == 200
            return await asyncio.wait_for(pending, 10)

    answer = asyncio.run(scenario())
    assert answer.json()["error"] == {"code": -32800, "message": "Request cancelled"}
    assert until(lambda: sleeping_queries(lean_db) == 0), "the query ran on after its session ended"
