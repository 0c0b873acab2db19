SET LOCAL ROLE zava_owner;

-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_store_performance(date, date, text);

-- Where the period before [period_start, period_end] starts: whole months compare with the same number of months
-- before (a quarter with the previous quarter, a year with the previous year); other periods with the same number
-- of days before.
CREATE OR REPLACE FUNCTION retail.previous_period_start(period_start date, period_end date)
RETURNS date
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT CASE
        WHEN extract(DAY FROM period_start) = 1 AND period_end + 1 = date_trunc('month', period_end + 1)::date
            THEN (period_start - make_interval(months => (
                (extract(YEAR FROM period_end) * 12 + extract(MONTH FROM period_end))
                - (extract(YEAR FROM period_start) * 12 + extract(MONTH FROM period_start)) + 1)::int))::date
        ELSE period_start - (period_end - period_start + 1)
    END
$$;

COMMENT ON FUNCTION retail.previous_period_start(date, date) IS
'Start of the comparison period: same months before for whole months, else same number of days before.';
REVOKE ALL ON FUNCTION retail.previous_period_start(date, date) FROM public;
GRANT EXECUTE ON FUNCTION retail.previous_period_start(date, date)
TO zava_store_manager, zava_regional_manager, zava_head_office;

-- The analytics tools (this file to 0280) are PL/pgSQL so that each checks its arguments once, into variables,
-- before its one query: a SQL function had to check them twice (a query may never read a CTE of checked values when
-- nothing matches). Ranges are the parameters' domains and need no check here. #variable_conflict use_column: a
-- name that is a column is the column, as in a SQL function; arguments are written function.argument.
CREATE OR REPLACE FUNCTION api.get_store_performance(
    period_start date, period_end date, store_name api.name_text DEFAULT NULL
)
RETURNS TABLE (
    store varchar, revenue numeric, orders bigint, units bigint, customers bigint, average_order_value numeric,
    gross_margin numeric, gross_margin_percent numeric, previous_period_revenue numeric,
    revenue_growth_percent numeric
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    previous_start date;
BEGIN
    -- The arguments, checked once and before anything is computed from them (the comparison period is date
    -- arithmetic, which an unchecked period can push out of range).
    PERFORM retail.check_period(get_store_performance.period_start, get_store_performance.period_end);
    wanted_store := retail.store_filter(get_store_performance.store_name);
    previous_start := retail.previous_period_start(
        get_store_performance.period_start, get_store_performance.period_end
    );
    RETURN QUERY
    WITH this_period AS (
        SELECT sl.store_id, sum(sl.revenue) AS revenue, count(DISTINCT sl.order_id) AS orders,
               sum(sl.quantity) AS units, count(DISTINCT sl.customer_id) AS customers,
               sum(sl.revenue - sl.cost_amount) AS margin
        FROM retail.sales_lines AS sl
        WHERE sl.order_date BETWEEN get_store_performance.period_start AND get_store_performance.period_end
          AND (wanted_store IS NULL OR sl.store_id = wanted_store)
        GROUP BY sl.store_id
    ),
    previous_period AS (
        SELECT sl.store_id, sum(sl.revenue) AS revenue
        FROM retail.sales_lines AS sl
        WHERE sl.order_date BETWEEN previous_start AND get_store_performance.period_start - 1
          AND (wanted_store IS NULL OR sl.store_id = wanted_store)
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
    LEFT JOIN this_period AS t ON t.store_id = s.store_id
    LEFT JOIN previous_period AS p ON p.store_id = s.store_id
    WHERE wanted_store IS NULL OR s.store_id = wanted_store
    ORDER BY 2 DESC, 1;
END
$$;

COMMENT ON FUNCTION api.get_store_performance(date, date, api.name_text) IS
'Headline figures per store for a period: revenue, orders, units, customers, average order value, gross margin,
and growth against the previous period (the same months before for whole months, e.g. Q3 against Q2 or a year
against the year before; otherwise the same number of days before).

Revenue counts completed orders after discounts. One row per store you can see (or just store_name).
@param period_start First day of the period (inclusive), e.g. 2025-07-01.
@param period_end Last day of the period (inclusive), e.g. 2025-09-30.
@param store_name Optional store, e.g. ''Zava Retail Seattle'' or ''Seattle''; default: every store you can see.
@cache 300';

REVOKE ALL ON FUNCTION api.get_store_performance(date, date, api.name_text) FROM public;
GRANT EXECUTE ON FUNCTION api.get_store_performance(date, date, api.name_text)
TO zava_store_manager, zava_regional_manager, zava_head_office;
