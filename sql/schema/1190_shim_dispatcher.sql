-- The server's login calls the shim's dispatcher (shim/sql, applied before this package: migrate.toml's
-- `requires`), which now sets the caller's identity in mcp.identity (sql/functions/0100_identity.sql reads it).
GRANT USAGE ON SCHEMA mcp TO zava_mcp;
GRANT EXECUTE ON FUNCTION mcp.call_tool(text, text, text, text[], boolean) TO zava_mcp;
