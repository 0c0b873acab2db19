"""What the server's database login can do, checked before anything is served.

Refused: a login that could bypass row-level security (a superuser or BYPASSRLS role, or a member of one, or of a
role that owns a table under row-level security or a function of the schemas served), and a login that lacks a right
of the shim's contract: USAGE and EXECUTE for the dispatcher and the catalog functions of the shim's own package
(shim/sql), the role function and pg_catalog.set_config, and membership of at least one role to switch to. The query
(shim/sql/queries/login_problems.sql) says each problem in a sentence. Then one call with nothing in it goes through
the dispatcher as the login itself, so a right the dispatcher needs inside and no query can name is reported with the
database's own words.
"""

from __future__ import annotations

import json
from pathlib import Path

import asyncpg

PROBLEMS_SQL = (Path(__file__).parent / "sql" / "queries" / "login_problems.sql").read_text()
DISPATCH_ARGS = "text, text, text, text[], boolean"
# What the server calls with the login's rights besides the dispatcher and the role function: [schema, name, argument
# types, made by the shim's own package]; set_config is how a call sets its identity and role transaction-locally
# (asyncpg also calls it). mcp.prompts only when a prompts schema is served.
CATALOG_AND_SETTINGS = [
    ["mcp", "tools", "text, boolean", True],
    ["pg_catalog", "set_config", "text, text, boolean", False],
]
PROMPTS = ["mcp", "prompts", "text", True]
PROBE_STATEMENT = "SELECT NULL::text, NULL::text, 0::bigint"


class LoginRefused(Exception):
    """The database login could bypass row-level security (serving through it would void every guarantee), or lacks
    a right every call needs."""


async def problems(conn: asyncpg.Connection, settings) -> list[str]:
    """Every problem with the login, as sentences; empty when it may serve. Runs on a connection of its own: the
    probe call may leave a prepared statement behind."""
    dispatch = settings.dispatch_function
    served = [name for name in (settings.schema, settings.prompts_schema) if name]
    contract = [[*dispatch.split(".", 1), DISPATCH_ARGS, True], [*settings.role_function.split(".", 1), "text", False]]
    contract += [*CATALOG_AND_SETTINGS, *([PROMPTS] if settings.prompts_schema else [])]
    try:
        found = [row[0] for row in await conn.fetch(PROBLEMS_SQL, served, json.dumps(contract))]
    except asyncpg.PostgresError as exc:
        return [f"its rights could not be read: {exc} (SQLSTATE {exc.sqlstate})"]
    if found:
        return found
    try:  # a call with nothing in it, as the login itself, read only
        await conn.fetchval(
            f"SELECT row_count FROM {dispatch}('', current_user::text, $1, '{{}}'::text[], true)",
            PROBE_STATEMENT,
        )
    except asyncpg.PostgresError as exc:
        return [f"a call through {dispatch} fails for it: {exc} (SQLSTATE {exc.sqlstate})"]
    return []


async def check(conn: asyncpg.Connection, settings) -> None:
    """LoginRefused, naming every reason, unless the login may serve."""
    if found := await problems(conn, settings):
        user = await conn.fetchval("SELECT current_user::text")
        raise LoginRefused(
            f"refusing to serve as database login {user!r}:\n"
            + "".join(f"  - {p}\n" for p in found)
            + "Row-level security protects tenants only from a login that bypasses nothing, and every call needs "
            "the rights above. Connect as the server's own login role (README, 'The login')."
        )
