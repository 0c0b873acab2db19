"""The tools and prompts being served: read from the catalog at start, read again whenever the database announces a
change (LISTEN), and announced to every client session (tools/list_changed, prompts/list_changed)."""

from __future__ import annotations

import asyncio
import contextlib
import weakref

import asyncpg
import mcp_types as types
from mcp.server.subscriptions import PromptsListChanged, ToolsListChanged

from shim.catalog import CatalogError, ToolSpec, load_tools
from shim.config import Settings
from shim.database import Database
from shim.observability import Metrics, log
from shim.prompts import PromptSpec, load_prompts


class Registry:
    def __init__(self, settings: Settings, database: Database, cache, metrics: Metrics):
        self.settings, self.database, self.cache, self.metrics = settings, database, cache, metrics
        self.tools: dict[str, ToolSpec] = {}
        self.prompts: dict[str, PromptSpec] = {}
        self.listed: list[types.Tool] = []
        self.sessions: weakref.WeakSet = weakref.WeakSet()  # client connections, told when the lists change
        self.bus = None  # the handlers' subscription bus (2026-07-28 listen streams), set by the composition root
        self.listening = asyncio.Event()  # set once the listener has connected and re-read the catalog
        self._listener: asyncio.Task | None = None

    async def start(self) -> None:
        await self.reload()
        self._listener = asyncio.create_task(self._listen())

    async def stop(self) -> None:
        if self._listener:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def reload(self, conn: asyncpg.Connection | None = None) -> bool:
        """Re-read the catalog, on `conn` (the listener's own) or else a connection of the calls' queue; True when
        the tool or prompt list changed. A broken catalog keeps the old tools and prompts (the first one is
        refused: CatalogError). The result cache is emptied first, whatever the catalog says: a reload follows a
        migration or a data load, and no answer from before it survives (nor one computed across it: Pipeline)."""
        await self.cache.clear()
        schema, prompts_schema = self.settings.schema, self.settings.prompts_schema
        # Not in line behind the calls when the listener's connection is at hand: calls stuck behind a lock on some
        # table held the announcement of a new tool for 18 s.
        queue = self.database.executor.queue if conn is None else None
        if conn is None:
            conn = await queue.acquire(patient=True)
        try:
            tools = await load_tools(conn, schema, embed_vectors=self.database.embedder is not None)
            prompts = await load_prompts(conn, prompts_schema) if prompts_schema else {}
        except CatalogError as exc:
            self.metrics.reloads.labels("refused").inc()
            if not self.tools:
                raise
            log("error", "catalog change refused, keeping the previous tools", error=str(exc))
            return False
        finally:
            if queue is not None:
                await queue.release(conn)
        changed = tools != self.tools or prompts != self.prompts
        self.prompts, self.tools = prompts, tools
        self.listed = [t.to_mcp() for t in tools.values()]
        for tool in tools.values():
            tool.takes_no_arguments  # noqa: B018 (the validator built and asked now, not on the first call)
        self.metrics.tools.set(len(tools))
        self.metrics.reloads.labels("ok").inc()
        log("info", "tools loaded", tools=sorted(tools), prompts=sorted(prompts), changed=changed)
        return changed

    async def _listen(self) -> None:
        """LISTEN for schema changes on a dedicated connection; reconnect with backoff when it drops."""
        delay = 0.5
        while True:
            conn = None
            try:
                conn = await asyncpg.connect(
                    self.settings.listen_database_url or self.settings.database_url,
                    server_settings={"application_name": f"{self.settings.application_name} listener"},
                )
                changed = asyncio.Event()
                await conn.add_listener(self.settings.notify_channel, lambda *_, event=changed: event.set())
                # A connection that closes wakes the loop at once (its backend ended, the server shut down): waiting
                # for the next keep-alive query left changes unheard for up to 5 s.
                conn.add_termination_listener(lambda *_, event=changed: event.set())
                # Reload on every connect, the first too: a change committed between start()'s load and this LISTEN
                # would otherwise go unnoticed until the next NOTIFY.
                if await self.reload(conn):
                    await self._announce()
                self.listening.set()
                delay = 0.5
                while True:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(changed.wait(), timeout=5)
                    if conn.is_closed():
                        raise ConnectionError("the listener's connection closed")
                    if changed.is_set():
                        changed.clear()
                        if await self.reload(conn):
                            await self._announce()
                    else:
                        await conn.execute("SELECT 1")  # notices a dead connection within seconds
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log("warning", "schema listener lost the database; reconnecting", error=str(exc))
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2)  # tool changes made while it was away arrive within ~2 s of return
            finally:
                if conn is not None and not conn.is_closed():
                    conn.terminate()

    async def _announce(self) -> None:
        sessions = list(self.sessions)
        for connection in sessions:
            try:
                await connection.send_tool_list_changed()
                await connection.send_prompt_list_changed()
            except Exception as exc:  # a client that went away must not stop the others from hearing
                log("info", "could not notify a session", error=repr(exc))
        if self.bus is not None:  # 2026-07-28 listen streams (shim/handlers.py)
            await self.bus.publish(ToolsListChanged())
            await self.bus.publish(PromptsListChanged())
        log("info", "announced tools/list_changed and prompts/list_changed", sessions=len(sessions))
