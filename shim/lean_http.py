"""A lean path for tools/call over streamable HTTP, in front of the SDK's app.

Profiling a point-lookup call showed the SDK's per-request machinery (Starlette routing and middleware, a Request
and its validation, pydantic models in and out, memory streams between tasks, an SSE response) costing several
times the database work. This path answers the common case itself: a single tools/call request that it can prove
valid the same way the SDK would (JSON content type, both accept types, allowed Host/Origin, a verified bearer
token, then either a live session of the same principal that has already been served by the SDK, or a complete
2026-07-28 envelope whose routing headers match the body). Every other request, and every request that would be
an error, goes to the SDK unchanged, so error answers and everything but tools/call stay the SDK's.

The answer is the same result the SDK would send for the protocol version, as application/json (allowed: the
client accepts both JSON and SSE). A call in flight here is cancelled by a notifications/cancelled from its session's
caller, by its client hanging up, and by a DELETE of its session.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from mcp.server.auth.middleware.bearer_auth import AuthorizationContext
from mcp.server.auth.provider import AccessToken, principal_components
from mcp_types.version import HANDSHAKE_PROTOCOL_VERSIONS, MODERN_PROTOCOL_VERSIONS

from shim import sdk_adapter
from shim.config import DEV_IDENTITY_HEADER
from shim.edge import BadMessage, InFlight, Limits, error_body, read_message, request_id_of, wants_fresh
from shim.http_protocol import CONNECTION
from shim.turns import Turns

PROTOCOL_VERSION_META = "io.modelcontextprotocol/protocolVersion"
CLIENT_CAPABILITIES_META = "io.modelcontextprotocol/clientCapabilities"
SERVER_INFO_META = "io.modelcontextprotocol/serverInfo"
LOG_LEVEL_META = "io.modelcontextprotocol/logLevel"
ROUTING_HEADERS = (b"mcp-method", b"mcp-name", b"mcp-protocol-version", b"mcp-session-id", b"authorization")
CALL_PARAM_KEYS = {"name", "arguments", "_meta"}
HEADER_ANSWERS_KEPT = 1024
HEADER_ANSWER_KEY_BYTES = 1024  # headers longer than this in all are checked every time, not kept

Verify = Callable[[str], Awaitable[AccessToken | None]]


def _allowed(value: str, patterns: list[str]) -> bool:
    """The SDK's Host/Origin rule: an exact entry, or an entry ending in ':*' followed by any port."""
    return value in patterns or any(p.endswith(":*") and value.startswith(p[:-2] + ":") for p in patterns)


def _media_types(accept: str) -> set[str]:
    return {part.split(";", 1)[0].strip().lower() for part in accept.split(",")}


