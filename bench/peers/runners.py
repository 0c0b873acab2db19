"""One cell (a configuration at one concurrency for some seconds) per load generator: wrk with mcp_call.lua or
get_live.lua (HTTP), pgbench -M prepared (SQL), the asyncpg driver (SQL, no MCP), the C stdio driver (stdio). Each
returns the generator's counts and latencies with the per-call figures of measure.finish added."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from bench.peers.configs import Config
from bench.peers.measure import finish, rusage_children_delta, tree_cpu, tree_rss
from bench.peers.paths import DRIVER, HERE, PY, ROOT, pg_bin
from bench.peers.servers import close_session, open_session
from bench.peers.workloads import WORKLOADS

if TYPE_CHECKING:
    from bench.peers.harness import Harness


def cell(h: Harness, cfg: Config, conc: int, seconds: float) -> dict:
    runner = {
        "wrk": run_wrk,
        "wrk-get": run_wrk,
        "pgbench": run_pgbench,
        "asyncpg": run_asyncpg,
        "stdio": run_stdio,
    }[cfg.kind]
    return runner(h, cfg, conc, seconds)


def run_wrk(h: Harness, cfg: Config, conc: int, seconds: float) -> dict:
    server = h.servers[cfg.server]
    url = server.base + cfg.path
    threads = 1 if conc == 1 else 2
    cmd = ["wrk", "-t", threads, "-c", conc, "-d", f"{max(1, round(seconds))}s", "--timeout", "10s"]
    headers: dict = {}
    if cfg.kind == "wrk-get":
        cmd += ["-s", HERE / "get_live.lua", url]
    else:
        headers, _ = open_session(cfg, server.base)
        for k, v in headers.items():
            if k.lower() != "content-type":
                cmd += ["-H", f"{k}: {v}"]
        params = json.dumps(cfg.params, separators=(",", ":"))
        prefix = '{"jsonrpc":"2.0","id":'
        suffix = f',"method":"tools/call","params":{params}}}'
        cmd += ["-s", HERE / "mcp_call.lua", url, "--", prefix, suffix, cfg.expect]
    before = h.snapshot(server.process.pid)
    proc = subprocess.Popen(list(map(str, cmd)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    after = h.snapshot(server.process.pid)
    ru = rusage_children_delta()
    if cfg.kind != "wrk-get":
        close_session(cfg, server.base, headers)
    line = next((x for x in out.splitlines() if x.startswith("WRK_RESULT ")), None)
    if proc.returncode or line is None:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {out[-1000:]} {err[-1000:]}")
    return finish(json.loads(line[len("WRK_RESULT ") :]), before, after, server.process.pid, ru)


def run_pgbench(h: Harness, cfg: Config, conc: int, seconds: float) -> dict:
    script = h.tmp / f"{cfg.key}.sql"
    script.write_text(cfg.pgbench_script or "")
    logdir = Path(tempfile.mkdtemp(dir=h.tmp))
    cmd = [pg_bin("pgbench"), "-n", "-M", "prepared", "-f", script, "-c", conc, "-j", min(conc, 2)]
    cmd += ["-T", max(1, round(seconds)), "-l", "--log-prefix", logdir / "pgb"]
    cmd += ["-h", "127.0.0.1", "-p", h.db.port, "-U", cfg.pgbench_user, "zava"]
    existing = h.backends()
    before = h.snapshot(None)
    proc = subprocess.run(list(map(str, cmd)), capture_output=True, text=True, cwd=logdir)
    after = h.snapshot(None, settle=existing)
    gen = rusage_children_delta()
    if proc.returncode:
        raise RuntimeError(f"pgbench failed: {proc.stdout[-1000:]} {proc.stderr[-1000:]}")
    lat = sorted(int(line.split()[2]) for f in logdir.iterdir() for line in f.read_text().splitlines())
    shutil.rmtree(logdir)
    return finish(pgbench_result(proc.stdout, lat, seconds), before, after, None, gen)


def pgbench_result(stdout: str, lat: list[int], seconds: float) -> dict:
    """The generator's result from pgbench's summary (tps, failed transactions) and its per-transaction log's
    latencies in µs, sorted."""
    tps = next(float(x.split("=")[1].split()[0]) for x in stdout.splitlines() if x.startswith("tps ="))
    failed = next(
        (int(x.split(":")[1].split()[0]) for x in stdout.splitlines() if x.startswith("number of failed transactions")),
        0,
    )
    n = len(lat)
    return {
        "requests": n,
        "duration_us": n / tps * 1e6 if tps else seconds * 1e6,
        "p50_us": lat[n // 2],
        "p99_us": lat[max(0, int(n * 0.99) - 1)],
        "max_us": lat[-1],
        "ok": n - failed,
        "bad": failed,
        "socket_errors": 0,
        "non2xx": 0,
        "bad_sample": None,
    }


def run_asyncpg(h: Harness, cfg: Config, conc: int, seconds: float) -> dict:
    w = WORKLOADS[cfg.workload]
    arguments = json.dumps(h.statement_arguments[w.key], separators=(",", ":"))
    # Run as a module from the repository root: the driver imports bench.peers.our_call.
    cmd = [PY, "-m", "bench.peers.asyncpg_driver", h.db.url("zava_mcp"), conc, seconds, w.identity, w.tool]
    cmd += [arguments, w.row_expect]
    existing = h.backends()
    proc = subprocess.Popen(list(map(str, cmd)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    start = proc.stdout.readline()  # printed when the timed window opens (connected, warmed up)
    before = h.snapshot(None)
    line = proc.stdout.readline()  # printed after the window, once its connections are closed
    after = h.snapshot(None, settle=existing)
    err = proc.stderr.read()
    proc.wait()
    rusage_children_delta()
    if proc.returncode or start.strip() != "START" or not line.startswith("RESULT "):
        raise RuntimeError(f"asyncpg driver failed: {start} {line} {err[-1000:]}")
    result = json.loads(line[len("RESULT ") :])
    # The driver is the application here: its CPU over the timed window (measured inside it) is the "server".
    return finish(result, before, after, None, 0.0, app_cpu=result["client_cpu_s"])


def run_stdio(h: Harness, cfg: Config, conc: int, seconds: float) -> dict:
    params = json.dumps(cfg.stdio_params, separators=(",", ":"))
    if len(params) > 8000:  # stdio_driver.c formats each request in an 8 KiB buffer
        raise RuntimeError(f"{cfg.key}: tools/call params too long for stdio_driver ({len(params)} bytes)")
    cmd = [DRIVER, conc, seconds, cfg.expect, params, "--", *cfg.stdio_cmd]
    log_path = h.tmp / f"{cfg.key}.log"
    with log_path.open("a") as log:
        proc = subprocess.Popen(
            list(map(str, cmd)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env=h.env,
            cwd=h.tmp,
        )
    try:
        ready = proc.stdout.readline()
        if not ready.startswith("READY "):
            raise RuntimeError(f"{cfg.key}: driver did not start: {ready!r} {log_path.read_text()[-1500:]}")
        pid = int(ready.split()[1])
        before = h.snapshot(pid)
        cpu_driver0 = tree_cpu(proc.pid) - tree_cpu(pid)
        proc.stdin.write("GO\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        after = h.snapshot(pid)
        gen = (tree_cpu(proc.pid) - tree_cpu(pid)) - cpu_driver0
        rss = tree_rss(pid)
        proc.stdin.write("END\n")
        proc.stdin.flush()
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    rusage_children_delta()
    if not line.startswith("RESULT "):
        raise RuntimeError(f"{cfg.key}: driver failed: {line!r}")
    result = finish(json.loads(line[len("RESULT ") :]), before, after, pid, gen)
    result["rss_mb"] = rss
    return result
