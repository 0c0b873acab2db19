"""`python -m bench.peers [options]` from the repository root: the peer benchmark (bench/peers/cli.py)."""

import sys

from bench.peers.cli import main

if __name__ == "__main__":
    sys.exit(main(command=".venv/bin/python -m bench.peers", prog="python -m bench.peers"))
