"""The limit without MCP: the one statement our server sends per call, made straight through asyncpg.

    python asyncpg_driver.py URL CONCURRENCY SECONDS IDENTITY TOOL

One connection per concurrent caller (like pgbench -c), each looping over the statement our server sends for a call
of TOOL without arguments (built by the server's own code, see our_call.py; asyncpg prepares and caches it). Prints
START when the timed window opens (after connecting and 0.5 s of warm-up),
then RESULT {json} with requests, duration, p50/p99 and this process's CPU seconds over the window.
"""

import asyncio
import json
import sys
import time

import asyncpg
from our_call import our_call_async


async def worker(url, identity, state, lat, dispatch, call, read_only):
    conn = await asyncpg.connect(url)
    ok = bad = 0
    try:
        while True:
            t0 = time.perf_counter()
            if t0 >= state["end"]:
                break
            row = await conn.fetchrow(dispatch, "app.current_rls_user_id", identity, call, [], read_only)
            t1 = time.perf_counter()
            if t0 >= state["start"]:
                lat.append(t1 - t0)
                if row and row[2] == 1 and '"latest_order_date":"' in row[0]:
                    ok += 1
                else:
                    bad += 1
    finally:
        await conn.close()
    return ok, bad


async def main(url, concurrency, seconds, identity, tool):
    dispatch, call, read_only = await our_call_async(url, tool)
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
    results = await asyncio.gather(
        *(worker(url, identity, state, lat, dispatch, call, read_only) for _ in range(concurrency))
    )
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
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]))
