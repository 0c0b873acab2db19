"""Tool schemas read from a real catalog: portable shapes (one `type` per schema, NULL as an anyOf branch, json as
any JSON value), results with NULLs that validate against them, text parameters that always carry maxLength, and
error replies that quote a huge argument only by a short prefix.

Every test here only reads: they share two databases (with and without the probe functions, which would count
among the package's tools) and one server process per database and argument list."""

from __future__ import annotations

import json

import asyncpg
import jsonschema
import pytest
from conformance.test_schema_portability import tool_problems
from conftest import clone, kept_unchanged
from mcp_clients import SharedStdio, stdio_session, tool_error

from shim.catalog import load_tools
from shim.errors import FIELD_MAX_CHARS, TIMEOUT_HINT, ToolError, cap, from_postgres

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
NULLABLE = {"type": "null"}
DEFAULT_TEXT_MAX_CHARS = 4096  # a text argument whose type declares no length (shim/sql/functions/0110)
DEFAULT_ARRAY_MAX_ITEMS = 1000  # an array argument's, likewise
# A json/jsonb result: any JSON value, one branch per JSON type (an integer is a number).
JSON_VALUE_SCHEMA = {"anyOf": [{"type": t} for t in ("object", "array", "string", "number", "boolean", "null")]}

# Functions whose signatures exercise every way a length reaches the schema, and every kind of result column.
PROBES = """
SET ROLE zava_owner;
CREATE DOMAIN api.short_code AS varchar(12);
CREATE DOMAIN api.label AS text CHECK (char_length(VALUE) BETWEEN 2 AND 40);
CREATE DOMAIN api.either AS text CHECK (char_length(VALUE) <= 5 OR VALUE LIKE 'x%');
CREATE DOMAIN api.tight_code AS varchar(50) CHECK (char_length(VALUE) < 9);
CREATE TYPE api.pair AS (a integer, b text);
CREATE DOMAIN api.shade AS varchar(10) CHECK (VALUE IN ('red', 'it''s'));
CREATE DOMAIN api.tone AS text CHECK (VALUE IN ('warm', 'cold'));
CREATE DOMAIN api.initials AS text CHECK (VALUE ~ '^[A-Z]{2}$');
CREATE DOMAIN api.share AS numeric CHECK (VALUE >= 0.5 AND VALUE < 99.5);

CREATE FUNCTION api.check_probe(shade api.shade, tone api.tone, initials api.initials, share api.share)
RETURNS integer LANGUAGE sql STABLE AS $$ SELECT 1 $$;

CREATE FUNCTION api.schema_probe(
    code api.short_code, label api.label, either api.either, tight api.tight_code, labels api.label[],
    plain text, many text[], nick varchar, fixed char(3), id name)
RETURNS TABLE (num integer, txt text, day date, doc jsonb, nums integer[], pair api.pair, span interval)
LANGUAGE sql STABLE
AS $$ SELECT NULL::integer, NULL::text, NULL::date, NULL::jsonb, NULL::integer[], NULL::api.pair, NULL::interval $$;

CREATE FUNCTION api.probe_rows(filled boolean)
RETURNS TABLE (num integer, txt text, day date, doc jsonb, nums integer[], pair api.pair, span interval)
LANGUAGE sql STABLE
AS $$
    SELECT NULL::integer, NULL::text, NULL::date, NULL::jsonb, NULL::integer[], NULL::api.pair, NULL::interval
    WHERE NOT filled
    UNION ALL
    SELECT 1, 'x', DATE '2025-01-01', '{"k": [1, null]}', ARRAY[1, NULL], ROW(1, 'b')::api.pair, INTERVAL '7 days'
    WHERE filled
$$;

CREATE FUNCTION api.json_probe(kind text)
RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT CASE kind WHEN 'object' THEN '{"a": 1}'::jsonb WHEN 'array' THEN '[1, "b"]' WHEN 'string' THEN '"s"'
        WHEN 'number' THEN '2.5' WHEN 'integer' THEN '3' WHEN 'boolean' THEN 'true' WHEN 'json null' THEN 'null'
    END
$$;

GRANT USAGE ON TYPE api.short_code, api.label, api.either, api.tight_code, api.pair, api.shade, api.tone, api.initials,
    api.share TO zava_store_manager;
GRANT EXECUTE ON FUNCTION api.check_probe(api.shade, api.tone, api.initials, api.share) TO zava_store_manager;
GRANT EXECUTE ON FUNCTION api.schema_probe(api.short_code, api.label, api.either, api.tight_code, api.label[], text,
    text[], varchar, char, name), api.probe_rows(boolean), api.json_probe(text) TO zava_store_manager;
RESET ROLE;
"""


