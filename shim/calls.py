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

import asyncio
import collections
import dataclasses
import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import mcp_types as types

from shim import sdk_adapter
from shim.catalog import ToolSpec
from shim.config import Settings
from shim.errors import RETRY_HINT, TIMEOUT_HINT, ToolError, from_postgres
from shim.observability import log
from shim.values import to_text, vector_text

CONNECTION_ERRORS = (
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.PostgresConnectionError,
    ConnectionError,
    OSError,
)
CallSettings = Settings  # what a call needs of the settings: the contract's names, timeouts, the row cap, the limits
Embed = Callable[[str], Awaitable[str]]  # a query text to its vector in pgvector's text form
RETRY = RETRY_HINT
BACKSTOP_MARGIN_S = 1.0  # the client-side timeout fires this long after the statement timeout
WAIT_FOR_ROLE = object()  # CallQueue._take_kept: wait for a connection a call of the caller's role releases
RELEASE_TIMEOUT_S = 1.0  # a cancelled statement gets this long to end before its connection is dropped
ROLES_REMEMBERED = 10_000  # identities whose last role picks their connection (least recently seen forgotten)


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

    def dispatch_statement(self, label: str) -> str:
        """The statement sent for a call: named after the tool, so pg_stat_activity and pg_stat_statements tell
        the tools apart (one prepared statement per tool)."""
        return f"/* tool {re.sub(r'[^A-Za-z0-9_]', '_', label)} */ {self._dispatch_sql}"

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
            aliases = ", ".join(f"c{i}" for i in range(len(columns)))
            renamed = ", ".join(
                f"{_json_ready(f's.c{i}', c.type_name)} AS {ident(c.name)}" for i, c in enumerate(columns)
            )
            values = ", ".join(f"pg_catalog.to_json(t.{ident(c.name)})" for c in columns)
            sql = (
                "SELECT coalesce(pg_catalog.array_to_json(pg_catalog.array_agg(pg_catalog.row_to_json(t.*)))::text, "
                "'[]'), coalesce(pg_catalog.array_to_json(pg_catalog.array_agg("
                f"pg_catalog.array_to_json(ARRAY[{values}]::pg_catalog.json[])))::text, '[]'), pg_catalog.count(*) "
                f"FROM (SELECT {renamed} FROM (SELECT * FROM {call} WITH ORDINALITY AS o "
                f"LIMIT {self.settings.row_cap + 1}) AS s({aliases}, n)) AS t"
            )
        self._statements[key] = (tool, sql)
        return sql

    async def _bind(self, tool: ToolSpec, arguments: dict[str, Any]) -> tuple[tuple[str, ...], list[str | None]]:
        names, values, embedded = [], [], None
        for param in tool.params:
            if param.embedded_text or param.name not in arguments:
                continue
            value = arguments[param.name]
            if param.is_vector and isinstance(value, str):
                if self.embed is None:
                    raise ToolError(
                        "VALIDATION_ERROR", "no embedder is configured for text arguments", field=param.name
                    )
                embedded = value
                value = await self.embed(value)
            elif param.type_name == "vector" and isinstance(value, list):
                value = vector_text(value)
            else:
                value = to_text(value)
            names.append(param.name)
            values.append(value)
        for param in tool.params:  # the text behind the vector argument, never the caller's own (catalog.py)
            if param.embedded_text:
                names.append(param.name)
                values.append(embedded)
        return tuple(names), values

    async def run(self, tool: ToolSpec, arguments: dict[str, Any], identity: str) -> RawResult:
        """Run the call once. Only opening a connection is retried: once the statement was sent it may have run (or
        still be running), so a timeout, a cancel or a lost connection is answered, never run again."""
        names, values = await self._bind(tool, arguments)
        statement = self.call_statement(tool, names)
        row = await self._statement(tool.name, statement, values, identity, tool.read_only)
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
            clean = not _gone(conn) and not conn.is_in_transaction()
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
            if not clean and not _gone(conn) and not sdk_adapter.cancel_in_flight(conn):
                conn.terminate()
            await queue.release(conn, identity, role)


