-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_store_performance(date, date, text);
-- Then it learnt which order statuses to count (include_statuses) and returned more measures.
DROP FUNCTION IF EXISTS api.get_store_performance(date, date, api.name_text);
-- Then it could compare with the same dates a year earlier (compare_with), and said which dates it compared with
-- and how many of the period's days the data covers.
DROP FUNCTION IF EXISTS api.get_store_performance(date, date, api.name_text, api.order_status[]);

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
GRANT EXECUTE ON FUNCTION retail.previous_period_start(date, date)
TO zava_api_caller;

-- The analytics tools (this file to 0290) are PL/pgSQL so that each checks its arguments once, into variables,
-- before its one query: a SQL function had to check them twice (a query may never read a CTE of checked values when
-- nothing matches). Ranges are the parameters' domains and need no check here. #variable_conflict use_column: a
-- name that is a column is the column, as in a SQL function; arguments are written function.argument. They read the
-- sales rollups (sql/schema/1030) and define their measures as sql/functions/0170's glossary says.
CREATE OR REPLACE FUNCTION api.get_store_performance(
    period_start date, period_end date, store_name api.name_text DEFAULT NULL,
    include_statuses api.order_status[] DEFAULT '{completed}', compare_with api.comparison DEFAULT 'previous_period'
)
RETURNS TABLE (
    store varchar, revenue numeric, orders bigint, units bigint, customers bigint, average_order_value numeric,
    discount numeric, gross_margin numeric, gross_margin_percent numeric, previous_period_revenue numeric,
    revenue_growth_percent numeric, compare_start date, compare_end date, calendar_days integer,
    days_counted integer, counted_statuses text
)
LANGUAGE plpgsql
STABLE
-- Planned once per connection: its generic plan was measured slower while the period arrived as two dates that
-- the query joined with the period helpers; since it comes as its cells, head office over three years takes the
-- same time either way (full ~55-70 ms, large ~590 ms, run-to-run noise larger than the difference) and a call at
-- small saves its ~1.5 ms of planning (store manager 2.4 -> 0.9 ms, head office 2.5 -> 1.7; BENCHMARKS.md,
-- planner traps).
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    previous_start date;
    previous_end date;
    statuses text [];
    cells retail.period_cells;
    data_end date;