class LeanToolCalls:
    """ASGI middleware in front of the SDK's app for POST /mcp: every body is read by the edge reader first (size,
    nesting, encoding; bad ones answered here, before any authentication work), a new session is refused when its
    owner is at the per-identity session limit, and tools/call is answered here when provably valid. Everything
    else is passed to `app`."""

    def __init__(self, app, shim, server, verify: Verify | None, fast: bool = True, path: str = "/mcp"):
        settings, self.manager = shim.settings, server.session_manager
        self.app, self.path, self.registry, self.call = app, path, shim.registry, shim.call
        self.ready_sessions = shim.handlers.ready_sessions  # session ids the SDK has served a tools request on
        info = {SERVER_INFO_META: {"name": server.name, "version": server.version or ""}}
        self.server_info_json = json.dumps(info, separators=(",", ":"))
        self.verify = verify  # the same (caching) verifier the SDK's bearer middleware uses
        self.identity_header = DEV_IDENTITY_HEADER.encode() if settings.insecure_dev_identity_header else None
        self.limits = Limits(
            min(settings.limits.max_bytes, self.manager.max_request_body_size), settings.max_json_depth
        )
        self.fast = fast  # False when the SDK privates the fast path needs are missing (shim/sdk_adapter.py)
        self.in_flight = InFlight()
        self.sessions = SessionCap(self.manager, settings.max_sessions_per_identity)
        self._fitting: dict[tuple, bool] = {}  # (content-type, accept, host, origin) -> _headers_fit's answer
        self.on_served = shim.metrics.lean_calls.inc  # counts calls answered here (the rest of tools/call: the SDK)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] not in ("POST", "DELETE"):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "DELETE":
            await self._end_session(scope, receive, send)
            return
        messages, body = await read_body(receive, self.limits.max_bytes)
        if messages[-1]["type"] != "http.request":
            return  # the client went away mid-body
        try:
            parsed = read_message(body, self.limits)
        except BadMessage as exc:
            await _respond(send, exc.status, exc.body())
            return
        headers, plain = _headers(scope)
        opener = await self._opener(headers, parsed)  # before anything goes to the SDK: it opens sessions too
        if opener is not None:
            async with self.sessions.turn(opener):
                refusal = self.sessions.refusal(opener, parsed)
                if refusal is not None:
                    await _respond(send, 429, refusal)
                    return
                await self.app(scope, _replay(messages, receive), send)
            return
        plan = await self._plan(headers, parsed) if self.fast and plain else None
        if plan is None:
            await self.app(scope, _replay(messages, receive), send)
            return
        await self._answer(plan, send, scope.get(CONNECTION))

    # ----- deciding ----------------------------------------------------------------------------------------------

    async def _opener(self, headers: dict[bytes, bytes], message: dict) -> str | None:
        """The identity (the token's subject, whichever client or issuer signed it) this request opens a session
        for; None when it opens none, is not authenticated (the SDK answers 401), or no per-identity cap applies."""
        if not self.fast or b"mcp-session-id" in headers:
            return None  # without the SDK's session bookkeeping only the SDK's own cap (max_sessions) holds
        if message.get("method") != "initialize":
            return None
        _, requestor = await self._identity(headers)
        return None if requestor is None else requestor["subject"]

    async def _plan(self, headers: dict[bytes, bytes], message: dict) -> dict | None:
        if not self._headers_fit(headers):
            return None
        if message.get("method") == "notifications/cancelled":
            # Only the session's own caller may cancel its calls: verified first, as the SDK would.
            session_id = headers.get(b"mcp-session-id", b"").decode("latin-1")
            identity, requestor = await self._identity(headers)
            owner = sdk_adapter.session_owner(self.manager, session_id) if session_id else False
            if identity is not False and owner == requestor:
                self.in_flight.cancel_from(session_id, message)
            return None  # the SDK still answers it (202, or its own refusal)
        request = tool_call_request(message, self.registry.tools)
        if request is None:
            return None
        request_id, tool, arguments, meta = request
        identity, requestor = await self._identity(headers)
        if identity is False:
            return None
        version = headers.get(b"mcp-protocol-version", b"").decode("latin-1") or None
        plan = {"id": request_id, "tool": tool, "arguments": arguments, "identity": identity, "meta": meta}
        if version is None or version in HANDSHAKE_PROTOCOL_VERSIONS:
            session_id = headers.get(b"mcp-session-id", b"").decode("latin-1")
            transport = sdk_adapter.live_session(self.manager, session_id) if session_id else None
            if transport is None or session_id not in self.ready_sessions:
                return None
            if sdk_adapter.session_owner(self.manager, session_id) != requestor:
                return None
            plan.update(modern=False, session_id=session_id, transport=transport)
            return plan
        if version in MODERN_PROTOCOL_VERSIONS:
            if meta.get(PROTOCOL_VERSION_META) != version or not isinstance(meta.get(CLIENT_CAPABILITIES_META), dict):
                return None
            name = headers.get(b"mcp-name", b"").decode("latin-1")
            if headers.get(b"mcp-method") != b"tools/call" or name != tool.name:
                return None
            plan.update(modern=True, session_id=None, transport=None)
            return plan
        return None

    def _headers_fit(self, headers: dict[bytes, bytes]) -> bool:
        """JSON in, both JSON and SSE accepted, an allowed Host and Origin. A client sends the same four values on
        every request: the answer is kept for them (at most HEADER_ANSWERS_KEPT combinations at once)."""
        key = tuple(headers.get(name) for name in (b"content-type", b"accept", b"host", b"origin"))
        fits = self._fitting.get(key)
        if fits is None:
            if len(self._fitting) >= HEADER_ANSWERS_KEPT:
                self._fitting.clear()
            content_type = headers.get(b"content-type", b"").decode("latin-1")
            accept = _media_types(headers.get(b"accept", b"").decode("latin-1"))
            fits = (
                content_type.split(";", 1)[0].strip() == "application/json"
                and {"application/json", "text/event-stream"} <= accept
                and self._host_and_origin_allowed(headers)
            )
            if sum(len(value) for value in key if value) <= HEADER_ANSWER_KEY_BYTES:  # before any token check:
                self._fitting[key] = fits  # 1,000 requests with 2.5 MB Accept headers once kept 2.5 GB here
        return fits

    def _host_and_origin_allowed(self, headers: dict[bytes, bytes]) -> bool:
        settings = self.manager.security_settings
        if settings is None or not settings.enable_dns_rebinding_protection:
            return True
        host = headers.get(b"host", b"").decode("latin-1")
        origin = headers.get(b"origin", b"").decode("latin-1")
        if not host or not _allowed(host, settings.allowed_hosts):
            return False
        return not origin or _allowed(origin, settings.allowed_origins)

    async def _identity(self, headers: dict[bytes, bytes]) -> tuple[Any, AuthorizationContext | None]:
        """(identity, session owner as the SDK records it); identity False sends the request to the SDK."""
        if self.verify is not None:
            authorization = headers.get(b"authorization", b"").decode("latin-1")
            if not authorization.lower().startswith("bearer "):
                return False, None
            access = await self.verify(authorization[7:])
            if access is None:
                return False, None
            client_id, issuer, subject = principal_components(access)
            return access.subject, AuthorizationContext(client_id=client_id, issuer=issuer, subject=subject)
        if self.identity_header is not None:
            return (headers.get(self.identity_header, b"").decode("latin-1") or None), None
        return None, None

    # ----- answering ---------------------------------------------------------------------------------------------

    async def _end_session(self, scope, receive, send) -> None:
        """A DELETE the SDK accepts ends the session, and the session's calls in flight here with it, as the SDK
        ends its own."""
        status = []

        async def noting(message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, receive, noting)
        session_id = _headers(scope)[0].get(b"mcp-session-id")
        if session_id and status and 200 <= status[0] < 300:
            self.in_flight.cancel_session(session_id.decode("latin-1"))

    async def _answer(self, plan: dict, send, connection) -> None:
        """connection: the protocol (shim/http_protocol.py) told of a hang-up, which cancels the call: its answer
        has nowhere to go."""
        transport, request_id = plan["transport"], plan["id"]
        key = (plan["session_id"], request_id)
        holds_session = transport is not None and sdk_adapter.hold_session(transport)
        task = asyncio.current_task()
        tracked = not plan["modern"] and self.in_flight.add(key, task)
        if connection is not None:
            connection.on_hangup = partial(self.in_flight.cancel, task)
        try:
            result = await self.call(
                plan["tool"], plan["arguments"], plan["identity"], str(request_id), wants_fresh(plan["meta"]), "lean"
            )
            body = self._result_body(request_id, result, plan["modern"])
        except asyncio.CancelledError:
            # Cancelled for the client: answered as the SDK does (a hung-up client's answer goes nowhere). Any other
            # cancellation (the server shutting down) is not ours to swallow.
            if not self.in_flight.by_client(task) or task.uncancel() > 0:
                raise
            body = error_body(request_id, -32800, "Request cancelled")
        finally:
            if connection is not None:
                connection.on_hangup = None
            self.in_flight.done(key if tracked else None, task)
            if holds_session:
                sdk_adapter.release_session(transport)
        extra = [(b"mcp-session-id", plan["session_id"].encode())] if plan["session_id"] else []
        self.on_served()
        await _respond(send, 200, body, extra)

    def _result_body(self, request_id, result, modern: bool) -> bytes:
        tail = f',"resultType":"complete","_meta":{self.server_info_json}' if modern else ""
        return result_message(request_id, result, tail).encode()


