"""Conformance with the official TypeScript MCP SDK client (tests/clients/ts: @modelcontextprotocol/sdk, pinned),
against the real server process over stdio and streamable HTTP, on the seeded database.

The TypeScript Client caches every tool's outputSchema from tools/list and validates each structuredContent against
it, throwing -32602 when it does not match, even for an isError result. So: every tool answers a valid call with
structuredContent its outputSchema accepts (checked by the TS client and again here with jsonschema), and every
error class a caller can provoke comes back as a result (isError, the error JSON in the text content, no
structuredContent), never as a thrown error. Also: tools/list as the Python SDK sees it, tools/list_changed after a
catalog change, and an aborted call whose query stops in PostgreSQL.

One HTTP server per module (plus one with a short statement timeout); over stdio the TS client starts the server
itself, one process per plan. Plans batch many steps into one Node process.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import sys
import threading
import time
import uuid
from typing import Any

import jsonschema
import jwt
import pytest
from clients.ts_client import TS_DIR, ensure_installed, run_client
from mcp_clients import SERVER, http_server, http_session, server_env, stdio_session
from psycopg import sql

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"  # the Seattle store manager
UNKNOWN = str(uuid.uuid4())  # well-formed, but no manager: the database maps it to no role
SECRET = "ts-conformance-" + uuid.uuid4().hex
APP = "ts-conformance"  # application_name of the servers' sessions, to find their queries in pg_stat_activity
Q1 = {"period_start": "2025-01-01", "period_end": "2025-03-31"}
SWAPPED = {"period_start": "2025-03-31", "period_end": "2025-01-01"}

# One valid call per tool, and whether it must return rows (an empty list would validate against any item schema).
GOOD: dict[str, tuple[dict[str, Any], bool]] = {
    "get_current_utc_date": ({}, False),
    "get_store_performance": ({**Q1, "store_name": "Seattle"}, True),
    "get_sales_by_period": ({"grain": "month", **Q1, "store_name": "Seattle", "category_name": "Power Tools"}, True),
    "get_sales_by_dimension": ({"dimension": "category", **Q1}, True),
    "get_top_products": ({**Q1, "rank_by": "quantity", "top_n": 5, "store_name": "Zava Retail Seattle"}, True),
    "get_customer_metrics": ({**Q1, "store_name": "Seattle"}, True),
    "get_top_customers": ({**Q1, "top_n": 5}, True),
    "get_low_stock": ({"threshold": 5}, True),
    "get_inventory_value": ({"store_name": "Seattle"}, True),
    "get_stockout_risk": ({"lookback_days": 90, "horizon_days": 60}, False),
    "get_slow_movers": ({"lookback_days": 30, "top_n": 5, "store_name": "Seattle"}, True),
    "get_seasonal_trend": ({"category_name": "Garden & Outdoor"}, True),
    "get_category_growth": ({"year": 2025, "compare_year": 2024}, True),
    "get_multiple_table_schemas": ({"table_names": ["orders", "retail.stores"]}, False),
    "execute_sales_query": ({"postgresql_query": "SELECT count(*), max(order_date) FROM retail.orders"}, True),
    "semantic_search_products": ({"query_description": "cordless drill with two batteries", "max_rows": 5}, True),
    "get_sales_pattern": ({"pattern": "day_of_week", **Q1, "include_statuses": ["completed", "refunded"]}, True),
    "get_order_status_summary": ({**Q1, "store_name": "Seattle"}, True),
    "get_measure_glossary": ({}, True),
}

# One bad call per tool, each a VALIDATION_ERROR with a hint: an unknown argument (the shim names the field and the
# allowed arguments, no database round trip) or a value the API function rejects (22023, with what is valid).
BAD: dict[str, tuple[dict[str, Any], str | None]] = {
    "get_current_utc_date": ({"store_name": "Seattle"}, "store_name"),
    "get_store_performance": ({**Q1, "store_name": "Atlantis"}, None),
    "get_sales_by_period": ({"grain": "month", **Q1, "category_name": "Toys"}, None),
    "get_sales_by_dimension": ({"dimension": "category", **SWAPPED}, None),
    "get_top_products": ({**Q1, "limit": 5}, "limit"),
    "get_customer_metrics": ({**Q1, "store_name": "Atlantis"}, None),
    "get_top_customers": ({**SWAPPED, "top_n": 5}, None),
    "get_low_stock": ({"threshold": 5, "category_name": "Toys"}, None),
    "get_inventory_value": ({"store_name": "Atlantis"}, None),
    "get_stockout_risk": ({"horizon": 30}, "horizon"),
    "get_slow_movers": ({"category_name": "Toys"}, None),
    "get_seasonal_trend": ({"category_name": "Toys"}, None),
    "get_category_growth": ({"year": 2025, "region": "west"}, "region"),
    "get_multiple_table_schemas": ({"table_names": []}, None),
    "execute_sales_query": ({"postgresql_query": "SELECT 1", "query": "SELECT 2"}, "query"),
    "semantic_search_products": ({"query_description": "drill", "top_k": 5}, "top_k"),
    "get_sales_pattern": ({"pattern": "day_of_week", **Q1, "include_statuses": []}, "include_statuses"),
    "get_order_status_summary": ({**SWAPPED}, None),
    "get_measure_glossary": ({"measure": "revenue"}, "measure"),
}

UNKNOWN_COLUMN = "SELECT order_dat FROM retail.orders"  # 42703, with PostgreSQL's "Perhaps you meant" hint
SLOW_QUERY = "SELECT pg_sleep(2)"  # past the short server's 300 ms statement timeout
LONG_QUERY = "SELECT pg_sleep(30)"  # for the aborted call: only a cancel ends it within the test


def token(identity: str) -> str:
    claims = {"sub": identity, "exp": int(time.time()) + 600}
    return jwt.encode(claims, SECRET, algorithm="HS256")


@pytest.fixture(scope="module")
def node_client():
    """The pinned SDK installed (once per machine); fails, never skips, when npm cannot install it."""
    return ensure_installed()


@pytest.fixture(scope="module")
def login(seeded_db) -> str:
    return seeded_db.server.url(seeded_db.name, user="zava_mcp")


@pytest.fixture(scope="module")
def http_servers(login, tmp_path_factory):
    """The module's HTTP server (default statement timeout) and one with a 300 ms statement timeout, started
    side by side."""
    tmp = tmp_path_factory.mktemp("ts-http")
    common = ("--jwt-secret", SECRET, "--log-level", "WARNING")
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        main_cm = http_server(login, *common, "--application-name", f"{APP}-http", tmp_path=tmp)
        short_cm = http_server(login, *common, "--statement-timeout-ms", "300", tmp_path=tmp)
        main, short = pool.submit(main_cm.__enter__), pool.submit(short_cm.__enter__)
        try:
            yield {"main": main.result(), "short": short.result()}
        finally:
            for cm, started in ((main_cm, main), (short_cm, short)):
                if started.exception() is None:
                    cm.__exit__(None, None, None)


@dataclasses.dataclass
class Target:
    """How a plan reaches the server over one transport."""

    kind: str  # "stdio" or "http"
    login: str
    http: dict | None = None

    def transport(self, identity: str, *, short_timeout: bool = False, app: str | None = None) -> dict:
        if self.kind == "stdio":
            args = [SERVER, "--stdio", "--database-url", self.login, "--log-level", "WARNING", "--identity", identity]
            args += ["--statement-timeout-ms", "300"] if short_timeout else []
            args += ["--application-name", app] if app else []
            return {"stdio": {"command": sys.executable, "args": args, "env": server_env()}}
        server = self.http["short" if short_timeout else "main"]
        return {"http": {"url": server.mcp_url, "headers": {"Authorization": f"Bearer {token(identity)}"}}}

    def app_name(self) -> str:
        """application_name of the sessions running the cancel plan's calls."""
        return f"{APP}-http" if self.kind == "http" else f"{APP}-stdio-cancel"


