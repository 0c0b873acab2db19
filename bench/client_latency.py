"""Per-call latency of one tool through the MCP SDK's own client, over stdio and streamable HTTP.

    python bench/client_latency.py [--tool get_current_utc_date] [--args '{}'] [--calls 300]

Sequential calls (concurrency 1) against the development database: what one agent feels per tool call. The
throughput benchmark against other servers is bench/README.md's business; this is the quick, honest number.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from mcp_clients import http_server, http_session, stdio_session  # noqa: E402

import devdb  # noqa: E402
from shim.auth import mint_token  # noqa: E402


def summary(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return f"p50 {statistics.median(ms):.2f} ms, p99 {p99:.2f} ms, mean {statistics.fmean(ms):.2f} ms ({len(ms)} calls)"


async def timed(session, tool: str, args: dict, calls: int) -> list[float]:
    for _ in range(10):  # warm the pool and the prepared statements
        await session.call_tool(tool, args)
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        result = await session.call_tool(tool, args)
        samples.append(time.perf_counter() - started)
        if result.is_error:
            raise SystemExit(f"{tool} failed: {result.content[0].text}")
    return samples


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", default="get_current_utc_date")
    parser.add_argument("--args", default="{}", type=json.loads)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--identity", default="f47ac10b-58cc-4372-a567-0e02b2c3d479")
    opts = parser.parse_args()
    url = devdb.server_login_url()
    async with stdio_session(url, "--identity", opts.identity) as session:
        print(f"stdio {opts.tool}: {summary(await timed(session, opts.tool, opts.args, opts.calls))}")
    secret = uuid.uuid4().hex * 2
    with http_server(url, "--jwt-secret", secret, "--log-level", "WARNING", tmp_path=Path("/tmp")) as server:
        async with http_session(server.mcp_url, mint_token(secret, opts.identity)) as session:
            print(f"http  {opts.tool}: {summary(await timed(session, opts.tool, opts.args, opts.calls))}")


if __name__ == "__main__":
    asyncio.run(main())
