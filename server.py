"""A generic MCP server for PostgreSQL: every function of the API schema becomes a tool.

    python server.py --stdio --identity <id>            # MCP over stdio, as one identity
    python server.py --host 127.0.0.1 --port 8000       # streamable HTTP at /mcp, identity from a JWT
    python server.py mint-token --identity <id>         # an HS256 development token

The server knows nothing about the database it serves. It reads the catalog (tools, schemas, comments), runs each
call in its own transaction under the caller's identity (transaction-local settings and role, see shim/calls.py)
and maps SQLSTATEs to typed tool errors. Schema changes announced with NOTIFY reach running servers as
notifications/tools/list_changed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import gc
import json
import logging
import os
import sys
import time
import uuid
import warnings
import weakref
from pathlib import Path
from typing import Any

import asyncpg
import jsonschema
import mcp_types as types
from mcp.server.auth.settings import AuthSettings
from mcp.server.lowlevel import NotificationOptions, Server
from mcp.shared.exceptions import MCPDeprecationWarning, MCPError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from shim import cache as result_cache
from shim import sdk_adapter
from shim.auth import CachedVerifier, JwtSettings, JwtVerifier, mint_token
from shim.calls import CallSettings, Executor, RawResult, validation_error, validator_for
from shim.catalog import CatalogError, ToolSpec, load_tools
from shim.edge import DEFAULT_LIMITS, Limits, wants_fresh
from shim.embedders import Embedder, EmbedderError, QueryEmbeddings, from_environment
from shim.errors import CANCELLED, ToolError
from shim.lean_http import LeanToolCalls
from shim.lean_stdio import LeanStdio
from shim.login import check as login_check
from shim.observability import LOG, Metrics, PerformanceSummary, log_fields, setup_logging
from shim.prompts import PromptError, PromptSpec, complete, get_prompt, load_prompts

ROOT = Path(__file__).resolve().parent
DEV_SECRET_FILE = ROOT / ".dev" / "jwt-secret"
DEV_IDENTITY_HEADER = "x-rls-user-id"
SUMMARY_URI = "metrics://summary"
MCP_SESSION_ID_HEADER = "mcp-session-id"
LOG_LEVEL_META = (
    types.LOG_LEVEL_META_KEY if hasattr(types, "LOG_LEVEL_META_KEY") else "io.modelcontextprotocol/logLevel"
)
LOG_LEVEL_STATE = "log_level"  # Connection.state key: the level a client set with logging/setLevel
LOG_LEVELS = ("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency")
READY_PROBE_TIMEOUT_S = 1.0


@dataclasses.dataclass(frozen=True)
class Config:
    database_url: str
    api_schema: str = "api"
    prompts_schema: str = "prompts"  # its text functions are prompts, its complete_<argument> functions completers
    calls: CallSettings = dataclasses.field(default_factory=CallSettings)
    jwt: JwtSettings = dataclasses.field(default_factory=JwtSettings)
    pool_min: int = 2
    pool_max: int = 10
    notify_channel: str = "mcp_schema_changed"
    stdio_identity: str | None = None
    insecure_identity_header: bool = False
    public_url: str = "http://127.0.0.1:8000"
    issuer_url: str | None = None
    slow_call_ms: int = 1000
    startup_timeout_s: float = 30.0
    # The design document's pool and session defaults.
    pool_idle_s: float = 300.0
    command_timeout_s: float = 30.0
    session_settings: dict = dataclasses.field(
        default_factory=lambda: {
            "application_name": "mcp-shim",
            "jit": "off",
            "work_mem": "4MB",
            "client_connection_check_interval": "2000ms",
        }
    )
    statement_cache_size: int = 100  # 0 behind PgBouncer < 1.21 in transaction mode (no prepared statements)
    listen_database_url: str | None = None  # LISTEN needs a direct connection when the pool is behind PgBouncer
    cache_url: str | None = None
    cache_max_entries: int = 10_000
    cache_max_bytes: int = 64 * 2**20
    limits: Limits = dataclasses.field(default_factory=Limits)
    session_idle_s: float = 300.0  # an HTTP session nobody used for this long is closed
    max_sessions: int = 10_000
    max_sessions_per_identity: int = 32


class ToolServer(Server):
    """The SDK's low-level server, announcing tools/list_changed on every transport (HTTP builds its own options)."""

    def create_initialization_options(self, notification_options=None, *args, **kwargs):
        options = notification_options or NotificationOptions(tools_changed=True, prompts_changed=True)
        return super().create_initialization_options(options, *args, **kwargs)


class LoginRefused(Exception):
    """The database login could bypass row-level security (serving through it would void every guarantee), or lacks
    a right every call needs (shim/login.py)."""


# Exit codes of `python server.py` (README, "Exit codes").
EXIT_USAGE = 2  # a flag or setting is wrong
EXIT_REFUSED = 3  # the catalog or the embedder cannot be served (overloaded tools, a vector dimension mismatch)
EXIT_LOGIN_REFUSED = 4  # the database login could bypass row-level security or lacks a right of the contract
EXIT_UNREACHABLE = 5  # the database could not be reached or refused the login at start


class DatabaseUnreachable(Exception):
    """The database did not answer within the start-up timeout, or refused the connection."""