@pytest.fixture(scope="module", params=["stdio", "http"])
def target(request, node_client, login) -> Target:
    http = request.getfixturevalue("http_servers") if request.param == "http" else None
    return Target(request.param, login, http)


def list_tools() -> dict:
    return {"op": "listTools", "label": "tools/list"}


def call(name: str, arguments: dict, label: str) -> dict:
    return {"op": "callTool", "name": name, "arguments": arguments, "label": label, "timeoutMs": 30000}


@pytest.fixture(scope="module")
def batch(target: Target) -> dict[str, dict]:
    """Three plans at once: as Seattle's manager (every tool's valid and bad call, an unknown column), as an
    identity the database does not know (every tool), and against a 300 ms statement timeout. Step records by
    label; "tools/list" is the first plan's listing."""
    plans = {
        "seattle": [
            list_tools(),
            *(call(name, args, f"good:{name}") for name, (args, _) in GOOD.items()),
            *(call(name, args, f"bad:{name}") for name, (args, _) in BAD.items()),
            call("execute_sales_query", {"postgresql_query": UNKNOWN_COLUMN}, "query_error"),
        ],
        "unknown": [
            list_tools(),
            *(call(name, args, f"unknown:{name}") for name, (args, _) in GOOD.items()),
        ],
        "short": [
            list_tools(),
            call("execute_sales_query", {"postgresql_query": SLOW_QUERY}, "timeout"),
            call("get_current_utc_date", {}, "after_timeout"),
        ],
    }
    transports = {
        "seattle": target.transport(SEATTLE),
        "unknown": target.transport(UNKNOWN),
        "short": target.transport(SEATTLE, short_timeout=True),
    }
    with concurrent.futures.ThreadPoolExecutor(len(plans)) as pool:
        futures = {k: pool.submit(run_client, {"transport": transports[k], "steps": plans[k]}) for k in plans}
        documents = {k: f.result() for k, f in futures.items()}
    records: dict[str, dict] = {}
    for document in documents.values():
        for record in document["steps"]:
            records.setdefault(record["label"], record)
    records["documents"] = documents
    return records


