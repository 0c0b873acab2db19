{% from "signatures.sql" import drop_unless_it_returns %}
-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql), then the years a range
-- domain (sql/schema/1000_api_range_domains.sql); CREATE OR REPLACE cannot change a parameter's type, so the
-- earlier versions go first. Then it learnt which order statuses to count (include_statuses).
DROP FUNCTION IF EXISTS api.get_seasonal_trend(text, text, integer, integer);
DROP FUNCTION IF EXISTS api.get_seasonal_trend(api.name_text, api.name_text, integer, integer);
DROP FUNCTION IF EXISTS api.get_seasonal_trend(api.name_text, api.name_text, api.calendar_year, api.calendar_year);
-- Then each month said over how many years it was averaged (years_averaged): a new result type.
{{ drop_unless_it_returns(
    "api.get_seasonal_trend(api.name_text, api.name_text, api.calendar_year, api.calendar_year, api.order_status[])",
    "years_averaged"
) }}

CREATE OR REPLACE FUNCTION api.get_seasonal_trend(
    category_name api.name_text, store_name api.name_text DEFAULT NULL, from_year api.calendar_year DEFAULT NULL,
    to_year api.calendar_year DEFAULT NULL, include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    month integer, month_name text, average_monthly_revenue numeric, average_monthly_units numeric,
    seasonality_index numeric, years_averaged integer, counted_statuses text
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_category uuid;
    wanted_store uuid;
    statuses text [];
    first_day date;
    last_day date;
    whole_from integer;
    whole_to integer;
    first_year integer;
    last_year integer;
BEGIN
    -- The arguments, checked once (the years' range is their domain's; no year means no bound). An empty category
    -- or years the wrong way round once gave no rows and no error.
    IF nullif(btrim(get_seasonal_trend.category_name), '') IS NULL THEN
        RAISE EXCEPTION 'category_name is required'
            USING ERRCODE = '22023', COLUMN = 'category_name',
            HINT = 'categories: ' || (SELECT string_agg(c.category_name, ', ' ORDER BY c.category_name)
                                      FROM retail.categories AS c);
    END IF;
    IF get_seasonal_trend.from_year > get_seasonal_trend.to_year THEN
        RAISE EXCEPTION 'from_year % is after to_year %', get_seasonal_trend.from_year, get_seasonal_trend.to_year
            USING ERRCODE = '22023', COLUMN = 'to_year';
    END IF;
    wanted_category := retail.category_filter(get_seasonal_trend.category_name);
    wanted_store := retail.store_filter(get_seasonal_trend.store_name);
    statuses := retail.counted_statuses(get_seasonal_trend.include_statuses);
    -- By default the whole calendar years the data covers: a year still running (or one the data starts in) has
    -- some months and not others, and with sales growing it lifted the months it has (December's index read 161
    -- with the current year in, 170 without it).
    SELECT min(o.order_date), max(o.order_date) INTO first_day, last_day
    FROM retail.orders AS o WHERE wanted_store IS NULL OR o.store_id = wanted_store;
    whole_from := extract(YEAR FROM first_day)::integer + (first_day > date_trunc('year', first_day)::date)::integer;
    whole_to := extract(YEAR FROM last_day)::integer
        - (last_day < (date_trunc('year', last_day) + interval '1 year - 1 day')::date)::integer;
    first_year := coalesce(get_seasonal_trend.from_year,
        CASE WHEN whole_from <= least(whole_to, get_seasonal_trend.to_year) THEN whole_from END);
    last_year := coalesce(get_seasonal_trend.to_year,
        CASE WHEN whole_to >= greatest(whole_from, get_seasonal_trend.from_year) THEN whole_to END);
    RETURN QUERY
    WITH monthly AS (
        SELECT date_trunc('month', r.order_date) AS month_start, retail.money(sum(r.revenue_cents)) AS revenue,
               sum(r.units) AS units
        FROM retail.sales_category_day AS r
        WHERE r.category_id = wanted_category
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          AND r.order_date >= make_date(coalesce(first_year, 2000), 1, 1)
          AND r.order_date < make_date(coalesce(last_year, 2100) + 1, 1, 1)
        GROUP BY 1
        HAVING sum(r.lines) > 0
    ),
    by_month AS (
        SELECT extract(MONTH FROM m.month_start)::integer AS month, avg(m.revenue) AS revenue, avg(m.units) AS units,
               count(*)::integer AS years
        FROM monthly AS m
        GROUP BY 1
    )
    SELECT
        b.month,
        to_char(make_date(2000, b.month, 1), 'FMMonth'),
        round(b.revenue, 2),
        round(b.units, 1),
        round(100 * b.revenue / nullif(avg(b.revenue) OVER (), 0), 1),
        b.years,
        array_to_string(statuses, ', ')
    FROM by_month AS b
    ORDER BY b.month;
END
$$;

COMMENT ON FUNCTION api.get_seasonal_trend(
    api.name_text, api.name_text, api.calendar_year, api.calendar_year, api.order_status[]
) IS
'The seasonal pattern of a category: average revenue and units for each calendar month across the years, and a
seasonality index (100 = an average month; 150 = half again as busy).

Averages are over the months with sales, by default in the whole calendar years the data covers (a year still
running, or one the data starts in the middle of, is left out unless from_year or to_year names it). Counts orders
of the statuses in include_statuses (default: completed only); measures as in get_measure_glossary.
@param category_name The category, e.g. ''Garden & Outdoor''.
@param store_name Optional store; default: every store you can see.
@param from_year Optional first year to include, 2000 to 2100 (default: the first whole year of data).
@param to_year Optional last year to include, 2000 to 2100 (default: the last whole year of data).
@param include_statuses Order statuses to count (default ["completed"]).
@column month 1 (January) to 12.
@column month_name The month''s name.
@column average_monthly_revenue Revenue of that calendar month, averaged over the years.
@column average_monthly_units Units of that calendar month, averaged over the years.
@column seasonality_index 100 x the month''s average / the average of all months.
@column years_averaged In how many years that month had sales.
@column counted_statuses The order statuses counted.
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_seasonal_trend(
    api.name_text, api.name_text, api.calendar_year, api.calendar_year, api.order_status[]
)
TO zava_api_caller;
