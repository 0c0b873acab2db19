"""The pool's connections for calls: who waits, and which connection a call gets.

CallQueue serves callers in arrival order, each identity within its limit. RoleAffinity picks the connection: one
whose last call ran as the caller's role where one is idle, because PostgreSQL plans a statement that row-level
security shapes for the role that runs it, and plans it again, with every such plan inside the tool's functions,
when the next call on the connection runs as another role (measured with pgbench on the point lookup: one role
136-156 µs of PostgreSQL CPU a call, three roles alternating 225-250).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import time
from collections.abc import Callable

import asyncpg

from shim import sdk_adapter
from shim.config import Settings
from shim.errors import RETRY_HINT, ToolError
from shim.observability import log
from shim.turns import Turns

CONNECTION_ERRORS = (
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.PostgresConnectionError,
    asyncpg.InternalClientError,  # "cannot switch to state ...": a connection its backend was ended under
    ConnectionError,
    OSError,
)
WAIT_FOR_ROLE = object()  # RoleAffinity.choose: wait for a connection a call of the caller's role releases
RELEASE_TIMEOUT_S = 1.0  # a cancelled statement gets this long to end before its connection is dropped
ROLES_REMEMBERED = 10_000  # identities whose last role picks their connection (least recently seen forgotten)
# A kept connection idle this long is taken by a call of any role rather than that call waiting for its own role's:
# its role has not needed it for many calls' time (a call of the realistic mix takes ~6 ms), so traffic moved to other
# roles, and waiting would leave it idle while its new role's calls queue behind each other. At 0.1 s the realistic
# mix already took other roles' connections ten times as often (~100 calls in 20 s instead of ~10; PostgreSQL +5% a
# call): a role with few callers leaves its connection idle that long between calls.
IDLE_FOR_ANY_ROLE_S = 1.0
# The longest a call waits for a connection of its role before it takes another role's: a re-plan costs a few ms, a
# call of the realistic mix ~6 ms, but an ad-hoc call up to the statement timeout, and one store manager's eight such
# calls had every other store manager wait the pool's whole 5 s and fail SERVER_BUSY while head office's connections
# went idle between calls (an outside probe).
ROLE_WAIT_S = 0.5


class RoleAffinity:
    """Idle connections tagged with the role their last call ran as (the dispatch statement returns it), and the
    choice of one for a call: a kept connection of its identity's last role, else a new one while the pool has
    room, else one that a running call of its role will release (while more of them run than calls wait for them),
    else one of no role yet, else the least recently kept; it takes the least recently kept at once instead of
    waiting when that one has been idle for IDLE_FOR_ANY_ROLE_S, and after waiting ROLE_WAIT_S. Waiting costs the
    caller about one call's time; not waiting cost the database a re-plan of the tool (the realistic mix at 8 clients
    on 10 connections: 13% of calls on another role's connection without the wait). The role only picks a
    connection: each call still asks the database for its identity's role."""

    def __init__(self, on_kept: Callable[[], None]):
        self.on_kept = on_kept  # a connection was kept idle (the queue sweeps idle ones)
        self.kept: list[tuple[asyncpg.Connection, str | None, float]] = []  # (idle connection, last role, since)
        self.roles: collections.OrderedDict[str, str] = collections.OrderedDict()  # identity -> role, most recent
        self.running: dict[asyncpg.Connection, str | None] = {}  # connection in a call -> the role it will run as
        self.busy: collections.Counter[str | None] = collections.Counter()  # role -> its connections in calls
        self.waiters: dict[str, collections.deque[asyncio.Future]] = {}  # role -> callers waiting for one of its
        self.choices: collections.Counter[str] = collections.Counter()  # how calls got theirs, by kind

    def choose(self, identity: str | None, room: bool, may_wait: bool = True) -> asyncpg.Connection | object | None:
        """A kept connection, None to open one (`room`: the pool has some), or WAIT_FOR_ROLE (unless it waited
        already: `may_wait` false). An identity seen for the first time gets one of no known role, else the most
        recently used. Synchronous: nothing runs between the choice and the taking."""
        role, kept = self.roles.get(identity), self.kept

        def last_kept(tag: str | None) -> int | None:
            return next((i for i in range(len(kept) - 1, -1, -1) if kept[i][1] == tag), None)

        if role is not None:
            pick = last_kept(role)
            if pick is not None:
                self.choices["same role"] += 1
                return kept.pop(pick)[0]
            if room:
                self.choices["new connection"] += 1
                return None
            long_idle = kept and time.monotonic() - kept[0][2] >= IDLE_FOR_ANY_ROLE_S  # kept[0]: kept the longest
            if may_wait and self.busy[role] > len(self.waiters.get(role, ())) and not long_idle:
                self.choices["waited for its role"] += 1
                return WAIT_FOR_ROLE
        untagged = last_kept(None)
        if untagged is not None:
            self.choices["no role yet"] += 1
            return kept.pop(untagged)[0]
        if not kept:
            self.choices["new connection"] += 1
            return None
        self.choices["other role"] += 1  # the least recently used: its role went longest without a call
        return kept.pop(0 if role is not None else -1)[0]

    def ready(self, identity: str | None) -> bool:
        """Whether choose() would hand over a kept connection (of the identity's last role, if it has one) at once."""
        role = self.roles.get(identity)
        return any(tag == role for _, tag, _ in self.kept) if role is not None else bool(self.kept)

    async def wait(self, identity: str) -> asyncpg.Connection | None:
        """The next connection a call of the identity's role releases, or None to choose again when fewer calls of
        the role run than wait (a connection dropped, a call that ran as another role). A caller handed one as its
        wait ends otherwise (its deadline) keeps it for the next."""
        role = self.roles[identity]
        waiter = asyncio.get_running_loop().create_future()
        waiters = self.waiters.setdefault(role, collections.deque())
        waiters.append(waiter)
        try:
            return await waiter
        except BaseException:
            if waiter.done() and not waiter.cancelled() and waiter.result() is not None:
                self.keep(waiter.result(), role)
            elif waiter in waiters:
                waiters.remove(waiter)
            raise

    def started(self, conn: asyncpg.Connection, identity: str | None) -> None:
        self.running[conn] = role = self.roles.get(identity) if identity is not None else None
        self.busy[role] += 1

    def finished(self, conn: asyncpg.Connection, identity: str | None, role: str | None) -> str | None:
        """A call ended; `role` is what it ran as, when it finished. Returns the role the call was counted under."""
        if identity is not None and role is not None:
            self.roles[identity] = role
            self.roles.move_to_end(identity)
            if len(self.roles) > ROLES_REMEMBERED:
                self.roles.popitem(last=False)
        counted = self.running.pop(conn, None)
        self.busy[counted] -= 1
        return counted

    def release_surplus(self, role: str | None) -> None:
        """Waiters beyond the calls of their role still running choose again: nobody will hand them one."""
        waiters = self.waiters.get(role, ())
        while len(waiters) > self.busy[role]:
            waiter = waiters.pop()
            if not waiter.done():
                waiter.set_result(None)

    def keep(self, conn: asyncpg.Connection, role: str | None) -> None:
        """An idle connection to the first caller waiting for its role, else kept for the next call."""
        waiters = self.waiters.get(role)
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(conn)
                return
        self.kept.append((conn, role, time.monotonic()))
        self.on_kept()

    def take_idle(self, idle_s: float) -> list[asyncpg.Connection]:
        """The connections kept for at least idle_s (all of them for 0), no longer kept."""
        now, stale, fresh = time.monotonic(), [], []
        for kept in self.kept:
            (stale if now - kept[2] >= idle_s else fresh).append(kept)
        self.kept = fresh
        return [conn for conn, _, _ in stale]


