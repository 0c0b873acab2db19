"""The Zava sample's architecture, rebuilt as a baseline: the `mcp` SDK's high-level `MCPServer` with a decorated
Python tool that takes a pooled asyncpg connection, sets the caller's identity with a *session-level*
`set_config(..., false)`, and runs the query.

    python bench/peers/sample_server.py --database-url URL --port 8003

Like the sample: it logs in with the admin URL it is given (the sample uses a superuser, so RLS is bypassed),
takes the identity from the unverified `x-rls-user-id` header with a default, leaves the setting on the pooled
connection (asyncpg's default pool reset runs on release), and serves streamable HTTP at /mcp. It defines the
tools of the harness's workloads: the point lookup and "sales by store for a quarter" run the same SQL functions
our server does; the ad-hoc query tool runs the SQL it is given. This is a benchmark baseline, not a design to
copy.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json

import asyncpg
import uvicorn
from mcp.server.mcpserver import Context, MCPServer
from starlette.requests import Request
from starlette.responses import JSONResponse

DEFAULT_IDENTITY = "00000000-0000-0000-0000-000000000000"  # the sample falls back to head office


def build(database_url: str, pool_max: int) -> MCPServer:
    state: dict = {}

    @contextlib.asynccontextmanager
    async def lifespan(_server):
        state["pool"] = await asyncpg.create_pool(database_url, min_size=2, max_size=pool_max, command_timeout=30)
        try:
            yield state
        finally:
            await state["pool"].close()

    mcp = MCPServer("zava-sample-architecture", lifespan=lifespan, log_level="WARNING")

    @mcp.tool()
    async def get_current_utc_date(ctx: Context) -> str:
        """The current date and time in UTC, and the latest order date you can see."""
        headers = ctx.headers or {}
        identity = headers.get("x-rls-user-id") or DEFAULT_IDENTITY
        async with state["pool"].acquire() as conn:
            await conn.execute("SELECT set_config('mcp.identity', $1, false)", identity)
            rows = await conn.fetch("SELECT * FROM api.get_current_utc_date()")
        return json.dumps([{k: str(v) for k, v in r.items()} for r in rows])

    @mcp.tool()
    async def get_store_performance(ctx: Context, period_start: str, period_end: str) -> str:
        """Headline figures per store for a period (revenue, orders, margin, growth against the period before)."""
        headers = ctx.headers or {}
        identity = headers.get("x-rls-user-id") or DEFAULT_IDENTITY
        start, end = datetime.date.fromisoformat(period_start), datetime.date.fromisoformat(period_end)
        async with state["pool"].acquire() as conn:
            await conn.execute("SELECT set_config('mcp.identity', $1, false)", identity)
            rows = await conn.fetch("SELECT * FROM api.get_store_performance($1, $2)", start, end)
        return json.dumps([{k: str(v) for k, v in r.items()} for r in rows])

    @mcp.tool()
    async def execute_sales_query(ctx: Context, postgresql_query: str) -> str:
        """Run one SELECT over the retail tables and get the rows back."""
        headers = ctx.headers or {}
        identity = headers.get("x-rls-user-id") or DEFAULT_IDENTITY
        async with state["pool"].acquire() as conn:
            await conn.execute("SELECT set_config('mcp.identity', $1, false)", identity)
            rows = await conn.fetch(postgresql_query)
        return json.dumps([{k: str(v) for k, v in r.items()} for r in rows])

    @mcp.custom_route("/health/live", methods=["GET"])
    async def live(_: Request) -> JSONResponse:
        return JSONResponse({"status": "live"})

    return mcp


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8003)
    p.add_argument("--pool-max", type=int, default=10)
    args = p.parse_args()
    app = build(args.database_url, args.pool_max).streamable_http_app(host=args.host)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
