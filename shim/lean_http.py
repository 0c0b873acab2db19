"""A lean path for tools/call over streamable HTTP, in front of the SDK's app.

Profiling a point-lookup call showed the SDK's per-request machinery (Starlette routing and middleware, a Request
and its validation, pydantic models in and out, memory streams between tasks, an SSE response) costing several
times the database work. This path answers the common case itself: a single tools/call request that it can prove
valid the same way the SDK would (JSON content type, both accept types, allowed Host/Origin, a verified bearer
token, then either a live session of the same principal that has already been served by the SDK, or a complete
2026-07-28 envelope whose routing headers match the body). Every other request, and every request that would be
an error, goes to the SDK unchanged, so error answers and everything but tools/call stay the SDK's.

The answer is the same result the SDK would send for the protocol version, as application/json (allowed: the
client accepts both JSON and SSE). A notifications/cancelled for a call in flight here cancels it.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
from mcp.server.auth.middleware.bearer_auth import AuthorizationContext
from mcp.server.auth.provider import AccessToken, principal_components
from mcp_types.version import HANDSHAKE_PROTOCOL_VERSIONS, MODERN_PROTOCOL_VERSIONS

PROTOCOL_VERSION_META = "io.modelcontextprotocol/protocolVersion"
CLIENT_CAPABILITIES_META = "io.modelcontextprotocol/clientCapabilities"
SERVER_INFO_META = "io.modelcontextprotocol/serverInfo"
ROUTING_HEADERS = (b"mcp-method", b"mcp-name", b"mcp-protocol-version", b"mcp-session-id", b"authorization")
CALL_PARAM_KEYS = {"name", "arguments", "_meta"}
TOKEN_CACHE_MAX = 10_000

Verify = Callable[[str], Awaitable[AccessToken | None]]
Call = Callable[..., Awaitable[Any]]  # Shim.call_tool


class TokenCache:
    """Verified tokens by their text, until they expire: verifying a JWT costs more than the rest of the path."""

    def __init__(self, verify: Verify):
        self.verify = verify
        self._tokens: dict[str, AccessToken] = {}

    async def get(self, token: str) -> AccessToken | None:
        access = self._tokens.get(token)
        if access is None:
            access = await self.verify(token)
            if access is None:
                return None
            if len(self._tokens) >= TOKEN_CACHE_MAX:
                self._tokens.clear()
            self._tokens[token] = access
        # The SDK's backend refuses a token past expires_at, without leeway; so does this path.
        if access.expires_at is not None and access.expires_at < int(time.time()):
            self._tokens.pop(token, None)
            return None
        return access


def _allowed(value: str, patterns: list[str]) -> bool:
    """The SDK's Host/Origin rule: an exact entry, or an entry ending in ':*' followed by any port."""
    return value in patterns or any(p.endswith(":*") and value.startswith(p[:-2] + ":") for p in patterns)


def _media_types(accept: str) -> set[str]:
    return {part.split(";", 1)[0].strip().lower() for part in accept.split(",")}


