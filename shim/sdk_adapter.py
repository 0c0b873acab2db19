"""Every use of a private attribute of the MCP SDK or asyncpg, in one place, checked once at start.

The fast paths and the session limits need a little of the SDK's bookkeeping that it does not publish (which HTTP
sessions exist and who opened them, a session's idle countdown, the connection behind a request) and one fact from
asyncpg (a cancel is in flight). An SDK release may rename any of it; `missing()` says what is gone, and the server
then logs it loudly and serves everything through the SDK's public path instead of guessing.
"""

from __future__ import annotations

import asyncio
import math
from typing import Any

import asyncpg
from mcp.server.session import ServerSession
from mcp.server.streamable_http import StreamableHTTPServerTransport

_SESSION_ATTRS = ("_connection",)
_TRANSPORT_ATTRS = ("_requests_in_flight", "_idle_timeout", "idle_scope", "is_terminated")
_MANAGER_ATTRS = ("_server_instances", "_session_owners")


def missing(manager: Any = None) -> list[str]:
    """The private attributes this module relies on that the installed SDK or driver lacks."""
    gone = [f"ServerSession.{a}" for a in _SESSION_ATTRS if a not in ServerSession.__init__.__code__.co_names]
    probe = StreamableHTTPServerTransport(mcp_session_id=None, idle_timeout=1)
    gone += [f"StreamableHTTPServerTransport.{a}" for a in _TRANSPORT_ATTRS if not hasattr(probe, a)]
    if manager is not None:
        gone += [f"StreamableHTTPSessionManager.{a}" for a in _MANAGER_ATTRS if not hasattr(manager, a)]
    if not hasattr(asyncpg.protocol.Protocol, "_is_cancelling"):
        gone.append("asyncpg Protocol._is_cancelling")
    return gone


def connection_of(session: Any) -> Any | None:
    """The client connection behind a request's ServerSession: it outlives the request, so tools/list_changed can
    be sent to it later."""
    return getattr(session, "_connection", None)


def live_session(manager: Any, session_id: str) -> Any | None:
    """The transport of an open HTTP session, or None."""
    transport = manager._server_instances.get(session_id)
    return None if transport is None or transport.is_terminated else transport


def session_owner(manager: Any, session_id: str) -> Any:
    return manager._session_owners.get(session_id)


def sessions_owned(manager: Any) -> list[Any]:
    """The owner (AuthorizationContext) of every open session."""
    return list(manager._session_owners.values())


def hold_session(transport: Any) -> bool:
    """As the SDK's transport does for each request: while one is in flight the session cannot idle out."""
    if transport.idle_scope is None or transport._idle_timeout is None:
        return False
    transport._requests_in_flight += 1
    transport.idle_scope.deadline = math.inf
    return True


def release_session(transport: Any) -> None:
    transport._requests_in_flight -= 1
    if not transport._requests_in_flight:
        # anyio.current_time() is this loop's time, found through sniffio's backend detection on every call
        transport.idle_scope.deadline = asyncio.get_running_loop().time() + transport._idle_timeout


def cancel_in_flight(conn: asyncpg.Connection) -> bool:
    """asyncpg is cancelling the connection's statement (a cancelled await); the pool waits for it on release."""
    return conn._protocol._is_cancelling()
