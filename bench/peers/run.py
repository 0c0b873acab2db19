"""Peer benchmark: our MCP server against Google's MCP Toolbox, the reference server-postgres, the Zava sample's
architecture and the raw-driver limit, on one throw-away copy of the development database, in one run.

    .venv/bin/python bench/peers/run.py                 # all four workloads, 3 interleaved rounds x 3 s, ~35 min
    .venv/bin/python bench/peers/run.py --workload point                           # the point lookup alone, ~9 min
    .venv/bin/python bench/peers/run.py --workload point --rounds 2 --seconds 2 --only ours-http,toolbox-http
    .venv/bin/python bench/peers/run.py --workload analytics --rounds 1 --seconds 1 --concurrency 8 \
        --only ours-http,toolbox-http,pgbench-txn --output /tmp/wl.md               # a quick check

Workloads (--workload, several run one after another; one results table with its own targets or ratios each):
  point      `get_current_utc_date` as the Seattle store manager: one row, pure per-call overhead. The
             peers run one parameterless statement (now(), the latest order date). Targets of issue 7.
  analytics  "sales by store for a quarter": `get_store_performance` {"period_start": "2026-07-01",
             "period_end": "2026-09-30"} as head office, who sees every store, so the peers' unfiltered SQL returns
             the same 8 rows (checked before the cells). Ours sends `"_meta": {"fresh": true}` (the tool is
             `@cache 300`; `ours-http-cached` shows the cache instead). Toolbox: a `postgres-sql` tool with the query
             written out (STORE_PERFORMANCE_SQL, $1/$2); sample: `api.get_store_performance($1, $2)`; server-postgres
             and pgbench-stmt: that query with the dates inlined.
  adhoc      the ad-hoc query tool with a mid-size aggregate (ADHOC_SQL: revenue and orders per store per month of
             2026, 80 rows): ours `execute_sales_query` as head office, Toolbox `postgres-execute-sql`,
             server-postgres `query`, the sample a tool running the SQL it is given; pgbench-stmt the SQL itself.
  search     `semantic_search_products` {"query_description": "cordless drill for home repairs", "max_rows": 10}
             as the Seattle store manager:
             ours embeds the text in-process per call; pgbench-txn/asyncpg-txn run our statement with the vector
             computed once by the same embedder. The peers cannot embed text, so they are not run (not comparable).
Every workload names the substring every good response contains (a store name, a SKU; Workload.expect) and which
configurations it runs (the heavy ones leave out ours-http-unix, sample-http-2026 and the wrk ceilings). pgbench-txn
and asyncpg-txn run the one statement our server sends for the call, arguments included (our_call.py).

Each cell (configuration x concurrency 1/8/32) runs --seconds; the cells are interleaved (every configuration at
c=1, then c=8, then c=32, in an order rotated each round) and the medians of the rounds are reported, so machine
drift cancels. In the analytics, adhoc and search workloads the harness first waits, before each cell, until
PostgreSQL and the servers are idle (calls a generator left running when it stopped finish first).

Configurations (all against the same PostgreSQL over TCP 127.0.0.1, which Toolbox needs):
  pgbench-txn      pgbench -M prepared running the one statement our server sends per call, as zava_mcp (the limit)
  pgbench-stmt     pgbench -M prepared running the peers' single statement as postgres (their limit)
  asyncpg-txn      asyncpg, one connection per caller, the same statement, no MCP
  ours-http        server.py over streamable HTTP, protocol 2025-06-18 (session), bearer JWT
  ours-http-2026   the same server, protocol 2026-07-28 (stateless single exchange)
  ours-http-unix   ours-http with the database on the Unix socket instead of TCP
  ours-http-cached ours-http without `_meta.fresh` (analytics only: every call after the first a cache hit)
  toolbox-http     MCP Toolbox (npm @toolbox-sdk/server) with tools.yaml, pool of 10, protocol 2025-06-18
  sample-http      sample_server.py: MCPServer + asyncpg + session set_config, protocol 2025-06-18
  sample-http-2026 the same, protocol 2026-07-28
  ours-stdio       server.py --stdio, driven by stdio_driver (C)
  toolbox-stdio    toolbox --stdio, driven by stdio_driver
  refpg-stdio      @modelcontextprotocol/server-postgres 0.6.2 (Node), its `query` tool, same driver
  wrk-ceiling      wrk GET against Toolbox's `/` (a Go handler): the generator's own ceiling
  wrk-live-ours    wrk GET against our /health/live (HTTP stack alone, no MCP)

HTTP load comes from Debian's wrk with mcp_call.lua (unique JSON-RPC ids, every response checked); stdio load from
stdio_driver.c. Before each HTTP cell one call is made with httpx and checked to be a successful tool result (and a
fresh MCP session opened where the protocol has sessions); wrk then counts every non-successful response. CPU per
call = (server process tree + every PostgreSQL process, including exited backends via the postmaster's reaped
children times) CPU seconds over the cell / calls; RSS is the server process tree's after the cell.

Helpers are installed into .cache/peers/ (git-ignored): wrk with apt-get, Toolbox and server-postgres with npm, the
C driver with gcc, and the throw-away PostgreSQL cluster (a copy of the development database, see peerdb.py).
Writes bench/peers/RESULTS.md and .cache/peers/last-run.json.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

import httpx  # noqa: E402
import psutil  # noqa: E402
from our_call import pgbench_script  # noqa: E402
from peerdb import CACHE, PeerDB, _bin  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
IDENTITY = "f47ac10b-58cc-4372-a567-0e02b2c3d479"  # the Seattle store manager
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"  # sees every store: unfiltered peer SQL returns the same rows
TOOL = "get_current_utc_date"
EXPECT = "latest_order_date"
PEER_SQL = (
    "SELECT now() AS utc_now, (now() AT TIME ZONE 'UTC')::date AS utc_date, "
    "(SELECT max(order_date) FROM retail.orders) AS latest_order_date"
)
# analytics: api.get_store_performance as a Toolbox user writes it (sql/functions/0210_api_store_performance.sql
# without the store filter and argument checks): $1 = period_start, $2 = period_end. Same rows as the tool for head
# office (every store); tools.yaml gets it through ${STORE_PERFORMANCE_SQL}.
STORE_PERFORMANCE_SQL = (
    "WITH this_period AS ("
    "SELECT sl.store_id, sum(sl.revenue) AS revenue, count(DISTINCT sl.order_id) AS orders, "
    "sum(sl.quantity) AS units, count(DISTINCT sl.customer_id) AS customers, "
    "sum(sl.revenue - sl.cost_amount) AS margin, sum(sl.discount_amount) AS discount "
    "FROM retail.sales_lines AS sl WHERE sl.order_date BETWEEN $1::date AND $2::date GROUP BY sl.store_id), "
    "previous_period AS ("
    "SELECT sl.store_id, sum(sl.revenue) AS revenue FROM retail.sales_lines AS sl "
    "WHERE sl.order_date BETWEEN retail.previous_period_start($1::date, $2::date) AND $1::date - 1 "
    "GROUP BY sl.store_id) "
    "SELECT s.store_name AS store, coalesce(t.revenue, 0) AS revenue, coalesce(t.orders, 0) AS orders, "
    "coalesce(t.units, 0) AS units, coalesce(t.customers, 0) AS customers, "
    "round(t.revenue / nullif(t.orders, 0), 2) AS average_order_value, "
    "coalesce(t.discount, 0) AS discount, round(coalesce(t.margin, 0), 2) AS gross_margin, "
    "round(100 * t.margin / nullif(t.revenue, 0), 2) AS gross_margin_percent, "
    "coalesce(p.revenue, 0) AS previous_period_revenue, "
    "round(100 * (coalesce(t.revenue, 0) - p.revenue) / nullif(p.revenue, 0), 2) AS revenue_growth_percent, "
    "'completed' AS counted_statuses "
    "FROM retail.stores AS s LEFT JOIN this_period AS t ON t.store_id = s.store_id "
    "LEFT JOIN previous_period AS p ON p.store_id = s.store_id ORDER BY 2 DESC, 1"
)
QUARTER = {"period_start": "2026-07-01", "period_end": "2026-09-30"}
# adhoc: a mid-size aggregate an assistant would write (revenue and orders per store per month of 2026, 80 rows).
ADHOC_SQL = (
    "SELECT s.store_name AS store, date_trunc('month', o.order_date)::date AS month, "
    "count(DISTINCT o.order_id) AS orders, sum(oi.total_amount) AS revenue "
    "FROM retail.orders AS o JOIN retail.order_items AS oi ON oi.order_id = o.order_id "
    "JOIN retail.stores AS s ON s.store_id = o.store_id "
    "WHERE o.status = 'completed' AND o.order_date >= DATE '2026-01-01' AND o.order_date < DATE '2027-01-01' "
    "GROUP BY s.store_name, month ORDER BY s.store_name, month"
)
SEARCH_TEXT = "cordless drill for home repairs"
POOL = 10  # every server's connection pool (ours: --pool-max, Toolbox: pool_max_conns, sample: max_size)
MODERN = "2026-07-28"
LEGACY = "2025-06-18"
TOOLBOX = CACHE / "node_modules" / "@toolbox-sdk" / "server-linux-x64" / "bin" / "toolbox"
REFPG = CACHE / "node_modules" / "@modelcontextprotocol" / "server-postgres" / "dist" / "index.js"
DRIVER = CACHE / "bin" / "stdio_driver"


# ----- installing the helpers ----------------------------------------------------------------------------------


def sh(*cmd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(list(map(str, cmd)), check=True, **kw)


def install() -> list[str]:
    """Install what is missing; return notes about anything that could not be installed."""
    notes = []
    CACHE.mkdir(parents=True, exist_ok=True)
    if not shutil.which("wrk"):
        print("install: wrk (apt-get)", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        sh("apt-get", "update", "-qq", env=env, stdout=subprocess.DEVNULL)
        sh("apt-get", "install", "-y", "-qq", "wrk", env=env, stdout=subprocess.DEVNULL)
    wanted = []
    if not TOOLBOX.exists():
        wanted.append("@toolbox-sdk/server@1.12.0")
    if not REFPG.exists():
        wanted.append("@modelcontextprotocol/server-postgres@0.6.2")
    if wanted:
        print("install: npm", *wanted, flush=True)
        if not (CACHE / "package.json").exists():
            (CACHE / "package.json").write_text('{"name": "zava-peers-cache", "private": true}\n')
        try:
            sh("npm", "install", "--no-audit", "--no-fund", *wanted, cwd=CACHE, stdout=subprocess.DEVNULL)
        except (subprocess.CalledProcessError, FileNotFoundError) as exc:
            notes.append(f"npm install {' '.join(wanted)} failed: {exc}")
    src = HERE / "stdio_driver.c"
    if not DRIVER.exists() or DRIVER.stat().st_mtime < src.stat().st_mtime:
        DRIVER.parent.mkdir(parents=True, exist_ok=True)
        sh("gcc", "-O2", "-Wall", "-o", DRIVER, src)
    return notes


# ----- measuring CPU and memory --------------------------------------------------------------------------------


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, its live descendants and its reaped children.

    A child reaped between reading the reaped children's times and reading its own would count nowhere (many
    backends exit at once when a server closes its connections at the end of a cell): read again until the reaped
    children's times did not move while the live children were read."""
    try:
        root = psutil.Process(pid)
        for _ in range(10):
            t = root.cpu_times()
            live = 0.0
            for child in root.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    c = child.cpu_times()
                    live += c.user + c.system
            t2 = root.cpu_times()
            if (t2.children_user, t2.children_system) == (t.children_user, t.children_system):
                break
        return t2.user + t2.system + t2.children_user + t2.children_system + live
    except psutil.Error:
        return 0.0


