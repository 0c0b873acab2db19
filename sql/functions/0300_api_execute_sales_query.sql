SET LOCAL ROLE zava_owner;

-- The ad-hoc query tool. The caller's SQL becomes the body of one subquery, opened as a cursor: the grammar
-- admits exactly one SELECT (a second statement, or a data-modifying WITH, is a syntax error; a cursor refuses
-- multi-statement plans), the shim runs it in a READ ONLY transaction under the statement timeout, and for its
-- duration the role is zava_sql_reader, which can read the retail tables through RLS and call nothing else
-- (set_config, advisory locks, pg_notify and large objects are revoked in sql/schema/0920_hardening.sql).
-- VOLATILE because PL/pgSQL allows SET only there; @readonly in its comment has the shim run it READ ONLY, and
-- the function refuses to run in any other transaction.
CREATE OR REPLACE FUNCTION api.execute_sales_query(postgresql_query text)
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
    row_cap CONSTANT integer := 500;
    caller_role text := current_user;
    rows_out jsonb := '[]';
    columns_out jsonb;
    n integer := 0;
    truncated boolean := false;
    rec record;
BEGIN
    IF postgresql_query IS NULL OR btrim(postgresql_query) = '' THEN
        RAISE EXCEPTION 'postgresql_query is empty' USING ERRCODE = '22023';
    END IF;
    IF length(postgresql_query) > 20000 THEN
        RAISE EXCEPTION 'postgresql_query is longer than 20,000 characters' USING ERRCODE = '22023';
    END IF;
    IF NOT pg_catalog.current_setting('transaction_read_only')::boolean THEN
        RAISE EXCEPTION 'ad-hoc queries run only in read-only transactions' USING ERRCODE = '25006';
    END IF;
    SET LOCAL ROLE zava_sql_reader;
    FOR rec IN EXECUTE 'SELECT pg_catalog.row_to_json(q) AS r FROM (' || postgresql_query || E'\n) AS q' LOOP
        IF n = row_cap THEN
            truncated := true;
            EXIT;
        END IF;
        IF columns_out IS NULL THEN
            SELECT pg_catalog.jsonb_agg(k) INTO columns_out FROM pg_catalog.json_object_keys(rec.r) AS k;
        END IF;
        rows_out := rows_out || pg_catalog.jsonb_build_array(
            (SELECT pg_catalog.jsonb_agg(v.value ORDER BY v.ordinality)
             FROM pg_catalog.json_each(rec.r) WITH ORDINALITY AS v));
        n := n + 1;
    END LOOP;
    EXECUTE pg_catalog.format('SET LOCAL ROLE %I', caller_role);
    RETURN pg_catalog.jsonb_build_object(
        'columns', coalesce(columns_out, '[]'), 'rows', rows_out, 'row_count', n, 'truncated', truncated,
        'row_cap', row_cap);
END
$$;

COMMENT ON FUNCTION api.execute_sales_query(text) IS
'Run one read-only PostgreSQL SELECT over the retail tables and get the rows back (at most 500; truncated says
when more were cut).

You only see rows of the stores you may see. Call get_multiple_table_schemas first for table and column names.
Tables are in schema retail (retail.orders, retail.order_items, retail.sales_lines ...). One statement only; no
writes, no settings, no functions beyond built-in ones; a statement timeout applies.
@param postgresql_query One SELECT statement, e.g. SELECT store_id, count(*) FROM retail.orders GROUP BY 1.
@readonly';

REVOKE ALL ON FUNCTION api.execute_sales_query(text) FROM public;
GRANT EXECUTE ON FUNCTION api.execute_sales_query(text) TO zava_store_manager, zava_regional_manager, zava_head_office;
