"""Tool schemas every client can take: the MCP Inspector's strict portability lint, and our own check without Node.

The Inspector CLI (@modelcontextprotocol/inspector 2.x, from npm; Node 22 from npm too) lints every tool's
inputSchema and outputSchema when it lists tools (`--cli <url> --method tools/list --strict --format json`; the
rules are core/json/schemaLint.ts in its source). It walks each schema and every subschema in it (properties,
patternProperties, $defs, definitions, dependentSchemas, dependencies, items, prefixItems, allOf, anyOf, oneOf,
contains, not, if/then/else, propertyNames, additionalProperties, unevaluatedProperties, additionalItems,
unevaluatedItems, contentSchema) and reports:

- `type-union` (warning): `type` is an array of distinct JSON Schema type names, `["integer", "null"]` or even
  `["integer"]`. Its fix: `anyOf` branches with one `type` each, `{"anyOf": [{"type": "integer"}, {"type": "null"}]}`.
- `untyped-schema` (warning): a schema object with no validation keyword at all (`{}`, `{"description": ...}`),
  except directly under `not`. Any of type, enum, const, format, pattern, min/max*, required, properties, items,
  allOf/anyOf/oneOf/not, $ref, additionalProperties, ... counts; `nullable` does not (it is not JSON Schema).
- `boolean-schema` (error, exit 6 under --strict): a bare `true`/`false` where a schema object is expected;
  allowed only as the value of additionalProperties, unevaluatedProperties, additionalItems, unevaluatedItems.
- `remote-ref` (warning): a `$ref` not starting with `#`, unless the schema declares an `$id`.

It does not ask for `required`, `additionalProperties` or `description`. Our own check is stricter where the lead
asked for it: no `type` arrays anywhere, and every property (of objects at any depth, in items too) declares its
type: a `type` string, or `anyOf`/`oneOf` branches that each do (the Inspector's suggested spelling of nullable).
"""

from __future__ import annotations

import json
import time
import uuid

import jwt
import pytest
from clients.official_tools import inspector_tools_list, install
from conftest import Database
from mcp_clients import http_server, http_session

SECRET = "portability-secret-" + uuid.uuid4().hex
SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"

MAP_KEYWORDS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies")
LIST_KEYWORDS = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_KEYWORDS = (
    "items",
    "contains",
    "not",
    "propertyNames",
    "if",
    "then",
    "else",
    "additionalProperties",
    "unevaluatedProperties",
    "additionalItems",
    "unevaluatedItems",
    "contentSchema",
)
# Positions that hold a value's own schema: those must declare a type.
TYPED_POSITIONS = {"properties", "patternProperties", "items", "prefixItems", "additionalProperties"}


def subschemas(node: dict, path: str):
    """(keyword, path, subschema) for every direct subschema of a schema object."""
    for key in MAP_KEYWORDS:
        if isinstance(node.get(key), dict):
            for name, sub in node[key].items():
                yield key, f"{path}.{key}.{name}", sub
    for key in LIST_KEYWORDS:
        if isinstance(node.get(key), list):
            for i, sub in enumerate(node[key]):
                yield key, f"{path}.{key}[{i}]", sub
    for key in SCHEMA_KEYWORDS:
        if key not in node:
            continue
        if key == "items" and isinstance(node[key], list):
            for i, sub in enumerate(node[key]):
                yield key, f"{path}.{key}[{i}]", sub
        else:
            yield key, f"{path}.{key}", node[key]


def declares_type(schema) -> bool:
    """A `type` (a string; an array is the other rule's finding), or anyOf/oneOf branches that each declare one."""
    if not isinstance(schema, dict):
        return False
    if isinstance(schema.get("type"), str | list):
        return True
    branches = schema.get("anyOf") or schema.get("oneOf")
    return isinstance(branches, list) and bool(branches) and all(declares_type(b) for b in branches)


def portability_problems(schema, path: str) -> list[str]:
    """Our rules over one schema: no `type` arrays; the root and every property/items schema declares a type."""
    problems = []

    def walk(node, where: str, keyword: str | None) -> None:
        if keyword in TYPED_POSITIONS or keyword is None:
            if keyword == "additionalProperties" and isinstance(node, bool):
                pass  # true/false here is the keyword's own boolean form
            elif not declares_type(node):
                problems.append(f"{where}: declares no type ({json.dumps(node)[:120]})")
        if not isinstance(node, dict):
            return
        if isinstance(node.get("type"), list):
            problems.append(f"{where}: type is an array {json.dumps(node['type'])}")
        for key, sub_path, sub in subschemas(node, where):
            walk(sub, sub_path, key)

    walk(schema, path, None)
    return problems


