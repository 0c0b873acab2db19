"""A hostile caller at the edge, as an outside probe found one: a body slow to scan, a cancel with an id that is no
key, a cancel for somebody else's call, a burst of sessions opened at once, an id of the wrong type, a client that
hangs up mid-call. Each is refused or ignored, and every other caller is served meanwhile."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import threading
import time
import uuid

import httpx
import pytest
from identity import STORE_MANAGERS
from mcp_clients import SERVER, RawHttp, RawStdio, http_server, server_env, tool_error
from test_limits import limits_db, login, served  # noqa: F401 (limits_db: the fixture, used by name)

from shim.auth import mint_token

SECRET = uuid.uuid4().hex * 2
# Each test takes identities no other test of this module uses: the module's server counts per identity.
SEATTLE, BELLEVUE, TACOMA, SPOKANE, EVERETT, REDMOND, KIRKLAND, ONLINE = (
    STORE_MANAGERS[f"Zava Retail {name}"]
    for name in ("Seattle", "Bellevue", "Tacoma", "Spokane", "Everett", "Redmond", "Kirkland", "Online")
)
# The nesting check once scanned the text for brackets outside strings, in time quadratic in a body of escaped
# quotes after an unclosed one: this 40 KB body held the event loop for 2.5-7 s, for every caller.
SLOW_TO_SCAN = b"[" * 33 + b'"' + b'\\"' * 20_000
REGIONAL = [f"5e0c2f1a-7b3d-4c8e-9a10-00000000010{n}" for n in (1, 2, 3)]  # the regional managers
CANCEL_ARRAY_ID = b'{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":[1]}}'


@pytest.fixture(scope="module")
def server(limits_db, tmp_path_factory):  # noqa: F811
    with http_server(
        login(limits_db),
        "--jwt-secret",
        SECRET,
        "--log-level",
        "WARNING",
        "--max-sessions-per-identity",
        "3",
        "--request-read-timeout-s",
        "1.5",
        tmp_path=tmp_path_factory.mktemp("abuse"),
    ) as s:
        yield s


class Caller(RawHttp):
    def __init__(self, base: str, identity: str | None, **claims):
        super().__init__(base, mint_token(SECRET, identity, **claims) if identity else None)


def served_meanwhile(other: RawHttp, jobs: list) -> float:
    """Seconds a plain call of `other` takes while the jobs (callables) run, each in a thread of its own."""
    threads = [threading.Thread(target=job) for job in jobs]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    latency = served(other)
    for thread in threads:
        thread.join(60)
    return latency


def tracebacks(server) -> list[str]:
    return [line for line in server.log.read_text().splitlines() if "Traceback" in line]


def test_a_body_slow_to_scan_is_refused_at_once_and_holds_nobody(server):
    other = Caller(server.base, SEATTLE)
    other.initialize()
    hostile = [Caller(server.base, None) for _ in range(3)]
    answers: list = []
    latency = served_meanwhile(other, [lambda c=c: answers.append(c.post(SLOW_TO_SCAN)) for c in hostile])
    assert latency < 1, latency
    assert [a.status_code for a in answers] == [400] * 3
    assert {a.json()["error"]["code"] for a in answers} == {-32700}


@pytest.mark.parametrize("with_session", [True, False], ids=["session", "no-session"])
def test_a_cancel_whose_id_is_no_key_is_ignored_over_http(server, with_session):
    client = Caller(server.base, BELLEVUE)
    client.initialize()
    response = client.post(CANCEL_ARRAY_ID, client.session if with_session else None)
    assert response.status_code < 500, response.text
    assert not tool_error(client.call("whoami", {})["result"])
    assert not tracebacks(server)


def test_a_cancel_whose_id_is_no_key_does_not_end_the_stdio_server(limits_db):  # noqa: F811
    raw = RawStdio(login(limits_db), SEATTLE)
    try:
        raw.initialize()
        raw.send(CANCEL_ARRAY_ID.decode())
        assert raw.call(3, "whoami", {})["result"]["isError"] is False
        assert raw.process.poll() is None
    finally:
        raw.close()
    assert raw.process.returncode == 0


def test_only_the_sessions_own_caller_can_cancel_its_call(server):
    victim = Caller(server.base, TACOMA)
    victim.initialize()
    victim.post(b'{"jsonrpc":"2.0","id":40,"method":"tools/list"}', victim.session)  # its calls take the fast path
    outcome: list = []
    call = threading.Thread(target=lambda: outcome.append(victim.call("sleep_for", {"seconds": 1.5}, 41)))
    call.start()
    time.sleep(0.4)
    cancel = json.dumps(
        {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 41, "reason": "x"}}
    ).encode()
    for stranger in (Caller(server.base, None), Caller(server.base, SPOKANE)):
        stranger.headers["Authorization"] = stranger.headers.get("Authorization", "Bearer not-a-token")
        assert stranger.post(cancel, victim.session).status_code in (401, 403, 404)
    call.join(30)
    assert "result" in outcome[0] and not tool_error(outcome[0]["result"]), outcome
    # The owner still can.
    call = threading.Thread(target=lambda: outcome.append(victim.call("sleep_for", {"seconds": 3}, 42)))
    call.start()
    time.sleep(0.4)
    victim.post(cancel.replace(b'"requestId": 41', b'"requestId": 42'), victim.session)
    call.join(30)
    assert outcome[1].get("error", {}).get("code") == -32800, outcome[1]


def test_a_burst_of_sessions_opened_at_once_stops_at_the_identitys_cap(server):
    """Counted before the SDK registers a session, 30 initialize requests at once all passed a cap of 3."""
    hello = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "burst", "version": "0"}}
    body = {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": hello}
    headers = Caller(server.base, EVERETT).headers

    async def burst() -> list[int]:
        async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=100)) as client:
            posts = [client.post(f"{server.base}/mcp", json=body, headers=headers) for _ in range(30)]
            return [r.status_code for r in await asyncio.gather(*posts)]

    codes = asyncio.run(burst())
    assert sorted(codes) == [200] * 3 + [429] * 27, codes
    other = Caller(server.base, REDMOND)
    assert other.initialize().status_code == 200 and served(other) < 1


def test_sessions_count_by_identity_whoever_signed_the_token(server):
    opened = [Caller(server.base, KIRKLAND, **claims).initialize().status_code for claims in ({}, {}, {})]
    assert opened == [200] * 3
    for claims in ({"azp": "another-app"}, {"iss": "elsewhere"}, {"client_id": "c2"}):
        refused = Caller(server.base, KIRKLAND, **claims).initialize()
        assert refused.status_code == 429 and "too many open sessions" in refused.text, (claims, refused.text)


@pytest.mark.parametrize("request_id", ["null", "{}", "[1]", "1.5", "true"])
def test_a_request_whose_id_is_no_id_gets_an_error_over_http(server, request_id):
    client = Caller(server.base, ONLINE)
    if not hasattr(Caller, "online_session"):  # one session for every id: the identity may hold 3
        client.initialize()
        Caller.online_session = client.session
    body = f'{{"jsonrpc":"2.0","id":{request_id},"method":"ping"}}'.encode()
    response = client.post(body, Caller.online_session)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == -32600 and response.json()["id"] is None


def test_a_request_whose_id_is_no_id_gets_an_error_over_stdio_and_eof_is_prompt(limits_db):  # noqa: F811
    raw = RawStdio(login(limits_db), SEATTLE)
    try:
        raw.initialize()
        raw.send('{"jsonrpc":"2.0","id":{},"method":"ping"}')
        answer = raw.receive()
        assert answer["error"]["code"] == -32600 and answer["id"] is None
    finally:
        began = time.monotonic()
        raw.close()
    assert time.monotonic() - began < 10  # nothing is left waiting for an answer that never comes


def test_a_client_that_hangs_up_mid_call_leaves_a_clean_exit(limits_db):  # noqa: F811
    command = [sys.executable, SERVER, "--stdio", "--database-url", login(limits_db), "--identity", SEATTLE]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=server_env()
    )
    hello = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "x", "version": "0"}}
    lines = [
        {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": hello},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
    ]
    process.stdin.write(b"".join(json.dumps(m).encode() + b"\n" for m in lines))
    process.stdin.flush()
    process.stdout.readline(), process.stdout.readline()  # initialized and served: the fast path is open
    call = {"name": "sleep_for", "arguments": {"seconds": 1}}
    process.stdin.write(
        json.dumps({"jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": call}).encode() + b"\n"
    )
    process.stdin.flush()
    process.stdout.close()  # nobody reads the answer
    process.stdin.close()
    assert process.wait(30) == 0
    assert b"Traceback" not in process.stderr.read()


def rpc(client: RawHttp, method: str, params: dict, request_id: int = 9) -> dict:
    body = json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}).encode()
    response = client.post(body, client.session)
    assert response.status_code == 200, response.text
    if response.headers["content-type"].startswith("application/json"):
        return response.json()
    return [json.loads(line[5:]) for line in response.text.splitlines() if line.startswith("data:")][-1]


def test_over_http_no_tenant_reads_the_summary_of_everyones_calls(server):
    """metrics://summary counts every caller's calls; over stdio that is the operator's own, over HTTP it would tell
    each tenant what the others do. Operators have /metrics."""
    client = Caller(server.base, "00000000-0000-0000-0000-000000000000")
    client.initialize()
    assert rpc(client, "resources/list", {})["result"]["resources"] == []
    refused = rpc(client, "resources/read", {"uri": "metrics://summary"})
    assert refused["error"]["code"] == -32602


def test_an_unknown_tools_name_is_not_echoed_whole(server):
    client = Caller(server.base, REGIONAL[0])
    client.initialize()
    unknown = rpc(client, "tools/call", {"name": "x" * 100_000, "arguments": {}})
    assert len(unknown["error"]["message"]) < 200, len(unknown["error"]["message"])


def test_a_prompt_argument_past_its_types_length_is_refused_and_errors_are_cut(server):
    client = Caller(server.base, REGIONAL[1])
    client.initialize()
    long_store = rpc(client, "prompts/get", {"name": "stock_risk_check", "arguments": {"store_name": "S" * 5000}})
    assert long_store["error"]["code"] == -32602 and "longer than 4096" in long_store["error"]["message"]
    near_limit = rpc(client, "prompts/get", {"name": "stock_risk_check", "arguments": {"store_name": "S" * 4000}})
    assert "error" in near_limit and len(near_limit["error"]["message"]) <= 500, near_limit


def test_an_integral_number_is_an_integer_and_a_nul_is_named(server):
    client = Caller(server.base, REGIONAL[2])
    client.initialize()
    assert not tool_error(client.call("first_day", {"year": 2020.0})["result"])
    nul = tool_error(
        client.call(
            "echo_types",
            {
                "an_int": 1,
                "a_number": 1,
                "a_text": "a\u0000b",
                "an_id": "00000000-0000-0000-0000-000000000000",
                "a_day": "2025-01-01",
                "a_moment": "2025-01-01T00:00:00Z",
                "a_flag": True,
                "some_ints": [1],
                "a_doc": {},
                "a_grain": "month",
            },
        )["result"]
    )
    assert nul["code"] == "VALIDATION_ERROR" and nul["field"] == "a_text", nul


def test_an_array_past_its_bound_is_refused_before_its_elements_and_holds_nobody(server):
    """Every array argument carries maxItems (1,000 unless its type says less), checked before the elements: four
    calls of half a million integers each once held the event loop for seconds (jsonschema walked each element)."""
    hoarder = Caller(server.base, "00000000-0000-0000-0000-000000000000")
    hoarder.initialize()
    other = Caller(server.base, SEATTLE)
    other.initialize()
    schema = rpc(other, "tools/list", {})["result"]["tools"]
    some_ints = next(t for t in schema if t["name"] == "echo_types")["inputSchema"]["properties"]["some_ints"]
    assert some_ints["maxItems"] == 1000, some_ints
    huge = {"an_int": 1, "some_ints": list(range(90_000))}  # under the edge's 100,000 values, over maxItems
    answers: list = []
    latency = served_meanwhile(
        other, [lambda n=n: answers.append(hoarder.call("echo_types", huge, 60 + n)["result"]) for n in range(4)]
    )
    assert latency < 1, latency
    assert [tool_error(a) for a in answers] == [
        {
            "code": "VALIDATION_ERROR",
            "message": "argument 'some_ints': is over its limit of 1000 items",
            "field": "some_ints",
        }
    ] * 4


def test_a_body_that_trickles_in_is_answered_408_and_the_connection_closed(server):
    """Headers say 1,000 bytes, ten arrive, then nothing: without a read timeout the connection stayed open as
    long as the client liked (90 s and more), one file descriptor each. --request-read-timeout-s is 1.5 here."""
    other = Caller(server.base, SPOKANE)
    other.initialize()
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as trickle:
        trickle.sendall(
            b"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Accept: application/json, text/event-stream\r\nContent-Length: 1000\r\n\r\n" + b'{"jsonrpc":'
        )
        began = time.monotonic()
        assert served(other) < 1  # meanwhile
        answer = b""
        while chunk := trickle.recv(65536):  # until the server closes the connection
            answer += chunk
        waited = time.monotonic() - began
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"did not arrive within 1.5 s" in answer
    assert 1 < waited < 5, waited


def test_extra_or_repeated_headers_open_no_session_past_the_identitys_cap(server):
    """A repeated routing header or an mcp-param-* header sends a request to the SDK, which opens sessions too:
    the cap is counted before that, with the first value of each header, as the SDK reads it."""
    subject = "6b1f0c52-9d3e-4b7a-8c21-5f0e9a7d3c10"  # sessions count by subject, no store needed
    assert [Caller(server.base, subject).initialize().status_code for _ in range(3)] == [200] * 3
    caller = Caller(server.base, subject)
    hello = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "x", "version": "0"}}
    body = json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": hello}).encode()
    token = caller.headers["Authorization"]
    for extra in (
        [("mcp-method", "initialize"), ("mcp-method", "initialize")],
        [("mcp-param-foo", "1")],
        [("authorization", "Bearer not-a-token")],  # a second Authorization: the SDK reads the first
    ):
        headers = [*((k, v) for k, v in caller.headers.items()), *extra]
        response = caller.http.post(caller.url, content=body, headers=headers)
        assert response.status_code == 429, (extra, response.status_code, response.text[:200])
    assert token  # the valid token was the first Authorization header each time


def test_a_body_of_countless_arrays_is_refused_before_parsing_and_holds_nobody(server):
    other = Caller(server.base, REGIONAL[0])
    other.initialize()
    body = b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"x":[' + b"[]," * 1_300_000 + b"[]]}}"
    answers: list = []
    latency = served_meanwhile(other, [lambda: answers.append(Caller(server.base, None).post(body)) for _ in range(3)])
    assert latency < 1, latency
    assert [a.status_code for a in answers] == [400] * 3
    assert "more than 20000 arrays and objects" in answers[0].json()["error"]["message"]


def test_prompt_names_and_completion_input_are_not_echoed_or_sent_whole(server):
    client = Caller(server.base, REGIONAL[1])
    client.initialize()
    unknown = rpc(client, "prompts/get", {"name": "p" * 100_000, "arguments": {}})
    assert len(unknown["error"]["message"]) < 200
    argument = rpc(client, "prompts/get", {"name": "stock_risk_check", "arguments": {"a" * 100_000: "x"}})
    assert len(argument["error"]["message"]) < 300
    ref = {"type": "ref/prompt", "name": "stock_risk_check"}
    huge = rpc(client, "completion/complete", {"ref": ref, "argument": {"name": "store_name", "value": "S" * 10_000}})
    assert huge["result"]["completion"]["values"] == []


@pytest.mark.parametrize("method", ["tools/list", "prompts/list", "resources/list", "resources/templates/list"])
def test_a_cursor_this_server_never_gave_is_invalid_params(server, method):
    """Every list is one page; a made-up cursor was answered with the first page (an outside client author). The spec
    asks for -32602."""
    client = Caller(server.base, SEATTLE)
    client.initialize()
    try:
        assert "error" not in rpc(client, method, {})
        refused = rpc(client, method, {"cursor": "bm90LWEtY3Vyc29y"})
        assert refused["error"]["code"] == -32602 and "cursor" in refused["error"]["message"], refused
    finally:  # the server admits three sessions per identity
        client.http.delete(client.url, headers={**client.headers, **client.session})


def test_metrics_are_for_the_operator_not_the_tenants(limits_db, tmp_path):  # noqa: F811
    """/metrics counts every tenant's calls per tool; an outside probe read it with no token on the tenants' port.
    With --metrics-token it wants that bearer (loopback or not); without one it answers loopback clients only."""
    from starlette.requests import Request

    from shim.transports import metrics_allowed

    def request(host: str, authorization: str | None = None) -> Request:
        headers = [(b"authorization", authorization.encode())] if authorization else []
        return Request({"type": "http", "client": (host, 40000), "headers": headers})

    assert metrics_allowed(request("127.0.0.1"), None) and metrics_allowed(request("::1"), None)
    assert not metrics_allowed(request("10.1.2.3"), None) and not metrics_allowed(request("192.168.0.7"), None)
    assert metrics_allowed(request("10.1.2.3", "Bearer s3cret"), "s3cret")
    assert not metrics_allowed(request("127.0.0.1"), "s3cret")
    assert not metrics_allowed(request("127.0.0.1", "Bearer wrong"), "s3cret")
    with http_server(login(limits_db), "--jwt-secret", SECRET, "--metrics-token", "s3cret", tmp_path=tmp_path) as s:
        assert httpx.get(f"{s.base}/metrics", timeout=5).status_code == 403
        scraped = httpx.get(f"{s.base}/metrics", headers={"Authorization": "Bearer s3cret"}, timeout=5)
        assert scraped.status_code == 200 and "mcp_tool_calls_total" in scraped.text
        assert httpx.get(f"{s.base}/health/live", timeout=5).status_code == 200
