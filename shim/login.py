"""What the server's database login can do, checked before anything is served.

Refused: a login that could bypass row-level security, by what it can do rather than by its name. That is a
superuser or a BYPASSRLS role, and a member (directly, or through other roles) of any role that is one, that owns a
table with row-level security enabled (an owner may turn it off), or that owns functions of the schemas the server
serves (an owner may redefine a tool to run with the owner's rights). Membership counts whether or not it is
inherited: a member may SET ROLE to the role.

Required: the rights the shim's own statements use, each reported by name when missing. Every call is
`SELECT ... FROM <dispatch function>(<identity setting>, $identity, <role function>($identity), ...)`, run with the
login's rights (shim/calls.py), so the login needs USAGE on the schemas of both functions and EXECUTE on them, EXECUTE
on pg_catalog.set_config (how a call sets its identity and role transaction-locally; asyncpg also calls it when it
reads a type), and membership of at least one role to switch to (the request roles: shim/catalog.py). Then one call
with nothing in it goes through the dispatch function as the login itself, so a right the function's body needs and
this module cannot name is reported with the database's own words.
"""

from __future__ import annotations

import asyncpg

# Itself and every role the login is a member of, with the roles in between (shortest path first).
ROLES_SQL = """
WITH RECURSIVE login AS (
    SELECT r.oid FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user
),
chain (roleid, path) AS (
    SELECT m.roleid, ARRAY[m.roleid] FROM pg_catalog.pg_auth_members AS m WHERE m.member = (SELECT oid FROM login)
    UNION
    SELECT m.roleid, c.path || m.roleid
    FROM pg_catalog.pg_auth_members AS m JOIN chain AS c ON m.member = c.roleid
    WHERE m.roleid <> ALL (c.path)
),
shortest AS (
    SELECT DISTINCT ON (c.roleid) c.roleid, c.path[1:pg_catalog.cardinality(c.path) - 1] AS via
    FROM chain AS c
    ORDER BY c.roleid, pg_catalog.cardinality(c.path)
),
reach AS (
    SELECT l.oid AS roleid, ARRAY[]::oid[] AS via FROM login AS l
    UNION ALL
    SELECT s.roleid, s.via FROM shortest AS s
)
SELECT r.rolname,
       ARRAY(SELECT v.rolname::text FROM pg_catalog.unnest(reach.via) WITH ORDINALITY AS u (oid, n)
             JOIN pg_catalog.pg_roles AS v ON v.oid = u.oid ORDER BY u.n) AS via,
       EXISTS (SELECT FROM pg_catalog.pg_auth_members AS m
               WHERE m.member = (SELECT oid FROM login) AND m.roleid = r.oid) AS direct,
       r.rolsuper,
       r.rolbypassrls,
       ARRAY(SELECT c.oid::pg_catalog.regclass::text FROM pg_catalog.pg_class AS c
             WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p') AND c.relrowsecurity ORDER BY 1) AS rls_tables,
       ARRAY(SELECT DISTINCT n.nspname::text FROM pg_catalog.pg_proc AS p
             JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
             WHERE p.proowner = r.oid AND n.nspname = ANY ($1::text[]) ORDER BY 1) AS served_schemas
FROM reach JOIN pg_catalog.pg_roles AS r ON r.oid = reach.roleid
ORDER BY pg_catalog.cardinality(reach.via), r.rolname
"""

# One function the login calls: does its schema exist and may the login use it, does the function exist, may the
# login execute it. Looked up by name and argument types; privileges of the login itself (a NOINHERIT login's
# memberships lend it nothing).
FUNCTION_SQL = """
SELECT n.oid IS NOT NULL AS schema_exists,
       n.oid IS NOT NULL AND pg_catalog.has_schema_privilege(n.oid, 'USAGE') AS schema_usage,
       p.oid IS NOT NULL AS function_exists,
       p.oid IS NOT NULL AND pg_catalog.has_function_privilege(p.oid, 'EXECUTE') AS function_execute
FROM (SELECT $1::text AS nspname) AS wanted
LEFT JOIN pg_catalog.pg_namespace AS n ON n.nspname = wanted.nspname
LEFT JOIN pg_catalog.pg_proc AS p
    ON p.pronamespace = n.oid AND p.proname = $2
    AND pg_catalog.array_to_string(p.proargtypes::pg_catalog.oid[]::pg_catalog.regtype[], ', ') = $3
"""

