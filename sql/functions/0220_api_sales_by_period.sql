{% from "signatures.sql" import drop_unless_it_returns %}
-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_sales_by_period(api.time_grain, date, date, text, text);
-- Then it learnt which order statuses to count (include_statuses).
DROP FUNCTION IF EXISTS api.get_sales_by_period(api.time_grain, date, date, api.name_text, api.name_text);
-- Then each row said how many of its days were counted (calendar_days, days_counted): a new result type.
{{ drop_unless_it_returns(
    "api.get_sales_by_period(api.time_grain, date, date, api.name_text, api.name_text, api.order_status[])",
    "days_counted"
) }}

CREATE OR REPLACE FUNCTION api.get_sales_by_period(
    grain api.time_grain, period_start date, period_end date, store_name api.name_text DEFAULT NULL,
    category_name api.name_text DEFAULT NULL, include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    period date, revenue numeric, orders bigint, units bigint, gross_margin numeric, calendar_days integer,
    days_counted integer, counted_statuses text
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
    statuses text [];
    data_end date;
    step interval := CASE get_sales_by_period.grain
        WHEN 'day' THEN interval '1 day' WHEN 'week' THEN interval '7 days' WHEN 'month' THEN interval '1 month'
        WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year'
    END;
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_sales_by_period.period_start, get_sales_by_period.period_end);
    wanted_store := retail.store_filter(get_sales_by_period.store_name);
    wanted_category := retail.category_filter(get_sales_by_period.category_name);
    statuses := retail.counted_statuses(get_sales_by_period.include_statuses);
    -- Where the caller's data stops (any status, every category: the data's end, not a slow category's).
    data_end := retail.last_order_date(wanted_store);
    RETURN QUERY
    SELECT b.bucket, b.revenue, b.orders, b.units, b.gross_margin,
           ((b.bucket + step)::date - b.bucket)::integer,
           retail.days_with_data(
               greatest(b.bucket, get_sales_by_period.period_start),
               least((b.bucket + step)::date - 1, get_sales_by_period.period_end), data_end
           ),
           array_to_string(statuses, ', ')
    FROM (
        SELECT date_trunc(get_sales_by_period.grain::text, d.order_date)::date AS bucket,
               retail.money(sum(d.revenue_cents)) AS revenue, sum(d.orders)::bigint AS orders,
               sum(d.units)::bigint AS units, retail.money(sum(d.revenue_cents - d.cost_cents)) AS gross_margin
        FROM retail.day_sales(
            get_sales_by_period.period_start, get_sales_by_period.period_end, statuses, wanted_store, wanted_category
        ) AS d
        GROUP BY 1
        HAVING sum(d.lines) > 0
    ) AS b
    ORDER BY 1;
END
$$;

COMMENT ON FUNCTION api.get_sales_by_period(
    api.time_grain, date, date, api.name_text, api.name_text, api.order_status[]
) IS
'Sales over time: revenue, orders, units and gross margin per day, week, month, quarter or year.

Periods with no sales are omitted. Weeks start on Monday. A row whose days_counted is less than its calendar_days
is a partial period (cut by period_start or period_end, or by the day your data ends): compare it per day, not as
a total. Counts orders of the statuses in include_statuses
(default: completed only); measures as in get_measure_glossary. With category_name, orders are the orders
containing that category.
@param grain day, week, month, quarter or year.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category, e.g. ''Garden & Outdoor''.
@param include_statuses Order statuses to count (default ["completed"]).
@column period First day of the day, week, month, quarter or year.
@column revenue Sum of line totals after discounts.
@column orders Orders with a line counted.
@column units Units sold.
@column gross_margin revenue minus cost.
@column calendar_days Days in this day, week, month, quarter or year.
@column days_counted Of those, the days inside period_start..period_end and not after the last order date you can
    see (get_current_utc_date''s latest_order_date for your stores).
@column counted_statuses The order statuses counted.
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_sales_by_period(
    api.time_grain, date, date, api.name_text, api.name_text, api.order_status[]
)
TO zava_api_caller;
