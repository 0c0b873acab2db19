-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE cannot
-- change a parameter's type, so the text version goes first.
DROP FUNCTION IF EXISTS api.get_inventory_value(text);

CREATE OR REPLACE FUNCTION api.get_inventory_value(store_name api.name_text DEFAULT NULL)
RETURNS TABLE (
    store varchar, category varchar, products bigint, units bigint, value_at_cost numeric,
    value_at_price numeric, out_of_stock bigint
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
BEGIN
    -- The argument, checked once.
    wanted_store := retail.store_filter(get_inventory_value.store_name);
    -- Summed per store and category id first, then named: grouping the joined names of every stock row cost
    -- a third more (head office at small, 3,240 stock rows: ~3.1 against ~2.3 ms).
    RETURN QUERY
    SELECT s.store_name, c.category_name, t.products, t.units, t.value_at_cost, t.value_at_price, t.out_of_stock
    FROM (
        SELECT
            i.store_id,
            p.category_id,
            count(*) AS products,
            sum(i.stock_level) AS units,
            sum(i.stock_level * p.cost) AS value_at_cost,
            sum(i.stock_level * p.base_price) AS value_at_price,
            count(*) FILTER (WHERE i.stock_level = 0) AS out_of_stock
        FROM retail.inventory AS i
        INNER JOIN retail.products AS p ON p.product_id = i.product_id
        WHERE wanted_store IS NULL OR i.store_id = wanted_store
        GROUP BY i.store_id, p.category_id
    ) AS t
    INNER JOIN retail.stores AS s ON s.store_id = t.store_id
    INNER JOIN retail.categories AS c ON c.category_id = t.category_id
    ORDER BY s.store_name, c.category_name;
END
$$;

COMMENT ON FUNCTION api.get_inventory_value(api.name_text) IS
'Stock on hand per store and category: products stocked, units, value at cost and at list price, and how many
products are out of stock.
@param store_name Optional store; default: every store you can see.
@column store The store.
@column category The category.
@column products Products stocked (with an inventory record, also at zero).
@column units Units on hand.
@column value_at_cost Units x the product''s cost.
@column value_at_price Units x the product''s list price.
@column out_of_stock Products with zero units.
@cache 60';

GRANT EXECUTE ON FUNCTION api.get_inventory_value(api.name_text)
TO zava_api_caller;
