SET LOCAL ROLE zava_owner;

CREATE OR REPLACE FUNCTION api.get_store_performance(
    period_start date, period_end date, store_name text DEFAULT NULL
)
RETURNS TABLE (
    store varchar, revenue numeric, orders bigint, units bigint, customers bigint, average_order_value numeric,
    gross_margin numeric, gross_margin_percent numeric, previous_period_revenue numeric,
    revenue_growth_percent numeric
)
LANGUAGE sql
STABLE
AS $$
    -- Validate every argument first: the query below may never read args when nothing matches.
    SELECT
            retail.store_filter(get_store_performance.store_name) AS store_id,
            get_store_performance.period_start AS p_start,
            get_store_performance.period_end AS p_end,
            get_store_performance.period_start
                - (get_store_performance.period_end - get_store_performance.period_start + 1) AS prev_start
        WHERE retail.check_period(get_store_performance.period_start, get_store_performance.period_end);
    WITH args AS MATERIALIZED (
        SELECT
            retail.store_filter(get_store_performance.store_name) AS store_id,
            get_store_performance.period_start AS p_start,
            get_store_performance.period_end AS p_end,
            get_store_performance.period_start
                - (get_store_performance.period_end - get_store_performance.period_start + 1) AS prev_start
        WHERE retail.check_period(get_store_performance.period_start, get_store_performance.period_end)
    ),
    this_period AS (
        SELECT sl.store_id, sum(sl.revenue) AS revenue, count(DISTINCT sl.order_id) AS orders,
               sum(sl.quantity) AS units, count(DISTINCT sl.customer_id) AS customers,
               sum(sl.revenue - sl.cost_amount) AS margin
        FROM retail.sales_lines AS sl CROSS JOIN args AS a
        WHERE sl.order_date BETWEEN a.p_start AND a.p_end AND (a.store_id IS NULL OR sl.store_id = a.store_id)
        GROUP BY sl.store_id
    ),
    previous_period AS (
        SELECT sl.store_id, sum(sl.revenue) AS revenue
        FROM retail.sales_lines AS sl CROSS JOIN args AS a
        WHERE sl.order_date BETWEEN a.prev_start AND a.p_start - 1
          AND (a.store_id IS NULL OR sl.store_id = a.store_id)
        GROUP BY sl.store_id
    )
    SELECT
        s.store_name,
        coalesce(t.revenue, 0),
        coalesce(t.orders, 0),
        coalesce(t.units, 0),
        coalesce(t.customers, 0),
        round(t.revenue / nullif(t.orders, 0), 2),
        round(coalesce(t.margin, 0), 2),
        round(100 * t.margin / nullif(t.revenue, 0), 2),
        coalesce(p.revenue, 0),
        round(100 * (coalesce(t.revenue, 0) - p.revenue) / nullif(p.revenue, 0), 2)
    FROM retail.stores AS s
    CROSS JOIN args AS a
    LEFT JOIN this_period AS t ON t.store_id = s.store_id
    LEFT JOIN previous_period AS p ON p.store_id = s.store_id
    WHERE a.store_id IS NULL OR s.store_id = a.store_id
    ORDER BY 2 DESC, 1
$$;

COMMENT ON FUNCTION api.get_store_performance(date, date, text) IS
'Headline figures per store for a period: revenue, orders, units, customers, average order value, gross margin,
and growth against the previous period of the same length.

Revenue counts completed orders after discounts. One row per store you can see (or just store_name).
@param period_start First day of the period (inclusive), e.g. 2025-07-01.
@param period_end Last day of the period (inclusive), e.g. 2025-09-30.
@param store_name Optional store, e.g. ''Zava Retail Seattle'' or ''Seattle''; default: every store you can see.';

REVOKE ALL ON FUNCTION api.get_store_performance(date, date, text) FROM public;
GRANT EXECUTE ON FUNCTION api.get_store_performance(date, date, text)
TO zava_store_manager, zava_regional_manager, zava_head_office;
