"""Bad input at the protocol level, fuzzed through the real HTTP endpoint: the server answers every request with
an HTTP or JSON-RPC error or a typed tool error, never a 5xx, keeps serving, and its memory stays bounded."""

import json
import os
import uuid

import httpx
import psutil
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mcp_clients import http_server, tool_error

from shim.auth import mint_token

SECRET = uuid.uuid4().hex * 2
SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
VERSION = "2025-06-18"
TOOLS = [
    "get_store_performance",
    "get_top_products",
    "execute_sales_query",
    "semantic_search_products",
    "get_multiple_table_schemas",
    "get_sales_by_period",
    "no_such_tool",
]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)


class Client:
    def __init__(self, base: str):
        self.url = f"{base}/mcp"
        self.http = httpx.Client(timeout=30)
        self.headers = {
            "Authorization": f"Bearer {mint_token(SECRET, SEATTLE)}",
            "Accept": "application/json, text/event-stream",
            "Content-Type": "application/json",
        }
        response = self.post_json(
            {
                "jsonrpc": "2.0",
                "id": 0,
                "method": "initialize",
                "params": {
                    "protocolVersion": VERSION,
                    "capabilities": {},
                    "clientInfo": {"name": "fuzz", "version": "0"},
                },
            }
        )
        self.headers["mcp-session-id"] = response.headers["mcp-session-id"]
        self.headers["mcp-protocol-version"] = VERSION
        self.post_json({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def post(self, body: bytes, headers: dict | None = None) -> httpx.Response:
        return self.http.post(self.url, content=body, headers={**self.headers, **(headers or {})})

    def post_json(self, message) -> httpx.Response:
        return self.post(json.dumps(message).encode())

    @staticmethod
    def messages(response: httpx.Response) -> list[dict]:
        if response.headers.get("content-type", "").startswith("application/json"):
            return [response.json()]
        return [json.loads(line[5:]) for line in response.text.splitlines() if line.startswith("data:")]


@pytest.fixture(scope="module")
def server(seeded_db, tmp_path_factory):
    login = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    with http_server(
        login, "--jwt-secret", SECRET, "--log-level", "WARNING", tmp_path=tmp_path_factory.mktemp("fuzz")
    ) as s:
        yield s


@pytest.fixture(scope="module")
def client(server):
    return Client(server.base)


def assert_answered(response: httpx.Response):
    assert response.status_code < 500, (response.status_code, response.text[:200])
    if response.status_code == 200:
        for message in Client.messages(response):
            assert "result" in message or "error" in message, message
            result = message.get("result") or {}
            if result.get("isError"):
                assert tool_error(result)["code"], result


MALFORMED = [
    b"",
    b"{",
    b"[",
    b"null",
    b"42",
    b'"text"',
    b"{}",
    b"[]",
    b'{"jsonrpc": "2.0"}',
    b'{"jsonrpc": "1.0", "id": 1, "method": "tools/list"}',
    b'{"jsonrpc": "2.0", "id": {"a": 1}, "method": "tools/list"}',
    b'{"jsonrpc": "2.0", "id": 1, "method": 42}',
    b'{"jsonrpc": "2.0", "id": 1, "method": "no/such/method"}',
    b'{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": "not an object"}',
    b'{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": 42}}',
    b'{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "get_top_products", "arguments": []}}',
    b'{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"arguments": {}}}',
    b'{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "get_top_products", '
    b'"arguments": {"period_start": 1e308, "period_end": -1e308, "top_n": 100000000000000000000000000000}}}',
    b'\xff\xfe\xfd{"jsonrpc": "2.0"}',
    b'{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "\xc3\x28"}}',
    b'[{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, {"jsonrpc": "2.0", "id": 2, "method": "ping"}]',
    b'{"jsonrpc": "2.0", "id": 1, "method": "tools/list"' + b" " * 1000 + b"}",
]


@pytest.mark.parametrize("body", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_messages_get_errors_not_crashes(client, body):
    assert_answered(client.post(body))


def test_wrong_content_type_and_missing_session(client, server):
    assert_answered(client.post(b'{"jsonrpc": "2.0", "id": 1, "method": "ping"}', {"Content-Type": "text/plain"}))
    assert_answered(client.post(b'{"jsonrpc": "2.0", "id": 1, "method": "ping"}', {"mcp-session-id": "forged"}))


def test_oversized_body_is_refused(client):
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "tools/call",
            "params": {
                "name": "execute_sales_query",
                "arguments": {"postgresql_query": "SELECT 1 -- " + "x" * 8_000_000},
            },
        }
    )
    response = client.post(body.encode())
    assert response.status_code in (200, 400, 413), response.status_code
    assert_answered(response)


@settings(
    max_examples=int(os.environ.get("SOAK_EXAMPLES", "150")),
    deadline=None,
    # make test replays the same examples every run (a failure is reproducible); make soak explores new ones
    derandomize="SOAK_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(tool=st.sampled_from(TOOLS), arguments=JSON, request_id=st.integers(1, 10**9))
def test_fuzzed_tool_arguments(client, tool, arguments, request_id):
    response = client.post_json(
        {"jsonrpc": "2.0", "id": request_id, "method": "tools/call", "params": {"name": tool, "arguments": arguments}}
    )
    assert_answered(response)


@settings(
    max_examples=int(os.environ.get("SOAK_EXAMPLES", "60")),
    deadline=None,
    # make test replays the same examples every run (a failure is reproducible); make soak explores new ones
    derandomize="SOAK_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=st.binary(max_size=300))
def test_fuzzed_bytes(client, body):
    assert_answered(client.post(body))


def test_still_serving_with_bounded_memory(client, server):
    process = psutil.Process(server.process.pid)
    before = process.memory_info().rss
    for i in range(300):
        client.post_json(
            {
                "jsonrpc": "2.0",
                "id": i,
                "method": "tools/call",
                "params": {"name": "get_top_products", "arguments": {"period_start": "x"}},
            }
        )
    after = process.memory_info().rss
    assert httpx.get(f"{server.base}/health/live").status_code == 200
    response = client.post_json(
        {
            "jsonrpc": "2.0",
            "id": 99,
            "method": "tools/call",
            "params": {
                "name": "get_top_products",
                "arguments": {"period_start": "2025-01-01", "period_end": "2025-03-31"},
            },
        }
    )
    [message] = Client.messages(response)
    assert message["result"]["isError"] is False
    assert after - before < 30 * 1024 * 1024, (before, after)
