-- The stock that does not sell: products on hand that sold least over a lookback (none at all first), with the
-- money tied up in them. Every sales tool lists only what sold, so an outside analyst found a store's 171 products
-- with stock and no sale in 90 days only by ad-hoc SQL.
CREATE OR REPLACE FUNCTION api.get_slow_movers(
    lookback_days api.lookback_days DEFAULT 90, top_n api.top_n DEFAULT 20, store_name api.name_text DEFAULT NULL,
    category_name api.name_text DEFAULT NULL, include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    rank bigint, store varchar, sku varchar, product varchar, category varchar, stock_level integer,
    units_sold bigint, value_at_cost numeric, days_of_cover numeric, products_unsold bigint, as_of date,
    counted_statuses text
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
    latest_day date;
    statuses text [];
    cells retail.period_cells;
BEGIN
    wanted_store := retail.store_filter(get_slow_movers.store_name);
    wanted_category := retail.category_filter(get_slow_movers.category_name);
    statuses := retail.counted_statuses(get_slow_movers.include_statuses);
    latest_day := coalesce(retail.last_order_date(wanted_store), current_date);
    cells := retail.period_cells(latest_day - get_slow_movers.lookback_days + 1, latest_day);
    RETURN QUERY
    WITH sold AS (
        SELECT ps.store_id, ps.product_id, ps.units
        FROM retail.product_sales(cells, statuses, wanted_store, wanted_category) AS ps
    ),
    on_hand AS (
        SELECT i.store_id, i.product_id, i.stock_level, coalesce(sd.units, 0)::bigint AS units,
               round(i.stock_level * p.cost, 2) AS value_at_cost
        FROM retail.inventory AS i
        INNER JOIN retail.products AS p ON p.product_id = i.product_id
        LEFT JOIN sold AS sd ON sd.store_id = i.store_id AND sd.product_id = i.product_id
        WHERE i.stock_level > 0
          AND (wanted_store IS NULL OR i.store_id = wanted_store)
          AND (wanted_category IS NULL OR p.category_id = wanted_category)
    ),
    ranked AS (
        SELECT h.*, row_number() OVER (ORDER BY h.units, h.value_at_cost DESC, h.store_id, h.product_id) AS n,
               count(*) FILTER (WHERE h.units = 0) OVER () AS unsold
        FROM on_hand AS h
    )
    SELECT
        r.n, s.store_name, p.sku, p.product_name, c.category_name, r.stock_level, r.units, r.value_at_cost,
        round(r.stock_level / nullif(r.units::numeric / get_slow_movers.lookback_days, 0), 1),
        r.unsold, latest_day, array_to_string(statuses, ', ')
    FROM ranked AS r
    INNER JOIN retail.stores AS s ON s.store_id = r.store_id
    INNER JOIN retail.products AS p ON p.product_id = r.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    WHERE r.n <= get_slow_movers.top_n
    ORDER BY r.n;
END
$$;

COMMENT ON FUNCTION api.get_slow_movers(
    api.lookback_days, api.top_n, api.name_text, api.name_text, api.order_status[]
) IS
'The stock that does not sell: products in stock that sold the fewest units in the last lookback_days up to as_of,
those that sold none first, then by the money tied up in them (stock at cost), per store.

Dead stock and markdown candidates. products_unsold counts every product in stock with no sale in the lookback
(not only the rows returned). Sales count orders of the statuses in include_statuses (default: completed only).
@param lookback_days Days of sales to look at, up to as_of, 7 to 730 (default 90).
@param top_n How many products, 1 to 100 (default 20).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category.
@param include_statuses Order statuses whose units count as sold (default ["completed"]).
@column rank 1 for the slowest.
@column store The store holding the stock.
@column sku The product''s SKU.
@column product The product''s name.
@column category Its category.
@column stock_level Units on hand.
@column units_sold Units sold in the lookback.
@column value_at_cost stock_level x the product''s cost: the money tied up.
@column days_of_cover Days the stock lasts at the lookback''s pace; empty when nothing sold.
@column products_unsold Products in stock (at the stores and category asked) with no sale in the lookback.
@column as_of The last order date you can see (of store_name when given): the data''s today.
@column counted_statuses The order statuses counted as sales.
@cache 60';

GRANT EXECUTE ON FUNCTION api.get_slow_movers(
    api.lookback_days, api.top_n, api.name_text, api.name_text, api.order_status[]
)
TO zava_api_caller;
