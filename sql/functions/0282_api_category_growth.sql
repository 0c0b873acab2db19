{% from "signatures.sql" import drop_unless_it_returns %}
-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql), then the years a range
-- domain (sql/schema/1000_api_range_domains.sql); CREATE OR REPLACE cannot change a parameter's type, so the
-- earlier versions go first. Then it learnt which order statuses to count (include_statuses).
DROP FUNCTION IF EXISTS api.get_category_growth(integer, integer, text);
DROP FUNCTION IF EXISTS api.get_category_growth(integer, integer, api.name_text);
DROP FUNCTION IF EXISTS api.get_category_growth(api.calendar_year, api.calendar_year, api.name_text);
-- Then it said how many days of each year the data covers (days_counted, compare_days_counted): a new result type.
{{ drop_unless_it_returns(
    "api.get_category_growth(api.calendar_year, api.calendar_year, api.name_text, api.order_status[])",
    "days_counted"
) }}

CREATE OR REPLACE FUNCTION api.get_category_growth(
    year api.calendar_year, compare_year api.calendar_year DEFAULT NULL, store_name api.name_text DEFAULT NULL,
    include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    rank bigint, category varchar, revenue numeric, compare_revenue numeric, growth numeric,
    growth_percent numeric, days_counted integer, compare_days_counted integer, counted_statuses text
)
LANGUAGE plpgsql
STABLE
-- Planned for each call's arguments: PL/pgSQL's generic plan (from a connection's sixth call on) cannot see the
-- period and was measured slower for this tool (BENCHMARKS.md, planner traps); the others keep it.
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
DECLARE
    this_year integer;
    that_year integer;
    wanted_store uuid;
    statuses text [];
    data_end date;
BEGIN
    -- The arguments, checked once (the years' range is their domain's).
    IF get_category_growth.year IS NULL THEN
        RAISE EXCEPTION 'year is required' USING ERRCODE = '22023', COLUMN = 'year';
    END IF;
    this_year := get_category_growth.year;
    that_year := coalesce(get_category_growth.compare_year, get_category_growth.year - 1);
    IF that_year = this_year THEN  -- it once answered growth 0 everywhere, as if that meant something
        RAISE EXCEPTION 'compare_year is the year itself (%): nothing to compare', this_year
            USING ERRCODE = '22023', COLUMN = 'compare_year', HINT = 'leave it out to compare with the year before';
    END IF;
    wanted_store := retail.store_filter(get_category_growth.store_name);
    statuses := retail.counted_statuses(get_category_growth.include_statuses);
    -- Where the caller's data stops (or the store's): a year's days after it are not counted.
    data_end := retail.last_order_date(wanted_store);
    RETURN QUERY
    WITH yearly AS (
        SELECT r.category_id,
               retail.money(sum(r.revenue_cents) FILTER (WHERE extract(YEAR FROM r.order_date) = this_year)) AS revenue,
               retail.money(sum(r.revenue_cents) FILTER (WHERE extract(YEAR FROM r.order_date) = that_year))
                   AS compare_revenue
        FROM retail.sales_category_day AS r
        WHERE (r.order_date BETWEEN make_date(this_year, 1, 1) AND make_date(this_year, 12, 31)
               OR r.order_date BETWEEN make_date(that_year, 1, 1) AND make_date(that_year, 12, 31))
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        GROUP BY r.category_id
    )
    SELECT
        row_number() OVER (ORDER BY coalesce(y.revenue, 0) - coalesce(y.compare_revenue, 0) DESC, c.category_name),
        c.category_name,
        coalesce(y.revenue, 0),
        coalesce(y.compare_revenue, 0),
        coalesce(y.revenue, 0) - coalesce(y.compare_revenue, 0),
        round(100 * (coalesce(y.revenue, 0) - y.compare_revenue) / nullif(y.compare_revenue, 0), 2),
        retail.days_with_data(make_date(this_year, 1, 1), make_date(this_year, 12, 31), data_end),
        retail.days_with_data(make_date(that_year, 1, 1), make_date(that_year, 12, 31), data_end),
        array_to_string(statuses, ', ')
    FROM retail.categories AS c
    LEFT JOIN yearly AS y ON y.category_id = c.category_id
    ORDER BY 1;
END
$$;

COMMENT ON FUNCTION api.get_category_growth(api.calendar_year, api.calendar_year, api.name_text, api.order_status[])
IS
'Revenue per category in a year against another year (default: the year before), ranked by growth in money. A
year the data does not yet cover to its end (the current one) is set against a whole year: days_counted (or
compare_days_counted) under 365 says so; then say it, or compare the same days of both years
(get_sales_by_dimension by category for each span).

Counts orders of the statuses in include_statuses (default: completed only); measures as in get_measure_glossary.
@param year The year to look at, 2000 to 2100, e.g. 2025.
@param compare_year The year to compare with, 2000 to 2100 (default: year - 1).
@param store_name Optional store; default: every store you can see.
@param include_statuses Order statuses to count (default ["completed"]).
@column rank 1 for the largest growth in money.
@column category The category.
@column revenue Revenue in year.
@column compare_revenue Revenue in compare_year.
@column growth revenue - compare_revenue.
@column growth_percent Growth in percent of compare_revenue; empty when that was zero.
@column days_counted Days of year up to the last order date you can see (365 or 366 when the data covers it all).
@column compare_days_counted The same for compare_year.
@column counted_statuses The order statuses counted.
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_category_growth(
    api.calendar_year, api.calendar_year, api.name_text, api.order_status[]
)
TO zava_api_caller;
