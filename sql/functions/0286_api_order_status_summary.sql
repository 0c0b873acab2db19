-- How orders ended, per store: every status side by side (refund and cancellation rates), from the day rollup.
-- Then it could count the orders containing one category (category_name): the refund rate of a category.
DROP FUNCTION IF EXISTS api.get_order_status_summary(date, date, api.name_text);

CREATE OR REPLACE FUNCTION api.get_order_status_summary(
    period_start date, period_end date, store_name api.name_text DEFAULT NULL,
    category_name api.name_text DEFAULT NULL
)
RETURNS TABLE (
    store varchar, status text, orders bigint, revenue numeric, units bigint, share_of_orders_percent numeric
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_order_status_summary.period_start, get_order_status_summary.period_end);
    wanted_store := retail.store_filter(get_order_status_summary.store_name);
    wanted_category := retail.category_filter(get_order_status_summary.category_name);
    RETURN QUERY
    WITH cells AS (
        SELECT r.store_id, r.status, r.orders, r.revenue_cents, r.units
        FROM retail.sales_store_day AS r
        WHERE wanted_category IS NULL
          AND r.order_date BETWEEN get_order_status_summary.period_start AND get_order_status_summary.period_end
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        UNION ALL
        -- The orders containing the category, and what their lines of it came to.
        SELECT r.store_id, r.status, r.orders, r.revenue_cents, r.units
        FROM retail.sales_category_day AS r
        WHERE r.category_id = wanted_category
          AND r.order_date BETWEEN get_order_status_summary.period_start AND get_order_status_summary.period_end
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
    ),
    by_status AS (
        SELECT c.store_id, c.status, sum(c.orders) AS orders, retail.money(sum(c.revenue_cents)) AS revenue,
               sum(c.units) AS units
        FROM cells AS c
        GROUP BY c.store_id, c.status
        HAVING sum(c.orders) > 0
    )
    SELECT s.store_name, b.status, b.orders::bigint, b.revenue, b.units::bigint,
           round(100 * b.orders / sum(b.orders) OVER (PARTITION BY b.store_id), 2)
    FROM by_status AS b
    INNER JOIN retail.stores AS s ON s.store_id = b.store_id
    ORDER BY s.store_name, b.status::api.order_status;
END
$$;

COMMENT ON FUNCTION api.get_order_status_summary(date, date, api.name_text, api.name_text) IS
'How the orders of a period ended, per store: orders, revenue and units per status (pending, completed,
cancelled, refunded) and each status''s share of the store''s orders, e.g. the refund rate.

Only statuses that occur are listed. Measures as in get_measure_glossary (orders with at least one line). With
category_name, the orders containing that category and their lines of it: the category''s refund rate.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category, e.g. ''Power Tools''.
@column store The store.
@column status pending, completed, cancelled or refunded.
@column orders Orders with that status.
@column revenue What their lines came to, after discounts.
@column units Units on their lines.
@column share_of_orders_percent 100 x orders / the store''s orders of every status in the period.
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_order_status_summary(date, date, api.name_text, api.name_text)
TO zava_api_caller;
