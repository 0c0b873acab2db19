"""Load and soak: N concurrent MCP clients over streamable HTTP with a realistic tool mix.

    python bench/load.py --clients 8 32 128 --seconds 60      # make soak runs this, then a 10-minute soak
    python bench/load.py --clients 8 --seconds 60 --uncached  # every call runs (the result cache bypassed)
    python bench/load.py --clients 8 32 --uncached --driver wrk --workers 2 --replica  # two processes, a replica

Each client is one MCP session (initialize, then tools/call in a loop) with its own identity's bearer token, on
the development database. Reported per concurrency: calls, errors by code, calls/s, p50/p99 latency, the
server's RSS at the start and the end, and where the CPU went (the server's processes, PostgreSQL, the replica,
the load generator, anything else on the machine). Calls that fail are counted by code; there are no intended
errors in the mix, so any error is a finding.

--workers N serves with N processes, which keep no sessions: initialize gives no session id, and the clients then
call without one. --replica makes a streaming replica of the development server (devdb.start_replica) in a scratch
directory under .cache/ for the run and passes it to the server; it is stopped and deleted at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import httpx  # noqa: E402
import psutil  # noqa: E402
from mcp_clients import free_port, http_server  # noqa: E402

import devdb  # noqa: E402
from bench.peers.measure import busy_cpu, tree_cpu, tree_rss  # noqa: E402
from shim.auth import mint_token  # noqa: E402
from shim.edge import FRESH_META_KEY  # noqa: E402
from shim.lean_http import CLIENT_CAPABILITIES_META, PROTOCOL_VERSION_META  # noqa: E402

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
VERSION = "2025-06-18"  # --protocol: 2026-07-28 has no handshake and no session (every call carries its version)
MODERN = "2026-07-28"


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


def call_meta(uncached: bool) -> dict:
    """A call's _meta: the result cache asked to step aside (uncached), and in 2026-07-28 the version and client
    capabilities every request carries."""
    meta = {FRESH_META_KEY: True} if uncached else {}
    if VERSION == MODERN:
        meta.update({PROTOCOL_VERSION_META: VERSION, CLIENT_CAPABILITIES_META: {}})
    return {"_meta": meta} if meta else {}


async def client_loop(
    base: str, token: str, deadline: float, latencies: list, codes: Counter, rng: random.Random, uncached: bool
):
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        headers = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/json, text/event-stream",
            "Content-Type": "application/json",
            "mcp-protocol-version": VERSION,
        }
        if VERSION != MODERN and (session := await open_session(http, token)):
            headers["mcp-session-id"] = session
        weights = [w for w, _, _ in MIX]
        # The result cache would answer most of the mix (its arguments repeat): uncached, every call runs.
        meta = call_meta(uncached)
        n = 0
        while time.monotonic() < deadline:
            _, tool, arguments = rng.choices(MIX, weights)[0]
            n += 1
            started = time.perf_counter()
            routing = {"mcp-method": "tools/call", "mcp-name": tool} if VERSION == MODERN else {}
            response = await http.post(
                "/mcp",
                headers={**headers, **routing},
                json={
                    "jsonrpc": "2.0",
                    "id": n,
                    "method": "tools/call",
                    "params": {"name": tool, "arguments": arguments, **meta},
                },
            )
            latencies.append((tool, time.perf_counter() - started))
            codes[outcome(response)] += 1


async def open_session(http: httpx.AsyncClient, token: str) -> str | None:
    """The handshake; the session id, or None from a server without sessions (--workers > 1, --stateless-http)."""
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
    init.raise_for_status()
    session = init.headers.get("mcp-session-id")
    headers.update({"mcp-protocol-version": VERSION, **({"mcp-session-id": session} if session else {})})
    await http.post("/mcp", headers=headers, json={"jsonrpc": "2.0", "method": "notifications/initialized"})
    return session


def run_wrk(base: str, clients: int, seconds: float, pid: int, uncached: bool) -> dict:
    """The same mix from wrk (bench/peers/mix_call.lua): one session per identity (none in 2026-07-28), each request a
    random identity and a call by weight. Reports totals only (wrk has one latency histogram)."""
    tokens = [mint_token(run.secret, identity, ttl_s=int(seconds) + 600) for identity in IDENTITIES]

    async def sessions() -> list[str | None]:
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            return [None if VERSION == MODERN else await open_session(http, token) for token in tokens]

    lines = [f"V\t{VERSION}"]
    lines += [f"S\t{token}\t{session or ''}" for token, session in zip(tokens, asyncio.run(sessions()), strict=True)]
    for weight, tool, arguments in MIX:
        params = {"name": tool, "arguments": arguments, **call_meta(uncached)}
        lines.append(f"M\t{weight}\t{json.dumps(params, separators=(',', ':'))}")
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as mix:
        mix.write("\n".join(lines) + "\n")
    rss_start = tree_rss(pid)
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
        "rss_start_mb": round(rss_start, 1),
        "rss_end_mb": round(tree_rss(pid), 1),
    }


def connection_picks(base: str) -> dict[str, int]:
    """How the server's call queue handed out connections so far (mcp_db_pool_picks): 'other role' picks make
    PostgreSQL plan the tools again (shim/connections.py CallQueue). Summed over workers only as far as /metrics reaches
    one of them."""
    text = httpx.get(base + "/metrics", timeout=10).text
    found = re.findall(r'^mcp_db_pool_picks\{how="([^"]+)"\} ([0-9.e+]+)$', text, re.M)
    return {how: int(float(count)) for how, count in found}


async def run(base: str, clients: int, seconds: float, pid: int, uncached: bool) -> dict:
    secret_tokens = [
        mint_token(run.secret, IDENTITIES[i % len(IDENTITIES)], ttl_s=int(seconds) + 600) for i in range(clients)
    ]
    latencies: list[float] = []
    codes: Counter = Counter()
    rss_start = tree_rss(pid)
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
        "rss_start_mb": round(rss_start, 1),
        "rss_end_mb": round(tree_rss(pid), 1),
    }


def cpu_seconds(server_pid: int, postmasters: dict[str, int]) -> dict[str, float]:
    """CPU seconds so far: the server's processes (with --workers, also each worker apart), each PostgreSQL server
    (postmaster and backends), this load generator with its reaped children (wrk), and the whole machine."""
    me, reaped = psutil.Process().cpu_times(), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "server": tree_cpu(server_pid),
        **{f"worker {i}": tree_cpu(p.pid) for i, p in enumerate(psutil.Process(server_pid).children())},
        **{name: tree_cpu(pid) for name, pid in postmasters.items()},
        "load generator": me.user + me.system + reaped.ru_utime + reaped.ru_stime,
        "machine": busy_cpu(),
    }


def cpu_report(before: dict, after: dict, seconds: float, calls: int) -> dict:
    """Percent of one core over the run for each part and for each worker, what the rest of the machine used, and
    CPU µs per call of the server and of PostgreSQL (primary and replica)."""
    used = {name: after[name] - before[name] for name in after}
    parts = {k: v for k, v in used.items() if not k.startswith("worker ") and k != "machine"}
    parts["other"] = used["machine"] - sum(parts.values())
    postgres = used.get("primary", 0.0) + used.get("replica", 0.0)
    return {
        "cpu_pct_of_a_core": {k: round(100 * v / seconds) for k, v in parts.items()},
        "workers_pct": [round(100 * v / seconds) for k, v in used.items() if k.startswith("worker ")],
        "cpu_us_per_call": {"server": round(used["server"] / calls * 1e6), "postgres": round(postgres / calls * 1e6)},
    }


def postmaster(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().split()[0])


def on_embedded_server() -> bool:
    """Whether the run's database is on the embedded development server, whose processes' CPU is then counted:
    no DATABASE_URL, or one whose socket directory is that server's (another of its databases, e.g. zava_full)."""
    given = os.environ.get("DATABASE_URL")
    if not given:
        return True
    parts = urlsplit(given)
    host = parse_qs(parts.query).get("host", [parts.hostname or ""])[0]
    pid_file = devdb.PGDATA / "postmaster.pid"
    return host.startswith("/") and Path(host).resolve() == devdb.PGDATA.resolve() and pid_file.exists()


