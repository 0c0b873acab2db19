SET LOCAL ROLE zava_owner;

-- The search's GIN indexes (1090, 1110) write straight into the index instead of a pending list. With the default
-- (fastupdate on), the seed's rows waited in each index's pending list, which every search reads in full, and on a
-- catalog this size nothing ever flushed them: autovacuum waits for 1,000 inserted rows and the catalog has 405
-- products, 810 translations and 61 types. A hybrid search took ~7.6 ms of database time, ~1.5 ms with the lists
-- flushed (one trigram probe of the translations 0.98 -> 0.10 ms). The catalog changes rarely, so writing into the
-- index directly costs nothing that matters. The lists already there are flushed here.
DO $$
DECLARE
    gin_index regclass;
BEGIN
    FOR gin_index IN
        SELECT i.indexrelid::regclass
        FROM pg_catalog.pg_index AS i
        INNER JOIN pg_catalog.pg_class AS c ON i.indexrelid = c.oid
        INNER JOIN pg_catalog.pg_am AS a ON c.relam = a.oid
        WHERE a.amname = 'gin' AND c.relnamespace = 'retail'::regnamespace
        ORDER BY 1
    LOOP
        EXECUTE pg_catalog.format('ALTER INDEX %s SET (fastupdate = off)', gin_index);
        PERFORM pg_catalog.gin_clean_pending_list(gin_index);
    END LOOP;
END
$$;