class LeanToolCalls:
    """ASGI middleware: tools/call answered here when provably valid, everything else passed to `app`."""

    def __init__(
        self,
        app,
        *,
        path: str,
        session_manager,
        tools: Callable[[], dict],
        call: Call,
        ready_sessions,
        server_info: dict[str, str],
        verify: Verify | None,
        identity_header: str | None,
        on_served: Callable[[], None] = lambda: None,
    ):
        self.app = app
        self.path = path
        self.manager = session_manager
        self.tools = tools
        self.call = call
        self.ready_sessions = ready_sessions  # session ids the SDK has served a tools request on
        self.server_info_json = json.dumps({SERVER_INFO_META: server_info}, separators=(",", ":"))
        self.tokens = TokenCache(verify) if verify else None
        self.identity_header = identity_header.encode() if identity_header else None
        self.max_body = session_manager.max_request_body_size
        self.in_flight: dict[tuple[str, Any], asyncio.Task] = {}  # (session, request id) -> the request's task
        self.cancelled_by_client: set[asyncio.Task] = set()
        self.on_served = on_served  # counts calls answered here (the rest of tools/call went to the SDK)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        messages, body = [], b""
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if not message.get("more_body") or len(body) > self.max_body:
                break
        plan = None
        if len(body) <= self.max_body and messages[-1]["type"] == "http.request":
            plan = await self._plan(scope, body)
        if plan is None:
            await self.app(scope, _replay(messages, receive), send)
            return
        await self._answer(plan, send)

    # ----- deciding ----------------------------------------------------------------------------------------------

    async def _plan(self, scope, body: bytes) -> dict | None:
        headers: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            if name in headers and name in ROUTING_HEADERS:
                return None  # a repeated routing header is the SDK's error to report
            if name.startswith(b"mcp-param-"):
                return None
            headers[name] = value
        try:
            content_type = headers.get(b"content-type", b"").decode("latin-1")
            accept = _media_types(headers.get(b"accept", b"").decode("latin-1"))
            if content_type.split(";", 1)[0].strip() != "application/json":
                return None
            if not {"application/json", "text/event-stream"} <= accept:
                return None
            if not self._host_and_origin_allowed(headers):
                return None
            message = json.loads(body)
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
            return None
        method = message.get("method")
        if method == "notifications/cancelled":
            self._cancel(headers, message)
            return None  # the SDK still answers it (202)
        request = tool_call_request(message, self.tools())
        if request is None:
            return None
        request_id, tool, arguments, meta = request
        name = tool.name
        identity, requestor = await self._identity(headers)
        if identity is False:
            return None
        version = headers.get(b"mcp-protocol-version", b"").decode("latin-1") or None
        plan = {"id": request_id, "tool": tool, "arguments": arguments, "identity": identity, "meta": meta}
        if version is None or version in HANDSHAKE_PROTOCOL_VERSIONS:
            session_id = headers.get(b"mcp-session-id", b"").decode("latin-1")
            transport = self.manager._server_instances.get(session_id) if session_id else None
            if transport is None or transport.is_terminated or session_id not in self.ready_sessions:
                return None
            if self.manager._session_owners.get(session_id) != requestor:
                return None
            plan.update(modern=False, session_id=session_id, transport=transport)
            return plan
        if version in MODERN_PROTOCOL_VERSIONS:
            if meta.get(PROTOCOL_VERSION_META) != version or not isinstance(meta.get(CLIENT_CAPABILITIES_META), dict):
                return None
            if headers.get(b"mcp-method") != b"tools/call" or headers.get(b"mcp-name", b"").decode("latin-1") != name:
                return None
            plan.update(modern=True, session_id=None, transport=None)
            return plan
        return None

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
        if self.tokens is not None:
            authorization = headers.get(b"authorization", b"").decode("latin-1")
            if not authorization.lower().startswith("bearer "):
                return False, None
            access = await self.tokens.get(authorization[7:])
            if access is None:
                return False, None
            client_id, issuer, subject = principal_components(access)
            return access.subject, AuthorizationContext(client_id=client_id, issuer=issuer, subject=subject)
        if self.identity_header is not None:
            return (headers.get(self.identity_header, b"").decode("latin-1") or None), None
        return None, None

    def _cancel(self, headers: dict[bytes, bytes], message: dict) -> None:
        params = message.get("params")
        if not isinstance(params, dict):
            return
        session_id = headers.get(b"mcp-session-id", b"").decode("latin-1")
        task = self.in_flight.get((session_id, params.get("requestId")))
        if task is not None and task not in self.cancelled_by_client:
            self.cancelled_by_client.add(task)
            task.cancel()

    # ----- answering ---------------------------------------------------------------------------------------------

    async def _answer(self, plan: dict, send) -> None:
        transport, request_id = plan["transport"], plan["id"]
        key = (plan["session_id"], request_id)
        idle_scope = getattr(transport, "idle_scope", None) if transport else None
        holds_session = idle_scope is not None and getattr(transport, "_idle_timeout", None) is not None
        if holds_session:  # as the SDK's transport does: a request in flight keeps the session from idling out
            transport._requests_in_flight += 1
            idle_scope.deadline = math.inf
        fresh = bool(plan["meta"].get("fresh"))
        task = asyncio.current_task()
        if not plan["modern"]:
            self.in_flight[key] = task
        try:
            result = await self.call(
                plan["tool"], plan["arguments"], plan["identity"], str(request_id), fresh, path="lean"
            )
            body = self._result_body(request_id, result, plan["modern"])
        except asyncio.CancelledError:
            # A notifications/cancelled for this request: answer it as the SDK does. Any other cancellation (the
            # server shutting down) is not ours to swallow.
            if task not in self.cancelled_by_client or task.uncancel() > 0:
                raise
            body = _error_body(request_id, -32800, "Request cancelled")
        finally:
            self.in_flight.pop(key, None)
            self.cancelled_by_client.discard(task)
            if holds_session:
                transport._requests_in_flight -= 1
                if not transport._requests_in_flight:
                    idle_scope.deadline = anyio.current_time() + transport._idle_timeout
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        if plan["session_id"]:
            headers.append((b"mcp-session-id", plan["session_id"].encode()))
        self.on_served()
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _result_body(self, request_id, result, modern: bool) -> bytes:
        tail = f',"resultType":"complete","_meta":{self.server_info_json}' if modern else ""
        return result_message(request_id, result, tail).encode()


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
    if "progressToken" in meta:
        return None  # progress notifications belong to the SDK's session machinery
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


def _error_body(request_id, code: int, message: str) -> bytes:
    return json.dumps(
        {"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}}, separators=(",", ":")
    ).encode()


def _replay(messages: list[dict], receive):
    """A receive() that first hands back what was already read."""
    pending = list(messages)

    async def replayed():
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