class SessionCap:
    """The HTTP sessions one identity may hold at once (--max-sessions-per-identity), counted by the token's subject
    whichever client or issuer signed it."""

    def __init__(self, manager, limit: int):
        self.manager, self.limit = manager, limit
        self._opening = Turns(1)  # per subject: its initialize requests, one at a time

    def turn(self, subject: str):
        """One initialize of an identity at a time, counted and opened by the SDK before the next is counted:
        counted side by side, 30 at once all passed a cap of 3."""
        return self._opening.hold(subject)

    def refusal(self, subject: str, message: dict) -> bytes | None:
        """A JSON-RPC error when the identity holds as many sessions as it may."""
        owners = sdk_adapter.sessions_owned(self.manager)
        owned = sum(1 for owner in owners if owner and owner.get("subject") == subject)
        if owned < self.limit:
            return None
        return error_body(
            request_id_of(message),
            -32000,
            f"too many open sessions for this identity ({owned}; the limit is {self.limit}): "
            "close one (HTTP DELETE with its Mcp-Session-Id) or reuse it",
        )


async def read_body(receive, max_bytes: int) -> tuple[list[dict], bytes]:
    """The request's ASGI messages and body, up to max_bytes. How long it may take is the connection's watch's to
    decide (--request-read-timeout-s, shim/http_protocol.py)."""
    messages, pieces, size = [], [], 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, b"".join(pieces)
        pieces.append(message.get("body", b""))  # joined once: adding each piece to the body was quadratic
        size += len(pieces[-1])
        if not message.get("more_body") or size > max_bytes:
            return messages, b"".join(pieces)