def pinned_sdk_version() -> str:
    return json.loads((TS_DIR / "package.json").read_text())["dependencies"]["@modelcontextprotocol/sdk"]


def tool_result(record: dict) -> dict:
    """The CallToolResult the TS client returned; fails when the client threw instead."""
    assert "threw" not in record, f"the TypeScript client threw on {record['label']}: {record['threw']}"
    return record["ok"]


def error_of(record: dict) -> dict:
    """The error of an isError result: the text content's {"error": {...}}; the result carries no structuredContent
    (which the client would check against the tool's outputSchema)."""
    result = tool_result(record)
    assert result.get("isError") is True, f"{record['label']}: not an error result: {result}"
    assert result.get("structuredContent") is None, f"{record['label']}: an error result with structuredContent"
    texts = [c["text"] for c in result["content"] if c["type"] == "text"]
    assert len(texts) == 1, result
    return json.loads(texts[0])["error"]


def check_error(record: dict, code: str, *, field: str | None = None) -> list:
    """What is wrong with an error record (empty when it is right): code, message, hint, field."""
    try:
        error = error_of(record)
    except (AssertionError, KeyError, ValueError) as exc:
        return [(record["label"], str(exc))]
    wrong = []
    if error.get("code") != code:
        wrong.append((record["label"], f"code {error.get('code')!r}, wanted {code!r}", error))
    if not error.get("message") or not error.get("hint"):
        wrong.append((record["label"], "no message or no hint", error))
    if field is not None and error.get("field") != field:
        wrong.append((record["label"], f"field {error.get('field')!r}, wanted {field!r}", error))
    return wrong


def ts_tools(batch: dict) -> dict[str, dict]:
    return {t["name"]: t for t in tool_result(batch["tools/list"])["tools"]}


def test_the_pinned_sdk_is_the_one_that_ran(batch):
    pinned = pinned_sdk_version()
    assert pinned[0].isdigit(), f"pin @modelcontextprotocol/sdk exactly, not {pinned!r}"
    assert {d["sdkVersion"] for d in batch["documents"].values()} == {pinned}
    assert all(d["server"] and d["protocolVersion"] for d in batch["documents"].values())


async def test_the_ts_client_lists_what_the_python_sdk_lists(target, batch):
    if target.kind == "stdio":
        session = stdio_session(target.login, "--identity", SEATTLE)
    else:
        session = http_session(target.http["main"].mcp_url, token(SEATTLE))
    async with session as s:
        python_names = sorted(t.name for t in (await s.list_tools()).tools)
    listing = tool_result(batch["tools/list"])
    assert not listing.get("nextCursor")
    assert sorted(ts_tools(batch)) == python_names
    assert set(GOOD) == set(python_names) == set(BAD), "every tool needs a valid and a bad call in GOOD and BAD"
    assert all(t.get("outputSchema") for t in ts_tools(batch).values())


