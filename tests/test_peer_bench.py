"""The peer benchmark compares like with like (bench/peers/run.py checks the same before every run; these keep it true
between runs): the statement pgbench and the asyncpg driver run is exactly what our server sends for the call, and
the peers' SQL returns the rows our tool returns."""

import asyncio
import dataclasses
import importlib.util
import json
import subprocess
import sys

import pytest
from conftest import ROOT

from server import Config, Shim

_spec = importlib.util.spec_from_file_location("peer_bench", ROOT / "bench" / "peers" / "run.py")
peer_bench = sys.modules["peer_bench"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(peer_bench)  # puts bench/peers on sys.path, for our_call

from our_call import pgbench_script  # noqa: E402


def psql(url: str, script: str) -> str:
    out = subprocess.run(
        [peer_bench._bin("psql"), "-XAtq", "-v", "ON_ERROR_STOP=1", url],
        input=script,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("key", ["point", "analytics", "adhoc"])
async def test_the_pgbench_statement_is_what_our_server_sends(seeded_db, key):
    """psql running the pgbench script returns the rows the server's own call returns, as the same identity."""
    workload = peer_bench.WORKLOADS[key]
    url = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    # pgbench_script runs its own event loop (asyncio.run), so it goes to a thread here
    script = await asyncio.to_thread(pgbench_script, url, workload.tool, workload.identity, workload.arguments)
    out = psql(url, script)
    assert workload.row_expect in out
    rows_json = out.split("|", 1)[0]

    shim = Shim(Config(database_url=url))
    await shim.start()
    try:
        result = await shim._call(shim.tools[workload.tool], workload.arguments, workload.identity, "1", fresh=True)
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
    workload = peer_bench.WORKLOADS[key]
    url = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    ours = psql(url, pgbench_script(url, workload.tool, workload.identity, workload.arguments))
    peer_bench.check_same_rows(workload, ours, seeded_db.url)  # raises on any difference

    broken = dataclasses.replace(workload, peer_sql=f"SELECT * FROM ({workload.peer_sql}) AS q LIMIT 1")
    with pytest.raises(RuntimeError, match="other rows"):
        peer_bench.check_same_rows(broken, ours, seeded_db.url)
