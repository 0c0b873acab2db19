"""Peer benchmark: our MCP server against Google's MCP Toolbox, the reference server-postgres, the Zava sample's
architecture and the raw-driver limit, on one throw-away copy of the development database, in one run.

    .venv/bin/python bench/peers/run.py                 # all four workloads, 3 interleaved rounds x 3 s, ~35 min
    .venv/bin/python bench/peers/run.py --workload point                           # the point lookup alone, ~9 min
    .venv/bin/python bench/peers/run.py --workload point --rounds 2 --seconds 2 --only ours-http,toolbox-http
    .venv/bin/python bench/peers/run.py --workload analytics --rounds 1 --seconds 1 --concurrency 8 \
        --only ours-http,toolbox-http,pgbench-txn --output /tmp/wl.md               # a quick check

Workloads (--workload, several run one after another; one results table with its own targets or ratios each):
  point      `get_current_utc_date` as the Seattle store manager: one row, pure per-call overhead. The
             peers run one parameterless statement (now(), the latest order date). Targets of issue 7.
  analytics  "sales by store for a quarter": `get_store_performance` {"period_start": "2026-07-01",
             "period_end": "2026-09-30"} as head office, who sees every store, so the peers' unfiltered SQL returns
             the same 8 rows (checked before the cells). Ours sends `"_meta": {"fresh": true}` (the tool is
             `@cache 300`; `ours-http-cached` shows the cache instead). Toolbox: a `postgres-sql` tool with the query
             written out (STORE_PERFORMANCE_SQL, $1/$2); sample: `api.get_store_performance($1, $2)`; server-postgres
             and pgbench-stmt: that query with the dates inlined.
  adhoc      the ad-hoc query tool with a mid-size aggregate (ADHOC_SQL: revenue and orders per store per month of
             2026, 80 rows): ours `execute_sales_query` as head office, Toolbox `postgres-execute-sql`,
             server-postgres `query`, the sample a tool running the SQL it is given; pgbench-stmt the SQL itself.
  search     `semantic_search_products` {"query_description": "cordless drill for home repairs", "max_rows": 10}
             as the Seattle store manager:
             ours embeds the text in-process per call; pgbench-txn/asyncpg-txn run our statement with the vector
             computed once by the same embedder. The peers cannot embed text, so they are not run (not comparable).
Every workload names the substring every good response contains (a store name, a SKU; Workload.expect) and which
configurations it runs (the heavy ones leave out ours-http-unix, sample-http-2026 and the wrk ceilings). pgbench-txn
and asyncpg-txn run the one statement our server sends for the call, arguments included (our_call.py). The
workloads are defined in workloads.py, the configurations in configs.py.

Each cell (configuration x concurrency 1/8/32) runs --seconds; the cells are interleaved (every configuration at
c=1, then c=8, then c=32, in an order rotated each round) and the medians of the rounds are reported, so machine
drift cancels. In the analytics, adhoc and search workloads the harness first waits, before each cell, until
PostgreSQL and the servers are idle (calls a generator left running when it stopped finish first).

Configurations (all against the same PostgreSQL over TCP 127.0.0.1, which Toolbox needs):
  pgbench-txn      pgbench -M prepared running the one statement our server sends per call, as zava_mcp (the limit)
  pgbench-stmt     pgbench -M prepared running the peers' single statement as postgres (their limit)
  asyncpg-txn      asyncpg, one connection per caller, the same statement, no MCP
  ours-http        server.py over streamable HTTP, protocol 2025-06-18 (session), bearer JWT
  ours-http-2026   the same server, protocol 2026-07-28 (stateless single exchange)
  ours-http-unix   ours-http with the database on the Unix socket instead of TCP
  ours-http-cached ours-http without `_meta.fresh` (analytics only: every call after the first a cache hit)
  toolbox-http     MCP Toolbox (npm @toolbox-sdk/server) with tools.yaml, pool of 10, protocol 2025-06-18
  toolbox-http-ours  Toolbox running our per-call statement (mcp.call_tool as zava_mcp, the identity an argument):
                   the server's cost apart from the statement's (point lookup only)
  sample-http      sample_server.py: MCPServer + asyncpg + session set_config, protocol 2025-06-18
  sample-http-2026 the same, protocol 2026-07-28
  ours-stdio       server.py --stdio, driven by stdio_driver (C)
  toolbox-stdio    toolbox --stdio, driven by stdio_driver
  toolbox-stdio-ours  the same, running our per-call statement
  refpg-stdio      @modelcontextprotocol/server-postgres 0.6.2 (Node), its `query` tool, same driver
  wrk-ceiling      wrk GET against Toolbox's `/` (a Go handler): the generator's own ceiling
  wrk-live-ours    wrk GET against our /health/live (HTTP stack alone, no MCP)

HTTP load comes from Debian's wrk with mcp_call.lua (unique JSON-RPC ids, every response checked); stdio load from
stdio_driver.c. Before each HTTP cell one call is made with httpx and checked to be a successful tool result (and a
fresh MCP session opened where the protocol has sessions); wrk then counts every non-successful response. CPU per
call = (server process tree + every PostgreSQL process, including exited backends via the postmaster's reaped
children times) CPU seconds over the cell / calls; RSS is the server process tree's after the cell.

The helpers are installed by `make bench-peers` (make bench runs it first; bench/peers/install.py): wrk with
apt-get, Toolbox and server-postgres with npm into .cache/peers/ (git-ignored), the C driver with gcc. This command
installs nothing: it stops if wrk or the driver is missing, and leaves out (with a note) the Toolbox and
server-postgres configurations if those are. The throw-away PostgreSQL cluster (a copy of the development database,
see peerdb.py) lives in .cache/peers/ too. `python -m bench.peers` is the same command.
Writes bench/peers/RESULTS.md and .cache/peers/last-run.json.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.peers.configs import Config, helpers
from bench.peers.harness import Harness
from bench.peers.install import INSTALL_TARGET, missing
from bench.peers.measure import rusage_children_delta, wait_quiet
from bench.peers.paths import CACHE, HERE
from bench.peers.peerdb import PeerDB
from bench.peers.report import all_notes, data_size, fmt, machine, report, versions
from bench.peers.workloads import WORKLOADS, Workload

REQUIRED = ("wrk", "stdio_driver")  # without these the run stops; without Toolbox or server-postgres it goes on


@dataclass
class Tally:
    """What the cells of a run produced: {workload: {(configuration, concurrency): [one result per round]}}, the
    first error of each failing configuration, and the seconds spent waiting (foreign load, draining)."""

    raw: dict
    quiet_budget: list[float]
    errors: dict = field(default_factory=dict)
    waited: float = 0.0
    drained: float = 0.0


def parser(prog: str | None = None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--workload",
        nargs="+",
        choices=list(WORKLOADS),
        default=list(WORKLOADS),
        help="workloads to run, one after another (default: all four)",
    )
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    p.add_argument("--only", help="comma-separated configuration keys")
    p.add_argument("--skip", help="comma-separated configuration keys")
    p.add_argument(
        "--quiet-wait",
        type=float,
        default=150,
        help="seconds the whole run may spend waiting for foreign CPU load to drop before a cell (default 150)",
    )
    p.add_argument("--keep-db", action="store_true", help="leave the throw-away PostgreSQL running")
    p.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    return p


def main(argv: list[str] | None = None, command: str = ".venv/bin/python bench/peers/run.py", prog=None) -> int:
    """The run; `command` is how RESULTS.md names it (followed by the arguments)."""
    argv = sys.argv[1:] if argv is None else argv
    args = parser(prog).parse_args(argv)
    workloads = [WORKLOADS[k] for k in dict.fromkeys(args.workload)]
    point_only = [wl.key for wl in workloads] == ["point"]
    started = time.monotonic()
    command += "".join(f" {a}" for a in argv)
    gone = missing()
    stop = missing_required(args, workloads, gone)
    if stop:
        print(stop, file=sys.stderr)
        return 1
    notes: list[str] = []
    load_start = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    db = PeerDB().start()
    data = data_size(db)
    tmp = Path(tempfile.mkdtemp(prefix="zava-peers-"))
    harness = Harness(args, db, tmp)
    tally = Tally({wl.key: {} for wl in workloads}, [args.quiet_wait])
    try:
        plan = {wl.key: plan_workload(harness, args, wl, gone, notes) for wl in workloads}
        harness.start_servers({c.server for configs in plan.values() for c in configs if c.server})
        for wl in workloads:
            if plan[wl.key]:
                run_workload(harness, args, wl, plan[wl.key], tally, tag="" if point_only else f"{wl.key:<9} ")
    finally:
        harness.stop_servers()
        if not args.keep_db:
            db.stop()
    write_results(args, workloads, plan, tally, notes, meta(command, started, load_start, data, workloads, tally))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def selected(args, w: Workload) -> list[str]:
    """The configuration keys of `w` that --only and --skip leave."""
    keys = list(w.configs)
    if args.only:
        keys = [k for k in keys if k in args.only.split(",")]
    if args.skip:
        keys = [k for k in keys if k not in args.skip.split(",")]
    return keys


def missing_required(args, workloads: list[Workload], gone: dict[str, str]) -> str | None:
    """The message to stop with when a configuration to run needs wrk or the stdio driver and it is not installed."""
    needed: dict[str, list[str]] = {}
    for wl in workloads:
        for key in selected(args, wl):
            for name in helpers(key) & set(REQUIRED) & set(gone):
                needed.setdefault(name, []).append(key)
    if not needed:
        return None
    lines = [
        f"not installed: {gone[name]}, needed by {', '.join(dict.fromkeys(keys))}" for name, keys in needed.items()
    ]
    return "\n".join([*lines, f"{INSTALL_TARGET} installs what is missing (--skip leaves configurations out)"])


def plan_workload(harness: Harness, args, wl: Workload, gone: dict[str, str], notes: list[str]) -> list[Config]:
    """Prepare `wl` (our per-call statement, and the peers' rows, checked once by hand) and return the
    configurations to run: those selected whose helpers are installed (a note for each left out)."""
    harness.prepare(wl)
    configs = [c for c in harness.configs(wl) if c.key in selected(args, wl)]
    for c in list(configs):
        absent = sorted(helpers(c.key) & set(gone))
        if absent:
            configs.remove(c)
            note = f"{c.key} not run: {absent[0]} is not installed ({INSTALL_TARGET} installs it)"
            if note not in notes:
                notes.append(note)
    return configs


def run_workload(harness: Harness, args, wl: Workload, configs: list[Config], tally: Tally, tag: str) -> None:
    """Warm-up (1 s per HTTP configuration and concurrency), then --rounds rounds of interleaved cells; `tag`
    starts each progress line (the workload's name, unless the run is the point lookup alone)."""
    heavy = wl.key != "point"  # calls still running when a cell's generator stops: let them finish first

    def settle() -> None:
        if heavy:
            tally.drained += harness.drain()

    print(f"{tag}warm-up (1 s per configuration and concurrency, not recorded)", flush=True)
    for conc in args.concurrency:
        for cfg in configs:
            if cfg.kind in ("wrk", "wrk-get"):
                settle()
                with contextlib.suppress(Exception):
                    harness.cell(cfg, conc, 1)
    settle()
    rusage_children_delta()  # start the generators' CPU accounting here
    for rnd in range(args.rounds):
        for conc in args.concurrency:
            order = configs[rnd % len(configs) :] + configs[: rnd % len(configs)]
            for cfg in order:
                settle()
                tally.waited += wait_quiet(tally.quiet_budget)
                run_cell(harness, args, wl, cfg, conc, rnd, tag, tally)


def run_cell(harness: Harness, args, wl: Workload, cfg: Config, conc: int, rnd: int, tag: str, tally: Tally) -> None:
    try:
        r = harness.cell(cfg, conc, args.seconds)
    except Exception as exc:
        tally.errors.setdefault((wl.key, cfg.key), str(exc)[:800])
        print(f"{tag}round {rnd + 1} c={conc:<3} {cfg.key:<17} FAILED: {str(exc)[:300]}", flush=True)
        return
    tally.raw[wl.key].setdefault((cfg.key, conc), []).append(r)
    wall = r["wall_s"]
    print(
        f"{tag}round {rnd + 1} c={conc:<3} {cfg.key:<17} {r['calls_per_s']:>9,.0f}/s "
        f"p50 {r['p50_ms']:6.2f} p99 {r['p99_ms']:7.2f} ms  cpu {fmt(r['server_cpu_us']):>6}+"
        f"{r['pg_cpu_us']:5.0f} µs  bad {r['bad']}  other {r['other_cpu_s'] / wall:.0%}",
        flush=True,
    )


def meta(command: str, started: float, load_start: str, data: dict, workloads: list[Workload], tally: Tally) -> dict:
    others = [
        r["other_cpu_s"] / r["wall_s"]
        for cells in tally.raw.values()
        for runs in cells.values()
        for r in runs
        if r["wall_s"]
    ]
    return {
        "command": command,
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "versions": versions(),
        "load_start": load_start,
        "load_end": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "other_cpu_median": statistics.median(others) if others else 0.0,
        "other_cpu_max": max(others) if others else 0.0,
        "total_s": time.monotonic() - started,
        "quiet_waited_s": tally.waited,
        "drained_s": tally.drained,
        "workloads": [wl.key for wl in workloads],
        "data": data,
    }


def write_results(args, workloads: list[Workload], plan: dict, tally: Tally, notes: list[str], meta: dict) -> None:
    """RESULTS.md (--output) and .cache/peers/last-run.json (every round's figures), and the report on stdout."""
    point_only = [wl.key for wl in workloads] == ["point"]
    for (wkey, key), err in tally.errors.items():
        where = "" if point_only else f" ({wkey})"
        notes.append(f"`{key}`{where} failed in at least one cell: {err}")
    text = report(args, workloads, plan, tally.raw, meta, all_notes(notes, workloads, tally.drained))
    args.output.write_text(text + "\n")
    flat = {
        (f"{k}@{c}" if wl == "point" else f"{wl}:{k}@{c}"): v
        for wl, cells in tally.raw.items()
        for (k, c), v in cells.items()
    }
    errors = {(k if w == "point" else f"{w}:{k}"): e for (w, k), e in tally.errors.items()}
    (CACHE / "last-run.json").write_text(json.dumps({"meta": meta, "raw": flat, "errors": errors}, indent=1))
    print()
    print(text)
