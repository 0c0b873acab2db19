-- The shim reads the tools and prompts it serves through its own package's catalog functions (shim/sql/functions/
-- 0130_tools.sql, 0140_prompts.sql), which describe the catalog as the server lists it; its login needs them beside
-- the dispatcher (sql/schema/1190).
GRANT EXECUTE ON FUNCTION mcp.tools(text, boolean), mcp.prompts(text) TO zava_mcp;
