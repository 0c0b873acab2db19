"""Apply the versioned SQL package to a PostgreSQL database, the way a careful DBA would.

    python migrate.py status [--exit-code]   applied / pending / changed, per file
    python migrate.py plan                   the rendered SQL that apply would run; runs nothing
    python migrate.py apply [--dry-run]      run what is pending (dry run: everything, then roll back)

Rules:
- Versioned files (sql/schema/NNNN_name.sql) run once, in name order, one transaction each. A versioned file that
  changed after it was applied is drift: refused, naming the file. A new file numbered below one already applied is
  refused too (out of order).
- Repeatable files (sql/functions/, then sql/policies/) run after the versioned ones, again whenever their rendered
  text changes. A repeatable file containing DROP ... CASCADE is refused: it would silently drop policies.
- Files are jinja2 templates rendered with StrictUndefined; variables come from migrate.toml, then MIGRATE_VAR_*
  environment variables, then --var name=value. Values must be integers or plain identifiers.
- The ledger (migrations.applied_files) records file, sha256 of the rendered LF-normalised text, applied_at,
  duration and database user, written inside the file's own transaction: a failing file leaves no trace.
- A session advisory lock serialises concurrent runs; the second re-reads the ledger after the first finishes.
- Anything applied ends with NOTIFY on the configured channel, so running MCP servers reload their tools.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import os
import re
import sys
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

import asyncpg
import jinja2

ROOT = Path(__file__).resolve().parent
DEFAULT_CONFIG = ROOT / "migrate.toml"
VERSIONED_NAME = re.compile(r"^\d{3,}_[a-z0-9_]+\.sql$")
SAFE_VALUE = re.compile(r"^(?:-?\d+|[a-z_][a-z0-9_]*)$")
DROP_CASCADE = re.compile(r"\bDROP\b[^;]*?\bCASCADE\b", re.IGNORECASE | re.DOTALL)
LOCK_NAMESPACE = 0x5A415641  # "ZAVA": first key of the two-key advisory lock


class MigrationError(Exception):
    """A refusal or a failure, with the file it concerns when there is one."""


@dataclasses.dataclass(frozen=True)
class Config:
    sql_dir: Path
    versioned_dir: str = "schema"
    repeatable_dirs: tuple[str, ...] = ("functions", "policies")
    macros_dir: str = "macros"
    ledger_schema: str = "migrations"
    notify_channel: str = "mcp_schema_changed"
    variables: dict[str, str | int] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class SqlFile:
    path: str  # relative to sql_dir, e.g. "schema/0100_roles.sql": the ledger key
    kind: str  # "versioned" or "repeatable"
    text: str  # rendered
    checksum: str


@dataclasses.dataclass(frozen=True)
class FileStatus:
    file: SqlFile
    state: str  # "applied", "pending", "changed" (repeatable, will re-run) or "drift" (versioned, refused)
    applied_checksum: str | None = None


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
    if "repeatable_dirs" in settings:
        settings["repeatable_dirs"] = tuple(settings["repeatable_dirs"])
    return Config(sql_dir=sql_dir, variables=variables, **settings)


def discover(config: Config) -> list[SqlFile]:
    """Every file of the package, rendered, in apply order: versioned by name, then each repeatable dir by name."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([config.sql_dir / config.macros_dir, config.sql_dir]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    files = []
    for kind, subdirs in (("versioned", (config.versioned_dir,)), ("repeatable", config.repeatable_dirs)):
        for subdir in subdirs:
            for path in sorted((config.sql_dir / subdir).glob("*.sql")):
                rel = f"{subdir}/{path.name}"
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
                checksum = hashlib.sha256(text.encode()).hexdigest()
                files.append(SqlFile(rel, kind, text, checksum))
    return files


def _without_comments(sql: str) -> str:
    return re.sub(r"/\*.*?\*/", " ", re.sub(r"--[^\n]*", " ", sql), flags=re.DOTALL)


async def _ledger(conn: asyncpg.Connection, config: Config) -> dict[str, str]:
    exists = await conn.fetchval("SELECT to_regclass($1) IS NOT NULL", f"{config.ledger_schema}.applied_files")
    if not exists:
        return {}
    rows = await conn.fetch(f'SELECT file, checksum FROM "{config.ledger_schema}".applied_files')
    return {r["file"]: r["checksum"] for r in rows}


def compare(files: list[SqlFile], ledger: dict[str, str]) -> list[FileStatus]:
    statuses = []
    for f in files:
        applied = ledger.get(f.path)
        if applied is None:
            state = "pending"
        elif applied == f.checksum:
            state = "applied"
        else:
            state = "drift" if f.kind == "versioned" else "changed"
        statuses.append(FileStatus(f, state, applied))
    return statuses


