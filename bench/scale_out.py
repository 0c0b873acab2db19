"""The realistic mix past one process (issue 20): the same wrk mix as bench/load.py, uncached, against one server
process, two (--workers 2), and each of those with read-only calls served by a streaming replica, for the realistic
mix (bound by PostgreSQL's CPU) and the point lookup alone (bound by the server's), in interleaved rounds of one run,
so that every row saw the same machine.

    .venv/bin/python bench/scale_out.py [--rounds 2] [--seconds 20] [--clients 8]

Every configuration speaks 2026-07-28 (no handshake, no session: the lean path in one process and in several
alike; 2025-06-18 without a session takes the SDK's path). Prints a Markdown table of the medians over the rounds
and the JSON lines it came from; BENCHMARKS.md quotes it. On this machine everything shares two cores: a replica
here costs CPU and adds none, which is what the table shows; on its own host it adds a machine's worth."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIXES = {  # name: bench/load.py arguments
    "realistic mix": [],  # PostgreSQL-bound: analytics and search cost milliseconds of database CPU per call
    "point lookup": ["--only", "get_current_utc_date"],  # server-bound: what more processes buy
}
CONFIGS = {  # name: bench/load.py arguments
    "1 process": ["--workers", "1", "--stateless"],
    "2 processes": ["--workers", "2"],
    "1 process + replica": ["--workers", "1", "--stateless", "--replica"],
    "2 processes + replica": ["--workers", "2", "--replica"],
}


def measure(config: list[str], clients: int, seconds: float, warmup: float) -> dict:
    """One bench/load.py run (its own server, and replica where asked), its JSON line."""
    command = [sys.executable, str(ROOT / "bench" / "load.py"), "--driver", "wrk", "--uncached"]
    command += ["--protocol", "2026-07-28", "--clients", str(clients), "--seconds", str(seconds)]
    command += ["--warmup", str(warmup), *config]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + warmup + 300, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def row(name: str, runs: list[dict], baseline: float) -> str:
    def median(key, part=None):
        return statistics.median(r[key][part] if part else r[key] for r in runs)

    calls = median("calls_per_s")
    cpu = {
        part: statistics.median(r["cpu_pct_of_a_core"].get(part, 0) for r in runs)
        for part in runs[0]["cpu_pct_of_a_core"]
    }
    split = ", ".join(f"{part} {round(pct)}" for part, pct in cpu.items() if pct)
    errors = sum(r["outcomes"]["not OK"] + r["outcomes"]["socket errors"] for r in runs)
    cells = [
        name,
        f"{calls:,.0f}",
        f"{calls / baseline:.2f}",
        f"{median('p50_ms'):.1f}",
        f"{median('p99_ms'):.1f}",
        f"{median('cpu_us_per_call', 'server'):,.0f}",
        f"{median('cpu_us_per_call', 'postgres'):,.0f}",
        split,
        str(errors),
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    started, load_start = time.time(), os.getloadavg()
    cells = [(mix, config) for mix in MIXES for config in CONFIGS]
    results: dict[tuple[str, str], list[dict]] = {cell: [] for cell in cells}
    for round_number in range(args.rounds):
        for mix, config in cells:
            result = measure(MIXES[mix] + CONFIGS[config], args.clients, args.seconds, args.warmup)
            results[mix, config].append(result)
            print(f"round {round_number + 1}, {mix}, {config}: {json.dumps(result)}", flush=True)
    print(
        f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}, {os.cpu_count()} cores, "
        f"{args.rounds} rounds of {args.seconds:g} s at {args.clients} clients (after {args.warmup:g} s of warm-up), "
        f"load average {load_start[0]:.2f} at start, {os.getloadavg()[0]:.2f} at end"
    )
    for mix in MIXES:
        baseline = statistics.median(r["calls_per_s"] for r in results[mix, "1 process"])
        print(
            f"\n{mix}\n\n| configuration | calls/s | vs 1 process | p50 ms | p99 ms | server CPU µs/call "
            "| PG CPU µs/call | CPU, % of a core | errors |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---|---:|")
        for config in CONFIGS:
            print(row(config, results[mix, config], baseline))
    return 0


if __name__ == "__main__":
    sys.exit(main())
