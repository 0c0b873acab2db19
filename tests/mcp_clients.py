"""Real MCP clients against a real server process: stdio and streamable HTTP, with the SDK's ClientSession."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from queue import Queue

import httpx
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

ROOT = Path(__file__).resolve().parent.parent
SERVER = str(ROOT / "server.py")


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCP_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


@contextlib.asynccontextmanager
async def stdio_session(
    database_url: str, *args: str, message_handler=None, env: dict | None = None
) -> AsyncIterator[ClientSession]:
    params = StdioServerParameters(
        command=sys.executable,
        args=[SERVER, "--stdio", "--database-url", database_url, "--log-level", "WARNING", *args],
        env={**server_env(), **(env or {})},
    )
    async with stdio_client(params) as (read, write), ClientSession(read, write, message_handler=message_handler) as s:
        await s.initialize()
        yield s


class SharedStdio:
    """Stdio servers shared by the tests of one module: one process per argument list, started by the first test
    that asks for it and stopped when the module ends (a server start costs a second or more).

    Share a server only between tests that read, or that undo what they change: its pool, caches and counters live
    on from one test to the next. Each server's session is opened and closed by a task of its own on the session's
    event loop (pyproject: asyncio_default_*_loop_scope = "session"): the SDK's stdio transport must be left by the
    task that entered it, and a fixture's setup and teardown, and each test, run in tasks of their own."""

    def __init__(self, database_url: str):
        self.database_url = database_url
        self._sessions: dict[tuple[str, ...], ClientSession] = {}
        self._owners: list[asyncio.Task] = []
        self._stop: asyncio.Event | None = None

    async def session(self, *args: str) -> ClientSession:
        """The shared session of the server started with `args` (those of stdio_session after the URL)."""
        if args not in self._sessions:
            self._stop = self._stop or asyncio.Event()
            ready: asyncio.Future[ClientSession] = asyncio.get_running_loop().create_future()
            owner = asyncio.create_task(self._own(args, ready, self._stop))
            self._owners.append(owner)
            await asyncio.wait([owner, ready], return_when=asyncio.FIRST_COMPLETED)
            if not ready.done():  # the server failed before its session opened: the owner's error says why
                await owner
            self._sessions[args] = ready.result()
        return self._sessions[args]

    async def _own(self, args: tuple[str, ...], ready: asyncio.Future, stop: asyncio.Event) -> None:
        async with stdio_session(self.database_url, *args) as session:
            ready.set_result(session)
            await stop.wait()

    async def aclose(self) -> None:
        """Stop every server; the first error of one (its session or its exit) is raised."""
        if self._stop:
            self._stop.set()
        results = await asyncio.gather(*self._owners, return_exceptions=True)
        self._sessions.clear()
        self._owners.clear()
        for result in results:
            if isinstance(result, BaseException):
                raise result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HttpServer:
    def __init__(self, process: subprocess.Popen, base: str, log: Path):
        self.process, self.base, self.log = process, base, log

    @property
    def mcp_url(self) -> str:
        return f"{self.base}/mcp"

    def logs(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.startswith("{")]

    def lean_calls(self) -> float:
        """tools/call requests the fast path answered so far (mcp_lean_calls_total in /metrics)."""
        for line in httpx.get(f"{self.base}/metrics", timeout=5).text.splitlines():
            if line.startswith("mcp_lean_calls_total "):
                return float(line.split()[1])
        raise AssertionError("no lean path counter in /metrics")


@contextlib.contextmanager
def http_server(
    database_url: str, *args: str, tmp_path: Path, ready: bool = True, script: str = SERVER
) -> Iterator[HttpServer]:
    port = free_port()
    log = tmp_path / f"server-{port}.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, script, "--database-url", database_url, "--port", str(port), *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=server_env(),
        )
    server = HttpServer(process, f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + 30
        while ready:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}: {log.read_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{server.base}/health/ready", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready: {log.read_text()}")
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.asynccontextmanager
async def http_session(
    url: str, token: str | None = None, headers: dict | None = None, message_handler=None
) -> AsyncIterator[ClientSession]:
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    async with (
        create_mcp_http_client(headers=all_headers) as client,
        streamable_http_client(url, http_client=client) as (read, write),
        ClientSession(read, write, message_handler=message_handler) as session,
    ):
        await session.initialize()
        yield session


