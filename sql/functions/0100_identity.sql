-- A uuid from text, or NULL for anything that is not one: identities fail closed, never to a default.
-- (An IMMUTABLE test, so a constant that is no uuid folds to NULL at plan time instead of failing the cast.)
CREATE OR REPLACE FUNCTION retail.parse_uuid(candidate text)
RETURNS uuid
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN candidate ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN candidate::uuid
    END
$$;

-- The caller's identity, set per transaction by the shim's dispatcher (mcp.call_tool) in the setting mcp.identity.
CREATE OR REPLACE FUNCTION retail.current_rls_user_id()
RETURNS uuid
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
    SELECT retail.parse_uuid(nullif(pg_catalog.current_setting('mcp.identity', true), ''))
$$;

-- The one store a store manager runs; NULL for anyone else (regional managers, head office, unknown callers).
CREATE OR REPLACE FUNCTION retail.get_current_user_store()
RETURNS uuid
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (pg_catalog.array_agg(ms.store_id))[1]
    FROM retail.managers AS m
    INNER JOIN retail.manager_stores AS ms ON m.rls_user_id = ms.rls_user_id
    WHERE m.rls_user_id = (SELECT retail.current_rls_user_id())
        AND m.access_level = 'store_manager'
    HAVING pg_catalog.count(*) = 1
$$;

-- Every store the caller may see; an empty array for an unknown, missing or malformed identity.
CREATE OR REPLACE FUNCTION retail.get_user_store_list()
RETURNS uuid[]
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(pg_catalog.array_agg(ms.store_id ORDER BY ms.store_id), '{}')
    FROM retail.manager_stores AS ms
    WHERE ms.rls_user_id = (SELECT retail.current_rls_user_id())
$$;

-- The request role for an identity, or NULL when the identity is unknown or malformed. Called by the server login
-- (which may call nothing else) before it switches role; the mapping is data in retail.managers.
CREATE OR REPLACE FUNCTION auth.request_role(identity text)
RETURNS text
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE m.access_level
        WHEN 'store_manager' THEN 'zava_store_manager'
        WHEN 'regional_manager' THEN 'zava_regional_manager'
        WHEN 'head_office' THEN 'zava_head_office'
    END
    FROM retail.managers AS m
    WHERE m.rls_user_id = (SELECT retail.parse_uuid(identity))
$$;

COMMENT ON FUNCTION retail.parse_uuid(text) IS 'The text as a uuid, or NULL when it is not a well-formed uuid.';
COMMENT ON FUNCTION retail.current_rls_user_id() IS
'The caller''s identity from the setting mcp.identity, or NULL when unset or malformed.';
COMMENT ON FUNCTION retail.get_current_user_store() IS
'The store the calling store manager runs; NULL for every other caller (fails closed).';
COMMENT ON FUNCTION retail.get_user_store_list() IS
'The stores the caller may see (one, a region, or all); empty for unknown callers (fails closed).';
COMMENT ON FUNCTION auth.request_role(text) IS
'The database role a request with this identity runs as; NULL for an unknown or malformed identity.';

GRANT EXECUTE ON FUNCTION retail.parse_uuid(text), retail.current_rls_user_id(), retail.get_current_user_store(),
retail.get_user_store_list()
TO zava_sql_reader, zava_api_caller;
GRANT EXECUTE ON FUNCTION auth.request_role(text) TO zava_mcp;
