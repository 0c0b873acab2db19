"""The analyst question catalogue (questions.toml): every question is asked through a real MCP client session (the
SDK's ClientSession over stdio, the server started with --identity) as a store manager, a regional manager and head
office, and each answer must equal the question's independent SQL over the base tables, run as the database admin
and restricted to that identity's stores.

One server process and one session per identity, all questions asked in it once (module-scoped fixture); each
question x identity is then its own test reading the recorded answer."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import re
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
import render_catalogue
from mcp_clients import stdio_session, tool_error

CATALOGUE = Path(__file__).with_name("questions.toml")
QUESTIONS: list[dict[str, Any]] = tomllib.loads(CATALOGUE.read_text())["question"]
BY_ID = {q["id"]: q for q in QUESTIONS}

IDENTITIES = {
    "seattle_store_manager": "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    "eastside_regional_manager": "5e0c2f1a-7b3d-4c8e-9a10-000000000101",
    "head_office": "00000000-0000-0000-0000-000000000000",
}

# What an analyst slices by; every one must be asked about at least twice.
DIMENSIONS = (
    "hour_of_day",
    "day_of_week",
    "day",
    "week",
    "month",
    "quarter",
    "year",
    "store",
    "manager_scope",
    "category",
    "product_type",
    "product",
    "customer_segment",
    "discount",
    "order_status",
    "inventory",
)
BASE_TABLES = {"orders", "order_items", "products", "categories", "product_types", "stores", "customers", "inventory"}
STATUSES = ("pending", "completed", "cancelled", "refunded")
# Every tool but these takes include_statuses (default ["completed"]) and says what it counted in counted_statuses.
STATUS_AWARE_TOOLS = {
    "get_store_performance",
    "get_sales_by_period",
    "get_sales_by_dimension",
    "get_top_products",
    "get_customer_metrics",
    "get_top_customers",
    "get_seasonal_trend",
    "get_category_growth",
    "get_sales_pattern",
    "get_low_stock",
    "get_stockout_risk",
    "get_slow_movers",
}
MIN_QUESTIONS = 40
# Values rounded to cents (or to two decimals of a percent) may differ from an unrounded value by half a cent.
TOLERANCE = Decimal("0.005")
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- The catalogue itself -------------------------------------------------------------------------------------------


def test_catalogue_has_enough_questions_with_unique_snake_case_ids():
    ids = [q["id"] for q in QUESTIONS]
    assert len(QUESTIONS) >= MIN_QUESTIONS
    assert len(set(ids)) == len(ids), "duplicate ids"
    assert [i for i in ids if not SNAKE_CASE.fullmatch(i)] == []


def test_the_committed_page_is_the_rendered_catalogue():
    """ANALYST_QUESTIONS.md is generated; a hand edit or a question added without rendering fails here."""
    page = Path(__file__).parents[2] / "ANALYST_QUESTIONS.md"
    assert page.read_text() == render_catalogue.render(QUESTIONS), "run tests/analytics/render_catalogue.py"


def test_every_dimension_is_asked_about_at_least_twice():
    counts = {d: sum(d in q["dimensions"] for q in QUESTIONS) for d in DIMENSIONS}
    assert {d: n for d, n in counts.items() if n < 2} == {}
    unknown = {q["id"]: sorted(set(q["dimensions"]) - set(DIMENSIONS)) for q in QUESTIONS}
    assert {k: v for k, v in unknown.items() if v} == {}


@pytest.mark.parametrize("qid", BY_ID)
def test_entry_is_well_formed(qid):
    q = BY_ID[qid]
    assert set(q) == {"id", "question", "dimensions", "tool", "arguments", "compare", "key", "sql"}
    assert q["question"].strip() and q["dimensions"] and q["compare"] and q["key"]
    assert set(q["key"]) <= set(q["compare"]), "both sides are sorted by key, so it must be compared"
    assert len(set(q["compare"])) == len(q["compare"])
    for name, value in q["arguments"].items():
        if name in ("period_start", "period_end"):
            assert isinstance(value, str) and ISO_DATE.fullmatch(value), name
            assert "2020-01-01" <= value <= "2026-10-31", f"{name} outside the data's range"
        if name == "include_statuses":
            assert value and set(value) <= set(STATUSES) and len(set(value)) == len(value)
    sql = q["sql"]
    if q["tool"] in STATUS_AWARE_TOOLS:
        # The SQL counts exactly the statuses the call counts (the tools' default: completed orders).
        counted = [s for s in STATUSES if s in q["arguments"].get("include_statuses", ["completed"])]
        assert "o.status IN (" + ", ".join(f"'{s}'" for s in counted) + ")" in sql
        if "counted_statuses" in q["compare"]:
            assert "'" + ", ".join(counted) + "' AS counted_statuses" in sql
    assert "%(stores)s" in sql, "the SQL must be restricted to the caller's stores"
    assert set(re.findall(r"\bretail\.(\w+)", sql)) <= BASE_TABLES, "base tables only"
    assert not re.search(r"\b(api|auth)\.|sales_lines", sql), "no API functions, views or rollups"
    assert re.search(r"\bretail\.", sql)


# --- Asking every question through MCP -----------------------------------------------------------------------------


@dataclasses.dataclass
class Answer:
    rows: list[dict] | None = None
    truncated: bool = False
    error: dict | None = None  # the tool's error payload (isError)
    exception: str | None = None  # a protocol error: e.g. the tool does not exist


async def ask(session, question: dict) -> Answer:
    try:
        result = await session.call_tool(question["tool"], question["arguments"])
    except Exception as e:  # an unknown tool is a JSON-RPC error; a bad outputSchema fails in the SDK
        return Answer(exception=f"{type(e).__name__}: {e}")
    if result.is_error:
        return Answer(error=tool_error(result))
    structured = result.structured_content or {}
    return Answer(rows=structured.get("rows"), truncated=bool(structured.get("truncated")))


@pytest.fixture(scope="module")
async def answers(seeded_db) -> dict[str, dict[str, Answer]]:
    """{identity name: {question id: Answer}}: one MCP session per identity, the three run side by side."""
    login = seeded_db.server.url(seeded_db.name, user="zava_mcp")

    async def ask_everything(identity: str) -> dict[str, Answer]:
        async with stdio_session(login, "--identity", identity) as session:
            return {q["id"]: await ask(session, q) for q in QUESTIONS}

    results = await asyncio.gather(*(ask_everything(i) for i in IDENTITIES.values()))
    return dict(zip(IDENTITIES, results, strict=True))


@pytest.fixture(scope="module")
def stores_of(seeded_db) -> dict[str, list]:
    with seeded_db.connect() as conn:
        rows = conn.execute("SELECT rls_user_id::text, array_agg(store_id) FROM retail.manager_stores GROUP BY 1")
        return dict(rows.fetchall())


@pytest.fixture(scope="module")
def admin_conn(seeded_db):
    with seeded_db.connect(autocommit=True) as conn:
        yield conn


def normalise(value: Any) -> Any:
    """JSON numbers, numeric strings and Decimals to Decimal; dates to ISO text; the rest as it is."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, str) and NUMBER.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


