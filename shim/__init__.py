"""The generic MCP shim behind server.py: catalog → tools, per-call transactions, auth, observability.

Nothing here knows the domain of the database it serves."""
