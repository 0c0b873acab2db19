SET LOCAL ROLE zava_owner;

-- Sales per month, store, status and hour of the day the order was created (UTC), for "when in the day do we
-- sell": 12,383 cells for the 443,239 lines of the full data set, against 119,819 had the store x day rollup
-- carried the hour. Kept by the same triggers as the other rollups (sql/functions/0160); an order has one
-- created_at, so orders add up over hours as over days.
CREATE TABLE retail.sales_hour_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue numeric NOT NULL,
    cost numeric NOT NULL,
    discount numeric NOT NULL,
    PRIMARY KEY (month, store_id, status, hour)
);

COMMENT ON TABLE retail.sales_hour_month IS
'Rollup: order lines per month, store, order status and hour of the order''s creation (UTC).';

ALTER TABLE retail.sales_hour_month ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_hour_month FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.sales_hour_month TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT SELECT, INSERT, UPDATE, TRUNCATE ON retail.sales_hour_month TO zava_rollup_writer;

CREATE POLICY sales_hour_month_rollup_writer_all ON retail.sales_hour_month
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);
