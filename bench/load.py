"""Load and soak: N concurrent MCP clients over streamable HTTP with a realistic tool mix.

    python bench/load.py --clients 8 32 128 --seconds 60      # make soak runs this, then a 10-minute soak
    python bench/load.py --clients 8 --seconds 60 --uncached  # every call runs (the result cache bypassed)

Each client is one MCP session (initialize, then tools/call in a loop) with its own identity's bearer token, on
the development database. Reported per concurrency: calls, errors by code, calls/s, p50/p99 latency, and the
server's RSS at the start and the end. Calls that fail are counted by code; there are no intended errors in the
mix, so any error is a finding.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import httpx  # noqa: E402
import psutil  # noqa: E402
from mcp_clients import http_server  # noqa: E402

import devdb  # noqa: E402
from shim.auth import mint_token  # noqa: E402
from shim.edge import FRESH_META_KEY  # noqa: E402

IDENTITIES = [
    "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
    "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    "e7f8a9b0-c1d2-3e4f-5678-90abcdef1234",
    "5e0c2f1a-7b3d-4c8e-9a10-000000000101",
    "00000000-0000-0000-0000-000000000000",
]
MIX = [  # (weight, tool, arguments)
    (20, "get_current_utc_date", {}),
    (15, "get_store_performance", {"period_start": "2026-07-01", "period_end": "2026-09-30"}),
    (10, "get_top_products", {"period_start": "2026-07-01", "period_end": "2026-09-30", "top_n": 5}),
    (15, "get_low_stock", {"threshold": 3}),
    (10, "semantic_search_products", {"query_description": "something to fix a leaking pipe", "max_rows": 5}),
    (10, "get_multiple_table_schemas", {"table_names": ["orders", "stores"]}),
    (
        10,
        "execute_sales_query",
        {"postgresql_query": "SELECT count(*) AS orders FROM retail.orders WHERE order_date >= '2026-10-01'"},
    ),
    (10, "get_inventory_value", {}),
]
VERSION = "2025-06-18"


def outcome(response: httpx.Response) -> str:
    """OK, or the error's code: the answer is JSON or one SSE event; a tool error's JSON is its text content."""
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    if response.headers.get("content-type", "").startswith("application/json"):
        messages = [response.json()]
    else:
        messages = [json.loads(x[5:]) for x in response.text.splitlines() if x.startswith("data:")]
    if not messages or "error" in messages[0]:
        return "JSON-RPC error"
    result = messages[0]["result"]
    if result.get("isError"):
        return json.loads(result["content"][0]["text"])["error"]["code"]
    return "OK"


async def client_loop(
    base: str, token: str, deadline: float, latencies: list, codes: Counter, rng: random.Random, uncached: bool
):
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        headers = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/json, text/event-stream",
            "Content-Type": "application/json",
            "mcp-session-id": await open_session(http, token),
            "mcp-protocol-version": VERSION,
        }
        weights = [w for w, _, _ in MIX]
        # The result cache would answer most of the mix (its arguments repeat): uncached, every call runs.
        meta = {"_meta": {FRESH_META_KEY: True}} if uncached else {}
        n = 0
        while time.monotonic() < deadline:
            _, tool, arguments = rng.choices(MIX, weights)[0]
            n += 1
            started = time.perf_counter()
            response = await http.post(
                "/mcp",
                headers=headers,
                json={
                    "jsonrpc": "2.0",
                    "id": n,
                    "method": "tools/call",
                    "params": {"name": tool, "arguments": arguments, **meta},
                },
            )
            latencies.append((tool, time.perf_counter() - started))
            codes[outcome(response)] += 1


async def open_session(http: httpx.AsyncClient, token: str) -> str:
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json, text/event-stream"}
    init = await http.post(
        "/mcp",
        headers=headers,
        json={
            "jsonrpc": "2.0",
            "id": 0,
            "method": "initialize",
            "params": {"protocolVersion": VERSION, "capabilities": {}, "clientInfo": {"name": "load", "version": "0"}},
        },
    )
    session = init.headers["mcp-session-id"]
    headers.update({"mcp-session-id": session, "mcp-protocol-version": VERSION})
    await http.post("/mcp", headers=headers, json={"jsonrpc": "2.0", "method": "notifications/initialized"})
    return session


def run_wrk(base: str, clients: int, seconds: float, pid: int, uncached: bool) -> dict:
    """The same mix from wrk (bench/peers/mix_call.lua): one session per identity, each request a random identity and a
    call by weight. Reports totals only (wrk has one latency histogram)."""
    process = psutil.Process(pid)
    tokens = [mint_token(run.secret, identity, ttl_s=int(seconds) + 600) for identity in IDENTITIES]

    async def sessions() -> list[str]:
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            return [await open_session(http, token) for token in tokens]

    lines = [f"S\t{token}\t{session}" for token, session in zip(tokens, asyncio.run(sessions()), strict=True)]
    for weight, tool, arguments in MIX:
        params = {"name": tool, "arguments": arguments, **({"_meta": {FRESH_META_KEY: True}} if uncached else {})}
        lines.append(f"M\t{weight}\t{json.dumps(params, separators=(',', ':'))}")
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as mix:
        mix.write("\n".join(lines) + "\n")
    rss_start = process.memory_info().rss
    threads = "1" if clients == 1 else "2"
    command = ["wrk", "-t", threads, "-c", str(clients), "-d", f"{max(1, round(seconds))}s", "--timeout", "10s"]
    command += ["-s", str(ROOT / "bench" / "peers" / "mix_call.lua"), base + "/mcp", "--", mix.name]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(mix.name)
    result = json.loads(next(x for x in out.splitlines() if x.startswith("WRK_RESULT "))[len("WRK_RESULT ") :])
    return {
        "driver": "wrk",
        "clients": clients,
        "cache": "bypassed" if uncached else "on",
        "seconds": round(result["duration_us"] / 1e6, 1),
        "calls": result["requests"],
        "calls_per_s": round(result["requests"] / (result["duration_us"] / 1e6), 1),
        "p50_ms": round(result["p50_us"] / 1000, 1),
        "p99_ms": round(result["p99_us"] / 1000, 1),
        "outcomes": {"OK": result["ok"], "not OK": result["bad"], "socket errors": result["socket_errors"]},
        "first_failure": result["bad_sample"],
        "rss_start_mb": round(rss_start / 2**20, 1),
        "rss_end_mb": round(process.memory_info().rss / 2**20, 1),
    }


async def run(base: str, clients: int, seconds: float, pid: int, uncached: bool) -> dict:
    process = psutil.Process(pid)
    secret_tokens = [
        mint_token(run.secret, IDENTITIES[i % len(IDENTITIES)], ttl_s=int(seconds) + 600) for i in range(clients)
    ]
    latencies: list[float] = []
    codes: Counter = Counter()
    rss_start = process.memory_info().rss
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(
        *(
            client_loop(base, secret_tokens[i], deadline, latencies, codes, random.Random(i), uncached)
            for i in range(clients)
        )
    )
    elapsed = time.monotonic() - started
    ms = sorted(x * 1000 for _, x in latencies)
    per_tool: dict[str, list[float]] = {}
    for tool, seconds_taken in latencies:
        per_tool.setdefault(tool, []).append(seconds_taken * 1000)
    return {
        "clients": clients,
        "cache": "bypassed" if uncached else "on",
        "seconds": round(elapsed, 1),
        "calls": len(ms),
        "calls_per_s": round(len(ms) / elapsed, 1),
        "p50_ms": round(statistics.median(ms), 1),
        "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 1),
        "outcomes": dict(codes),
        "per_tool_p50_p99_ms": {
            tool: [round(statistics.median(x), 1), round(sorted(x)[max(0, int(len(x) * 0.99) - 1)], 1)]
            for tool, x in sorted(per_tool.items())
        },
        "rss_start_mb": round(rss_start / 2**20, 1),
        "rss_end_mb": round(process.memory_info().rss / 2**20, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32, 128])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pool-max", type=int, default=10)
    parser.add_argument("--uncached", action="store_true", help="ask every call to bypass the result cache")
    parser.add_argument(
        "--driver",
        choices=["python", "wrk"],
        default="python",
        help="python: one httpx MCP session per client, per-tool latencies; wrk: the load generator of make bench "
        "(bench/peers/mix_call.lua), for rates the Python client cannot reach",
    )
    parser.add_argument("--without", nargs="+", default=[], metavar="TOOL", help="leave these tools out of the mix")
    args = parser.parse_args()
    MIX[:] = [entry for entry in MIX if entry[1] not in args.without]
    run.secret = uuid.uuid4().hex * 2
    url = devdb.server_login_url()
    with http_server(
        url,
        "--jwt-secret",
        run.secret,
        "--log-level",
        "WARNING",
        "--pool-max",
        str(args.pool_max),
        tmp_path=Path("/tmp"),
    ) as server:
        for clients in args.clients:
            if args.driver == "wrk":
                result = run_wrk(server.base, clients, args.seconds, server.process.pid, args.uncached)
            else:
                result = asyncio.run(run(server.base, clients, args.seconds, server.process.pid, args.uncached))
            print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
