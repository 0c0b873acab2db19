"""The configurations of the peer benchmark: for each, which server (or none: pgbench, asyncpg), which transport, which
load generator (kind), the configuration of ours it is compared with, and what it sends for a workload's call; and
the command lines of the servers and of the helpers each configuration needs installed.

TEMPLATES holds what does not depend on the workload; configs_for() fills in the rest for one workload (the call,
the headers with the identity, the pgbench script, the stdio server command).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench.peers.paths import HERE, PY, REFPG, ROOT, TOOLBOX
from bench.peers.workloads import EXPECT, LEGACY, MODERN, POOL, STORE_PERFORMANCE_SQL, Workload


@dataclass
class Config:
    key: str
    label: str
    transport: str
    kind: str  # wrk | wrk-get | pgbench | asyncpg | stdio
    baseline: str | None  # the configuration of ours it is compared with
    server: str | None = None  # key of the running HTTP server
    protocol: str = LEGACY
    headers: dict = field(default_factory=dict)
    path: str = "/mcp"
    stdio_cmd: list | None = None
    stdio_params: dict | None = None
    pgbench_script: str | None = None
    pgbench_user: str = "zava_mcp"
    note: str = ""
    call: dict | None = None  # HTTP: the tools/call params (the protocol's _meta is added per cell)
    workload: str = "point"
    expect: str = EXPECT  # substring of every good response
    params: dict | None = None  # HTTP: the tools/call params as sent in a cell (set when its session is opened)


@dataclass(frozen=True)
class Setup:
    """What one run's configurations and servers are built from."""

    ours_url: str  # the database as zava_mcp over TCP
    ours_socket_url: str  # the same over the Unix socket
    postgres_url: str  # the database as postgres (the peers' login)
    toolbox_yaml: Path  # tools.yaml with the port, pool and statements filled in
    secret: str  # our HTTP servers' JWT secret


TEMPLATES = {
    c.key: c
    for c in (
        Config(
            "pgbench-txn",
            "pgbench -M prepared, the one statement our server sends per call, as zava_mcp",
            "SQL",
            "pgbench",
            "ours-http",
        ),
        Config(
            "pgbench-stmt",
            "pgbench -M prepared, the peers' one statement as postgres",
            "SQL",
            "pgbench",
            "ours-http",
            pgbench_user="postgres",
        ),
        Config("asyncpg-txn", "asyncpg straight, our per-call transaction, no MCP", "SQL", "asyncpg", "ours-http"),
        Config("ours-http", f"ours, streamable HTTP, protocol {LEGACY}", "HTTP", "wrk", None, "ours", LEGACY),
        Config(
            "ours-http-2026",
            f"ours, streamable HTTP, protocol {MODERN} (stateless)",
            "HTTP",
            "wrk",
            "ours-http",
            "ours",
            MODERN,
        ),
        Config(
            "ours-http-cached",
            f"ours, streamable HTTP, protocol {LEGACY}, result cache on (every call after the first a hit)",
            "HTTP",
            "wrk",
            "ours-http",
            "ours",
            LEGACY,
        ),
        Config(
            "ours-http-unix",
            f"ours, streamable HTTP, protocol {LEGACY}, database over the Unix socket",
            "HTTP",
            "wrk",
            "ours-http",
            "ours-unix",
            LEGACY,
        ),
        Config("toolbox-http", f"MCP Toolbox 1.12, HTTP, protocol {LEGACY}", "HTTP", "wrk", "ours-http", "toolbox"),
        Config(
            "toolbox-http-ours",
            f"MCP Toolbox 1.12 running our per-call statement as zava_mcp (the identity an argument), HTTP {LEGACY}",
            "HTTP",
            "wrk",
            "ours-http",
            "toolbox",
        ),
        Config(
            "sample-http",
            f"sample architecture (MCPServer, asyncpg, session set_config), HTTP {LEGACY}",
            "HTTP",
            "wrk",
            "ours-http",
            "sample",
            LEGACY,
        ),
        Config(
            "sample-http-2026", f"sample architecture, HTTP {MODERN}", "HTTP", "wrk", "ours-http-2026", "sample", MODERN
        ),
        Config("ours-stdio", "ours, stdio", "stdio", "stdio", None),
        Config("toolbox-stdio", "MCP Toolbox 1.12, stdio", "stdio", "stdio", "ours-stdio"),
        Config(
            "toolbox-stdio-ours",
            "MCP Toolbox 1.12 running our per-call statement as zava_mcp (the identity an argument), stdio",
            "stdio",
            "stdio",
            "ours-stdio",
        ),
        Config(
            "refpg-stdio", "reference server-postgres 0.6.2 (Node), `query` tool, stdio", "stdio", "stdio", "ours-stdio"
        ),
        Config("wrk-ceiling", "wrk GET Toolbox `/` (generator ceiling)", "HTTP", "wrk-get", None, "toolbox", path="/"),
        Config(
            "wrk-live-ours",
            "wrk GET our /health/live (HTTP stack, no MCP)",
            "HTTP",
            "wrk-get",
            None,
            "ours",
            path="/health/live",
        ),
    )
}


