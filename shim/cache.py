"""Result cache for read-only tools that opt in (`@cache <seconds>` in their COMMENT ON FUNCTION).

The key is a hash of the tool, its canonical arguments and the caller's identity: an answer computed for one
identity can never be served to another. Only successful results are stored. Two backends:
- in-process LRU, bounded by entries and bytes (the default);
- Redis (`CACHE_URL=redis://...` or `unix:///path`), shared by several server processes; invalidation bumps a
  generation counter in Redis, so every process drops the old entries at once.
"""

from __future__ import annotations

import collections
import hashlib
import json
import time
from typing import Any


def cache_key(tool: str, arguments: Any, identity: str) -> str:
    canonical = json.dumps([tool, arguments, identity], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class MemoryCache:
    backend = "memory"

    def __init__(self, max_entries: int = 10_000, max_bytes: int = 64 * 2**20):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: collections.OrderedDict[str, tuple[float, bytes]] = collections.OrderedDict()
        self.bytes = 0
        self.evictions = 0
        self.clears = 0  # a call that began before a clear must not put its answer back (shim/pipeline.py)

    async def get(self, key: str) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        expires, value = entry
        if expires < time.monotonic():
            self._drop(key)
            return None
        self._entries.move_to_end(key)
        return value

    async def set(self, key: str, value: bytes, ttl_s: int) -> None:
        if len(value) > self.max_bytes:
            return
        if key in self._entries:
            self._drop(key)
        self._entries[key] = (time.monotonic() + ttl_s, value)
        self.bytes += len(value)
        while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
            self._drop(next(iter(self._entries)))
            self.evictions += 1

    def _drop(self, key: str) -> None:
        _, value = self._entries.pop(key)
        self.bytes -= len(value)

    async def clear(self) -> None:
        self.clears += 1
        self._entries.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    async def close(self) -> None:
        pass


class RedisCache:
    backend = "redis"

    def __init__(self, url: str, namespace: str = "mcp-cache"):
        import redis.asyncio as redis

        self.client = redis.from_url(url)
        self.namespace = namespace
        self.evictions = 0  # Redis evicts by its own maxmemory policy; not counted here
        self.bytes = 0
        self.clears = 0

    async def _prefix(self) -> str:
        generation = await self.client.get(f"{self.namespace}:generation") or b"0"
        return f"{self.namespace}:{generation.decode()}:"

    async def get(self, key: str) -> bytes | None:
        return await self.client.get(await self._prefix() + key)

    async def set(self, key: str, value: bytes, ttl_s: int) -> None:
        await self.client.set(await self._prefix() + key, value, ex=ttl_s)
        self.bytes += len(value)

    async def clear(self) -> None:
        self.clears += 1  # each process clears on its own NOTIFY: its calls in flight then keep their answers out
        await self.client.incr(f"{self.namespace}:generation")  # old keys become unreachable and expire
        self.bytes = 0

    def __len__(self) -> int:
        return 0

    async def close(self) -> None:
        await self.client.aclose()


def from_url(url: str | None, max_entries: int, max_bytes: int):
    if url:
        return RedisCache(url)
    return MemoryCache(max_entries, max_bytes)
