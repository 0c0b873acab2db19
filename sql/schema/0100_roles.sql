-- Roles of the package. Cluster-wide, so created only when missing; re-running this file on another database of
-- the same cluster is harmless.
--
--   zava_owner              NOLOGIN  owns every object; SECURITY DEFINER helpers run as it
--   zava_mcp                LOGIN    the MCP server's login: owns nothing, no table rights, may only switch to the
--                                    request roles (NOINHERIT, so it never uses their rights without SET ROLE)
--   zava_store_manager      NOLOGIN  request role of a store manager: one store
--   zava_regional_manager   NOLOGIN  request role of a regional manager: the stores of a region
--   zava_head_office        NOLOGIN  request role of head office: every store
DO $$
DECLARE
    request_role text;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'zava_owner') THEN
        CREATE ROLE zava_owner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'zava_mcp') THEN
        CREATE ROLE zava_mcp LOGIN NOINHERIT;
    END IF;
    -- Whatever a DBA may have granted by hand, the server login stays powerless.
    ALTER ROLE zava_mcp NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    FOREACH request_role IN ARRAY ARRAY['zava_store_manager', 'zava_regional_manager', 'zava_head_office'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = request_role) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', request_role);
        END IF;
        EXECUTE format('GRANT %I TO zava_mcp', request_role);
    END LOOP;
    -- The migrating user creates objects as zava_owner (SET LOCAL ROLE at the top of each file).
    IF NOT pg_catalog.pg_has_role(current_user, 'zava_owner', 'MEMBER') THEN
        EXECUTE format('GRANT zava_owner TO %I', current_user);
    END IF;
END
$$;

-- Functions the owner creates are not executable by PUBLIC; each file grants EXECUTE to exactly who needs it.
ALTER DEFAULT PRIVILEGES FOR ROLE zava_owner REVOKE EXECUTE ON FUNCTIONS FROM public;