@contextlib.contextmanager
def replica() -> Iterator[tuple[str, Path]]:
    """A streaming replica of the development server, for one run, in a scratch directory under .cache/: its URL for
    the project database as the server's login, and its data directory. Stopped and deleted at the end, whatever
    happened."""
    (ROOT / ".cache").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="load-replica-", dir=ROOT / ".cache"))
    try:
        admin = devdb.start_replica(devdb.admin_url(), scratch / "pgdata", free_port())
        url = urlsplit(devdb.with_user(admin, devdb.SERVER_LOGIN))
        yield urlunsplit(url._replace(path=f"/{devdb.DATABASE}")), scratch / "pgdata"
    finally:
        devdb.stop(scratch / "pgdata")
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    global VERSION
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32, 128])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pool-max", type=int, default=10)
    parser.add_argument(
        "--warmup",
        type=float,
        default=0,
        help="seconds of load before the measured runs, not reported (each process loads the embedding model on its "
        "first search)",
    )
    parser.add_argument("--uncached", action="store_true", help="ask every call to bypass the result cache")
    parser.add_argument(
        "--driver",
        choices=["python", "wrk"],
        default="python",
        help="python: one httpx MCP session per client, per-tool latencies; wrk: the load generator of make bench "
        "(bench/peers/mix_call.lua), for rates the Python client cannot reach",
    )
    parser.add_argument("--without", nargs="+", default=[], metavar="TOOL", help="leave these tools out of the mix")
    parser.add_argument("--only", nargs="+", default=[], metavar="TOOL", help="keep only these tools of the mix")
    parser.add_argument("--workers", type=int, default=1, help="server processes on the port (implies --stateless)")
    parser.add_argument("--stateless", action="store_true", help="serve without sessions (--stateless-http)")
    parser.add_argument(
        "--protocol",
        choices=[VERSION, MODERN],
        default=VERSION,
        help=f"{VERSION}: a session per client where the server keeps them (without one, a call takes the SDK's path, "
        f"not the lean one); {MODERN}: no handshake, every call complete in itself (the lean path either way)",
    )
    parser.add_argument(
        "--replica",
        action="store_true",
        help="serve read-only calls from a streaming replica of the development server, made for the run in .cache/",
    )
    args = parser.parse_args()
    if args.replica and os.environ.get("DATABASE_URL"):
        parser.error("--replica copies the embedded development server; DATABASE_URL names another")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a terminated run still stops its server and replica
    VERSION = args.protocol
    MIX[:] = [entry for entry in MIX if entry[1] not in args.without and (not args.only or entry[1] in args.only)]
    if not MIX:
        parser.error("--without and --only left no tool in the mix")
    run.secret = uuid.uuid4().hex * 2
    url = devdb.server_login_url()
    options = ["--jwt-secret", run.secret, "--log-level", "WARNING", "--pool-max", str(args.pool_max)]
    options += ["--workers", str(args.workers)]
    if args.stateless or args.workers > 1:  # given, not left implied: the workers of 8d590d9 kept sessions without it
        options.append("--stateless-http")
    postmasters = {"primary": postmaster(devdb.PGDATA)} if on_embedded_server() else {}
    with contextlib.ExitStack() as stack:
        if args.replica:
            replica_url, replica_pgdata = stack.enter_context(replica())
            options += ["--database-replica-url", replica_url]
            postmasters["replica"] = postmaster(replica_pgdata)
        server = stack.enter_context(http_server(url, *options, tmp_path=Path("/tmp")))
        pid = server.process.pid

        def load(clients: int, seconds: float) -> dict:
            if args.driver == "wrk":
                return run_wrk(server.base, clients, seconds, pid, args.uncached)
            return asyncio.run(run(server.base, clients, seconds, pid, args.uncached))

        if args.warmup:
            load(args.clients[0], args.warmup)
        for clients in args.clients:
            before, started = cpu_seconds(pid, postmasters), time.monotonic()
            picks_before = connection_picks(server.base)
            result = load(clients, args.seconds)
            after = cpu_seconds(pid, postmasters)
            picks = connection_picks(server.base)
            result["connection_picks"] = {how: n - picks_before.get(how, 0) for how, n in picks.items()}
            result.update(cpu_report(before, after, time.monotonic() - started, result["calls"]))
            result.update(workers=args.workers, stateless=args.stateless or args.workers > 1, replica=args.replica)
            result.update(protocol=VERSION, load_average=os.getloadavg())
            print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