@pytest.fixture(scope="module")
def probe_url(pg_server, template_db) -> str:
    """module_shim_db's content plus the probes, in a clone of its own."""
    with clone(pg_server, template_db, "tenant_rows.sql", "shim_api.sql", prefix="zava_probe") as db:
        with db.connect() as conn:
            conn.execute(PROBES)
        with kept_unchanged(db):
            yield db.server.url(db.name, user="zava_mcp")


@pytest.fixture(scope="module")
async def servers(module_login_url):
    shared = SharedStdio(module_login_url)
    yield shared
    await shared.aclose()


@pytest.fixture(scope="module")
async def probe_servers(probe_url):
    shared = SharedStdio(probe_url)
    yield shared
    await shared.aclose()


async def catalog(url: str) -> dict:
    conn = await asyncpg.connect(url)
    try:
        return await load_tools(conn, "api", embed_vectors=True)
    finally:
        await conn.close()


def strings(schema: dict, path: str):
    """(path, schema) of every string-typed schema in an input schema, items of arrays included."""
    if schema.get("type") == "string":
        yield path, schema
    for name, sub in schema.get("properties", {}).items():
        yield from strings(sub, f"{path}.{name}")
    if isinstance(schema.get("items"), dict):
        yield from strings(schema["items"], f"{path}[]")


# ----- lengths ---------------------------------------------------------------------------------------------------


async def test_lengths_come_from_domains_typmods_and_the_default(probe_url):
    props = (await catalog(probe_url))["schema_probe"].input_schema()["properties"]
    default = {"type": "string", "maxLength": DEFAULT_TEXT_MAX_CHARS}
    assert props["code"] == {"type": "string", "maxLength": 12}  # a domain over varchar(12)
    assert props["label"] == {"type": "string", "minLength": 2, "maxLength": 40}  # CHECK (char_length BETWEEN ..)
    assert props["either"] == default  # a CHECK with OR stays with the database; the default still bounds it
    assert props["tight"] == {"type": "string", "maxLength": 8}  # the smaller of varchar(50) and the CHECK (< 9)
    assert props["labels"] == {"type": "array", "items": props["label"], "maxItems": DEFAULT_ARRAY_MAX_ITEMS}
    assert props["plain"] == props["nick"] == props["fixed"] == default  # parameters lose varchar(n) typmods
    assert props["many"] == {"type": "array", "items": default, "maxItems": DEFAULT_ARRAY_MAX_ITEMS}
    assert props["id"] == {"type": "string", "maxLength": 63}


async def test_domain_checks_become_enums_patterns_and_bounds(probe_url):
    """IN lists over text and over varchar (printed with casts), a regex, numeric bounds: from the CHECK's text."""
    props = (await catalog(probe_url))["check_probe"].input_schema()["properties"]
    assert props["shade"] == {"type": "string", "enum": ["red", "it's"], "maxLength": 10}
    assert props["tone"] == {"type": "string", "enum": ["warm", "cold"], "maxLength": DEFAULT_TEXT_MAX_CHARS}
    assert props["initials"] == {"type": "string", "pattern": "^[A-Z]{2}$", "maxLength": DEFAULT_TEXT_MAX_CHARS}
    assert props["share"] == {"type": "number", "minimum": 0.5, "exclusiveMaximum": 99.5}


