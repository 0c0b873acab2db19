-- The shim's schema, its contract with every database it serves: the dispatcher (functions/0100_call_tool.sql)
-- runs each call as the request role the database names for the caller, with the caller's identity in the setting
-- mcp.identity, one fixed name for every database. A database's row-level security reads
-- current_setting('mcp.identity', true); the server's login needs USAGE here and EXECUTE on mcp.call_tool, which
-- the application's package grants to the login it creates (nobody has them otherwise).
CREATE SCHEMA mcp;
REVOKE ALL ON SCHEMA mcp FROM public;
COMMENT ON SCHEMA mcp IS
'The MCP shim''s contract: mcp.call_tool runs one tool call as the caller, identity in the setting mcp.identity.';