def tool_problems(tools: list[dict]) -> list[str]:
    problems = []
    for tool in tools:
        for kind in ("inputSchema", "outputSchema"):
            if kind in tool:
                problems += [f"{tool['name']}: {p}" for p in portability_problems(tool[kind], kind)]
    return problems


# ----- the rules themselves, on made-up schemas (no server, no Node) ---------------------------------------------


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}, []),
        ({"type": "object", "properties": {"a": {"anyOf": [{"type": "integer"}, {"type": "null"}]}}}, []),
        ({"type": "object", "properties": {"a": {"type": ["integer", "null"]}}}, ["type is an array"]),
        ({"type": "object", "properties": {"a": {"type": ["integer"]}}}, ["type is an array"]),
        ({"type": "object", "properties": {"a": {}}}, ["no type"]),
        ({"type": "object", "properties": {"a": {"description": "x", "nullable": True}}}, ["no type"]),
        ({"type": "object", "properties": {"a": {"enum": ["x", "y"]}}}, ["no type"]),
        ({"type": "object", "properties": {"a": True}}, ["no type"]),
        ({"type": "object", "properties": {"a": {"anyOf": [{"type": "integer"}, {}]}}}, ["no type"]),
        ({"type": "object", "additionalProperties": False}, []),
        ({"type": "object", "additionalProperties": {}}, ["no type"]),
        (
            {
                "type": "object",
                "properties": {"rows": {"type": "array", "items": {"type": "object", "properties": {}}}},
            },
            [],
        ),
        ({"type": "array", "items": {"type": "object", "properties": {"x": {"type": ["string", "null"]}}}}, None),
        ({"properties": {"a": {"type": "string"}}}, ["no type"]),
    ],
)
def test_the_rules(schema, expected):
    problems = portability_problems(schema, "s")
    if expected is None:
        assert problems and all("items.properties.x" in p for p in problems)
    else:
        assert len(problems) == len(expected) and all(e in p for e, p in zip(expected, problems, strict=True))


# ----- against a live server ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def official():
    return install()  # raises when npm cannot install the tools: the test errors, it never skips


@pytest.fixture(scope="module")
def portability_db(pg_server, template_db):
    name = f"zava_portability_{uuid.uuid4().hex[:10]}"
    with pg_server.janitor(name, template_dbname=template_db.name):
        yield Database(pg_server, name)


@pytest.fixture(scope="module")
def server(portability_db, tmp_path_factory):
    login = portability_db.server.url(portability_db.name, user="zava_mcp")
    with http_server(login, "--jwt-secret", SECRET, tmp_path=tmp_path_factory.mktemp("portability-server")) as s:
        yield s


def bearer() -> str:
    return "Bearer " + jwt.encode({"sub": SEATTLE, "exp": int(time.time()) + 3600}, SECRET, algorithm="HS256")


@pytest.fixture(scope="module")
async def listed(server) -> list[dict]:
    """tools/list through the Python SDK client, as plain JSON (the wire names: inputSchema, outputSchema)."""
    async with http_session(server.mcp_url, headers={"Authorization": bearer()}) as session:
        tools = (await session.list_tools()).tools
    return [t.model_dump(by_alias=True, mode="json", exclude_none=True) for t in tools]


def test_the_inspector_strict_lint_finds_nothing(official, server, listed, tmp_path):
    run = inspector_tools_list(official, server.mcp_url, {"Authorization": bearer()}, tmp_path / "home")
    assert sorted(t["name"] for t in run.tools) == sorted(t["name"] for t in listed)
    report = [f"{f['tool']} {f['schema']}.{f['path']}: {f['rule']} ({f['severity']})" for f in run.findings]
    assert report == [], f"{len(report)} Inspector findings:\n" + "\n".join(report)
    assert run.returncode == 0, run.stderr[-2000:]


def test_no_type_arrays(listed):
    problems = [p for p in tool_problems(listed) if "type is an array" in p]
    assert problems == [], f"{len(problems)} type arrays:\n" + "\n".join(problems)


def test_every_property_declares_a_type(listed):
    assert listed, "the server listed no tools"
    problems = [p for p in tool_problems(listed) if "declares no type" in p]
    assert problems == [], f"{len(problems)} untyped schemas:\n" + "\n".join(problems)
