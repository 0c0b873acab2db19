SET LOCAL ROLE zava_owner;

-- Sales per week (Monday to Sunday), store, order status and product: for the days of a period outside its whole
-- months (the 90 days of get_low_stock and get_stockout_risk are always such days), which the product x month
-- rollup cannot split and which were read from the lines. Its weeks cover them but for at most six days at each
-- end. 1,036,203 cells for the 4,394,016 lines of SCALE=large (4.2x fewer, no join); folded from the log like the
-- others (sql/functions/0160), so it costs writes nothing.
CREATE TABLE retail.sales_product_week (
    week date NOT NULL CHECK (extract(ISODOW FROM week) = 1),
    store_id uuid NOT NULL,
    status text NOT NULL,
    product_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL,
    PRIMARY KEY (week, store_id, status, product_id)
);

COMMENT ON TABLE retail.sales_product_week IS
'Rollup: order lines per week (from Monday), store, order status and product (as of the last fold).';

ALTER TABLE retail.sales_product_week ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_product_week FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.sales_product_week TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT SELECT, INSERT, UPDATE, TRUNCATE ON retail.sales_product_week TO zava_rollup_writer;

CREATE POLICY sales_product_week_rollup_writer_all ON retail.sales_product_week
FOR ALL TO zava_rollup_writer USING (TRUE) WITH CHECK (TRUE);
