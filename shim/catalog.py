"""Read the API schema from the catalog and describe each function as an MCP tool.

A tool is every function (prokind 'f') of the API schema that at least one request role may EXECUTE; the request
roles are the roles the server's login is a member of. Its input schema comes from the signature, its description
from COMMENT ON FUNCTION, its output schema from the return type, its annotations from the volatility.

Comment convention (documented in the README):

    One-line summary.

    Free text for the model: what the tool answers, units, caveats.
    @param store_name Store to report on, e.g. 'Seattle'.
    @param period_start First day of the period (inclusive).

Lines starting with `@param <name>` describe that parameter, `@column <name>` a result column (its outputSchema
description); continuation lines are indented. A line `@readonly`
marks a VOLATILE function (one that must SET something, e.g. a role) as read-only: it runs in a READ ONLY
transaction and is announced with readOnlyHint. A line `@cache [seconds]` (default 300) lets the server cache a
STABLE/IMMUTABLE function's successful results per caller identity for that long. Everything else is the tool's
description.

Schemas are written so every client can take them (the MCP Inspector's strict portability lint finds nothing):

- one `type` per schema, never a type array: a result value that may be NULL is `{"anyOf": [{...}, {"type":
  "null"}]}` (the spelling the Inspector suggests; `nullable: true` is not JSON Schema, and a plain `type` would make
  the SDK clients, which validate structuredContent against outputSchema, reject every NULL);
- every value declares what it is: a json/jsonb result, which may be any JSON value, is `anyOf` one branch per JSON
  type (JSON_VALUE_SCHEMA), not the empty schema.

Text parameters always carry maxLength. It comes from the SQL type: a domain over text with a length CHECK
(`CHECK (char_length(VALUE) <= 200)`; function parameters drop varchar(n) typmods, so the domain says it) or a
domain over varchar(n). A text-like parameter (pg_type.typcategory 'S') that declares no length gets
DEFAULT_TEXT_MAX_CHARS, so no text argument is unbounded; declare a domain when a tool needs more or less.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import re
import uuid
from typing import Any

import asyncpg
import jsonschema
import mcp_types as types

from shim.errors import ToolError

VECTOR_TEXT_MAX_CHARS = 2000  # text for a vector argument; the embedding models read ~512 tokens anyway
DEFAULT_TEXT_MAX_CHARS = 4096  # maxLength of a text parameter whose SQL type declares no length
VARHDRSZ = 4  # varchar(n) and char(n) store n + 4 as their typmod
INT_RANGES = {"int2": (-32768, 32767), "int4": (-(2**31), 2**31 - 1), "int8": (-(2**63), 2**63 - 1)}
SCALAR_SCHEMAS: dict[str, dict[str, Any]] = {
    **{name: {"type": "integer", "minimum": lo, "maximum": hi} for name, (lo, hi) in INT_RANGES.items()},
    **{key: {"type": "number"} for key in ("numeric", "float4", "float8")},
    **{key: {"type": "string"} for key in ("text", "varchar", "bpchar")},
    **{key: {"type": "string", "format": "date-time"} for key in ("timestamptz", "timestamp")},
    **{key: {"type": "object"} for key in ("json", "jsonb")},
    **{kind: {"type": "string", "format": kind} for kind in ("uuid", "date", "time")},
    "bool": {"type": "boolean"},
    "name": {"type": "string", "maxLength": 63},
    "interval": {"type": "string", "description": "a PostgreSQL interval, e.g. '7 days'"},
}
# Any JSON value: what a json/jsonb result may hold (an integer is a number, so it needs no branch of its own).
JSON_VALUE_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": t} for t in ("object", "array", "string", "number", "boolean", "null")],
}
OUTPUT_SCHEMAS: dict[str, dict[str, Any]] = {
    **{name: {"type": "integer"} for name in INT_RANGES},
    "json": JSON_VALUE_SCHEMA,
    "jsonb": JSON_VALUE_SCHEMA,
    "vector": {"type": "array", "items": {"type": "number"}},
}

CATALOG_SQL = """
WITH request_roles AS (
    SELECT m.roleid FROM pg_catalog.pg_auth_members AS m
    WHERE m.member = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)
)
SELECT
    p.oid,
    p.proname AS name,
    p.provolatile::text AS volatility,
    p.proretset AS returns_set,
    p.prorettype AS return_type,
    p.pronargs AS n_in,
    p.pronargdefaults AS n_defaults,
    p.proargtypes::oid[] AS in_types,
    coalesce(p.proallargtypes, p.proargtypes::oid[]) AS all_types,
    coalesce(p.proargmodes::text[], array_fill('i'::text, array[p.pronargs])) AS modes,
    coalesce(p.proargnames, array_fill(''::text, array[cardinality(coalesce(p.proallargtypes,
        p.proargtypes::oid[]))])) AS names,
    pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_args,
    pg_catalog.obj_description(p.oid, 'pg_proc') AS comment