def tool_error(result) -> dict:
    """The error of an isError result: its text content, {"error": {code, message, ...}} (error results carry no
    structuredContent, which would have to match the tool's outputSchema). Accepts the SDK's CallToolResult or the
    raw JSON-RPC result dict; {} for a result that is not an error."""
    if isinstance(result, dict):
        is_error, text = result.get("isError"), result["content"][0]["text"]
    else:
        is_error, text = result.is_error, result.content[0].text
    return json.loads(text)["error"] if is_error else {}


class RawHttp:
    """Raw JSON-RPC over streamable HTTP: every status and body is seen as sent. `token`: a bearer token, or None."""

    VERSION = "2025-06-18"

    def __init__(self, base: str, token: str | None = None):
        self.url = f"{base}/mcp"
        self.http = httpx.Client(timeout=60)
        self.headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def post(self, body: bytes, headers: dict | None = None) -> httpx.Response:
        return self.http.post(self.url, content=body, headers={**self.headers, **(headers or {})})

    def initialize(self) -> httpx.Response:
        params = {"protocolVersion": self.VERSION, "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}}
        response = self.post(json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": params}).encode())
        if response.status_code == 200:
            session = {"mcp-session-id": response.headers["mcp-session-id"], "mcp-protocol-version": self.VERSION}
            self.post(b'{"jsonrpc":"2.0","method":"notifications/initialized"}', session)
            self.session = session
        return response

    def call(self, name: str, arguments: dict, request_id: int = 1) -> dict:
        params = {"name": name, "arguments": arguments}
        message = {"jsonrpc": "2.0", "id": request_id, "method": "tools/call", "params": params}
        response = self.post(json.dumps(message).encode(), self.session)
        assert response.status_code == 200, (response.status_code, response.text[:300])
        if response.headers["content-type"].startswith("application/json"):
            return response.json()
        return [json.loads(line[5:]) for line in response.text.splitlines() if line.startswith("data:")][-1]


class RawStdio:
    """The server over stdio, driven line by line: to see exactly what it answers (and which path answered)."""

    def __init__(self, url: str, identity: str, *args: str, script: str = SERVER):
        command = [sys.executable, script, "--stdio", "--database-url", url, "--identity", identity]
        self.process = subprocess.Popen(
            [*command, "--log-level", "INFO", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=server_env(),
        )
        self.lines: Queue = Queue()
        self.logs: list[dict] = []
        threading.Thread(target=self._read, args=(self.process.stdout, self.lines.put), daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, self._log), daemon=True).start()

    @staticmethod
    def _read(stream, sink):
        for line in stream:
            sink(line.decode())

    def _log(self, line: str):
        if line.startswith("{"):
            self.logs.append(json.loads(line))

    def send(self, message: dict | str) -> None:
        text = message if isinstance(message, str) else json.dumps(message)
        self.process.stdin.write(text.encode() + b"\n")
        self.process.stdin.flush()

    def receive(self, timeout=15) -> dict:
        return json.loads(self.lines.get(timeout=timeout))

    def call(self, request_id, name, arguments) -> dict:
        self.send(
            {
                "jsonrpc": "2.0",
                "id": request_id,
                "method": "tools/call",
                "params": {"name": name, "arguments": arguments},
            }
        )
        return self.receive()

    def paths(self) -> list[str]:
        return [entry["path"] for entry in self.logs if entry.get("msg") == "tool call"]

    def close(self):
        self.process.stdin.close()
        self.process.wait(15)

    def initialize(self, version: str = "2025-06-18") -> dict:
        self.send(
            {
                "jsonrpc": "2.0",
                "id": 0,
                "method": "initialize",
                "params": {
                    "protocolVersion": version,
                    "capabilities": {},
                    "clientInfo": {"name": "raw", "version": "0"},
                },
            }
        )
        answer = self.receive(timeout=60)
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return answer
