SET LOCAL ROLE zava_owner;

-- A store's distinct customers over a period, as bitmaps: get_store_performance counted them by taking the distinct
-- (store, customer) pairs of the customer rollup's months, ~1.4M cells as head office over three years at
-- SCALE=large (~650 ms, most of the call). Here each customer who ever bought at a store has a number there, dense
-- from 0 in the order they first did; and each (month, store, status) has the set of its buyers as bitmaps of 8,192
-- numbers each (chunk n holds numbers 8192n to 8192n + 8191). The buyers of any months and statuses are the OR of
-- their bitmaps per chunk, and their count the bits set: the same count from ~1,700 bitmaps in ~7 ms (large).
-- Both follow the customer rollup's cells (a cell exists while an order has a line in it): its triggers
-- (sql/functions/0155) keep them, so they are as of the last fold, like every rollup.
CREATE TABLE retail.sales_buyer_numbers (
    store_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    buyer_number integer NOT NULL CHECK (buyer_number >= 0),
    PRIMARY KEY (store_id, customer_id),
    UNIQUE (store_id, buyer_number)
);

COMMENT ON TABLE retail.sales_buyer_numbers IS
'Each customer who bought at a store, numbered densely per store from 0 (bit positions of sales_buyers_month).';

CREATE TABLE retail.sales_buyers_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    chunk integer NOT NULL CHECK (chunk >= 0),
    buyers bit(8192) NOT NULL,
    PRIMARY KEY (month, store_id, status, chunk)
);

COMMENT ON TABLE retail.sales_buyers_month IS
'Rollup: the customers with an order line per month, store and order status, as bitmaps of their buyer numbers
(bit i of chunk n: buyer number 8192n + i).';

ALTER TABLE retail.sales_buyer_numbers ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_buyer_numbers FORCE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_buyers_month ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_buyers_month FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.sales_buyer_numbers, retail.sales_buyers_month
TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON retail.sales_buyer_numbers, retail.sales_buyers_month
TO zava_rollup_writer;

CREATE POLICY sales_buyer_numbers_rollup_writer_all ON retail.sales_buyer_numbers
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);

CREATE POLICY sales_buyers_month_rollup_writer_all ON retail.sales_buyers_month
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);