BEGIN
    -- The arguments, checked once and before anything is computed from them (the comparison period is date
    -- arithmetic, which an unchecked period can push out of range).
    PERFORM retail.check_period(get_store_performance.period_start, get_store_performance.period_end);
    wanted_store := retail.store_filter(get_store_performance.store_name);
    statuses := retail.counted_statuses(get_store_performance.include_statuses);
    -- The period's cells as one value, which the (custom) plan sees: read through a join with the helpers, the
    -- planner guessed a handful of rollup rows where there were 87,000 and sorted them on disk.
    cells := retail.period_cells(get_store_performance.period_start, get_store_performance.period_end);
    IF get_store_performance.compare_with = 'same_period_last_year' THEN
        previous_start := (get_store_performance.period_start::timestamp - interval '1 year')::date;
        IF extract(DAY FROM get_store_performance.period_end + 1) = 1 THEN
            -- A month's last day: that month's last day a year earlier (2025-02-28 with 2024-02-29).
            previous_end := ((get_store_performance.period_end + 1)::timestamp - interval '1 year')::date - 1;
        ELSE
            previous_end := (get_store_performance.period_end::timestamp - interval '1 year')::date;
        END IF;
    ELSE
        previous_start := retail.previous_period_start(
            get_store_performance.period_start, get_store_performance.period_end
        );
        previous_end := get_store_performance.period_start - 1;
    END IF;
    -- Where the caller's data stops (or the store's, with store_name): days after it are not counted.
    data_end := retail.last_order_date(wanted_store);
    RETURN QUERY
    WITH this_period AS (
        SELECT r.store_id, retail.money(sum(r.revenue_cents)) AS revenue, sum(r.orders) AS orders,
               sum(r.units) AS units, retail.money(sum(r.revenue_cents - r.cost_cents)) AS margin,
               retail.money(sum(r.discount_cents)) AS discount
        FROM retail.sales_store_day AS r
        WHERE r.order_date BETWEEN get_store_performance.period_start AND get_store_performance.period_end
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        GROUP BY r.store_id
    ),
    previous_period AS (
        SELECT r.store_id, retail.money(sum(r.revenue_cents)) AS revenue
        FROM retail.sales_store_day AS r
        WHERE r.order_date BETWEEN previous_start AND previous_end
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        GROUP BY r.store_id
    ),
    -- Customers do not add up over days: counted from the buyer bitmaps (retail.buyer_counts).
    buyers AS (
        SELECT b.store_id, b.customers
        FROM retail.buyer_counts(cells, statuses, wanted_store) AS b
    )
    SELECT
        s.store_name,
        coalesce(t.revenue, 0),
        coalesce(t.orders, 0)::bigint,
        coalesce(t.units, 0)::bigint,
        coalesce(b.customers, 0),
        round(t.revenue / nullif(t.orders, 0), 2),
        coalesce(t.discount, 0),
        round(coalesce(t.margin, 0), 2),
        round(100 * t.margin / nullif(t.revenue, 0), 2),
        coalesce(p.revenue, 0),
        round(100 * (coalesce(t.revenue, 0) - p.revenue) / nullif(p.revenue, 0), 2),
        previous_start,
        previous_end,
        get_store_performance.period_end - get_store_performance.period_start + 1,
        retail.days_with_data(get_store_performance.period_start, get_store_performance.period_end, data_end),
        array_to_string(statuses, ', ')
    FROM retail.stores AS s
    LEFT JOIN this_period AS t ON t.store_id = s.store_id
    LEFT JOIN previous_period AS p ON p.store_id = s.store_id
    LEFT JOIN buyers AS b ON b.store_id = s.store_id
    WHERE wanted_store IS NULL OR s.store_id = wanted_store
    ORDER BY 2 DESC, 1;
END
$$;

COMMENT ON FUNCTION api.get_store_performance(date, date, api.name_text, api.order_status[], api.comparison) IS
'Headline figures per store for a period: revenue, orders, units, customers, average order value, discount, gross
margin, and growth against a comparison period: by default the previous period (the same months before for whole
months, e.g. Q3 against Q2 or a year against the year before; otherwise the same number of days before), or with
compare_with same_period_last_year the same dates a year earlier (year to date against the same months of last
year). compare_start and compare_end say which dates were compared. A period past the last day of the data (the
current month or quarter) is set against a whole one: days_counted less than calendar_days says so; then say it,
or end the period on the data''s last day.

Counts orders of the statuses in include_statuses (default: completed only); every measure is defined in
get_measure_glossary. One row per store you can see (or just store_name), also with no sales.
@param period_start First day of the period (inclusive), e.g. 2025-07-01.
@param period_end Last day of the period (inclusive), e.g. 2025-09-30.
@param store_name Optional store, e.g. ''Zava Retail Seattle'' or ''Seattle''; default: every store you can see.
@param include_statuses Order statuses to count (default ["completed"]), e.g. ["completed", "refunded"].
@param compare_with previous_period (default) or same_period_last_year.
@column store The store.
@column revenue Sum of line totals after discounts.
@column orders Orders with a line counted.
@column units Units sold.
@column customers Distinct customers of those orders.
@column average_order_value revenue / orders.
@column discount Discounts given on those lines.
@column gross_margin revenue minus cost at the product''s cost.
@column gross_margin_percent 100 x gross_margin / revenue.
@column previous_period_revenue Revenue of the comparison period, compare_start to compare_end (same statuses).
@column revenue_growth_percent Change against the comparison period, in percent.
@column compare_start First day of the comparison period.
@column compare_end Last day of the comparison period.
@column calendar_days Days from period_start to period_end.
@column days_counted Of those, the days not after the last order date you can see (your stores'', or store_name''s).
@column counted_statuses The order statuses counted, e.g. ''completed''.
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_store_performance(date, date, api.name_text, api.order_status[], api.comparison)
TO zava_api_caller;