async def test_every_text_parameter_of_every_tool_is_bounded(module_login_url):
    tools = await catalog(module_login_url)
    unbounded = [
        f"{name}{path}"
        for name, tool in tools.items()
        for path, schema in strings(tool.input_schema(), "")
        if "maxLength" not in schema and "enum" not in schema and "format" not in schema
    ]
    assert unbounded == []
    arrays = [
        f"{name}.{param}"
        for name, tool in tools.items()
        for param, schema in tool.input_schema()["properties"].items()
        if schema.get("type") == "array" and "maxItems" not in schema
    ]
    assert arrays == [], "every array argument is bounded too"
    assert tools["echo_types"].input_schema()["properties"]["a_text"] == {
        "type": "string",
        "maxLength": DEFAULT_TEXT_MAX_CHARS,
    }


async def test_the_package_tools_take_text_of_declared_lengths(module_login_url):
    tools = await catalog(module_login_url)
    lengths = {
        (name, path): schema["maxLength"]
        for name, tool in tools.items()
        if tool.qualified_name.startswith('"api"') and name not in FIXTURE_TOOLS
        for path, schema in strings(tool.input_schema(), "")
        if "enum" not in schema and "format" not in schema
    }
    names = {k: v for k, v in lengths.items() if k[1] in (".store_name", ".category_name", ".table_names[]")}
    assert names and set(names.values()) == {200}, names
    assert lengths[("execute_sales_query", ".postgresql_query")] == 20000
    assert lengths[("semantic_search_products", ".query_description")] == 2000
    assert set(lengths) == set(names) | {
        ("execute_sales_query", ".postgresql_query"),
        ("semantic_search_products", ".query_description"),
    }


FIXTURE_TOOLS = {
    "add_customer",
    "cached_failure",
    "cached_whoami",
    "echo_types",
    "fail_with",
    "first_day",
    "hidden_from_requests",
    "leave_session_state",
    "many_rows",
    "orders_by_store",
    "session_settings",
    "sleep_for",
    "whoami",
}


# ----- numbers: every tool's integer carries its range (sql/schema/1000_api_range_domains.sql) ---------------------

INT4 = (-(2**31), 2**31 - 1)
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"


def package_tools(tools: dict) -> dict:
    return {n: t for n, t in tools.items() if t.qualified_name.startswith('"api"') and n not in FIXTURE_TOOLS}


def numbers(tool) -> dict[str, dict]:
    return {n: p for n, p in tool.input_schema()["properties"].items() if p.get("type") in ("integer", "number")}


async def test_every_integer_parameter_of_every_tool_has_its_own_range(module_login_url):
    """A plain integer would reach the schema as -2^31 .. 2^31-1: the range must come from the parameter's type."""
    tools = package_tools(await catalog(module_login_url))
    integers = {(n, p): s for n, t in tools.items() for p, s in numbers(t).items() if s["type"] == "integer"}
    assert len(integers) >= 10, sorted(integers)  # top_n (2), threshold, lookback/horizon, 4 years, max_rows
    without = {k: s for k, s in integers.items() if "minimum" not in s or "maximum" not in s}
    assert without == {}
    too_wide = {k: (s["minimum"], s["maximum"]) for k, s in integers.items() if s["minimum"] <= INT4[0]}
    too_wide |= {k: (s["minimum"], s["maximum"]) for k, s in integers.items() if s["maximum"] >= INT4[1]}
    assert too_wide == {}
    ranges = {k: (s["minimum"], s["maximum"]) for k, s in integers.items()}
    assert ranges[("get_top_products", "top_n")] == ranges[("get_top_customers", "top_n")] == (1, 100)
    assert ranges[("get_stockout_risk", "lookback_days")] == (7, 730)
    assert ranges[("get_stockout_risk", "horizon_days")] == (1, 365)
    assert ranges[("get_low_stock", "threshold")] == (0, 100_000)
    assert ranges[("get_category_growth", "year")] == ranges[("get_seasonal_trend", "from_year")] == (2000, 2100)
    assert ranges[("semantic_search_products", "max_rows")] == (1, 40)
    similarity = numbers(tools["semantic_search_products"])["similarity_threshold"]
    assert (similarity["minimum"], similarity["maximum"]) == (0, 1)
    assert "1 to 100" in tools["get_top_products"].input_schema()["properties"]["top_n"]["description"]


