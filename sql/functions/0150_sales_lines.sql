-- One row per line of a completed order, with what analytics need. security_invoker: the caller's RLS applies.
-- Column order is part of the view: CREATE OR REPLACE VIEW can only append columns.
CREATE OR REPLACE VIEW retail.sales_lines WITH (security_invoker = true) AS
SELECT  -- noqa: ST06
    oi.store_id,
    o.order_id,
    o.customer_id,
    o.order_date,
    oi.product_id,
    p.category_id,
    p.type_id,
    oi.quantity,
    oi.total_amount AS revenue,
    p.cost * oi.quantity AS cost_amount,
    oi.discount_amount
FROM retail.order_items AS oi
INNER JOIN retail.orders AS o ON oi.order_id = o.order_id AND oi.store_id = o.store_id
INNER JOIN retail.products AS p ON oi.product_id = p.product_id
WHERE o.status = 'completed';

COMMENT ON VIEW retail.sales_lines IS
'Lines of completed orders (refunded and cancelled orders excluded), with revenue after discounts and cost.';

GRANT SELECT ON retail.sales_lines TO zava_store_manager, zava_regional_manager, zava_head_office, zava_sql_reader;
