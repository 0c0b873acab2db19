SET LOCAL ROLE zava_owner;

-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_sales_by_period(api.time_grain, date, date, text, text);

CREATE OR REPLACE FUNCTION api.get_sales_by_period(
    grain api.time_grain, period_start date, period_end date, store_name api.name_text DEFAULT NULL,
    category_name api.name_text DEFAULT NULL
)
RETURNS TABLE (period date, revenue numeric, orders bigint, units bigint, gross_margin numeric)
LANGUAGE plpgsql
STABLE
-- The optional-filter ORs defeat the row estimates and the planner picks a nested loop over every order line
-- (2.3 s for head office's year on the full data set); hash joins take 0.2 s. Measured: BENCHMARKS.md.
SET enable_nestloop = off
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_sales_by_period.period_start, get_sales_by_period.period_end);
    wanted_store := retail.store_filter(get_sales_by_period.store_name);
    wanted_category := retail.category_filter(get_sales_by_period.category_name);
    RETURN QUERY
    SELECT
        date_trunc(get_sales_by_period.grain::text, sl.order_date)::date,
        sum(sl.revenue),
        count(DISTINCT sl.order_id),
        sum(sl.quantity),
        round(sum(sl.revenue - sl.cost_amount), 2)
    FROM retail.sales_lines AS sl
    WHERE sl.order_date BETWEEN get_sales_by_period.period_start AND get_sales_by_period.period_end
      AND (wanted_store IS NULL OR sl.store_id = wanted_store)
      AND (wanted_category IS NULL OR sl.category_id = wanted_category)
    GROUP BY 1
    ORDER BY 1;
END
$$;

COMMENT ON FUNCTION api.get_sales_by_period(api.time_grain, date, date, api.name_text, api.name_text) IS
'Sales over time: revenue, orders, units and gross margin per day, week, month, quarter or year.

Periods with no sales are omitted. Weeks start on Monday. Revenue counts completed orders after discounts.
@param grain day, week, month, quarter or year.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category, e.g. ''Garden & Outdoor''.
@cache 300';

REVOKE ALL ON FUNCTION api.get_sales_by_period(api.time_grain, date, date, api.name_text, api.name_text) FROM public;
GRANT EXECUTE ON FUNCTION api.get_sales_by_period(api.time_grain, date, date, api.name_text, api.name_text)
TO zava_store_manager, zava_regional_manager, zava_head_office;
