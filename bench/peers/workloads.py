"""What the peer benchmark measures, as data: per workload the tool of ours and its arguments, the identity, the
peers' one statement and tool calls, what a good response contains, the configurations it runs and the ratios its
results table reports. Nothing here runs anything; tests import it to keep the comparisons like with like.

The configurations (which server, transport and load generator) are in configs.py; the statement our server sends
for a call is built from `tool`, `identity` and `arguments` by our_call.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

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
    "retail.previous_period_start($1::date, $2::date) AS compare_start, $1::date - 1 AS compare_end, "
    "$2::date - $1::date + 1 AS calendar_days, "
    "greatest(0, least($2::date, (SELECT max(order_date) FROM retail.orders)) - $1::date + 1) AS days_counted, "
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
    "toolbox-http-ours",
    "sample-http",
    "sample-http-2026",
    "ours-stdio",
    "toolbox-stdio",
    "toolbox-stdio-ours",
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
        targets_title="Targets of issues 7 and 21 (point lookup), from this run",
        targets=(
            ("ours HTTP ÷ Toolbox HTTP, c=8", "ours-http", "toolbox-http", 8, 0.8),
            ("ours HTTP ÷ Toolbox HTTP running our statement, c=8", "ours-http", "toolbox-http-ours", 8, 1.2),
            (
                "ours HTTP 2026-07-28 ÷ Toolbox HTTP running our statement, c=8",
                "ours-http-2026",
                "toolbox-http-ours",
                8,
                1.2,
            ),
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
            ("ours stdio ÷ Toolbox stdio running our statement, c=8", "ours-stdio", "toolbox-stdio-ours", 8, None),
            ("ours stdio ÷ reference server-postgres stdio, c=8", "ours-stdio", "refpg-stdio", 8, 1.5),
        ),
        notes=(
            "Toolbox and the reference server run one statement (`" + PEER_SQL + "`) as one fixed login (`postgres`) "
            "with no per-call identity, no transaction (Toolbox) or a READ ONLY transaction + ROLLBACK (reference "
            "server); ours sends one statement per call (`mcp.call_tool`: READ ONLY, the identity and the request "
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
