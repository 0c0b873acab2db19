"""The limit without MCP: the per-call transaction of our server, made straight through asyncpg.

    python asyncpg_driver.py URL CONCURRENCY SECONDS IDENTITY

One connection per concurrent caller (like pgbench -c), each looping over the transaction our server runs:
BEGIN READ ONLY; the identity/timeout/role set_config statement; the function; COMMIT (asyncpg prepares and
caches both statements). Prints START when the timed window opens (after connecting and 0.5 s of warm-up),
then RESULT {json} with requests, duration, p50/p99 and this process's CPU seconds over the window.
"""

import asyncio
import json
import sys
import time

import asyncpg

SETUP = (
    "SELECT pg_catalog.set_config($1, $2, true), pg_catalog.set_config('statement_timeout', $3, true), "
    "(SELECT pg_catalog.set_config('role', r, true) FROM (SELECT auth.request_role($2) AS r) AS s "
    "WHERE r IS NOT NULL)"
)
CALL = "SELECT * FROM api.get_current_utc_date() LIMIT 1001"


async def worker(url, identity, state, lat):
    conn = await asyncpg.connect(url)
    ok = bad = 0
    try:
        while True:
            t0 = time.perf_counter()
            if t0 >= state["end"]:
                break
            async with conn.transaction(readonly=True):
                setup = await conn.fetchrow(SETUP, "app.current_rls_user_id", identity, "5000ms")
                rows = await conn.fetch(CALL)
            t1 = time.perf_counter()
            if t0 >= state["start"]:
                lat.append(t1 - t0)
                if setup[2] and rows and rows[0]["latest_order_date"] is not None:
                    ok += 1
                else:
                    bad += 1
    finally:
        await conn.close()
    return ok, bad


async def main(url, concurrency, seconds, identity):
    lat: list[float] = []
    now = time.perf_counter()
    state = {"start": now + 0.5, "end": now + 0.5 + seconds}
    cpu0 = None

    async def mark():
        nonlocal cpu0
        await asyncio.sleep(max(0.0, state["start"] - time.perf_counter()))
        cpu0 = time.process_time()
        print("START", flush=True)  # the harness snapshots PostgreSQL's CPU now

    marker = asyncio.create_task(mark())
    results = await asyncio.gather(*(worker(url, identity, state, lat) for _ in range(concurrency)))
    await marker
    cpu = time.process_time() - cpu0
    lat.sort()
    n = len(lat)
    print(
        "RESULT "
        + json.dumps(
            {
                "requests": n,
                "duration_us": seconds * 1e6,
                "p50_us": lat[n // 2] * 1e6,
                "p99_us": lat[max(0, int(n * 0.99) - 1)] * 1e6,
                "max_us": lat[-1] * 1e6,
                "ok": sum(r[0] for r in results),
                "bad": sum(r[1] for r in results),
                "socket_errors": 0,
                "non2xx": 0,
                "bad_sample": None,
                "client_cpu_s": cpu,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]))
