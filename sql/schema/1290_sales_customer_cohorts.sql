SET LOCAL ROLE zava_owner;

-- get_customer_metrics as head office over three years summed every customer's orders in the period and looked up
-- every earlier customer (2.1-2.4 s at SCALE=large, 130-170 ms at full) to tell new customers from returning ones
-- and to count those with two orders or more. Three rollups of the customer rollup (sql/schema/1200) answer it per
-- store instead, for a period of whole months and one order status (sql/functions/0250):
--
-- * each customer's first month at a store for a status (retail.sales_customer_first);
-- * per month, store and status, the customers, orders and revenue by the month of the customers' first order
--   there (their cohort: retail.sales_customer_cohort): the new customers of a period are the cohorts of its months
--   counted in their own month, their revenue that of the cohorts inside the period;
-- * per month, store and status, the customers with two orders or more in it, as buyer bitmaps like
--   sales_buyers_month (sql/schema/1260): a customer has two orders in a period if they bought in two of its months
--   or twice in one.
--
-- Kept by statement-level triggers on the customer rollup (sql/functions/0157), so as of the last fold like every
-- rollup; the months of a store and status whose cells changed, or whose customers' first month moved, are
-- recomputed from the customer rollup.

-- A customer's cells by customer: their first month, and every month of a customer whose first month moved.
CREATE INDEX sales_customer_month_customer_idx ON retail.sales_customer_month (store_id, status, customer_id, month);

CREATE TABLE retail.sales_customer_first (
    store_id uuid NOT NULL,
    status text NOT NULL,
    customer_id uuid NOT NULL,
    first_month date NOT NULL,
    PRIMARY KEY (store_id, status, customer_id)
);

CREATE TABLE retail.sales_customer_cohort (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    cohort date NOT NULL,
    customers integer NOT NULL,
    orders integer NOT NULL,
    revenue_cents bigint NOT NULL,
    PRIMARY KEY (month, store_id, status, cohort)
);

CREATE TABLE retail.sales_repeat_buyers_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    chunk integer NOT NULL CHECK (chunk >= 0),
    buyers bit(8192) NOT NULL,
    PRIMARY KEY (month, store_id, status, chunk)
);

COMMENT ON TABLE retail.sales_customer_first IS
'The first month a customer has an order line at a store in an order status (as of the last fold).';
COMMENT ON TABLE retail.sales_customer_cohort IS
'Rollup: customers, orders and revenue per month, store and order status, by the month of the customers'' first
order at the store in that status (their cohort).';
COMMENT ON TABLE retail.sales_repeat_buyers_month IS
'Rollup: the customers with two orders or more per month, store and order status, as bitmaps of their buyer
numbers (as sales_buyers_month).';

-- The cells a statement changed in the customer rollup, handed from its triggers to the function that follows them.
CREATE TYPE retail.customer_cell AS (store_id uuid, status text, customer_id uuid, month date);

ALTER TABLE retail.sales_customer_first ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_customer_first FORCE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_customer_cohort ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_customer_cohort FORCE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_repeat_buyers_month ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_repeat_buyers_month FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.sales_customer_first, retail.sales_customer_cohort, retail.sales_repeat_buyers_month
TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE
ON retail.sales_customer_first, retail.sales_customer_cohort, retail.sales_repeat_buyers_month
TO zava_rollup_writer;
GRANT USAGE ON TYPE retail.customer_cell TO zava_rollup_writer;

CREATE POLICY sales_customer_first_rollup_writer_all ON retail.sales_customer_first
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);

CREATE POLICY sales_customer_cohort_rollup_writer_all ON retail.sales_customer_cohort
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);

CREATE POLICY sales_repeat_buyers_month_rollup_writer_all ON retail.sales_repeat_buyers_month
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);
