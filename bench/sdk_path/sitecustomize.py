"""Serve every request through the MCP SDK's public path, for an A/B of the fast paths (BENCHMARKS.md, "What the
fast paths buy"). Put this directory on PYTHONPATH and set BENCH_SDK_PATH_ONLY=1 for the server's processes: the
server then behaves as when the SDK lacks a private its fast paths need (shim/sdk_adapter.py: logged, and every
request goes to the SDK), which is the path being measured.

    BENCH_SDK_PATH_ONLY=1 PYTHONPATH=bench/sdk_path .venv/bin/python bench/load.py --clients 8 --seconds 10 \\
        --uncached --driver wrk --warmup 2 --only get_current_utc_date
"""

import os

if os.environ.get("BENCH_SDK_PATH_ONLY"):
    import shim.sdk_adapter

    shim.sdk_adapter.missing = lambda manager=None: ["benchmark: BENCH_SDK_PATH_ONLY (bench/sdk_path)"]
