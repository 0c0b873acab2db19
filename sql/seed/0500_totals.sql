-- Stage 5: order totals from their lines; a customer's created_at is the day of their first order.
UPDATE retail.orders AS o SET total_amount = t.total
FROM (
    SELECT
        oi.order_id,
        sum(oi.total_amount) AS total
    FROM retail.order_items AS oi
    GROUP BY oi.order_id
) AS t
WHERE o.order_id = t.order_id;

UPDATE retail.customers AS c SET created_at = f.first_order
FROM (
    SELECT
        o.customer_id,
        min(o.created_at) AS first_order
    FROM retail.orders AS o
    GROUP BY o.customer_id
) AS f
WHERE c.customer_id = f.customer_id;
