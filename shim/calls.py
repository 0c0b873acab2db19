"""One tool call = validate, then one transaction under the caller's identity, then a clean connection.

    BEGIN [READ ONLY]                                  -- READ ONLY for STABLE/IMMUTABLE functions
    SELECT set_config(<identity setting>, $identity, true),
           set_config('statement_timeout', $timeout, true),
           set_config('role', <role function>($identity), true)   -- only when the identity maps to a role
    SELECT * FROM api.fn(a => $1::text::integer, ...) LIMIT <row cap + 1>
    COMMIT; RESET ALL; UNLISTEN *; CLOSE ALL           -- one round trip; ROLLBACK instead after an error

Everything the caller sent is a bound parameter; SQL text is built only from catalog names and configuration that
was validated at start. Identity and role are transaction-local, so nothing survives on the pooled connection.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import json
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import asyncpg
import jsonschema
import mcp_types as types

from shim.catalog import ToolSpec
from shim.errors import ToolError, from_postgres
from shim.values import to_json, to_text, vector_text

QUALIFIED_NAME = re.compile(r"^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$")
SETTING_NAME = re.compile(r"^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$")
CONNECTION_ERRORS = (
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.PostgresConnectionError,
    ConnectionError,
    OSError,
)

Embed = Callable[[str], Awaitable[list[float]]]
COMMIT_AND_RESET = "COMMIT; RESET ALL; UNLISTEN *; CLOSE ALL"
ROLLBACK_AND_RESET = "ROLLBACK; RESET ALL; UNLISTEN *; CLOSE ALL"


@dataclasses.dataclass(frozen=True)
class CallSettings:
    identity_setting: str = "app.current_rls_user_id"
    role_function: str = "auth.request_role"
    statement_timeout_ms: int = 30000
    row_cap: int = 1000
    acquire_timeout_s: float = 5.0
    read_retries: int = 2

    def __post_init__(self):
        if not SETTING_NAME.match(self.identity_setting):
            raise ValueError(f"identity setting {self.identity_setting!r} must look like prefix.name")
        if not QUALIFIED_NAME.match(self.role_function):
            raise ValueError(f"role function {self.role_function!r} must look like schema.function")


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


def validator_for(tool: ToolSpec) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(tool.input_schema(), format_checker=FORMAT_CHECKER)


def validation_error(validator: jsonschema.Draft202012Validator, arguments: Any) -> ToolError | None:
    """The first problem with the arguments, naming the field, or None when they are valid."""
    error = jsonschema.exceptions.best_match(validator.iter_errors(arguments))
    if error is None:
        return None
    if error.validator == "required":
        field = re.search(r"'([^']+)'", error.message)
        name = field.group(1) if field else None
        return ToolError("VALIDATION_ERROR", f"missing required argument '{name}'", field=name)
    if error.validator == "additionalProperties":
        extra = sorted(set(arguments) - set(validator.schema["properties"])) if isinstance(arguments, dict) else []
        allowed = ", ".join(sorted(validator.schema["properties"])) or "none"
        return ToolError(
            "VALIDATION_ERROR",
            f"unknown argument(s) {', '.join(map(repr, extra))}",
            hint=f"allowed arguments: {allowed}",
            field=extra[0] if extra else None,
        )
    path = ".".join(str(p) for p in error.absolute_path) or None
    return ToolError("VALIDATION_ERROR", f"argument '{path}': {error.message}" if path else error.message, field=path)


class Executor:
    def __init__(self, pool: asyncpg.Pool, settings: CallSettings, embed: Embed | None = None):
        self.pool = pool
        self.settings = settings
        self.embed = embed
        self._setup_sql = (
            "SELECT pg_catalog.set_config($1, $2, true), pg_catalog.set_config('statement_timeout', $3, true), "
            "(SELECT pg_catalog.set_config('role', r, true) "
            f"FROM (SELECT {settings.role_function}($2) AS r) AS s WHERE r IS NOT NULL)"
        )

    def call_sql(self, tool: ToolSpec, names: list[str]) -> str:
        by_name = {p.name: p for p in tool.params}
        args = ", ".join(f'"{n}" => ${i}::text::{by_name[n].type_sql}' for i, n in enumerate(names, 1))
        if tool.returns_rows:
            return f"SELECT * FROM {tool.qualified_name}({args}) LIMIT {self.settings.row_cap + 1}"
        return f"SELECT {tool.qualified_name}({args}) AS result"

    async def _bind(self, tool: ToolSpec, arguments: dict[str, Any]) -> tuple[list[str], list[str | None]]:
        names, values = [], []
        for param in tool.params:
            if param.name not in arguments:
                continue
            value = arguments[param.name]
            if param.is_vector and isinstance(value, str):
                if self.embed is None:
                    raise ToolError(
                        "VALIDATION_ERROR", "no embedder is configured for text arguments", field=param.name
                    )
                value = vector_text(await self.embed(value))
            elif param.type_name == "vector" and isinstance(value, list):
                value = vector_text(value)
            else:
                value = to_text(value)
            names.append(param.name)
            values.append(value)
        return names, values

    async def run(self, tool: ToolSpec, arguments: dict[str, Any], identity: str) -> types.CallToolResult:
        """Run the call; retry connection-level failures of read-only calls with backoff."""
        names, values = await self._bind(tool, arguments)
        sql = self.call_sql(tool, names)
        attempts = 1 + (self.settings.read_retries if tool.read_only else 0)
        for attempt in range(attempts):
            try:
                rows = await self._transaction(tool, sql, values, identity)
                return self._result(tool, rows)
            except CONNECTION_ERRORS as exc:
                if attempt + 1 == attempts:
                    raise ToolError(
                        "DATABASE_UNAVAILABLE",
                        "the database connection failed",
                        detail=type(exc).__name__,
                        hint="retry in a few seconds",
                    ) from None
                await asyncio.sleep(0.1 * 3**attempt)
        raise AssertionError("unreachable")

    async def _transaction(self, tool: ToolSpec, sql: str, values: list, identity: str) -> list[asyncpg.Record]:
        try:
            conn = await self.pool.acquire(timeout=self.settings.acquire_timeout_s)
        except TimeoutError:
            raise ToolError(
                "SERVER_BUSY",
                "no database connection became free in time",
                hint="retry shortly; the server is at its connection limit",
            ) from None
        clean = False
        try:
            await conn.execute("BEGIN READ ONLY" if tool.read_only else "BEGIN")
            try:
                setup = await conn.fetchrow(
                    self._setup_sql, self.settings.identity_setting, identity, f"{self.settings.statement_timeout_ms}ms"
                )
                if setup[2] is None:
                    raise ToolError(
                        "AUTHORIZATION_ERROR",
                        "the identity is not recognised",
                        hint="use an identity the database maps to a role",
                    )
                rows = await conn.fetch(sql, *values)
            except (asyncpg.PostgresError, ToolError):
                await conn.execute(ROLLBACK_AND_RESET)
                raise
            # One round trip ends the transaction and clears any session state a function may have set, so the
            # pool need not spend another on its reset (server.py's reset only cleans up after interrupted calls).
            await conn.execute(COMMIT_AND_RESET)
            clean = not conn.is_in_transaction()
            return rows
        except asyncpg.PostgresError as exc:
            clean = not conn.is_closed() and not conn.is_in_transaction()
            raise from_postgres(exc) from None
        except ToolError:
            clean = not conn.is_in_transaction()
            raise
        finally:
            with anyio.CancelScope(shield=True):
                if not clean and not conn.is_closed() and not conn._protocol._is_cancelling():
                    conn.terminate()  # not idle after the call: never hand it to the next caller
                await self.pool.release(conn, timeout=5)

    def _result(self, tool: ToolSpec, rows: list[asyncpg.Record]) -> types.CallToolResult:
        if not tool.returns_rows:
            value = to_json(rows[0]["result"]) if rows else None
            structured = {"result": value}
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
        else:
            truncated = len(rows) > self.settings.row_cap
            rows = rows[: self.settings.row_cap]
            columns = [c.name for c in tool.columns or ()]
            data = [[to_json(r[i]) for i in range(len(columns))] for r in rows]
            structured = {
                "rows": [dict(zip(columns, d, strict=True)) for d in data],
                "row_count": len(data),
                "truncated": truncated,
            }
            compact = {"columns": columns, "rows": data, "row_count": len(data)}
            if truncated:
                compact["truncated"] = f"only the first {self.settings.row_cap} rows are shown"
            text = json.dumps(compact, ensure_ascii=False, separators=(",", ":"), default=str)
        return types.CallToolResult(content=[types.TextContent(type="text", text=text)], structured_content=structured)
