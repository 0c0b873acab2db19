-- zava_api_caller (NOLOGIN): EXECUTE on the tools, the prompts and the helpers they call is granted to it once per
-- function (sql/functions), instead of to each request role. Its members are exactly the three request roles: they
-- use its rights (INHERIT TRUE) but may not become it (SET FALSE) nor grant it (no ADMIN), so no session ever runs
-- as it. It owns nothing, reads no table and no policy names it. NOINHERIT: a role granted to it by mistake would
-- lend the request roles nothing through it.
DO $$
DECLARE
    request_role text;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'zava_api_caller') THEN
        CREATE ROLE zava_api_caller NOLOGIN NOINHERIT;
    END IF;
    ALTER ROLE zava_api_caller NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
    FOREACH request_role IN ARRAY ARRAY['zava_store_manager', 'zava_regional_manager', 'zava_head_office'] LOOP
        EXECUTE pg_catalog.format('GRANT zava_api_caller TO %I WITH INHERIT TRUE, SET FALSE', request_role);
    END LOOP;
END
$$;

-- A database migrated before this file has those grants on each request role: they move to the group, so the
-- functions' ACLs become what a new database gets from sql/functions (the repeatable files run after this one).
DO $$
DECLARE
    fn regprocedure;
BEGIN
    FOR fn IN
        SELECT p.oid::regprocedure
        FROM pg_catalog.pg_proc AS p
        WHERE p.pronamespace IN (
            'retail'::regnamespace, 'api'::regnamespace, 'auth'::regnamespace, 'prompts'::regnamespace
        )
        AND (
            SELECT pg_catalog.count(DISTINCT a.grantee)
            FROM pg_catalog.aclexplode(p.proacl) AS a
            WHERE a.privilege_type = 'EXECUTE'
                AND a.grantee IN (
                    'zava_store_manager'::regrole, 'zava_regional_manager'::regrole, 'zava_head_office'::regrole
                )
        ) = 3
    LOOP
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO zava_api_caller', fn);
        EXECUTE pg_catalog.format(
            'REVOKE EXECUTE ON FUNCTION %s FROM zava_store_manager, zava_regional_manager, zava_head_office', fn
        );
    END LOOP;
END
$$;