def test_every_tool_answers_within_its_output_schema(target, batch):
    """The TS client checked structuredContent against the outputSchema it cached (it throws otherwise); jsonschema
    checks it again here, formats included."""
    tools = ts_tools(batch)
    wrong = []
    for name, (_, rows_expected) in GOOD.items():
        record = batch[f"good:{name}"]
        if "threw" in record:
            wrong.append((name, "threw", record["threw"]))
            continue
        result = record["ok"]
        structured = result.get("structuredContent")
        if result.get("isError") or structured is None:
            wrong.append((name, "error or no structuredContent", result))
            continue
        schema = tools[name]["outputSchema"]
        validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
        problems = [e.message for e in validator.iter_errors(structured)]
        if problems:
            wrong.append((name, "outputSchema", problems[:3]))
        if rows_expected and not structured.get("rows") and structured.get("result") in (None, [], {}):
            wrong.append((name, "no rows", structured))
        if not result.get("content") or result["content"][0].get("type") != "text":
            wrong.append((name, "no text content", result.get("content")))
    assert not wrong


def test_a_bad_argument_is_a_validation_error_result(target, batch):
    wrong = []
    for name, (_, field) in BAD.items():
        wrong += check_error(batch[f"bad:{name}"], "VALIDATION_ERROR", field=field)
    assert not wrong


def test_an_unknown_identity_is_an_authorization_error_result(target, batch):
    wrong = []
    for name in GOOD:
        wrong += check_error(batch[f"unknown:{name}"], "AUTHORIZATION_ERROR")
    assert not wrong


def test_an_unknown_column_is_a_query_error_result(target, batch):
    assert not check_error(batch["query_error"], "QUERY_ERROR")
    assert "order_date" in error_of(batch["query_error"])["hint"]


def test_the_statement_timeout_is_a_query_timeout_result(target, batch):
    record = batch["timeout"]
    assert not check_error(record, "QUERY_TIMEOUT")
    assert record["endedAt"] - record["startedAt"] < 1900, "the call ran its pg_sleep(2) to the end"
    after = tool_result(batch["after_timeout"])
    assert not after.get("isError") and after["structuredContent"]


def test_a_catalog_change_reaches_the_ts_client_as_list_changed(target, seeded_db):
    """While the client waits, the catalog changes (a tool's description) and NOTIFY mcp_schema_changed follows, every
    half second until the client has heard it (a stdio server may still be starting when the first one goes out)."""
    comment = "COMMENT ON FUNCTION api.get_current_utc_date() IS {}"
    with seeded_db.connect(autocommit=True) as conn:
        original = conn.execute(
            "SELECT obj_description('api.get_current_utc_date()'::regprocedure, 'pg_proc')"
        ).fetchone()[0]
    plan = {
        "transport": target.transport(SEATTLE),
        "steps": [list_tools(), {"op": "waitListChanged", "timeoutMs": 20000, "label": "wait"}, list_tools()],
    }
    with concurrent.futures.ThreadPoolExecutor(1) as pool, seeded_db.connect(autocommit=True) as conn:
        running = pool.submit(run_client, plan)
        try:
            change = 0
            while not running.done():
                change += 1
                conn.execute(sql.SQL(comment).format(sql.Literal(f"{original} (conformance change {change})")))
                conn.execute("NOTIFY mcp_schema_changed")
                time.sleep(0.5)
        finally:
            conn.execute(sql.SQL(comment).format(sql.Literal(original)))
            conn.execute("NOTIFY mcp_schema_changed")
        document = running.result()
    before, waited, after = document["steps"]
    assert "threw" not in waited, waited["threw"]
    assert waited["ok"]["notifications"] >= 1
    first = {t["name"]: t.get("description") for t in tool_result(before)["tools"]}
    second = {t["name"]: t.get("description") for t in tool_result(after)["tools"]}
    assert first.keys() == second.keys()
    assert first["get_current_utc_date"] != second["get_current_utc_date"]
    assert "(conformance change" in second["get_current_utc_date"]


