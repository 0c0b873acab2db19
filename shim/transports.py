"""The two transports: streamable HTTP under uvicorn (the SDK's app behind the HTTP fast path and the edge reader)
and stdio (the SDK's stdio server beside the stdio fast path). Both start the server before serving and stop it
after, outside any ASGI lifespan, so a refusal at start is an exit code and a message, never a traceback."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hmac
import ipaddress
import os
import socket

from mcp.server.auth.settings import AuthSettings
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from shim import sdk_adapter
from shim.app import Shim
from shim.auth import JwtVerifier
from shim.config import DEV_IDENTITY_HEADER, WORKER_ENV
from shim.lean_http import LeanToolCalls
from shim.lean_stdio import LeanStdio
from shim.observability import log


def settle_heap() -> None:
    """Once started: move everything alive (modules, the embedding model, the catalog) out of the garbage collector's
    reach. Otherwise each full collection walks it all, stalling every call in flight (measured: 57-63 ms), now and
    then for the life of the server."""
    gc.collect()
    gc.freeze()


FALLBACK = (
    "the installed MCP SDK or asyncpg lacks what the fast paths rely on; every request goes through the SDK's public "
    "path (slower, still correct)"
)
INSECURE = (
    f"INSECURE: identities are taken from the {DEV_IDENTITY_HEADER} header without verification. Development only."
)


def missing_privates(manager=None) -> list[str]:
    if gone := sdk_adapter.missing(manager):
        log("error", FALLBACK, missing=gone)
    return gone


def http_app(shim: Shim) -> LeanToolCalls:
    """The SDK's streamable HTTP app with health and metrics routes, behind the edge reader and the fast path."""
    settings, server = shim.settings, shim.handlers.server()
    verifier, auth, url = None, None, settings.advertised_url
    if settings.insecure_dev_identity_header:
        log("warning", INSECURE, insecure_identity_header=True)
    elif settings.jwt_configured:
        verifier = JwtVerifier(settings)  # one token cache for the SDK's middleware and the fast path
        # The audience is checked by JwtVerifier when --jwt-audience is set.
        resource = f"{url.rstrip('/')}/mcp"
        auth = AuthSettings(
            issuer_url=settings.jwt_issuer or url,
            resource_server_url=resource,
            required_scopes=[],
            validate_token_resource=False,
        )

    async def live(_: Request) -> Response:
        return JSONResponse({"status": "live", "pid": os.getpid()})  # which of several workers (shim/workers.py)

    async def ready(_: Request) -> Response:
        ok, state = await shim.ready()
        return JSONResponse({"status": "ready" if ok else "not ready", **state}, status_code=200 if ok else 503)

    async def metrics(request: Request) -> Response:
        if not metrics_allowed(request, settings.metrics_token):
            return Response("metrics: a bearer token (--metrics-token) or a loopback client", status_code=403)
        queue = shim.database.executor.queue if shim.database.executor else None
        text = shim.metrics.render(shim.database.pool, shim.cache, shim.pipeline.performance, queue)
        return Response(text, media_type="text/plain; version=0.0.4")

    app = server.streamable_http_app(
        streamable_http_path="/mcp",
        stateless_http=settings.sessionless,
        max_request_body_size=settings.limits.max_bytes,
        session_idle_timeout=settings.session_idle_s,
        max_sessions=settings.max_sessions,
        host=url.split("://", 1)[-1].split(":")[0],
        auth=auth,
        token_verifier=verifier,
        custom_starlette_routes=[
            Route("/health/live", live),
            Route("/health/ready", ready),
            Route("/metrics", metrics),
        ],
    )
    fast = not missing_privates(server.session_manager)
    return LeanToolCalls(app, shim, server, verifier.verify_token if verifier else None, fast=fast)


def metrics_allowed(request: Request, token: str | None) -> bool:
    """/metrics counts every tenant's calls per tool: for the operator's scraper, not for the tenants sharing the
    port (an outside probe read them with no token). With --metrics-token its bearer; else loopback clients only."""
    if token:
        given = request.headers.get("authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    host = request.client.host if request.client else ""
    with contextlib.suppress(ValueError):
        return ipaddress.ip_address(host).is_loopback
    return False


def shared_socket(host: str, port: int) -> socket.socket:
    """The HTTP port, bound so that the other worker processes (shim/workers.py) can bind it too."""
    try:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError as exc:
        log("error", "cannot bind the HTTP port", error=str(exc))
        raise SystemExit(3) from None
    return sock


def serve_http(shim: Shim) -> None:
    import uvicorn

    from shim.http_protocol import ConnectionWatch, GatheringHttpToolsProtocol

    settings = shim.settings
    # The JSON call log replaces uvicorn's access log; nothing uses the client address, so no proxy-header pass.
    config = uvicorn.Config(
        http_app(shim),
        host=settings.host,
        port=settings.port,
        log_level="error",  # uvicorn warns of every malformed or upgrade request: anyone could fill the log
        access_log=False,
        proxy_headers=False,
        http=GatheringHttpToolsProtocol,  # one write per response, and deadlines (shim/http_protocol.py)
    )
    server = uvicorn.Server(config)
    watch = ConnectionWatch(
        server.server_state.connections,
        settings,
        shim.metrics.dropped_connections,
        shim.metrics.unsent_bytes,
    )
    sockets = [shared_socket(settings.host, settings.port)] if os.environ.get(WORKER_ENV) else None

    async def serve() -> None:
        await shim.start()
        settle_heap()
        watching = asyncio.create_task(watch.run())
        try:
            await server.serve(sockets=sockets)
        finally:
            watching.cancel()
            await shim.stop()

    with asyncio.Runner(loop_factory=config.get_loop_factory()) as runner:
        runner.run(serve())
    if not server.started:
        raise SystemExit(3)  # as uvicorn.run: the socket could not be bound


async def serve_stdio(shim: Shim) -> None:
    await shim.start()
    settle_heap()
    try:
        server = shim.handlers.server()
        options = server.create_initialization_options()

        async def run_sdk(read_stream, write_stream) -> None:
            await server.run(read_stream, write_stream, options)

        await LeanStdio(shim, fast=not missing_privates()).serve(run_sdk)
    finally:
        await shim.stop()
