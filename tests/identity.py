"""Run SQL the way the MCP server does: logged in as zava_mcp, identity and role set per transaction."""

from __future__ import annotations

import contextlib

import psycopg

SERVER_LOGIN = "zava_mcp"

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
