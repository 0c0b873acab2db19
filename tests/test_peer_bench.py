"""The peer benchmark compares like with like (bench/peers/checks.py checks the same before every run; these keep it
true between runs): the statement pgbench and the asyncpg driver run is exactly what our server sends for the call,
and the peers' SQL returns the rows our tool returns.

They import the bench package's modules that hold the workloads (data), build our statement and make the checks;
none runs a benchmark or installs anything on import."""

import asyncio
import dataclasses
import json
import subprocess
import sys

import pytest
from conftest import ROOT

from bench.peers import checks
from bench.peers.our_call import pgbench_script
from bench.peers.workloads import WORKLOADS
from shim.app import Shim
from shim.config import Settings


def psql(url: str, script: str) -> str:
    out = checks.psql(url, script)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("key", ["point", "analytics", "adhoc"])
async def test_the_pgbench_statement_is_what_our_server_sends(seeded_db, key):
    """psql running the pgbench script returns the rows the server's own call returns, as the same identity."""
    workload = WORKLOADS[key]
    url = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    # pgbench_script runs its own event loop (asyncio.run), so it goes to a thread here
    script = await asyncio.to_thread(pgbench_script, url, workload.tool, workload.identity, workload.arguments)
    out = psql(url, script)
    assert workload.row_expect in out
    rows_json = out.split("|", 1)[0]

    shim = Shim(Settings(database_url=url))
    await shim.start()
    try:
        result = await shim.call(shim.tools[workload.tool], workload.arguments, workload.identity, "1", fresh=True)
    finally:
        await shim.stop()
    assert result.error_code is None
    served = json.loads(result.structured_text)
    ours = json.loads(rows_json)
    if key == "point":  # the clock moves between the two calls; the rest must agree
        assert served["rows"][0]["latest_order_date"] == ours[0]["latest_order_date"]
    elif key == "adhoc":  # execute_sales_query returns one JSON value, with its own rows
        assert served["result"] == ours and ours["rows"]
    else:
        assert served["rows"] == ours and len(ours) == 8


@pytest.mark.parametrize("key", ["analytics", "adhoc"])
def test_the_peers_sql_returns_the_rows_our_tool_returns(seeded_db, key):
    workload = WORKLOADS[key]
    url = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    ours = psql(url, pgbench_script(url, workload.tool, workload.identity, workload.arguments))
    checks.check_same_rows(workload, ours, seeded_db.url)  # raises on any difference

    broken = dataclasses.replace(workload, peer_sql=f"SELECT * FROM ({workload.peer_sql}) AS q LIMIT 1")
    with pytest.raises(RuntimeError, match="other rows"):
        checks.check_same_rows(broken, ours, seeded_db.url)


def test_the_bench_package_runs_nothing_on_import():
    """Every module of bench.peers (and bench.search_quality) imports without changing the module path or starting a
    process: installing the helpers is make bench-peers, running the benchmark is bench/peers/run.py."""
    code = """
import importlib, os, pkgutil, subprocess, sys
def refuse(*args, **kwargs):
    raise AssertionError(f"a process started on import: {args[1:2]}")
subprocess.Popen._execute_child = os.system = refuse
import bench.peers
before = list(sys.path)
names = sorted(m.name for m in pkgutil.iter_modules(bench.peers.__path__))
for name in names:
    importlib.import_module("bench.peers." + name)
importlib.import_module("bench.search_quality")
assert sys.path == before, (before, sys.path)
print(" ".join(names))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert {"run", "__main__", "cli", "install", "workloads", "configs", "runners"} <= set(out.stdout.split())