async def test_a_number_out_of_range_is_refused_before_the_database(module_login_url, servers):
    """Just past each end of every range: a VALIDATION_ERROR naming the argument from the schema alone (validated
    without a connection), and the same from the server (no sqlstate: the database was not asked)."""
    tools = package_tools(await catalog(module_login_url))
    required = {
        **{"period_start": "2025-01-01", "period_end": "2025-01-31", "category_name": "Hand Tools", "year": 2025},
        "query_description": "cordless drill",
    }
    cases = []
    for name, tool in ((n, t) for n, t in tools.items() if numbers(t)):
        base = {p.name: required[p.name] for p in tool.params if p.required}
        for param, schema in numbers(tool).items():
            step = 1 if schema["type"] == "integer" else 0.01
            for value in (schema["minimum"] - step, schema["maximum"] + step):
                cases.append((name, {**base, param: value}, param))
    assert len(cases) >= 22  # 11 numbers, each just below and just above its range
    wrong = []
    for name, arguments, field in cases:
        error = tools[name].argument_error(arguments)
        if error is None or (error.code, error.field, error.sqlstate) != ("VALIDATION_ERROR", field, None):
            wrong.append((name, arguments, error))
    assert wrong == []
    s = await servers.session("--identity", SEATTLE)
    for name, arguments, field in cases:
        error = tool_error(await s.call_tool(name, arguments))
        if (error.get("code"), error.get("field"), error.get("sqlstate")) != ("VALIDATION_ERROR", field, None):
            wrong.append((name, arguments, error))
    assert wrong == []


async def test_a_domain_check_from_the_database_is_a_validation_error(module_shim_db):
    """A value a domain refuses (a direct caller, or a CHECK the schema cannot express) is a bad argument; a table's
    CHECK stays a CONSTRAINT_VIOLATION."""
    conn = await asyncpg.connect(module_shim_db.url)
    try:
        with pytest.raises(asyncpg.PostgresError) as domain:
            await conn.fetch("SELECT 0::api.top_n")
        await conn.execute("CREATE TEMP TABLE checked (n integer CHECK (n > 0))")
        with pytest.raises(asyncpg.PostgresError) as table:
            await conn.execute("INSERT INTO checked VALUES (0)")
    finally:
        await conn.close()
    error = from_postgres(domain.value)
    assert (error.code, error.sqlstate) == ("VALIDATION_ERROR", "23514") and "api.top_n" in error.message
    assert (from_postgres(table.value).code, from_postgres(table.value).sqlstate) == ("CONSTRAINT_VIOLATION", "23514")


async def test_an_argument_the_database_refuses_is_named(servers):
    period = {"period_start": "2025-01-01", "period_end": "2025-01-31"}
    calls = [
        ("get_inventory_value", {"store_name": "Atlantis"}, "store_name"),
        ("get_top_products", {**period, "category_name": "Toys"}, "category_name"),
        ("get_store_performance", {"period_start": "2025-01-31", "period_end": "2025-01-01"}, "period_end"),
        ("get_multiple_table_schemas", {"table_names": ["salaries"]}, "table_names"),
    ]
    wrong = []
    s = await servers.session("--identity", SEATTLE)
    for name, arguments, field in calls:
        error = tool_error(await s.call_tool(name, arguments))
        if (error.get("code"), error.get("sqlstate"), error.get("field")) != ("VALIDATION_ERROR", "22023", field):
            wrong.append((name, error))
    assert wrong == []


async def test_every_period_tool_refuses_0001_to_9999_the_same_way(module_login_url):
    tools = package_tools(await catalog(module_login_url))
    period_tools = {n: t for n, t in tools.items() if {"period_start", "period_end"} <= {p.name for p in t.params}}
    assert len(period_tools) >= 6, sorted(period_tools)
    answers = {}
    async with stdio_session(module_login_url, "--identity", HEAD_OFFICE) as s:
        for name, tool in period_tools.items():
            arguments = {"period_start": "0001-01-01", "period_end": "9999-12-31"}
            for p in tool.params:  # other required arguments: the first value of their enum
                if p.required and p.name not in arguments:
                    arguments[p.name] = p.schema["enum"][0]
            error = tool_error(await s.call_tool(name, arguments))
            answers[name] = (error.get("code"), error.get("message"), error.get("field"))
    assert set(answers.values()) == {("VALIDATION_ERROR", "the period is longer than ten years", "period_end")}, answers


