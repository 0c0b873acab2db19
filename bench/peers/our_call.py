"""The one statement our server sends for a call of a benchmark tool, built by the server's own code.

    SELECT ... FROM mcp.call_tool($identity, auth.request_role($identity), <call statement>,
                                  <argument values as text[]>, <read only>)

The call statement comes from Executor.call_statement for the names of the arguments given, the values from
Executor._bind (each argument as the text its parameter type's input function accepts: shim/values.py to_text; a
vector argument given as a list of floats becomes pgvector text, so a text argument for a vector parameter must be
embedded by the caller first). pgbench and the asyncpg driver run exactly this, so they measure the database's
ceiling for our work.
"""

from __future__ import annotations

import asyncio
import re

import asyncpg

from shim.calls import CallSettings, Executor
from shim.catalog import load_tools
from shim.values import to_text


async def our_call_async(url: str, tool: str, arguments: dict | None = None) -> tuple[str, str, list[str | None], bool]:
    """(dispatch statement with $1..$4, call statement, argument values for its text[], read only) for `tool`."""
    conn = await asyncpg.connect(url)
    try:
        spec = (await load_tools(conn, "api", embed_vectors=False))[tool]
    finally:
        await conn.close()
    executor = Executor(None, CallSettings())  # only builds statements here (no pool, no embedder)
    names, values = await executor._bind(spec, arguments or {})
    return executor.dispatch_statement(spec.name), executor.call_statement(spec, names), values, spec.read_only


def our_call(url: str, tool: str, arguments: dict | None = None) -> tuple[str, str, list[str | None], bool]:
    return asyncio.run(our_call_async(url, tool, arguments))


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def pgbench_script(url: str, tool: str, identity: str, arguments: dict | None = None) -> str:
    dispatch, call, values, read_only = our_call(url, tool, arguments)
    params = [
        literal(identity),
        literal(call),
        literal(to_text(values)) + "::text[]",  # the text[] literal of the values, e.g. '{"2026-07-01",...}'
        "true" if read_only else "false",
    ]
    # One pass: the call statement put in for $2 has its own $1, which must stay.
    return re.sub(r"\$([1-4])\b", lambda m: params[int(m.group(1)) - 1], dispatch) + ";\n"


def toolbox_statement(url: str, tool: str, arguments: dict | None = None) -> str:
    """Our per-call statement for a Toolbox `postgres-sql` tool whose one parameter ($1) is the caller's identity:
    the same text pgbench runs, so Toolbox running it costs PostgreSQL what our server's call costs (issue 21's fair
    configuration: the server's share apart from the statement's)."""
    dispatch, call, values, read_only = our_call(url, tool, arguments)
    params = [
        "$1",
        literal(call),
        literal(to_text(values)) + "::text[]",
        "true" if read_only else "false",
    ]
    return re.sub(r"\$([1-4])\b", lambda m: params[int(m.group(1)) - 1], dispatch)