def check_runnable(statuses: list[FileStatus]) -> list[SqlFile]:
    """The files apply would run, or a MigrationError for drift or an out-of-order versioned file."""
    drift = [s.file.path for s in statuses if s.state == "drift"]
    if drift:
        raise MigrationError(
            "drift: applied versioned file(s) changed since they were applied: "
            + ", ".join(drift)
            + ". Restore them and put the change in a new file."
        )
    applied_versioned = [s.file.path for s in statuses if s.file.kind == "versioned" and s.state == "applied"]
    last = max(applied_versioned, default="")
    late = [s.file.path for s in statuses if s.file.kind == "versioned" and s.state == "pending" and s.file.path < last]
    if late:
        raise MigrationError(
            f"out of order: {', '.join(late)} sort(s) before {last}, which is already applied. "
            "Renumber the new file after it."
        )
    return [s.file for s in statuses if s.state in ("pending", "changed")]


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
            kind text NOT NULL CHECK (kind IN ('versioned', 'repeatable')),
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            duration_ms numeric(12, 3) NOT NULL,
            applied_by name NOT NULL DEFAULT session_user,
            times_applied integer NOT NULL DEFAULT 1
        );
        COMMENT ON TABLE "{schema}".applied_files IS 'Files applied by migrate.py: one row per file.';
    """)


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


async def _run_file(conn: asyncpg.Connection, config: Config, f: SqlFile) -> float:
    started = time.perf_counter()
    await conn.execute(f.text)
    await conn.execute("RESET ROLE")  # files may SET LOCAL ROLE; the ledger belongs to the migrating user
    duration_ms = (time.perf_counter() - started) * 1000
    await conn.execute(
        f"""INSERT INTO "{config.ledger_schema}".applied_files (file, kind, checksum, duration_ms)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (file) DO UPDATE SET checksum = excluded.checksum, applied_at = now(),
                duration_ms = excluded.duration_ms, applied_by = session_user,
                times_applied = applied_files.times_applied + 1""",
        f.path,
        f.kind,
        f.checksum,
        duration_ms,
    )
    return duration_ms


async def _failure(conn: asyncpg.Connection, f: SqlFile, exc: asyncpg.PostgresError) -> MigrationError:
    position = getattr(exc, "position", None)
    line = _line_of(f.text, int(position)) if position else await _locate_failure(conn, f.text)
    where = f"sql/{f.path}:{line}" if line else f"sql/{f.path}"
    detail = "".join(
        f"\n  {k}: {v}"
        for k, v in (("detail", exc.detail), ("hint", exc.hint), ("context", getattr(exc, "context", None)))
        if v
    )
    return MigrationError(
        f"{where}: SQLSTATE {exc.sqlstate}: {exc.message}{detail}\n"
        "  the file was rolled back; nothing of it was applied or recorded"
    )


async def apply(url: str, config: Config, *, dry_run: bool = False, log=print) -> list[str]:
    """Apply what is pending; return the files applied (for a dry run: those that would be, all rolled back)."""
    files = discover(config)
    # If this process dies mid-file, the server notices within a second, rolls the file back and frees the lock.
    conn = await asyncpg.connect(url, server_settings={"client_connection_check_interval": "1s"})
    try:
        await _lock(conn, config, log)
        outer = conn.transaction() if dry_run else None
        if outer:
            await outer.start()
        try:
            await _ensure_ledger(conn, config)
            todo = check_runnable(compare(files, await _ledger(conn, config)))
            for f in todo:
                try:
                    async with conn.transaction():
                        duration = await _run_file(conn, config, f)
                except asyncpg.PostgresError as exc:
                    if outer:
                        await outer.rollback()
                        outer = None
                    raise await _failure(conn, f, exc) from None
                log(f"{'checked' if dry_run else 'applied'} sql/{f.path} ({duration:.0f} ms)")
            if todo and not dry_run:
                await conn.execute("SELECT pg_notify($1, $2)", config.notify_channel, "migrate")
            if not todo:
                log("nothing to apply")
            return [f.path for f in todo]
        finally:
            if outer:
                await outer.rollback()
                log("dry run: everything rolled back")
    finally:
        await conn.close()


async def status(url: str, config: Config) -> list[FileStatus]:
    """Read-only: compares the package with the ledger; writes nothing, not even the ledger."""
    files = discover(config)
    conn = await asyncpg.connect(url)
    try:
        async with conn.transaction(readonly=True):
            return compare(files, await _ledger(conn, config))
    finally:
        await conn.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: $DATABASE_URL, else the embedded development server")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="default: migrate.toml")
    parser.add_argument("--var", action="append", default=[], metavar="NAME=VALUE", help="template variable")
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("status", help="list each file as applied, pending, changed or drift")
    st.add_argument("--exit-code", action="store_true", help="exit 3 when anything is pending, changed or drifted")
    sub.add_parser("plan", help="print the rendered SQL apply would run; run nothing")
    ap = sub.add_parser("apply", help="apply pending versioned files and changed repeatable files")
    ap.add_argument("--dry-run", action="store_true", help="run everything pending, then roll it all back")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config, args.var)
        import devdb

        url = devdb.admin_url(args.database_url)
        if args.command == "apply":
            asyncio.run(apply(url, config, dry_run=args.dry_run))
            return 0
        statuses = asyncio.run(status(url, config))
        if args.command == "status":
            for s in statuses:
                print(f"{s.state:8} {s.file.kind:10} sql/{s.file.path}")
            outstanding = [s for s in statuses if s.state != "applied"]
            print(f"{len(statuses) - len(outstanding)} applied, {len(outstanding)} outstanding")
            return 3 if args.exit_code and outstanding else 0
        todo = check_runnable(statuses)
        for f in todo:
            print(f"-- ===== sql/{f.path} ({f.kind}, sha256 {f.checksum[:12]}) =====\n{f.text}")
        print(f"-- {len(todo)} file(s) would be applied")
        return 0
    except MigrationError as exc:
        print(f"migrate: error: {exc}", file=sys.stderr)
        return 1
    except (OSError, asyncpg.PostgresError) as exc:
        print(f"migrate: cannot reach the database: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