FROM pg_catalog.pg_proc AS p
JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
WHERE n.nspname = $1 AND p.prokind = 'f'
  AND EXISTS (SELECT FROM request_roles AS r WHERE pg_catalog.has_function_privilege(r.roleid, p.oid, 'EXECUTE'))
ORDER BY p.proname
"""

TYPES_SQL = """
SELECT
    t.oid, t.typname, n.nspname, t.typtype::text AS typtype, t.typelem, t.typbasetype, t.typrelid,
    pg_catalog.format_type(t.oid, NULL) AS display,
    (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum AS e
     WHERE e.enumtypid = t.oid) AS enum_labels,
    (SELECT array_agg(pg_catalog.pg_get_constraintdef(c.oid)) FROM pg_catalog.pg_constraint AS c
     WHERE c.contypid = t.oid AND c.contype = 'c') AS domain_checks,
    t.typnotnull AS domain_not_null, t.typtypmod, t.typcategory::text AS typcategory
FROM pg_catalog.pg_type AS t JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace
WHERE t.oid = ANY($1::oid[])
"""

COLUMNS_SQL = """
SELECT a.attname, a.atttypid FROM pg_catalog.pg_attribute AS a
WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
"""


class CatalogError(Exception):
    """The API schema cannot be served as it is (overloaded or unnamed parameters)."""


@dataclasses.dataclass(frozen=True)
class Param:
    name: str
    type_sql: str  # the type as SQL text, for the cast of the bound argument
    type_name: str  # pg_type.typname of the (base) type, used to convert values
    schema: dict[str, Any]
    required: bool
    is_vector: bool = False
    # A parameter of domain EMBEDDED_TEXT: the server binds the text it embedded for the call's vector argument (NULL
    # when the caller sent a vector); it is not the caller's, so not in the input schema.
    embedded_text: bool = False


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    schema: dict[str, Any]
    type_name: str = ""  # pg_type.typname of the (base) type, for its JSON rendering


@dataclasses.dataclass(frozen=True)
class ToolSpec:
    name: str
    qualified_name: str  # "api"."fn"
    description: str
    params: tuple[Param, ...]
    read_only: bool
    cache_ttl_s: int | None
    columns: tuple[Column, ...] | None  # row shape, or None for a scalar result
    scalar_schema: dict[str, Any] | None
    scalar_type_name: str | None = None

    @functools.cached_property
    def column_names_json(self) -> str:
        return json.dumps([c.name for c in self.columns or ()], ensure_ascii=False, separators=(",", ":"))

    @property
    def returns_rows(self) -> bool:
        return self.columns is not None

    @functools.cached_property
    def validator(self) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator(self.input_schema(), format_checker=FORMAT_CHECKER)

    def argument_error(self, arguments: Any) -> ToolError | None:
        """The first problem with the arguments, naming the field, or None when they are valid."""
        if self.validator.is_valid(arguments):  # the common case, without building error objects
            return None
        error = jsonschema.exceptions.best_match(self.validator.iter_errors(arguments))
        if error is None:
            return None
        if error.validator == "required":
            field = re.search(r"'([^']+)'", error.message)
            name = field.group(1) if field else None
            return ToolError("VALIDATION_ERROR", f"missing required argument '{name}'", field=name)
        if error.validator == "additionalProperties":
            known = {p.name for p in self.params if not p.embedded_text}
            extra = sorted(set(arguments) - known) if isinstance(arguments, dict) else []
            allowed = ", ".join(sorted(known)) or "none"
            message = f"unknown argument(s) {', '.join(map(repr, extra))}"
            return ToolError(
                "VALIDATION_ERROR", message, hint=f"allowed arguments: {allowed}", field=next(iter(extra), None)
            )
        path = ".".join(str(p) for p in error.absolute_path) or None
        return ToolError(
            "VALIDATION_ERROR", f"argument '{path}': {error.message}" if path else error.message, field=path
        )

    def to_mcp(self) -> types.Tool:
        only_reads = self.read_only
        return types.Tool(
            name=self.name,
            description=self.description,
            input_schema=self.input_schema(),
            output_schema=self.output_schema(),
            annotations=types.ToolAnnotations(
                read_only_hint=only_reads,
                destructive_hint=not only_reads,
                idempotent_hint=only_reads,
                open_world_hint=False,
            ),
        )

    def input_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {p.name: p.schema for p in self.params if not p.embedded_text},
            "required": [p.name for p in self.params if p.required and not p.embedded_text],
            "additionalProperties": False,
        }

    def output_schema(self) -> dict[str, Any]:
        if self.columns is None:
            result = self.scalar_schema or _nullable(JSON_VALUE_SCHEMA)
            return {"type": "object", "properties": {"result": result}, "required": ["result"]}
        row = {
            "type": "object",
            "properties": {c.name: c.schema for c in self.columns},
            "required": [c.name for c in self.columns],
        }
        return {
            "type": "object",
            "properties": {
                "rows": {"type": "array", "items": row},
                "row_count": {"type": "integer"},
                "truncated": {"type": "boolean", "description": "true when rows were cut at the server's row cap"},
            },
            "required": ["rows", "row_count", "truncated"],
        }


DEFAULT_CACHE_TTL_S = 300
EMBEDDED_TEXT = "embedding_source"  # the domain of a parameter the server fills with the text it embedded


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(())
    parsers = {
        "uuid": uuid.UUID,
        "date": lambda v: re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) and datetime.date.fromisoformat(v),
        "date-time": lambda v: re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", v) and datetime.datetime.fromisoformat(v),
        "time": datetime.time.fromisoformat,
    }
    for name, parse in parsers.items():
        checker.checks(name, raises=(ValueError, TypeError))(
            lambda v, parse=parse: not isinstance(v, str) or bool(parse(v))
        )
    return checker


FORMAT_CHECKER = _format_checker()


@dataclasses.dataclass(frozen=True)
class Directives:
    read_only: bool = False
    cache_ttl_s: int | None = None


def parse_comment(comment: str | None) -> tuple[str, dict[str, str], Directives]:
    """Split a COMMENT ON FUNCTION into (description, {param: text}, directives) per the convention.

    Column texts are in the same dict under "@column <name>" keys."""
    description, params, current, read_only, cache_ttl = [], {}, None, False, None
    for line in (comment or "").splitlines():
        if line.strip() == "@readonly":
            read_only, current = True, None
            continue
        if cache := re.match(r"^\s*@cache(?:\s+(\d+))?\s*$", line):
            cache_ttl, current = int(cache.group(1) or DEFAULT_CACHE_TTL_S), None
            continue
        match = re.match(r"^\s*@(param|column)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(.*)$", line)
        if match:
            current = match.group(2) if match.group(1) == "param" else f"@column {match.group(2)}"
            params[current] = match.group(3).strip()
        elif current and line.startswith((" ", "\t")) and line.strip():
            params[current] += " " + line.strip()
        else:
            current = None
            description.append(line)
    return "\n".join(description).strip(), params, Directives(read_only, cache_ttl)


NOT_IN_OUTPUT = ("minimum", "maximum", "format", "maxLength", "minLength", "pattern")  # PostgreSQL may return more
NULL_SCHEMA: dict[str, Any] = {"type": "null"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """Result values may be NULL: the value's schema or null, as anyOf branches with one `type` each."""
    if "anyOf" in schema:
        branches = schema["anyOf"]
        return schema if NULL_SCHEMA in branches else {**schema, "anyOf": [*branches, NULL_SCHEMA]}
    annotations = {k: schema[k] for k in ("description", "title") if k in schema}
    value = {k: v for k, v in schema.items() if k not in NOT_IN_OUTPUT and k not in annotations}
    return {"anyOf": [value, NULL_SCHEMA], **annotations}


