SET LOCAL ROLE zava_owner;

-- Sales per store and customer over every status and day: get_top_customers' bound for one store (a store
-- manager's own, or the store asked for), as sales_customer_total (sql/schema/1280) is for a caller who sees every
-- store. A store manager's top customers over three years summed every customer of the store (Seattle at
-- SCALE=large: 228,506 rollup cells, ~0.9 s); with the bound, 69 of them. A tenant table like the other rollups
-- (co-located by store, the same policies), folded like them.
CREATE TABLE retail.sales_customer_store_total (
    store_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL,
    PRIMARY KEY (store_id, customer_id)
);

-- A store's customers in order of their bound, read from the top down.
CREATE INDEX sales_customer_store_total_revenue_idx
ON retail.sales_customer_store_total (store_id, revenue_cents DESC, customer_id);

COMMENT ON TABLE retail.sales_customer_store_total IS
'Rollup: order lines per store and customer over every status and day (as of the last fold).';

ALTER TABLE retail.sales_customer_store_total ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_customer_store_total FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.sales_customer_store_total TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON retail.sales_customer_store_total TO zava_rollup_writer;

CREATE POLICY sales_customer_store_total_rollup_writer_all ON retail.sales_customer_store_total
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);
