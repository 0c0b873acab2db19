-- Built-ins every role may call by default that a request must not: changing settings (the identity and the role
-- are settings), advisory locks, NOTIFY and large objects. Revoked from PUBLIC in this database; the server login
-- keeps set_config, which is how it sets a request's identity and role in the first place.
REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM public;
GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO zava_mcp;

DO $$
DECLARE
    fn regprocedure;
BEGIN
    FOR fn IN
        SELECT p.oid::regprocedure
        FROM pg_catalog.pg_proc AS p
        WHERE p.pronamespace = 'pg_catalog'::regnamespace
            AND (p.proname LIKE 'pg\_%advisory%' OR p.proname IN ('pg_notify', 'lo_creat', 'lo_create', 'lo_open',
                'lo_import', 'lo_export', 'lo_unlink', 'lo_put', 'lo_get', 'lo_from_bytea', 'loread', 'lowrite',
                'lo_truncate', 'lo_truncate64', 'lo_lseek', 'lo_lseek64', 'lo_tell', 'lo_tell64', 'lo_close'))
    LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM public', fn);
    END LOOP;
END
$$;