async def _init_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec("json", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    vector_schema = await conn.fetchval(
        "SELECT n.nspname FROM pg_catalog.pg_type AS t JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace "
        "WHERE t.typname = 'vector' LIMIT 1"
    )
    if vector_schema:
        from pgvector.asyncpg import register_vector

        await register_vector(conn, schema=vector_schema)


async def _reset_connection(conn: asyncpg.Connection) -> None:
    """Before a connection is reused. A finished call already ended with COMMIT; RESET ALL (shim/calls.py), so only
    an interrupted one (cancelled mid-transaction) has anything left to undo. asyncpg's own reset would also
    unlock advisory locks, which request roles cannot take and the login may not call."""
    if conn.is_in_transaction():
        await conn.execute("ROLLBACK; RESET ALL; UNLISTEN *; CLOSE ALL")


def _settle_heap() -> None:
    """Once started: move everything alive (modules, the embedding model, the catalog) out of the garbage collector's
    reach. Otherwise each full collection walks it all, stalling every call in flight (measured: 57-63 ms), now and
    then for the life of the server."""
    gc.collect()
    gc.freeze()


class Shim:
    """The tools of one database, served to any number of MCP sessions."""

    def __init__(self, config: Config, embedder: Embedder | None = None):
        self.config = config
        self.embedder = embedder
        self.embed = QueryEmbeddings(embedder) if embedder else None
        self.metrics = Metrics()
        self.pool: asyncpg.Pool | None = None
        self.executor: Executor | None = None
        self.tools: dict[str, ToolSpec] = {}
        self.prompts: dict[str, PromptSpec] = {}
        self._listed: list[types.Tool] = []
        self._validators: dict[str, jsonschema.Draft202012Validator] = {}
        self._sessions: weakref.WeakSet = weakref.WeakSet()
        self.ready_sessions: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # session id -> connection
        self.stdio_served = False  # the SDK has served a tools request over stdio: the session is initialized
        self.checked = False  # check_database() passed (main() checks before uvicorn; start() need not again)
        self._listener_task: asyncio.Task | None = None
        self.listening = asyncio.Event()  # set once the schema listener has connected and re-read the catalog
        self._probe: asyncpg.Connection | None = None  # readiness checks run on it, outside the pool
        self._probe_lock = asyncio.Lock()
        self.cache = result_cache.from_url(config.cache_url, config.cache_max_entries, config.cache_max_bytes)
        self.performance = PerformanceSummary(config.slow_call_ms)
        if config.insecure_identity_header:
            LOG.warning(
                "INSECURE: identities are taken from the %s header without verification. Development only.",
                DEV_IDENTITY_HEADER,
                extra={"fields": {"insecure_identity_header": True}},
            )

    # ----- lifecycle -------------------------------------------------------------------------------------------

    async def _until_reachable(self, connect):
        """connect() until the database answers, for up to startup_timeout_s (it may still be starting)."""
        deadline = time.monotonic() + self.config.startup_timeout_s
        while True:
            try:
                return await connect()
            except (OSError, asyncpg.PostgresError) as exc:
                if isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError) or time.monotonic() > deadline:
                    raise
                LOG.warning("database not reachable yet, retrying", extra={"fields": {"error": str(exc)}})
                await asyncio.sleep(1)

    async def check_database(self, catalog: bool = False) -> None:
        """The login (LoginRefused), the embedder's dimension and, with catalog=True, the tools and prompts
        (CatalogError), on a connection of its own that is closed afterwards. start() runs it first; over HTTP
        main() runs it before uvicorn too, so a refusal is a message and an exit code, not a traceback in the
        ASGI lifespan."""
        try:
            conn = await self._connect_for_checks()
        except (OSError, asyncpg.PostgresError) as exc:
            raise DatabaseUnreachable(f"cannot connect to the database: {type(exc).__name__}: {exc}") from None
        try:
            await self._check_login(conn)
            await _init_connection(conn)
            await self._check_embedding_dimension(conn)
            if catalog:
                await load_tools(conn, self.config.api_schema, embed_vectors=self.embed is not None)
                if self.config.prompts_schema:
                    await load_prompts(conn, self.config.prompts_schema)
        finally:
            conn.terminate()

    async def _connect_for_checks(self) -> asyncpg.Connection:
        return await self._until_reachable(
            lambda: asyncpg.connect(
                self.config.database_url,
                statement_cache_size=0,
                command_timeout=self.config.command_timeout_s,
                server_settings={"application_name": self.config.session_settings.get("application_name", "")},
            )
        )

    async def start(self) -> None:
        if not self.checked:  # over HTTP main() checked moments ago, before uvicorn
            await self.check_database()
        self.pool = await self._until_reachable(
            lambda: asyncpg.create_pool(
                self.config.database_url,
                min_size=self.config.pool_min,
                max_size=self.config.pool_max,
                max_inactive_connection_lifetime=self.config.pool_idle_s,
                statement_cache_size=self.config.statement_cache_size,
                command_timeout=self.config.command_timeout_s,
                init=_init_connection,
                reset=_reset_connection,
                # Session defaults travel in the startup packet: RESET ALL returns to them, SET ROLE keeps them.
                # Each call is one statement, so the session's statement_timeout is the per-call timeout.
                server_settings={
                    **self.config.session_settings,
                    "statement_timeout": f"{self.config.calls.statement_timeout_ms}ms",
                },
            )
        )
        self.executor = Executor(self.pool, self.config.calls, self.embed)
        await self.reload()
        self._listener_task = asyncio.create_task(self._listen())

    async def stop(self) -> None:
        if self._probe is not None:
            self._probe.terminate()
        if self._listener_task:
            self._listener_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener_task
        if self.pool:
            await asyncio.wait_for(self.pool.close(), timeout=10)
        await self.cache.close()

    async def _check_login(self, conn: asyncpg.Connection) -> None:
        """Refuse a login that could bypass row-level security or lacks a right every call needs, naming each
        reason (shim/login.py)."""
        calls = self.config.calls
        served = [s for s in (self.config.api_schema, self.config.prompts_schema) if s]
        problems = await login_check(
            conn,
            served_schemas=served,
            dispatch_function=calls.dispatch_function,
            role_function=calls.role_function,
            identity_setting=calls.identity_setting,
        )
        if problems:
            user = await conn.fetchval("SELECT current_user::text")
            raise LoginRefused(
                f"refusing to serve as database login {user!r}:\n"
                + "".join(f"  - {p}\n" for p in problems)
                + "Row-level security protects tenants only from a login that bypasses nothing, and every call needs "
                "the rights above. Connect as the server's own login role (README, 'The login')."
            )

    async def _check_embedding_dimension(self, conn: asyncpg.Connection) -> None:
        """Every vector column must have the embedder's dimension, or searches would fail (or lie) at run time."""
        if self.embedder is None:
            return
        columns = await conn.fetch(
            """SELECT a.attrelid::regclass::text AS rel, a.attname, a.atttypmod
               FROM pg_catalog.pg_attribute AS a JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
               WHERE a.atttypid = (SELECT t.oid FROM pg_catalog.pg_type AS t WHERE t.typname = 'vector' LIMIT 1)
                 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"""
        )
        wrong = [
            f"{c['rel']}.{c['attname']} is vector({c['atttypmod']})"
            for c in columns
            if c["atttypmod"] > 0 and c["atttypmod"] != self.embedder.dimension
        ]
        if wrong:
            raise EmbedderError(
                f"embedder {self.embedder.name} makes {self.embedder.dimension}-d vectors but {'; '.join(wrong)}. "
                "Configure the embedder the data was embedded with, or migrate with that embedding_dim and re-embed."
            )

    async def reload(self) -> bool:
        """Re-read the catalog; return True when the tool or prompt list changed. A broken catalog keeps the old
        tools and prompts."""
        assert self.pool is not None
        async with self.pool.acquire() as conn:
            try:
                tools = await load_tools(conn, self.config.api_schema, embed_vectors=self.embed is not None)
                prompts = await load_prompts(conn, self.config.prompts_schema) if self.config.prompts_schema else {}
            except CatalogError as exc:
                self.metrics.reloads.labels("refused").inc()
                if not self.tools:
                    raise
                LOG.error("catalog change refused, keeping the previous tools", extra={"fields": {"error": str(exc)}})
                return False
        changed = tools != self.tools or prompts != self.prompts
        await self.cache.clear()  # a reload follows a migration or a data load: no answer from before survives it
        self.prompts = prompts
        self.tools = tools
        self._validators = {name: validator_for(t) for name, t in tools.items()}
        self._listed = [self._describe(t) for t in tools.values()]
        self.metrics.tools.set(len(tools))
        self.metrics.reloads.labels("ok").inc()
        LOG.info(
            "tools loaded", extra={"fields": {"tools": sorted(tools), "prompts": sorted(prompts), "changed": changed}}
        )
        return changed

    async def _listen(self) -> None:
        """LISTEN for schema changes on a dedicated connection; reconnect with backoff when it drops."""
        delay = 0.5
        while True:
            conn = None
            try:
                conn = await asyncpg.connect(self.config.listen_database_url or self.config.database_url)
                changed = asyncio.Event()
                await conn.add_listener(self.config.notify_channel, lambda *_, event=changed: event.set())
                # Reload on every connect, the first too: a change committed between start()'s load and this LISTEN
                # would otherwise go unnoticed until the next NOTIFY.
                if await self.reload():
                    await self._announce()
                self.listening.set()
                delay = 0.5
                while not conn.is_closed():
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(changed.wait(), timeout=5)
                    if changed.is_set():
                        changed.clear()
                        if await self.reload():
                            await self._announce()
                    else:
                        await conn.execute("SELECT 1")  # notices a dead connection within seconds
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                LOG.warning("schema listener lost the database; reconnecting", extra={"fields": {"error": str(exc)}})
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2)  # tool changes made while it was away arrive within ~2 s of return
            finally:
                if conn is not None and not conn.is_closed():
                    conn.terminate()

    async def _announce(self) -> None:
        sessions = list(self._sessions)
        for connection in sessions:
            try:
                await connection.send_tool_list_changed()
                await connection.send_prompt_list_changed()
            except Exception as exc:  # a client that went away must not stop the others from hearing
                LOG.info("could not notify a session", extra={"fields": {"error": repr(exc)}})
        LOG.info("announced tools/list_changed and prompts/list_changed", extra={"fields": {"sessions": len(sessions)}})

    async def ready(self) -> tuple[bool, dict[str, Any]]:
        """Reachability on a connection of its own, never one of the calls' (a busy pool is not an unreachable
        database): a broken probe connection is replaced on the next check, so readiness is back as soon as the
        database is. Saturation is reported beside it, not as a failure."""
        pool = {"size": self.config.pool_max, "in_use": 0, "waiting": 0}
        if self.executor is not None:
            pool.update(in_use=self.executor.in_use, waiting=self.executor.waiting)
        pool["saturated"] = pool["waiting"] > 0
        if not self.tools or self.pool is None:
            return False, {"detail": "tools not loaded", "pool": pool}
        async with self._probe_lock:
            try:
                async with asyncio.timeout(READY_PROBE_TIMEOUT_S):
                    if self._probe is None or self._probe.is_closed():
                        self._probe = await asyncpg.connect(self.config.database_url, statement_cache_size=0)
                    await self._probe.fetchval("SELECT 1")
            except Exception as exc:
                if self._probe is not None:
                    self._probe.terminate()
                    self._probe = None
                return False, {"detail": f"database unreachable: {type(exc).__name__}", "pool": pool}
        return True, {"detail": f"{len(self.tools)} tools", "pool": pool}

    # ----- MCP handlers ----------------------------------------------------------------------------------------

    @staticmethod
    def _describe(tool: ToolSpec) -> types.Tool:
        return types.Tool(
            name=tool.name,
            description=tool.description,
            input_schema=tool.input_schema(),
            output_schema=tool.output_schema(),
            annotations=types.ToolAnnotations(
                read_only_hint=tool.read_only,
                destructive_hint=not tool.read_only,
                idempotent_hint=tool.read_only,
                open_world_hint=False,
            ),
        )

    def _remember(self, ctx) -> None:
        """Keep the client connection (weakly) so schema changes can be announced to it, and note an HTTP session
        the SDK has served (initialized, its owner checked): its next tools/call may take the lean path."""
        connection = sdk_adapter.connection_of(ctx.session)
        if connection is None:
            return
        self._sessions.add(connection)
        session_id = ctx.request.headers.get(MCP_SESSION_ID_HEADER) if ctx.request is not None else None
        if connection.state.get(LOG_LEVEL_STATE):  # log records ride the SDK's streams: the lean paths step aside
            self.stdio_served = self.stdio_served and ctx.request is not None
            self.ready_sessions.pop(session_id, None)
        elif ctx.request is None:
            self.stdio_served = True
        elif session_id:
            self.ready_sessions[session_id] = connection

    async def on_list_tools(self, ctx, params) -> types.ListToolsResult:
        self._remember(ctx)
        return types.ListToolsResult(tools=self._listed)

    def identity_of(self, ctx) -> str | None:
        request = ctx.request
        if request is None:  # stdio: the operator's identity
            return self.config.stdio_identity
        if self.config.insecure_identity_header:
            return request.headers.get(DEV_IDENTITY_HEADER) or None
        user = request.scope.get("user")
        token = getattr(user, "access_token", None)
        return getattr(token, "subject", None)

    async def on_call_tool(self, ctx, params: types.CallToolRequestParams) -> types.CallToolResult:
        self._remember(ctx)
        tool = self.tools.get(params.name)
        if tool is None:
            raise MCPError(types.INVALID_PARAMS, f"Unknown tool: {params.name}")
        request_id = str(ctx.request_id if ctx.request_id is not None else uuid.uuid4())
        fresh = wants_fresh(params.meta)
        identity = self.identity_of(ctx)
        result = await self.call_tool(
            tool, params.arguments or {}, identity, request_id, fresh, notify=self._notifier(ctx)
        )
        return result.to_call_tool_result()

    def _notifier(self, ctx):
        """Sends a call's log record to the client when it asked for records at that level: with logging/setLevel
        (handshake protocol versions; kept on the connection), or per request in _meta (2026-07-28), where the SDK
        itself drops what the client did not ask for."""
        connection = sdk_adapter.connection_of(ctx.session)
        threshold = connection.state.get(LOG_LEVEL_STATE) if connection is not None else None
        if threshold is None and not (ctx.meta and types.LOG_LEVEL_META_KEY in ctx.meta):
            return None

        async def notify(level: str, fields: dict) -> None:
            if threshold is None or LOG_LEVELS.index(level) >= LOG_LEVELS.index(threshold):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", MCPDeprecationWarning)
                    await ctx.session.send_log_message(level, fields, LOG.name, related_request_id=ctx.request_id)

        return notify

    async def on_set_logging_level(self, ctx, params: types.SetLevelRequestParams) -> types.EmptyResult:
        connection = sdk_adapter.connection_of(ctx.session)
        if connection is not None:
            connection.state[LOG_LEVEL_STATE] = params.level
            self._remember(ctx)
        return types.EmptyResult()

    async def call_tool(
        self,
        tool: ToolSpec,
        arguments: Any,
        identity: str | None,
        request_id: str,
        fresh=False,
        path="sdk",
        notify=None,
    ):
        """One call, timed, counted and logged: the SDK's handler and the lean transport paths (path="lean") both
        come here. `notify(level, fields)` also sends the call's log record to the client (logging/setLevel)."""
        started = time.perf_counter()
        code, outcome = None, "ok"
        record = None
        try:
            result = await self._call(tool, arguments, identity, request_id, fresh)
            if result.is_error:
                code, outcome = result.error_code, "error"
            return result
        except BaseException:
            outcome, code = "cancelled", CANCELLED
            raise
        finally:
            elapsed = time.perf_counter() - started
            self.metrics.observe_call(tool.name, elapsed, code)
            slow = self.performance.record(tool.name, elapsed)
            level = logging.WARNING if slow else logging.INFO
            if LOG.isEnabledFor(level) or notify is not None:
                fields = {
                    "request_id": request_id,
                    "tool": tool.name,
                    "identity": identity,
                    "outcome": outcome,
                    "code": code,
                    "duration_ms": round(elapsed * 1000, 2),
                    "path": path,
                }
                if slow:  # a hash identifies repeated slow calls without writing the caller's arguments to the log
                    fields["call_hash"] = result_cache.cache_key(tool.name, arguments, "")[:16]
                message = "slow tool call" if slow else "tool call"
                if LOG.isEnabledFor(level):
                    log_fields(level, message, fields)
                record = ("warning" if slow else "info", {"message": message, **fields})
            if notify is not None and record is not None and outcome != "cancelled":
                with contextlib.suppress(Exception):  # a client that cannot take its log record still gets its result
                    await notify(*record)

    async def _call(self, tool: ToolSpec, arguments: Any, identity: str | None, request_id: str, fresh=False):
        try:
            if not identity:
                raise ToolError(
                    "AUTHORIZATION_ERROR",
                    "no identity: the call was not run",
                    hint="over HTTP send a bearer token; over stdio start the server with --identity",
                )
            problem = validation_error(self._validators[tool.name], arguments)
            if problem:
                raise problem
            assert self.executor is not None
            if not tool.cache_ttl_s:
                return await self.executor.run(tool, arguments, identity)
            return await self._cached_call(tool, arguments, identity, fresh)
        except ToolError as exc:
            return RawResult.from_error(exc)
        except Exception:
            LOG.exception("internal error in a tool call", extra={"fields": {"request_id": request_id}})
            return RawResult.from_error(ToolError("INTERNAL_ERROR", f"internal error; quote request id {request_id}"))

    async def _cached_call(self, tool: ToolSpec, arguments: Any, identity: str, fresh: bool) -> RawResult:
        """The cache sits after validation and identity: its key includes the identity, errors are never cached."""
        key = result_cache.cache_key(tool.name, arguments, identity)
        if not fresh:
            try:
                hit = await self.cache.get(key)
            except Exception as exc:  # a cache outage costs speed, never answers
                LOG.warning("result cache unavailable", extra={"fields": {"error": repr(exc)}})
                hit = None
            if hit is not None:
                self.metrics.cache_hits.labels(tool.name).inc()
                return RawResult.loads(hit)
        self.metrics.cache_misses.labels(tool.name).inc()
        result = await self.executor.run(tool, arguments, identity)
        if not result.is_error:
            with contextlib.suppress(Exception):
                await self.cache.set(key, result.dumps(), tool.cache_ttl_s)
        return result

    async def on_list_prompts(self, ctx, params) -> types.ListPromptsResult:
        self._remember(ctx)
        return types.ListPromptsResult(prompts=[p.to_mcp() for p in self.prompts.values()])

    async def on_get_prompt(self, ctx, params: types.GetPromptRequestParams) -> types.GetPromptResult:
        spec = self.prompts.get(params.name)
        if spec is None:
            raise MCPError(types.INVALID_PARAMS, f"Unknown prompt: {params.name}")
        assert self.executor is not None
        try:
            return await get_prompt(self.executor, spec, params.arguments, self.identity_of(ctx))
        except PromptError as exc:
            raise MCPError(exc.code, exc.message, exc.data) from None

    async def on_completion(self, ctx, params: types.CompleteRequestParams) -> types.CompleteResult:
        assert self.executor is not None
        context = params.context.arguments if params.context else None
        try:
            completion = await complete(
                self.executor,
                self.prompts,
                params.ref,
                params.argument.name,
                params.argument.value,
                context,
                self.identity_of(ctx),
            )
        except PromptError as exc:
            raise MCPError(exc.code, exc.message, exc.data) from None
        return types.CompleteResult(completion=completion)

    async def on_list_resources(self, ctx, params) -> types.ListResourcesResult:
        return types.ListResourcesResult(
            resources=[
                types.Resource(
                    uri=SUMMARY_URI,
                    name="performance-summary",
                    mime_type="application/json",
                    description="Per tool: calls, mean, p50, p95 and max latency in ms, and slow calls since start.",
                )
            ]
        )

    async def on_read_resource(self, ctx, params: types.ReadResourceRequestParams) -> types.ReadResourceResult:
        if str(params.uri) != SUMMARY_URI:
            raise MCPError(types.INVALID_PARAMS, f"Unknown resource: {params.uri}")
        text = json.dumps(self.performance.summary(), separators=(",", ":"))
        return types.ReadResourceResult(
            contents=[types.TextResourceContents(uri=SUMMARY_URI, mime_type="application/json", text=text)]
        )

    def mcp_server(self) -> Server:
        with warnings.catch_warnings():  # logging/setLevel is deprecated from 2026-07-28 but clients of before use it
            warnings.simplefilter("ignore", MCPDeprecationWarning)
            return self._mcp_server()

    def _mcp_server(self) -> Server:
        return ToolServer(
            "postgres-mcp-shim",
            version="0.1.0",
            instructions=f"Tools generated from the functions of schema {self.config.api_schema!r}. Each call runs "
            "under your identity; you only ever see rows that identity may see.",
            on_list_tools=self.on_list_tools,
            on_call_tool=self.on_call_tool,
            on_list_resources=self.on_list_resources,
            on_read_resource=self.on_read_resource,
            on_set_logging_level=self.on_set_logging_level,
            on_list_prompts=self.on_list_prompts,
            on_get_prompt=self.on_get_prompt,
            on_completion=self.on_completion,
        )

    # ----- HTTP ------------------------------------------------------------------------------------------------

    def http_app(self):
        server = self.mcp_server()
        verifier, auth = None, None
        if self.config.jwt.configured and not self.config.insecure_identity_header:
            verifier = CachedVerifier(JwtVerifier(self.config.jwt))  # one cache for the SDK's middleware and ours
            auth = AuthSettings(
                issuer_url=self.config.issuer_url or self.config.public_url,
                resource_server_url=f"{self.config.public_url.rstrip('/')}/mcp",
                required_scopes=[],
                validate_token_resource=False,  # audience is checked by JwtVerifier when --jwt-audience is set
            )

        async def live(_: Request) -> Response:
            return JSONResponse({"status": "live"})

        async def ready(_: Request) -> Response:
            ok, state = await self.ready()
            return JSONResponse({"status": "ready" if ok else "not ready", **state}, status_code=200 if ok else 503)

        async def metrics(_: Request) -> Response:
            waiting = self.executor.waiting if self.executor else 0
            text = self.metrics.render(self.pool, self.cache, self.performance, waiting)
            return Response(text, media_type="text/plain; version=0.0.4")

        app = server.streamable_http_app(
            streamable_http_path="/mcp",
            max_request_body_size=self.config.limits.max_bytes,
            session_idle_timeout=self.config.session_idle_s,
            max_sessions=self.config.max_sessions,
            host=self.config.public_url.split("://", 1)[-1].split(":")[0],
            auth=auth,
            token_verifier=verifier,
            custom_starlette_routes=[
                Route("/health/live", live),
                Route("/health/ready", ready),
                Route("/metrics", metrics),
            ],
        )
        sdk_lifespan = app.router.lifespan_context
        shim = self

        @contextlib.asynccontextmanager
        async def lifespan(app_):
            await shim.start()
            _settle_heap()
            try:
                async with sdk_lifespan(app_):
                    yield
            finally:
                await shim.stop()

        app.router.lifespan_context = lifespan
        gone = sdk_adapter.missing(server.session_manager)
        if gone:
            LOG.error(
                "the installed MCP SDK or asyncpg lacks what the fast paths rely on; every request goes through the "
                "SDK's public path (slower, still correct)",
                extra={"fields": {"missing": gone}},
            )
        return LeanToolCalls(
            app,
            path="/mcp",
            session_manager=server.session_manager,
            tools=lambda: self.tools,
            call=self.call_tool,
            ready_sessions=self.ready_sessions,
            server_info={"name": server.name, "version": server.version or ""},
            verify=verifier.verify_token if verifier else None,
            identity_header=DEV_IDENTITY_HEADER if self.config.insecure_identity_header else None,
            on_served=self.metrics.lean_calls.inc,
            limits=self.config.limits,
            max_sessions_per_identity=self.config.max_sessions_per_identity,
            fast=not gone,
        )

    async def serve_stdio(self) -> None:
        await self.start()
        _settle_heap()
        try:
            server = self.mcp_server()
            options = server.create_initialization_options()

            async def run_sdk(read_stream, write_stream) -> None:
                await server.run(read_stream, write_stream, options)

            gone = sdk_adapter.missing()
            if gone:
                LOG.error(
                    "the installed MCP SDK or asyncpg lacks what the fast path relies on; serving through the SDK",
                    extra={"fields": {"missing": gone}},
                )
            lean = LeanStdio(
                limits=self.config.limits,
                fast=not gone,
                tools=lambda: self.tools,
                call=self.call_tool,
                identity=lambda: self.config.stdio_identity,
                ready=lambda: self.stdio_served,
                on_served=self.metrics.lean_calls.inc,
                shutdown_grace_s=self.config.calls.statement_timeout_ms / 1000 + 5,
            )
            await lean.serve(run_sdk)
        finally:
            await self.stop()


