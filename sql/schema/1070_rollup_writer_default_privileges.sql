-- Functions zava_rollup_writer creates (sql/functions/0160, 0165) are not executable by PUBLIC, like the owner's
-- (sql/schema/0100_roles.sql): no file has to revoke it function by function, and none can forget to.
ALTER DEFAULT PRIVILEGES FOR ROLE zava_rollup_writer REVOKE EXECUTE ON FUNCTIONS FROM public;
