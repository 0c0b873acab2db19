SET LOCAL ROLE zava_owner;

-- Sales per quarter and per year, store, order status and product: a long period read from the product x month
-- rollup summed every month of every product at every store (three years: 68,419 cells at full, most of
-- get_top_products and of the product split). Its whole years and the whole quarters outside them answer it with
-- far fewer cells (three whole years: 3 per product and store instead of 36), the months left and the weeks and days
-- around them as before (retail.period_cells gains the split below). Folded from the log like the others
-- (sql/functions/0160), so they cost writers nothing; the fold pays one more grain each.
CREATE TABLE retail.sales_product_quarter (
    quarter date NOT NULL CHECK (quarter = date_trunc('quarter', quarter)),
    store_id uuid NOT NULL,
    status text NOT NULL,
    product_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL,
    PRIMARY KEY (quarter, store_id, status, product_id)
);

CREATE TABLE retail.sales_product_year (
    year date NOT NULL CHECK (year = date_trunc('year', year)),
    store_id uuid NOT NULL,
    status text NOT NULL,
    product_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL,
    PRIMARY KEY (year, store_id, status, product_id)
);

COMMENT ON TABLE retail.sales_product_quarter IS
'Rollup: order lines per quarter, store, order status and product (as of the last fold).';
COMMENT ON TABLE retail.sales_product_year IS
'Rollup: order lines per year, store, order status and product (as of the last fold).';

ALTER TABLE retail.sales_product_quarter ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_product_quarter FORCE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_product_year ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.sales_product_year FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.sales_product_quarter, retail.sales_product_year
TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON retail.sales_product_quarter, retail.sales_product_year
TO zava_rollup_writer;

CREATE POLICY sales_product_quarter_rollup_writer_all ON retail.sales_product_quarter
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);

CREATE POLICY sales_product_year_rollup_writer_all ON retail.sales_product_year
FOR ALL TO zava_rollup_writer USING (true) WITH CHECK (true);

-- The whole months of a period, split for the product readers: the first days of its whole years, of its whole
-- quarters outside them, and of the whole months outside both (months keeps every whole month, for the readers
-- of month-grain rollups).
ALTER TYPE retail.period_cells
ADD ATTRIBUTE years date[],
ADD ATTRIBUTE quarters date[],
ADD ATTRIBUTE lone_months date[];

COMMENT ON TYPE retail.period_cells IS
'An inclusive period [first_day, last_day] as the first days of its whole months (months), the Mondays of the
whole weeks among the other days (weeks), the days outside whole months (days), and the days outside both
(edge_days); its whole months again as whole years (years), whole quarters outside them (quarters) and the months
outside both (lone_months).';
