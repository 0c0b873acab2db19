"""MCP prompts and argument completion from the catalog of one schema (default `prompts`).

- A prompt is every function of the schema that returns one text value and that a request role may EXECUTE.
  Name = function name; description and argument descriptions from COMMENT ON FUNCTION (the tools' convention,
  mcp.comment_docs); arguments = the parameters, required unless they have a default (mcp.prompts).
- prompts/get calls the function through the dispatcher (mcp.call_tool) under the caller's identity and request
  role, in a READ ONLY transaction; its text is the one user message of the result.
- completion/complete: an argument of an enum type (or a domain with an IN list) is completed from its labels; any
  other argument by the function <schema>.complete_<argument>(prefix text [, context jsonb]) RETURNS SETOF text,
  if there is one, run as the caller like a prompt (context: the other arguments given, as a JSON object).
  Anything else, an unknown prompt or a resource reference completes to no values.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import asyncpg
import mcp_types as types
from mcp.shared.exceptions import MCPError

from shim.calls import Executor, ident
from shim.catalog import fetch_catalog
from shim.errors import NAME_CHARS, ToolError, cap

MAX_VALUES = 100  # completion/complete answers at most this many values
PROMPTS_SQL = "SELECT mcp.prompts($1)::text"


class PromptError(MCPError):
    """A prompts/get or completion/complete the server answers with a JSON-RPC error: `code` (-32602 invalid params
    for a bad name or arguments, -32600 for an identity the database does not accept, -32603 otherwise)."""

    def __init__(self, message: str, code: int = types.INVALID_PARAMS, data: dict[str, Any] | None = None):
        super().__init__(code, message, data)


@dataclasses.dataclass(frozen=True)
class PromptArg:
    name: str
    type_sql: str  # the parameter's type as SQL, for the cast of the bound text
    description: str | None
    required: bool
    choices: tuple[str, ...] | None = None  # enum labels
    max_length: int | None = None  # the type's (a text domain's length CHECK, as a tool argument's maxLength)
    completer: str | None = None  # "schema"."complete_<name>"
    completer_takes_context: bool = False


@dataclasses.dataclass(frozen=True)
class PromptSpec:
    name: str
    qualified_name: str
    description: str
    arguments: tuple[PromptArg, ...]

    def to_mcp(self) -> types.Prompt:
        arguments = [
            types.PromptArgument(name=a.name, description=a.description, required=a.required) for a in self.arguments
        ]
        return types.Prompt(name=self.name, description=self.description, arguments=arguments)


async def load_prompts(conn: asyncpg.Connection, schema: str = "prompts") -> dict[str, PromptSpec]:
    """Every prompt of the schema, keyed by name, with the completers of its arguments (mcp.prompts)."""
    rows = await fetch_catalog(conn, PROMPTS_SQL, schema)
    prompts = {}
    for row in rows:
        arguments = tuple(PromptArg(**{**a, "choices": a["choices"] and tuple(a["choices"])}) for a in row["arguments"])
        prompts[row["name"]] = PromptSpec(row["name"], row["qualified_name"], row["description"], arguments)
    return prompts


async def _dispatch(executor: Executor, identity: str, label: str, statement: str, values: list) -> str | None:
    """One read-only statement as the identity, through the calls' executor (its queue, limits and timeout); the
    error a tool call would give becomes the JSON-RPC error of a prompt request."""
    try:
        return await executor.fetch_as(identity, label, statement, values)
    except ToolError as exc:
        error = exc.payload()["error"]  # its texts cut to length, as a tool error's are
        data = {k: v for k, v in error.items() if k in ("code", "sqlstate", "hint")}
        sqlstate, message = exc.sqlstate or "", error["message"]
        if sqlstate[:2] in ("22", "23"):
            raise PromptError(message, types.INVALID_PARAMS, data) from None
        if exc.code == "AUTHORIZATION_ERROR":
            raise PromptError(f"not authorized: {message}", types.INVALID_REQUEST, data) from None
        raise PromptError(message, types.INTERNAL_ERROR, data) from None


async def get_prompt(
    executor: Executor, spec: PromptSpec, arguments: dict[str, str] | None, identity: str | None
) -> types.GetPromptResult:
    """The prompt's text for these arguments, computed as the caller."""
    arguments = {k: v for k, v in (arguments or {}).items() if v is not None}
    known = {a.name: a for a in spec.arguments}
    if unknown := sorted(set(arguments) - set(known)):
        named = ", ".join(repr(cap(name, NAME_CHARS)) for name in unknown[:10])
        raise PromptError(f"unknown argument(s) {named} for prompt {spec.name!r}")
    if missing := [a.name for a in spec.arguments if a.required and a.name not in arguments]:
        raise PromptError(f"missing required argument(s) {', '.join(map(repr, missing))} for prompt {spec.name!r}")
    for name, value in arguments.items():
        if known[name].choices and value not in known[name].choices:
            raise PromptError(f"argument {name!r} must be one of: {', '.join(known[name].choices or ())}")
        if known[name].max_length is not None and len(str(value)) > known[name].max_length:
            raise PromptError(f"argument {name!r} is longer than {known[name].max_length} characters")
    if not identity:
        raise PromptError("no identity: the prompt was not computed", types.INVALID_REQUEST)
    given = [a for a in spec.arguments if a.name in arguments]
    call = ", ".join(f"{ident(a.name)} => ($1)[{i}]::{a.type_sql}" for i, a in enumerate(given, 1))
    statement = f"SELECT pg_catalog.to_json({spec.qualified_name}({call}))::text, NULL::text, 1::bigint"
    raw = await _dispatch(executor, identity, f"prompt {spec.name}", statement, [str(arguments[a.name]) for a in given])
    text = None if raw is None else json.loads(raw)
    if text is None:
        raise PromptError(f"prompt {spec.name!r} returned nothing for these arguments")
    return types.GetPromptResult(
        description=spec.description,
        messages=[types.PromptMessage(role="user", content=types.TextContent(type="text", text=text))],
    )


