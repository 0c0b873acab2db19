SET LOCAL ROLE zava_owner;

-- Pre-aggregated sales, kept exact in the same transaction as every write (triggers in sql/functions/0160), under
-- the same row-level security as the orders they sum. Each cell holds additive measures of the order lines whose
-- order has that date (or month), store and status: orders is the number of distinct orders with a line in the
-- cell, which adds up over days and stores (an order has one date and one store) but not over products, hence one
-- table per grain that a tool reports. Grains (BENCHMARKS.md has the cell counts): store x day, category x day,
-- product type x month, product x month. A cell whose orders all moved away stays with zeros until a rebuild.
CREATE TABLE retail.sales_store_day (
    order_date date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue numeric NOT NULL,
    cost numeric NOT NULL,
    discount numeric NOT NULL,
    PRIMARY KEY (order_date, store_id, status)
);

CREATE TABLE retail.sales_category_day (
    order_date date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    category_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue numeric NOT NULL,
    cost numeric NOT NULL,
    discount numeric NOT NULL,
    PRIMARY KEY (order_date, store_id, status, category_id)
);

CREATE TABLE retail.sales_type_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    type_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue numeric NOT NULL,
    cost numeric NOT NULL,
    discount numeric NOT NULL,
    PRIMARY KEY (month, store_id, status, type_id)
);

CREATE TABLE retail.sales_product_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    product_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue numeric NOT NULL,
    cost numeric NOT NULL,
    discount numeric NOT NULL,
    PRIMARY KEY (month, store_id, status, product_id)
);

COMMENT ON TABLE retail.sales_store_day IS 'Rollup: order lines per day, store and order status (exact, trigger-kept).';
COMMENT ON TABLE retail.sales_category_day IS 'Rollup: order lines per day, store, status and category.';
COMMENT ON TABLE retail.sales_type_month IS 'Rollup: order lines per month, store, status and product type.';
COMMENT ON TABLE retail.sales_product_month IS 'Rollup: order lines per month, store, status and product.';

ALTER TABLE retail.sales_store_day ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_store_day FORCE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_category_day ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_category_day FORCE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_type_month ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_type_month FORCE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_product_month ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_product_month FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.sales_store_day, retail.sales_category_day, retail.sales_type_month,
retail.sales_product_month
TO zava_store_manager, zava_regional_manager, zava_head_office;

-- The maintainer reads what it sums and writes the rollups; its policies follow.
-- It creates its own functions (CREATE on retail), so that they are its own: SECURITY DEFINER runs them as it.
GRANT USAGE, CREATE ON SCHEMA retail TO zava_rollup_writer;
GRANT SELECT ON retail.orders, retail.order_items, retail.products TO zava_rollup_writer;
GRANT SELECT, INSERT, UPDATE, TRUNCATE ON retail.sales_store_day, retail.sales_category_day,
retail.sales_type_month, retail.sales_product_month
TO zava_rollup_writer;

-- Its policies: it sees every line it sums and writes every cell, and nothing else. Here, not in sql/policies/,
-- because the functions file builds the rollups once, before the repeatable policies run.
CREATE POLICY orders_rollup_writer_select ON retail.orders
FOR SELECT TO zava_rollup_writer USING (true);

CREATE POLICY order_items_rollup_writer_select ON retail.order_items
FOR SELECT TO zava_rollup_writer USING (true);

CREATE POLICY sales_store_day_rollup_writer_all ON retail.sales_store_day
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);

CREATE POLICY sales_category_day_rollup_writer_all ON retail.sales_category_day
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);

CREATE POLICY sales_type_month_rollup_writer_all ON retail.sales_type_month
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);

CREATE POLICY sales_product_month_rollup_writer_all ON retail.sales_product_month
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);

-- Concurrent writers of one order are serialised on an advisory lock per order (0920 revoked those from PUBLIC).
RESET ROLE;
GRANT EXECUTE ON FUNCTION pg_catalog.pg_advisory_xact_lock(bigint) TO zava_rollup_writer;
