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
import os
import resource
import sys

from shim import config
from shim.app import Shim
from shim.auth import mint_token
from shim.catalog import CatalogError
from shim.database import DatabaseUnreachable
from shim.embedders import EmbedderError, from_environment
from shim.login import LoginRefused
from shim.observability import setup_logging
from shim.transports import serve_http, serve_stdio
from shim.workers import follow_supervisor, supervise

# Exit codes of `python server.py` (README, "Exit codes").
EXIT_USAGE = 2  # a flag or setting is wrong
EXIT_REFUSED = 3  # the catalog or the embedder cannot be served (overloaded tools, a vector dimension mismatch)
EXIT_LOGIN_REFUSED = 4  # the database login could bypass row-level security or lacks a right of the contract
EXIT_UNREACHABLE = 5  # the database could not be reached or refused the login at start
EPILOG = (
    "Every flag but --insecure-dev-identity-header has an environment variable, named in [brackets]; the command "
    f"line wins. Exit codes: {EXIT_USAGE} usage, {EXIT_REFUSED} catalog or embedder refused, {EXIT_LOGIN_REFUSED} "
    f"login refused, {EXIT_UNREACHABLE} database unreachable at start."
)
REFUSALS = {
    LoginRefused: EXIT_LOGIN_REFUSED,
    CatalogError: EXIT_REFUSED,
    EmbedderError: EXIT_REFUSED,
    DatabaseUnreachable: EXIT_UNREACHABLE,
}


def build_parser() -> argparse.ArgumentParser:
    return config.build_parser(__doc__, EPILOG)


def parse_args(argv: list[str]) -> argparse.Namespace:
    return config.parse_args(argv, __doc__, EPILOG)


def mint_token_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="server.py mint-token", description="print an HS256 development token")
    p.add_argument("--identity", required=True)
    p.add_argument("--ttl", type=int, default=3600, help="seconds (default 3600)")
    p.add_argument(
        "--secret", default=os.environ.get("MCP_JWT_SECRET"), help="default: $MCP_JWT_SECRET, else .dev/jwt-secret"
    )
    p.add_argument("--claim", default=os.environ.get("MCP_IDENTITY_CLAIM", "sub"))
    args = p.parse_args(argv)
    print(mint_token(args.secret or config.dev_secret(), args.identity, args.ttl, args.claim))
    return 0


def raise_open_files_limit() -> None:
    """Every HTTP connection is a descriptor: take the whole hard limit the operator allows, as Go's runtime does,
    rather than the soft 1,024 that idle connections (dropped only at their deadline) fill."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 1 << 20
    if soft != resource.RLIM_INFINITY and soft < wanted:
        with contextlib.suppress(ValueError, OSError):  # above the kernel's nr_open: keep what we have
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def refuse(message: object, code: int) -> int:
    print(f"server.py: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["mint-token"]:
        return mint_token_main(argv[1:])
    args = parse_args(argv)
    setup_logging(args.log_level)
    try:
        settings = config.settings_from_args(args)
        if settings.workers > 1 and not os.environ.get(config.WORKER_ENV):
            return supervise(argv, settings.workers)
        if os.environ.get(config.WORKER_ENV):
            follow_supervisor()
        embedder = from_environment({**os.environ, "MCP_EMBEDDER": settings.embedder})
    except (ValueError, EmbedderError) as exc:
        return refuse(exc, EXIT_USAGE)
    if not settings.stdio and not settings.jwt_configured and not settings.insecure_dev_identity_header:
        return refuse(
            "HTTP needs a way to know callers: --jwt-secret, --jwt-public-key-file, --jwt-jwks-url "
            "(or --dev-jwt-secret); --insecure-dev-identity-header for local experiments only",
            EXIT_USAGE,
        )
    shim = Shim(settings, embedder)
    try:
        if settings.stdio:
            asyncio.run(serve_stdio(shim))
        else:
            raise_open_files_limit()
            serve_http(shim)
        return 0
    except tuple(REFUSALS) as exc:
        return refuse(exc, REFUSALS[type(exc)])
