"""Tool schemas read from a real catalog: portable shapes (one `type` per schema, NULL as an anyOf branch, json as
any JSON value), results with NULLs that validate against them, text parameters that always carry maxLength, and
error replies that quote a huge argument only by a short prefix."""

from __future__ import annotations

import json

import asyncpg
import jsonschema
import pytest
from conformance.test_schema_portability import tool_problems
from mcp_clients import stdio_session, tool_error

from shim.catalog import DEFAULT_TEXT_MAX_CHARS, JSON_VALUE_SCHEMA, load_tools
from shim.errors import FIELD_MAX_CHARS, TIMEOUT_HINT, ToolError, cap, from_postgres

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
NULLABLE = {"type": "null"}

# Functions whose signatures exercise every way a length reaches the schema, and every kind of result column.
PROBES = """
SET ROLE zava_owner;
CREATE DOMAIN api.short_code AS varchar(12);
CREATE DOMAIN api.label AS text CHECK (char_length(VALUE) BETWEEN 2 AND 40);
CREATE DOMAIN api.either AS text CHECK (char_length(VALUE) <= 5 OR VALUE LIKE 'x%');
CREATE DOMAIN api.tight_code AS varchar(50) CHECK (char_length(VALUE) < 9);
CREATE TYPE api.pair AS (a integer, b text);

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

GRANT USAGE ON TYPE api.short_code, api.label, api.either, api.tight_code, api.pair TO zava_store_manager;
GRANT EXECUTE ON FUNCTION api.schema_probe(api.short_code, api.label, api.either, api.tight_code, api.label[], text,
    text[], varchar, char, name), api.probe_rows(boolean), api.json_probe(text) TO zava_store_manager;
RESET ROLE;
"""


@pytest.fixture
def probe_url(shim_db, login_url) -> str:
    with shim_db.connect() as conn:
        conn.execute(PROBES)
    return login_url


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
    assert props["labels"] == {"type": "array", "items": props["label"]}
    assert props["plain"] == props["nick"] == props["fixed"] == default  # parameters lose varchar(n) typmods
    assert props["many"] == {"type": "array", "items": default}
    assert props["id"] == {"type": "string", "maxLength": 63}


async def test_every_text_parameter_of_every_tool_is_bounded(login_url):
    tools = await catalog(login_url)
    unbounded = [
        f"{name}{path}"
        for name, tool in tools.items()
        for path, schema in strings(tool.input_schema(), "")
        if "maxLength" not in schema and "enum" not in schema and "format" not in schema
    ]
    assert unbounded == []
    assert tools["echo_types"].input_schema()["properties"]["a_text"] == {
        "type": "string",
        "maxLength": DEFAULT_TEXT_MAX_CHARS,
    }


async def test_the_package_tools_take_text_of_declared_lengths(login_url):
    tools = await catalog(login_url)
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


# ----- portable output schemas that admit NULL -------------------------------------------------------------------


async def test_schemas_are_portable_and_every_value_declares_a_type(probe_url):
    tools = await catalog(probe_url)
    listed = [{"name": n, "inputSchema": t.input_schema(), "outputSchema": t.output_schema()} for n, t in tools.items()]
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
async def test_rows_with_and_without_nulls_validate_against_the_output_schema(probe_url, filled):
    tools = await catalog(probe_url)
    async with stdio_session(probe_url, "--identity", SEATTLE) as s:  # the SDK client validates structuredContent
        result = await s.call_tool("probe_rows", {"filled": filled})
    assert not result.is_error, result.content
    row = result.structured_content["rows"][0]
    assert all((value is None) is not filled for value in row.values()), row
    jsonschema.validate(result.structured_content, tools["probe_rows"].output_schema())


@pytest.mark.parametrize("kind", ["object", "array", "string", "number", "integer", "boolean", "json null", "sql null"])
async def test_every_json_result_validates(probe_url, kind):
    tools = await catalog(probe_url)
    assert tools["json_probe"].output_schema()["properties"]["result"] == JSON_VALUE_SCHEMA
    async with stdio_session(probe_url, "--identity", SEATTLE) as s:
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


async def test_the_package_hints_arrive_whole(login_url):
    async with stdio_session(login_url, "--identity", SEATTLE) as s:
        refused = await s.call_tool("execute_sales_query", {"postgresql_query": "SELECT repeat('x', 3)"})
        unknown = await s.call_tool("get_inventory_value", {"store_name": "Atlantis"})
    hint = tool_error(refused)["hint"]  # the longest hint of the package (362 characters)
    assert tool_error(refused)["code"] == "AUTHORIZATION_ERROR" and "\u2026" not in hint
    assert hint.startswith("ad-hoc queries read") and hint.endswith("return rows and columns instead")
    assert tool_error(unknown)["hint"] == "stores you can see: Zava Retail Seattle"


async def test_a_statement_timeout_is_query_timeout_with_a_hint(shim_db):
    conn = await asyncpg.connect(shim_db.url)
    try:
        await conn.execute("SET statement_timeout = 50")
        with pytest.raises(asyncpg.PostgresError) as raised:
            await conn.execute("SELECT pg_sleep(2)")
    finally:
        await conn.close()
    error = from_postgres(raised.value)
    assert (error.code, error.sqlstate, error.hint) == ("QUERY_TIMEOUT", "57014", TIMEOUT_HINT)


async def test_a_hint_postgresql_gave_is_kept(login_url):
    async with stdio_session(login_url, "--identity", SEATTLE) as s:
        result = await s.call_tool("fail_with", {"state": "57014", "msg": "canceled"})
    assert tool_error(result)["code"] == "QUERY_TIMEOUT" and tool_error(result)["hint"] == "a hint"


async def test_a_huge_argument_gets_a_small_validation_error(login_url):
    huge = "x" * 3 * 2**20
    async with stdio_session(login_url, "--identity", SEATTLE) as s:
        period = {"period_start": "2025-01-01", "period_end": "2025-01-31"}
        name = await s.call_tool("get_store_performance", {**period, "store_name": huge})
        query = await s.call_tool("execute_sales_query", {"postgresql_query": "SELECT 1 -- " + huge})
        key = await s.call_tool("whoami", {huge: 1})
    for result in (name, query, key):
        error = tool_error(result)
        assert error["code"] == "VALIDATION_ERROR", error
        assert len(result.content[0].text.encode()) < 2048, len(result.content[0].text)
        assert all(len(error[k]) <= limit for k, limit in FIELD_MAX_CHARS.items() if k in error)
    assert tool_error(name)["field"] == "store_name" and "too long" in tool_error(name)["message"]


async def test_a_database_error_quoting_a_long_argument_is_capped(login_url):
    async with stdio_session(login_url, "--identity", SEATTLE) as s:
        result = await s.call_tool("fail_with", {"state": "22023", "msg": "bad value: " + "y" * 4000})
    error = tool_error(result)
    assert error["code"] == "VALIDATION_ERROR" and error["message"].startswith("bad value: yyy")
    assert " \u2026 (4011 characters) \u2026 " in error["message"]
    assert len(error["message"]) == FIELD_MAX_CHARS["message"]
    assert json.loads(result.content[0].text) == {"error": error}
