SET LOCAL ROLE zava_owner;

-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_low_stock(integer, text, text);
DROP FUNCTION IF EXISTS api.get_inventory_value(text);
DROP FUNCTION IF EXISTS api.get_stockout_risk(integer, integer, text);

-- Inventory questions are answered as of the latest order date the caller can see (the data's "today"), so
-- sales velocity is not diluted by days after the data ends.

CREATE OR REPLACE FUNCTION api.get_low_stock(
    threshold integer DEFAULT 10, store_name api.name_text DEFAULT NULL, category_name api.name_text DEFAULT NULL
)
RETURNS TABLE (
    store varchar, sku varchar, product varchar, category varchar, stock_level integer,
    units_sold_last_90_days bigint, days_of_cover numeric, as_of date
)
LANGUAGE sql
STABLE
AS $$
    -- Validate every argument first: the query below may never read args when nothing matches.
    SELECT
            retail.store_filter(get_low_stock.store_name) AS store_id,
            retail.category_filter(get_low_stock.category_name) AS category_id,
            retail.check_range('threshold', get_low_stock.threshold, 0, 100000) AS threshold;
    WITH args AS MATERIALIZED (
        SELECT
            retail.store_filter(get_low_stock.store_name) AS store_id,
            retail.category_filter(get_low_stock.category_name) AS category_id,
            retail.check_range('threshold', get_low_stock.threshold, 0, 100000) AS threshold,
            coalesce((SELECT max(o.order_date) FROM retail.orders AS o), current_date) AS as_of
    ),
    sold AS (
        SELECT sl.store_id, sl.product_id, sum(sl.quantity) AS units
        FROM retail.sales_lines AS sl CROSS JOIN args AS a
        WHERE sl.order_date > a.as_of - 90 AND sl.order_date <= a.as_of
          AND (a.store_id IS NULL OR sl.store_id = a.store_id)
        GROUP BY sl.store_id, sl.product_id
    )
    SELECT
        s.store_name, p.sku, p.product_name, c.category_name, i.stock_level,
        coalesce(sd.units, 0),
        round(i.stock_level / nullif(sd.units / 90.0, 0), 1),
        a.as_of
    FROM retail.inventory AS i
    CROSS JOIN args AS a
    INNER JOIN retail.stores AS s ON s.store_id = i.store_id
    INNER JOIN retail.products AS p ON p.product_id = i.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    LEFT JOIN sold AS sd ON sd.store_id = i.store_id AND sd.product_id = i.product_id
    WHERE i.stock_level <= a.threshold
      AND (a.store_id IS NULL OR i.store_id = a.store_id)
      AND (a.category_id IS NULL OR p.category_id = a.category_id)
    ORDER BY i.stock_level, coalesce(sd.units, 0) DESC, s.store_name, p.sku
$$;

COMMENT ON FUNCTION api.get_low_stock(integer, api.name_text, api.name_text) IS
'Products at or below a stock threshold, lowest first, with recent sales and days of cover left.

days_of_cover is stock divided by the average daily units sold in the 90 days up to as_of (empty when nothing
sold).
@param threshold Stock level at or below which a product is listed (default 10).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category.
@cache 60';

CREATE OR REPLACE FUNCTION api.get_inventory_value(store_name api.name_text DEFAULT NULL)
RETURNS TABLE (
    store varchar, category varchar, products bigint, units bigint, value_at_cost numeric,
    value_at_price numeric, out_of_stock bigint
)
LANGUAGE sql
STABLE
AS $$
    -- Validate every argument first: the query below may never read args when nothing matches.
    SELECT retail.store_filter(get_inventory_value.store_name) AS store_id;
    WITH args AS MATERIALIZED (SELECT retail.store_filter(get_inventory_value.store_name) AS store_id)
    SELECT
        s.store_name,
        c.category_name,
        count(*),
        sum(i.stock_level),
        sum(i.stock_level * p.cost),
        sum(i.stock_level * p.base_price),
        count(*) FILTER (WHERE i.stock_level = 0)
    FROM retail.inventory AS i
    CROSS JOIN args AS a
    INNER JOIN retail.stores AS s ON s.store_id = i.store_id
    INNER JOIN retail.products AS p ON p.product_id = i.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    WHERE a.store_id IS NULL OR i.store_id = a.store_id
    GROUP BY s.store_name, c.category_name
    ORDER BY s.store_name, c.category_name
$$;

COMMENT ON FUNCTION api.get_inventory_value(api.name_text) IS
'Stock on hand per store and category: products stocked, units, value at cost and at list price, and how many
products are out of stock.
@param store_name Optional store; default: every store you can see.
@cache 60';

CREATE OR REPLACE FUNCTION api.get_stockout_risk(
    lookback_days integer DEFAULT 90, horizon_days integer DEFAULT 30, store_name api.name_text DEFAULT NULL
)
RETURNS TABLE (
    store varchar, sku varchar, product varchar, stock_level integer, daily_velocity numeric,
    days_until_stockout numeric, status text, as_of date
)
LANGUAGE sql
STABLE
AS $$
    -- Validate every argument first: the query below may never read args when nothing matches.
    SELECT
            retail.store_filter(get_stockout_risk.store_name) AS store_id,
            retail.check_range('lookback_days', get_stockout_risk.lookback_days, 7, 730) AS lookback,
            retail.check_range('horizon_days', get_stockout_risk.horizon_days, 1, 365) AS horizon;
    WITH args AS MATERIALIZED (
        SELECT
            retail.store_filter(get_stockout_risk.store_name) AS store_id,
            retail.check_range('lookback_days', get_stockout_risk.lookback_days, 7, 730) AS lookback,
            retail.check_range('horizon_days', get_stockout_risk.horizon_days, 1, 365) AS horizon,
            coalesce((SELECT max(o.order_date) FROM retail.orders AS o), current_date) AS as_of
    ),
    velocity AS (
        SELECT sl.store_id, sl.product_id, sum(sl.quantity)::numeric / a.lookback AS per_day
        FROM retail.sales_lines AS sl CROSS JOIN args AS a
        WHERE sl.order_date > a.as_of - a.lookback AND sl.order_date <= a.as_of
          AND (a.store_id IS NULL OR sl.store_id = a.store_id)
        GROUP BY sl.store_id, sl.product_id, a.lookback
    )
    SELECT
        s.store_name, p.sku, p.product_name, i.stock_level,
        round(v.per_day, 3),
        round(i.stock_level / v.per_day, 1),
        CASE WHEN i.stock_level = 0 THEN 'out of stock' ELSE 'at risk' END,
        a.as_of
    FROM velocity AS v
    CROSS JOIN args AS a
    INNER JOIN retail.inventory AS i ON i.store_id = v.store_id AND i.product_id = v.product_id
    INNER JOIN retail.stores AS s ON s.store_id = i.store_id
    INNER JOIN retail.products AS p ON p.product_id = i.product_id
    WHERE i.stock_level < v.per_day * a.horizon
    ORDER BY i.stock_level / v.per_day, s.store_name, p.sku
$$;

COMMENT ON FUNCTION api.get_stockout_risk(integer, integer, api.name_text) IS
'Products that sell and will run out within the horizon at their recent sales velocity (or already have).

Velocity is average units per day over lookback_days up to as_of, the latest order date you can see.
@param lookback_days Days of sales to measure velocity over, 7 to 730 (default 90).
@param horizon_days Days ahead to look, 1 to 365 (default 30).
@param store_name Optional store; default: every store you can see.
@cache 60';

REVOKE ALL ON FUNCTION api.get_low_stock(integer, api.name_text, api.name_text) FROM public;
REVOKE ALL ON FUNCTION api.get_inventory_value(api.name_text) FROM public;
REVOKE ALL ON FUNCTION api.get_stockout_risk(integer, integer, api.name_text) FROM public;
GRANT EXECUTE ON FUNCTION api.get_low_stock(integer, api.name_text, api.name_text),
api.get_inventory_value(api.name_text),
api.get_stockout_risk(integer, integer, api.name_text)
TO zava_store_manager, zava_regional_manager, zava_head_office;
