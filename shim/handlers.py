"""The MCP handlers the SDK's server calls (tools, prompts, completion, resources, logging), and the sessions they
have served: the fast paths answer tools/call only on a session the SDK has already served."""

from __future__ import annotations

import json
import uuid
import warnings
import weakref

import mcp_types as types
from mcp.server.lowlevel import NotificationOptions, Server
from mcp.server.subscriptions import InMemorySubscriptionBus, ListenHandler
from mcp.shared.exceptions import MCPDeprecationWarning, MCPError

from shim import sdk_adapter
from shim.config import DEV_IDENTITY_HEADER
from shim.edge import wants_fresh
from shim.errors import NAME_CHARS, cap
from shim.observability import LOG
from shim.prompts import complete, get_prompt

SUMMARY_URI = "metrics://summary"
MCP_SESSION_ID_HEADER = "mcp-session-id"
LOG_LEVEL_STATE = "log_level"  # Connection.state key: the level a client set with logging/setLevel
LOG_LEVELS = ("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency")
SUMMARY = types.Resource(
    uri=SUMMARY_URI,
    name="performance-summary",
    mime_type="application/json",
    description="Per tool: calls, mean, p50, p95 and max latency in ms, and slow calls since start.",
)


def _one_page(params) -> None:
    """Every list is one page, so no cursor is one this server gave: the spec asks for -32602, not the first page."""
    if params is not None and getattr(params, "cursor", None) is not None:
        raise MCPError(types.INVALID_PARAMS, "invalid cursor: every list of this server is one page")


class ToolServer(Server):
    """The SDK's low-level server, announcing tools/list_changed on every transport (HTTP builds its own options),
    except to handshake-era clients of a sessionless server: nothing could carry the notification to them."""

    announces_changes = True

    def create_initialization_options(self, notification_options=None, *args, **kwargs):
        announces = self.announces_changes
        options = notification_options or NotificationOptions(tools_changed=announces, prompts_changed=announces)
        return super().create_initialization_options(options, *args, **kwargs)


