-- For one release, so that an upgrade needs no downtime: a server from before the shim's own package (shim/sql)
-- calls auth.call_tool with the name of the identity setting first. Servers still running while `migrate` applies
-- this package keep working: the call goes to mcp.call_tool, which puts the identity in mcp.identity (the only
-- setting the policies read now) whatever name they send. Retire this file with the next release.
CREATE OR REPLACE FUNCTION auth.call_tool(
    identity_setting text,
    identity text,
    request_role text,
    call_statement text,
    call_arguments text[],
    read_only boolean
)
RETURNS TABLE (rows_json text, compact_json text, row_count bigint)
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
    RETURN QUERY
    SELECT c.rows_json, c.compact_json, c.row_count
    FROM mcp.call_tool(identity, request_role, call_statement, call_arguments, read_only) AS c;
END
$$;

COMMENT ON FUNCTION auth.call_tool(text, text, text, text, text[], boolean) IS
'Deprecated (the previous release''s dispatcher): runs the call through mcp.call_tool; the setting name is ignored.';

GRANT EXECUTE ON FUNCTION auth.call_tool(text, text, text, text, text[], boolean) TO zava_mcp;
