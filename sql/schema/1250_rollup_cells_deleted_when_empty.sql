SET LOCAL ROLE zava_owner;

-- The fold deletes a cell that a change empties (sql/macros/rollups.sql) instead of keeping it at zero: a customer
-- whose only completed order of a month was refunded stayed a zero cell of sales_customer_month and was still
-- counted among the store's customers (get_store_performance, get_customer_metrics) and ranked with 0 orders by
-- get_top_customers. Its maintainer may now delete cells; the zero cells folds left so far go here.
GRANT DELETE ON retail.sales_store_day, retail.sales_category_day, retail.sales_type_month,
retail.sales_product_month, retail.sales_hour_month, retail.sales_customer_month, retail.sales_product_week
TO zava_rollup_writer;

-- As the maintainer: RLS is forced on the rollups and only its policy lets a role write them.
SET LOCAL ROLE zava_rollup_writer;

DELETE FROM retail.sales_store_day
WHERE (orders, lines, units, revenue_cents, cost_cents, discount_cents) = (0, 0, 0, 0, 0, 0);
DELETE FROM retail.sales_category_day
WHERE (orders, lines, units, revenue_cents, cost_cents, discount_cents) = (0, 0, 0, 0, 0, 0);
DELETE FROM retail.sales_type_month
WHERE (orders, lines, units, revenue_cents, cost_cents, discount_cents) = (0, 0, 0, 0, 0, 0);
DELETE FROM retail.sales_product_month
WHERE (orders, lines, units, revenue_cents, cost_cents, discount_cents) = (0, 0, 0, 0, 0, 0);
DELETE FROM retail.sales_hour_month
WHERE (orders, lines, units, revenue_cents, cost_cents, discount_cents) = (0, 0, 0, 0, 0, 0);
DELETE FROM retail.sales_customer_month
WHERE (orders, lines, units, revenue_cents, cost_cents, discount_cents) = (0, 0, 0, 0, 0, 0);
DELETE FROM retail.sales_product_week
WHERE (orders, lines, units, revenue_cents, cost_cents, discount_cents) = (0, 0, 0, 0, 0, 0);
