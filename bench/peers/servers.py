"""The HTTP servers of a run (ours, ours on the Unix socket, Toolbox, the sample architecture) as processes, and the
MCP session opened with httpx before each HTTP cell: one tools/call checked to be a successful tool result, and
the headers wrk must send (the session's id where the protocol has sessions)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.peers.configs import Config
from bench.peers.peerdb import free_port
from bench.peers.workloads import LEGACY


@dataclass
class HttpServer:
    key: str
    process: subprocess.Popen
    base: str
    log: Path


def wait_ready(server: HttpServer, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.key} exited with {server.process.returncode}: {server.log.read_text()[-2000:]}"
            )
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(server.base + path, timeout=1).status_code == 200:
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{server.key} not ready: {server.log.read_text()[-2000:]}")
        time.sleep(0.2)


def spawn_server(key: str, cmd: list, tmp: Path, env: dict) -> HttpServer:
    """Start `cmd` ({PORT} replaced by a free port) in `tmp`, its output in tmp/<key>.log (then: wait_ready)."""
    port = free_port()
    log = tmp / f"{key}.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [str(c).replace("{PORT}", str(port)) for c in cmd],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=tmp,
        )
    return HttpServer(key, process, f"http://127.0.0.1:{port}", log)


def stop_servers(servers: list[HttpServer]) -> None:
    for server in servers:
        server.process.terminate()
    for server in servers:
        try:
            server.process.wait(10)
        except subprocess.TimeoutExpired:
            server.process.kill()


def open_session(cfg: Config, base: str) -> tuple[dict, str | None]:
    """Return the headers wrk must send; verify one tool call returns a successful tool result. Sets cfg.params:
    the tools/call params as wrk sends them (with the protocol's _meta where it has no session)."""
    headers = {
        "Accept": "application/json, text/event-stream",
        "Content-Type": "application/json",
        "mcp-protocol-version": cfg.protocol,
        **cfg.headers,
    }
    params: dict = json.loads(json.dumps(cfg.call))  # a copy: the protocol's _meta goes in per cell
    session = None
    with httpx.Client(base_url=base, timeout=30) as http:
        if cfg.protocol == LEGACY:
            session = _initialize(http, cfg.path, headers)
        else:
            params["_meta"] = {
                **params.get("_meta", {}),
                "io.modelcontextprotocol/protocolVersion": cfg.protocol,
                "io.modelcontextprotocol/clientCapabilities": {},
            }
        reply = http.post(
            cfg.path, headers=headers, json={"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": params}
        )
        data = jsonrpc(reply)
        result = data.get("result") or {}
        text = "".join(c.get("text", "") for c in result.get("content", []))
        if reply.status_code != 200 or "error" in data or result.get("isError") or cfg.expect not in text:
            raise RuntimeError(f"{cfg.key}: verification call failed: {reply.status_code} {reply.text[:500]}")
    cfg.params = params
    return headers, session


def _initialize(http: httpx.Client, path: str, headers: dict) -> str | None:
    """initialize + notifications/initialized (protocol 2025-06-18); the session id goes into `headers`."""
    init = http.post(
        path,
        headers={k: v for k, v in headers.items() if k != "mcp-protocol-version"},
        json={
            "jsonrpc": "2.0",
            "id": 0,
            "method": "initialize",
            "params": {
                "protocolVersion": LEGACY,
                "capabilities": {},
                "clientInfo": {"name": "peers-bench", "version": "0"},
            },
        },
    )
    init.raise_for_status()
    session = init.headers.get("mcp-session-id")
    if session:
        headers["mcp-session-id"] = session
    http.post(path, headers=headers, json={"jsonrpc": "2.0", "method": "notifications/initialized"})
    return session


def close_session(cfg: Config, base: str, headers: dict) -> None:
    if "mcp-session-id" in headers:
        with contextlib.suppress(httpx.HTTPError):
            httpx.delete(base + cfg.path, headers=headers, timeout=5)


def jsonrpc(reply: httpx.Response) -> dict:
    if reply.headers.get("content-type", "").startswith("text/event-stream"):
        for line in reply.text.splitlines():
            if line.startswith("data:"):
                return json.loads(line[5:])
        return {}
    return reply.json()