def test_an_aborted_call_stops_its_query_in_postgres(target, seeded_db):
    """The TS client aborts a 30 s query after 1.5 s (AbortSignal: notifications/cancelled); the query was running
    and is gone from pg_stat_activity while the session lives on, and the session still answers."""
    app = target.app_name()
    plan = {
        "transport": target.transport(SEATTLE, app=app),
        "steps": [
            list_tools(),
            {
                "op": "cancelCall",
                "name": "execute_sales_query",
                "arguments": {"postgresql_query": LONG_QUERY},
                "afterMs": 1500,
                "label": "aborted",
            },
            {"op": "sleep", "ms": 3000, "label": "after_abort"},
            call("get_current_utc_date", {}, "still_serving"),
        ],
    }
    samples: list[tuple[float, int]] = []
    done = threading.Event()

    def watch():
        with seeded_db.connect(autocommit=True) as conn:
            while not done.is_set():
                count = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND application_name = %s "
                    "AND state = 'active' AND query LIKE '%%tool execute_sales_query%%'",
                    (seeded_db.name, app),
                ).fetchone()[0]
                samples.append((time.time() * 1000, count))
                time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        document = run_client(plan)
    finally:
        done.set()
        watcher.join(10)
    _, aborted, slept, still = document["steps"]
    assert "threw" in aborted, f"the aborted call answered: {aborted.get('ok')}"
    assert aborted["endedAt"] - aborted["abortedAt"] < 1000, "the abort did not end the call promptly"
    running = [c for t, c in samples if aborted["startedAt"] + 300 < t < aborted["abortedAt"]]
    assert running and max(running) == 1, f"the query was not seen running: {running}"
    settled = [c for t, c in samples if aborted["abortedAt"] + 1500 < t < slept["endedAt"]]
    assert settled and max(settled) == 0, f"the query outlived the abort: {settled}"
    result = tool_result(still)
    assert not result.get("isError") and result["structuredContent"]


def python_session(target: Target, identity: str, *, short_timeout: bool = False):
    """The official Python SDK client on the same transport as the TypeScript plans."""
    if target.kind == "stdio":
        extra = ("--statement-timeout-ms", "300") if short_timeout else ()
        return stdio_session(target.login, "--identity", identity, *extra)
    return http_session(target.http["short" if short_timeout else "main"].mcp_url, token(identity))


def python_error(result) -> dict:
    assert result.is_error and result.structured_content is None, result
    return json.loads(result.content[0].text)["error"]


async def test_the_python_client_reads_every_tool_and_every_error_class(target):
    """What the TypeScript plans check, through the Python SDK's ClientSession: every tool's answer validates against
    its outputSchema (the client's own validator), and every error class comes back as a readable result."""
    wrong = []
    async with python_session(target, SEATTLE) as s:
        await s.list_tools()
        for name, (arguments, _) in GOOD.items():
            result = await s.call_tool(name, arguments)
            if result.is_error:
                wrong.append((name, result.content[0].text[:200]))
                continue
            await s.validate_tool_result(name, result)
        for name, (arguments, field) in BAD.items():
            error = python_error(await s.call_tool(name, arguments))
            if error["code"] != "VALIDATION_ERROR" or not error.get("hint") or (field and error.get("field") != field):
                wrong.append((name, error))
        query_error = python_error(await s.call_tool("execute_sales_query", {"postgresql_query": UNKNOWN_COLUMN}))
        assert query_error["code"] == "QUERY_ERROR" and "order_date" in query_error["hint"]
    async with python_session(target, UNKNOWN) as s:
        for name, (arguments, _) in GOOD.items():
            error = python_error(await s.call_tool(name, arguments))
            if error["code"] != "AUTHORIZATION_ERROR" or not error.get("hint"):
                wrong.append((f"unknown:{name}", error))
    async with python_session(target, SEATTLE, short_timeout=True) as s:
        started = time.monotonic()
        timeout = python_error(await s.call_tool("execute_sales_query", {"postgresql_query": SLOW_QUERY}))
        assert timeout["code"] == "QUERY_TIMEOUT" and timeout.get("hint") and time.monotonic() - started < 1.9
        assert not (await s.call_tool("get_current_utc_date", {})).is_error
    assert not wrong
