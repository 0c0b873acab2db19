"""Streamable HTTP with verified bearer tokens, health and metrics, through the SDK's HTTP client."""

import asyncio
import re
import socket
import subprocess
import sys
import time
import uuid

import httpx
import jwt
import pytest
from conftest import FIXTURES, Database
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from mcp_clients import SERVER, http_server, http_session, server_env, tool_error
from test_jwks import Issuer

from shim.auth import mint_token

SECRET = "test-secret-" + uuid.uuid4().hex
SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
TACOMA = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}},
}
MCP_HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def http_db(pg_server, template_db):
    name = f"zava_http_{uuid.uuid4().hex[:10]}"
    with pg_server.janitor(name, template_dbname=template_db.name):
        db = Database(pg_server, name)
        with db.connect() as conn:
            conn.execute((FIXTURES / "tenant_rows.sql").read_text())
            conn.execute((FIXTURES / "shim_api.sql").read_text())
        yield db


@pytest.fixture(scope="module")
def login(http_db):
    return http_db.server.url(http_db.name, user="zava_mcp")


@pytest.fixture(scope="module")
def rsa_key(tmp_path_factory):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    path = tmp_path_factory.mktemp("keys") / "public.pem"
    path.write_bytes(pem)
    return key, path


@pytest.fixture(scope="module")
def server(login, tmp_path_factory):
    with http_server(
        login,
        "--jwt-secret",
        SECRET,
        "--jwt-issuer",
        "https://issuer.example",
        tmp_path=tmp_path_factory.mktemp("http"),
    ) as s:
        yield s


def test_responses_arrive_whole_through_the_gathering_transport(server):
    """The server writes each response's headers and body at once (shim/http_protocol.py; one write per response is
    tested there): a kept-alive connection reads the whole response, and with "connection: close" the response is
    sent before the connection closes."""
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: test\r\n\r\n")
        first = sock.recv(65536)
        head, _, body = first.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
        assert head.startswith(b"HTTP/1.1 200") and len(body) == length > 0
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        assert received.startswith(b"HTTP/1.1 200") and received.endswith(body)


def token(identity=SEATTLE, **overrides):
    claims = {"sub": identity, "iss": "https://issuer.example", "exp": int(time.time()) + 300, **overrides}
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, SECRET, algorithm="HS256")


async def test_calls_run_as_the_token_identity(server):
    async with (
        http_session(server.mcp_url, token(SEATTLE)) as seattle,
        http_session(server.mcp_url, token(TACOMA)) as tacoma,
    ):
        assert {t.name for t in (await seattle.list_tools()).tools} >= {"whoami", "orders_by_store"}
        a = (await seattle.call_tool("whoami", {})).structured_content["rows"][0]
        b = (await tacoma.call_tool("orders_by_store", {})).structured_content["rows"]
    assert a == {"identity": SEATTLE, "role_name": "zava_store_manager", "store_count": 1}
    assert [r["store_name"] for r in b] == ["Zava Retail Tacoma"]


async def test_valid_token_for_an_unknown_identity_is_an_authorization_error(server):
    async with http_session(server.mcp_url, token("11111111-2222-3333-4444-555555555555")) as s:
        result = await s.call_tool("whoami", {})
    assert result.is_error and tool_error(result)["code"] == "AUTHORIZATION_ERROR"


@pytest.mark.parametrize(
    ("name", "bearer"),
    [
        ("none", None),
        ("garbage", "not.a.jwt"),
        ("expired", lambda: token(exp=int(time.time()) - 3600)),
        ("no exp", lambda: token(exp=None)),
        (
            "wrong signature",
            lambda: jwt.encode(
                {"sub": SEATTLE, "exp": int(time.time()) + 300},
                "other-secret-of-a-decent-length-0123456789",
                algorithm="HS256",
            ),
        ),
        ("alg none", lambda: jwt.encode({"sub": SEATTLE, "exp": int(time.time()) + 300}, None, algorithm="none")),
        ("wrong issuer", lambda: token(iss="https://evil.example")),
        ("no identity claim", lambda: token(sub=None)),
    ],
)
def test_bad_tokens_get_401_with_www_authenticate(server, name, bearer):
    headers = dict(MCP_HEADERS)
    if bearer:
        headers["Authorization"] = f"Bearer {bearer() if callable(bearer) else bearer}"
    response = httpx.post(server.mcp_url, json=INITIALIZE, headers=headers, timeout=10)
    assert response.status_code == 401, name
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith("Bearer") and "resource_metadata=" in challenge