def tree_rss(pid: int) -> float:
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total / 2**20


def busy_cpu() -> float:
    t = psutil.cpu_times()
    return t.user + t.system + t.nice + getattr(t, "irq", 0) + getattr(t, "softirq", 0) + getattr(t, "steal", 0)


# ----- configurations ------------------------------------------------------------------------------------------


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


@dataclass
class Workload:
    """What every configuration calls for one workload, and what a good response contains."""

    key: str
    title: str  # of its results table
    summary: str  # what is called (shown when the report holds more than the point lookup)
    tool: str  # ours
    arguments: dict
    identity: str
    expect: str  # substring of every good MCP response (wrk, the stdio driver, the httpx check before a cell)
    row_expect: str  # substring of the rows JSON our per-call statement returns (psql check, asyncpg driver)
    configs: tuple[str, ...]  # the configurations it runs
    fresh: bool = False  # ours: "_meta": {"fresh": true} on every call, so the result cache is bypassed
    peer_sql: str | None = None  # the peers' one statement, literal (pgbench-stmt, refpg-stdio)
    toolbox_call: dict | None = None  # tools/call params for Toolbox
    sample_call: dict | None = None  # tools/call params for the sample architecture
    embed: str | None = None  # argument our statement gets as a vector computed once (pgbench-txn, asyncpg-txn)
    targets_title: str = ""
    targets: tuple = ()  # (text, configuration, configuration it is divided by, concurrency, target or None)
    notes: tuple[str, ...] = ()


