"""The server's command: `python server.py --help` (shim/cli.py); a console script too (pyproject.toml)."""

import sys

from shim.cli import main

if __name__ == "__main__":
    sys.exit(main())
