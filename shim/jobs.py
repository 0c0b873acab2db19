"""Work the database asks the server to run on a schedule: every function of --jobs-schema that takes no arguments,
that the login may execute and whose comment has a line "@every <seconds>" (the retail package's fold of logged
sales changes into its rollups is one). Jobs run one after another as the login, on a connection of their own, so a
job never waits behind tool calls nor calls behind a job; a failing job is logged and runs again at its next time.
Several servers on one database each run the jobs: a job that must not run twice at once says so itself (the fold
takes a lock without waiting)."""

from __future__ import annotations

import asyncio
import contextlib
import time

import asyncpg

from shim.config import Settings
from shim.observability import Metrics, log

JOBS_SQL = r"""
SELECT p.oid::pg_catalog.regprocedure::text AS call,
       substring(d.description FROM '(?m)^@every\s+([0-9]+(?:\.[0-9]+)?)\s*$')::float8 AS every_s
FROM pg_catalog.pg_proc AS p
JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_description AS d ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::regclass
WHERE n.nspname = $1 AND p.pronargs = 0 AND p.prokind = 'f'
  AND pg_catalog.has_function_privilege(p.oid, 'EXECUTE')
ORDER BY 1
"""
REREAD_S = 60.0  # jobs added or dropped by a migration are picked up within a minute
SHORTEST_S = 0.1  # a schedule tighter than this would keep the connection busy


class Jobs:
    """On /metrics: runs by outcome, duration, the last success's time and the last numeric result per job, so a
    job that keeps failing (rollups falling behind) shows before anyone reads stale figures."""

    def __init__(self, settings: Settings, metrics: Metrics):
        self.settings, self.metrics = settings, metrics
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        if self.settings.jobs_schema:
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        """Connect, read the schedule, run what is due; reconnect with backoff when the connection drops."""
        delay = 0.5
        while True:
            conn = None
            try:
                # A job's own limit, not a call's: a fold after a bulk write may take minutes, and cutting it at a
                # call's 30 s would fail it on every run while the backlog grows.
                timeout_ms = max(1, int(self.settings.job_timeout_s * 1000))
                conn = await asyncpg.connect(
                    self.settings.database_url,
                    statement_cache_size=0,
                    command_timeout=self.settings.job_timeout_s + 5,
                    server_settings={
                        "application_name": f"{self.settings.application_name}-jobs",
                        "statement_timeout": str(timeout_ms),
                    },
                )
                delay = 0.5
                await self._serve(conn)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log("warning", "jobs lost the database; reconnecting", error=str(exc))
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5)
            finally:
                if conn is not None and not conn.is_closed():
                    conn.terminate()

    async def _serve(self, conn: asyncpg.Connection) -> None:
        schedule: dict[str, float] = {}
        due: dict[str, float] = {}
        read_at = -REREAD_S
        while True:
            now = time.monotonic()
            if now - read_at >= REREAD_S:
                rows = await conn.fetch(JOBS_SQL, self.settings.jobs_schema)
                schedule = {r["call"]: max(r["every_s"], SHORTEST_S) for r in rows if r["every_s"]}
                due = {call: due.get(call, now) for call in schedule}
                read_at = now
            for call, every_s in schedule.items():
                if due[call] <= now:
                    await self._run_one(conn, call)
                    due[call] = time.monotonic() + every_s
            await asyncio.sleep(max(0.0, min([*due.values(), read_at + REREAD_S]) - time.monotonic()))

    async def _run_one(self, conn: asyncpg.Connection, call: str) -> None:
        started = time.monotonic()
        try:
            result = await conn.fetchval(f"SELECT {call}")  # a name from the catalog (regprocedure), never input
        except asyncpg.PostgresError as exc:  # the job's own failure: the next run may succeed
            self.metrics.job_runs.labels(call, "error").inc()
            log("error", "job failed", job=call, sqlstate=exc.sqlstate, error=str(exc))
            return
        elapsed_ms = (time.monotonic() - started) * 1000
        self.metrics.job_runs.labels(call, "ok").inc()
        self.metrics.job_latency.labels(call).observe(elapsed_ms / 1000)
        self.metrics.job_last_ok.labels(call).set(time.time())
        if isinstance(result, int | float) and not isinstance(result, bool):
            self.metrics.job_result.labels(call).set(result)
        if elapsed_ms >= self.settings.slow_call_ms:
            log("warning", "slow job", job=call, ms=round(elapsed_ms), result=str(result))
