SET LOCAL ROLE zava_owner;

-- Sales per customer over every store, status and day: an upper bound of what a customer spent in any period, at
-- any stores, counting any statuses (a line's total is never negative: order_items' CHECK). get_top_customers as
-- head office ranked every customer's sum over the period (three years: 110 ms at full, 872 ms at large, ~400,000
-- customers summed to keep ten); with this bound it sums only the customers whose bound reaches the tenth best sum
-- found among the customers with the highest bounds (135 of 500,000 at large: sql/functions/0178). Folded from the
-- log like the other rollups (sql/functions/0160): it costs writers nothing, the fold one more small grain.
--
-- Not a tenant table: a customer's row sums their orders at every store, so only a caller who sees every store may
-- read it (sql/policies/0700); no store manager, regional manager or ad-hoc query sees a row. On Citus it would be
-- distributed by customer_id (SCALING.md), not co-located with the orders.
CREATE TABLE retail.sales_customer_total (
    customer_id uuid PRIMARY KEY,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL
);

-- The customers in order of their bound, read from the top down.
CREATE INDEX sales_customer_total_revenue_idx ON retail.sales_customer_total (revenue_cents DESC, customer_id);

COMMENT ON TABLE retail.sales_customer_total IS
'Rollup: order lines per customer over every store, status and day (as of the last fold); read only by callers who
see every store.';

ALTER TABLE retail.sales_customer_total ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_customer_total FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.sales_customer_total TO zava_head_office;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON retail.sales_customer_total TO zava_rollup_writer;

CREATE POLICY sales_customer_total_rollup_writer_all ON retail.sales_customer_total
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);
