{% from "plans.sql" import planned_twice, choose_plan %}
-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql), then the numbers range
-- domains (sql/schema/1000_api_range_domains.sql); CREATE OR REPLACE cannot change a parameter's type, so the
-- earlier versions go first. Then it learnt which order statuses to count (include_statuses).
DROP FUNCTION IF EXISTS api.get_low_stock(integer, text, text);
DROP FUNCTION IF EXISTS api.get_low_stock(integer, api.name_text, api.name_text);
DROP FUNCTION IF EXISTS api.get_low_stock(api.stock_threshold, api.name_text, api.name_text);

-- Inventory questions are answered as of the latest order date the caller can see (the data's "today"), so
-- sales velocity is not diluted by days after the data ends (as in api.get_stockout_risk, 0274).

-- The listing itself, twice: planned once per connection (a generic plan) and planned for each call. One store's
-- stock (a store manager's, or the store asked for) gets the first: planning was most of such a call (Seattle's
-- manager, small 2.1-2.5 -> 1.2-1.5 ms, full 5.0-5.7 -> 3.2-3.5, large 6.1-7.3 -> 5.3-5.4). Several stores get the
-- second: a generic plan merged every store's sales with the stock (head office at large 22-27 ms planned per call,
-- 43-44 generic). BENCHMARKS.md, planner traps.
{% call(copy) planned_twice(
    "low_stock_rows",
    "cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer,
    latest_day date",
    "retail.period_cells, text[], uuid, uuid, integer, date",
    "store varchar, sku varchar, product varchar, category varchar, stock_level integer,
    units_sold_last_90_days bigint, days_of_cover numeric, as_of date, counted_statuses text",
    "get_low_stock''s listing"
) %}
    WITH sold AS (
        SELECT ps.store_id, ps.product_id, ps.units
        FROM retail.product_sales(cells, statuses, wanted_store, wanted_category) AS ps
    )
    SELECT
        s.store_name, p.sku, p.product_name, c.category_name, i.stock_level,
        coalesce(sd.units, 0)::bigint,
        round(i.stock_level / nullif(sd.units / 90.0, 0), 1),
        latest_day,
        array_to_string(statuses, ', ')
    FROM retail.inventory AS i
    INNER JOIN retail.stores AS s ON s.store_id = i.store_id
    INNER JOIN retail.products AS p ON p.product_id = i.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    LEFT JOIN sold AS sd ON sd.store_id = i.store_id AND sd.product_id = i.product_id
    WHERE i.stock_level <= {{ copy }}.threshold
      AND (wanted_store IS NULL OR i.store_id = wanted_store)
      AND (wanted_category IS NULL OR p.category_id = wanted_category)
    ORDER BY i.stock_level, coalesce(sd.units, 0) DESC, s.store_name, p.sku
{% endcall %}

CREATE OR REPLACE FUNCTION api.get_low_stock(
    threshold api.stock_threshold DEFAULT 10, store_name api.name_text DEFAULT NULL,
    category_name api.name_text DEFAULT NULL, include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    store varchar, sku varchar, product varchar, category varchar, stock_level integer,
    units_sold_last_90_days bigint, days_of_cover numeric, as_of date, counted_statuses text
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
    -- The arguments, checked once (threshold's range is its domain's).
    wanted_store := retail.store_filter(get_low_stock.store_name);
    wanted_category := retail.category_filter(get_low_stock.category_name);
    statuses := retail.counted_statuses(get_low_stock.include_statuses);
    latest_day := coalesce(retail.last_order_date(NULL), current_date);
    cells := retail.period_cells(latest_day - 89, latest_day);
    -- One store: the listing's plan kept per connection; several: planned for this call (above).
    {{ choose_plan(
        "low_stock_rows",
        "coalesce(wanted_store, retail.get_current_user_store()) IS NOT NULL",
        "cells, statuses, wanted_store, wanted_category, get_low_stock.threshold, latest_day"
    ) }}
END
$$;

COMMENT ON FUNCTION api.get_low_stock(api.stock_threshold, api.name_text, api.name_text, api.order_status[]) IS
'Products at or below a stock threshold, lowest first, with recent sales and days of cover left.

days_of_cover is stock divided by the average daily units sold in the 90 days up to as_of (empty when nothing
sold). Sales count orders of the statuses in include_statuses (default: completed only).
@param threshold Stock level at or below which a product is listed, 0 to 100,000 (default 10).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category.
@param include_statuses Order statuses whose units count as sold (default ["completed"]).
@column store The store holding the stock.
@column sku The product''s SKU.
@column product The product''s name.
@column category Its category.
@column stock_level Units on hand.
@column units_sold_last_90_days Units sold in the 90 days up to as_of.
@column days_of_cover Days the stock lasts at that pace; empty when nothing sold.
@column as_of The latest order date you can see: the data''s today.
@column counted_statuses The order statuses counted as sales.
@cache 60';

GRANT EXECUTE ON FUNCTION api.get_low_stock(api.stock_threshold, api.name_text, api.name_text, api.order_status[])
TO zava_api_caller;
