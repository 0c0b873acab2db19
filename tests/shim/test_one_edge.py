"""One protocol edge: the fast paths are a thin use of what the SDK path does, never a second implementation.

- shim/sdk_adapter.py finds every private it relies on in the pinned SDK and driver; when one is missing the server
  says so loudly and serves everything through the SDK's public path, still correctly.
- Differential: the same raw requests to a server with its fast paths and to one without (the adapter told that a
  private is gone) get the same status, the same JSON-RPC message and the headers that matter, over HTTP and stdio.
  The one difference allowed is the transport's framing: the SDK streams a tools/call answer as one SSE event, the
  fast path sends it as application/json; both are what the streamable HTTP transport permits for a POST.
- The plain-SDK stdio branch (stdin not a pipe, e.g. a file) serves a whole conversation.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid

import httpx
import jwt
import pytest
from conftest import FIXTURES, Database
from identity import STORE_MANAGERS
from mcp_clients import ROOT, SERVER, RawStdio, http_server, server_env

from shim import sdk_adapter

SECRET = "edge-secret-" + uuid.uuid4().hex
SEATTLE = STORE_MANAGERS["Zava Retail Seattle"]
TACOMA = STORE_MANAGERS["Zava Retail Tacoma"]
ACCEPT = "application/json, text/event-stream"
GONE = "StreamableHTTPServerTransport._requests_in_flight (hidden by the test)"
SDK_ONLY = f"""
import runpy, sys
sys.path.insert(0, {str(ROOT)!r})
import shim.sdk_adapter as adapter
adapter.missing = lambda *_: [{GONE!r}]
sys.argv[0] = {SERVER!r}
runpy.run_path({SERVER!r}, run_name="__main__")
"""

# Tool calls of every kind of answer: rows, a scalar, a NULL scalar, a PostgreSQL error, a validation error, an
# unknown tool, a tool the role may not run, an empty argument object, progress requested in _meta.
CALLS = [
    {"name": "orders_by_store", "arguments": {}},
    {"name": "first_day", "arguments": {"year": 2020}},
    {"name": "first_day", "arguments": {"year": "x"}},
    {"name": "fail_with", "arguments": {"state": "22023", "msg": "bad input"}},
    {"name": "fail_with", "arguments": {"state": "42501", "msg": "not yours"}},
    {"name": "many_rows", "arguments": {"n": 3}},
    {"name": "no_such_tool", "arguments": {}},
    {"name": "whoami"},
    {"name": "whoami", "arguments": {}, "_meta": {"progressToken": "p1"}},
    {"name": "whoami", "arguments": {"unexpected": 1}},
]
# Bodies the one request reader refuses, on both servers alike.
HOSTILE = [
    b'{"jsonrpc":"2.0","id":1,"method":"ping","params":' + b"[" * 5000 + b"]" * 5000 + b"}",
    b"{not json",
    b'{"id":1,"method":"ping"}',
    b'[{"jsonrpc":"2.0","id":1,"method":"ping"}]',
]


@pytest.fixture(scope="module")
def edge_db(pg_server, template_db):
    name = f"zava_edge_{uuid.uuid4().hex[:10]}"
    with pg_server.janitor(name, template_dbname=template_db.name):
        db = Database(pg_server, name)
        with db.connect() as conn:
            conn.execute((FIXTURES / "tenant_rows.sql").read_text())
            conn.execute((FIXTURES / "shim_api.sql").read_text())
        yield db


def login(db: Database) -> str:
    return db.server.url(db.name, user="zava_mcp")


@pytest.fixture(scope="module")
def sdk_only_script(tmp_path_factory):
    script = tmp_path_factory.mktemp("sdk-only") / "sdk_only_server.py"
    script.write_text(SDK_ONLY)
    return str(script)


@pytest.fixture(scope="module")
def servers(edge_db, sdk_only_script, tmp_path_factory):
    args = (login(edge_db), "--jwt-secret", SECRET)
    with (
        http_server(*args, tmp_path=tmp_path_factory.mktemp("fast")) as fast,
        http_server(*args, tmp_path=tmp_path_factory.mktemp("sdk"), script=sdk_only_script) as sdk,
    ):
        yield fast, sdk


def bearer(identity=SEATTLE) -> str:
    return "Bearer " + jwt.encode({"sub": identity, "exp": int(time.time()) + 600}, SECRET, algorithm="HS256")


class Client:
    def __init__(self, base: str, identity: str = SEATTLE):
        self.url = f"{base}/mcp"
        self.headers = {"Accept": ACCEPT, "Content-Type": "application/json", "Authorization": bearer(identity)}

    def post(self, body: bytes | dict, session: bool = True) -> httpx.Response:
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = {**self.headers, **(self.session if session else {})}
        return httpx.post(self.url, content=content, headers=headers, timeout=30)

    def open(self) -> Client:
        init = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "edge", "version": "0"}}
        answer = self.post({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": init}, session=False)
        self.session = {"mcp-session-id": answer.headers["mcp-session-id"], "mcp-protocol-version": "2025-06-18"}
        self.post({"jsonrpc": "2.0", "method": "notifications/initialized"})
        self.post({"jsonrpc": "2.0", "id": 1, "method": "tools/list"})  # from here on tools/call may be fast
        return self


def message(response: httpx.Response) -> dict | None:
    """The JSON-RPC message of an answer, JSON or a one-event SSE stream; None for an empty (202) answer."""
    if not response.content:
        return None
    if response.headers["content-type"].startswith("text/event-stream"):
        data = [line[5:] for line in response.text.splitlines() if line.startswith("data:")]
        return json.loads(data[-1])
    return response.json()


def test_the_pinned_sdk_and_driver_have_every_private_the_adapter_uses(servers):
    fast, _ = servers
    assert sdk_adapter.missing() == []
    assert not [e for e in fast.logs() if "missing" in e]


def test_without_its_privates_the_server_says_so_and_serves_through_the_sdk(servers):
    _, sdk = servers
    loud = [e for e in sdk.logs() if e.get("level") == "error" and GONE in e.get("missing", [])]
    assert loud and "SDK's public path" in loud[0]["msg"], sdk.logs()
    client = Client(sdk.base).open()
    before = sdk.lean_calls()
    answers = [message(client.post({"jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": CALLS[0]}))]
    answers.append(message(client.post({"jsonrpc": "2.0", "id": 6, "method": "tools/call", "params": CALLS[0]})))
    assert all(a["result"]["isError"] is False for a in answers)
    assert sdk.lean_calls() == before  # nothing took the fast path


def test_the_fast_path_answers_what_the_sdk_path_answers_over_http(servers):
    fast, sdk = servers
    a, b = Client(fast.base).open(), Client(sdk.base).open()
    before = fast.lean_calls()
    for request_id, params in enumerate(CALLS, start=10):
        request = {"jsonrpc": "2.0", "id": request_id, "method": "tools/call", "params": params}
        x, y = a.post(request), b.post(request)
        assert x.status_code == y.status_code, (params, x.status_code, y.status_code)
        assert message(x) == message(y), params
        for answer in (x, y):
            assert answer.headers["content-type"].split(";")[0] in ("application/json", "text/event-stream")
        assert ("mcp-session-id" in x.headers) == ("mcp-session-id" in y.headers) or x.headers.get(
            "content-type", ""
        ).startswith("application/json")
    assert fast.lean_calls() > before, "the differential compared nothing: no call took the fast path"
    for body in HOSTILE:
        for session in (True, False):
            x, y = a.post(body, session), b.post(body, session)
            assert (x.status_code, x.json()) == (y.status_code, y.json()), body[:40]
    # Another identity's token on the session: both answer as if the session did not exist.
    a.headers["Authorization"], b.headers["Authorization"] = bearer(TACOMA), bearer(TACOMA)
    request = {"jsonrpc": "2.0", "id": 99, "method": "tools/call", "params": CALLS[0]}
    x, y = a.post(request), b.post(request)
    assert x.status_code == y.status_code == 404 and message(x) == message(y)


def test_the_fast_path_answers_what_the_sdk_path_answers_over_stdio(edge_db, sdk_only_script):
    fast, sdk = RawStdio(login(edge_db), SEATTLE), RawStdio(login(edge_db), SEATTLE, script=sdk_only_script)
    try:
        for raw in (fast, sdk):
            raw.initialize()
            raw.send({"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
            raw.receive()
        for request_id, params in enumerate(CALLS, start=10):
            request = {"jsonrpc": "2.0", "id": request_id, "method": "tools/call", "params": params}
            fast.send(request)
            sdk.send(request)
            assert fast.receive() == sdk.receive(), params
        for body in HOSTILE:
            fast.send(body.decode())
            sdk.send(body.decode())
            assert fast.receive() == sdk.receive(), body[:40]
        assert "lean" in fast.paths() and set(sdk.paths()) == {"sdk"}
    finally:
        fast.close()
        sdk.close()


def test_stdin_from_a_file_is_guarded_and_every_request_is_answered(edge_db, tmp_path):
    """stdin a regular file, not a pipe (there is no separate plain-SDK branch: the same edge reads it through a
    thread). Every request of the file is answered before the server exits at its end, the SDK's (the first
    tools/call of a session) and the fast path's alike; a line nested too deep gets its error answer."""
    init = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "file", "version": "0"}}
    first_day = {"name": "first_day", "arguments": {"year": "x"}}
    lines = [
        json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": init}),
        json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}),
        json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "whoami", "arguments": {}}}),
        HOSTILE[0].decode(),
        json.dumps({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": first_day}),
        json.dumps(
            {
                "jsonrpc": "2.0",
                "id": 4,
                "method": "tools/call",
                "params": {"name": "sleep_for", "arguments": {"seconds": 1}},
            }
        ),
    ]
    conversation = tmp_path / "conversation.jsonl"
    conversation.write_text("\n".join(lines) + "\n")
    command = [sys.executable, SERVER, "--stdio", "--database-url", login(edge_db), "--identity", SEATTLE]
    with conversation.open("rb") as stdin:
        done = subprocess.run(command, stdin=stdin, capture_output=True, env=server_env(), timeout=60)
    answers = [json.loads(line) for line in done.stdout.decode().splitlines()]
    by_id = {a["id"]: a for a in answers if a.get("id") is not None}
    assert sorted(by_id) == [0, 1, 2, 3, 4], done.stderr.decode()[-2000:]
    assert by_id[0]["result"]["serverInfo"]["name"] == "postgres-mcp-shim"
    assert {t["name"] for t in by_id[1]["result"]["tools"]} >= {"whoami", "first_day"}
    assert json.loads(by_id[2]["result"]["content"][0]["text"])["rows"][0][0] == SEATTLE
    assert json.loads(by_id[3]["result"]["content"][0]["text"])["error"]["code"] == "VALIDATION_ERROR"
    assert by_id[4]["result"]["structuredContent"] == {"result": "slept"}
    refused = [a["error"] for a in answers if a.get("id") is None]
    assert len(refused) == 1 and refused[0]["code"] == -32600 and "deep" in refused[0]["message"], refused
    assert done.returncode == 0


def test_requests_sent_before_stdin_closes_are_answered_over_pipes(edge_db):
    """A client that writes its requests and closes stdin gets every answer: the SDK's path (the session's first
    tools request) would otherwise be cancelled at end of input."""
    raw = RawStdio(login(edge_db), SEATTLE)
    raw.initialize()
    raw.send(
        {
            "jsonrpc": "2.0",
            "id": 7,
            "method": "tools/call",
            "params": {"name": "sleep_for", "arguments": {"seconds": 1}},
        }
    )
    raw.close()
    answer = raw.receive(timeout=5)
    assert answer["id"] == 7 and answer["result"]["structuredContent"] == {"result": "slept"}, answer
    calls = [e["path"] for e in raw.logs if e.get("msg") in ("tool call", "slow tool call")]
    assert calls == ["sdk"], raw.logs
