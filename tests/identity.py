"""Run SQL the way the MCP server does: logged in as zava_mcp, each call one mcp.call_tool statement.

The server sends every tool call as

    SELECT * FROM mcp.call_tool($identity, auth.request_role($identity), <call statement>, $arguments, <read only>)

outside any transaction block (shim/sql/functions/0100_call_tool.sql, shim/calls.py). `call_tool` below sends
exactly that statement, so a test of what a caller sees goes through the same identity resolution, role switch,
read-only flag and session reset as a real call. `raw_role_session` is the one way around the dispatcher, for
tests that must switch a role by hand (see its docstring).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from decimal import Decimal

import psycopg

SERVER_LOGIN = "zava_mcp"
IDENTITY_SETTING = "mcp.identity"  # where the shim's dispatcher puts a call's identity (a fixed name)

# The identities sql/schema/0910_managers_data.sql defines: the sample's store ids, three regions, head office.
STORE_MANAGERS = {
    "Zava Retail Seattle": "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    "Zava Retail Bellevue": "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
    "Zava Retail Tacoma": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    "Zava Retail Spokane": "d8e9f0a1-b2c3-4567-8901-234567890abc",
    "Zava Retail Everett": "3b9ac9fa-cd5e-4b92-a7f2-b8c1d0e9f2a3",
    "Zava Retail Redmond": "e7f8a9b0-c1d2-3e4f-5678-90abcdef1234",
    "Zava Retail Kirkland": "9c8b7a65-4321-fed0-9876-543210fedcba",
    "Zava Retail Online": "2f4e6d8c-1a3b-5c7e-9f0a-b2d4f6e8c0a2",
}
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"

# The statement the server sends for every call (shim/calls.py, Executor.dispatch_statement, without the comment).
DISPATCH = "SELECT rows_json, compact_json, row_count FROM mcp.call_tool(%s, auth.request_role(%s), %s, %s, %s)"


def _as_json_rows(statement: str) -> str:
    """A call statement returning what mcp.call_tool returns (rows_json, compact_json, row_count): every row of
    `statement` as a JSON array of its column values, in column order (json_each keeps the order and duplicate
    column names). `statement` may be a SELECT or a write with RETURNING, and may use the text[] argument $1."""
    return (
        "WITH q AS (" + statement + ") "
        "SELECT coalesce(pg_catalog.json_agg((SELECT pg_catalog.json_agg(e.value ORDER BY e.n) "
        "FROM pg_catalog.json_each(pg_catalog.row_to_json(q.*)) WITH ORDINALITY AS e (key, value, n)))::text, "
        "'[]'), NULL::text, pg_catalog.count(*) FROM q"
    )


def _parse(rows_json: str) -> list[tuple]:
    return [tuple(row) for row in json.loads(rows_json, parse_float=Decimal)]


@contextlib.contextmanager
def server_login(db, **settings: str):
    """A connection that is the server's login (SET SESSION AUTHORIZATION works with any superuser URL), in
    autocommit as the server's connections are: each statement is its own transaction. `settings` are the
    connection's session defaults (e.g. statement_timeout="1s"), which the RESET ALL ending each call keeps, as
    the server's pool sets them."""
    options = " ".join(f"-c {name}={value}" for name, value in settings.items())
    with db.connect(autocommit=True, **({"options": options} if options else {})) as conn:
        conn.execute(f"SET SESSION AUTHORIZATION {SERVER_LOGIN}")
        yield conn


def call_tool(
    conn: psycopg.Connection,
    identity: str | None,
    statement: str,
    arguments: Sequence[str | None] = (),
    *,
    read_only: bool = True,
) -> list[tuple]:
    """Run `statement` as the server runs a tool call for `identity`: one mcp.call_tool statement on the login's
    connection (see `server_login`), identity and role resolved and set by the dispatcher, nothing left behind.

    `arguments` travel as the text array $1, as the server sends them (write `($1)[1]::uuid` in the statement).
    A write needs read_only=False and RETURNING. Returns the rows as a client receives them: decoded from the
    JSON PostgreSQL renders (numbers as int or Decimal, dates, timestamps and uuids as text, json as Python).
    Raises what the call raises: 28000 for an identity without a role, the tool's own errors unchanged."""
    assert conn.autocommit, "the server sends each call outside a transaction block: use server_login()"
    rows_json, _, row_count = conn.execute(
        DISPATCH, (identity, identity, _as_json_rows(statement), list(arguments), read_only)
    ).fetchone()
    rows = _parse(rows_json)
    assert len(rows) == row_count, (rows_json, row_count)
    return rows


def call_tool_fails(
    conn: psycopg.Connection,
    identity: str | None,
    statement: str,
    sqlstate: str,
    arguments: Sequence[str | None] = (),
    *,
    read_only: bool = True,
) -> psycopg.Error:
    """pgTAP's throws_ok for a call through the dispatcher: the call fails with exactly this SQLSTATE."""
    try:
        rows = call_tool(conn, identity, statement, arguments, read_only=read_only)
    except psycopg.Error as exc:
        assert exc.sqlstate == sqlstate, f"{statement!r} should fail with {sqlstate}, failed with {exc.sqlstate}: {exc}"
        return exc
    raise AssertionError(f"{statement!r} as {identity} should fail with {sqlstate}, but returned {rows[:5]}")


def json_rows(conn: psycopg.Connection, sql: str, params: Sequence | dict = ()) -> list[tuple]:
    """The rows of `sql` rendered as call_tool renders a caller's rows, run directly on `conn` (an admin's
    independent query, to compare with what a caller was sent)."""
    return _parse(conn.execute(_as_json_rows(sql), params).fetchone()[0])


@contextlib.contextmanager
def raw_role_session(conn: psycopg.Connection, identity: str | None, role: str):
    """One transaction as `role` with the identity setting `identity`, both set by hand: NOT the server's path.

    Only for tests that must prove something holds even without the dispatcher, e.g. that row-level security and
    the policy helpers fail closed when a request role runs with a missing, unknown or malformed identity (which
    mcp.call_tool never does: it refuses an identity auth.request_role does not map to a role). A test of what a
    caller sees uses `call_tool`. Rolls back at the end."""
    with conn.transaction(force_rollback=True):
        conn.execute("SELECT set_config(%s, %s, true)", (IDENTITY_SETTING, identity or ""))
        conn.execute("SELECT set_config('role', %s, true)", (role,))
        yield conn
