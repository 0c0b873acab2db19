-- The identity helpers cache the caller's scope (the stores they may see) in transaction-local settings, written by
-- retail.load_user_scope (sql/functions/0100_identity.sql), which runs as the owner: so the owner may call
-- set_config, revoked from everyone but the server login in 0920. Request roles still may not.
GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO zava_owner;
