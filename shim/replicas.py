"""Read replicas: a read-only call goes to a streaming replica that answers and is close enough behind the primary;
every other call, and a read-only one while no replica qualifies, to the primary (a metric and a log line say why).

A replica's lag is measured against the primary's WAL position, not its own replay timestamp (that one stands still
while nothing is written, so an idle primary would make every replica look late). Every CHECK_INTERVAL_S the
monitor reads pg_current_wal_lsn() on the primary, then pg_last_wal_replay_lsn() on each replica: a replica that has
replayed the newest position is 0 s behind, otherwise behind by the age of the newest position it has replayed
(erring high by up to one interval). Identity and row-level security are the primary's: the replica is a copy of
the same database, roles and policies, and the call is the same one statement (shim/calls.py)."""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import time

import asyncpg

from shim.observability import log

CHECK_INTERVAL_S = 0.25
CHECK_TIMEOUT_S = 1.0
SAMPLES_KEPT = 240  # one minute of primary positions: a replica further behind than that is "over a minute"
PRIMARY_POSITION_SQL = "SELECT pg_catalog.pg_current_wal_lsn()::text"
REPLICA_POSITION_SQL = "SELECT pg_catalog.pg_is_in_recovery(), pg_catalog.pg_last_wal_replay_lsn()::text"


def lsn(text: str | None) -> int:
    """A pg_lsn's text (X/Y, hexadecimal) as a byte position."""
    if not text:
        return -1
    high, low = text.split("/")
    return int(high, 16) << 32 | int(low, 16)


@dataclasses.dataclass
class Replica:
    name: str  # replica0, replica1...: the metric label (URLs may hold passwords)
    url: str
    queue: object = None  # its CallQueue (shim/connections.py), set by the database
    usable: bool = False
    lag_s: float | None = None
    why_not: str = "not checked yet"
    probe: asyncpg.Connection | None = None

    def state(self) -> dict:
        lag_ms = None if self.lag_s is None else round(self.lag_s * 1000)
        return {"name": self.name, "usable": self.usable, "lag_ms": lag_ms, "why_not": self.why_not or None}


class Replicas:
    """The replicas of one server, their monitor, and the choice of one for a read-only call."""

    def __init__(self, urls: list[str], primary_url: str, max_lag_ms: int, metrics=None):
        self.replicas = [Replica(f"replica{i}", url) for i, url in enumerate(urls)]
        self.primary_url, self.max_lag_s, self.metrics = primary_url, max_lag_ms / 1000, metrics
        self._samples: collections.deque[tuple[float, int]] = collections.deque(maxlen=SAMPLES_KEPT)
        self._primary_probe: asyncpg.Connection | None = None
        self._next = 0
        self._task: asyncio.Task | None = None

    def __bool__(self) -> bool:
        return bool(self.replicas)

    async def start(self) -> None:
        """One check before serving (so a healthy replica is used from the first call), then one every interval."""
        await self.check()
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        for conn in [self._primary_probe, *(r.probe for r in self.replicas)]:
            if conn is not None:
                conn.terminate()

    def choose(self) -> Replica | None:
        """The next usable replica in turn, or None (the call then goes to the primary, counted with the reason)."""
        usable = [r for r in self.replicas if r.usable]
        if not usable:
            self.count_fallback("no replica usable")
            return None
        self._next = (self._next + 1) % len(usable)
        replica = usable[self._next]
        if self.metrics:
            self.metrics.replica_calls.labels(replica.name).inc()
        return replica

    def failed(self, replica: Replica, error: BaseException) -> None:
        """A call could not use the replica (connection refused or lost): skip it until the monitor sees it again."""
        self._set(replica, False, replica.lag_s, f"unreachable: {type(error).__name__}")

    def count_fallback(self, reason: str) -> None:
        if self.metrics:
            self.metrics.replica_fallbacks.labels(reason).inc()

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(CHECK_INTERVAL_S)
            try:
                await self.check()
            except Exception as exc:  # the monitor must outlive any one failure
                log("warning", "replica check failed", error=repr(exc))

    async def check(self) -> None:
        try:
            async with asyncio.timeout(CHECK_TIMEOUT_S):
                if self._primary_probe is None or self._primary_probe.is_closed():
                    self._primary_probe = await asyncpg.connect(self.primary_url, statement_cache_size=0)
                self._samples.append((time.monotonic(), lsn(await self._primary_probe.fetchval(PRIMARY_POSITION_SQL))))
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            # Without the primary's position the lag is unknown: the replicas are judged on the positions already
            # sampled, so their lag grows with the primary's silence and they are skipped once it passes the limit.
            if self._primary_probe is not None:
                self._primary_probe.terminate()
                self._primary_probe = None
            log("warning", "primary position unknown", error=type(exc).__name__)
        await asyncio.gather(*(self._check_one(r) for r in self.replicas))

    async def _check_one(self, replica: Replica) -> None:
        try:
            async with asyncio.timeout(CHECK_TIMEOUT_S):
                if replica.probe is None or replica.probe.is_closed():
                    replica.probe = await asyncpg.connect(replica.url, statement_cache_size=0)
                in_recovery, replayed = await replica.probe.fetchrow(REPLICA_POSITION_SQL)
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            if replica.probe is not None:
                replica.probe.terminate()
                replica.probe = None
            self._set(replica, False, None, f"unreachable: {type(exc).__name__}")
            return
        if not in_recovery:  # promoted: it no longer follows the primary the writes go to
            self._set(replica, False, None, "not in recovery (promoted?)")
            return
        lag = self.lag_of(lsn(replayed), time.monotonic())
        if lag is None or lag > self.max_lag_s:
            shown = "unknown" if lag is None else f"{lag * 1000:.0f} ms"
            self._set(replica, False, lag, f"behind the primary by {shown} (limit {self.max_lag_s * 1000:.0f} ms)")
        else:
            self._set(replica, True, lag, "")

    def lag_of(self, replayed: int, now: float) -> float | None:
        """How far behind a replica that replayed up to `replayed` is: 0 when it has the newest sampled position,
        else the age of the newest sample it has, or None when it has none of those kept."""
        if not self._samples:
            return None
        if replayed >= self._samples[-1][1]:
            return 0.0
        for sampled_at, position in reversed(self._samples):
            if replayed >= position:
                return now - sampled_at
        return None

    def _set(self, replica: Replica, usable: bool, lag: float | None, why_not: str) -> None:
        if usable != replica.usable or why_not.split(" ")[0] != replica.why_not.split(" ")[0]:  # news, not every check
            level = "info" if usable else "warning"
            log(level, "replica usable" if usable else "replica skipped", replica=replica.name, why=why_not or None)
        replica.usable, replica.lag_s, replica.why_not = usable, lag, why_not
        if self.metrics:
            self.metrics.replica_usable.labels(replica.name).set(1 if usable else 0)
            self.metrics.replica_lag.labels(replica.name).set(-1 if lag is None else lag)
