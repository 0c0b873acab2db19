"""Run SQL the way the MCP server does: logged in as zava_mcp, identity and role set per transaction."""

from __future__ import annotations

import contextlib

import psycopg

SERVER_LOGIN = "zava_mcp"


@contextlib.contextmanager
def server_login(db):
    """A connection that is the server's login (SET SESSION AUTHORIZATION works with any superuser URL)."""
    with db.connect() as conn:
        conn.execute(f"SET SESSION AUTHORIZATION {SERVER_LOGIN}")
        conn.commit()
        yield conn


@contextlib.contextmanager
def as_identity(conn: psycopg.Connection, identity: str | None):
    """One transaction under `identity`: resolve its role with auth.request_role, switch to it transaction-locally.

    Yields the role (None when the identity resolves to none: then no role is switched and the caller keeps the
    powerless login, exactly as the server refuses to run anything). Rolls back at the end."""
    with conn.transaction(force_rollback=True):
        role = conn.execute("SELECT auth.request_role(%s)", (identity,)).fetchone()[0]
        conn.execute("SELECT set_config('app.current_rls_user_id', %s, true)", (identity or "",))
        if role:
            conn.execute("SELECT set_config('role', %s, true)", (role,))
        yield role
