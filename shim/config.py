# ruff: noqa: RUF009 (flag() is a dataclasses.field: its defaults are immutable)
"""Every setting of the server, declared once: a field of Settings is its flag (--<name with dashes>), its
environment variable, its default and its --help text. build_parser() makes the command line from the fields; the
command line wins over the environment, the environment over the default."""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
from pathlib import Path
from typing import Any

from shim.edge import Limits

ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET_FILE = ROOT / ".dev" / "jwt-secret"
DEV_IDENTITY_HEADER = "x-rls-user-id"
ENV_TRUE = ("1", "true", "yes", "on")
# A switch that must be seen where the server is started (the process's command line), never inherited unnoticed
# from an environment: the one flag without an environment variable.
COMMAND_LINE_ONLY = "command line only"
LEVEL, LEVELS = str.upper, ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")  # warning and WARNING alike
EMBEDDER_HELP = "turns text into vectors for vector arguments; openai reads MCP_EMBEDDING_URL, _MODEL, _DIM, _API_KEY"
WORKER_ENV = "MCP_WORKER_PROCESS"  # set by the --workers supervisor for the processes it starts (shim/workers.py)
QUALIFIED_NAME = re.compile(r"^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$")


def flag(default: Any, help: str, env: str | None = "", type: Any = None, choices: Any = None) -> Any:
    """A setting that is a flag, --<name with dashes>, read from $env when the command line does not give it; env is
    MCP_<NAME> unless given (None: command line only). The type is the default's unless given."""
    return dataclasses.field(default=default, metadata={"flag": (help, env, type, choices)})


