"""Latency of product search with new query texts while other calls keep the server and the database busy.

    python bench/search_under_load.py [--queries 120] [--load-clients 0 4] [--spin 300000 1000] [--rounds 2]

Each query text is new to the server, so each call embeds it (multilingual-e5-small on OpenMP, shim/
offline_embedder.py). Meanwhile --load-clients sessions (a separate process) call the point lookup without pause
over HTTP, as other users would. The arms differ only in GOMP_SPINCOUNT, how long an idle OpenMP thread spins
before it sleeps: libgomp's default (300000) and the server's (1000), alternating, --rounds times each. Prints the
search's p50 / p95 / max per arm; the queries are the labelled set's (tests/eval/search_queries_v2.jsonl).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from mcp_clients import http_server, http_session  # noqa: E402

import devdb  # noqa: E402
from shim.auth import mint_token  # noqa: E402

QUERIES = ROOT / "tests" / "eval" / "search_queries_v2.jsonl"
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"


async def hammer(url: str, token: str, clients: int) -> None:
    """Point lookups from `clients` sessions until killed: the other users."""

    async def one() -> None:
        async with http_session(url, token) as session:
            while True:
                await session.call_tool("get_current_utc_date", {})

    await asyncio.gather(*(one() for _ in range(clients)))


async def searches(url: str, token: str, texts: list[str]) -> list[float]:
    async with http_session(url, token) as session:
        await session.call_tool("semantic_search_products", {"query_description": "warm-up: a cordless drill"})
        samples = []
        for text in texts:
            started = time.perf_counter()
            result = await session.call_tool("semantic_search_products", {"query_description": text, "max_rows": 10})
            samples.append((time.perf_counter() - started) * 1000)
            if result.is_error:
                raise SystemExit(f"search failed: {result.content[0].text}")
        return samples


def measure(texts: list[str], spin: str, load_clients: int) -> list[float]:
    secret = uuid.uuid4().hex * 2
    token = mint_token(secret, HEAD_OFFICE)
    os.environ["GOMP_SPINCOUNT"] = spin  # the server's environment (tests/mcp_clients.server_env copies it)
    with http_server(
        devdb.server_login_url(), "--jwt-secret", secret, "--log-level", "WARNING", tmp_path=Path("/tmp")
    ) as server:
        load = None
        if load_clients:
            load = subprocess.Popen([sys.executable, __file__, "--hammer", server.mcp_url, token, str(load_clients)])
            time.sleep(2)  # sessions open, calls flowing
        try:
            return asyncio.run(searches(server.mcp_url, token, texts))
        finally:
            if load is not None:
                load.kill()
                load.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=120)
    parser.add_argument("--load-clients", type=int, nargs="+", default=[0, 4])
    parser.add_argument("--spin", nargs="+", default=["300000", "1000"], help="GOMP_SPINCOUNT values to compare")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--hammer", nargs=3, metavar=("URL", "TOKEN", "CLIENTS"), help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.hammer:
        url, token, clients = opts.hammer
        asyncio.run(hammer(url, token, int(clients)))
        return 0
    lines = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [q["query"] for q in lines]
    for clients in opts.load_clients:
        for round_ in range(opts.rounds):
            for spin in opts.spin:  # each measure starts a server of its own: its query cache starts empty
                ms = sorted(measure(texts[: opts.queries], spin, clients))
                p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
                print(
                    f"load clients {clients}, GOMP_SPINCOUNT {spin:>6}, round {round_ + 1}: search p50 "
                    f"{statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms ({len(ms)} queries)",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
