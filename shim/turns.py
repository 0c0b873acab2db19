"""Turns per key: at most `size` holders of a key at once, the others waiting in arrival order."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Hashable


class NoTurn(Exception):
    """No turn came within the wait allowed (not a timeout of what the holder then does)."""


class Turns:
    """A semaphore of `size` per key, made on first use and dropped once nobody holds or waits for it, so keys
    (identities) seen once do not stay."""

    def __init__(self, size: int = 1):
        self.size = size
        self._slots: dict[Hashable, list] = {}  # key -> [its semaphore, how many hold or wait]

    @contextlib.asynccontextmanager
    async def hold(self, key: Hashable, timeout_s: float | None = None) -> AsyncIterator[None]:
        """Wait for a turn of the key (NoTurn after timeout_s; no timer when a turn is free), then hold it."""
        slot = self._slots.setdefault(key, [asyncio.Semaphore(self.size), 0])
        slot[1] += 1
        try:
            try:
                waits = timeout_s is not None and slot[0].locked()
                async with asyncio.timeout(timeout_s) if waits else contextlib.nullcontext():
                    await slot[0].acquire()
            except TimeoutError:
                raise NoTurn(f"no turn within {timeout_s:g} s") from None
            try:
                yield
            finally:
                slot[0].release()
        finally:
            slot[1] -= 1
            if not slot[1]:
                del self._slots[key]
