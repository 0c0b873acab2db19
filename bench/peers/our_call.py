"""The one statement our server sends for a call of the benchmark's tool, built by the server's own code.

    SELECT ... FROM auth.call_tool('app.current_rls_user_id', $identity, auth.request_role($identity),
                                   <call statement>, '{}', true)

pgbench and the asyncpg driver run exactly this, so they measure the database's ceiling for our work.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from shim.calls import CallSettings, Executor  # noqa: E402
from shim.catalog import load_tools  # noqa: E402


async def our_call_async(url: str, tool: str) -> tuple[str, str, bool]:
    conn = await asyncpg.connect(url)
    try:
        spec = (await load_tools(conn, "api", embed_vectors=False))[tool]
    finally:
        await conn.close()
    executor = Executor(None, CallSettings())  # only builds statements here
    return executor.dispatch_statement(spec), executor.call_statement(spec, ()), spec.read_only


def our_call(url: str, tool: str) -> tuple[str, str, bool]:
    """(dispatch statement with $1..$5, call statement for no arguments, read only) for `tool`."""
    return asyncio.run(our_call_async(url, tool))


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def pgbench_script(url: str, tool: str, identity: str) -> str:
    dispatch, call, read_only = our_call(url, tool)
    values = [
        literal("app.current_rls_user_id"),
        literal(identity),
        literal(call),
        "'{}'::text[]",
        "true" if read_only else "false",
    ]
    for index in range(5, 0, -1):  # $5 first, so $1 does not match the start of $10...
        dispatch = dispatch.replace(f"${index}", values[index - 1])
    return dispatch + ";\n"