class Handlers:
    def __init__(self, shim):
        self.shim, self.registry, self.settings = shim, shim.registry, shim.settings
        self.ready_sessions: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # session id -> connection
        self.stdio_served = False  # the SDK has served a tools request over stdio: the session is initialized
        # 2026-07-28 clients hear of catalog changes on subscriptions/listen streams; the registry publishes on this
        # bus when the catalog reloads (every instance reloads on the database's NOTIFY, so each tells its own).
        self.bus = InMemorySubscriptionBus()
        self._listen = ListenHandler(self.bus, max_subscriptions=self.settings.max_sessions)
        self._listening: dict[str | None, int] = {}  # identity -> its open listen streams

    def server(self) -> Server:
        on = ("list_tools", "call_tool", "list_resources", "list_resource_templates", "read_resource")
        on += ("set_logging_level", "list_prompts")
        handlers = {f"on_{name}": getattr(self, f"on_{name}") for name in (*on, "get_prompt", "completion")}
        handlers["on_subscriptions_listen"] = self.on_subscriptions_listen
        with warnings.catch_warnings():  # logging/setLevel is deprecated from 2026-07-28 but clients of before use it
            warnings.simplefilter("ignore", MCPDeprecationWarning)
            server = ToolServer(
                "postgres-mcp-shim",
                version="0.1.0",
                instructions=f"Tools generated from the functions of schema {self.settings.schema!r}. Each call runs "
                "under your identity; you only ever see rows that identity may see.",
                **handlers,
            )
        server.announces_changes = not self.settings.sessionless
        server.add_notification_handler("notifications/initialized", types.NotificationParams, self.on_initialized)
        return server

    async def on_initialized(self, ctx, params) -> None:
        """A session hears of list changes from its start, not only once it has asked for a list."""
        self._announced_to(ctx)

    def _announced_to(self, ctx):
        """The client connection behind the request, kept (weakly) so schema changes are announced to it."""
        connection = sdk_adapter.connection_of(ctx.session)
        if connection is not None:
            self.registry.sessions.add(connection)
        return connection

    def _remember(self, ctx) -> None:
        """Keep the client connection so schema changes are announced to it, and note an HTTP session the SDK has
        served (initialized, its owner checked): its next tools/call may take the lean path."""
        connection = self._announced_to(ctx)
        if connection is None:
            return
        session_id = ctx.request.headers.get(MCP_SESSION_ID_HEADER) if ctx.request is not None else None
        if connection.state.get(LOG_LEVEL_STATE):  # log records ride the SDK's streams: the lean paths step aside
            self.stdio_served = self.stdio_served and ctx.request is not None
            self.ready_sessions.pop(session_id, None)
        elif ctx.request is None:
            self.stdio_served = True
        elif session_id:
            self.ready_sessions[session_id] = connection

    def identity_of(self, ctx) -> str | None:
        request = ctx.request
        if request is None:  # stdio: the operator's identity
            return self.settings.identity
        if self.settings.insecure_dev_identity_header:
            return request.headers.get(DEV_IDENTITY_HEADER) or None
        token = getattr(request.scope.get("user"), "access_token", None)
        return getattr(token, "subject", None)

    async def on_subscriptions_listen(self, ctx, params):
        """A listen stream, at most --max-sessions-per-identity open per identity (each holds a request open)."""
        identity = self.identity_of(ctx)
        if self._listening.get(identity, 0) >= self.settings.max_sessions_per_identity:
            limit = self.settings.max_sessions_per_identity
            message = f"too many open listen streams for this identity (the limit is {limit})"
            raise MCPError(types.INVALID_REQUEST, message)
        self._listening[identity] = self._listening.get(identity, 0) + 1
        try:
            return await self._listen(ctx, params)
        finally:
            self._listening[identity] -= 1
            if not self._listening[identity]:
                del self._listening[identity]

    async def on_list_tools(self, ctx, params) -> types.ListToolsResult:
        _one_page(params)
        self._remember(ctx)
        return types.ListToolsResult(tools=self.registry.listed)

    async def on_call_tool(self, ctx, params: types.CallToolRequestParams) -> types.CallToolResult:
        self._remember(ctx)
        tool = self.registry.tools.get(params.name)
        if tool is None:
            raise MCPError(types.INVALID_PARAMS, f"Unknown tool: {cap(params.name, NAME_CHARS)}")
        request_id = str(ctx.request_id if ctx.request_id is not None else uuid.uuid4())
        arguments, identity, fresh = params.arguments or {}, self.identity_of(ctx), wants_fresh(params.meta)
        result = await self.shim.call(tool, arguments, identity, request_id, fresh, notify=self._notifier(ctx))
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

    async def on_list_prompts(self, ctx, params) -> types.ListPromptsResult:
        _one_page(params)
        self._remember(ctx)
        return types.ListPromptsResult(prompts=[p.to_mcp() for p in self.registry.prompts.values()])

    async def on_get_prompt(self, ctx, params: types.GetPromptRequestParams) -> types.GetPromptResult:
        spec = self.registry.prompts.get(params.name)
        if spec is None:
            raise MCPError(types.INVALID_PARAMS, f"Unknown prompt: {cap(params.name, NAME_CHARS)}")
        return await get_prompt(self.shim.database.executor, spec, params.arguments, self.identity_of(ctx))

    async def on_completion(self, ctx, params: types.CompleteRequestParams) -> types.CompleteResult:
        context = params.context.arguments if params.context else None
        argument, executor, prompts = params.argument, self.shim.database.executor, self.registry.prompts
        identity = self.identity_of(ctx)
        completion = await complete(executor, prompts, params.ref, argument.name, argument.value, context, identity)
        return types.CompleteResult(completion=completion)

    # The summary counts every caller's calls: over stdio that is the operator alone; over HTTP it would tell each
    # tenant how much the others call what, so there operators read /metrics instead.
    async def on_list_resources(self, ctx, params) -> types.ListResourcesResult:
        _one_page(params)
        return types.ListResourcesResult(resources=[SUMMARY] if self.shim.settings.stdio else [])

    async def on_list_resource_templates(self, ctx, params) -> types.ListResourceTemplatesResult:
        _one_page(params)
        return types.ListResourceTemplatesResult(resource_templates=[])  # clients ask whenever resources are offered

    async def on_read_resource(self, ctx, params: types.ReadResourceRequestParams) -> types.ReadResourceResult:
        if str(params.uri) != SUMMARY_URI or not self.shim.settings.stdio:
            raise MCPError(types.INVALID_PARAMS, f"Unknown resource: {cap(str(params.uri), NAME_CHARS)}")
        text = json.dumps(self.shim.pipeline.performance.summary(), separators=(",", ":"))
        return types.ReadResourceResult(
            contents=[types.TextResourceContents(uri=SUMMARY_URI, mime_type="application/json", text=text)]
        )