# ----- portable output schemas that admit NULL -------------------------------------------------------------------


async def test_schemas_are_portable_and_every_value_declares_a_type(probe_url):
    tools = await catalog(probe_url)
    listed = [{"name": n, "inputSchema": t.input_schema(), "outputSchema": t.output_schema()} for n, t in tools.items()]
    # No problems among no tools would pass: the probes and the package's tools must be among those checked.
    assert {"probe_rows", "json_probe", "get_top_products"} <= {t["name"] for t in listed}, sorted(tools)
    assert tool_problems(listed) == []


async def test_output_columns_are_anyof_one_type_or_null(probe_url):
    columns = (await catalog(probe_url))["schema_probe"].output_schema()["properties"]["rows"]["items"]["properties"]
    assert columns == {
        "num": {"anyOf": [{"type": "integer"}, NULLABLE]},
        "txt": {"anyOf": [{"type": "string"}, NULLABLE]},
        "day": {"anyOf": [{"type": "string"}, NULLABLE]},  # no format: PostgreSQL also returns 'infinity'
        "doc": JSON_VALUE_SCHEMA,  # any JSON value, null included
        "nums": {"anyOf": [{"type": "array", "items": {"anyOf": [{"type": "integer"}, NULLABLE]}}, NULLABLE]},
        "pair": {"anyOf": [{"type": "object"}, NULLABLE]},
        "span": {"anyOf": [{"type": "string"}, NULLABLE], "description": "a PostgreSQL interval, e.g. '7 days'"},
    }


@pytest.mark.parametrize("filled", [False, True])
async def test_rows_with_and_without_nulls_validate_against_the_output_schema(probe_url, probe_servers, filled):
    tools = await catalog(probe_url)
    s = await probe_servers.session("--identity", SEATTLE)
    result = await s.call_tool("probe_rows", {"filled": filled})  # the SDK client validates structuredContent
    assert not result.is_error, result.content
    row = result.structured_content["rows"][0]
    assert all((value is None) is not filled for value in row.values()), row
    jsonschema.validate(result.structured_content, tools["probe_rows"].output_schema())


@pytest.mark.parametrize("kind", ["object", "array", "string", "number", "integer", "boolean", "json null", "sql null"])
async def test_every_json_result_validates(probe_url, probe_servers, kind):
    tools = await catalog(probe_url)
    assert tools["json_probe"].output_schema()["properties"]["result"] == JSON_VALUE_SCHEMA
    s = await probe_servers.session("--identity", SEATTLE)
    result = await s.call_tool("json_probe", {"kind": kind})
    assert not result.is_error, result.content
    jsonschema.validate(result.structured_content, tools["json_probe"].output_schema())


# ----- error replies: bounded echoes, the timeout hint --------------------------------------------------------------


def test_every_text_field_of_an_error_is_capped():
    long = "é" * 3_145_728
    error = ToolError("VALIDATION_ERROR", long, detail=long[:501], hint=long, field=long, sqlstate="22023")
    body = error.payload()["error"]
    assert body["code"] == "VALIDATION_ERROR" and body["sqlstate"] == "22023"
    for key, length in (("message", 3_145_728), ("detail", 501), ("hint", 3_145_728), ("field", 3_145_728)):
        assert len(body[key]) == FIELD_MAX_CHARS[key], key
        assert body[key].startswith("éééé") and body[key].endswith("éééé"), key
        assert f" \u2026 ({length} characters) \u2026 " in body[key], key
    at_limits = {key: "x" * limit for key, limit in FIELD_MAX_CHARS.items()}
    assert ToolError("QUERY_ERROR", **at_limits).payload() == {"error": {"code": "QUERY_ERROR", **at_limits}}
    told = cap("argument 'a': '" + "x" * 10_000 + "' is too long", 300)
    assert told.startswith("argument 'a': 'xxx") and told.endswith("xxx' is too long") and len(told) == 300
    assert error.message == long  # the exception itself keeps the text; only the reply is cut
    assert cap("short") == "short" and cap(None) is None and cap(5) == 5


