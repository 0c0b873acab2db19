"""Measuring a cell: CPU seconds and RSS of process trees (a server, the postmaster and every backend, exited ones
included), the machine's busy CPU (foreign load), waiting for the machine or the servers to be idle, the load
generators' own CPU (reaped children), and the per-call figures of a cell from snapshots before and after it.
"""

from __future__ import annotations

import contextlib
import resource
import time

import psutil


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, its live descendants and its reaped children.

    A child reaped between reading the reaped children's times and reading its own would count nowhere (many
    backends exit at once when a server closes its connections at the end of a cell): read again until the reaped
    children's times did not move while the live children were read."""
    try:
        root = psutil.Process(pid)
        for _ in range(10):
            t = root.cpu_times()
            live = 0.0
            for child in root.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    c = child.cpu_times()
                    live += c.user + c.system
            t2 = root.cpu_times()
            if (t2.children_user, t2.children_system) == (t.children_user, t.children_system):
                break
        return t2.user + t2.system + t2.children_user + t2.children_system + live
    except psutil.Error:
        return 0.0


def tree_rss(pid: int) -> float:
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total / 2**20


def busy_cpu() -> float:
    t = psutil.cpu_times()
    return t.user + t.system + t.nice + getattr(t, "irq", 0) + getattr(t, "softirq", 0) + getattr(t, "steal", 0)


def wait_quiet(budget: list[float], threshold: float = 0.3) -> float:
    """Wait (from a shared budget of seconds) until other processes use under `threshold` of a core."""
    waited = 0.0
    while True:
        b0, t0 = busy_cpu(), time.monotonic()
        time.sleep(0.25)
        load = (busy_cpu() - b0) / (time.monotonic() - t0)
        if load < threshold or budget[0] <= 0:
            return waited
        time.sleep(0.5)
        budget[0] -= 0.75
        waited += 0.75


def drain(pids: list[int], timeout: float = 30, idle: float = 0.1) -> float:
    """Wait until the process trees of `pids` use under `idle` of a core (calls a generator left running when it
    stopped, e.g. 32 queued analytics calls, finish first); return the seconds waited."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        c0, s0 = sum(tree_cpu(pid) for pid in pids), time.monotonic()
        time.sleep(0.2)
        if (sum(tree_cpu(pid) for pid in pids) - c0) / (time.monotonic() - s0) < idle:
            break
    return time.monotonic() - t0


_RU = [0.0]


def rusage_children_delta() -> float:
    """CPU seconds of reaped children since the last call (wrk, pgbench: the generators)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = ru.ru_utime + ru.ru_stime
    delta = total - _RU[0]
    _RU[0] = total
    return delta


def backends(postmaster_pid: int) -> set[int]:
    """The postmaster's children now (backends among them)."""
    with contextlib.suppress(psutil.Error):
        return {c.pid for c in psutil.Process(postmaster_pid).children()}
    return set()


def snapshot(
    postmaster_pid: int, server_pid: int | None, settle: set[int] | None = None
) -> tuple[float, float, float, float]:
    """(time, server tree CPU, PostgreSQL CPU, machine busy CPU).

    With `settle` (the postmaster's children before the cell), first wait until the backends the cell's client
    opened are gone: an exited backend's CPU reaches the postmaster's children times only once it is reaped.
    """
    if settle is not None:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and backends(postmaster_pid) - settle:
            time.sleep(0.01)
    return (
        time.monotonic(),
        tree_cpu(server_pid) if server_pid else 0.0,
        tree_cpu(postmaster_pid),
        busy_cpu(),
    )


def finish(result: dict, before, after, server_pid, gen_cpu: float, app_cpu: float | None = None) -> dict:
    """A generator's result (requests, duration_us, p50_us, p99_us, ok, bad...) with the per-call figures of the
    cell added, from the snapshots before and after it; `app_cpu` replaces the server's CPU where the generator is
    the application (the asyncpg driver)."""
    if not result["requests"]:
        raise RuntimeError(f"no call completed within the cell (bad {result.get('bad')}): make --seconds longer")
    calls = result["requests"]
    server_cpu = (after[1] - before[1] if server_pid else None) if app_cpu is None else app_cpu
    pg_cpu = after[2] - before[2]
    measured = (server_cpu or 0.0) + pg_cpu + gen_cpu
    result.update(
        {
            "calls_per_s": result["requests"] / (result["duration_us"] / 1e6),
            "p50_ms": result["p50_us"] / 1000,
            "p99_ms": result["p99_us"] / 1000,
            "server_cpu_us": server_cpu / calls * 1e6 if server_cpu is not None else None,
            "other_cpu_pct": 100 * max(0.0, (after[3] - before[3]) - measured) / max(after[0] - before[0], 1e-9),
            "pg_cpu_us": pg_cpu / calls * 1e6,
            "gen_cpu_us": gen_cpu / calls * 1e6,
            "other_cpu_s": max(0.0, (after[3] - before[3]) - measured),
            "wall_s": after[0] - before[0],
            "rss_mb": tree_rss(server_pid) if server_pid else None,
        }
    )
    return result