class CallQueue:
    """Callers served in arrival order, each identity within its limit, each on a connection RoleAffinity picks.
    A finished call's connection is kept here instead of going back to asyncpg's pool, whose LIFO queue cannot
    hand out a chosen connection; connections kept idle for pool_idle_s are closed, and a connection that is not
    idle after its call never stays."""

    def __init__(self, pool: asyncpg.Pool, settings: Settings):
        self.pool, self.settings = pool, settings
        self.size, self.per_identity = pool.get_max_size(), settings.calls_per_identity
        self.queue = asyncio.Semaphore(self.size)  # callers waiting for a connection, in arrival order
        self.affinity = RoleAffinity(on_kept=self._sweep_soon)
        self._identities = Turns(self.per_identity)  # per identity: its calls running, then those waiting
        self._taken = 0  # connections taken from the pool: in use, kept, or being opened
        self._sweeper: asyncio.Task | None = None
        self._closed = False  # closing: connections go back to the pool, which waits for them
        self.in_use = 0  # connections handed to calls
        self.waiting = 0  # calls waiting for one

    @property
    def choices(self) -> collections.Counter[str]:
        """How calls got their connection: same role, new connection, waited for its role, no role yet, other role."""
        return self.affinity.choices

    async def connect(self, identity: str) -> asyncpg.Connection:
        """acquire(), retried when a connection could not be opened: nothing was sent yet."""
        for attempt in range(1 + self.settings.connect_retries):
            try:
                return await self.acquire(identity)
            except (*CONNECTION_ERRORS, asyncpg.PostgresError) as exc:  # opening one: the database refused it
                if attempt == self.settings.connect_retries:
                    raise ToolError(
                        "DATABASE_UNAVAILABLE",
                        "the database connection failed",
                        detail=f"{type(exc).__name__}: {exc}",
                        hint=RETRY_HINT,
                    ) from None
                await asyncio.sleep(0.1 * 3**attempt)
        raise AssertionError("unreachable")

    async def acquire(self, identity: str | None = None, patient: bool = False) -> asyncpg.Connection:
        """A connection, callers served in the order they came, at most calls_per_identity at once per identity.
        asyncpg's pool alone is not fair: a released connection wakes the longest waiter, but a caller arriving
        before that waiter runs takes it, and the waiter queues again at the back (measured at 32 clients on a pool
        of 10: p99 62 ms at a p50 of 11 ms). A FIFO semaphore the size of the pool is the queue; below it there is
        then always a kept connection or room in the pool. In front of it each identity has a semaphore of its own,
        so one caller cannot hold every connection. One deadline (pool_timeout_s; none for a patient caller) covers
        all three; asyncio.timeout rather than acquire(timeout=), which runs every acquire in a task."""
        limit = self.per_identity
        own = identity is not None and limit < self.size
        semaphore = self._identities.enter(identity) if own else None
        held: list[asyncio.Semaphore] = []
        self.waiting += 1
        # Nothing to wait for (no queue, a kept connection of its role): no timer is armed, which cost ~3% of a
        # fast-path call's server CPU. Nothing suspends below then, so what was checked still holds.
        at_once = not self.queue.locked() and not (own and semaphore.locked()) and self.affinity.ready(identity)
        try:
            async with (
                contextlib.nullcontext() if patient or at_once else asyncio.timeout(self.settings.pool_timeout_s)
            ):
                if own:
                    await semaphore.acquire()
                    held.append(semaphore)
                await self.queue.acquire()
                held.append(self.queue)
                conn = await self._choose(identity)
        except BaseException as exc:
            self._free(identity if own else None, held)
            if not isinstance(exc, TimeoutError):
                raise
            if own and not held:
                raise ToolError(
                    "SERVER_BUSY",
                    f"too many concurrent calls for this identity (the limit is {limit})",
                    hint="wait for your running calls to finish, or run fewer at once",
                ) from None
            hint = "retry shortly; the server is at its connection limit"
            raise ToolError("SERVER_BUSY", "no database connection became free in time", hint=hint) from None
        finally:
            self.waiting -= 1
        self.in_use += 1
        self.affinity.started(conn, identity)
        return conn

    async def _choose(self, identity: str | None) -> asyncpg.Connection:
        conn, may_wait = WAIT_FOR_ROLE, True
        while conn is WAIT_FOR_ROLE:  # a waiter handed None (its role's connection lost) chooses again
            conn = self.affinity.choose(identity, room=self._taken < self.size, may_wait=may_wait)
            if conn is WAIT_FOR_ROLE:
                try:
                    async with asyncio.timeout(ROLE_WAIT_S):
                        conn = await self.affinity.wait(identity) or WAIT_FOR_ROLE
                except TimeoutError:  # its role's calls run long: any role's connection now
                    conn, may_wait = WAIT_FOR_ROLE, False
            elif conn is not None and gone(conn):  # its backend ended while it was kept (pg_terminate_backend)
                await self._give_back(conn)
                conn = WAIT_FOR_ROLE
        if conn is not None:
            return conn
        self._taken += 1
        try:
            return await self.pool.acquire()
        except BaseException:
            self._taken -= 1
            raise

    def _free(self, own_identity: str | None, held: list[asyncio.Semaphore]) -> None:
        """Release what was held; own_identity: the identity counted in at acquire (None when no limit applied)."""
        for semaphore in reversed(held):
            semaphore.release()
        if own_identity is not None:
            self._identities.leave(own_identity)

    async def release(self, conn: asyncpg.Connection, identity: str | None = None, role: str | None = None) -> None:
        """Kept for the next call when it is idle, else back to the pool (which resets it); then the next caller in
        line is let through (it finds the connection kept, or room in the pool). A release to the pool that fails
        or takes too long (a cancel PostgreSQL does not honour) drops the connection; the caller's answer stands
        either way. `role`: the role the call ran as, when it finished."""
        counted = self.affinity.finished(conn, identity, role)
        try:
            if self._closed or gone(conn) or conn.is_in_transaction() or sdk_adapter.cancel_in_flight(conn):
                await self._give_back(conn)
            else:
                self.affinity.keep(conn, role or self.affinity.roles.get(identity))
        finally:
            self.in_use -= 1
            self.affinity.release_surplus(counted)
            semaphore = self._identities.semaphore(identity) if identity is not None else None
            self._free(identity if semaphore else None, [semaphore, self.queue] if semaphore else [self.queue])

    async def _give_back(self, conn: asyncpg.Connection) -> None:
        try:
            await self.pool.release(conn, timeout=RELEASE_TIMEOUT_S)
        except Exception as exc:
            conn.terminate()
            log("warning", "connection dropped on release", error=repr(exc))
        finally:
            self._taken -= 1

    def _sweep_soon(self) -> None:
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = asyncio.create_task(self._sweep())

    async def _sweep(self) -> None:
        """While connections are kept: those idle for pool_idle_s are closed (and their place in the pool freed),
        as the pool would have closed them."""
        idle_s = self.settings.pool_idle_s
        while self.affinity.kept:
            await asyncio.sleep(max(0.05, min(idle_s, 60) / 4))
            for conn in self.affinity.take_idle(idle_s):
                conn.terminate()
                await self._give_back(conn)

    async def close(self) -> None:
        """Every kept connection back to the pool (before the pool closes), and any call still running gives its
        back when it ends."""
        self._closed = True
        if self._sweeper is not None:
            self._sweeper.cancel()
            await asyncio.gather(self._sweeper, return_exceptions=True)
        for conn in self.affinity.take_idle(0):
            await self._give_back(conn)


def gone(conn: asyncpg.Connection) -> bool:
    """Closed, or no longer ours: asyncpg hands a terminated or lost connection back to its pool at once and its
    proxy then refuses every use."""
    try:
        return conn.is_closed()
    except asyncpg.InterfaceError:
        return True
