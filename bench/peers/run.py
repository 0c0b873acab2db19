"""The peer benchmark's command, as make bench and the README run it: `.venv/bin/python bench/peers/run.py [options]`
(the same as `python -m bench.peers`). The options and what the run does: bench/peers/cli.py, or --help."""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from bench.peers.cli import main as run

    return run(argv)


if __name__ == "__main__":
    # Run as a file, Python put bench/peers/ first on the module path: the repository root goes there instead, so
    # that the bench package (and devdb, shim) import from this checkout. The one path change of the package.
    sys.path[0] = str(Path(__file__).resolve().parents[2])
    sys.exit(main())