LENGTH_CHECK = re.compile(
    r"\b(?:char_length|character_length|length)\(\s*\(?VALUE\)?(?:::[a-z ]+)?\s*\)\s*(<=|<|>=|>|=)\s*\(?(\d+)\)?"
)


def _domain_constraints(checks: list[str] | None) -> dict[str, Any]:
    """JSON Schema for the simple domain CHECKs: bounds, lengths, regex, IN lists. Others stay to the database.

    A CHECK with OR is left to the database entirely: a schema made from one side of it would refuse what the other
    side admits."""
    out: dict[str, Any] = {}
    for check in checks or []:
        if re.search(r"\bOR\b", re.sub(r"'(?:[^']|'')*'", "''", check)):  # OR outside string literals
            continue
        for op, number in re.findall(r"VALUE\s*(>=|<=|>|<)\s*\(?'?(-?\d+(?:\.\d+)?)'?", check):
            value = float(number) if "." in number else int(number)
            key = {">=": "minimum", "<=": "maximum", ">": "exclusiveMinimum", "<": "exclusiveMaximum"}[op]
            out[key] = value
        for op, number in LENGTH_CHECK.findall(check):
            n = int(number)
            if op in ("<=", "<", "="):
                out["maxLength"] = n - 1 if op == "<" else n
            if op in (">=", ">", "="):
                out["minLength"] = n + 1 if op == ">" else n
        if match := re.search(r"VALUE\s*~\s*'((?:[^']|'')*)'", check):
            out["pattern"] = match.group(1).replace("''", "'")
        if match := re.search(r"VALUE\s*(?:::\w+\s*)?=\s*ANY\s*\(\(?ARRAY\[(.*?)\]", check):
            out["enum"] = [v.replace("''", "'") for v in re.findall(r"'((?:[^']|'')*)'", match.group(1))]
    return out


