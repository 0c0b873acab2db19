"""RESULTS.md: the run's header (command, machine, versions, data, load, method), then per workload its table, its
configurations and its targets or ratios, then the notes. Also what the header reports about the machine, the
versions and the data, and the medians of the rounds."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from pathlib import Path

import psutil

from bench.peers.configs import Config
from bench.peers.paths import REFPG, REFPG_VERSION, TOOLBOX, pg_bin
from bench.peers.peerdb import PeerDB
from bench.peers.workloads import POOL, Workload

GENERAL_NOTES = (
    "Our server runs with its defaults (offline embedder loaded at start, which is in its RSS; pool max "
    f"{POOL}); the Toolbox source sets `pool_max_conns={POOL}` (its default would be max(4, cores)).",
    "stdio cells start a fresh server each time (start-up is excluded: the driver does the handshake and a "
    "0.5 s warm-up before the timed window); HTTP servers stay up for the whole run and get a fresh MCP session "
    "per cell (closed with DELETE after it).",
    "All database traffic is TCP to 127.0.0.1 (the development database listens on a Unix socket only; Toolbox "
    "needs TCP, so this cluster listens on both); `ours-http-unix` is our server on the Unix socket instead.",
)
MEDIAN_FIELDS = (
    "calls_per_s",
    "p50_ms",
    "p99_ms",
    "server_cpu_us",
    "pg_cpu_us",
    "gen_cpu_us",
    "rss_mb",
    "other_cpu_pct",
)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=0):
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def machine() -> dict:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def data_size(db: PeerDB) -> dict[str, int]:
    """Rows per table of the copy the run works on (make seed: SCALE=small by default, SCALE=full ~25x)."""
    tables = ("stores", "customers", "products", "orders", "order_items")
    out = subprocess.run(
        [pg_bin("psql"), "-XAtq", "-v", "ON_ERROR_STOP=1", db.url("postgres")],
        input="SELECT " + ", ".join(f"(SELECT count(*) FROM retail.{t})" for t in tables) + ";\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return dict(zip(tables, map(int, out.split("|")), strict=True))


def versions() -> dict:
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip().splitlines()[0]
        except Exception as exc:
            return f"unavailable ({exc})"

    from importlib.metadata import version

    import mcp  # noqa: F401

    return {
        "postgres": out([pg_bin("postgres"), "--version"]),
        "wrk": out(["sh", "-c", "wrk -v 2>&1"]),
        "toolbox": out([str(TOOLBOX), "--version"]),
        "server-postgres": REFPG_VERSION if REFPG.exists() else "not installed",
        "node": out(["node", "--version"]),
        "mcp (python)": version("mcp"),
        "asyncpg": version("asyncpg"),
        "uvicorn": version("uvicorn"),
    }


def medians(raw: dict) -> dict:
    """{(configuration, concurrency): the medians of its rounds} for one workload's raw results."""
    med: dict = {}
    for (key, conc), runs in raw.items():
        m = {f: median([r[f] for r in runs]) for f in MEDIAN_FIELDS}
        m["rounds"] = len(runs)
        m["bad"] = sum(r["bad"] + r["socket_errors"] + r["non2xx"] for r in runs)
        m["ok"] = sum(r["ok"] for r in runs)
        m["spread"] = (
            (max(r["calls_per_s"] for r in runs) - min(r["calls_per_s"] for r in runs)) / m["calls_per_s"]
            if len(runs) > 1 and m["calls_per_s"]
            else None
        )
        med[(key, conc)] = m
    return med


def report(
    args, workloads: list[Workload], configs: dict[str, list[Config]], raw: dict, meta: dict, notes: list[str]
) -> str:
    """RESULTS.md: one header, then per workload its table, its configurations and its targets or ratios.

    With the point lookup alone the layout is the one it always had (one table, `##` sections)."""
    single = len(workloads) == 1
    lines: list[str] = []
    w = lines.append
    header(w, args, workloads, meta)
    sub = "##" if single else "###"
    for wl in workloads:
        if not single:
            w(f"## {wl.title}")
            w("")
            w(wl.summary)
            w("")
        workload_section(w, args, wl, configs[wl.key], medians(raw.get(wl.key, {})), sub)
    if notes:
        w("## Notes")
        w("")
        for n in notes:
            w(f"- {n}")
        w("")
    return "\n".join(lines)