def sort_key(row: dict, key: list[str]) -> tuple:
    return tuple((row[k] is None, type(row[k]).__name__, row[k] if row[k] is not None else 0) for k in key)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return abs(a - b) <= TOLERANCE
    return a == b


def independent_answer(conn, question: dict, stores: list) -> list[dict]:
    cur = conn.execute(question["sql"], {"stores": stores})
    columns = [d.name for d in cur.description]
    assert columns == question["compare"], f"{question['id']}: the SQL must return exactly the compare columns"
    rows = [{c: normalise(v) for c, v in zip(columns, r, strict=True)} for r in cur.fetchall()]
    keys = [tuple(r[k] for k in question["key"]) for r in rows]
    assert len(set(keys)) == len(keys), f"{question['id']}: key {question['key']} does not identify a row"
    return sorted(rows, key=lambda r: sort_key(r, question["key"]))


def tool_rows(question: dict, answer: Answer) -> list[dict]:
    missing = sorted({c for row in answer.rows for c in question["compare"] if c not in row})
    assert not missing, f"{question['tool']} returns no column(s) {missing}"
    rows = [{c: normalise(row[c]) for c in question["compare"]} for row in answer.rows]
    return sorted(rows, key=lambda r: sort_key(r, question["key"]))


@pytest.mark.parametrize("who", IDENTITIES)
@pytest.mark.parametrize("qid", BY_ID)
def test_tool_answer_equals_independent_sql(answers, admin_conn, stores_of, qid, who):
    question, answer = BY_ID[qid], answers[who][qid]
    want = independent_answer(admin_conn, question, stores_of[IDENTITIES[who]])
    assert answer.exception is None, f"{question['tool']} could not be called: {answer.exception}"
    if answer.error is not None:
        # A store the caller cannot see does not exist for it: the tool says so, and the SQL finds nothing there.
        refused_store = answer.error.get("code") == "VALIDATION_ERROR" and answer.error.get("field") == "store_name"
        assert refused_store and "store_name" in question["arguments"], f"{question['tool']}: {answer.error}"
        assert want == [], f"{who} was refused {question['arguments']['store_name']} but the SQL finds rows there"
        return
    assert answer.rows is not None, f"{question['tool']} returned no structuredContent rows"
    assert not answer.truncated, "the row cap cut the answer: narrow the question"
    got = tool_rows(question, answer)
    assert len(got) == len(want), (
        f"{len(got)} rows from {question['tool']}, {len(want)} from the SQL\n"
        f"only in the tool: {[sort_key(r, question['key']) for r in got if r not in want][:5]}\n"
        f"only in the SQL: {[sort_key(r, question['key']) for r in want if r not in got][:5]}"
    )
    for got_row, want_row in zip(got, want, strict=True):
        differing = {c: (got_row[c], want_row[c]) for c in question["compare"] if not same(got_row[c], want_row[c])}
        assert not differing, f"row {[want_row[k] for k in question['key']]}: (tool, sql) {differing}"


@pytest.mark.parametrize("qid", BY_ID)
def test_question_returns_rows_for_someone(answers, qid):
    """A comparison of two empty answers proves nothing: every question has rows for at least one identity."""
    seen = {who: answers[who][qid] for who in IDENTITIES}
    assert any(a.rows for a in seen.values()), {
        who: a.exception or (a.error or {}).get("message") or f"{len(a.rows or [])} rows" for who, a in seen.items()
    }
