-- Stage 5b: the indexes and keys stage 5 took off, made again from their definitions: indexes first, then primary
-- and unique keys, then the foreign keys, each checked against all the rows at once.
DO $$
DECLARE
    k record;
BEGIN
    FOR k IN SELECT * FROM seed_indexes ORDER BY index_name LOOP
        EXECUTE k.definition;
    END LOOP;
    FOR k IN SELECT * FROM seed_keys ORDER BY is_foreign, table_name, key_name LOOP
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.table_name, k.key_name, k.definition);
    END LOOP;
END
$$;
