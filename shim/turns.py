"""Turns per key: at most `size` holders of a key at once, the others waiting in arrival order. hold() is the whole
turn; enter() and leave() are for a holder whose acquire and release are apart (shim/connections.py CallQueue)."""

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

    def enter(self, key: Hashable) -> asyncio.Semaphore:
        """The key's semaphore, counting one more holder or waiter of it until leave(key)."""
        slot = self._slots.setdefault(key, [asyncio.Semaphore(self.size), 0])
        slot[1] += 1
        return slot[0]

    def leave(self, key: Hashable) -> None:
        slot = self._slots[key]
        slot[1] -= 1
        if not slot[1]:  # nobody holds or waits for it
            del self._slots[key]

    def semaphore(self, key: Hashable) -> asyncio.Semaphore | None:
        """The key's semaphore while someone holds or waits for it, else None."""
        slot = self._slots.get(key)
        return None if slot is None else slot[0]

    @contextlib.asynccontextmanager
    async def hold(self, key: Hashable, timeout_s: float | None = None) -> AsyncIterator[None]:
        """Wait for a turn of the key (NoTurn after timeout_s; no timer when a turn is free), then hold it."""
        semaphore = self.enter(key)
        try:
            try:
                waits = timeout_s is not None and semaphore.locked()
                async with asyncio.timeout(timeout_s) if waits else contextlib.nullcontext():
                    await semaphore.acquire()
            except TimeoutError:
                raise NoTurn(f"no turn within {timeout_s:g} s") from None
            try:
                yield
            finally:
                semaphore.release()
        finally:
            self.leave(key)
