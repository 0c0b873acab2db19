{% from "plans.sql" import planned_twice, choose_plan %}
-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql), then the numbers range
-- domains (sql/schema/1000_api_range_domains.sql); CREATE OR REPLACE cannot change a parameter's type, so the
-- earlier versions go first. Then it learnt which order statuses to count (include_statuses).
DROP FUNCTION IF EXISTS api.get_stockout_risk(integer, integer, text);
DROP FUNCTION IF EXISTS api.get_stockout_risk(integer, integer, api.name_text);
DROP FUNCTION IF EXISTS api.get_stockout_risk(api.lookback_days, api.horizon_days, api.name_text);

-- Inventory questions are answered as of the latest order date the caller can see (the data's "today"), so
-- sales velocity is not diluted by days after the data ends (as in api.get_low_stock, 0270).

-- The listing itself, twice: planned for each call's values, and planned once per connection. Planned per call:
-- with the period as its cells (retail.period_cells) planning costs ~1 ms at small, no longer ~5, and a generic plan
-- cannot see how many rollup rows the cells select. It guessed 200 where there were 2,900 and merged the sales with
-- the stock on the store alone (150,000 rows compared): head office, median, custom against generic, stockout risk
-- 7 / 8 ms small, 30 / 25 full, 36 / 44 large (BENCHMARKS.md, planner traps). One store's stock over the default
-- 90 days takes the kept plan: planning was most of such a call (Seattle's manager, 12-07 evening: small 2.5-4.1 ->
-- 1.0-1.2 ms, full 3.2-3.4 -> 2.0-2.2, large 6.5-7.5 -> 4.8-5.3), as for get_low_stock (0270).
{% call(copy) planned_twice(
    "stockout_rows",
    "cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer,
    latest_day date",
    "retail.period_cells, text[], uuid, integer, integer, date",
    "store varchar, sku varchar, product varchar, stock_level integer, daily_velocity numeric,
    days_until_stockout numeric, status text, as_of date, counted_statuses text",
    "get_stockout_risk''s listing"
) %}
    WITH velocity AS (
        SELECT ps.store_id, ps.product_id, ps.units / {{ copy }}.lookback_days AS per_day
        FROM retail.product_sales(cells, statuses, wanted_store, NULL) AS ps
        WHERE ps.units > 0
    )
    SELECT
        s.store_name, p.sku, p.product_name, i.stock_level,
        round(v.per_day, 3),
        round(i.stock_level / v.per_day, 1),
        CASE WHEN i.stock_level = 0 THEN 'out of stock' ELSE 'at risk' END,
        latest_day,
        array_to_string(statuses, ', ')
    FROM velocity AS v
    INNER JOIN retail.inventory AS i ON i.store_id = v.store_id AND i.product_id = v.product_id
    INNER JOIN retail.stores AS s ON s.store_id = i.store_id
    INNER JOIN retail.products AS p ON p.product_id = i.product_id
    WHERE i.stock_level < v.per_day * {{ copy }}.horizon_days
    ORDER BY i.stock_level / v.per_day, s.store_name, p.sku
{% endcall %}

CREATE OR REPLACE FUNCTION api.get_stockout_risk(
    lookback_days api.lookback_days DEFAULT 90, horizon_days api.horizon_days DEFAULT 30,
    store_name api.name_text DEFAULT NULL, include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    store varchar, sku varchar, product varchar, stock_level integer, daily_velocity numeric,
    days_until_stockout numeric, status text, as_of date, counted_statuses text
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    latest_day date;
    statuses text [];
    cells retail.period_cells;
BEGIN
    -- The arguments, checked once (the ranges of lookback_days and horizon_days are their domains').
    wanted_store := retail.store_filter(get_stockout_risk.store_name);
    statuses := retail.counted_statuses(get_stockout_risk.include_statuses);
    latest_day := coalesce(retail.last_order_date(NULL), current_date);
    cells := retail.period_cells(latest_day - get_stockout_risk.lookback_days + 1, latest_day);
    -- One store over the default 90 days: the listing's plan kept per connection; otherwise planned for this call.
    {{ choose_plan(
        "stockout_rows",
        "coalesce(wanted_store, retail.get_current_user_store()) IS NOT NULL AND get_stockout_risk.lookback_days <= 90",
        "cells, statuses, wanted_store, get_stockout_risk.lookback_days, get_stockout_risk.horizon_days, latest_day"
    ) }}
END
$$;

COMMENT ON FUNCTION api.get_stockout_risk(api.lookback_days, api.horizon_days, api.name_text, api.order_status[]) IS
'Products that sell and will run out within the horizon at their recent sales velocity (or already have).

Velocity is average units per day over lookback_days up to as_of, the latest order date you can see. Sales count
orders of the statuses in include_statuses (default: completed only).
@param lookback_days Days of sales to measure velocity over, 7 to 730 (default 90).
@param horizon_days Days ahead to look, 1 to 365 (default 30).
@param store_name Optional store; default: every store you can see.
@param include_statuses Order statuses whose units count as sold (default ["completed"]).
@column store The store holding the stock.
@column sku The product''s SKU.
@column product The product''s name.
@column stock_level Units on hand.
@column daily_velocity Average units sold per day over the lookback.
@column days_until_stockout stock_level / daily_velocity.
@column status out of stock, or at risk (runs out within the horizon).
@column as_of The latest order date you can see: the data''s today.
@column counted_statuses The order statuses counted as sales.
@cache 60';

GRANT EXECUTE ON FUNCTION api.get_stockout_risk(api.lookback_days, api.horizon_days, api.name_text, api.order_status[])
TO zava_api_caller;