# ----- command line ------------------------------------------------------------------------------------------


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def default_database_url() -> str:
    """MCP_DATABASE_URL, else the development database (devdb.py) logged in as the package's server login."""
    if _env("MCP_DATABASE_URL"):
        return _env("MCP_DATABASE_URL")  # type: ignore[return-value]
    import devdb

    return devdb.server_login_url()


def dev_secret() -> str:
    """The development JWT secret in .dev/jwt-secret, created on first use (git-ignored)."""
    if not DEV_SECRET_FILE.exists():
        import secrets

        DEV_SECRET_FILE.parent.mkdir(exist_ok=True)
        DEV_SECRET_FILE.write_text(secrets.token_urlsafe(32))
        DEV_SECRET_FILE.chmod(0o600)
    return DEV_SECRET_FILE.read_text().strip()


ENV_TRUE = ("1", "true", "yes", "on")
# A switch that must be seen where the server is started (the process's command line), never inherited unnoticed
# from an environment: the one flag without an environment variable.
COMMAND_LINE_ONLY = "command line only"


def _flag(p: argparse.ArgumentParser, flag: str, env: str | None, default: Any = None, help: str = "", **kwargs):
    """One flag whose default comes from the environment variable `env` (None: command line only). --help names the
    variable and the built-in default; the action keeps both (action.env, action.documented_default) for the README's
    generated table (docs/readme.py)."""
    if kwargs.get("action") == "store_true":
        raw = os.environ.get(env, "") if env else ""
        value: Any = raw.strip().lower() in ENV_TRUE
    else:
        # A string default goes through `type` as if it came from the command line (argparse does that).
        value = os.environ.get(env, default) if env else default
    where = f"${env}" if env else COMMAND_LINE_ONLY
    shown = "" if default in (None, "", False) else f"; default {default}"
    action = p.add_argument(flag, default=value, help=f"{help} [{where}{shown}]".strip(), **kwargs)
    action.env = env
    action.documented_default = default
    return action


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Every flag but --insecure-dev-identity-header has an environment variable, named in [brackets]; the "
        f"command line wins. Exit codes: {EXIT_USAGE} usage, {EXIT_REFUSED} catalog or embedder refused, "
        f"{EXIT_LOGIN_REFUSED} login refused, {EXIT_UNREACHABLE} database unreachable at start.",
    )
    f = _flag
    f(p, "--database-url", "MCP_DATABASE_URL", None, "login URL (default: the development database as its login)")
    f(p, "--schema", "MCP_API_SCHEMA", "api", "schema whose functions are the tools")
    f(
        p,
        "--prompts-schema",
        "MCP_PROMPTS_SCHEMA",
        "prompts",
        "schema whose text functions are prompts and complete_<argument> functions completers ('' for none)",
    )
    f(p, "--stdio", "MCP_STDIO", False, "serve MCP over stdio instead of HTTP", action="store_true")
    f(p, "--identity", "MCP_IDENTITY", None, "stdio: the identity every call runs as")
    f(p, "--host", "MCP_HOST", "127.0.0.1", "HTTP: address to listen on")
    f(p, "--port", "MCP_PORT", "8000", "HTTP: port to listen on", type=int)
    f(p, "--public-url", "MCP_PUBLIC_URL", None, "URL clients reach this server at (default: http://HOST:PORT)")
    f(p, "--jwt-secret", "MCP_JWT_SECRET", None, "HS256 shared secret")
    f(p, "--jwt-secret-file", "MCP_JWT_SECRET_FILE", None, "HS256 shared secret, read from this file", type=Path)
    f(
        p,
        "--dev-jwt-secret",
        "MCP_DEV_JWT_SECRET",
        False,
        "use (and create) the development secret in .dev/jwt-secret",
        action="store_true",
    )
    f(p, "--jwt-public-key-file", "MCP_JWT_PUBLIC_KEY_FILE", None, "RS256 public key (PEM)", type=Path)
    f(p, "--jwt-jwks-url", "MCP_JWT_JWKS_URL", None, "RS256 keys (JWKS URL)")
    f(p, "--jwt-audience", "MCP_JWT_AUDIENCE", None, "required aud")
    f(p, "--jwt-issuer", "MCP_JWT_ISSUER", None, "required iss; also the advertised issuer")
    f(p, "--identity-claim", "MCP_IDENTITY_CLAIM", "sub", "the token claim that is the identity")
    f(
        p,
        "--insecure-dev-identity-header",
        None,
        False,
        f"DEVELOPMENT ONLY: trust the {DEV_IDENTITY_HEADER} header, unverified",
        action="store_true",
    )
    f(p, "--identity-setting", "MCP_IDENTITY_SETTING", "app.current_rls_user_id", "setting a call's identity goes in")
    f(p, "--role-function", "MCP_ROLE_FUNCTION", "auth.request_role", "function(identity text) naming the role")
    f(p, "--statement-timeout-ms", "MCP_STATEMENT_TIMEOUT_MS", "30000", "per-call statement timeout", type=int)
    f(p, "--row-cap", "MCP_ROW_CAP", "1000", "most rows a result carries (reported as truncated)", type=int)
    f(p, "--pool-min", "MCP_POOL_MIN", "2", "connections kept open", type=int)
    f(p, "--pool-max", "MCP_POOL_MAX", "10", "most connections", type=int)
    f(p, "--pool-timeout-s", "MCP_POOL_TIMEOUT_S", "5", "wait for a free connection, then SERVER_BUSY", type=float)
    f(p, "--notify-channel", "MCP_NOTIFY_CHANNEL", "mcp_schema_changed", "LISTEN channel for schema changes")
    f(p, "--slow-call-ms", "MCP_SLOW_CALL_MS", "1000", "calls slower than this are logged as warnings", type=int)
    f(p, "--pool-idle-s", "MCP_POOL_IDLE_S", "300", "close pooled connections idle this long", type=float)
    f(
        p,
        "--command-timeout-s",
        "MCP_COMMAND_TIMEOUT_S",
        "30",
        "client-side limit on any one database command",
        type=float,
    )
    f(p, "--work-mem", "MCP_WORK_MEM", "4MB", "work_mem of every session")
    f(p, "--jit", "MCP_JIT", "off", "jit of every session", choices=["on", "off"])
    f(p, "--application-name", "MCP_APPLICATION_NAME", "mcp-shim", "application_name of every session")
    f(
        p,
        "--statement-cache-size",
        "MCP_STATEMENT_CACHE_SIZE",
        "100",
        "prepared statements kept per connection; 0 behind PgBouncer < 1.21 (transaction mode)",
        type=int,
    )
    f(
        p,
        "--listen-database-url",
        "MCP_LISTEN_DATABASE_URL",
        None,
        "direct connection for LISTEN (schema changes) when --database-url goes through PgBouncer",
    )
    f(p, "--cache-url", "CACHE_URL", None, "redis://... for a shared result cache (default: in-process)")
    f(
        p,
        "--max-message-kb",
        "MCP_MAX_MESSAGE_KB",
        str(DEFAULT_LIMITS.max_bytes // 1024),
        "largest JSON-RPC message accepted (HTTP body or stdio line)",
        type=int,
    )
    f(
        p,
        "--max-json-depth",
        "MCP_MAX_JSON_DEPTH",
        str(DEFAULT_LIMITS.max_depth),
        "deepest nesting of arrays/objects accepted in a message",
        type=int,
    )
    f(p, "--session-idle-s", "MCP_SESSION_IDLE_S", "300", "close an HTTP session nobody used for this long", type=float)
    f(p, "--max-sessions", "MCP_MAX_SESSIONS", "10000", "most open HTTP sessions", type=int)
    f(
        p,
        "--max-sessions-per-identity",
        "MCP_MAX_SESSIONS_PER_IDENTITY",
        "32",
        "open HTTP sessions one identity may hold",
        type=int,
    )
    f(
        p,
        "--max-calls-per-identity",
        "MCP_MAX_CALLS_PER_IDENTITY",
        "0",
        "tool calls one identity may run at once (0: the pool's size minus 2, at least 1)",
        type=int,
    )
    f(
        p,
        "--client-check-interval-ms",
        "MCP_CLIENT_CHECK_INTERVAL_MS",
        "2000",
        "PostgreSQL client_connection_check_interval: how soon the database drops work of a vanished server",
        type=int,
    )
    f(p, "--cache-max-entries", "MCP_CACHE_MAX_ENTRIES", "10000", "in-process result cache: most entries", type=int)
    f(p, "--cache-max-mb", "MCP_CACHE_MAX_MB", "64", "in-process result cache: most megabytes", type=float)
    f(
        p,
        "--log-level",
        "MCP_LOG_LEVEL",
        "INFO",
        "JSON log lines on stderr at or above this level",
        type=str.upper,  # warning and WARNING alike; anything else is a usage error, not a traceback
        choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"),
    )
    f(
        p,
        "--embedder",
        "MCP_EMBEDDER",
        "offline",
        "turns text into vectors for vector arguments; openai reads MCP_EMBEDDING_URL, _MODEL, _DIM, _API_KEY",
        choices=["offline", "openai", "none"],
    )
    return p


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line over the environment. A value from the environment is checked against the flag's choices
    as the command line's is (argparse checks only what it parsed)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    for action in parser._actions:
        value = getattr(args, action.dest, None)
        if action.choices and value is not None and value not in action.choices:
            parser.error(f"${action.env}: invalid choice {value!r} for {action.option_strings[0]}")
    return args


def config_from_args(args: argparse.Namespace) -> Config:
    secret = args.jwt_secret
    if args.jwt_secret_file:
        secret = args.jwt_secret_file.read_text().strip()
    if args.dev_jwt_secret:
        secret = dev_secret()
    return Config(
        database_url=args.database_url or default_database_url(),
        api_schema=args.schema,
        prompts_schema=args.prompts_schema,
        calls=CallSettings(
            identity_setting=args.identity_setting,
            role_function=args.role_function,
            statement_timeout_ms=args.statement_timeout_ms,
            row_cap=args.row_cap,
            acquire_timeout_s=args.pool_timeout_s,
            max_calls_per_identity=args.max_calls_per_identity or max(1, args.pool_max - 2),
        ),
        jwt=JwtSettings(
            secret=secret,
            public_key_file=args.jwt_public_key_file,
            jwks_url=args.jwt_jwks_url,
            identity_claim=args.identity_claim,
            audience=args.jwt_audience,
            issuer=args.jwt_issuer,
        ),
        pool_min=args.pool_min,
        pool_max=args.pool_max,
        notify_channel=args.notify_channel,
        stdio_identity=args.identity,
        insecure_identity_header=args.insecure_dev_identity_header,
        public_url=args.public_url or f"http://{args.host}:{args.port}",
        issuer_url=args.jwt_issuer,
        slow_call_ms=args.slow_call_ms,
        pool_idle_s=args.pool_idle_s,
        command_timeout_s=args.command_timeout_s,
        session_settings={
            "application_name": args.application_name,
            "jit": args.jit,
            "work_mem": args.work_mem,
            "client_connection_check_interval": f"{args.client_check_interval_ms}ms",
        },
        statement_cache_size=args.statement_cache_size,
        listen_database_url=args.listen_database_url,
        cache_url=args.cache_url,
        cache_max_entries=args.cache_max_entries,
        cache_max_bytes=int(args.cache_max_mb * 2**20),
        limits=Limits(max_bytes=args.max_message_kb * 1024, max_depth=args.max_json_depth),
        session_idle_s=args.session_idle_s,
        max_sessions=args.max_sessions,
        max_sessions_per_identity=args.max_sessions_per_identity,
    )


def mint_token_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="server.py mint-token", description="print an HS256 development token")
    p.add_argument("--identity", required=True)
    p.add_argument("--ttl", type=int, default=3600, help="seconds (default 3600)")
    p.add_argument("--secret", default=_env("MCP_JWT_SECRET"), help="default: $MCP_JWT_SECRET, else .dev/jwt-secret")
    p.add_argument("--claim", default=_env("MCP_IDENTITY_CLAIM", "sub"))
    args = p.parse_args(argv)
    print(mint_token(args.secret or dev_secret(), args.identity, args.ttl, args.claim))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["mint-token"]:
        return mint_token_main(argv[1:])
    args = parse_args(argv)
    setup_logging(args.log_level)
    try:
        config = config_from_args(args)
    except ValueError as exc:
        print(f"server.py: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        embedder = from_environment({**os.environ, **({"MCP_EMBEDDER": args.embedder} if args.embedder else {})})
    except EmbedderError as exc:
        print(f"server.py: {exc}", file=sys.stderr)
        return EXIT_USAGE
    shim = Shim(config, embedder)
    try:
        if args.stdio:
            asyncio.run(shim.serve_stdio())
            return 0
        if not config.jwt.configured and not config.insecure_identity_header:
            print(
                "server.py: HTTP needs a way to know callers: --jwt-secret, --jwt-public-key-file, --jwt-jwks-url "
                "(or --dev-jwt-secret); --insecure-dev-identity-header for local experiments only",
                file=sys.stderr,
            )
            return EXIT_USAGE
        # Refusals before uvicorn: in its lifespan they would be a traceback and uvicorn's own exit code.
        asyncio.run(shim.check_database(catalog=True))
        shim.checked = True
        import uvicorn

        from shim.http_writes import GatheringHttpToolsProtocol

        # The JSON call log replaces uvicorn's access log; nothing uses the client address, so no proxy-header pass.
        uvicorn.run(
            shim.http_app(),
            host=args.host,
            port=args.port,
            log_level="warning",
            access_log=False,
            proxy_headers=False,
            http=GatheringHttpToolsProtocol,  # one write per response (shim/http_writes.py)
        )
        return 0
    except LoginRefused as exc:
        print(f"server.py: {exc}", file=sys.stderr)
        return EXIT_LOGIN_REFUSED
    except (CatalogError, EmbedderError) as exc:
        print(f"server.py: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except DatabaseUnreachable as exc:
        print(f"server.py: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE


if __name__ == "__main__":
    sys.exit(main())
