"""The limit without MCP: the one statement our server sends per call, made straight through asyncpg.

    python -m bench.peers.asyncpg_driver URL CONCURRENCY SECONDS IDENTITY TOOL [ARGUMENTS_JSON EXPECT]

(from the repository root, as the harness runs it).

One connection per concurrent caller (like pgbench -c), each looping over the statement our server sends for a call
of TOOL with ARGUMENTS_JSON (default: no arguments; built by the server's own code, see our_call.py; asyncpg
prepares and caches it). A result is good when it has at least one row and its JSON contains EXPECT (default: the
point lookup's "latest_order_date"). Prints START when the timed window opens (after connecting and 0.5 s of
warm-up), then RESULT {json} with requests, duration, p50/p99 and this process's CPU seconds over the window.
"""

import asyncio
import json
import sys
import time

import asyncpg

from bench.peers.our_call import our_call_async


async def worker(url, identity, state, lat, dispatch, call, values, read_only, expect):
    conn = await asyncpg.connect(url)
    ok = bad = 0
    try:
        while True:
            t0 = time.perf_counter()
            if t0 >= state["end"]:
                break
            row = await conn.fetchrow(dispatch, identity, call, values, read_only)
            t1 = time.perf_counter()
            if t0 >= state["start"]:
                lat.append(t1 - t0)
                if row and row[2] >= 1 and expect in row[0]:
                    ok += 1
                else:
                    bad += 1
    finally:
        await conn.close()
    return ok, bad


async def main(url, concurrency, seconds, identity, tool, arguments, expect):
    dispatch, call, values, read_only = await our_call_async(url, tool, arguments)
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
        *(worker(url, identity, state, lat, dispatch, call, values, read_only, expect) for _ in range(concurrency))
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
    argv = sys.argv[1:]
    arguments = json.loads(argv[5]) if len(argv) > 5 else {}
    expect = argv[6] if len(argv) > 6 else '"latest_order_date":"'
    asyncio.run(main(argv[0], int(argv[1]), float(argv[2]), argv[3], argv[4], arguments, expect))