ALL_CONFIGS = (
    "pgbench-txn",
    "pgbench-stmt",
    "asyncpg-txn",
    "ours-http",
    "ours-http-2026",
    "ours-http-unix",
    "toolbox-http",
    "sample-http",
    "sample-http-2026",
    "ours-stdio",
    "toolbox-stdio",
    "refpg-stdio",
    "wrk-ceiling",
    "wrk-live-ours",
)
# Heavy workloads: the database dominates, so transport variants that only matter per call (Unix socket, the
# sample's 2026 protocol) and the generator's ceiling are left out; ours-http-cached shows what the cache gives.
HEAVY_CONFIGS = (
    "pgbench-txn",
    "pgbench-stmt",
    "asyncpg-txn",
    "ours-http",
    "ours-http-2026",
    "toolbox-http",
    "sample-http",
    "ours-stdio",
    "toolbox-stdio",
    "refpg-stdio",
)
PEER_TARGETS = (
    ("ours HTTP ÷ Toolbox HTTP, c=8", "ours-http", "toolbox-http", 8, None),
    ("ours HTTP 2026-07-28 ÷ Toolbox HTTP, c=8", "ours-http-2026", "toolbox-http", 8, None),
    ("ours HTTP ÷ sample architecture HTTP, c=8", "ours-http", "sample-http", 8, None),
    ("ours HTTP ÷ pgbench (same transaction), c=8", "ours-http", "pgbench-txn", 8, None),
    ("pgbench, our transaction ÷ pgbench, the peers' statement, c=8", "pgbench-txn", "pgbench-stmt", 8, None),
    ("ours stdio ÷ Toolbox stdio, c=8", "ours-stdio", "toolbox-stdio", 8, None),
    ("ours stdio ÷ reference server-postgres stdio, c=8", "ours-stdio", "refpg-stdio", 8, None),
)
WORKLOADS = {
    "point": Workload(
        "point",
        "point lookup (`get_current_utc_date`)",
        "ours `get_current_utc_date` as the Seattle store manager; the peers run one parameterless statement (now(), "
        "the latest order date).",
        TOOL,
        {},
        IDENTITY,
        EXPECT,
        f'"{EXPECT}":"',
        ALL_CONFIGS,
        peer_sql=PEER_SQL,
        toolbox_call={"name": TOOL, "arguments": {}},
        sample_call={"name": TOOL, "arguments": {}},
        targets_title="Targets of issue 7 (point lookup), from this run",
        targets=(
            ("ours HTTP ÷ Toolbox HTTP, c=8", "ours-http", "toolbox-http", 8, 1.2),
            ("ours HTTP 2026-07-28 ÷ Toolbox HTTP, c=8", "ours-http-2026", "toolbox-http", 8, 1.2),
            ("ours HTTP ÷ sample architecture HTTP, c=8", "ours-http", "sample-http", 8, 10),
            (
                "ours HTTP 2026-07-28 ÷ sample architecture HTTP 2026-07-28, c=8",
                "ours-http-2026",
                "sample-http-2026",
                8,
                10,
            ),
            ("ours HTTP ÷ pgbench (same transaction), c=8", "ours-http", "pgbench-txn", 8, 0.5),
            ("ours stdio ÷ Toolbox stdio, c=8", "ours-stdio", "toolbox-stdio", 8, 1.2),
            ("ours stdio ÷ reference server-postgres stdio, c=8", "ours-stdio", "refpg-stdio", 8, 1.5),
        ),
        notes=(
            "Toolbox and the reference server run one statement (`" + PEER_SQL + "`) as one fixed login (`postgres`) "
            "with no per-call identity, no transaction (Toolbox) or a READ ONLY transaction + ROLLBACK (reference "
            "server); ours sends one statement per call (`auth.call_tool`: READ ONLY, the identity and the request "
            "role set transaction-locally, the function under RLS as that role, session reset; its own "
            "transaction) and checks the connection is idle on release. `pgbench-stmt` is the database's ceiling "
            "for the peers' work, `pgbench-txn` for ours.",
            "The sample architecture logs in as `postgres` like the Zava sample (RLS bypassed), takes the identity "
            "from the unverified `x-rls-user-id` header and sets it with a session-level `set_config(..., false)` on "
            "the pooled connection (asyncpg's default reset runs on release); its tool runs the same SQL function.",
        ),
    ),
    "analytics": Workload(
        "analytics",
        "analytics, sales by store for a quarter (`get_store_performance`)",
        f"ours `get_store_performance` {json.dumps(QUARTER)} as head office (every store, 8 rows), with "
        '`"_meta": {"fresh": true}` so the result cache is bypassed (`ours-http-cached`: without it); Toolbox a '
        "`postgres-sql` tool with the same query written out (`period_start`, `period_end` as $1, $2); the sample "
        "architecture `api.get_store_performance($1, $2)` through asyncpg; server-postgres its `query` tool with "
        "that query, dates inlined (the same text `pgbench-stmt` runs).",
        "get_store_performance",
        QUARTER,
        HEAD_OFFICE,
        "Zava Retail Kirkland",  # the last of the 8 rows (revenue descending)
        "Zava Retail Kirkland",
        (*HEAVY_CONFIGS[:5], "ours-http-cached", *HEAVY_CONFIGS[5:]),
        fresh=True,
        peer_sql=STORE_PERFORMANCE_SQL.replace("$1", f"'{QUARTER['period_start']}'").replace(
            "$2", f"'{QUARTER['period_end']}'"
        ),
        toolbox_call={"name": "get_store_performance", "arguments": QUARTER},
        sample_call={"name": "get_store_performance", "arguments": QUARTER},
        targets_title="Ratios (analytics), from this run (no targets set)",
        targets=(
            *PEER_TARGETS,
            ("ours HTTP with the result cache ÷ ours HTTP, c=8", "ours-http-cached", "ours-http", 8, None),
        ),
        notes=(
            "Analytics: every configuration returns the same 8 rows (checked once before the cells: the peers' "
            "statement as `postgres` and our per-call statement as head office). Ours runs the tool's SQL function "
            "under RLS (policies on orders, order_items, stores: `store_id = ANY(the caller's stores)`); the peers "
            "run the query written out as `postgres` (RLS bypassed). The tool is `@cache 300`: every call of ours "
            'but `ours-http-cached` carries `"_meta": {"fresh": true}`, so each runs the query. The plans differ '
            "(the function keeps its arguments behind a MATERIALIZED CTE and filters by the caller's stores; the "
            "written-out statement has literal dates or Toolbox's parameters and no policies): `pgbench-txn` ÷ "
            "`pgbench-stmt` shows what identity, RLS and the function's plan cost at the database alone.",
        ),
    ),
    "adhoc": Workload(
        "adhoc",
        "ad-hoc query, a mid-size aggregate (`execute_sales_query`)",
        "ours `execute_sales_query` as head office with one SQL statement (revenue and orders per store per month "
        "of 2026, 80 rows); Toolbox its `postgres-execute-sql` tool, server-postgres its `query` tool, the sample "
        "architecture a tool running the SQL it is given, all with the same SQL.",
        "execute_sales_query",
        {"postgresql_query": ADHOC_SQL},
        HEAD_OFFICE,
        "Zava Retail Tacoma",  # the last store of the 80 rows (store name, month)
        "Zava Retail Tacoma",
        HEAVY_CONFIGS,
        peer_sql=ADHOC_SQL,
        toolbox_call={"name": "execute_sql", "arguments": {"sql": ADHOC_SQL}},
        sample_call={"name": "execute_sales_query", "arguments": {"postgresql_query": ADHOC_SQL}},
        targets_title="Ratios (ad-hoc query), from this run (no targets set)",
        targets=PEER_TARGETS,
        notes=(
            "Ad-hoc query: ours runs the SQL as a cursor inside `api.execute_sales_query` (PL/pgSQL: READ ONLY "
            "check, `SET LOCAL ROLE zava_sql_reader`, RLS on every table, each row turned into JSON, at most 500 "
            "rows); Toolbox runs it as `postgres` with no transaction, server-postgres as `postgres` in a READ ONLY "
            "transaction, the sample as `postgres` on its pooled connection (RLS bypassed for all three).",
        ),
    ),
    "search": Workload(
        "search",
        "semantic search (`semantic_search_products`)",
        f'ours `semantic_search_products` {{"query_description": "{SEARCH_TEXT}", "max_rows": 10}} as the '
        "Seattle store manager: the server embeds the text in-process (offline model) on every call; `pgbench-txn` "
        "and `asyncpg-txn` run our statement with the vector computed once. The peers cannot embed text: not run.",
        "semantic_search_products",
        {"query_description": SEARCH_TEXT, "max_rows": 10},
        IDENTITY,
        "PT-DRL-0001",  # the nearest product (Zava Pro 20V Cordless Drill/Driver Kit)
        "PT-DRL-0001",
        ("pgbench-txn", "asyncpg-txn", "ours-http", "ours-http-2026", "ours-stdio"),
        embed="query_description",
        targets_title="Ratios (semantic search), from this run (no targets set)",
        targets=(
            ("ours HTTP ÷ pgbench (same transaction, vector precomputed), c=8", "ours-http", "pgbench-txn", 8, None),
            ("ours HTTP 2026-07-28 ÷ ours HTTP, c=8", "ours-http-2026", "ours-http", 8, None),
            ("ours stdio ÷ ours HTTP, c=8", "ours-stdio", "ours-http", 8, None),
        ),
        notes=(
            "Semantic search: the peers (Toolbox, server-postgres, the sample architecture) have no embedder, so "
            "they cannot answer a text query and are not comparable; only ours and the database's ceiling for our "
            "statement run. The difference between `ours-http` and `pgbench-txn` includes embedding the text "
            "(multilingual-e5-small, 4-bit, in the server process) on every call.",
        ),
    ),
}


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


def free_port() -> int:
    from peerdb import free_port as fp

    return fp()


