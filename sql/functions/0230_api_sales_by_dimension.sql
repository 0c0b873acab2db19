-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_sales_by_dimension(api.sales_dimension, date, date, text);
-- Then it learnt which order statuses to count (include_statuses), a category filter and more measures.
DROP FUNCTION IF EXISTS api.get_sales_by_dimension(api.sales_dimension, date, date, api.name_text);

CREATE OR REPLACE FUNCTION api.get_sales_by_dimension(
    dimension api.sales_dimension, period_start date, period_end date, store_name api.name_text DEFAULT NULL,
    category_name api.name_text DEFAULT NULL, include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    name text, parent text, revenue numeric, units bigint, orders bigint, discount numeric, gross_margin numeric,
    revenue_share_percent numeric, counted_statuses text
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
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_sales_by_dimension.period_start, get_sales_by_dimension.period_end);
    wanted_store := retail.store_filter(get_sales_by_dimension.store_name);
    wanted_category := retail.category_filter(get_sales_by_dimension.category_name);
    statuses := retail.counted_statuses(get_sales_by_dimension.include_statuses);
    cells := retail.period_cells(get_sales_by_dimension.period_start, get_sales_by_dimension.period_end);
    -- Each dimension from the rollup of its grain: orders (those containing the thing) only add up within it.
    RETURN QUERY
    WITH grouped AS (
        SELECT s.store_name::text AS name, NULL::text AS parent, retail.money(sum(d.revenue_cents)) AS revenue,
               sum(d.units) AS units, sum(d.orders) AS orders, retail.money(sum(d.discount_cents)) AS discount,
               retail.money(sum(d.revenue_cents - d.cost_cents)) AS margin
        FROM retail.day_sales(
            get_sales_by_dimension.period_start, get_sales_by_dimension.period_end, statuses, wanted_store,
            wanted_category
        ) AS d
        INNER JOIN retail.stores AS s ON s.store_id = d.store_id
        WHERE get_sales_by_dimension.dimension = 'store'
        GROUP BY 1
        UNION ALL
        SELECT c.category_name::text, NULL, retail.money(sum(r.revenue_cents)), sum(r.units), sum(r.orders),
               retail.money(sum(r.discount_cents)),
               retail.money(sum(r.revenue_cents - r.cost_cents))
        FROM retail.sales_category_day AS r
        INNER JOIN retail.categories AS c ON c.category_id = r.category_id
        WHERE get_sales_by_dimension.dimension = 'category'
          AND r.order_date BETWEEN get_sales_by_dimension.period_start AND get_sales_by_dimension.period_end
          AND r.status = ANY(statuses) AND (wanted_store IS NULL OR r.store_id = wanted_store)
          AND (wanted_category IS NULL OR r.category_id = wanted_category)
        GROUP BY 1
        UNION ALL
        SELECT t.type_name::text, c.category_name::text, retail.money(sum(ts.revenue_cents)), sum(ts.units),
               sum(ts.orders),
               retail.money(sum(ts.discount_cents)), retail.money(sum(ts.revenue_cents - ts.cost_cents))
        FROM retail.type_sales(cells, statuses, wanted_store, wanted_category) AS ts
        INNER JOIN retail.product_types AS t ON t.type_id = ts.type_id
        INNER JOIN retail.categories AS c ON c.category_id = t.category_id
        WHERE get_sales_by_dimension.dimension = 'product_type'
        GROUP BY 1, 2
        UNION ALL
        SELECT p.product_name::text, p.sku::text, retail.money(sum(ps.revenue_cents)), sum(ps.units), sum(ps.orders),
               retail.money(sum(ps.discount_cents)), retail.money(sum(ps.revenue_cents - ps.cost_cents))
        FROM retail.product_sales(cells, statuses, wanted_store, wanted_category) AS ps
        INNER JOIN retail.products AS p ON p.product_id = ps.product_id
        WHERE get_sales_by_dimension.dimension = 'product'
        GROUP BY 1, 2
    )
    SELECT g.name, g.parent, g.revenue, g.units::bigint, g.orders::bigint, g.discount, round(g.margin, 2),
           round(100 * g.revenue / nullif(sum(g.revenue) OVER (), 0), 2), array_to_string(statuses, ', ')
    FROM grouped AS g
    WHERE g.orders > 0
    ORDER BY g.revenue DESC, g.name;
END
$$;

COMMENT ON FUNCTION api.get_sales_by_dimension(
    api.sales_dimension, date, date, api.name_text, api.name_text, api.order_status[]
) IS
'Sales split by category, product type, product or store for a period, largest first, with each one''s share.

parent is the category of a product type and the SKU of a product. orders are the orders containing the category,
type, product or store, so they add up to more than all orders. Counts orders of the statuses in
include_statuses (default: completed only); measures as in get_measure_glossary.
@param dimension category, product_type, product or store.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category to split within (or, by store, to count only).
@param include_statuses Order statuses to count (default ["completed"]).
@column name The category, product type, product or store.
@column parent Category of a product type, SKU of a product, else empty.
@column revenue Sum of line totals after discounts.
@column units Units sold.
@column orders Orders containing it.
@column discount Discounts given on its lines.
@column gross_margin revenue minus cost.
@column revenue_share_percent Its share of the revenue of all rows.
@column counted_statuses The order statuses counted.
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_sales_by_dimension(
    api.sales_dimension, date, date, api.name_text, api.name_text, api.order_status[]
)
TO zava_api_caller;