def _completion(values: list[str]) -> types.Completion:
    more = len(values) > MAX_VALUES
    return types.Completion(values=values[:MAX_VALUES], total=None if more else len(values), has_more=more)


async def complete(
    executor: Executor,
    prompts: dict[str, PromptSpec],
    ref: Any,
    argument_name: str,
    value: str,
    context_arguments: dict[str, str] | None,
    identity: str | None,
) -> types.Completion:
    """Values for one argument of a prompt reference (types.PromptReference or {"type", "name"}), as the caller
    sees them. Unknown prompts and arguments, resource references and a missing identity give no values."""
    kind, name = (ref.get("type"), ref.get("name")) if isinstance(ref, dict) else (ref.type, getattr(ref, "name", None))
    spec = prompts.get(name) if kind == "ref/prompt" else None
    arg = next((a for a in spec.arguments if a.name == argument_name), None) if spec else None
    prefix = value or ""
    if arg is None:
        return types.Completion(values=[])
    if arg.choices:
        return _completion([c for c in arg.choices if c.lower().startswith(prefix.lower())])
    if arg.completer is None or not identity:
        return types.Completion(values=[])
    context = json.dumps({k: v for k, v in (context_arguments or {}).items() if k != argument_name})
    bound = arg.max_length if arg.max_length is not None else 4096
    if len(prefix) > bound or len(context) > 16 * bound:  # no value is that long: nothing to ask the database
        return types.Completion(values=[])
    call = f"{arg.completer}(($1)[1]{', ($1)[2]::jsonb' if arg.completer_takes_context else ''})"
    statement = (
        "SELECT coalesce(pg_catalog.array_to_json(pg_catalog.array_agg(t.v ORDER BY t.n))::text, '[]'), NULL::text, "
        f"pg_catalog.count(*) FROM (SELECT c.v, c.n FROM {call} WITH ORDINALITY AS c(v, n) WHERE c.v IS NOT NULL "
        f"LIMIT {MAX_VALUES + 1}) AS t"
    )
    try:
        label = f"complete {name} {argument_name}"
        found = json.loads(await _dispatch(executor, identity, label, statement, [prefix, context]))
    except PromptError as exc:
        if exc.code == types.INVALID_REQUEST:  # an identity the database does not know completes to nothing
            return types.Completion(values=[])
        raise
    return _completion(found)
