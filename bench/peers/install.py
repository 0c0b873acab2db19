"""The peer benchmark's helpers: install what is missing (make bench-peers), or tell what is.

    python -m bench.peers.install            # make bench-peers (make bench runs it first)
    python -m bench.peers.install --check    # install nothing; list what is missing, exit 1 if anything is

wrk with apt-get (Debian's package, run as root), MCP Toolbox and @modelcontextprotocol/server-postgres with npm
into .cache/peers/node_modules (git-ignored), the C stdio driver compiled with gcc into .cache/peers/bin (again
whenever stdio_driver.c is newer). An npm failure is reported and tolerated (the run leaves out the Toolbox and
server-postgres configurations and says so in its notes); a failure to install wrk or to compile the driver is not.
The throw-away PostgreSQL the run works on is made by the run itself (peerdb.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

from bench.peers.paths import CACHE, DRIVER, DRIVER_SOURCE, REFPG, REFPG_VERSION, TOOLBOX, TOOLBOX_VERSION

INSTALL_TARGET = "make bench-peers"
HELPERS = {  # name (configs.helpers) -> what it is and how it is installed
    "wrk": "wrk (apt-get)",
    "stdio_driver": f"the stdio driver (gcc {DRIVER_SOURCE.name} -o {DRIVER})",
    "toolbox": f"MCP Toolbox {TOOLBOX_VERSION} (npm, into {CACHE})",
    "refpg": f"server-postgres {REFPG_VERSION} (npm, into {CACHE})",
}


def missing() -> dict[str, str]:
    """{helper: what it is} for every helper that is not installed (or, for the driver, older than its source)."""
    absent = {
        "wrk": not shutil.which("wrk"),
        "stdio_driver": not DRIVER.exists() or DRIVER.stat().st_mtime < DRIVER_SOURCE.stat().st_mtime,
        "toolbox": not TOOLBOX.exists(),
        "refpg": not REFPG.exists(),
    }
    return {name: HELPERS[name] for name, gone in absent.items() if gone}


def sh(*cmd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(list(map(str, cmd)), check=True, **kw)


def install() -> list[str]:
    """Install what is missing; return notes about anything that could not be installed (npm only: the rest
    raises)."""
    notes = []
    CACHE.mkdir(parents=True, exist_ok=True)
    if not shutil.which("wrk"):
        print("install: wrk (apt-get)", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        sh("apt-get", "update", "-qq", env=env, stdout=subprocess.DEVNULL)
        sh("apt-get", "install", "-y", "-qq", "wrk", env=env, stdout=subprocess.DEVNULL)
    wanted = []
    if not TOOLBOX.exists():
        wanted.append(f"@toolbox-sdk/server@{TOOLBOX_VERSION}")
    if not REFPG.exists():
        wanted.append(f"@modelcontextprotocol/server-postgres@{REFPG_VERSION}")
    if wanted:
        print("install: npm", *wanted, flush=True)
        if not (CACHE / "package.json").exists():
            (CACHE / "package.json").write_text('{"name": "zava-peers-cache", "private": true}\n')
        try:
            sh("npm", "install", "--no-audit", "--no-fund", *wanted, cwd=CACHE, stdout=subprocess.DEVNULL)
        except (subprocess.CalledProcessError, FileNotFoundError) as exc:
            notes.append(f"npm install {' '.join(wanted)} failed: {exc}")
    if "stdio_driver" in missing():
        print("install: stdio driver (gcc)", flush=True)
        DRIVER.parent.mkdir(parents=True, exist_ok=True)
        sh("gcc", "-O2", "-Wall", "-o", DRIVER, DRIVER_SOURCE)
    return notes


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bench.peers.install", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--check", action="store_true", help="install nothing: list what is missing, exit 1 if any")
    args = p.parse_args(argv)
    if args.check:
        gone = missing()
        for what in gone.values():
            print(f"missing: {what}")
        return 1 if gone else 0
    for note in install():
        print(f"warning: {note}; the peer benchmark will run without it", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