@dataclasses.dataclass(frozen=True)
class Settings:
    database_url: str | None = flag(None, "login URL (default: the development database as its login)")
    schema: str = flag("api", "schema whose functions are the tools", env="MCP_API_SCHEMA")
    prompts_schema: str = flag(
        "prompts", "schema whose text functions are prompts and complete_<argument> functions completers ('' for none)"
    )
    jobs_schema: str = flag(
        "jobs", "schema whose argument-less functions commented '@every <seconds>' run on that schedule ('' for none)"
    )
    job_timeout_s: float = flag(600.0, "longest one scheduled job may run (its statement timeout)")
    stdio: bool = flag(False, "serve MCP over stdio instead of HTTP")
    identity: str | None = flag(None, "stdio: the identity every call runs as")
    host: str = flag("127.0.0.1", "HTTP: address to listen on")
    port: int = flag(8000, "HTTP: port to listen on")
    workers: int = flag(1, "HTTP: processes sharing the port (SO_REUSEPORT); more than 1 implies --stateless-http")
    stateless_http: bool = flag(
        False, "HTTP: no sessions, so any of several instances answers any request (list_changed: 2026-07-28 only)"
    )
    public_url: str | None = flag(None, "URL clients reach this server at (default: http://HOST:PORT)")
    metrics_token: str | None = flag(
        None, "HTTP: bearer token /metrics requires (without one, /metrics answers loopback clients only)"
    )
    jwt_secret: str | None = flag(None, "HS256 shared secret")
    jwt_secret_file: Path | None = flag(None, "HS256 shared secret, read from this file", type=Path)
    dev_jwt_secret: bool = flag(False, "use (and create) the development secret in .dev/jwt-secret")
    jwt_public_key_file: Path | None = flag(None, "RS256 public key (PEM)", type=Path)
    jwt_jwks_url: str | None = flag(None, "RS256 keys (JWKS URL)")
    jwt_audience: str | None = flag(None, "required aud")
    jwt_issuer: str | None = flag(None, "required iss; also the advertised issuer")
    identity_claim: str = flag("sub", "the token claim that is the identity")
    insecure_dev_identity_header: bool = flag(
        False, f"DEVELOPMENT ONLY: trust the {DEV_IDENTITY_HEADER} header, unverified", env=None
    )
    role_function: str = flag("auth.request_role", "function(identity text) naming the role")
    statement_timeout_ms: int = flag(30000, "per-call statement timeout")
    lock_timeout_ms: int = flag(
        5000, "per-call wait for a lock another transaction holds, then RETRYABLE_CONFLICT (0: not set, as before)"
    )
    row_cap: int = flag(1000, "most rows a result carries (reported as truncated)")
    max_result_mb: float = flag(16.0, "largest answer a call may give, in megabytes (larger: RESOURCE_LIMIT)")
    pool_min: int = flag(2, "connections kept open")
    pool_max: int = flag(10, "most connections")
    pool_timeout_s: float = flag(5.0, "wait for a free connection, then SERVER_BUSY")
    notify_channel: str = flag("mcp_schema_changed", "LISTEN channel for schema changes")
    slow_call_ms: int = flag(1000, "calls slower than this are logged as warnings")
    pool_idle_s: float = flag(300.0, "close pooled connections idle this long")
    command_timeout_s: float = flag(30.0, "client-side limit on any one database command")
    work_mem: str = flag("4MB", "work_mem of every session")
    jit: str = flag("off", "jit of every session", choices=("on", "off"))
    application_name: str = flag("mcp-shim", "application_name of every session")
    statement_cache_size: int = flag(
        100, "prepared statements kept per connection; 0 behind PgBouncer < 1.21 (transaction mode)"
    )
    database_replica_url: str | None = flag(
        None, "read replicas, space-separated URLs: read-only calls go there", env="DATABASE_REPLICA_URL"
    )
    replica_max_lag_ms: int = flag(1000, "skip a replica further behind the primary than this")
    listen_database_url: str | None = flag(
        None, "direct connection for LISTEN (schema changes) when --database-url goes through PgBouncer"
    )
    cache_url: str | None = flag(None, "redis://... for a shared result cache (default: in-process)", env="CACHE_URL")
    max_message_kb: int = flag(4096, "largest JSON-RPC message accepted (HTTP body or stdio line)")
    max_json_depth: int = flag(32, "deepest nesting of arrays/objects accepted in a message")
    session_idle_s: float = flag(300.0, "close an HTTP session nobody used for this long")
    request_read_timeout_s: float = flag(
        30.0, "HTTP: longest a request, headers and body, may take to arrive (from its first byte or the connection's)"
    )
    send_timeout_s: float = flag(30.0, "HTTP: drop a connection whose client has read none of its answer for this long")
    max_unsent_mb: float = flag(
        256.0, "HTTP: most megabytes of answers waiting to be read, in all; past it the largest unread are dropped"
    )
    max_sessions: int = flag(10000, "most open HTTP sessions")
    max_sessions_per_identity: int = flag(32, "open HTTP sessions one identity may hold")
    max_calls_per_identity: int = flag(
        0, "tool calls one identity may run at once (0: the pool's size minus 2, at least 1)"
    )
    client_check_interval_ms: int = flag(
        2000, "PostgreSQL client_connection_check_interval: how soon the database drops work of a vanished server"
    )
    cache_max_entries: int = flag(10000, "in-process result cache: most entries")
    cache_max_mb: float = flag(64.0, "in-process result cache: most megabytes")
    log_level: str = flag("INFO", "JSON log lines on stderr at or above this level", type=LEVEL, choices=LEVELS)
    embedder: str = flag("offline", EMBEDDER_HELP, choices=("offline", "openai", "none"))
    # Not flags: the shim's own contract with the database, and fixed timings.
    dispatch_function: str = "mcp.call_tool"  # the shim's own SQL package (shim/sql); identity in mcp.identity
    connect_retries: int = 2  # a connection that could not be opened: nothing was sent, so any call may retry
    startup_timeout_s: float = 30.0

    def __post_init__(self):
        if self.workers < 1 or (self.workers > 1 and self.stdio):
            raise ValueError("--workers must be at least 1, and 1 with --stdio (stdio has one client)")
        for what in ("role_function", "dispatch_function"):
            if not QUALIFIED_NAME.match(getattr(self, what)):
                raise ValueError(f"{what.replace('_', ' ')} {getattr(self, what)!r} must look like schema.function")

    @property
    def sessionless(self) -> bool:
        return self.stateless_http or self.workers > 1

    @property
    def calls_per_identity(self) -> int:
        return self.max_calls_per_identity or max(1, self.pool_max - 2)

    @property
    def advertised_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    @property
    def jwt_configured(self) -> bool:
        return bool(self.jwt_secret or self.jwt_public_key_file or self.jwt_jwks_url)

    @property
    def limits(self) -> Limits:
        return Limits(max_bytes=self.max_message_kb * 1024, max_depth=self.max_json_depth)

    @property
    def session_settings(self) -> dict[str, str]:
        """Sent at connect: RESET ALL returns to them, SET ROLE keeps them. Each call is one statement, so the
        session's statement_timeout is the per-call timeout."""
        settings = {
            "application_name": self.application_name,
            "jit": self.jit,
            "work_mem": self.work_mem,
            "client_connection_check_interval": f"{self.client_check_interval_ms}ms",
            "statement_timeout": f"{self.statement_timeout_ms}ms",
        }
        if self.lock_timeout_ms:  # 0 sends nothing: a PgBouncer whose ignore_startup_parameters lacks it refuses it
            settings["lock_timeout"] = f"{self.lock_timeout_ms}ms"
        return settings


