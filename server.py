"""The server's command: `python server.py --help` (shim/cli.py); installed as `zava-mcp`."""

import sys

from shim.cli import main

if __name__ == "__main__":
    sys.exit(main())