def _headers(scope) -> tuple[dict[bytes, bytes], bool]:
    """(the headers, each name's first value as the SDK reads them; whether this path may answer: no routing header
    repeated, no mcp-param-* header, which are the SDK's to report)."""
    headers: dict[bytes, bytes] = {}
    plain = True
    for name, value in scope["headers"]:
        if (name in headers and name in ROUTING_HEADERS) or name.startswith(b"mcp-param-"):
            plain = False
        headers.setdefault(name, value)
    return headers, plain


async def _respond(send, status: int, body: bytes, extra_headers: list | None = None) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + (extra_headers or [])})
    await send({"type": "http.response.body", "body": body})


def tool_call_request(message: Any, tools: dict) -> tuple[Any, Any, dict, dict] | None:
    """(id, tool, arguments, _meta) of a plain tools/call request for a known tool; None for anything else."""
    if not isinstance(message, dict) or message.get("method") != "tools/call" or message.get("jsonrpc") != "2.0":
        return None
    if set(message) != {"jsonrpc", "id", "method", "params"}:
        return None
    request_id, params = message["id"], message["params"]
    if isinstance(request_id, bool) or not isinstance(request_id, int | str):
        return None
    if not isinstance(params, dict) or not set(params) <= CALL_PARAM_KEYS:
        return None
    name, arguments, meta = params.get("name"), params.get("arguments", {}), params.get("_meta", {})
    if not isinstance(name, str) or not isinstance(arguments, dict) or not isinstance(meta, dict):
        return None
    if "progressToken" in meta or LOG_LEVEL_META in meta:
        return None  # progress and log notifications belong to the SDK's streams
    tool = tools.get(name)
    return None if tool is None else (request_id, tool, arguments, meta)


def result_message(request_id, result, tail: str = "") -> str:
    """The JSON-RPC response carrying a CallToolResult, from the result's JSON texts (nothing re-encoded)."""
    text = json.dumps(result.content_text, ensure_ascii=False)
    structured = "" if result.structured_text is None else f',"structuredContent":{result.structured_text}'
    return (
        f'{{"jsonrpc":"2.0","id":{json.dumps(request_id)},"result":{{"content":[{{"type":"text","text":{text}}}]'
        f'{structured},"isError":{"true" if result.is_error else "false"}{tail}}}}}'
    )


def _replay(messages: list[dict], receive):
    """A receive() that first hands back what was already read."""
    pending = list(messages)

    async def replayed():
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
