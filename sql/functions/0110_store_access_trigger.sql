-- A new store is run by its own rls_user_id and seen by head office, without anyone editing policies.
CREATE OR REPLACE FUNCTION retail.grant_new_store_access()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO retail.managers (rls_user_id, manager_name, access_level)
    VALUES (NEW.rls_user_id, 'Store manager, ' || NEW.store_name, 'store_manager')
    ON CONFLICT (rls_user_id) DO NOTHING;

    INSERT INTO retail.manager_stores (rls_user_id, store_id)
    SELECT m.rls_user_id, NEW.store_id
    FROM retail.managers AS m
    WHERE m.access_level = 'head_office'
        OR (m.rls_user_id = NEW.rls_user_id AND m.access_level = 'store_manager')
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION retail.grant_new_store_access() IS
'Trigger: gives a new store''s rls_user_id its store and adds the store to head office.';

CREATE OR REPLACE TRIGGER stores_grant_new_store_access
AFTER INSERT ON retail.stores
FOR EACH ROW EXECUTE FUNCTION retail.grant_new_store_access();