class CallQueue:
    """The pool's connections for calls: callers served in arrival order, each identity within its limit, each call
    on a connection whose last call ran as the same role where one is free.

    Why the role: PostgreSQL plans a statement that row-level security shapes for the role that runs it, and plans
    it again, with every such plan inside the tool's functions, when the next call on the connection runs as
    another role (measured with pgbench on the point lookup: one role 136-156 µs of PostgreSQL CPU a call, three
    roles alternating 225-250). So a finished call's connection is kept here, tagged with the role its call ran as
    (the dispatch statement returns it), instead of going back to asyncpg's pool, whose LIFO queue cannot hand out
    a chosen connection; a call takes a kept connection of its identity's last role, else opens one while the pool
    has room, else waits for one of its role that a running call will release (when more of them run than calls wait
    for them), else takes the least recently kept. Waiting costs the caller at most one call's time; not waiting
    cost the database a re-plan of the tool (the realistic mix at 8 clients on 10 connections: 13% of calls on
    another role's connection without the wait). The role only picks a connection: each call still asks the
    database for its identity's role. Connections kept idle for pool_idle_s are closed, and a connection that is not
    idle after its call never stays."""

    def __init__(self, pool: asyncpg.Pool, settings: CallSettings):
        self.pool, self.settings = pool, settings
        self.queue = asyncio.Semaphore(pool.get_max_size())  # callers waiting for a connection, in arrival order
        self._identities: dict[str, list] = {}  # identity -> [its semaphore, its calls running or waiting]
        self._kept: list[tuple[asyncpg.Connection, str | None, float]] = []  # (idle connection, its last role, since)
        self._roles: collections.OrderedDict[str, str] = collections.OrderedDict()  # identity -> role, most recent
        self._taken = 0  # connections taken from the pool: in use, kept, or being opened
        self._running: dict[asyncpg.Connection, str | None] = {}  # connection in a call -> the role it will run as
        self._busy: collections.Counter[str | None] = collections.Counter()  # role -> its connections in calls
        self._for_role: dict[str, collections.deque[asyncio.Future]] = {}  # role -> callers waiting for one of its
        self._sweeper: asyncio.Task | None = None
        self._closed = False  # closing: connections go back to the pool, which waits for them
        self.in_use = 0  # connections handed to calls
        self.waiting = 0  # calls waiting for one
        self.choices = collections.Counter()  # how calls got theirs: same role, new connection, no role yet, other role

    async def connect(self, identity: str) -> asyncpg.Connection:
        """acquire(), retried when a connection could not be opened: nothing was sent yet."""
        for attempt in range(1 + self.settings.connect_retries):
            try:
                return await self.acquire(identity)
            except CONNECTION_ERRORS as exc:
                if attempt == self.settings.connect_retries:
                    raise ToolError(
                        "DATABASE_UNAVAILABLE", "the database connection failed", detail=type(exc).__name__, hint=RETRY
                    ) from None
                await asyncio.sleep(0.1 * 3**attempt)
        raise AssertionError("unreachable")

    async def acquire(self, identity: str | None = None, patient: bool = False) -> asyncpg.Connection:
        """A connection, callers served in the order they came, at most calls_per_identity at once per identity.
        asyncpg's pool alone is not fair: a released connection wakes the longest waiter, but a caller arriving
        before that waiter runs takes it, and the waiter queues again at the back (measured at 32 clients on a pool
        of 10: p99 62 ms at a p50 of 11 ms). A FIFO semaphore the size of the pool is the queue; below it there is
        then always a kept connection or room in the pool. In front of it each identity has a semaphore of its own,
        so one caller cannot hold every connection. One deadline (pool_timeout_s; none for a patient caller) covers
        all three; asyncio.timeout rather than acquire(timeout=), which runs every acquire in a
        task."""
        limit = self.settings.calls_per_identity
        own = identity is not None and limit < self.pool.get_max_size()
        if own:
            slot = self._identities.setdefault(identity, [asyncio.Semaphore(limit), 0])
            slot[1] += 1
        held: list[asyncio.Semaphore] = []
        self.waiting += 1
        try:
            async with asyncio.timeout(None if patient else self.settings.pool_timeout_s):
                if own:
                    await slot[0].acquire()
                    held.append(slot[0])
                await self.queue.acquire()
                held.append(self.queue)
                conn = self._take_kept(identity)
                while conn is WAIT_FOR_ROLE:
                    conn = await self._wait_for_role(self._roles[identity]) or self._take_kept(identity)
                if conn is None:
                    self._taken += 1
                    try:
                        conn = await self.pool.acquire()
                    except BaseException:
                        self._taken -= 1
                        raise
        except BaseException as exc:
            self._free(identity, held)
            if not isinstance(exc, TimeoutError):
                raise
            if own and not held:
                raise ToolError(
                    "SERVER_BUSY",
                    f"too many concurrent calls for this identity (the limit is {limit})",
                    hint="wait for your running calls to finish, or run fewer at once",
                ) from None
            hint = "retry shortly; the server is at its connection limit"
            raise ToolError("SERVER_BUSY", "no database connection became free in time", hint=hint) from None
        finally:
            self.waiting -= 1
        self.in_use += 1
        self._running[conn] = role = self._roles.get(identity) if identity is not None else None
        self._busy[role] += 1
        return conn

    async def _wait_for_role(self, role: str) -> asyncpg.Connection | None:
        """The next connection a call of `role` releases (release() hands it over), or None to choose again when
        fewer calls of the role run than wait (a connection dropped, a call that ran as another role). A caller
        handed one as its wait ends otherwise (its deadline) puts it back."""
        waiter = asyncio.get_running_loop().create_future()
        waiters = self._for_role.setdefault(role, collections.deque())
        waiters.append(waiter)
        try:
            return await waiter
        except BaseException:
            if waiter.done() and not waiter.cancelled() and waiter.result() is not None:
                self._keep(waiter.result(), role)
            elif waiter in waiters:
                waiters.remove(waiter)
            raise

    def _take_kept(self, identity: str | None) -> asyncpg.Connection | None:
        """A kept connection for the caller, or None to open one. An identity whose role is known: a connection of
        that role, else a new one while the pool has room, else one of no known role, else the least recently used
        (the role it served is the one that went longest without a call). An identity seen for the first time: one
        of no known role, else the most recently used. Synchronous: nothing runs between the choice and the taking."""
        role, kept = self._roles.get(identity), self._kept

        def last_kept(tag: str | None) -> int | None:
            return next((i for i in range(len(kept) - 1, -1, -1) if kept[i][1] == tag), None)

        if role is not None:
            pick = last_kept(role)
            if pick is not None:
                self.choices["same role"] += 1
                return kept.pop(pick)[0]
            if self._taken < self.pool.get_max_size():
                self.choices["new connection"] += 1
                return None
            if self._busy[role] > len(self._for_role.get(role, ())):
                self.choices["waited for its role"] += 1
                return WAIT_FOR_ROLE
        untagged = last_kept(None)
        if untagged is not None:
            self.choices["no role yet"] += 1
            return kept.pop(untagged)[0]
        if not kept:
            self.choices["new connection"] += 1
            return None
        self.choices["other role"] += 1
        return kept.pop(0 if role is not None else -1)[0]

    def _free(self, identity: str | None, held: list[asyncio.Semaphore]) -> None:
        for semaphore in reversed(held):
            semaphore.release()
        slot = self._identities.get(identity) if identity is not None else None
        if slot is not None:
            slot[1] -= 1
            if not slot[1]:  # nobody of this identity is running or waiting
                del self._identities[identity]

    async def release(self, conn: asyncpg.Connection, identity: str | None = None, role: str | None = None) -> None:
        """Kept for the next call when it is idle, else back to the pool (which resets it); then the next caller in
        line is let through (it finds the connection kept, or room in the pool). A release to the pool that fails
        or takes too long (a cancel PostgreSQL does not honour) drops the connection; the caller's answer stands
        either way. `role`: the role the call ran as, when it finished."""
        if identity is not None and role is not None:
            self._roles[identity] = role
            self._roles.move_to_end(identity)
            if len(self._roles) > ROLES_REMEMBERED:
                self._roles.popitem(last=False)
        expected = self._running.pop(conn, None)
        self._busy[expected] -= 1
        try:
            if self._closed or _gone(conn) or conn.is_in_transaction() or sdk_adapter.cancel_in_flight(conn):
                await self._give_back(conn)
            else:
                self._keep(conn, role or self._roles.get(identity))
        finally:
            self.in_use -= 1
            waiters = self._for_role.get(expected, ())
            while len(waiters) > self._busy[expected]:  # more wait for the role than its calls will release
                waiter = waiters.pop()
                if not waiter.done():
                    waiter.set_result(None)
            slot = self._identities.get(identity) if identity is not None else None
            self._free(identity, [slot[0], self.queue] if slot else [self.queue])

    def _keep(self, conn: asyncpg.Connection, role: str | None) -> None:
        """An idle connection to the first caller waiting for its role, else kept for the next call."""
        waiters = self._for_role.get(role)
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(conn)
                return
        self._kept.append((conn, role, time.monotonic()))
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = asyncio.create_task(self._sweep())

    async def _give_back(self, conn: asyncpg.Connection) -> None:
        try:
            await self.pool.release(conn, timeout=RELEASE_TIMEOUT_S)
        except Exception as exc:
            conn.terminate()
            log("warning", "connection dropped on release", error=repr(exc))
        finally:
            self._taken -= 1

    async def _sweep(self) -> None:
        """While connections are kept: those idle for pool_idle_s are closed (and their place in the pool freed),
        as the pool would have closed them."""
        idle_s = self.settings.pool_idle_s
        while self._kept:
            await asyncio.sleep(max(0.05, min(idle_s, 60) / 4))
            stale = [k for k in self._kept if time.monotonic() - k[2] >= idle_s]
            for kept in stale:
                self._kept.remove(kept)
                kept[0].terminate()
                await self._give_back(kept[0])

    async def close(self) -> None:
        """Every kept connection back to the pool (before the pool closes), and any call still running gives its
        back when it ends."""
        self._closed = True
        if self._sweeper is not None:
            self._sweeper.cancel()
            await asyncio.gather(self._sweeper, return_exceptions=True)
        kept, self._kept = self._kept, []
        for conn, _, _ in kept:
            await self._give_back(conn)


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


def _gone(conn: asyncpg.Connection) -> bool:
    """Closed, or no longer ours: asyncpg hands a terminated or lost connection back to its pool at once and its
    proxy then refuses every use."""
    try:
        return conn.is_closed()
    except asyncpg.InterfaceError:
        return True
