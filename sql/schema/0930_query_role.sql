-- zava_sql_reader: the role an ad-hoc query (api.execute_sales_query) runs as. It may read the retail tables
-- through RLS and nothing else: no API functions, no manager tables, no writes. The server login may switch to it
-- (the query function does so for the length of the query); it never logs in.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'zava_sql_reader') THEN
        CREATE ROLE zava_sql_reader NOLOGIN;
    END IF;
    GRANT zava_sql_reader TO zava_mcp;
END
$$;

GRANT USAGE ON SCHEMA retail TO zava_sql_reader;
GRANT SELECT ON retail.stores, retail.customers, retail.categories, retail.product_types, retail.products,
retail.inventory, retail.orders, retail.order_items, retail.product_description_embeddings
TO zava_sql_reader;