def helpers(key: str) -> set[str]:
    """The installed helpers configuration `key` runs with (install.py's names): wrk, stdio_driver, toolbox, refpg."""
    t = TEMPLATES[key]
    needs = set()
    if t.kind in ("wrk", "wrk-get"):
        needs.add("wrk")
    if t.kind == "stdio":
        needs.add("stdio_driver")
    if t.server == "toolbox" or key.startswith("toolbox"):
        needs.add("toolbox")
    if key.startswith("refpg"):
        needs.add("refpg")
    return needs


def configs_for(w: Workload, setup: Setup, token: str, our_script: str) -> list[Config]:
    """The configurations of workload `w`, in its order. `token`: a bearer token for w.identity; `our_script`: the
    pgbench script of our per-call statement (Harness.prepare)."""
    chosen = []
    for key in w.configs:
        t = TEMPLATES[key]
        if t.kind == "pgbench":
            extra = {"pgbench_script": our_script if key == "pgbench-txn" else (w.peer_sql or "") + ";\n"}
        elif t.kind == "wrk":
            extra = _http(t, w, token)
        elif t.kind == "stdio":
            extra = _stdio(t, w, setup)
        else:
            extra = {}
        chosen.append(replace(t, **extra, workload=w.key, expect=w.expect))
    return chosen


def _ours_call(w: Workload, cached: bool = False) -> dict:
    call = {"name": w.tool, "arguments": w.arguments}
    if w.fresh and not cached:
        call["_meta"] = {"fresh": True}
    return call


def _http(t: Config, w: Workload, token: str) -> dict:
    """Headers and tools/call params of an MCP-over-HTTP configuration."""
    if t.server in ("ours", "ours-unix"):
        headers = {"Authorization": f"Bearer {token}"}
        if t.protocol == MODERN:
            headers.update({"mcp-method": "tools/call", "mcp-name": w.tool})
        return {"headers": headers, "call": _ours_call(w, cached=t.key == "ours-http-cached")}
    if t.server == "toolbox":
        return {"call": _toolbox_call(t, w)}
    sample_call = w.sample_call or {}
    headers = {"x-rls-user-id": w.identity}  # the sample takes the identity from this unverified header
    if t.protocol == MODERN:
        headers.update({"mcp-method": "tools/call", "mcp-name": sample_call.get("name", "")})
    return {"headers": headers, "call": sample_call}


def _toolbox_call(t: Config, w: Workload) -> dict:
    """Toolbox's tools/call params: the peers' statement, or (toolbox-*-ours) ours with the workload's identity."""
    if t.key.endswith("-ours"):
        return {"name": f"{w.tool}_ours", "arguments": {"identity": w.identity}}
    return w.toolbox_call or {}


def _stdio(t: Config, w: Workload, setup: Setup) -> dict:
    """The server command the stdio driver starts, and the tools/call params it sends."""
    if t.key == "ours-stdio":
        return {
            "stdio_cmd": [
                *(PY, ROOT / "server.py", "--stdio", "--identity", w.identity, "--database-url", setup.ours_url),
                *("--log-level", "WARNING", "--pool-max", POOL),
            ],
            "stdio_params": _ours_call(w),
        }
    if t.key.startswith("toolbox-stdio"):
        return {
            "stdio_cmd": [
                *(TOOLBOX, "--config", setup.toolbox_yaml, "--stdio"),
                *("--disable-version-check", "--disable-reload", "--log-level", "WARN"),
            ],
            "stdio_params": _toolbox_call(t, w),
        }
    return {
        "stdio_cmd": ["node", REFPG, setup.postgres_url],
        "stdio_params": {"name": "query", "arguments": {"sql": w.peer_sql}},
    }


def server_command(key: str, setup: Setup) -> tuple[list, str]:
    """(command line with {PORT} for the port, the path answering 200 once it is ready) of HTTP server `key`."""
    if key in ("ours", "ours-unix"):
        url = setup.ours_url if key == "ours" else setup.ours_socket_url
        return [
            *(PY, ROOT / "server.py", "--database-url", url, "--jwt-secret", setup.secret, "--port", "{PORT}"),
            *("--log-level", "WARNING", "--pool-max", POOL),
        ], "/health/ready"
    if key == "toolbox":
        return [
            *(TOOLBOX, "--config", setup.toolbox_yaml, "--port", "{PORT}"),
            *("--disable-version-check", "--disable-reload", "--log-level", "WARN"),
        ], "/"
    if key == "sample":
        return [
            *(PY, HERE / "sample_server.py", "--database-url", setup.postgres_url),
            *("--port", "{PORT}", "--pool-max", POOL),
        ], "/health/live"
    raise ValueError(f"no HTTP server {key!r}")


def toolbox_yaml(port: int, our_point_sql: str) -> str:
    """tools.yaml with the database's port, the pool size, the analytics statement and our per-call statement for
    the point lookup (our_call.toolbox_statement) filled in."""
    template = (HERE / "tools.yaml").read_text()
    for name, value in {
        "${PEER_PG_PORT}": str(port),
        "${POOL}": str(POOL),
        "${STORE_PERFORMANCE_SQL}": json.dumps(STORE_PERFORMANCE_SQL),  # a JSON string is a YAML scalar
        "${OUR_POINT_SQL}": json.dumps(our_point_sql),
    }.items():
        template = template.replace(name, value)
    return template