class _TypeResolver:
    def __init__(self, rows: dict[int, asyncpg.Record]):
        self.rows = rows

    def base_name(self, oid: int) -> str:
        row = self.rows[oid]
        return self.base_name(row["typbasetype"]) if row["typtype"] == "d" else row["typname"]

    def input_schema(self, oid: int, embed_vectors: bool) -> dict[str, Any]:
        """The argument's schema; text-like types that declare no length get DEFAULT_TEXT_MAX_CHARS."""
        schema = self._declared_input_schema(oid, embed_vectors)
        text_like = self.rows[oid]["typcategory"] == "S"  # text, varchar, char, name, citext and domains over them
        if text_like and schema.get("type") == "string" and "maxLength" not in schema:
            schema["maxLength"] = DEFAULT_TEXT_MAX_CHARS
        return schema

    def _declared_input_schema(self, oid: int, embed_vectors: bool) -> dict[str, Any]:
        row = self.rows[oid]
        if row["typtype"] == "d":
            schema = self._declared_input_schema(row["typbasetype"], embed_vectors)
            lengths = []
            if self.base_name(oid) in ("varchar", "bpchar") and row["typtypmod"] >= VARHDRSZ:  # over varchar(n)
                lengths.append(row["typtypmod"] - VARHDRSZ)
            constraints = _domain_constraints(row["domain_checks"])
            lengths += [n for n in (schema.get("maxLength"), constraints.get("maxLength")) if n is not None]
            return {**schema, **constraints, **({"maxLength": min(lengths)} if lengths else {})}
        if row["typtype"] == "e":
            return {"type": "string", "enum": list(row["enum_labels"] or [])}
        if row["typelem"] and row["typname"].startswith("_"):
            return {"type": "array", "items": self.input_schema(row["typelem"], embed_vectors)}
        if row["typname"] == "vector":
            if embed_vectors:
                return {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": VECTOR_TEXT_MAX_CHARS,
                    "pattern": "\\S",
                    "description": "text (at most 2,000 characters); the server turns it into a vector",
                }
            return {"type": "array", "items": {"type": "number"}}
        return dict(SCALAR_SCHEMAS.get(row["typname"], {"type": "string"}))

    def column(self, name: str, oid: int, doc: str | None = None) -> Column:
        return Column(name, _described(self.output_schema(oid), doc), self.base_name(oid))

    def output_schema(self, oid: int) -> dict[str, Any]:
        row = self.rows[oid]
        if row["typtype"] == "d":
            return self.output_schema(row["typbasetype"])
        if row["typelem"] and row["typname"].startswith("_"):
            return _nullable({"type": "array", "items": self.output_schema(row["typelem"])})
        if row["typtype"] == "c":  # a composite value is rendered as a JSON object
            return _nullable({"type": "object"})
        name = row["typname"]
        schema = OUTPUT_SCHEMAS[name] if name in OUTPUT_SCHEMAS else self.input_schema(oid, embed_vectors=False)
        return _nullable(dict(schema))


