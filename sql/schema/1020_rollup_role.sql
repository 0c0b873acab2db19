-- zava_rollup_writer (NOLOGIN) owns the functions that keep the sales rollups exact (sql/functions/0160). Its own
-- policies let it read every order line and write every rollup row; nobody else gets those rights (zava_owner is no
-- member of it, so the owner's other SECURITY DEFINER helpers still see no tenant rows). The migrating user may SET
-- ROLE to it, to create those functions, without inheriting its rights.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'zava_rollup_writer') THEN
        CREATE ROLE zava_rollup_writer NOLOGIN;
    END IF;
    ALTER ROLE zava_rollup_writer NOSUPERUSER NOBYPASSRLS NOLOGIN;
    IF NOT pg_catalog.pg_has_role(current_user, 'zava_rollup_writer', 'SET') THEN
        EXECUTE format('GRANT zava_rollup_writer TO %I WITH INHERIT FALSE, SET TRUE', current_user);
    END IF;
END
$$;
