"""The database side of the server: the checks made before serving (shim/login.py), the pool the calls run on (with
the executor that queues them, shim/calls.py) and readiness, probed on a connection of its own."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import asyncpg

from shim import login
from shim.calls import Executor
from shim.config import Settings
from shim.connections import CallQueue
from shim.embedders import Embedder, EmbedderError, QueryEmbeddings
from shim.observability import log
from shim.replicas import Replicas

READY_PROBE_TIMEOUT_S = 1.0
VECTOR_COLUMNS_SQL = """
SELECT a.attrelid::regclass::text AS rel, a.attname, a.atttypmod
FROM pg_catalog.pg_attribute AS a JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
WHERE a.atttypid = (SELECT t.oid FROM pg_catalog.pg_type AS t WHERE t.typname = 'vector' LIMIT 1)
  AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
"""


class DatabaseUnreachable(Exception):
    """The database did not answer within the start-up timeout, or refused the connection."""


async def init_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec("json", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    vector_schema = await conn.fetchval(
        "SELECT n.nspname FROM pg_catalog.pg_type AS t JOIN pg_catalog.pg_namespace AS n ON n.oid = t.typnamespace "
        "WHERE t.typname = 'vector' LIMIT 1"
    )
    if vector_schema:
        from pgvector.asyncpg import register_vector

        await register_vector(conn, schema=vector_schema)


async def reset_connection(conn: asyncpg.Connection) -> None:
    """Before a connection is reused. A finished call already ended with COMMIT; RESET ALL (shim/calls.py), so only
    an interrupted one (cancelled mid-transaction) has anything left to undo. asyncpg's own reset would also
    unlock advisory locks, which request roles cannot take and the login may not call."""
    if conn.is_in_transaction():
        await conn.execute("ROLLBACK; RESET ALL; UNLISTEN *; CLOSE ALL")


class Database:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, metrics=None):
        self.settings, self.embedder = settings, embedder
        replica_urls = (settings.database_replica_url or "").split()
        self.replicas = Replicas(replica_urls, settings.database_url or "", settings.replica_max_lag_ms, metrics)
        self.pool: asyncpg.Pool | None = None
        self.executor: Executor | None = None
        self._probe: asyncpg.Connection | None = None  # readiness checks run on it, outside the pool
        self._probe_lock = asyncio.Lock()

    async def _until_reachable(self, connect):
        """connect() until the database answers, for up to startup_timeout_s (it may still be starting)."""
        deadline = time.monotonic() + self.settings.startup_timeout_s
        while True:
            try:
                return await connect()
            except (OSError, asyncpg.PostgresError) as exc:
                if isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError) or time.monotonic() > deadline:
                    raise
                log("warning", "database not reachable yet, retrying", error=str(exc))
                await asyncio.sleep(1)

    async def open(self) -> None:
        """Check the login (LoginRefused) and the embedder's dimension on a connection of their own, then open the
        pool; DatabaseUnreachable when the database does not answer."""
        s = self.settings
        name = {"application_name": s.application_name}
        try:
            conn = await self._until_reachable(
                lambda: asyncpg.connect(
                    s.database_url, statement_cache_size=0, command_timeout=s.command_timeout_s, server_settings=name
                )
            )
        except (OSError, asyncpg.PostgresError) as exc:
            raise DatabaseUnreachable(f"cannot connect to the database: {type(exc).__name__}: {exc}") from None
        try:
            await login.check(conn, s)
            await init_connection(conn)
            await self._check_embedding_dimension(conn)
        finally:
            conn.terminate()
        self.pool = await self._until_reachable(lambda: self._pool(s.database_url, s.pool_min))
        embed = QueryEmbeddings(self.embedder, wait_s=s.pool_timeout_s) if self.embedder else None
        self.executor = Executor(self.pool, s, embed)
        if self.replicas:
            for replica in self.replicas.replicas:  # opened on demand: a replica may be down when the server starts
                replica.queue = CallQueue(await self._pool(replica.url, 0), s)
            self.executor.replicas = self.replicas
            await self.replicas.start()

    def _pool(self, url: str, min_size: int):
        s = self.settings
        return asyncpg.create_pool(
            url,
            min_size=min_size,
            max_size=s.pool_max,
            max_inactive_connection_lifetime=s.pool_idle_s,
            statement_cache_size=s.statement_cache_size,
            command_timeout=s.command_timeout_s,
            init=init_connection,
            reset=reset_connection,
            server_settings=s.session_settings,
        )

    async def close(self) -> None:
        await self.replicas.stop()
        if self._probe is not None:
            self._probe.terminate()
        queues = [r.queue for r in self.replicas.replicas if r.queue is not None]
        for queue in [*queues, *([self.executor.queue] if self.executor and self.executor.queue else [])]:
            await queue.close()  # the connections it keeps go back to the pool first
        for queue in queues:
            await asyncio.wait_for(queue.pool.close(), timeout=10)
        if self.pool:
            await asyncio.wait_for(self.pool.close(), timeout=10)

    async def _check_embedding_dimension(self, conn: asyncpg.Connection) -> None:
        """Every vector column must have the embedder's dimension, or searches would fail (or lie) at run time."""
        if self.embedder is None:
            return
        dimension = self.embedder.dimension
        columns = await conn.fetch(VECTOR_COLUMNS_SQL)
        wrong = [f"{c['rel']}.{c['attname']} is vector({c['atttypmod']})" for c in columns if 0 < c[2] != dimension]
        if wrong:
            raise EmbedderError(
                f"embedder {self.embedder.name} makes {dimension}-d vectors but {'; '.join(wrong)}. "
                "Configure the embedder the data was embedded with, or migrate with that embedding_dim and re-embed."
            )

    async def ready(self, tools: int) -> tuple[bool, dict[str, Any]]:
        """Reachability on a connection of its own, never one of the calls' (a busy pool is not an unreachable
        database): a broken probe connection is replaced on the next check, so readiness is back as soon as the
        database is. Saturation is reported beside it, not as a failure."""
        pool = {"size": self.settings.pool_max, "in_use": 0, "waiting": 0}
        if self.executor is not None:
            pool.update(in_use=self.executor.queue.in_use, waiting=self.executor.queue.waiting)
        pool["saturated"] = pool["waiting"] > 0
        if not tools or self.pool is None:
            return False, {"detail": "tools not loaded", "pool": pool}
        async with self._probe_lock:
            for _ in range(2):  # a kept probe connection that fails (its backend ended) is opened anew once, at once
                fresh = self._probe is None or self._probe.is_closed()
                try:
                    async with asyncio.timeout(READY_PROBE_TIMEOUT_S):
                        if fresh:
                            self._probe = await asyncpg.connect(
                                self.settings.database_url,
                                statement_cache_size=0,
                                server_settings={"application_name": f"{self.settings.application_name} probe"},
                            )
                        await self._probe.fetchval("SELECT 1")
                    break
                except Exception as exc:
                    if self._probe is not None:
                        self._probe.terminate()
                        self._probe = None
                    if fresh:
                        return False, {"detail": f"database unreachable: {type(exc).__name__}", "pool": pool}
        state = {"detail": f"{tools} tools", "pool": pool}
        if self.replicas:  # a replica that is down or late is reported, never a reason to be unready
            state["replicas"] = [r.state() for r in self.replicas.replicas]
        return True, state