def _described(schema: dict[str, Any], text: str | None) -> dict[str, Any]:
    return {**schema, "description": text} if text else schema


async def _types(conn: asyncpg.Connection, oids: set[int]) -> dict[int, asyncpg.Record]:
    """Fetch type rows, following domains and arrays to their base and element types."""
    rows: dict[int, asyncpg.Record] = {}
    pending = set(oids)
    while pending:
        fetched = await conn.fetch(TYPES_SQL, list(pending))
        rows.update({r["oid"]: r for r in fetched})
        pending = {o for r in fetched for o in (r["typelem"], r["typbasetype"]) if o and o not in rows}
    return rows


async def load_tools(conn: asyncpg.Connection, api_schema: str, embed_vectors: bool) -> dict[str, ToolSpec]:
    """Every EXECUTE-able function of the API schema as a ToolSpec, keyed by name."""
    functions = await conn.fetch(CATALOG_SQL, api_schema)
    by_name: dict[str, list[asyncpg.Record]] = {}
    for f in functions:
        by_name.setdefault(f["name"], []).append(f)
    overloaded = {n: sorted(f"{n}({f['identity_args']})" for f in fs) for n, fs in by_name.items() if len(fs) > 1}
    if overloaded:
        listing = "; ".join(", ".join(sigs) for sigs in overloaded.values())
        raise CatalogError(f"overloaded functions in schema {api_schema!r} cannot become tools: {listing}")
    type_oids = {o for f in functions for o in [*f["all_types"], f["return_type"]]}
    types = _TypeResolver(await _types(conn, type_oids))
    tools = {}
    for f in functions:
        tools[f["name"]] = await _tool(conn, api_schema, f, types, embed_vectors)
    return tools


async def _tool(conn, api_schema: str, f: asyncpg.Record, types: _TypeResolver, embed_vectors: bool) -> ToolSpec:
    description, docs, directives = parse_comment(f["comment"])
    modes = list(zip(f["names"], f["all_types"], f["modes"], strict=True))
    inputs = [(n, t) for n, t, m in modes if m in ("i", "b", "v")]
    outputs = [(n, t) for n, t, m in modes if m in ("o", "b", "t")]
    if any(not name for name, _ in inputs):
        raise CatalogError(f"{api_schema}.{f['name']}({f['identity_args']}): every parameter of a tool needs a name")
    first_default = len(inputs) - f["n_defaults"]
    params = []
    for index, (name, oid) in enumerate(inputs):
        schema, base = _described(types.input_schema(oid, embed_vectors), docs.get(name)), types.base_name(oid)
        vector = embed_vectors and base == "vector"
        embedded = types.rows[oid]["typtype"] == "d" and types.rows[oid]["typname"] == EMBEDDED_TEXT
        required = index < first_default and not embedded
        params.append(Param(name, types.rows[oid]["display"], base, schema, required, vector, embedded))
    returned = types.rows[f["return_type"]]
    if outputs:
        columns = tuple(types.column(n, t, docs.get(f"@column {n}")) for n, t in outputs)
    elif returned["typtype"] == "c" and returned["typrelid"]:
        attrs = await conn.fetch(COLUMNS_SQL, returned["typrelid"])
        types.rows.update(await _types(conn, {a["atttypid"] for a in attrs} - set(types.rows)))
        columns = tuple(types.column(a["attname"], a["atttypid"]) for a in attrs)
    elif f["returns_set"]:  # SETOF scalar: one column named after the function
        columns = (types.column(f["name"], f["return_type"]),)
    else:
        columns = None
    scalar = None if columns is not None else types.output_schema(f["return_type"])
    return ToolSpec(
        name=f["name"],
        qualified_name=f'"{api_schema}"."{f["name"]}"',
        description=description or f"{api_schema}.{f['name']}({f['identity_args']})",
        params=tuple(params),
        read_only=f["volatility"] in ("s", "i") or directives.read_only,
        # Only STABLE/IMMUTABLE functions may be cached: a VOLATILE one may answer differently every time.
        cache_ttl_s=directives.cache_ttl_s if f["volatility"] in ("s", "i") else None,
        columns=columns,
        scalar_schema=scalar,
        scalar_type_name=types.base_name(f["return_type"]) if scalar is not None else None,
    )
