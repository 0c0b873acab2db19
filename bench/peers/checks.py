"""The like-with-like checks made once per workload before its cells (and by tests/test_peer_bench.py between runs):
our per-call statement, run by psql as pgbench will run it, returns a good answer; the peers' one statement returns
the very rows ours returns. Nothing here runs on import."""

from __future__ import annotations

import json
import subprocess

from bench.peers.paths import pg_bin
from bench.peers.workloads import Workload


def psql(url: str, script: str) -> subprocess.CompletedProcess:
    """Run `script` with psql (unaligned, tuples only, stop at the first error)."""
    return subprocess.run(
        [pg_bin("psql"), "-XAtq", "-v", "ON_ERROR_STOP=1", url], input=script, capture_output=True, text=True
    )


def check_our_statement(w: Workload, script: str, url: str) -> str:
    """Our per-call statement (the pgbench script) must run as `url`'s login and return `w.row_expect`; returns
    psql's output (rows_json|compact_json|row_count)."""
    check = psql(url, script)
    if check.returncode or w.row_expect not in check.stdout:
        raise RuntimeError(f"our per-call statement does not run: {check.stdout[:1000]} {check.stderr}")
    return check.stdout


def check_same_rows(w: Workload, ours_out: str, postgres_url: str) -> None:
    """The peers' statement (as postgres) must return the rows our statement returns (as head office); `ours_out` is
    psql's output of our per-call statement (rows_json|compact_json|row_count)."""
    peer = psql(postgres_url, f"SELECT coalesce(json_agg(q), '[]') FROM ({w.peer_sql}) AS q;\n")
    if peer.returncode:
        raise RuntimeError(f"{w.key}: the peers' statement does not run: {peer.stderr}")
    peer_rows = [list(r.values()) for r in json.loads(peer.stdout)]
    ours = json.loads(ours_out.split("|", 1)[0])
    # execute_sales_query returns one JSON value {"columns", "rows", ...}; a set-returning tool its rows
    ours_rows = ours["rows"] if isinstance(ours, dict) else [list(r.values()) for r in ours]
    if ours_rows != peer_rows:
        raise RuntimeError(f"{w.key}: the peers' statement returns other rows than ours: {peer_rows} {ours_rows}")
