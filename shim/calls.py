"""One tool call = validate, then one statement under the caller's identity, then a clean connection.

    SELECT c.*, r.role FROM (SELECT <role function>($identity) AS role OFFSET 0) AS r,
        LATERAL mcp.call_tool($identity, r.role, <call statement>, $arguments, <read only>) AS c

mcp.call_tool (the shim's own SQL package, shim/sql/functions/0100_call_tool.sql) sets the identity in mcp.identity
and the role, transaction-locally, and runs the call statement, which this module builds from catalog names only:

    SELECT <rows as JSON>, <rows as compact JSON>, count(*)
    FROM (SELECT * FROM api.fn(a => ($1)[1]::integer, ...) WITH ORDINALITY LIMIT <row cap + 1>) AS t

WITH ORDINALITY keeps PostgreSQL from inlining a one-SELECT SQL function into this statement, which is planned
anew on every call; called, the function keeps its own cached plan for the session (measured: +60% calls/s for the
point lookup at 8 clients).

The caller's arguments travel as the bound text array $1 and are cast by PostgreSQL. The statement is its own
transaction, so identity and role end with it: one round trip per call, and nothing survives on the connection.
PostgreSQL renders the JSON, so a result reaches the client without being decoded and encoded again in Python.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import mcp_types as types

from shim import sdk_adapter
from shim.catalog import ToolSpec
from shim.config import Settings
from shim.connections import CONNECTION_ERRORS, CallQueue, gone
from shim.errors import RETRY_HINT, TIMEOUT_HINT, ToolError, from_postgres
from shim.values import to_text, vector_text

CallSettings = Settings  # what a call needs of the settings: the contract's names, timeouts, the row cap, the limits
Embed = Callable[[str, str], Awaitable[str]]  # a query text (and the caller's identity) to its vector, pgvector's text
RETRY = RETRY_HINT
BACKSTOP_MARGIN_S = 1.0  # the client-side timeout fires this long after the statement timeout
MB = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class RawResult:
    """A tool result as JSON text: what goes to the client verbatim, and what the SDK's models need parsed.

    An error result has no structuredContent: clients validate structuredContent against the tool's outputSchema
    even when isError is true (the TypeScript SDK throws -32602 otherwise), and an error is not the tool's output.
    Its JSON ({"error": {code, message, detail, hint, field, sqlstate}}) is the text content."""

    content_text: str  # the TextContent a model reads
    structured_text: str | None  # structuredContent, a JSON object; None for an error
    error_code: str | None = None  # set for an error result (isError)

    @property
    def is_error(self) -> bool:
        return self.error_code is not None

    @classmethod
    def from_error(cls, error: ToolError) -> RawResult:
        text = json.dumps(error.payload(), ensure_ascii=False, separators=(",", ":"))
        return cls(text, None, error.code)

    def to_call_tool_result(self) -> types.CallToolResult:
        return types.CallToolResult(
            content=[types.TextContent(type="text", text=self.content_text)],
            structured_content=None if self.structured_text is None else json.loads(self.structured_text),
            is_error=self.is_error,
        )

    def dumps(self) -> bytes:
        """For the result cache: both texts, the first one length-prefixed."""
        return f"{len(self.structured_text)}:{self.structured_text}{self.content_text}".encode()

    @classmethod
    def loads(cls, blob: bytes) -> RawResult:
        text = blob.decode()
        length, rest = text.split(":", 1)
        return cls(rest[int(length) :], rest[: int(length)])


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _json_ready(expr: str, type_name: str) -> str:
    """An expression whose JSON rendering is what the output schema promises: vectors as arrays, bytea as base64."""
    if type_name == "vector":
        return f"({expr})::text::pg_catalog.json"
    if type_name == "bytea":
        return f"pg_catalog.encode({expr}, 'base64')"
    return expr


def _refuse_nul(text: str | None, name: str) -> None:
    if text is not None and "\x00" in text:  # valid JSON (\u0000), but no PostgreSQL text holds it
        raise ToolError("VALIDATION_ERROR", "text cannot contain the NUL character", field=name)


class Executor:
    """Builds each call's statement and runs it as the caller, on a connection of the queue."""

    def __init__(self, pool: asyncpg.Pool | None, settings: CallSettings, embed: Embed | None = None):
        self.settings, self.embed = settings, embed
        self.queue = CallQueue(pool, settings) if pool is not None else None  # None: only building statements
        self.replicas = None  # shim/replicas.py: where read-only calls may go instead (set by the database)
        # The role comes back too (CallQueue keeps connections by the role their last call ran as); OFFSET 0 keeps
        # the role function a subquery evaluated once, not pulled up and evaluated again for the output column.
        self._dispatch_sql = (
            f"SELECT c.rows_json, c.compact_json, c.row_count, r.role"
            f" FROM (SELECT {settings.role_function}($1) AS role OFFSET 0) AS r,"
            f" LATERAL {settings.dispatch_function}($1, r.role, $2, $3, $4) AS c"
        )
        self._statements: dict[tuple[str, tuple[str, ...]], tuple[ToolSpec, str]] = {}
        self._dispatch_by_label: dict[str, str] = {}

    def dispatch_statement(self, label: str) -> str:
        """The statement sent for a call: named after the tool, so pg_stat_activity and pg_stat_statements tell
        the tools apart (one prepared statement per tool). Labels are catalog names: kept, not rebuilt per call."""
        statement = self._dispatch_by_label.get(label)
        if statement is None:
            statement = f"/* tool {re.sub(r'[^A-Za-z0-9_]', '_', label)} */ {self._dispatch_sql}"
            self._dispatch_by_label[label] = statement
        return statement

    def call_statement(self, tool: ToolSpec, names: tuple[str, ...]) -> str:
        """The statement mcp.call_tool runs for this tool and these argument names (cached: it is the same text
        every time, and only catalog names go into it)."""
        key = (tool.name, names)
        cached = self._statements.get(key)
        if cached is not None and cached[0] is tool:  # a reload makes new ToolSpecs: their statements are rebuilt
            return cached[1]
        by_name = {p.name: p for p in tool.params}
        args = ", ".join(f"{ident(n)} => ($1)[{i}]::{by_name[n].type_sql}" for i, n in enumerate(names, 1))
        call = f"{tool.qualified_name}({args})"
        if not tool.returns_rows:
            value = _json_ready(call, tool.scalar_type_name or "")
            sql = f"SELECT coalesce(pg_catalog.to_json({value})::text, 'null'), NULL::text, 1::bigint"
        else:
            columns = tool.columns or ()
            # Columns are read by name: a statement planned again after the function changed shape (a migration,
            # before the catalog reload reaches this server) then reads each column by what it is, or fails naming
            # the one gone, instead of labelling the new columns by the old positions. A set of scalars (its one
            # column is named after the alias) and a column itself named "ordinality" (the name WITH ORDINALITY gives
            # its own) are read by position.
            positional = len(columns) == 1 or any(c.name == "ordinality" for c in columns)
            aliases = f"({', '.join(f'c{i}' for i in range(len(columns)))}, n)" if positional else ""
            renamed = ", ".join(
                f"{_json_ready(f's.c{i}' if positional else f's.{ident(c.name)}', c.type_name)} AS {ident(c.name)}"
                for i, c in enumerate(columns)
            )
            values = ", ".join(f"pg_catalog.to_json(t.{ident(c.name)})" for c in columns)
            sql = (
                "SELECT coalesce(pg_catalog.array_to_json(pg_catalog.array_agg(pg_catalog.row_to_json(t.*)))::text, "
                "'[]'), coalesce(pg_catalog.array_to_json(pg_catalog.array_agg("
                f"pg_catalog.array_to_json(ARRAY[{values}]::pg_catalog.json[])))::text, '[]'), pg_catalog.count(*) "
                f"FROM (SELECT {renamed} FROM (SELECT * FROM {call} WITH ORDINALITY AS o "
                f"LIMIT {self.settings.row_cap + 1}) AS s{aliases}) AS t"
            )
        self._statements[key] = (tool, sql)
        return sql

    async def _bind(
        self, tool: ToolSpec, arguments: dict[str, Any], identity: str | None = None
    ) -> tuple[tuple[str, ...], list[str | None]]:
        names, values, embedded = [], [], None
        for param in tool.params:
            if param.embedded_text or param.name not in arguments:
                continue
            value = arguments[param.name]
            if param.is_vector and isinstance(value, str):
                _refuse_nul(value, param.name)  # the text is also bound, as the embedding's source
                if self.embed is None:
                    raise ToolError(
                        "VALIDATION_ERROR", "no embedder is configured for text arguments", field=param.name
                    )
                embedded = value
                value = await self.embed(value, identity)
            elif param.type_name == "vector" and isinstance(value, list):
                value = vector_text(value)
            else:
                value = to_text(value)
                _refuse_nul(value, param.name)
            names.append(param.name)
            values.append(value)
        for param in tool.params:  # the text behind the vector argument, never the caller's own (mcp.tools)
            if param.embedded_text:
                names.append(param.name)
                values.append(embedded)
        return tuple(names), values

    async def run(self, tool: ToolSpec, arguments: dict[str, Any], identity: str) -> RawResult:
        """Run the call once. Only opening a connection is retried: once the statement was sent it may have run (or
        still be running), so a timeout, a cancel or a lost connection is answered, never run again."""
        names, values = await self._bind(tool, arguments, identity)
        statement = self.call_statement(tool, names)
        row = await self._statement(tool.name, statement, values, identity, tool.read_only)
        size = len(row[0]) + len(row[1] or "")
        if size > self.settings.max_result_mb * MB:  # refused before it is copied into an answer, or sent
            raise ToolError(
                "RESOURCE_LIMIT",
                f"the answer is {size / MB:.1f} MB, over the server's limit of {self.settings.max_result_mb:g} MB",
                hint="ask for less: fewer rows or columns, a shorter period",
            )
        return result_of(tool, row, self.settings.row_cap)

    async def fetch_as(self, identity: str, label: str, statement: str, values: list) -> str | None:
        """The first column of one read-only statement (SELECT <text>, NULL, <count>) run as the identity, with
        everything a tool call has: the queue, the identity's limit, the timeout. Prompts and completions use it."""
        return (await self._statement(label, statement, values, identity, True))[0]

    async def _connect(self, identity: str, read_only: bool):
        """(queue, connection, replica or None): a read-only call on a usable replica when there is one. A replica
        that refuses the connection is skipped at once and the call goes to the primary: nothing was sent yet."""
        replica = self.replicas.choose() if read_only and self.replicas else None
        if replica is not None:
            try:
                return replica.queue, await replica.queue.acquire(identity), replica
            except CONNECTION_ERRORS as exc:
                self.replicas.failed(replica, exc)
                self.replicas.count_fallback("replica unreachable")
        return self.queue, await self.queue.connect(identity), None

    async def _statement(self, label: str, statement: str, values: list, identity: str, read_only: bool):
        queue, conn, replica = await self._connect(identity, read_only)
        clean, role = False, None
        timeout_ms = self.settings.statement_timeout_ms
        try:
            # The session's statement_timeout (server.py) ends the statement in PostgreSQL. The backstop covers what
            # it cannot: a pooler that drops startup parameters, work PostgreSQL does not interrupt.
            row = await conn.fetchrow(
                self.dispatch_statement(label),
                identity,
                statement,
                values,
                read_only,
                timeout=timeout_ms / 1000 + BACKSTOP_MARGIN_S,
            )
            clean, role = True, row[3]
            return row
        except asyncpg.PostgresError as exc:
            clean = not gone(conn) and not conn.is_in_transaction()
            error = from_postgres(exc)
            if replica is not None and error.code == "DATABASE_UNAVAILABLE":  # shut down: skip it from now on
                self.replicas.failed(replica, exc)
            raise error from None
        except TimeoutError:
            # Waiting for PostgreSQL to honour the cancel could take as long as the work itself: the connection is
            # dropped now (client_connection_check_interval then ends the backend's work) and the caller answered.
            conn.terminate()
            raise ToolError(
                "QUERY_TIMEOUT", f"the call did not finish within {timeout_ms} ms", hint=TIMEOUT_HINT
            ) from None
        except CONNECTION_ERRORS as exc:
            if replica is not None:  # the next call goes to the primary (or another replica) at once
                self.replicas.failed(replica, exc)
            raise ToolError(
                "DATABASE_UNAVAILABLE",
                "the database connection was lost during the call; it was not retried (it may have run)",
                detail=type(exc).__name__,
                hint=RETRY,
            ) from None
        finally:
            # Not idle after the call: never hand it to the next caller. A cancelled call is the exception: asyncpg
            # is cancelling the statement in PostgreSQL, and the pool waits for that on release, briefly.
            if not clean and not gone(conn) and not sdk_adapter.cancel_in_flight(conn):
                conn.terminate()
            await queue.release(conn, identity, role)


def result_of(tool: ToolSpec, row: asyncpg.Record, cap: int) -> RawResult:
    """The call's result from the dispatch function's row: both JSON texts, cut at the row cap."""
    rows_json, compact_json, count = row[0], row[1], row[2]
    if not tool.returns_rows:
        return RawResult(rows_json, '{"result":' + rows_json + "}")
    truncated = count > cap
    if truncated:  # the statement fetched one row more than the cap to know; drop it
        rows_json = json.dumps(json.loads(rows_json)[:cap], ensure_ascii=False, separators=(",", ":"))
        compact_json = json.dumps(json.loads(compact_json)[:cap], ensure_ascii=False, separators=(",", ":"))
        count = cap
    structured = f'{{"rows":{rows_json},"row_count":{count},"truncated":{"true" if truncated else "false"}}}'
    content = f'{{"columns":{tool.column_names_json},"rows":{compact_json},"row_count":{count}'
    if truncated:
        content += f',"truncated":"only the first {cap} rows are shown"'
    return RawResult(content + "}", structured)
