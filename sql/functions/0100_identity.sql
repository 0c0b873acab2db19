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

-- The key a kept scope is filed under (below): written by auth.request_role, compared by the policy helpers with the
-- current identity's. A SQL expression, inlined where it is used (no call of its own on the policies' path).
CREATE OR REPLACE FUNCTION retail.scope_key(identity text)
RETURNS text
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT 'identity:' || coalesce(identity, '')
$$;

-- The request role for an identity, or NULL when the identity is unknown or malformed. Called by the server login
-- (which may call nothing else) before it switches role; the mapping is data in retail.managers.
--
-- On the way it keeps the identity's scope for the call's policies: the stores it may see, and the one store a
-- store manager runs, in transaction-local settings (retail.scope_*) keyed by the identity. The row-level security
-- policies ask for the scope once per table a statement reads (an analytics call reads six to ten); a look-up cost
-- ~24 µs each time (a SECURITY DEFINER query of two tables), reading the settings ~9 (ten asks in one statement:
-- 240 against 90 µs). The dispatcher runs this first in every call, so a call looks its caller up once; the
-- helpers below do it themselves on any other path (a DBA's session with mcp.identity set by hand). Only the owner
-- and the server login may write settings (set_config is theirs alone, sql/schema/0920 and 1230), so a request
-- cannot plant a scope, as it cannot plant an identity; a scope kept for another identity than the current one is
-- never read (the key), and none outlives its transaction.
CREATE OR REPLACE FUNCTION auth.request_role(identity text)
RETURNS text
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    who uuid := retail.parse_uuid(identity);
    level text;
    stores uuid[];
    ignored text;
BEGIN
    -- PL/pgSQL, whose statements keep their plans: as one SQL statement this cost ~120 µs a call, this ~40.
    SELECT
        (SELECT m.access_level FROM retail.managers AS m WHERE m.rls_user_id = who),
        (
            SELECT coalesce(array_agg(ms.store_id ORDER BY ms.store_id), '{}')
            FROM retail.manager_stores AS ms
            WHERE ms.rls_user_id = who
        )
    INTO level, stores;
    ignored := set_config('retail.scope_stores', stores::text, true);
    ignored := set_config(
        'retail.scope_store',
        CASE WHEN level = 'store_manager' AND cardinality(stores) = 1 THEN stores[1]::text ELSE '' END,
        true
    );
    ignored := set_config('retail.scope_for', retail.scope_key(identity), true);
    RETURN CASE level
        WHEN 'store_manager' THEN 'zava_store_manager'
        WHEN 'regional_manager' THEN 'zava_regional_manager'
        WHEN 'head_office' THEN 'zava_head_office'
    END;
END
$$;

-- The scope of the caller's own identity (mcp.identity), for the helpers below when the scope kept is not the
-- caller's. Requests may not call auth.request_role itself: naming any identity, they would read its scope from
-- the settings.
CREATE OR REPLACE FUNCTION retail.load_own_scope()
RETURNS text
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN auth.request_role(current_setting('mcp.identity', true));
END
$$;

-- Where the scope was kept before auth.request_role kept it itself.
DROP FUNCTION IF EXISTS retail.load_scope(text);

-- The one store a store manager runs; NULL for anyone else (regional managers, head office, unknown callers). Read
-- from the scope kept for the transaction (auth.request_role, above). PL/pgSQL, not SQL: the planner would try to
-- inline a SQL helper (parsing it) each time it plans a policy.
CREATE OR REPLACE FUNCTION retail.get_current_user_store()
RETURNS uuid
LANGUAGE plpgsql
STABLE
AS $$
BEGIN
    IF pg_catalog.current_setting('retail.scope_for', true)
        IS DISTINCT FROM retail.scope_key(pg_catalog.current_setting('mcp.identity', true)) THEN
        PERFORM retail.load_own_scope();
    END IF;
    RETURN nullif(pg_catalog.current_setting('retail.scope_store'), '')::uuid;
END
$$;

-- Every store the caller may see; an empty array for an unknown, missing or malformed identity (the scope kept).
CREATE OR REPLACE FUNCTION retail.get_user_store_list()
RETURNS uuid[]
LANGUAGE plpgsql
STABLE
AS $$
BEGIN
    IF pg_catalog.current_setting('retail.scope_for', true)
        IS DISTINCT FROM retail.scope_key(pg_catalog.current_setting('mcp.identity', true)) THEN
        PERFORM retail.load_own_scope();
    END IF;
    RETURN pg_catalog.current_setting('retail.scope_stores')::uuid[];
END
$$;

-- Whether the caller's scope holds every store a manager may be given (head office, as data has it today): the
-- policy of the tables that sum over stores (sql/policies/0700, retail.sales_customer_total). SECURITY DEFINER to
-- read the scopes of retail.manager_stores, of which it tells nothing but this one fact about the caller itself.
-- False for an unknown caller (an empty scope), unless there are no stores at all.
CREATE OR REPLACE FUNCTION retail.caller_sees_every_store()
RETURNS boolean
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT NOT EXISTS (
        SELECT FROM retail.manager_stores AS ms
        WHERE ms.store_id <> ALL(retail.get_user_store_list())
    )
$$;

COMMENT ON FUNCTION retail.parse_uuid(text) IS 'The text as a uuid, or NULL when it is not a well-formed uuid.';
COMMENT ON FUNCTION retail.current_rls_user_id() IS
'The caller''s identity from the setting mcp.identity, or NULL when unset or malformed.';
COMMENT ON FUNCTION retail.scope_key(text) IS
'The key a scope kept for the transaction is filed under for this identity (setting retail.scope_for).';
COMMENT ON FUNCTION retail.load_own_scope() IS
'Keeps the scope of the caller''s identity (the setting mcp.identity) for the transaction and returns its request
role (auth.request_role).';
COMMENT ON FUNCTION retail.get_current_user_store() IS
'The store the calling store manager runs; NULL for every other caller (fails closed).';
COMMENT ON FUNCTION retail.get_user_store_list() IS
'The stores the caller may see (one, a region, or all); empty for unknown callers (fails closed).';
COMMENT ON FUNCTION retail.caller_sees_every_store() IS
'Whether the caller may see every store that any manager may be given (head office); false for unknown callers.';
COMMENT ON FUNCTION auth.request_role(text) IS
'The database role a request with this identity runs as; NULL for an unknown or malformed identity. Keeps the
identity''s scope for the transaction (settings retail.scope_*).';

GRANT EXECUTE ON FUNCTION retail.parse_uuid(text), retail.current_rls_user_id(), retail.get_current_user_store(),
retail.get_user_store_list(), retail.load_own_scope(), retail.scope_key(text)
TO zava_sql_reader, zava_api_caller;
GRANT EXECUTE ON FUNCTION retail.caller_sees_every_store() TO zava_api_caller;
-- The rollup maintainer too: retail.unfolded_customers (sql/functions/0178) asks which stores its caller sees.
GRANT EXECUTE ON FUNCTION retail.caller_sees_every_store(), retail.get_user_store_list(), retail.load_own_scope(),
retail.scope_key(text)
TO zava_rollup_writer;
GRANT EXECUTE ON FUNCTION auth.request_role(text) TO zava_mcp;
