{% from "signatures.sql" import drop_unless_it_returns %}
-- When in the week and in the day sales happen. Day of week from the day rollups; hour of day from the hour x
-- month rollup (the orders' created_at, in the chain's time zone, sql/functions/0140: the same hours for every
-- caller, and the stores' own).
-- Then each slot said how many days it had (days_counted, revenue_per_day): a new result type.
{{ drop_unless_it_returns(
    "api.get_sales_pattern(api.sales_pattern, date, date, api.name_text, api.name_text, api.order_status[])",
    "days_counted"
) }}

CREATE OR REPLACE FUNCTION api.get_sales_pattern(
    pattern api.sales_pattern, period_start date, period_end date, store_name api.name_text DEFAULT NULL,
    category_name api.name_text DEFAULT NULL, include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    slot integer, slot_name text, revenue numeric, orders bigint, units bigint, average_order_value numeric,
    revenue_share_percent numeric, days_counted integer, revenue_per_day numeric, counted_statuses text
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
    statuses text [];
    cells retail.period_cells;
    last_day date;
BEGIN
    -- The arguments, checked once.
    IF get_sales_pattern.pattern IS NULL THEN
        RAISE EXCEPTION 'pattern is required' USING ERRCODE = '22023', COLUMN = 'pattern',
            HINT = 'hour_of_day or day_of_week';
    END IF;
    PERFORM retail.check_period(get_sales_pattern.period_start, get_sales_pattern.period_end);
    wanted_store := retail.store_filter(get_sales_pattern.store_name);
    wanted_category := retail.category_filter(get_sales_pattern.category_name);
    statuses := retail.counted_statuses(get_sales_pattern.include_statuses);
    cells := retail.period_cells(get_sales_pattern.period_start, get_sales_pattern.period_end);
    -- The period's last day with data (the caller's, or the store's): days after it are not counted.
    last_day := least(get_sales_pattern.period_end, retail.last_order_date(wanted_store));
    RETURN QUERY
    WITH slots AS (
        SELECT extract(ISODOW FROM d.order_date)::integer AS slot, retail.money(sum(d.revenue_cents)) AS revenue,
               sum(d.orders) AS orders, sum(d.units) AS units
        FROM retail.day_sales(
            get_sales_pattern.period_start, get_sales_pattern.period_end, statuses, wanted_store, wanted_category
        ) AS d
        WHERE get_sales_pattern.pattern = 'day_of_week'
        GROUP BY 1
        UNION ALL
        SELECT h.hour, retail.money(sum(h.revenue_cents)), sum(h.orders), sum(h.units)
        FROM retail.hour_sales(cells, statuses, wanted_store, wanted_category) AS h
        WHERE get_sales_pattern.pattern = 'hour_of_day'
        GROUP BY 1
    )
    SELECT
        s.slot,
        CASE get_sales_pattern.pattern
            WHEN 'day_of_week' THEN to_char(date '2024-01-07' + s.slot, 'FMDay')
            ELSE lpad(s.slot::text, 2, '0') || ':00'
        END,
        s.revenue, s.orders::bigint, s.units::bigint, round(s.revenue / nullif(s.orders, 0), 2),
        round(100 * s.revenue / nullif(sum(s.revenue) OVER (), 0), 2),
        d.days,
        round(s.revenue / nullif(d.days, 0), 2),
        array_to_string(statuses, ', ')
    FROM slots AS s
    -- An hour occurs on every day of the period, a weekday on some (a month has four or five Mondays): the whole
    -- weeks, and one more when the weekday falls among the days left over.
    CROSS JOIN LATERAL (
        SELECT CASE
            WHEN get_sales_pattern.pattern = 'hour_of_day' THEN greatest(0, n.days)
            ELSE greatest(0, n.days / 7 + ((
                (s.slot - extract(ISODOW FROM get_sales_pattern.period_start)::integer + 7) % 7 < n.days % 7
            )::integer))
        END AS days
        FROM (SELECT last_day - get_sales_pattern.period_start + 1 AS days) AS n
    ) AS d
    WHERE s.orders > 0
    ORDER BY s.slot;
END
$$;

COMMENT ON FUNCTION api.get_sales_pattern(
    api.sales_pattern, date, date, api.name_text, api.name_text, api.order_status[]
) IS
'When sales happen: revenue, orders and units per hour of the day (when the order was created, in the stores''
local time) or per day of the week (Monday first), with each slot''s share of the period''s revenue and its revenue
per day: a month has four or five of each weekday, so compare weekdays by revenue_per_day, not by their totals.

Slots without sales are omitted. Counts orders of the statuses in include_statuses (default: completed only);
measures as in get_measure_glossary.
@param pattern hour_of_day or day_of_week.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category; orders are then those containing it.
@param include_statuses Order statuses to count (default ["completed"]).
@column slot Hour 0-23, or ISO day of week 1 (Monday) to 7 (Sunday).
@column slot_name 08:00 style hour, or the day''s name.
@column revenue Sum of line totals after discounts.
@column orders Orders with a line counted.
@column units Units sold.
@column average_order_value revenue / orders.
@column revenue_share_percent The slot''s share of the revenue of all slots.
@column days_counted Days of the period that had this slot (that weekday, or every day for an hour), up to the
    last order date you can see.
@column revenue_per_day revenue / days_counted.
@column counted_statuses The order statuses counted.
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_sales_pattern(
    api.sales_pattern, date, date, api.name_text, api.name_text, api.order_status[]
)
TO zava_api_caller;
