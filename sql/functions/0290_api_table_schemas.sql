-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_multiple_table_schemas(text[]);

-- The tables an ad-hoc query may read: those of schema retail whose columns zava_sql_reader can SELECT (it holds
-- column grants, not table grants: sql/schema/0970_adhoc_reader_limits.sql).
CREATE OR REPLACE FUNCTION retail.queryable_tables()
RETURNS TABLE (table_name name, table_oid oid)
LANGUAGE sql
STABLE
AS $$
    SELECT c.relname, c.oid
    FROM pg_catalog.pg_class AS c
    WHERE c.relnamespace = 'retail'::regnamespace AND c.relkind IN ('r', 'v')
      AND pg_catalog.has_any_column_privilege('zava_sql_reader', c.oid, 'SELECT')
    ORDER BY c.relname
$$;

COMMENT ON FUNCTION retail.queryable_tables() IS 'Tables and views of retail that ad-hoc queries may read.';
GRANT EXECUTE ON FUNCTION retail.queryable_tables() TO zava_api_caller;

CREATE OR REPLACE FUNCTION api.get_multiple_table_schemas(table_names api.name_text[])
RETURNS jsonb
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    wanted text;
    unknown text[] := '{}';
    result jsonb := '[]';
    rel record;
BEGIN
    IF table_names IS NULL OR cardinality(table_names) = 0 THEN
        RAISE EXCEPTION 'give at least one table name' USING ERRCODE = '22023', COLUMN = 'table_names',
            HINT = 'tables: ' || (SELECT string_agg(q.table_name, ', ') FROM retail.queryable_tables() AS q);
    END IF;
    FOREACH wanted IN ARRAY table_names LOOP
        SELECT q.table_name, q.table_oid INTO rel FROM retail.queryable_tables() AS q
        WHERE q.table_name = lower(regexp_replace(btrim(wanted), '^retail\.', '', 'i'));
        IF NOT FOUND THEN
            unknown := unknown || wanted;
            CONTINUE;
        END IF;
        result := result || jsonb_build_object(
            'table', 'retail.' || rel.table_name,
            'description', obj_description(rel.table_oid, 'pg_class'),
            'columns', (
                SELECT jsonb_agg(jsonb_build_object(
                    'name', a.attname,
                    'type', format_type(a.atttypid, a.atttypmod),
                    'nullable', NOT a.attnotnull) ORDER BY a.attnum)
                FROM pg_catalog.pg_attribute AS a
                WHERE a.attrelid = rel.table_oid AND a.attnum > 0 AND NOT a.attisdropped
                  AND pg_catalog.has_column_privilege('zava_sql_reader', rel.table_oid, a.attnum, 'SELECT')
            ),
            'primary_key', (
                SELECT jsonb_agg(a.attname ORDER BY k.ord)
                FROM pg_catalog.pg_constraint AS c
                CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k (attnum, ord)
                JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                WHERE c.conrelid = rel.table_oid AND c.contype = 'p'
            ),
            'relationships', coalesce((
                SELECT jsonb_agg(jsonb_build_object(
                    'columns', (SELECT jsonb_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey)
                                WITH ORDINALITY AS k (attnum, ord) JOIN pg_catalog.pg_attribute AS a
                                ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                    'references', c.confrelid::regclass::text,
                    'referenced_columns', (SELECT jsonb_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey)
                                WITH ORDINALITY AS k (attnum, ord) JOIN pg_catalog.pg_attribute AS a
                                ON a.attrelid = c.confrelid AND a.attnum = k.attnum)))
                FROM pg_catalog.pg_constraint AS c
                WHERE c.conrelid = rel.table_oid AND c.contype = 'f'
                  AND c.confrelid IN (SELECT q.table_oid FROM retail.queryable_tables() AS q)
            ), '[]'),
            'valid_values', CASE rel.table_name
                WHEN 'stores' THEN jsonb_build_object('store_name',
                    (SELECT jsonb_agg(s.store_name ORDER BY s.store_name) FROM retail.stores AS s))
                WHEN 'categories' THEN jsonb_build_object('category_name',
                    (SELECT jsonb_agg(c.category_name ORDER BY c.category_name) FROM retail.categories AS c))
                WHEN 'product_types' THEN jsonb_build_object('type_name',
                    (SELECT jsonb_agg(t.type_name ORDER BY t.type_name) FROM retail.product_types AS t))
                -- The years with an order you can see: one index probe per year (the first order date on or
                -- after each next 1 January), not a read of every order (4.9-5.9 ms at small, more with scale).
                WHEN 'orders' THEN jsonb_build_object(
                    'order_year', (
                        WITH RECURSIVE first_day AS (
                            SELECT min(o.order_date) AS d FROM retail.orders AS o
                            UNION ALL
                            SELECT (
                                SELECT min(o.order_date) FROM retail.orders AS o
                                WHERE o.order_date >= make_date(extract(YEAR FROM f.d)::int + 1, 1, 1)
                            )
                            FROM first_day AS f WHERE f.d IS NOT NULL
                        )
                        SELECT jsonb_agg(extract(YEAR FROM f.d)::int ORDER BY f.d)
                        FROM first_day AS f WHERE f.d IS NOT NULL
                    ),
                    'status', to_jsonb(enum_range(NULL::api.order_status)))
            END
        );
    END LOOP;
    IF cardinality(unknown) > 0 THEN
        RAISE EXCEPTION 'unknown table(s): %', array_to_string(unknown, ', ')
            USING ERRCODE = '22023', COLUMN = 'table_names',
            HINT = 'tables: ' || (SELECT string_agg(q.table_name, ', ') FROM retail.queryable_tables() AS q);
    END IF;
    RETURN result;
END
$$;

COMMENT ON FUNCTION api.get_multiple_table_schemas(api.name_text[]) IS
'Describe tables for writing an ad-hoc query with execute_sales_query: columns and types, primary key,
relationships, and the valid values you can see (store names, categories, product types, order years).

Call it before execute_sales_query. Tables: stores, customers, categories, product_types, products, inventory,
orders, order_items, product_translations, product_description_embeddings, sales_lines (completed order lines with
revenue and cost). Only the columns an ad-hoc query may read are listed (customers'' email and phone are not).
@param table_names Table names, e.g. ["orders", "order_items", "products"].
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_multiple_table_schemas(api.name_text[])
TO zava_api_caller;