def header(w, args, workloads: list[Workload], meta: dict) -> None:
    single = len(workloads) == 1
    if single:
        w(f"# Peer benchmark: {workloads[0].title}")
    else:
        w("# Peer benchmark: " + "; ".join(wl.title for wl in workloads))
    w("")
    w(f"- **Command**: `{meta['command']}`")
    w(f"- **Date**: {meta['date']} (total {meta['total_s']:.0f} s)")
    m = meta["machine"]
    w(
        f"- **Machine**: {m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GiB, Linux {m['kernel']}, "
        f"Python {m['python']}"
    )
    w("- **Versions**: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()))
    w("- **Data**: " + ", ".join(f"{n:,} {table}" for table, n in meta["data"].items()))
    w(
        f"- **Load average** at start {meta['load_start']}, at end {meta['load_end']}; CPU used by other processes "
        f"during the cells: median {meta['other_cpu_median']:.0%}, max {meta['other_cpu_max']:.0%} of one core "
        "(anything well above 0 is foreign load and makes the figures pessimistic); "
        f"{meta['quiet_waited_s']:.0f} s spent waiting for foreign load to drop before cells"
    )
    w(
        f"- **Method**: {args.rounds} interleaved rounds of {args.seconds:g} s per cell (configuration x concurrency), "
        "medians of the rounds; one database (a copy of the development database in a throw-away PostgreSQL on "
        f"127.0.0.1, Toolbox needs TCP); connection pools of {POOL} for every server. Calls/s and latency from wrk "
        "(HTTP, `mcp_call.lua`), `stdio_driver.c` (stdio), pgbench's per-transaction log and the asyncpg driver. "
        "CPU µs/call: the server process (for asyncpg-txn: the driver) and all PostgreSQL processes over the cell; "
        "the generator's own CPU is shown apart; *other CPU %*: CPU used by anything else on the machine "
        "during the cell (100 = one core; foreign load makes the row pessimistic). *spread*: (max - min) ÷ median "
        "of the rounds' calls/s. RSS: the server process after the cell. Every cell checked every response (`bad` "
        "counts failures); before each HTTP cell one httpx call was checked to be a successful tool result."
    )
    w(
        "- **Ratio**: calls/s of the row ÷ calls/s of the row named in *vs* at the same concurrency, medians of the "
        "same run (limits and peers above 1 are faster than ours)."
    )
    if single and workloads[0].key != "point":
        w(f"- **Workload**: {workloads[0].summary}")
    w("")


def workload_section(w, args, wl: Workload, configs: list[Config], med: dict, sub: str) -> None:
    results_table(w, args, configs, med)
    w("Configurations:")
    w("")
    for cfg in configs:
        if any((cfg.key, c) in med for c in args.concurrency):
            w(f"- `{cfg.key}`: {cfg.label}")
    w("")
    w(f"{sub} {wl.targets_title}")
    w("")
    targets(w, wl, med)
    w("")


def results_table(w, args, configs: list[Config], med: dict) -> None:
    w(
        "| config | transport | c | calls/s | p50 ms | p99 ms | server CPU µs/call | PG CPU µs/call | "
        "gen CPU µs/call | RSS MB | vs | ratio | p99 ratio | spread | other CPU % | bad |"
    )
    w("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for cfg in configs:
        for conc in args.concurrency:
            r = med.get((cfg.key, conc))
            if r is None:
                continue
            base = med.get((cfg.baseline, conc)) if cfg.baseline else None
            ratio = r["calls_per_s"] / base["calls_per_s"] if base and base["calls_per_s"] else None
            p99r = r["p99_ms"] / base["p99_ms"] if base and base["p99_ms"] else None
            w(
                f"| {cfg.key} | {cfg.transport} | {conc} | {fmt(r['calls_per_s'])} | {fmt(r['p50_ms'], 2)} | "
                f"{fmt(r['p99_ms'], 2)} | {fmt(r['server_cpu_us'])} | {fmt(r['pg_cpu_us'])} | {fmt(r['gen_cpu_us'])} | "
                f"{fmt(r['rss_mb'], 0)} | {cfg.baseline or '-'} | {fmt(ratio, 2) if ratio else '-'} | "
                f"{fmt(p99r, 2) if p99r else '-'} | "
                f"{fmt(r['spread'] * 100) + '%' if r['spread'] is not None else '-'} | {fmt(r['other_cpu_pct'])} | "
                f"{r['bad']} |"
            )
    w("")


def targets(w, wl: Workload, med: dict) -> None:
    """The workload's ratios (with their targets, if set), ours against Toolbox at c=32, the generator's headroom."""

    def ratio(a, b, conc):
        x, y = med.get((a, conc)), med.get((b, conc))
        if not x or not y or not y["calls_per_s"]:
            return None
        return x["calls_per_s"] / y["calls_per_s"]

    for text, a, b, conc, target in wl.targets:
        value = ratio(a, b, conc)
        if value is None:
            w(f"- {text}: not measured")
        elif target is None:
            w(f"- {text}: **{value:.2f}**")
        else:
            w(f"- {text}: **{value:.2f}** (target ≥ {target:g}) {'met' if value >= target else 'MISSED'}")
    a, b = med.get(("ours-http", 32)), med.get(("toolbox-http", 32))
    if a and b:
        if wl.key == "point":
            w(
                f"- p99 at c=32, ours HTTP {a['p99_ms']:.2f} ms vs Toolbox {b['p99_ms']:.2f} ms (target: no worse) "
                f"{'met' if a['p99_ms'] <= b['p99_ms'] else 'MISSED'}"
            )
        else:
            w(f"- p99 at c=32, ours HTTP {a['p99_ms']:.2f} ms vs Toolbox {b['p99_ms']:.2f} ms")
    if wl.key == "search":
        w(
            "- Peers: not comparable. Toolbox, server-postgres and the sample architecture cannot embed text, so "
            "they have no way to answer this call; they were not run."
        )
    ceiling = max((med[(k, c)]["calls_per_s"] for (k, c) in med if k == "wrk-ceiling"), default=None)
    top = max((v["calls_per_s"] for (k, c), v in med.items() if k.endswith(("-http", "-http-2026"))), default=None)
    if ceiling and top:
        w(
            f"- Generator headroom: wrk reached {ceiling:,.0f} requests/s against Toolbox's `/`; the fastest MCP "
            f"configuration ran {top:,.0f} calls/s ({top / ceiling:.0%} of the ceiling, on the same 2 cores)."
        )


def all_notes(notes: list[str], workloads: list[Workload], drained_s: float) -> list[str]:
    """The notes of the report: the run's own (helpers missing, failed cells), the workloads', the general ones."""
    point_only = [wl.key for wl in workloads] == ["point"]
    workload_notes = [
        (n if point_only or wl.key != "point" else f"Point lookup: {n}") for wl in workloads for n in wl.notes
    ]
    notes = [*notes, *workload_notes, *GENERAL_NOTES]
    if not point_only:
        notes.append(
            "Analytics, ad-hoc and search cells: a call costs tens to hundreds of ms of CPU (PostgreSQL's for "
            "analytics and ad-hoc; for search our server's, embedding the text), so a cell holds few calls and "
            "calls/s moves in steps of about c ÷ cell seconds. Where c ÷ calls/s approaches the cell's length "
            "(analytics and ad-hoc at c=32), the calls that finish within the cell are the ones that queued least: "
            "calls/s still measures throughput, but p50/p99 are biased low (a longer --seconds fixes that). Calls "
            "still running when a cell's generator stops are not counted, but the CPU they used within the cell is "
            "(CPU µs/call reads high when a cell holds few calls); before each of these cells the harness waited "
            "until PostgreSQL and the servers were idle again "
            f"({drained_s:.0f} s in all, at most 30 s per cell; not part of the foreign-load wait)."
        )
    return notes
