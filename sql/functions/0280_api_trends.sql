SET LOCAL ROLE zava_owner;

-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_seasonal_trend(text, text, integer, integer);
DROP FUNCTION IF EXISTS api.get_category_growth(integer, integer, text);

CREATE OR REPLACE FUNCTION api.get_seasonal_trend(
    category_name api.name_text, store_name api.name_text DEFAULT NULL, from_year integer DEFAULT NULL,
    to_year integer DEFAULT NULL
)
RETURNS TABLE (
    month integer, month_name text, average_monthly_revenue numeric, average_monthly_units numeric,
    seasonality_index numeric
)
LANGUAGE sql
STABLE
AS $$
    -- Validate every argument first: the query below may never read args when nothing matches.
    SELECT
            retail.category_filter(coalesce(get_seasonal_trend.category_name, '?')) AS category_id,
            retail.store_filter(get_seasonal_trend.store_name) AS store_id,
            retail.check_range('from_year', coalesce(get_seasonal_trend.from_year, 2000), 2000, 2100) AS from_year,
            retail.check_range('to_year', coalesce(get_seasonal_trend.to_year, 2100), 2000, 2100) AS to_year;
    WITH args AS MATERIALIZED (
        SELECT
            retail.category_filter(coalesce(get_seasonal_trend.category_name, '?')) AS category_id,
            retail.store_filter(get_seasonal_trend.store_name) AS store_id,
            retail.check_range('from_year', coalesce(get_seasonal_trend.from_year, 2000), 2000, 2100) AS from_year,
            retail.check_range('to_year', coalesce(get_seasonal_trend.to_year, 2100), 2000, 2100) AS to_year
    ),
    monthly AS (
        SELECT date_trunc('month', sl.order_date) AS month_start, sum(sl.revenue) AS revenue,
               sum(sl.quantity) AS units
        FROM retail.sales_lines AS sl CROSS JOIN args AS a
        WHERE sl.category_id = a.category_id
          AND (a.store_id IS NULL OR sl.store_id = a.store_id)
          AND extract(YEAR FROM sl.order_date) BETWEEN a.from_year AND a.to_year
        GROUP BY 1
    ),
    by_month AS (
        SELECT extract(MONTH FROM m.month_start)::integer AS month, avg(m.revenue) AS revenue, avg(m.units) AS units
        FROM monthly AS m
        GROUP BY 1
    )
    SELECT
        b.month,
        to_char(make_date(2000, b.month, 1), 'FMMonth'),
        round(b.revenue, 2),
        round(b.units, 1),
        round(100 * b.revenue / nullif(avg(b.revenue) OVER (), 0), 1)
    FROM by_month AS b
    ORDER BY b.month
$$;

COMMENT ON FUNCTION api.get_seasonal_trend(api.name_text, api.name_text, integer, integer) IS
'The seasonal pattern of a category: average revenue and units for each calendar month across the years, and a
seasonality index (100 = an average month; 150 = half again as busy).
@param category_name The category, e.g. ''Garden & Outdoor''.
@param store_name Optional store; default: every store you can see.
@param from_year Optional first year to include.
@param to_year Optional last year to include.
@cache 300';

CREATE OR REPLACE FUNCTION api.get_category_growth(
    year integer, compare_year integer DEFAULT NULL, store_name api.name_text DEFAULT NULL
)
RETURNS TABLE (
    rank bigint, category varchar, revenue numeric, compare_revenue numeric, growth numeric,
    growth_percent numeric
)
LANGUAGE sql
STABLE
AS $$
    -- Validate every argument first: the query below may never read args when nothing matches.
    SELECT
            retail.check_range('year', get_category_growth.year, 2000, 2100) AS this_year,
            retail.check_range('compare_year', coalesce(get_category_growth.compare_year,
                get_category_growth.year - 1), 2000, 2100) AS that_year,
            retail.store_filter(get_category_growth.store_name) AS store_id;
    WITH args AS MATERIALIZED (
        SELECT
            retail.check_range('year', get_category_growth.year, 2000, 2100) AS this_year,
            retail.check_range('compare_year', coalesce(get_category_growth.compare_year,
                get_category_growth.year - 1), 2000, 2100) AS that_year,
            retail.store_filter(get_category_growth.store_name) AS store_id
    ),
    yearly AS (
        SELECT sl.category_id,
               sum(sl.revenue) FILTER (WHERE extract(YEAR FROM sl.order_date) = a.this_year) AS revenue,
               sum(sl.revenue) FILTER (WHERE extract(YEAR FROM sl.order_date) = a.that_year) AS compare_revenue
        FROM retail.sales_lines AS sl CROSS JOIN args AS a
        WHERE extract(YEAR FROM sl.order_date) IN (a.this_year, a.that_year)
          AND (a.store_id IS NULL OR sl.store_id = a.store_id)
        GROUP BY sl.category_id
    )
    SELECT
        row_number() OVER (ORDER BY coalesce(y.revenue, 0) - coalesce(y.compare_revenue, 0) DESC, c.category_name),
        c.category_name,
        coalesce(y.revenue, 0),
        coalesce(y.compare_revenue, 0),
        coalesce(y.revenue, 0) - coalesce(y.compare_revenue, 0),
        round(100 * (coalesce(y.revenue, 0) - y.compare_revenue) / nullif(y.compare_revenue, 0), 2)
    FROM retail.categories AS c
    LEFT JOIN yearly AS y ON y.category_id = c.category_id
    ORDER BY 1
$$;

COMMENT ON FUNCTION api.get_category_growth(integer, integer, api.name_text) IS
'Revenue per category in a year against another year (default: the year before), ranked by growth in money.
@param year The year to look at, e.g. 2025.
@param compare_year The year to compare with (default: year - 1).
@param store_name Optional store; default: every store you can see.
@cache 300';

REVOKE ALL ON FUNCTION api.get_seasonal_trend(api.name_text, api.name_text, integer, integer) FROM public;
REVOKE ALL ON FUNCTION api.get_category_growth(integer, integer, api.name_text) FROM public;
GRANT EXECUTE ON FUNCTION api.get_seasonal_trend(api.name_text, api.name_text, integer, integer),
api.get_category_growth(integer, integer, api.name_text)
TO zava_store_manager, zava_regional_manager, zava_head_office;
