SET LOCAL ROLE zava_owner;

-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_customer_metrics(date, date, text);

CREATE OR REPLACE FUNCTION api.get_customer_metrics(
    period_start date, period_end date, store_name api.name_text DEFAULT NULL
)
RETURNS TABLE (
    store varchar, active_customers bigint, new_customers bigint, returning_customers bigint,
    repeat_customers bigint, orders_per_customer numeric, revenue_per_customer numeric
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_customer_metrics.period_start, get_customer_metrics.period_end);
    wanted_store := retail.store_filter(get_customer_metrics.store_name);
    RETURN QUERY
    WITH first_orders AS (
        SELECT sl.store_id, sl.customer_id, min(sl.order_date) AS first_order
        FROM retail.sales_lines AS sl
        WHERE wanted_store IS NULL OR sl.store_id = wanted_store
        GROUP BY sl.store_id, sl.customer_id
    ),
    in_period AS (
        SELECT sl.store_id, sl.customer_id, count(DISTINCT sl.order_id) AS orders, sum(sl.revenue) AS revenue
        FROM retail.sales_lines AS sl
        WHERE sl.order_date BETWEEN get_customer_metrics.period_start AND get_customer_metrics.period_end
          AND (wanted_store IS NULL OR sl.store_id = wanted_store)
        GROUP BY sl.store_id, sl.customer_id
    )
    SELECT
        s.store_name,
        count(i.customer_id),
        count(i.customer_id) FILTER (WHERE f.first_order >= get_customer_metrics.period_start),
        count(i.customer_id) FILTER (WHERE f.first_order < get_customer_metrics.period_start),
        count(i.customer_id) FILTER (WHERE i.orders >= 2),
        round(sum(i.orders)::numeric / nullif(count(i.customer_id), 0), 2),
        round(sum(i.revenue) / nullif(count(i.customer_id), 0), 2)
    FROM retail.stores AS s
    LEFT JOIN in_period AS i ON i.store_id = s.store_id
    LEFT JOIN first_orders AS f ON f.store_id = i.store_id AND f.customer_id = i.customer_id
    WHERE wanted_store IS NULL OR s.store_id = wanted_store
    GROUP BY s.store_name
    ORDER BY 2 DESC, 1;
END
$$;

COMMENT ON FUNCTION api.get_customer_metrics(date, date, api.name_text) IS
'Customer figures per store for a period: active, new (first purchase at the store in the period), returning,
repeat (two or more orders in the period), orders and revenue per active customer.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@cache 300';

REVOKE ALL ON FUNCTION api.get_customer_metrics(date, date, api.name_text) FROM public;
GRANT EXECUTE ON FUNCTION api.get_customer_metrics(date, date, api.name_text)
TO zava_store_manager, zava_regional_manager, zava_head_office;
