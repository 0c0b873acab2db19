SET LOCAL ROLE zava_owner;

-- What changed in the orders since the sales rollups (1030, 1040) last took it in. A write appends a row per changed
-- order line, order or product: the row as it was before (or, for a new line, that it was not there), nothing else.
-- jobs.fold_sales_changes (sql/functions/0160) later moves the changed orders in the rollups from what they were to
-- what they are, in one statement that also deletes the rows it read. Appending costs a write ~1/20 of what
-- upserting five rollups in the writing transaction cost (BENCHMARKS.md, "The write path").
-- Indexed by its key only (logical replication needs one to replay the fold's deletions): it is appended to on
-- every write and read whole by the fold.
CREATE TABLE retail.sales_changes (
    change_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject text NOT NULL CHECK (subject IN ('order', 'line', 'product')),
    -- the changed row's key: an order (order_id, store_id), a line (order_item_id, store_id) of order_id, a product
    order_id uuid,
    store_id uuid,
    order_item_id uuid,
    product_id uuid,
    -- a line that did not exist before this change (inserted): the columns below are then empty
    was_absent boolean NOT NULL DEFAULT FALSE,
    -- the order as it was
    order_date date,
    status text,
    created_at timestamptz,
    -- the line as it was (with order_id, store_id and product_id)
    quantity integer,
    total_amount numeric,
    discount_amount numeric,
    -- the product as it was
    cost numeric,
    category_id uuid,
    type_id uuid,
    CHECK (subject <> 'line' OR (order_item_id IS NOT NULL AND order_id IS NOT NULL AND store_id IS NOT NULL)),
    CHECK (subject <> 'order' OR (order_id IS NOT NULL AND store_id IS NOT NULL AND NOT was_absent)),
    CHECK (subject <> 'product' OR (product_id IS NOT NULL AND NOT was_absent))
);

COMMENT ON TABLE retail.sales_changes IS
'Order lines, orders and products changed since the sales rollups were last folded, each as it was before.';

-- Nobody reads it but its maintainer: no tenant policy, so RLS shows request roles nothing even if granted.
ALTER TABLE retail.sales_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_changes FORCE ROW LEVEL SECURITY;

GRANT SELECT, INSERT, DELETE, TRUNCATE ON retail.sales_changes TO zava_rollup_writer;

CREATE POLICY sales_changes_rollup_writer_all ON retail.sales_changes
FOR ALL TO zava_rollup_writer USING (TRUE) WITH CHECK (TRUE);

-- Work the server runs on a schedule (a function's "@every <seconds>" comment; the server's --jobs-schema). The
-- maintainer creates its fold there; the server's login may run it and nothing else in it.
-- One fold at a time: the fold takes a transaction advisory lock, without waiting (0920 revoked those from PUBLIC).
RESET ROLE;
CREATE SCHEMA jobs AUTHORIZATION zava_owner;
REVOKE ALL ON SCHEMA jobs FROM public;
COMMENT ON SCHEMA jobs IS 'Functions the MCP server runs on a schedule (@every in their comment), not tools.';
GRANT USAGE, CREATE ON SCHEMA jobs TO zava_rollup_writer;
GRANT USAGE ON SCHEMA jobs TO zava_mcp;
GRANT EXECUTE ON FUNCTION pg_catalog.pg_try_advisory_xact_lock(bigint) TO zava_rollup_writer;

COMMENT ON TABLE retail.sales_store_day IS
'Rollup: order lines per day, store and order status (as of the last fold of retail.sales_changes).';