def _shown(default: Any) -> Any:
    """The default as --help and the README show it: 5 for 5.0, False and None as they are."""
    return (
        f"{default:g}"
        if isinstance(default, float)
        else default
        if default is None or default is False
        else str(default)
    )


def build_parser(description: str = "", epilog: str = "") -> argparse.ArgumentParser:
    """One flag per setting that is a flag, listed in parser.settings_actions. Each action keeps its variable and
    shown default (action.env, action.documented_default) for the README's generated table (docs/readme.py)."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter, epilog=epilog
    )
    parser.settings_actions = []
    for field in dataclasses.fields(Settings):
        if "flag" not in field.metadata:
            continue
        (help, env, kind, choices), default = field.metadata["flag"], field.default
        env = f"MCP_{field.name.upper()}" if env == "" else env
        raw = os.environ.get(env) if env else None
        if isinstance(default, bool):
            options = {"action": "store_true", "default": (raw or "").strip().lower() in ENV_TRUE}
        else:  # a value from the environment is text: argparse puts it through `type` as it would a flag's
            kind = kind or (type(default) if isinstance(default, int | float) else None)
            options = {"type": kind, "choices": choices, "default": default if raw is None else raw}
        shown = _shown(default)
        where = f"${env}" if env else COMMAND_LINE_ONLY
        suffix = f"; default {shown}" if shown else ""
        action = parser.add_argument(f"--{field.name.replace('_', '-')}", help=f"{help} [{where}{suffix}]", **options)
        action.env, action.documented_default = env, shown
        parser.settings_actions.append(action)
    return parser


def parse_args(argv: list[str], description: str = "", epilog: str = "") -> argparse.Namespace:
    """The command line over the environment. A value from the environment is checked against the flag's choices
    as the command line's is (argparse checks only what it parsed)."""
    parser = build_parser(description, epilog)
    args = parser.parse_args(argv)
    for action in parser.settings_actions:
        value = getattr(args, action.dest, None)
        if action.choices and value is not None and value not in action.choices:
            parser.error(f"${action.env}: invalid choice {value!r} for {action.option_strings[0]}")
    return args


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from parsed flags: the development database when no URL is given, the HS256 secret from its file
    or the development secret when asked."""
    values = vars(args)
    if args.jwt_secret_file:
        values["jwt_secret"] = args.jwt_secret_file.read_text().strip()
    if args.dev_jwt_secret:
        values["jwt_secret"] = dev_secret()
    if not args.database_url:  # the development database (devdb.py), logged in as the package's server login
        import devdb

        values["database_url"] = devdb.server_login_url()
    return Settings(**values)


def dev_secret() -> str:
    """The development JWT secret in .dev/jwt-secret, created on first use (git-ignored)."""
    if not DEV_SECRET_FILE.exists():
        import secrets

        DEV_SECRET_FILE.parent.mkdir(exist_ok=True)
        DEV_SECRET_FILE.write_text(secrets.token_urlsafe(32))
        DEV_SECRET_FILE.chmod(0o600)
    return DEV_SECRET_FILE.read_text().strip()
