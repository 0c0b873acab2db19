-- One tool call in one statement, so the server spends one round trip per call instead of four
-- (BEGIN; identity and role; the call; COMMIT). The server sends
--     SELECT ... FROM (SELECT <role function>($2) AS role OFFSET 0) AS r, LATERAL mcp.call_tool($2, r.role, $3, $1, $4)
-- as a prepared statement, outside any transaction block: the statement is its own transaction, so every
-- set_config(..., true) below ends with it, whatever happens.
--
-- It runs with the login's rights (SECURITY INVOKER): it only does what the login could do itself, switching to
-- the request role the database chose for the identity. The call text is built by the server from catalog names
-- only; the caller's arguments arrive as a text array, never as SQL. The call is planned (or its cached plan
-- planned again) for the role that runs it, so row-level security is the request role's.
CREATE OR REPLACE FUNCTION mcp.call_tool(
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
DECLARE
    statement_name text;
    ignored text;
BEGIN
    IF request_role IS NULL THEN
        RAISE EXCEPTION 'the identity is not recognised'
            USING ERRCODE = 'invalid_authorization_specification',
            HINT = 'use an identity the database maps to a role';
    END IF;
    -- Assignments, not PERFORM: PL/pgSQL evaluates a simple expression without starting an executor (about 10 µs
    -- of the call's CPU, measured with pgbench).
    IF read_only THEN
        -- Before the role switch: request roles may not call set_config.
        ignored := pg_catalog.set_config('transaction_read_only', 'on', true);
    END IF;
    ignored := pg_catalog.set_config('mcp.identity', identity, true);
    ignored := pg_catalog.set_config('role', request_role, true);
    -- The call statement is prepared once per session under a name derived from its text, so its plan is cached
    -- like a static statement's instead of being planned on every call (EXECUTE ... USING plans each time). A
    -- cached plan is still planned for the request role: PostgreSQL re-plans a statement under row-level security
    -- when the role that runs it changes. The arguments travel as one quoted text[] literal (%L), never as SQL.
    statement_name := 'mcp_call_' || pg_catalog.md5(call_statement);
    -- Executed first and prepared only when missing: looking it up in pg_prepared_statements on every call copied
    -- the session's every prepared statement (text and all) first, ~20 µs with the 25 tools prepared; the block's
    -- subtransaction costs a few.
    BEGIN
        RETURN QUERY EXECUTE pg_catalog.format('EXECUTE %I(%L)', statement_name, call_arguments);
    EXCEPTION WHEN invalid_sql_statement_name OR syntax_error THEN
        -- A missing statement raises 42601 here ("EXECUTE query does not return tuples": RETURN QUERY asks the
        -- statement's result shape first). Only when it is this statement that is missing: otherwise the error
        -- is the tool's own.
        IF EXISTS (SELECT FROM pg_catalog.pg_prepared_statements AS p WHERE p.name = statement_name) THEN
            RAISE;
        END IF;
        EXECUTE pg_catalog.format('PREPARE %I(pg_catalog.text[]) AS %s', statement_name, call_statement);
        RETURN QUERY EXECUTE pg_catalog.format('EXECUTE %I(%L)', statement_name, call_arguments);
    END;
    -- Whatever session state the tool set (SET, LISTEN) must not reach the next caller of this connection.
    RESET ALL;
    UNLISTEN *;
END
$$;

COMMENT ON FUNCTION mcp.call_tool(text, text, text, text[], boolean) IS
'Runs one tool call as the request role of an identity (in the setting mcp.identity), transaction-locally, in the
caller''s single statement.';

-- Nobody executes it until an application's package grants it to its server login.
REVOKE EXECUTE ON FUNCTION mcp.call_tool(text, text, text, text[], boolean) FROM public;
