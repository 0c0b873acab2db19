-- Every function of schema api is one tool, so a name may have one signature only: the server refuses to start on
-- overloads. A tool whose arguments changed drops its earlier signatures in its own file; one it missed (an upgrade
-- from before 12-05 kept the first api.semantic_search_products beside the current one, and migrate reported
-- success) fails the migration here, in the transaction of this file, instead of the server's start.
DO $$
DECLARE
    overloaded text;
BEGIN
    SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.oid::regprocedure::text) INTO overloaded
    FROM pg_catalog.pg_proc AS p
    WHERE p.pronamespace = 'api'::regnamespace
      AND p.proname IN (
          SELECT q.proname FROM pg_catalog.pg_proc AS q
          WHERE q.pronamespace = 'api'::regnamespace
          GROUP BY q.proname HAVING count(*) > 1
      );
    IF overloaded IS NOT NULL THEN
        RAISE EXCEPTION 'schema api has overloaded functions, which cannot become tools: %', overloaded
            USING ERRCODE = '42723',
            HINT = 'drop the earlier signature in the tool''s file (DROP FUNCTION IF EXISTS ...), then migrate again';
    END IF;
END
$$;
