SET LOCAL ROLE zava_owner;

-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_sales_by_dimension(api.sales_dimension, date, date, text);

CREATE OR REPLACE FUNCTION api.get_sales_by_dimension(
    dimension api.sales_dimension, period_start date, period_end date, store_name api.name_text DEFAULT NULL
)
RETURNS TABLE (
    name text, parent text, revenue numeric, units bigint, orders bigint, revenue_share_percent numeric
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_sales_by_dimension.period_start, get_sales_by_dimension.period_end);
    wanted_store := retail.store_filter(get_sales_by_dimension.store_name);
    RETURN QUERY
    WITH grouped AS (
        SELECT
            CASE get_sales_by_dimension.dimension
                WHEN 'category' THEN c.category_name
                WHEN 'product_type' THEN pt.type_name
                WHEN 'product' THEN p.product_name
                ELSE s.store_name
            END::text AS name,
            CASE get_sales_by_dimension.dimension
                WHEN 'product_type' THEN c.category_name
                WHEN 'product' THEN p.sku
            END::text AS parent,
            sum(sl.revenue) AS revenue,
            sum(sl.quantity) AS units,
            count(DISTINCT sl.order_id) AS orders
        FROM retail.sales_lines AS sl
        INNER JOIN retail.products AS p ON p.product_id = sl.product_id
        INNER JOIN retail.categories AS c ON c.category_id = sl.category_id
        INNER JOIN retail.product_types AS pt ON pt.type_id = sl.type_id
        INNER JOIN retail.stores AS s ON s.store_id = sl.store_id
        WHERE sl.order_date BETWEEN get_sales_by_dimension.period_start AND get_sales_by_dimension.period_end
          AND (wanted_store IS NULL OR sl.store_id = wanted_store)
        GROUP BY 1, 2
    )
    SELECT g.name, g.parent, g.revenue, g.units, g.orders,
           round(100 * g.revenue / nullif(sum(g.revenue) OVER (), 0), 2)
    FROM grouped AS g
    ORDER BY g.revenue DESC, g.name;
END
$$;

COMMENT ON FUNCTION api.get_sales_by_dimension(api.sales_dimension, date, date, api.name_text) IS
'Sales split by category, product type, product or store for a period, largest first, with each one''s share.

parent is the category of a product type and the SKU of a product. Revenue counts completed orders after discounts.
@param dimension category, product_type, product or store.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@cache 300';

REVOKE ALL ON FUNCTION api.get_sales_by_dimension(api.sales_dimension, date, date, api.name_text) FROM public;
GRANT EXECUTE ON FUNCTION api.get_sales_by_dimension(api.sales_dimension, date, date, api.name_text)
TO zava_store_manager, zava_regional_manager, zava_head_office;
