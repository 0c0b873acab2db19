"""The peer benchmark (make bench): our MCP server against Google's MCP Toolbox, the reference server-postgres, the
Zava sample's architecture and the raw-driver limit. Run it as `python bench/peers/run.py` or `python -m bench.peers`
(the options: bench/peers/cli.py); `make bench-peers` installs the helpers it drives.

Modules (none runs anything on import):
  workloads  what is measured: the tools, arguments, identities and the peers' SQL of each workload (pure data)
  configs    the configurations: which server, transport and load generator, and the servers' command lines
  our_call   the one statement our server sends for a call, built by the server's own code (pgbench, asyncpg)
  checks     the like-with-like checks made before the cells (our statement answers, the peers' rows are ours)
  paths      where the helpers are (.cache/peers) and the PostgreSQL binaries
  install    installs the helpers (make bench-peers) and tells what is missing
  peerdb     the throw-away PostgreSQL the run works on (a copy of the development database)
  servers    the HTTP servers' processes and the MCP session opened before each HTTP cell
  measure    CPU and RSS of process trees, foreign load, waiting for idle, per-call figures of a cell
  runners    one cell: wrk, pgbench, the asyncpg driver, the stdio driver
  harness    one run's state: servers, tokens, per-call statements, the cells
  report     RESULTS.md
  cli        the command line and the order of the cells
Helpers run as processes: asyncpg_driver (python -m bench.peers.asyncpg_driver), sample_server.py, stdio_driver.c,
the wrk scripts *.lua.
"""
