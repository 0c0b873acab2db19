"""The result cache, measured: a cached analytics tool against the same calls with the cache bypassed, and a
realistic repeated-question workload (hit ratio and memory).

    python bench/cache_bench.py [--calls 200] [--workload 2000]

Runs the server over HTTP on the development database (use the full data set: make seed SCALE=full) and drives it
with the MCP SDK's client, sequentially (concurrency 1), so the numbers are per call latency an agent sees.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import re
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import httpx  # noqa: E402
from mcp_clients import http_server, http_session  # noqa: E402

import devdb  # noqa: E402
from shim.auth import mint_token  # noqa: E402

HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"
IDENTITIES = [
    HEAD_OFFICE,
    "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
    "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    "5e0c2f1a-7b3d-4c8e-9a10-000000000101",
    "e7f8a9b0-c1d2-3e4f-5678-90abcdef1234",
]
QUESTIONS = [  # what a team of analysts asks again and again during a day
    ("get_store_performance", {"period_start": "2026-07-01", "period_end": "2026-09-30"}),
    ("get_store_performance", {"period_start": "2026-10-01", "period_end": "2026-10-31"}),
    ("get_top_products", {"period_start": "2026-07-01", "period_end": "2026-09-30", "top_n": 5}),
    ("get_top_products", {"period_start": "2026-01-01", "period_end": "2026-10-31", "rank_by": "quantity"}),
    ("get_sales_by_period", {"grain": "month", "period_start": "2025-01-01", "period_end": "2025-12-31"}),
    ("get_sales_by_dimension", {"dimension": "category", "period_start": "2025-01-01", "period_end": "2025-12-31"}),
    ("get_category_growth", {"year": 2025}),
    ("get_seasonal_trend", {"category_name": "Garden & Outdoor"}),
    ("get_customer_metrics", {"period_start": "2026-01-01", "period_end": "2026-10-31"}),
    ("get_low_stock", {"threshold": 3}),
    ("get_inventory_value", {}),
    ("semantic_search_products", {"query_description": "something to fix a leaking pipe"}),
]


def summary(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    return {
        "calls_per_s": round(len(ms) / (sum(ms) / 1000), 1),
        "p50_ms": round(statistics.median(ms), 2),
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 2),
    }


async def timed(session, tool, arguments, calls, fresh):
    samples = []
    meta = {"fresh": True} if fresh else None
    for _ in range(calls):
        started = time.perf_counter()
        result = await session.call_tool(tool, arguments, meta=meta)
        samples.append(time.perf_counter() - started)
        assert not result.is_error, result.content[0].text
    return summary(samples)


def metric(text: str, name: str) -> float:
    return sum(float(v) for v in re.findall(rf"^{name}(?:{{[^}}]*}})? ([0-9.e+]+)$", text, re.M))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--workload", type=int, default=2000)
    opts = parser.parse_args()
    secret = uuid.uuid4().hex * 2
    url = devdb.server_login_url()
    with http_server(url, "--jwt-secret", secret, "--log-level", "WARNING", tmp_path=Path("/tmp")) as server:
        async with http_session(server.mcp_url, mint_token(secret, HEAD_OFFICE)) as session:
            tool, arguments = QUESTIONS[0]
            await session.call_tool(tool, arguments)  # warm
            uncached = await timed(session, tool, arguments, opts.calls, fresh=True)
            cached = await timed(session, tool, arguments, opts.calls, fresh=False)
        print(
            f"{tool} (head office, Q3 2026, full data): uncached {uncached}  cached {cached}  "
            f"speed-up {cached['calls_per_s'] / uncached['calls_per_s']:.0f}x"
        )
        before = httpx.get(f"{server.base}/metrics").text
        rng = random.Random(42)
        sessions = {}
        async with contextlib.AsyncExitStack() as stack:
            started = time.perf_counter()
            for _ in range(opts.workload):
                identity = rng.choice(IDENTITIES)
                if identity not in sessions:
                    sessions[identity] = await stack.enter_async_context(
                        http_session(server.mcp_url, mint_token(secret, identity))
                    )
                tool, arguments = rng.choice(QUESTIONS)
                await sessions[identity].call_tool(tool, arguments)
            elapsed = time.perf_counter() - started
        after = httpx.get(f"{server.base}/metrics").text
        hits = metric(after, "mcp_cache_hits_total") - metric(before, "mcp_cache_hits_total")
        misses = metric(after, "mcp_cache_misses_total") - metric(before, "mcp_cache_misses_total")
        print(
            f"workload: {opts.workload} calls, {len(IDENTITIES)} identities x {len(QUESTIONS)} questions, "
            f"{opts.workload / elapsed:.1f} calls/s, hit ratio {hits / max(hits + misses, 1):.3f}, "
            f"cache {metric(after, 'mcp_cache_entries'):.0f} entries / {metric(after, 'mcp_cache_bytes') / 1024:.0f} "
            "KiB"
        )


if __name__ == "__main__":
    asyncio.run(main())
