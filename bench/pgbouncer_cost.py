"""What PgBouncer costs per call (SCALING.md): the one statement our server sends for a point lookup
(bench/peers/our_call.py, as the server's login), run by pgbench straight to PostgreSQL and through a PgBouncer in
transaction mode, in interleaved rounds; calls/s, and CPU µs per call of PostgreSQL and of PgBouncer.

    .venv/bin/python bench/pgbouncer_cost.py [--rounds 3] [--seconds 10] [--clients 8] [--pool-size 4]

Behind PgBouncer < 1.21 (Debian's here is 1.18) the server cannot keep prepared statements (--statement-cache-size
0), so the routes are: direct with prepared statements (what the server does without PgBouncer), direct with simple
queries, and PgBouncer with simple queries. The development database must be up (make data); PgBouncer as
`make pgbouncer` installs it."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

import devdb  # noqa: E402
from bench.peers.measure import tree_cpu  # noqa: E402
from bench.peers.our_call import pgbench_script  # noqa: E402
from bench.peers.paths import pg_bin  # noqa: E402

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"


def run(script: Path, mode: str, target: list[str], clients: int, seconds: float, pids: dict[str, int]) -> dict:
    """One pgbench run: calls/s and the CPU seconds each of `pids` (process trees) used meanwhile, per call."""
    command = [pg_bin("pgbench"), "-n", "-M", mode, "-f", str(script), "-c", str(clients), "-j", "2"]
    command += ["-T", str(round(seconds)), *target, devdb.DATABASE]
    before = {name: tree_cpu(pid) for name, pid in pids.items()}
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    after = {name: tree_cpu(pid) for name, pid in pids.items()}
    if done.returncode:
        raise SystemExit(f"pgbench failed: {done.stdout[-2000:]} {done.stderr[-2000:]}")
    tps = next(float(line.split("=")[1].split()[0]) for line in done.stdout.splitlines() if line.startswith("tps ="))
    calls = tps * seconds
    return {"calls_per_s": tps, **{name: (after[name] - before[name]) / calls * 1e6 for name in pids}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--pool-size", type=int, default=4, help="PgBouncer's server connections (default_pool_size)")
    args = parser.parse_args()
    login = devdb.server_login_url()
    socket_dir = parse_qs(urlsplit(login).query)["host"][0]
    postmaster = int((devdb.PGDATA / "postmaster.pid").read_text().split()[0])
    folder = Path(tempfile.mkdtemp(prefix="zava-pgbouncer-bench-"))
    script = folder / "call.sql"
    script.write_text(pgbench_script(login, "get_current_utc_date", SEATTLE))
    bouncer, port = devdb.start_pgbouncer(folder, socket_dir, 5432, devdb.SERVER_LOGIN, args.pool_size)
    try:
        direct = ["-h", socket_dir, "-U", devdb.SERVER_LOGIN]
        through = ["-h", "127.0.0.1", "-p", str(port), "-U", devdb.SERVER_LOGIN]
        routes = {
            "direct, prepared": ("prepared", direct),
            "direct, simple": ("simple", direct),
            "PgBouncer (transaction mode), simple": ("simple", through),
        }
        pids = {"postgres": postmaster, "pgbouncer": bouncer.pid}
        results: dict[str, list[dict]] = {name: [] for name in routes}
        for _ in range(args.rounds):
            for name, (mode, target) in routes.items():
                results[name].append(run(script, mode, target, args.clients, args.seconds, pids))
    finally:
        bouncer.terminate()
        bouncer.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC')}, {os.cpu_count()} cores, {args.rounds} rounds of {args.seconds:g} s, "
        f"{args.clients} pgbench clients, PgBouncer pool {args.pool_size}, medians\n"
    )
    print("| route | calls/s | PostgreSQL CPU µs/call | PgBouncer CPU µs/call |")
    print("|---|---:|---:|---:|")
    for name, runs in results.items():
        medians = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        bouncer_cost = f"{medians['pgbouncer']:.0f}" if "PgBouncer" in name else "-"
        print(f"| {name} | {medians['calls_per_s']:,.0f} | {medians['postgres']:.0f} | {bouncer_cost} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
