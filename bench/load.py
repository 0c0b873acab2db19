"""Load and soak: N concurrent MCP clients over streamable HTTP with a realistic tool mix.

    python bench/load.py --clients 8 32 128 --seconds 60      # make soak runs this, then a 10-minute soak
    python bench/load.py --clients 32 --seconds 600 --soak

Each client is one MCP session (initialize, then tools/call in a loop) with its own identity's bearer token, on
the development database. Reported per concurrency: calls, errors by code, calls/s, p50/p99 latency, and the
server's RSS at the start and the end. Calls that fail are counted by code; there are no intended errors in the
mix, so any error is a finding.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
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


async def client_loop(base: str, token: str, deadline: float, latencies: list, codes: Counter, rng: random.Random):
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/json, text/event-stream",
        "Content-Type": "application/json",
    }
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        init = await http.post(
            "/mcp",
            headers=headers,
            json={
                "jsonrpc": "2.0",
                "id": 0,
                "method": "initialize",
                "params": {
                    "protocolVersion": VERSION,
                    "capabilities": {},
                    "clientInfo": {"name": "load", "version": "0"},
                },
            },
        )
        headers.update({"mcp-session-id": init.headers["mcp-session-id"], "mcp-protocol-version": VERSION})
        await http.post("/mcp", headers=headers, json={"jsonrpc": "2.0", "method": "notifications/initialized"})
        weights = [w for w, _, _ in MIX]
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
                    "params": {"name": tool, "arguments": arguments},
                },
            )
            latencies.append(time.perf_counter() - started)
            data = [json.loads(x[5:]) for x in response.text.splitlines() if x.startswith("data:")]
            if response.status_code != 200 or not data or "error" in data[0]:
                codes[f"HTTP {response.status_code}"] += 1
            elif data[0]["result"].get("isError"):
                codes[data[0]["result"]["structuredContent"]["error"]["code"]] += 1
            else:
                codes["OK"] += 1


async def run(base: str, clients: int, seconds: float, pid: int) -> dict:
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
        *(client_loop(base, secret_tokens[i], deadline, latencies, codes, random.Random(i)) for i in range(clients))
    )
    elapsed = time.monotonic() - started
    ms = sorted(x * 1000 for x in latencies)
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "calls": len(ms),
        "calls_per_s": round(len(ms) / elapsed, 1),
        "p50_ms": round(statistics.median(ms), 1),
        "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 1),
        "outcomes": dict(codes),
        "rss_start_mb": round(rss_start / 2**20, 1),
        "rss_end_mb": round(process.memory_info().rss / 2**20, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32, 128])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pool-max", type=int, default=10)
    args = parser.parse_args()
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
            print(json.dumps(asyncio.run(run(server.base, clients, args.seconds, server.process.pid))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
