"""The composition root: the parts of one server, built from its settings, started and stopped together."""

from __future__ import annotations

from shim import cache as result_cache
from shim.config import Settings
from shim.database import Database
from shim.embedders import Embedder
from shim.handlers import Handlers
from shim.jobs import Jobs
from shim.observability import Metrics
from shim.pipeline import Pipeline
from shim.registry import Registry


class Shim:
    """The tools of one database, served to any number of MCP sessions: `await shim.call(...)` is a tool call."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        self.settings = settings
        self.metrics = Metrics()
        self.cache = result_cache.from_url(
            settings.cache_url, settings.cache_max_entries, int(settings.cache_max_mb * 2**20)
        )
        self.database = Database(settings, embedder, self.metrics)
        self.registry = Registry(settings, self.database, self.cache, self.metrics)
        self.pipeline = Pipeline(self.database, self.cache, self.metrics, settings.slow_call_ms)
        self.call = self.pipeline.call
        self.handlers = Handlers(self)
        self.registry.bus = self.handlers.bus
        self.jobs = Jobs(settings, self.metrics)

    @property
    def tools(self):
        return self.registry.tools

    async def start(self) -> None:
        """Check the database (LoginRefused, EmbedderError, DatabaseUnreachable), open the pool, load the catalog
        (CatalogError), listen for its changes and run its scheduled jobs."""
        await self.database.open()
        await self.registry.start()
        self.jobs.start()

    async def stop(self) -> None:
        await self.jobs.stop()
        await self.registry.stop()
        await self.database.close()
        await self.cache.close()

    async def ready(self):
        return await self.database.ready(len(self.registry.tools))