def test_protected_resource_metadata_names_the_issuer(server):
    response = httpx.get(f"{server.base}/.well-known/oauth-protected-resource/mcp", timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert body["resource"] == f"{server.base}/mcp"
    assert [s.rstrip("/") for s in body["authorization_servers"]] == ["https://issuer.example"]


def test_health_and_metrics(server):
    assert httpx.get(f"{server.base}/health/live", timeout=5).json() == {"status": "live", "pid": server.process.pid}
    ready = httpx.get(f"{server.base}/health/ready", timeout=5)
    assert ready.status_code == 200 and ready.json()["status"] == "ready"

    async def one_call():
        async with http_session(server.mcp_url, token()) as s:
            await s.call_tool("first_day", {"year": 2020})
            await s.call_tool("first_day", {"year": "x"})

    asyncio.run(one_call())
    metrics = httpx.get(f"{server.base}/metrics", timeout=5).text
    assert 'mcp_tool_calls_total{outcome="ok",tool="first_day"}' in metrics
    assert 'mcp_tool_errors_total{code="VALIDATION_ERROR"}' in metrics
    assert "mcp_tool_call_seconds_bucket" in metrics and "mcp_db_pool_connections_in_use" in metrics
    # How the call queue picked connections: the call above ran on one, whichever way it was picked.
    picks = re.findall(r'^mcp_db_pool_picks\{how="[^"]+"\} ([0-9.]+)$', metrics, re.M)
    assert sum(float(n) for n in picks) >= 1, metrics


async def test_logs_are_json_with_request_id_tool_identity_and_duration(server):
    """Makes its own call: the module's server is shared, and with the suite split over processes the tests that
    call tools may run elsewhere (it once found no call logged)."""
    async with http_session(server.mcp_url, token(TACOMA)) as s:
        await s.call_tool("whoami", {})
    deadline = time.monotonic() + 5  # the line may be written just after the answer
    while not (calls := [e for e in server.logs() if e.get("msg") == "tool call" and e.get("identity") == TACOMA]):
        assert time.monotonic() < deadline, "no tool call logged"
        await asyncio.sleep(0.05)
    assert {"request_id", "tool", "identity", "duration_ms", "outcome"} <= set(calls[-1])
    assert calls[-1]["tool"] == "whoami"


async def test_rs256_with_a_pem_public_key(login, rsa_key, tmp_path):
    key, pem = rsa_key
    with http_server(login, "--jwt-public-key-file", str(pem), tmp_path=tmp_path) as s:
        good = jwt.encode({"sub": SEATTLE, "exp": int(time.time()) + 60}, key, algorithm="RS256")
        async with http_session(s.mcp_url, good) as session:
            rows = (await session.call_tool("whoami", {})).structured_content["rows"]
        assert rows[0]["identity"] == SEATTLE
        forged = jwt.encode(
            {"sub": SEATTLE, "exp": int(time.time()) + 60},
            "a-guessed-secret-of-a-decent-length-0123",
            algorithm="HS256",
        )
        response = httpx.post(s.mcp_url, json=INITIALIZE, headers={**MCP_HEADERS, "Authorization": f"Bearer {forged}"})
        assert response.status_code == 401


async def test_rs256_with_keys_from_a_jwks_url(login, tmp_path):
    issuer = Issuer()  # tests/shim/test_jwks.py: the JWKS endpoint, its keys and their tokens
    with issuer.serving() as url, http_server(login, "--jwt-jwks-url", url, tmp_path=tmp_path) as s:
        async with http_session(s.mcp_url, issuer.token(subject=TACOMA)) as session:
            rows = (await session.call_tool("whoami", {})).structured_content["rows"]
        assert rows[0]["identity"] == TACOMA


async def test_dev_identity_header_only_behind_the_switch_and_loudly(login, tmp_path):
    with http_server(login, "--insecure-dev-identity-header", tmp_path=tmp_path) as s:
        async with http_session(s.mcp_url, headers={"x-rls-user-id": SEATTLE}) as session:
            rows = (await session.call_tool("whoami", {})).structured_content["rows"]
        async with http_session(s.mcp_url) as anonymous:
            missing = await anonymous.call_tool("whoami", {})
        warnings = [e for e in s.logs() if e.get("level") == "warning" and "INSECURE" in e.get("msg", "")]
    assert rows[0]["identity"] == SEATTLE
    assert missing.is_error and tool_error(missing)["code"] == "AUTHORIZATION_ERROR"
    assert warnings


async def test_header_is_ignored_when_tokens_are_required(server):
    async with http_session(server.mcp_url, token(TACOMA), headers={"x-rls-user-id": SEATTLE}) as s:
        rows = (await s.call_tool("whoami", {})).structured_content["rows"]
    assert rows[0]["identity"] == TACOMA


def test_http_without_any_way_to_know_callers_refuses_to_start(login):
    result = subprocess.run(
        [sys.executable, SERVER, "--database-url", login, "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        env=server_env(),
    )
    assert result.returncode == 2 and "--jwt-secret" in result.stderr


def test_mint_token_makes_a_token_the_server_accepts(server):
    minted = subprocess.run(
        [sys.executable, SERVER, "mint-token", "--identity", SEATTLE, "--secret", SECRET, "--ttl", "60"],
        capture_output=True,
        text=True,
        timeout=60,
        env=server_env(),
    ).stdout.strip()
    claims = jwt.decode(minted, SECRET, algorithms=["HS256"])
    assert claims["sub"] == SEATTLE and claims["exp"] - claims["iat"] == 60
    assert mint_token(SECRET, SEATTLE).count(".") == 2


async def test_a_migration_reaches_http_clients_as_list_changed(server, http_db):
    notified = asyncio.Event()

    async def on_message(message):
        if getattr(message, "method", None) == "notifications/tools/list_changed":
            notified.set()

    async with http_session(server.mcp_url, token(), message_handler=on_message) as s:
        before = {t.name for t in (await s.list_tools()).tools}
        with http_db.connect(autocommit=True) as conn:
            conn.execute("SET ROLE zava_owner")
            conn.execute("CREATE FUNCTION api.added_over_http() RETURNS integer LANGUAGE sql STABLE AS 'SELECT 7'")
            conn.execute("COMMENT ON FUNCTION api.added_over_http() IS 'Added while serving HTTP.'")
            conn.execute("GRANT EXECUTE ON FUNCTION api.added_over_http() TO zava_store_manager")
            conn.execute("NOTIFY mcp_schema_changed")
        await asyncio.wait_for(notified.wait(), timeout=10)
        after = {t.name for t in (await s.list_tools()).tools}
    assert after - before == {"added_over_http"}


async def test_a_session_that_only_initialized_hears_list_changed(server, http_db):
    """A client that has asked for no list yet is still told the lists changed (it was not: sessions were only
    remembered once they asked for tools or prompts)."""
    notified = asyncio.Event()

    async def on_message(message):
        if getattr(message, "method", None) == "notifications/tools/list_changed":
            notified.set()

    async with http_session(server.mcp_url, token(), message_handler=on_message):
        await asyncio.sleep(0.5)  # the client's GET stream, which carries what the server says unasked
        with http_db.connect(autocommit=True) as conn:
            conn.execute("SET ROLE zava_owner")
            conn.execute("CREATE FUNCTION api.added_unasked() RETURNS integer LANGUAGE sql STABLE AS 'SELECT 8'")
            conn.execute("COMMENT ON FUNCTION api.added_unasked() IS 'Added before the client asked for a list.'")
            conn.execute("GRANT EXECUTE ON FUNCTION api.added_unasked() TO zava_store_manager")
            conn.execute("NOTIFY mcp_schema_changed")
        try:
            await asyncio.wait_for(notified.wait(), timeout=10)
        finally:
            with http_db.connect(autocommit=True) as conn:
                conn.execute("SET ROLE zava_owner")
                conn.execute("DROP FUNCTION api.added_unasked()")
                conn.execute("NOTIFY mcp_schema_changed")