async def test_the_package_hints_arrive_whole(servers):
    s = await servers.session("--identity", SEATTLE)
    refused = await s.call_tool("execute_sales_query", {"postgresql_query": "SELECT repeat('x', 3)"})
    unknown = await s.call_tool("get_inventory_value", {"store_name": "Atlantis"})
    hint = tool_error(refused)["hint"]  # the longest hint of the package (362 characters)
    assert tool_error(refused)["code"] == "AUTHORIZATION_ERROR" and "\u2026" not in hint
    assert hint.startswith("ad-hoc queries read") and hint.endswith("return rows and columns instead")
    assert tool_error(unknown)["hint"] == "stores you can see: Zava Retail Seattle"


async def test_a_statement_timeout_is_query_timeout_with_a_hint(module_shim_db):
    conn = await asyncpg.connect(module_shim_db.url)
    try:
        await conn.execute("SET statement_timeout = 50")
        with pytest.raises(asyncpg.PostgresError) as raised:
            await conn.execute("SELECT pg_sleep(2)")
    finally:
        await conn.close()
    error = from_postgres(raised.value)
    assert (error.code, error.sqlstate, error.hint) == ("QUERY_TIMEOUT", "57014", TIMEOUT_HINT)


async def test_a_hint_postgresql_gave_is_kept(servers):
    s = await servers.session("--identity", SEATTLE)
    result = await s.call_tool("fail_with", {"state": "57014", "msg": "canceled"})
    assert tool_error(result)["code"] == "QUERY_TIMEOUT" and tool_error(result)["hint"] == "a hint"


async def test_a_huge_argument_gets_a_small_validation_error(servers):
    huge = "x" * 3 * 2**20
    s = await servers.session("--identity", SEATTLE)
    period = {"period_start": "2025-01-01", "period_end": "2025-01-31"}
    name = await s.call_tool("get_store_performance", {**period, "store_name": huge})
    query = await s.call_tool("execute_sales_query", {"postgresql_query": "SELECT 1 -- " + huge})
    key = await s.call_tool("whoami", {huge: 1})
    for result in (name, query, key):
        error = tool_error(result)
        assert error["code"] == "VALIDATION_ERROR", error
        assert len(result.content[0].text.encode()) < 2048, len(result.content[0].text)
        assert all(len(error[k]) <= limit for k, limit in FIELD_MAX_CHARS.items() if k in error)
    assert tool_error(name) == {
        "code": "VALIDATION_ERROR",
        "message": "argument 'store_name': is over its limit of 200 characters",
        "field": "store_name",
    }


async def test_a_database_error_quoting_a_long_argument_is_capped(servers):
    s = await servers.session("--identity", SEATTLE)
    result = await s.call_tool("fail_with", {"state": "22023", "msg": "bad value: " + "y" * 4000})
    error = tool_error(result)
    assert error["code"] == "VALIDATION_ERROR" and error["message"].startswith("bad value: yyy")
    assert " \u2026 (4011 characters) \u2026 " in error["message"]
    assert len(error["message"]) == FIELD_MAX_CHARS["message"]
    assert json.loads(result.content[0].text) == {"error": error}


async def test_a_value_of_the_wrong_type_is_spelled_as_json(servers):
    """jsonschema spells the value in Python ("None is not of type 'string'", "True is not of type 'integer'"); a
    client wrote JSON, so the error does too, on either path (a session's first call goes through the SDK)."""
    s = await servers.session("--identity", SEATTLE)
    calls = [
        ({"store_name": None}, "expected string, got null"),
        ({"store_name": True}, "expected string, got true"),
        ({"store_name": ["Seattle"]}, "expected string, got an array"),
        ({"store_name": 12.5}, "expected string, got 12.5"),
    ]
    for arguments, message in calls * 2:
        error = tool_error(await s.call_tool("get_inventory_value", arguments))
        assert error == {
            "code": "VALIDATION_ERROR",
            "message": f"argument 'store_name': {message}",
            "field": "store_name",
        }
