"""The API schema's functions as MCP tools, described by the database itself: `mcp.tools(schema, embed_vectors)` (the
shim's own SQL package, shim/sql/functions/0110-0130) turns the catalog into each tool's name, description, argument
and result schemas and annotations, following the comment convention of the README ("The generic MCP shim",
Descriptions). This module keeps what a call needs of them: the arguments' validator, the MCP listing, and how to
bind and render a call (shim/calls.py).

A tool is every function (prokind 'f') of the API schema that at least one request role may EXECUTE; the request
roles are the roles the server's login is a member of.
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

from shim.errors import NAME_CHARS, ToolError, cap

TOOLS_SQL = "SELECT mcp.tools($1, $2)::text"
CATALOG_REFUSED = "42P13"  # invalid_function_definition: mcp.tools cannot serve the schema as it is


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
    # A parameter of domain embedding_source: the server binds the text it embedded for the call's vector argument
    # (NULL when the caller sent a vector); it is not the caller's, so not in the input schema.
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
    scalar_type_name: str | None
    inputs: dict[str, Any]  # the input schema
    outputs: dict[str, Any]  # the output schema

    @classmethod
    def from_catalog(cls, tool: dict[str, Any]) -> ToolSpec:
        """From one object of mcp.tools."""
        columns = tool["columns"]
        return cls(
            name=tool["name"],
            qualified_name=tool["qualified_name"],
            description=tool["description"],
            params=tuple(Param(**p) for p in tool["params"]),
            read_only=tool["read_only"],
            cache_ttl_s=tool["cache_ttl_s"],
            columns=None if columns is None else tuple(Column(**c) for c in columns),
            scalar_type_name=tool["scalar_type_name"],
            inputs=tool["input_schema"],
            outputs=tool["output_schema"],
        )

    def input_schema(self) -> dict[str, Any]:
        return self.inputs

    def output_schema(self) -> dict[str, Any]:
        return self.outputs

    @functools.cached_property
    def column_names_json(self) -> str:
        return json.dumps([c.name for c in self.columns or ()], ensure_ascii=False, separators=(",", ":"))

    @property
    def returns_rows(self) -> bool:
        return self.columns is not None

    @functools.cached_property
    def validator(self) -> jsonschema.protocols.Validator:
        return BoundedValidator(_bounds_first(self.input_schema()), format_checker=FORMAT_CHECKER)

    @functools.cached_property
    def takes_no_arguments(self) -> bool:
        """Whether no arguments at all is a valid call (every argument optional)."""
        return self.validator.is_valid({})

    def argument_error(self, arguments: Any) -> ToolError | None:
        """The first problem with the arguments, naming the field, or None when they are valid."""
        if arguments == {} and self.takes_no_arguments:  # as common as it is cheap to answer
            return None
        if self.validator.is_valid(arguments):  # the common case, without building error objects
            return None
        errors = self.validator.iter_errors(arguments)
        first = next(errors, None)
        if first is None:
            return None
        # An argument over its bounds: said at once. The other errors would be looked for through all of it first.
        error = first if first.validator in BOUNDS else jsonschema.exceptions.best_match([first, *errors])
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


BOUNDS = ("maxItems", "maxLength", "maxProperties")


def _bounds_first(schema: Any) -> Any:
    """The schema with each object's size bounds before its other keywords: jsonschema checks them in order, and
    the catalog's JSON (from jsonb) puts "items" before "maxItems", so a 4 MB array had every element checked
    (seconds of the event loop) before its length was."""
    if isinstance(schema, list):
        return [_bounds_first(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    first = {k: schema[k] for k in BOUNDS if k in schema}
    return {**first, **{k: _bounds_first(v) for k, v in schema.items() if k not in first}}


def _over(limit_name: str, unit: str, size):
    """A size bound whose error names the limit, not the value: jsonschema's own says `<repr of it all> is too
    long`, which took 0.15 s to write for a million-element array, and the client sent it anyway."""

    def check(validator, limit, instance, schema):
        if validator.is_type(instance, limit_name) and size(instance) > limit:
            yield jsonschema.ValidationError(f"is over its limit of {limit} {unit}")

    return check


def _json_type(validator, expected, instance, schema):
    """jsonschema's own message spells the value in Python ("None is not of type 'string'"); clients wrote JSON."""
    expected = expected if isinstance(expected, list) else [expected]
    if not any(validator.is_type(instance, t) for t in expected):
        yield jsonschema.ValidationError(f"expected {' or '.join(expected)}, got {_as_json(instance)}")


def _as_json(value: Any) -> str:
    if isinstance(value, list | dict):
        return "an array" if isinstance(value, list) else "an object"
    return json.dumps(cap(value, NAME_CHARS), ensure_ascii=False)  # a long string: its start, its length, its end


BoundedValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    {
        "maxItems": _over("array", "items", len),
        "maxLength": _over("string", "characters", len),
        "maxProperties": _over("object", "properties", len),
        "type": _json_type,
    },
)


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


async def fetch_catalog(conn: asyncpg.Connection, sql: str, *args: Any) -> list[dict[str, Any]]:
    """The JSON objects one of the shim's catalog functions returns (mcp.tools, mcp.prompts), as text: pool connections
    decode json themselves. CatalogError when the schema cannot be served as it is."""
    try:
        return [json.loads(row[0]) for row in await conn.fetch(sql, *args)]
    except asyncpg.PostgresError as exc:
        if exc.sqlstate == CATALOG_REFUSED:
            raise CatalogError(str(exc)) from None
        raise


async def load_tools(conn: asyncpg.Connection, api_schema: str, embed_vectors: bool) -> dict[str, ToolSpec]:
    """Every EXECUTE-able function of the API schema as a ToolSpec, keyed by name (CatalogError when the schema cannot
    be served)."""
    tools = [ToolSpec.from_catalog(tool) for tool in await fetch_catalog(conn, TOOLS_SQL, api_schema, embed_vectors)]
    return {tool.name: tool for tool in tools}
