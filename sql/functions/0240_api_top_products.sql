SET LOCAL ROLE zava_owner;

-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql), then top_n a range domain
-- (sql/schema/1000_api_range_domains.sql); CREATE OR REPLACE cannot change a parameter's type, so the earlier
-- versions go first.
DROP FUNCTION IF EXISTS api.get_top_products(date, date, api.rank_metric, integer, text, text);
DROP FUNCTION IF EXISTS api.get_top_products(date, date, api.rank_metric, integer, api.name_text, api.name_text);

CREATE OR REPLACE FUNCTION api.get_top_products(
    period_start date, period_end date, rank_by api.rank_metric DEFAULT 'revenue', top_n api.top_n DEFAULT 10,
    store_name api.name_text DEFAULT NULL, category_name api.name_text DEFAULT NULL
)
RETURNS TABLE (
    rank bigint, sku varchar, product varchar, category varchar, units bigint, revenue numeric, orders bigint
)
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
    -- The arguments, checked once (top_n's range is its domain's).
    PERFORM retail.check_period(get_top_products.period_start, get_top_products.period_end);
    wanted_store := retail.store_filter(get_top_products.store_name);
    wanted_category := retail.category_filter(get_top_products.category_name);
    RETURN QUERY
    WITH totals AS (
        SELECT sl.product_id, sum(sl.quantity) AS units, sum(sl.revenue) AS revenue,
               count(DISTINCT sl.order_id) AS orders
        FROM retail.sales_lines AS sl
        WHERE sl.order_date BETWEEN get_top_products.period_start AND get_top_products.period_end
          AND (wanted_store IS NULL OR sl.store_id = wanted_store)
          AND (wanted_category IS NULL OR sl.category_id = wanted_category)
        GROUP BY sl.product_id
    ),
    ranked AS (
        SELECT t.*, row_number() OVER (ORDER BY
            CASE get_top_products.rank_by WHEN 'quantity' THEN t.units::numeric ELSE t.revenue END DESC,
            t.revenue DESC, t.product_id) AS rank
        FROM totals AS t
    )
    SELECT r.rank, p.sku, p.product_name, c.category_name, r.units, r.revenue, r.orders
    FROM ranked AS r
    INNER JOIN retail.products AS p ON p.product_id = r.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    WHERE r.rank <= get_top_products.top_n
    ORDER BY r.rank;
END
$$;

COMMENT ON FUNCTION api.get_top_products(date, date, api.rank_metric, api.top_n, api.name_text, api.name_text) IS
'The best-selling products of a period, by revenue or by units sold.

Revenue counts completed orders after discounts.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param rank_by revenue (default) or quantity.
@param top_n How many products, 1 to 100 (default 10).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category to rank within.
@cache 300';

REVOKE ALL ON FUNCTION api.get_top_products(date, date, api.rank_metric, api.top_n, api.name_text, api.name_text)
FROM public;
GRANT EXECUTE ON FUNCTION api.get_top_products(date, date, api.rank_metric, api.top_n, api.name_text, api.name_text)
TO zava_store_manager, zava_regional_manager, zava_head_office;