SET_CONFIG = ("pg_catalog", "set_config", ("text", "text", "boolean"))
DISPATCH_ARGS = ("text", "text", "text", "text[]", "boolean")
SHIM_PACKAGE = "the shim's own SQL package (shim/sql) is not applied: migrate.py applies it (migrate.toml: requires)"
ROLE_FUNCTION_ARGS = ("text",)
PROBE_STATEMENT = "SELECT NULL::text, NULL::text, 0::bigint"


def _names(items: list[str], most: int = 3) -> str:
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def _who(row: asyncpg.Record, login: str) -> str:
    if row["rolname"] == login:
        return "it"
    if row["direct"]:
        return f"it is a member of {row['rolname']!r}, which"
    return f"it is a member of {row['rolname']!r} (through {' -> '.join(map(repr, row['via']))}), which"


def bypasses(rows: list[asyncpg.Record], login: str) -> list[str]:
    """Why the login could bypass row-level security, one sentence per role that makes it so."""
    found = []
    for row in rows:
        why = []
        if row["rolsuper"]:
            why.append("is a superuser")
        if row["rolbypassrls"]:
            why.append("has BYPASSRLS")
        if row["rls_tables"]:
            why.append(f"owns tables with row-level security ({_names(list(row['rls_tables']))})")
        if row["served_schemas"]:
            schemas = ", ".join(repr(s) for s in row["served_schemas"])
            why.append(f"owns functions in the served schema(s) {schemas}")
        if why:
            found.append(f"{_who(row, login)} {' and '.join(why)}")
    return found


def _split(qualified: str) -> tuple[str, str]:
    schema, _, name = qualified.partition(".")
    return schema, name


async def missing_rights(
    conn: asyncpg.Connection, dispatch_function: str, role_function: str, request_roles: int
) -> list[str]:
    """Every right of the server's contract the login lacks (or function that is not there), by name."""
    wanted = [
        (*_split(dispatch_function), DISPATCH_ARGS),
        (*_split(role_function), ROLE_FUNCTION_ARGS),
        SET_CONFIG,
    ]
    missing: list[str] = []
    for schema, name, args in wanted:
        row = await conn.fetchrow(FUNCTION_SQL, schema, name, ", ".join(args))
        signature = f"{schema}.{name}({', '.join(args)})"
        if not row["schema_exists"]:
            why = SHIM_PACKAGE if (schema, name) == _split(dispatch_function) else f"schema {schema!r} does not exist"
            missing.append(f"function {signature}: {why}")
            continue
        if not row["schema_usage"]:
            missing.append(f"it lacks USAGE on schema {schema}")
        if not row["function_exists"]:
            why = f": {SHIM_PACKAGE}" if (schema, name) == _split(dispatch_function) else ""
            missing.append(f"function {signature} does not exist{why}")
        elif not row["function_execute"]:
            missing.append(f"it lacks EXECUTE on function {signature}")
    if not request_roles:
        missing.append("it lacks membership of at least one role to switch to (the request roles)")
    return list(dict.fromkeys(missing))  # USAGE on one schema is named once


class LoginRefused(Exception):
    """The database login could bypass row-level security (serving through it would void every guarantee), or lacks
    a right every call needs."""


async def problems(conn: asyncpg.Connection, settings) -> list[str]:
    """Every problem with the login, as sentences; empty when it may serve. Runs on a connection of its own: the
    probe call may leave a prepared statement behind."""
    login, dispatch = await conn.fetchval("SELECT current_user::text"), settings.dispatch_function
    served = [name for name in (settings.schema, settings.prompts_schema) if name]
    try:
        rows = await conn.fetch(ROLES_SQL, served)
        found = bypasses(rows, login)
        request_roles = sum(1 for r in rows if r["direct"])
        found += await missing_rights(conn, dispatch, settings.role_function, request_roles)
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
