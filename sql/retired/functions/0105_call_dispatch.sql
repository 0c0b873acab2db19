-- The call dispatcher moved to the shim's own package (shim/sql/functions/0100_call_tool.sql: mcp.call_tool, with
-- the identity in the fixed setting mcp.identity); sql/schema/1190 grants it to the server's login.
DROP FUNCTION IF EXISTS auth.call_tool(text, text, text, text, text[], boolean);