def check_same_rows(w: Workload, ours_out: str, postgres_url: str) -> None:
    """The peers' statement (as postgres) must return the rows our statement returns (as head office); `ours_out` is
    psql's output of our per-call statement (rows_json|compact_json|row_count)."""
    peer = subprocess.run(
        [_bin("psql"), "-XAtq", "-v", "ON_ERROR_STOP=1", postgres_url],
        input=f"SELECT coalesce(json_agg(q), '[]') FROM ({w.peer_sql}) AS q;\n",
        capture_output=True,
        text=True,
    )
    if peer.returncode:
        raise RuntimeError(f"{w.key}: the peers' statement does not run: {peer.stderr}")
    peer_rows = [list(r.values()) for r in json.loads(peer.stdout)]
    ours = json.loads(ours_out.split("|", 1)[0])
    # execute_sales_query returns one JSON value {"columns", "rows", ...}; a set-returning tool its rows
    ours_rows = ours["rows"] if isinstance(ours, dict) else [list(r.values()) for r in ours]
    if ours_rows != peer_rows:
        raise RuntimeError(f"{w.key}: the peers' statement returns other rows than ours: {peer_rows} {ours_rows}")


class Harness:
    def __init__(self, args, db: PeerDB, tmp: Path):
        self.args = args
        self.db = db
        self.tmp = tmp
        self.secret = uuid.uuid4().hex * 2
        self.servers: dict[str, HttpServer] = {}
        self.tokens: dict[str, str] = {}
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MCP_")}
        self.env["PYTHONUNBUFFERED"] = "1"
        self.toolbox_yaml = self.tmp / "tools.yaml"
        template = (HERE / "tools.yaml").read_text()
        for name, value in {
            "${PEER_PG_PORT}": str(db.port),
            "${POOL}": str(POOL),
            "${STORE_PERFORMANCE_SQL}": json.dumps(STORE_PERFORMANCE_SQL),  # a JSON string is a YAML scalar
        }.items():
            template = template.replace(name, value)
        self.toolbox_yaml.write_text(template)
        self.notes: list[str] = []
        self.statement_arguments: dict[str, dict] = {}
        self.our_scripts: dict[str, str] = {}

    def token(self, identity: str) -> str:
        if identity not in self.tokens:
            self.tokens[identity] = subprocess.run(
                [
                    PY,
                    ROOT / "server.py",
                    "mint-token",
                    "--identity",
                    identity,
                    "--secret",
                    self.secret,
                    "--ttl",
                    "7200",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        return self.tokens[identity]

    def prepare(self, w: Workload) -> None:
        """Build what the SQL-level configurations run for `w` (our per-call statement, with a vector computed once
        by the server's embedder where the tool embeds text) and check it returns a good answer."""
        arguments = dict(w.arguments)
        if w.embed:
            code = (
                "import asyncio, json, sys; sys.path.insert(0, sys.argv[1]); "
                "from shim.embedders import embed_one, from_environment; "
                "print(json.dumps(asyncio.run(embed_one(from_environment({}), sys.argv[2]))))"
            )
            out = subprocess.run(
                [PY, "-c", code, ROOT, arguments[w.embed]], capture_output=True, text=True, check=True, env=self.env
            )
            arguments[w.embed] = json.loads(out.stdout)
        self.statement_arguments[w.key] = arguments
        script = pgbench_script(self.db.url("zava_mcp"), w.tool, w.identity, arguments)
        self.our_scripts[w.key] = script
        # The pgbench script is checked once by hand: it must return the rows under the request role.
        check = subprocess.run(
            [_bin("psql"), "-XAtq", "-v", "ON_ERROR_STOP=1", self.db.url("zava_mcp")],
            input=script,
            capture_output=True,
            text=True,
        )
        if check.returncode or w.row_expect not in check.stdout:
            raise RuntimeError(f"our per-call statement does not run: {check.stdout[:1000]} {check.stderr}")
        if w.key in ("analytics", "adhoc"):
            check_same_rows(w, check.stdout, self.db.url("postgres"))

    # -- servers --

    def start(self, key: str, cmd: list, ready_path: str) -> None:
        port = free_port()
        log = self.tmp / f"{key}.log"
        with log.open("w") as sink:
            process = subprocess.Popen(
                [str(c).replace("{PORT}", str(port)) for c in cmd],
                stdout=sink,
                stderr=subprocess.STDOUT,
                env=self.env,
                cwd=self.tmp,
            )
        server = HttpServer(key, process, f"http://127.0.0.1:{port}", log)
        self.servers[key] = server
        wait_ready(server, ready_path)

    def start_servers(self, wanted: set[str]) -> None:
        ours_url = self.db.url("zava_mcp")

        def ours_command(url: str) -> list:
            return [
                PY,
                ROOT / "server.py",
                "--database-url",
                url,
                "--jwt-secret",
                self.secret,
                "--port",
                "{PORT}",
                "--log-level",
                "WARNING",
                "--pool-max",
                POOL,
            ]

        if "ours" in wanted:
            self.start(
                "ours",
                ours_command(ours_url),
                "/health/ready",
            )
        if "ours-unix" in wanted:
            self.start(
                "ours-unix",
                ours_command(self.db.socket_url("zava_mcp")),
                "/health/ready",
            )
        if "toolbox" in wanted:
            self.start(
                "toolbox",
                [
                    TOOLBOX,
                    "--config",
                    self.toolbox_yaml,
                    "--port",
                    "{PORT}",
                    "--disable-version-check",
                    "--disable-reload",
                    "--log-level",
                    "WARN",
                ],
                "/",
            )
        if "sample" in wanted:
            self.start(
                "sample",
                [
                    PY,
                    HERE / "sample_server.py",
                    "--database-url",
                    self.db.url("postgres"),
                    "--port",
                    "{PORT}",
                    "--pool-max",
                    POOL,
                ],
                "/health/live",
            )

    def stop_servers(self) -> None:
        for server in self.servers.values():
            server.process.terminate()
        for server in self.servers.values():
            try:
                server.process.wait(10)
            except subprocess.TimeoutExpired:
                server.process.kill()

    # -- configurations --

    def configs(self, w: Workload) -> list[Config]:
        """The configurations of workload `w`, in its order."""
        ours_url = self.db.url("zava_mcp")
        auth = {"Authorization": f"Bearer {self.token(w.identity)}"}
        modern = {"mcp-method": "tools/call", "mcp-name": w.tool}
        sample_id = {"x-rls-user-id": w.identity}
        ours_call = {"name": w.tool, "arguments": w.arguments}
        cached_call = dict(ours_call)
        if w.fresh:
            ours_call["_meta"] = {"fresh": True}
        toolbox_call = w.toolbox_call or {}
        sample_call = w.sample_call or {}
        sample_modern = {"mcp-method": "tools/call", "mcp-name": sample_call.get("name", "")}
        all_configs = [
            Config(
                "pgbench-txn",
                "pgbench -M prepared, the one statement our server sends per call, as zava_mcp",
                "SQL",
                "pgbench",
                "ours-http",
                pgbench_script=self.our_scripts[w.key],  # built by prepare(w)
            ),
            Config(
                "pgbench-stmt",
                "pgbench -M prepared, the peers' one statement as postgres",
                "SQL",
                "pgbench",
                "ours-http",
                pgbench_script=(w.peer_sql or "") + ";\n",
                pgbench_user="postgres",
            ),
            Config("asyncpg-txn", "asyncpg straight, our per-call transaction, no MCP", "SQL", "asyncpg", "ours-http"),
            Config(
                "ours-http",
                f"ours, streamable HTTP, protocol {LEGACY}",
                "HTTP",
                "wrk",
                None,
                "ours",
                LEGACY,
                auth,
                call=ours_call,
            ),
            Config(
                "ours-http-2026",
                f"ours, streamable HTTP, protocol {MODERN} (stateless)",
                "HTTP",
                "wrk",
                "ours-http",
                "ours",
                MODERN,
                {**auth, **modern},
                call=ours_call,
            ),
            Config(
                "ours-http-cached",
                f"ours, streamable HTTP, protocol {LEGACY}, result cache on (every call after the first a hit)",
                "HTTP",
                "wrk",
                "ours-http",
                "ours",
                LEGACY,
                auth,
                call=cached_call,
            ),
            Config(
                "ours-http-unix",
                f"ours, streamable HTTP, protocol {LEGACY}, database over the Unix socket",
                "HTTP",
                "wrk",
                "ours-http",
                "ours-unix",
                LEGACY,
                auth,
                call=ours_call,
            ),
            Config(
                "toolbox-http",
                f"MCP Toolbox 1.12, HTTP, protocol {LEGACY}",
                "HTTP",
                "wrk",
                "ours-http",
                "toolbox",
                LEGACY,
                call=toolbox_call,
            ),
            Config(
                "sample-http",
                f"sample architecture (MCPServer, asyncpg, session set_config), HTTP {LEGACY}",
                "HTTP",
                "wrk",
                "ours-http",
                "sample",
                LEGACY,
                sample_id,
                call=sample_call,
            ),
            Config(
                "sample-http-2026",
                f"sample architecture, HTTP {MODERN}",
                "HTTP",
                "wrk",
                "ours-http-2026",
                "sample",
                MODERN,
                {**sample_id, **sample_modern},
                call=sample_call,
            ),
            Config(
                "ours-stdio",
                "ours, stdio",
                "stdio",
                "stdio",
                None,
                stdio_cmd=[
                    PY,
                    ROOT / "server.py",
                    "--stdio",
                    "--identity",
                    w.identity,
                    "--database-url",
                    ours_url,
                    "--log-level",
                    "WARNING",
                    "--pool-max",
                    POOL,
                ],
                stdio_params=ours_call,
            ),
            Config(
                "toolbox-stdio",
                "MCP Toolbox 1.12, stdio",
                "stdio",
                "stdio",
                "ours-stdio",
                stdio_cmd=[
                    TOOLBOX,
                    "--config",
                    self.toolbox_yaml,
                    "--stdio",
                    "--disable-version-check",
                    "--disable-reload",
                    "--log-level",
                    "WARN",
                ],
                stdio_params=toolbox_call,
            ),
            Config(
                "refpg-stdio",
                "reference server-postgres 0.6.2 (Node), `query` tool, stdio",
                "stdio",
                "stdio",
                "ours-stdio",
                stdio_cmd=["node", REFPG, self.db.url("postgres")],
                stdio_params={"name": "query", "arguments": {"sql": w.peer_sql}},
            ),
            Config(
                "wrk-ceiling", "wrk GET Toolbox `/` (generator ceiling)", "HTTP", "wrk-get", None, "toolbox", path="/"
            ),
            Config(
                "wrk-live-ours",
                "wrk GET our /health/live (HTTP stack, no MCP)",
                "HTTP",
                "wrk-get",
                None,
                "ours",
                path="/health/live",
            ),
        ]
        by_key = {c.key: c for c in all_configs}
        chosen = [by_key[k] for k in w.configs]
        for c in chosen:
            c.workload, c.expect = w.key, w.expect
        return chosen

    # -- one call with httpx: verification and, for session protocols, the session --

    def open_session(self, cfg: Config) -> tuple[dict, str | None]:
        """Return the headers wrk must send; verify one tool call returns a successful tool result."""
        base = self.servers[cfg.server].base
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
                init = http.post(
                    cfg.path,
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
                http.post(cfg.path, headers=headers, json={"jsonrpc": "2.0", "method": "notifications/initialized"})
            else:
                params["_meta"] = {
                    **params.get("_meta", {}),
                    "io.modelcontextprotocol/protocolVersion": cfg.protocol,
                    "io.modelcontextprotocol/clientCapabilities": {},
                }
            reply = http.post(
                cfg.path, headers=headers, json={"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": params}
            )
            data = _jsonrpc(reply)
            result = data.get("result") or {}
            text = "".join(c.get("text", "") for c in result.get("content", []))
            if reply.status_code != 200 or "error" in data or result.get("isError") or cfg.expect not in text:
                raise RuntimeError(f"{cfg.key}: verification call failed: {reply.status_code} {reply.text[:500]}")
        cfg._params = params  # type: ignore[attr-defined]
        return headers, session

    def close_session(self, cfg: Config, headers: dict) -> None:
        if "mcp-session-id" in headers:
            with contextlib.suppress(httpx.HTTPError):
                httpx.delete(self.servers[cfg.server].base + cfg.path, headers=headers, timeout=5)

    # -- running one cell --

    def backends(self) -> set[int]:
        with contextlib.suppress(psutil.Error):
            return {c.pid for c in psutil.Process(self.db.postmaster_pid()).children()}
        return set()

    def snapshot(self, server_pid: int | None, settle: set[int] | None = None) -> tuple[float, float, float, float]:
        """(time, server tree CPU, PostgreSQL CPU, machine busy CPU).

        With `settle` (the postmaster's children before the cell), first wait until the backends the cell's client
        opened are gone: an exited backend's CPU reaches the postmaster's children times only once it is reaped.
        """
        if settle is not None:
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline and self.backends() - settle:
                time.sleep(0.01)
        return (
            time.monotonic(),
            tree_cpu(server_pid) if server_pid else 0.0,
            tree_cpu(self.db.postmaster_pid()),
            busy_cpu(),
        )

    def drain(self, timeout: float = 30, idle: float = 0.1) -> float:
        """Wait until PostgreSQL and the HTTP servers use under `idle` of a core (calls a generator left running
        when it stopped, e.g. 32 queued analytics calls, finish first); return the seconds waited."""
        pids = [self.db.postmaster_pid(), *(s.process.pid for s in self.servers.values())]
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            c0, s0 = sum(tree_cpu(pid) for pid in pids), time.monotonic()
            time.sleep(0.2)
            if (sum(tree_cpu(pid) for pid in pids) - c0) / (time.monotonic() - s0) < idle:
                break
        return time.monotonic() - t0

    def cell(self, cfg: Config, conc: int, seconds: float) -> dict:
        runner = {
            "wrk": self.run_wrk,
            "wrk-get": self.run_wrk,
            "pgbench": self.run_pgbench,
            "asyncpg": self.run_asyncpg,
            "stdio": self.run_stdio,
        }[cfg.kind]
        return runner(cfg, conc, seconds)

    def _finish(self, result: dict, before, after, server_pid, gen_cpu: float, app_cpu: float | None = None) -> dict:
        if not result["requests"]:
            raise RuntimeError(f"no call completed within the cell (bad {result.get('bad')}): make --seconds longer")
        calls = result["requests"]
        server_cpu = (after[1] - before[1] if server_pid else None) if app_cpu is None else app_cpu
        pg_cpu = after[2] - before[2]
        measured = (server_cpu or 0.0) + pg_cpu + gen_cpu
        result.update(
            {
                "calls_per_s": result["requests"] / (result["duration_us"] / 1e6),
                "p50_ms": result["p50_us"] / 1000,
                "p99_ms": result["p99_us"] / 1000,
                "server_cpu_us": server_cpu / calls * 1e6 if server_cpu is not None else None,
                "other_cpu_pct": 100 * max(0.0, (after[3] - before[3]) - measured) / max(after[0] - before[0], 1e-9),
                "pg_cpu_us": pg_cpu / calls * 1e6,
                "gen_cpu_us": gen_cpu / calls * 1e6,
                "other_cpu_s": max(0.0, (after[3] - before[3]) - measured),
                "wall_s": after[0] - before[0],
                "rss_mb": tree_rss(server_pid) if server_pid else None,
            }
        )
        return result

    def run_wrk(self, cfg: Config, conc: int, seconds: float) -> dict:
        server = self.servers[cfg.server]
        url = server.base + cfg.path
        threads = 1 if conc == 1 else 2
        cmd = ["wrk", "-t", threads, "-c", conc, "-d", f"{max(1, round(seconds))}s", "--timeout", "10s"]
        headers: dict = {}
        if cfg.kind == "wrk-get":
            cmd += ["-s", HERE / "get_live.lua", url]
        else:
            headers, _ = self.open_session(cfg)
            for k, v in headers.items():
                if k.lower() != "content-type":
                    cmd += ["-H", f"{k}: {v}"]
            params = json.dumps(cfg._params, separators=(",", ":"))  # type: ignore[attr-defined]
            prefix = '{"jsonrpc":"2.0","id":'
            suffix = f',"method":"tools/call","params":{params}}}'
            cmd += ["-s", HERE / "mcp_call.lua", url, "--", prefix, suffix, cfg.expect]
        before = self.snapshot(server.process.pid)
        proc = subprocess.Popen(list(map(str, cmd)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = proc.communicate()
        after = self.snapshot(server.process.pid)
        ru = _rusage_children_delta()
        if cfg.kind != "wrk-get":
            self.close_session(cfg, headers)
        line = next((x for x in out.splitlines() if x.startswith("WRK_RESULT ")), None)
        if proc.returncode or line is None:
            raise RuntimeError(f"wrk failed ({proc.returncode}): {out[-1000:]} {err[-1000:]}")
        return self._finish(json.loads(line[len("WRK_RESULT ") :]), before, after, server.process.pid, ru)

    def run_pgbench(self, cfg: Config, conc: int, seconds: float) -> dict:
        script = self.tmp / f"{cfg.key}.sql"
        script.write_text(cfg.pgbench_script or "")
        logdir = Path(tempfile.mkdtemp(dir=self.tmp))
        cmd = [
            _bin("pgbench"),
            "-n",
            "-M",
            "prepared",
            "-f",
            script,
            "-c",
            conc,
            "-j",
            min(conc, 2),
            "-T",
            max(1, round(seconds)),
            "-l",
            "--log-prefix",
            logdir / "pgb",
            "-h",
            "127.0.0.1",
            "-p",
            self.db.port,
            "-U",
            cfg.pgbench_user,
            "zava",
        ]
        existing = self.backends()
        before = self.snapshot(None)
        proc = subprocess.run(list(map(str, cmd)), capture_output=True, text=True, cwd=logdir)
        after = self.snapshot(None, settle=existing)
        gen = _rusage_children_delta()
        if proc.returncode:
            raise RuntimeError(f"pgbench failed: {proc.stdout[-1000:]} {proc.stderr[-1000:]}")
        lat = sorted(int(line.split()[2]) for f in logdir.iterdir() for line in f.read_text().splitlines())
        shutil.rmtree(logdir)
        tps = next(float(x.split("=")[1].split()[0]) for x in proc.stdout.splitlines() if x.startswith("tps ="))
        failed = next(
            (
                int(x.split(":")[1].split()[0])
                for x in proc.stdout.splitlines()
                if x.startswith("number of failed transactions")
            ),
            0,
        )
        n = len(lat)
        result = {
            "requests": n,
            "duration_us": n / tps * 1e6 if tps else seconds * 1e6,
            "p50_us": lat[n // 2],
            "p99_us": lat[max(0, int(n * 0.99) - 1)],
            "max_us": lat[-1],
            "ok": n - failed,
            "bad": failed,
            "socket_errors": 0,
            "non2xx": 0,
            "bad_sample": None,
        }
        return self._finish(result, before, after, None, gen)

    def run_asyncpg(self, cfg: Config, conc: int, seconds: float) -> dict:
        w = WORKLOADS[cfg.workload]
        arguments = json.dumps(self.statement_arguments[w.key], separators=(",", ":"))
        cmd = [PY, HERE / "asyncpg_driver.py", self.db.url("zava_mcp"), conc, seconds, w.identity, w.tool]
        cmd += [arguments, w.row_expect]
        existing = self.backends()
        proc = subprocess.Popen(list(map(str, cmd)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        start = proc.stdout.readline()  # printed when the timed window opens (connected, warmed up)
        before = self.snapshot(None)
        line = proc.stdout.readline()  # printed after the window, once its connections are closed
        after = self.snapshot(None, settle=existing)
        err = proc.stderr.read()
        proc.wait()
        _rusage_children_delta()
        if proc.returncode or start.strip() != "START" or not line.startswith("RESULT "):
            raise RuntimeError(f"asyncpg driver failed: {start} {line} {err[-1000:]}")
        result = json.loads(line[len("RESULT ") :])
        # The driver is the application here: its CPU over the timed window (measured inside it) is the "server".
        return self._finish(result, before, after, None, 0.0, app_cpu=result["client_cpu_s"])

    def run_stdio(self, cfg: Config, conc: int, seconds: float) -> dict:
        params = json.dumps(cfg.stdio_params, separators=(",", ":"))
        if len(params) > 8000:  # stdio_driver.c formats each request in an 8 KiB buffer
            raise RuntimeError(f"{cfg.key}: tools/call params too long for stdio_driver ({len(params)} bytes)")
        cmd = [DRIVER, conc, seconds, cfg.expect, params, "--", *cfg.stdio_cmd]
        with (self.tmp / f"{cfg.key}.log").open("a") as log:
            proc = subprocess.Popen(
                list(map(str, cmd)),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=self.env,
                cwd=self.tmp,
            )
        try:
            ready = proc.stdout.readline()
            if not ready.startswith("READY "):
                raise RuntimeError(
                    f"{cfg.key}: driver did not start: {ready!r} {(self.tmp / f'{cfg.key}.log').read_text()[-1500:]}"
                )
            pid = int(ready.split()[1])
            before = self.snapshot(pid)
            cpu_driver0 = tree_cpu(proc.pid) - tree_cpu(pid)
            proc.stdin.write("GO\n")
            proc.stdin.flush()
            line = proc.stdout.readline()
            after = self.snapshot(pid)
            gen = (tree_cpu(proc.pid) - tree_cpu(pid)) - cpu_driver0
            rss = tree_rss(pid)
            proc.stdin.write("END\n")
            proc.stdin.flush()
            proc.wait(30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        _rusage_children_delta()
        if not line.startswith("RESULT "):
            raise RuntimeError(f"{cfg.key}: driver failed: {line!r}")
        result = self._finish(json.loads(line[len("RESULT ") :]), before, after, pid, gen)
        result["rss_mb"] = rss
        return result


def wait_quiet(budget: list[float], threshold: float = 0.3) -> float:
    """Wait (from a shared budget of seconds) until other processes use under `threshold` of a core."""
    waited = 0.0
    while True:
        b0, t0 = busy_cpu(), time.monotonic()
        time.sleep(0.25)
        load = (busy_cpu() - b0) / (time.monotonic() - t0)
        if load < threshold or budget[0] <= 0:
            return waited
        time.sleep(0.5)
        budget[0] -= 0.75
        waited += 0.75


_RU = [0.0]


def _rusage_children_delta() -> float:
    """CPU seconds of reaped children since the last call (wrk, pgbench: the generators)."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = ru.ru_utime + ru.ru_stime
    delta = total - _RU[0]
    _RU[0] = total
    return delta


def _jsonrpc(reply: httpx.Response) -> dict:
    if reply.headers.get("content-type", "").startswith("text/event-stream"):
        for line in reply.text.splitlines():
            if line.startswith("data:"):
                return json.loads(line[5:])
        return {}
    return reply.json()


# ----- reporting -----------------------------------------------------------------------------------------------


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=0):
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def machine() -> dict:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def data_size(db: PeerDB) -> dict[str, int]:
    """Rows per table of the copy the run works on (make seed: SCALE=small by default, SCALE=full ~25x)."""
    tables = ("stores", "customers", "products", "orders", "order_items")
    out = subprocess.run(
        [_bin("psql"), "-XAtq", "-v", "ON_ERROR_STOP=1", db.url("postgres")],
        input="SELECT " + ", ".join(f"(SELECT count(*) FROM retail.{t})" for t in tables) + ";\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return dict(zip(tables, map(int, out.split("|")), strict=True))


def versions() -> dict:
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip().splitlines()[0]
        except Exception as exc:
            return f"unavailable ({exc})"

    from importlib.metadata import version

    import mcp  # noqa: F401

    return {
        "postgres": out([_bin("postgres"), "--version"]),
        "wrk": out(["sh", "-c", "wrk -v 2>&1"]),
        "toolbox": out([str(TOOLBOX), "--version"]),
        "server-postgres": "0.6.2" if REFPG.exists() else "not installed",
        "node": out(["node", "--version"]),
        "mcp (python)": version("mcp"),
        "asyncpg": version("asyncpg"),
        "uvicorn": version("uvicorn"),
    }


def medians(raw: dict) -> dict:
    """{(configuration, concurrency): the medians of its rounds} for one workload's raw results."""
    med: dict = {}
    for (key, conc), runs in raw.items():
        med[(key, conc)] = {
            m: median([r[m] for r in runs])
            for m in (
                "calls_per_s",
                "p50_ms",
                "p99_ms",
                "server_cpu_us",
                "pg_cpu_us",
                "gen_cpu_us",
                "rss_mb",
                "other_cpu_pct",
            )
        }
        med[(key, conc)]["rounds"] = len(runs)
        med[(key, conc)]["bad"] = sum(r["bad"] + r["socket_errors"] + r["non2xx"] for r in runs)
        med[(key, conc)]["ok"] = sum(r["ok"] for r in runs)
        med[(key, conc)]["spread"] = (
            (max(r["calls_per_s"] for r in runs) - min(r["calls_per_s"] for r in runs))
            / med[(key, conc)]["calls_per_s"]
            if len(runs) > 1 and med[(key, conc)]["calls_per_s"]
            else None
        )
    return med


def report(
    args, workloads: list[Workload], configs: dict[str, list[Config]], raw: dict, meta: dict, notes: list[str]
) -> str:
    """RESULTS.md: one header, then per workload its table, its configurations and its targets or ratios.

    With the point lookup alone the layout is the one it always had (one table, `##` sections)."""
    single = len(workloads) == 1
    lines = []
    w = lines.append
    if single:
        w(f"# Peer benchmark: {workloads[0].title}")
    else:
        w("# Peer benchmark: " + "; ".join(wl.title for wl in workloads))
    w("")
    w(f"- **Command**: `{meta['command']}`")
    w(f"- **Date**: {meta['date']} (total {meta['total_s']:.0f} s)")
    m = meta["machine"]
    w(
        f"- **Machine**: {m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GiB, Linux {m['kernel']}, "
        f"Python {m['python']}"
    )
    w("- **Versions**: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()))
    w("- **Data**: " + ", ".join(f"{n:,} {table}" for table, n in meta["data"].items()))
    w(
        f"- **Load average** at start {meta['load_start']}, at end {meta['load_end']}; CPU used by other processes "
        f"during the cells: median {meta['other_cpu_median']:.0%}, max {meta['other_cpu_max']:.0%} of one core "
        "(anything well above 0 is foreign load and makes the figures pessimistic); "
        f"{meta['quiet_waited_s']:.0f} s spent waiting for foreign load to drop before cells"
    )
    w(
        f"- **Method**: {args.rounds} interleaved rounds of {args.seconds:g} s per cell (configuration x concurrency), "
        "medians of the rounds; one database (a copy of the development database in a throw-away PostgreSQL on "
        f"127.0.0.1, Toolbox needs TCP); connection pools of {POOL} for every server. Calls/s and latency from wrk "
        "(HTTP, `mcp_call.lua`), `stdio_driver.c` (stdio), pgbench's per-transaction log and the asyncpg driver. "
        "CPU µs/call: the server process (for asyncpg-txn: the driver) and all PostgreSQL processes over the cell; "
        "the generator's own CPU is shown apart; *other CPU %*: CPU used by anything else on the machine "
        "during the cell (100 = one core; foreign load makes the row pessimistic). *spread*: (max - min) ÷ median "
        "of the rounds' calls/s. RSS: the server process after the cell. Every cell checked every response (`bad` "
        "counts failures); before each HTTP cell one httpx call was checked to be a successful tool result."
    )
    w(
        "- **Ratio**: calls/s of the row ÷ calls/s of the row named in *vs* at the same concurrency, medians of the "
        "same run (limits and peers above 1 are faster than ours)."
    )
    if single and workloads[0].key != "point":
        w(f"- **Workload**: {workloads[0].summary}")
    w("")
    sub = "##" if single else "###"
    for wl in workloads:
        if not single:
            w(f"## {wl.title}")
            w("")
            w(wl.summary)
            w("")
        workload_section(w, args, wl, configs[wl.key], medians(raw.get(wl.key, {})), sub)
    if notes:
        w("## Notes")
        w("")
        for n in notes:
            w(f"- {n}")
        w("")
    return "\n".join(lines)


def workload_section(w, args, wl: Workload, configs: list[Config], med: dict, sub: str) -> None:
    w(
        "| config | transport | c | calls/s | p50 ms | p99 ms | server CPU µs/call | PG CPU µs/call | "
        "gen CPU µs/call | RSS MB | vs | ratio | p99 ratio | spread | other CPU % | bad |"
    )
    w("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for cfg in configs:
        for conc in args.concurrency:
            r = med.get((cfg.key, conc))
            if r is None:
                continue
            base = med.get((cfg.baseline, conc)) if cfg.baseline else None
            ratio = r["calls_per_s"] / base["calls_per_s"] if base and base["calls_per_s"] else None
            p99r = r["p99_ms"] / base["p99_ms"] if base and base["p99_ms"] else None
            w(
                f"| {cfg.key} | {cfg.transport} | {conc} | {fmt(r['calls_per_s'])} | {fmt(r['p50_ms'], 2)} | "
                f"{fmt(r['p99_ms'], 2)} | {fmt(r['server_cpu_us'])} | {fmt(r['pg_cpu_us'])} | {fmt(r['gen_cpu_us'])} | "
                f"{fmt(r['rss_mb'], 0)} | {cfg.baseline or '-'} | {fmt(ratio, 2) if ratio else '-'} | "
                f"{fmt(p99r, 2) if p99r else '-'} | "
                f"{fmt(r['spread'] * 100) + '%' if r['spread'] is not None else '-'} | {fmt(r['other_cpu_pct'])} | "
                f"{r['bad']} |"
            )
    w("")
    w("Configurations:")
    w("")
    for cfg in configs:
        if any((cfg.key, c) in med for c in args.concurrency):
            w(f"- `{cfg.key}`: {cfg.label}")
    w("")
    w(f"{sub} {wl.targets_title}")
    w("")

    def ratio(a, b, conc):
        x, y = med.get((a, conc)), med.get((b, conc))
        if not x or not y or not y["calls_per_s"]:
            return None
        return x["calls_per_s"] / y["calls_per_s"]

    def line(text, value, target: float | None):
        if value is None:
            w(f"- {text}: not measured")
        elif target is None:
            w(f"- {text}: **{value:.2f}**")
        else:
            w(f"- {text}: **{value:.2f}** (target ≥ {target:g}) {'met' if value >= target else 'MISSED'}")

    for text, a, b, conc, target in wl.targets:
        line(text, ratio(a, b, conc), target)
    a, b = med.get(("ours-http", 32)), med.get(("toolbox-http", 32))
    if a and b:
        if wl.key == "point":
            w(
                f"- p99 at c=32, ours HTTP {a['p99_ms']:.2f} ms vs Toolbox {b['p99_ms']:.2f} ms (target: no worse) "
                f"{'met' if a['p99_ms'] <= b['p99_ms'] else 'MISSED'}"
            )
        else:
            w(f"- p99 at c=32, ours HTTP {a['p99_ms']:.2f} ms vs Toolbox {b['p99_ms']:.2f} ms")
    if wl.key == "search":
        w(
            "- Peers: not comparable. Toolbox, server-postgres and the sample architecture cannot embed text, so "
            "they have no way to answer this call; they were not run."
        )
    ceiling = max((med[(k, c)]["calls_per_s"] for (k, c) in med if k == "wrk-ceiling"), default=None)
    top = max((v["calls_per_s"] for (k, c), v in med.items() if k.endswith(("-http", "-http-2026"))), default=None)
    if ceiling and top:
        w(
            f"- Generator headroom: wrk reached {ceiling:,.0f} requests/s against Toolbox's `/`; the fastest MCP "
            f"configuration ran {top:,.0f} calls/s ({top / ceiling:.0%} of the ceiling, on the same 2 cores)."
        )
    w("")


# ----- main ----------------------------------------------------------------------------------------------------


GENERAL_NOTES = (
    "Our server runs with its defaults (offline embedder loaded at start, which is in its RSS; pool max "
    f"{POOL}); the Toolbox source sets `pool_max_conns={POOL}` (its default would be max(4, cores)).",
    "stdio cells start a fresh server each time (start-up is excluded: the driver does the handshake and a "
    "0.5 s warm-up before the timed window); HTTP servers stay up for the whole run and get a fresh MCP session "
    "per cell (closed with DELETE after it).",
    "All database traffic is TCP to 127.0.0.1 (the development database listens on a Unix socket only; Toolbox "
    "needs TCP, so this cluster listens on both); `ours-http-unix` is our server on the Unix socket instead.",
)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--workload",
        nargs="+",
        choices=list(WORKLOADS),
        default=list(WORKLOADS),
        help="workloads to run, one after another (default: all four)",
    )
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    p.add_argument("--only", help="comma-separated configuration keys")
    p.add_argument("--skip", help="comma-separated configuration keys")
    p.add_argument(
        "--quiet-wait",
        type=float,
        default=150,
        help="seconds the whole run may spend waiting for foreign CPU load to drop before a cell (default 150)",
    )
    p.add_argument("--keep-db", action="store_true", help="leave the throw-away PostgreSQL running")
    p.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = p.parse_args()
    workloads = [WORKLOADS[k] for k in dict.fromkeys(args.workload)]
    point_only = [wl.key for wl in workloads] == ["point"]
    started = time.monotonic()
    command = ".venv/bin/python bench/peers/run.py" + "".join(f" {a}" for a in sys.argv[1:])
    notes = install()
    load_start = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    db = PeerDB().start()
    data = data_size(db)
    tmp = Path(tempfile.mkdtemp(prefix="zava-peers-"))
    harness = Harness(args, db, tmp)
    raw: dict = {wl.key: {} for wl in workloads}
    plan: dict[str, list[Config]] = {}
    quiet_budget, waited, drained = [args.quiet_wait], [0.0], [0.0]
    errors: dict = {}
    try:
        missing = {"toolbox": TOOLBOX.exists(), "refpg": REFPG.exists()}
        for wl in workloads:
            harness.prepare(wl)  # our per-call statement (and the peers' rows) checked once by hand
            configs = harness.configs(wl)
            if args.only:
                configs = [c for c in configs if c.key in args.only.split(",")]
            if args.skip:
                configs = [c for c in configs if c.key not in args.skip.split(",")]
            for c in list(configs):
                needs = (
                    "toolbox"
                    if (c.server == "toolbox" or c.key.startswith("toolbox"))
                    else ("refpg" if c.key.startswith("refpg") else None)
                )
                if needs and not missing[needs]:
                    configs.remove(c)
                    note = f"{c.key} not run: {needs} is not installed"
                    if note not in notes:
                        notes.append(note)
            plan[wl.key] = configs
        harness.start_servers({c.server for configs in plan.values() for c in configs if c.server})
        for wl in workloads:
            configs = plan[wl.key]
            if not configs:
                continue
            tag = "" if point_only else f"{wl.key:<9} "
            heavy = wl.key != "point"  # calls still running when a cell's generator stops: let them finish first

            def settle(heavy: bool = heavy) -> None:
                if heavy:
                    drained[0] += harness.drain()

            print(f"{tag}warm-up (1 s per configuration and concurrency, not recorded)", flush=True)
            for conc in args.concurrency:
                for cfg in configs:
                    if cfg.kind in ("wrk", "wrk-get"):
                        settle()
                        with contextlib.suppress(Exception):
                            harness.cell(cfg, conc, 1)
            settle()
            _rusage_children_delta()  # start the generators' CPU accounting here
            for rnd in range(args.rounds):
                for conc in args.concurrency:
                    order = configs[rnd % len(configs) :] + configs[: rnd % len(configs)]
                    for cfg in order:
                        settle()
                        waited[0] += wait_quiet(quiet_budget)
                        try:
                            r = harness.cell(cfg, conc, args.seconds)
                        except Exception as exc:
                            errors.setdefault((wl.key, cfg.key), str(exc)[:800])
                            print(
                                f"{tag}round {rnd + 1} c={conc:<3} {cfg.key:<17} FAILED: {str(exc)[:300]}", flush=True
                            )
                            continue
                        raw[wl.key].setdefault((cfg.key, conc), []).append(r)
                        wall = r["wall_s"]
                        print(
                            f"{tag}round {rnd + 1} c={conc:<3} {cfg.key:<17} {r['calls_per_s']:>9,.0f}/s "
                            f"p50 {r['p50_ms']:6.2f} p99 {r['p99_ms']:7.2f} ms  cpu {fmt(r['server_cpu_us']):>6}+"
                            f"{r['pg_cpu_us']:5.0f} µs  bad {r['bad']}  other {r['other_cpu_s'] / wall:.0%}",
                            flush=True,
                        )
    finally:
        harness.stop_servers()
        if not args.keep_db:
            db.stop()
    for (wkey, key), err in errors.items():
        where = "" if point_only else f" ({wkey})"
        notes.append(f"`{key}`{where} failed in at least one cell: {err}")
    others = [
        r["other_cpu_s"] / r["wall_s"] for cells in raw.values() for runs in cells.values() for r in runs if r["wall_s"]
    ]
    meta = {
        "command": command,
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "versions": versions(),
        "load_start": load_start,
        "load_end": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "other_cpu_median": statistics.median(others) if others else 0.0,
        "other_cpu_max": max(others) if others else 0.0,
        "total_s": time.monotonic() - started,
        "quiet_waited_s": waited[0],
        "drained_s": drained[0],
        "workloads": [wl.key for wl in workloads],
        "data": data,
    }
    workload_notes = [
        (n if point_only or wl.key != "point" else f"Point lookup: {n}") for wl in workloads for n in wl.notes
    ]
    notes = [*notes, *workload_notes, *GENERAL_NOTES]
    if not point_only:
        notes.append(
            "Analytics, ad-hoc and search cells: a call costs tens to hundreds of ms of CPU (PostgreSQL's for "
            "analytics and ad-hoc; for search our server's, embedding the text), so a cell holds few calls and "
            "calls/s moves in steps of about c ÷ cell seconds. Where c ÷ calls/s approaches the cell's length "
            "(analytics and ad-hoc at c=32), the calls that finish within the cell are the ones that queued least: "
            "calls/s still measures throughput, but p50/p99 are biased low (a longer --seconds fixes that). Calls "
            "still running when a cell's generator stops are not counted, but the CPU they used within the cell is "
            "(CPU µs/call reads high when a cell holds few calls); before each of these cells the harness waited "
            "until PostgreSQL and the servers were idle again "
            f"({drained[0]:.0f} s in all, at most 30 s per cell; not part of the foreign-load wait)."
        )
    text = report(args, workloads, plan, raw, meta, notes)
    args.output.write_text(text + "\n")
    flat = {
        (f"{k}@{c}" if wl == "point" else f"{wl}:{k}@{c}"): v
        for wl, cells in raw.items()
        for (k, c), v in cells.items()
    }
    (CACHE / "last-run.json").write_text(
        json.dumps(
            {
                "meta": meta,
                "raw": flat,
                "errors": {(k if w == "point" else f"{w}:{k}"): e for (w, k), e in errors.items()},
            },
            indent=1,
        )
    )
    print()
    print(text)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
